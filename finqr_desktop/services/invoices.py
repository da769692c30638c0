"""Writing, issuing and crediting invoices.

Each function runs inside the caller's transaction (``Database.writing()``), so issuing a
draft, drawing its number, storing its totals and queueing its e-mail either all happen or
none does.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session, selectinload
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from ..domain import due_dates
from ..domain.due_dates import PaymentTerms
from ..domain.errors import RuleViolation, ValidationFailed
from ..domain.identifiers import make_ocr
from ..domain.invoice import DraftLine, InvoiceDraft, require_valid
from ..domain.messages import msg
from ..domain.money import from_minor, to_minor
from ..domain.totals import Totals
from ..domain.vat import SWEDEN, VatRate
from ..storage.models import InvoiceLineRow, InvoiceRow, InvoiceVatRow
from . import audit, numbering, outbox
from .company import require_company
from .conflicts import ConflictError, stale
from .customers import find_customer
from .documents import archive_pdf
from .einvoice import issue_problems as einvoice_issue_problems
from .issue_order import BatchDates, require_date_order
from .templates import default_version_id
from .vat_rates import vat_table

logger = logging.getLogger(__name__)

BATCH_SIZE = 500


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
        raise RuleViolation(
            msg("no customer with number {number}", number=repr(draft.customer_number))
        )
    if invoice_id is None:
        record = InvoiceRow(kind="invoice", is_draft=True)
        session.add(record)
    else:
        # Locked while it is compared and written: on PostgreSQL a second clerk's save then
        # waits for the first and sees its version, instead of failing half-way.
        session.execute(select(InvoiceRow.id).where(InvoiceRow.id == invoice_id).with_for_update())
        record = _draft_row(session, invoice_id)
        if expected_version is not None and record.version != expected_version:
            raise stale(session, msg("this draft"), invoice_id=invoice_id)
    record.customer = customer
    record.payment_terms = payment_terms or customer.payment_terms
    fill_from_draft(record, draft)
    if invoice_id is not None:
        # A save that only changes lines must still move the version, or a second clerk's
        # stale save would not be noticed.
        flag_modified(record, "notes")
    try:
        session.flush()
    except StaleDataError:
        raise ConflictError(
            msg(
                "someone else saved or deleted this draft while you were editing; reload it "
                "(your changes are not saved)"
            )
        ) from None
    audit.record(
        session,
        audit.DRAFT,
        invoice_id=record.id,
        detail=("created" if invoice_id is None else "saved")
        + f" for customer {customer.number}, {len(draft.lines)} lines",
    )
    return record


def delete_draft(session: Session, invoice_id: int) -> None:
    session.delete(_draft_row(session, invoice_id))
    session.flush()
    audit.record(session, audit.DRAFT, invoice_id=invoice_id, detail="deleted")


def issue_invoice(
    session: Session,
    invoice_id: int,
    *,
    now: dt.datetime | None = None,
    archive: bool = True,
    email: bool = True,
):
    """Give a draft its number, OCR and due date, and freeze it. Returns the row.

    The invoice records the default template's current version, and (unless ``archive`` is
    false) its PDF is rendered and archived in the same transaction: the archive rule in
    ``services.documents``. Its e-mail is queued to go at once (``queue_email``) unless
    ``email`` is false: the demo's invoices are history, sent long ago.
    """
    record = _draft_row(session, invoice_id, load_lines=True)
    company = require_company(session)
    version_id = default_version_id(session)
    moment = now or dt.datetime.now()
    _issue_loaded(session, record, company, moment, version_id)
    session.flush()
    if archive:
        archive_pdf(session, record.id)
    if email:
        queue_email(session, record, moment)
    return record


def queue_email(session: Session, record: InvoiceRow, now: dt.datetime) -> bool:
    """Queue the e-mail of a just-issued invoice or credit note, to go at once.

    Only for a customer with an e-mail address: the others get their documents by post,
    so nothing waits in the outbox for them. ``now`` without a time zone is local time,
    as ``issued_at`` is. True when a row was queued.
    """
    if not any(address.strip() for address in record.customer.emails or []):
        logger.debug("%s %s goes by post: no e-mail address", record.kind, record.number)
        return False
    moment = now if now.tzinfo is not None else now.astimezone()
    return outbox.enqueue_invoice(session, record.id, moment)


def email_again(session: Session, invoice_id: int, now: dt.datetime) -> bool:
    """Queue an issued document's e-mail once more (the customer lost it, say), to go with
    the next run; False when one is already waiting. RuleViolation says why it cannot go."""
    record = session.get(InvoiceRow, invoice_id)
    if record is None or record.is_draft:
        raise RuleViolation(msg("only an issued invoice or credit note can be e-mailed"))
    if not any(address.strip() for address in record.customer.emails or []):
        raise RuleViolation(
            msg(
                "customer {number} has no e-mail address: add one first",
                number=record.customer.number,
            )
        )
    moment = now if now.tzinfo is not None else now.astimezone()
    queued = outbox.enqueue_manual(session, record.id, moment)
    logger.info("%s %s e-mail again: %s", record.kind, record.number, queued)
    return queued


def issue_invoices(
    session: Session, invoice_ids: list[int], *, now: dt.datetime | None = None
) -> Iterator[InvoiceRow]:
    """Issue many drafts in the caller's transaction, yielding each as it gets its number.

    Drafts are loaded in blocks with their lines, so a batch costs a few statements per
    invoice instead of a dozen. If any draft fails, the caller's transaction rolls the
    whole batch back: numbers stay gapless. Each invoice records the template version; its
    PDF is archived on first use, not here (rendering would cost more than the issuing).
    Each invoice's e-mail is queued as ``issue_invoice`` queues it.
    """
    company = require_company(session)
    version_id = default_version_id(session)
    moment = now or dt.datetime.now()
    batch: BatchDates = {}
    for offset in range(0, len(invoice_ids), BATCH_SIZE):
        block = invoice_ids[offset : offset + BATCH_SIZE]
        rows = session.scalars(
            select(InvoiceRow)
            .where(InvoiceRow.id.in_(block))
            .options(selectinload(InvoiceRow.lines), selectinload(InvoiceRow.vat_groups))
        ).all()
        by_id = {row.id: row for row in rows}
        for invoice_id in block:
            record = by_id.get(invoice_id)
            if record is None or not record.is_draft:
                raise RuleViolation(
                    msg("invoice {id} is not a draft that can be issued", id=invoice_id)
                )
            _issue_loaded(session, record, company, moment, version_id, batch)
            yield record
        session.flush()
        for invoice_id in block:
            queue_email(session, by_id[invoice_id], moment)


def _issue_loaded(
    session: Session,
    record: InvoiceRow,
    company,
    now: dt.datetime,
    version_id: int,
    batch: BatchDates | None = None,
) -> None:
    draft = draft_of(record)
    require_valid(draft, for_issue=True, buyer_vat_number=record.customer.vat_number)
    if missing := einvoice_issue_problems(record):
        # The customer gets e-invoices, which a public buyer rejects without a reference.
        raise ValidationFailed(missing)
    today = (now.astimezone() if now.tzinfo is not None else now).date()
    require_date_order(session, record, today, batch)
    totals = draft.totals()
    # Draw the number before touching the row, so the whole change is one UPDATE.
    number = numbering.next_number(session, record.series_key, record.issue_date.year)

    if record.due_date is None:
        terms = PaymentTerms.parse(record.payment_terms)
        record.due_date = due_dates.due_date(
            record.issue_date, terms, next_bank_day=company.due_date_next_bank_day
        )
    record.number = number
    record.ocr = make_ocr(number, length_digit=company.ocr_length_digit)
    record.buyer = _buyer_snapshot(record)
    if _stored_totals_differ(record, totals):
        # Only a draft written outside save_draft can get here; the lines are the truth.
        logger.warning("draft %s had stale totals; recomputed at issue", record.id)
        store_totals(record, totals)
    record.template_version_id = version_id
    record.is_draft = False
    record.issued_at = now
    audit.record(
        session,
        audit.ISSUE,
        invoice_id=record.id,
        detail=f"invoice {number}, {_money(record.total_minor, record.currency)}",
    )
    logger.info("issued invoice %s (%s %s)", number, record.total_minor, record.currency)


def draft_of(record: InvoiceRow) -> InvoiceDraft:
    """The domain view of a stored invoice: what the clerk wrote, to compute totals from."""
    currency = record.currency
    session = object_session(record)
    table = vat_table(session) if session is not None else SWEDEN

    def rate_of(line: InvoiceLineRow) -> VatRate:
        # The stored line is the truth for the figures; the table only adds the note text.
        note = next(
            (r.note for r in table.rates(record.issue_date) if r.code == line.vat_code), {}
        )
        return VatRate(line.vat_code, line.vat_percent, line.vat_category, note)

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
                rate=rate_of(line),
                unit=line.unit,
                discount_percent=line.discount_percent,
            )
            for line in record.lines
        ],
    )


def get_by_number(session: Session, number: str) -> InvoiceRow | None:
    return session.scalar(select(InvoiceRow).where(InvoiceRow.number == number))


def get_draft(session: Session, invoice_id: int) -> InvoiceRow | None:
    """A draft by its id (drafts have no number yet), or None."""
    record = session.get(InvoiceRow, invoice_id)
    return record if record is not None and record.is_draft else None


def _draft_row(session: Session, invoice_id: int, *, load_lines: bool = False) -> InvoiceRow:
    options = (
        [selectinload(InvoiceRow.lines), selectinload(InvoiceRow.vat_groups)] if load_lines else []
    )
    record = session.get(InvoiceRow, invoice_id, options=options)
    if record is None:
        raise RuleViolation(msg("invoice {id} does not exist", id=invoice_id))
    if not record.is_draft:
        raise RuleViolation(
            msg(
                "invoice {number} is issued and cannot change; credit it instead",
                number=record.number,
            )
        )
    return record


def fill_from_draft(record: InvoiceRow, draft: InvoiceDraft) -> None:
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
    store_totals(record, totals)


def store_totals(record: InvoiceRow, totals: Totals) -> None:
    currency = totals.currency
    language = (record.buyer or {}).get("language") or record.customer.language
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
            note=group.rate.note_for(language),
        )
        for index, group in enumerate(totals.groups)
    ]


def _stored_totals_differ(record: InvoiceRow, totals: Totals) -> bool:
    currency = totals.currency
    stored = (record.net_minor, record.vat_minor, record.rounding_minor, record.total_minor)
    computed = tuple(
        to_minor(v, currency)
        for v in (totals.net_total, totals.vat_total, totals.rounding, totals.total)
    )
    groups = [(g.vat_code, g.net_minor, g.vat_minor) for g in record.vat_groups]
    expected = [
        (g.rate.code, to_minor(g.net, currency), to_minor(g.vat, currency)) for g in totals.groups
    ]
    return stored != computed or groups != expected


def _money(minor: int, currency: str) -> str:
    return f"{from_minor(minor, currency)} {currency}"


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
        # The e-invoice address and reference as they were at issue (services.einvoice).
        "peppol_id": customer.peppol_id,
        "buyer_reference": customer.buyer_reference,
    }
