"""Writing, issuing and crediting invoices.

Each function runs inside the caller's transaction (``Database.writing()``), so issuing a
draft, drawing its number and storing its totals either all happen or none does.
"""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ..domain import due_dates
from ..domain.credit import check_credit_amount
from ..domain.due_dates import PaymentTerms
from ..domain.errors import RuleViolation
from ..domain.identifiers import make_ocr
from ..domain.invoice import DraftLine, InvoiceDraft, require_valid
from ..domain.money import from_minor, to_minor
from ..domain.totals import Totals
from ..domain.vat import VatRate
from ..storage.models import InvoiceLineRow, InvoiceRow, InvoiceVatRow
from . import numbering
from .company import require_company
from .customers import find_customer

logger = logging.getLogger(__name__)


class ConflictError(RuleViolation):
    """Someone else saved the same record since it was opened."""


def save_draft(
    session: Session,
    draft: InvoiceDraft,
    *,
    invoice_id: int | None = None,
    expected_version: int | None = None,
    payment_terms: str | None = None,
) -> InvoiceRow:
    """Create a draft, or replace the contents of an existing one.

    ``expected_version`` is the version the editor loaded; if the row moved on since,
    the save is refused instead of overwriting the other clerk's work.
    """
    require_valid(draft)
    customer = find_customer(session, draft.customer_number)
    if customer is None:
        raise RuleViolation(f"no customer with number {draft.customer_number!r}")
    if invoice_id is None:
        record = InvoiceRow(kind="invoice", is_draft=True)
        session.add(record)
    else:
        record = _draft_row(session, invoice_id)
        if expected_version is not None and record.version != expected_version:
            raise ConflictError(
                "this draft was changed by someone else since you opened it; "
                "reopen it to see their changes"
            )
    record.customer_id = customer.id
    record.payment_terms = payment_terms or customer.payment_terms
    _fill_from_draft(record, draft)
    try:
        session.flush()
    except StaleDataError:
        raise ConflictError("this draft was changed or removed by someone else") from None
    return record


def delete_draft(session: Session, invoice_id: int) -> None:
    session.delete(_draft_row(session, invoice_id))
    session.flush()


def issue_invoice(session: Session, invoice_id: int, *, now: dt.datetime | None = None):
    """Give a draft its number, OCR and due date, and freeze it. Returns the row."""
    record = _draft_row(session, invoice_id)
    draft = draft_of(record)
    require_valid(draft, for_issue=True)
    company = require_company(session)

    if record.due_date is None:
        terms = PaymentTerms.parse(record.payment_terms)
        record.due_date = due_dates.due_date(
            record.issue_date, terms, next_bank_day=company.due_date_next_bank_day
        )
    record.number = numbering.next_number(session, record.series_key, record.issue_date.year)
    record.ocr = make_ocr(record.number, length_digit=company.ocr_length_digit)
    record.buyer = _buyer_snapshot(record)
    _store_totals(record, draft.totals())
    record.is_draft = False
    record.issued_at = now or dt.datetime.now()
    session.flush()
    logger.info("issued invoice %s (%s %s)", record.number, record.total_minor, record.currency)
    return record


def credit_invoice(
    session: Session,
    invoice_id: int,
    *,
    lines: list[DraftLine] | None = None,
    issue_date: dt.date | None = None,
    reason: str = "",
    now: dt.datetime | None = None,
) -> InvoiceRow:
    """Issue a credit note for an issued invoice: all of it, or the ``lines`` given.

    Partial credit lines are written as the clerk thinks of them (positive quantities to
    take off); the credit note stores them negated. It can never take off more than is
    left to credit.
    """
    original = session.get(InvoiceRow, invoice_id)
    if original is None or original.is_draft or original.kind != "invoice":
        raise RuleViolation("only an issued invoice can be credited")
    company = require_company(session)
    source = draft_of(original)
    day = issue_date or dt.date.today()
    if day < original.issue_date:
        raise RuleViolation("a credit note cannot be dated before the invoice it credits")

    if lines is None:
        credit_lines = [_negated(line) for line in source.lines]
        discount = -source.invoice_discount
    else:
        credit_lines = [_negated(line) for line in lines]
        discount = Decimal(0)
    credit = InvoiceDraft(
        customer_number=source.customer_number,
        currency=original.currency,
        issue_date=day,
        lines=credit_lines,
        prices_include_vat=original.prices_include_vat,
        round_to_whole=original.round_to_whole,
        invoice_discount=Decimal(0),
        notes=reason,
    )
    if not credit_lines:
        raise RuleViolation("a partial credit note needs at least one line")
    require_valid(credit)
    # The discount of a full credit is the mirror of the original's (negative), which the
    # draft check would refuse as a negative discount, so it is set after the check.
    credit.invoice_discount = discount
    totals = credit.totals()
    check_credit_amount(
        from_minor(original.total_minor, original.currency),
        from_minor(original.credited_minor, original.currency),
        totals.total,
    )

    record = InvoiceRow(
        kind="credit_note",
        is_draft=True,
        customer_id=original.customer_id,
        credits_id=original.id,
        series_key=original.series_key,
        payment_terms=original.payment_terms,
        buyer=dict(original.buyer),
    )
    _fill_from_draft(record, credit)
    record.due_date = day
    record.number = numbering.next_number(session, record.series_key, day.year)
    record.ocr = None
    _store_totals(record, totals)
    record.is_draft = False
    record.issued_at = now or dt.datetime.now()
    session.add(record)
    original.credited_minor += -record.total_minor
    session.flush()
    logger.info("credit note %s for %s: %s", record.number, original.number, record.total_minor)
    return record


