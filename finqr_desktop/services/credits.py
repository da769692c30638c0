"""Crediting issued invoices: in full, for what is left, or line by line.

Each credit note is issued at once, in the caller's transaction, with its own number from
the invoice's series, and moves the original's running ``credited`` sum in the same step.
What the customer had paid beyond what the credit leaves owing becomes their credit in that
step too (services.credit_overpaid).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..domain.credit import check_credit_amount, check_credit_per_rate
from ..domain.errors import RuleViolation
from ..domain.invoice import DraftLine, InvoiceDraft, require_valid
from ..domain.messages import msg
from ..domain.money import from_minor
from ..domain.totals import Totals
from ..domain.vat import VatRate
from ..storage.models import InvoiceRow
from . import audit, numbering
from .company import require_company
from .credit_overpaid import move_overpaid
from .documents import archive_pdf
from .invoices import draft_of, fill_from_draft, queue_email, store_totals
from .templates import default_version_id

logger = logging.getLogger(__name__)

REST_OF_INVOICE = {
    "sv": "Återstående belopp, faktura {number}",
    "en": "Remainder of invoice {number}",
}


def credit_invoice(
    session: Session,
    invoice_id: int,
    *,
    lines: list[DraftLine] | None = None,
    issue_date: dt.date | None = None,
    reason: str = "",
    now: dt.datetime | None = None,
    archive: bool = True,
    email: bool = True,
) -> InvoiceRow:
    """Issue a credit note for an issued invoice, archive its PDF, and return it.

    Without ``lines`` the credit takes off everything left: the mirror of the invoice when
    nothing was credited before, otherwise one line per VAT rate for what is left at it.
    Partial ``lines`` are written as the clerk thinks of them (positive quantities to take
    off) and are stored negated; they may only reverse what the invoice charged, rate by rate.
    ``archive`` false leaves the PDF to be archived on first use (the archive rule in
    ``services.documents``). The customer gets the credit note by e-mail as an invoice is
    sent (``invoices.queue_email``) unless ``email`` is false. Money paid on the invoice
    beyond what is left owing moves to the customer's credit
    (``credit_overpaid.moved_from_invoice`` of the note says how much).
    """
    original = session.get(InvoiceRow, invoice_id, options=[selectinload(InvoiceRow.lines)])
    if original is None or original.is_draft:
        raise RuleViolation(msg("only an issued invoice can be credited"))
    if original.kind != "invoice":
        raise RuleViolation(
            msg("{number} is a credit note; credit notes are not credited", number=original.number)
        )
    require_company(session)
    day = issue_date or dt.date.today()
    if day < original.issue_date:
        raise RuleViolation(msg("a credit note cannot be dated before the invoice it credits"))
    currency = original.currency
    left = from_minor(original.total_minor - original.credited_minor, currency)
    if left <= 0:
        raise RuleViolation(
            msg("invoice {number} is already fully credited", number=original.number)
        )

    earlier = _earlier_credits(session, original.id)
    if lines is not None:
        credit = _partial(original, lines, day, reason)
        totals = _checked_totals(credit)
    elif not earlier:
        credit = _mirror(original, day, reason)
        totals = credit.totals()
    else:
        credit, totals = _remainder(original, earlier, day, reason, left)

    check_credit_per_rate(
        _net_by_rate([original]),
        {k: -v for k, v in _net_by_rate(earlier).items()},
        {_key(g.rate.code, g.rate.percent): g.net for g in totals.groups},
        _first_line_by_rate(credit),
        {_key(g.rate.code, g.rate.percent): _label(g.rate) for g in totals.groups},
    )
    check_credit_amount(
        from_minor(original.total_minor, currency),
        from_minor(original.credited_minor, currency),
        totals.total,
    )
    moment = now or dt.datetime.now()
    note = _issue_credit_note(session, original, credit, totals, moment)
    # In the same transaction: a credit note and the credit it gives are never seen apart.
    move_overpaid(session, original, note)
    if archive:
        archive_pdf(session, note.id)
    if email:
        queue_email(session, note, moment)
    return note


def _partial(original: InvoiceRow, lines: list[DraftLine], day: dt.date, reason: str):
    if not lines:
        raise RuleViolation(msg("a partial credit note needs at least one line"))
    for index, line in enumerate(lines):
        if line.quantity < 0 or line.unit_price < 0:
            raise RuleViolation(
                msg(
                    "lines[{index}]: write what to take off with a positive quantity and price",
                    index=index,
                )
            )
    return InvoiceDraft(
        customer_number=original.customer.number,
        currency=original.currency,
        issue_date=day,
        lines=[_negated(line) for line in lines],
        prices_include_vat=original.prices_include_vat,
        # A partial credit takes off exactly its lines: rounding it to whole units would
        # credit more or less than them.
        round_to_whole=False,
        notes=reason,
    )


def _mirror(original: InvoiceRow, day: dt.date, reason: str) -> InvoiceDraft:
    source = draft_of(original)
    credit = dataclasses.replace(
        source,
        issue_date=day,
        delivery_date=None,
        due_date=None,
        lines=[_negated(line) for line in source.lines],
        invoice_discount=Decimal(0),
        notes=reason,
    )
    require_valid(credit)
    # The mirrored discount is negative, which the draft check refuses for an invoice, so
    # it is set after the check.
    credit.invoice_discount = -source.invoice_discount
    return credit


def _remainder(original, earlier, day, reason, left) -> tuple[InvoiceDraft, Totals]:
    """What is left after earlier credits: one line per rate, excluding VAT, and the öre
    difference that rounding left behind shown as rounding, so the invoice ends at zero."""
    invoiced = _net_by_rate([original])
    credited = _net_by_rate(earlier)
    rates = {_key(g.vat_code, g.vat_percent): g for g in original.vat_groups}
    language = (original.buyer or {}).get("language", "sv")
    text = REST_OF_INVOICE.get(language, REST_OF_INVOICE["en"]).format(number=original.number)
    lines = []
    for key, net in invoiced.items():
        rest = net + credited.get(key, Decimal(0))
        if rest > 0:
            group = rates[key]
            rate = VatRate(group.vat_code, group.vat_percent, group.vat_category)
            lines.append(DraftLine(text, Decimal(-1), rest, rate))
    credit = InvoiceDraft(
        customer_number=original.customer.number,
        currency=original.currency,
        issue_date=day,
        lines=lines,
        notes=reason,
    )
    totals = credit.totals() if lines else None
    computed = totals.total if totals else from_minor(0, original.currency)
    if totals is None or abs(-left - computed) > Decimal(1):
        raise RuleViolation(
            msg("what is left cannot be credited line by line; credit it by lines")
        )
    rounding = -left - computed
    return credit, dataclasses.replace(totals, rounding=rounding, total=-left)


def _checked_totals(credit: InvoiceDraft) -> Totals:
    require_valid(credit)
    return credit.totals()


def _issue_credit_note(session, original, credit, totals, now) -> InvoiceRow:
    record = InvoiceRow(
        kind="credit_note",
        is_draft=True,
        customer=original.customer,
        credits_id=original.id,
        series_key=original.series_key,
        payment_terms=original.payment_terms,
        buyer=dict(original.buyer),
    )
    number = numbering.next_number(session, record.series_key, credit.issue_date.year)
    fill_from_draft(record, credit)
    record.due_date = credit.issue_date
    record.number = number
    record.ocr = None
    store_totals(record, totals)
    record.template_version_id = default_version_id(session)
    record.is_draft = False
    record.issued_at = now
    session.add(record)
    original.credited_minor += -record.total_minor
    session.flush()
    amount = f"{from_minor(record.total_minor, record.currency)} {record.currency}"
    reason = f"; reason: {credit.notes}" if credit.notes.strip() else ""
    audit.record(
        session,
        audit.CREDIT,
        invoice_id=original.id,
        detail=f"credit note {number}, {amount}{reason}",
    )
    audit.record(
        session,
        audit.ISSUE,
        invoice_id=record.id,
        detail=f"credit note {number} for {original.number}",
    )
    logger.info("credit note %s for %s: %s", record.number, original.number, record.total_minor)
    return record


def _earlier_credits(session: Session, invoice_id: int) -> list[InvoiceRow]:
    return list(
        session.scalars(
            select(InvoiceRow)
            .where(InvoiceRow.credits_id == invoice_id, ~InvoiceRow.is_draft)
            .options(selectinload(InvoiceRow.vat_groups))
        )
    )


def _net_by_rate(records: list[InvoiceRow]) -> dict[str, Decimal]:
    sums: dict[str, Decimal] = {}
    for record in records:
        for group in record.vat_groups:
            key = _key(group.vat_code, group.vat_percent)
            sums[key] = sums.get(key, Decimal(0)) + from_minor(group.net_minor, record.currency)
    return sums


def _first_line_by_rate(credit: InvoiceDraft) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, line in enumerate(credit.lines):
        found.setdefault(_key(line.rate.code, line.rate.percent), index)
    return found


def _key(code: str, percent: Decimal) -> str:
    return f"{code}@{percent.normalize()}"


def _label(rate: VatRate) -> str:
    return f"{rate.percent.normalize():f} %" if rate.category == "S" else rate.code


def _negated(line: DraftLine) -> DraftLine:
    return dataclasses.replace(line, quantity=-line.quantity)