def draft_of(record: InvoiceRow) -> InvoiceDraft:
    """The domain view of a stored invoice: what the clerk wrote, to compute totals from."""
    currency = record.currency
    return InvoiceDraft(
        customer_number=record.customer.number,
        currency=currency,
        issue_date=record.issue_date,
        delivery_date=record.delivery_date,
        due_date=record.due_date,
        prices_include_vat=record.prices_include_vat,
        round_to_whole=record.round_to_whole,
        invoice_discount=from_minor(record.invoice_discount_minor, currency),
        our_reference=record.our_reference,
        your_reference=record.your_reference,
        notes=record.notes,
        lines=[
            DraftLine(
                description=line.description,
                quantity=line.quantity,
                unit_price=from_minor(line.unit_price_minor, currency),
                rate=VatRate(line.vat_code, line.vat_percent, line.vat_category),
                unit=line.unit,
                discount_percent=line.discount_percent,
            )
            for line in record.lines
        ],
    )


def get_by_number(session: Session, number: str) -> InvoiceRow | None:
    return session.scalar(select(InvoiceRow).where(InvoiceRow.number == number))


def _draft_row(session: Session, invoice_id: int) -> InvoiceRow:
    record = session.get(InvoiceRow, invoice_id)
    if record is None:
        raise RuleViolation(f"invoice {invoice_id} does not exist")
    if not record.is_draft:
        raise RuleViolation(
            f"invoice {record.number} is issued and cannot change; credit it instead"
        )
    return record


def _fill_from_draft(record: InvoiceRow, draft: InvoiceDraft) -> None:
    currency = draft.currency
    record.currency = currency
    record.issue_date = draft.issue_date
    record.delivery_date = draft.delivery_date
    record.due_date = draft.due_date
    record.prices_include_vat = draft.prices_include_vat
    record.round_to_whole = draft.round_to_whole
    record.invoice_discount_minor = to_minor(draft.invoice_discount, currency)
    record.our_reference = draft.our_reference
    record.your_reference = draft.your_reference
    record.notes = draft.notes
    totals = draft.totals()
    record.lines = [
        InvoiceLineRow(
            position=index,
            description=line.description,
            quantity=line.quantity,
            unit=line.unit,
            unit_price_minor=to_minor(line.unit_price, currency),
            discount_percent=line.discount_percent,
            vat_code=line.rate.code,
            vat_percent=line.rate.percent,
            vat_category=line.rate.category,
            amount_minor=to_minor(amount, currency),
        )
        for index, (line, amount) in enumerate(zip(draft.lines, totals.line_amounts, strict=True))
    ]
    _store_totals(record, totals)


def _store_totals(record: InvoiceRow, totals: Totals) -> None:
    currency = totals.currency
    record.net_minor = to_minor(totals.net_total, currency)
    record.vat_minor = to_minor(totals.vat_total, currency)
    record.rounding_minor = to_minor(totals.rounding, currency)
    record.total_minor = to_minor(totals.total, currency)
    record.vat_groups = [
        InvoiceVatRow(
            position=index,
            vat_code=group.rate.code,
            vat_percent=group.rate.percent,
            vat_category=group.rate.category,
            lines_minor=to_minor(group.lines, currency),
            discount_minor=to_minor(group.discount, currency),
            net_minor=to_minor(group.net, currency),
            vat_minor=to_minor(group.vat, currency),
        )
        for index, group in enumerate(totals.groups)
    ]


def _buyer_snapshot(record: InvoiceRow) -> dict:
    customer = record.customer
    return {
        "number": customer.number,
        "name": customer.name,
        "kind": customer.kind,
        "org_number": customer.org_number,
        "vat_number": customer.vat_number,
        "street": customer.street,
        "postal_code": customer.postal_code,
        "city": customer.city,
        "country": customer.country,
        "language": customer.language,
    }


def _negated(line: DraftLine) -> DraftLine:
    return DraftLine(
        description=line.description,
        quantity=-line.quantity,
        unit_price=line.unit_price,
        rate=line.rate,
        unit=line.unit,
        discount_percent=line.discount_percent,
    )
