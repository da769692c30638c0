"""A customer's statement for a period: opening balance, every movement, closing balance,
and the items still open at the end, per currency.

The balance is what the customer owes: invoices and charged reminder fees raise it, credit
notes, payments, write-offs lower it; a refund of their credit raises it back. Money a
customer paid beyond an invoice is their credit and counts as paid; using that credit on
another invoice moves nothing (it is shown, for the reader, without an amount). Nor does a
credit note's moving what was paid beyond the credited invoice to their credit
(services.credit_overpaid): the credit note's own line lowers the balance, and the move
only turns the invoice's negative rest into the customer's credit among the open items, so
it has no line of its own. Every
figure is taken as of its own date (a payment by its payment date, a fee by the day its
reminder was sent), so a statement for a past period reads the same later, except for a
payment placed on an invoice after the period: it counts from its payment date.

The open items add up to the closing balance: each invoice's rest, each fee charged, and
the customer's credit as a negative item. The ledger never settles a fee (a payment
beyond the invoice becomes credit), so a paid fee shows as the fee and the credit beside it.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.errors import ValidationFailed
from ..domain.messages import msg
from ..domain.money import from_minor
from ..storage.models import (
    CustomerCreditRow,
    CustomerRow,
    InvoiceRow,
    OutboxRow,
    PaymentAllocationRow,
    PaymentRow,
    WriteOffRow,
)
from .company import require_company
from .credit_overpaid import CREDIT_NOTE_KIND
from .payments_views import CREDIT_NOTE_METHOD

logger = logging.getLogger(__name__)

ORDER = {
    "invoice": 0,
    "credit_note": 1,
    "fee": 2,
    "payment": 3,
    "credit_used": 4,
    "to_credit": 5,
    "refund": 6,
    "write_off": 7,
}


@dataclass(frozen=True)
class StatementLine:
    """One movement; ``amount`` raises (+) or lowers (-) the balance, ``balance`` after it.

    ``reference`` is the document's number (for a payment: the invoices it paid; for a
    refund: the clerk's note);
    ``info`` is the amount of a movement that does not change the balance (credit used).
    """

    date: dt.date
    kind: str
    reference: str
    amount: Decimal
    balance: Decimal
    info: Decimal | None = None


@dataclass(frozen=True)
class OpenItem:
    kind: str  # "invoice", "fee" or "customer_credit"
    reference: str
    date: dt.date | None
    due_date: dt.date | None
    amount: Decimal
    open: Decimal
    days_overdue: int


@dataclass(frozen=True)
class CurrencyStatement:
    currency: str
    opening: Decimal
    lines: tuple[StatementLine, ...]
    closing: Decimal
    open_items: tuple[OpenItem, ...]


@dataclass(frozen=True)
class Statement:
    customer_id: int
    customer_number: str
    customer_name: str
    language: str
    start: dt.date
    end: dt.date
    sections: tuple[CurrencyStatement, ...]


@dataclass
class _Event:
    date: dt.date
    kind: str
    currency: str
    minor: int
    reference: str
    source: int
    # The invoice the event belongs to; a payment's are in ``allocations`` (id, minor).
    invoice_id: int | None = None
    info_minor: int | None = None
    allocations: list[tuple[int, int]] = field(default_factory=list)


def customer_statement(
    session: Session, customer_id: int, start: dt.date, end: dt.date
) -> Statement:
    """The statement of one customer from ``start`` to ``end``, both days included."""
    if end < start:
        raise ValidationFailed.single(
            "to",
            msg("{end} is before the start {start}", end=end.isoformat(), start=start.isoformat()),
        )
    customer = session.get(CustomerRow, customer_id)
    if customer is None:
        raise ValidationFailed.single("customer", msg("no customer with id {id}", id=customer_id))
    documents = session.scalars(
        select(InvoiceRow)
        .where(InvoiceRow.customer_id == customer_id, InvoiceRow.is_draft.is_(False))
        .where(InvoiceRow.issue_date <= end)
        .order_by(InvoiceRow.id)
    ).all()
    by_id = {document.id: document for document in documents}
    events = [
        *_document_events(documents),
        *_payment_events(session, customer_id, by_id, end),
        *_fee_events(session, by_id, end),
        *_write_off_events(session, by_id, end),
    ]
    sections = []
    for currency in sorted({event.currency for event in events}):
        own = [event for event in events if event.currency == currency]
        section = _section(currency, own, start, end, by_id)
        if section.lines or section.opening or section.open_items:
            sections.append(section)
    if not sections:
        # A quiet period still has its balances: 0.00 owed at both ends, in the currency
        # the customer is billed in.
        currency = customer.currency or require_company(session).currency
        sections.append(
            CurrencyStatement(currency, from_minor(0, currency), (), from_minor(0, currency), ())
        )
    logger.debug("statement of customer %s: %d sections", customer.number, len(sections))
    return Statement(
        customer_id=customer.id,
        customer_number=customer.number,
        customer_name=customer.name,
        language=customer.language,
        start=start,
        end=end,
        sections=tuple(sections),
    )


def _document_events(documents):
    for document in documents:
        kind = "credit_note" if document.kind == "credit_note" else "invoice"
        # A credit note takes off the invoice it credits.
        target = document.credits_id if document.credits_id is not None else document.id
        yield _Event(
            document.issue_date,
            kind,
            document.currency,
            document.total_minor,
            document.number or "",
            document.id,
            invoice_id=target,
        )


def _payment_events(session, customer_id, by_id, end):
    """Money in per payment (what it settled here plus what it left as this customer's
    credit), credit used, and refunds."""
    money: dict[int, _Event] = {}
    if by_id:
        query = (
            select(PaymentAllocationRow, PaymentRow)
            .join(PaymentRow, PaymentRow.id == PaymentAllocationRow.payment_id)
            .where(PaymentAllocationRow.invoice_id.in_(list(by_id)))
            .where(PaymentRow.payment_date <= end)
            .order_by(PaymentAllocationRow.id)
        )
        for allocation, payment in session.execute(query):
            number = by_id[allocation.invoice_id].number or ""
            currency = by_id[allocation.invoice_id].currency
            if payment.method == CREDIT_NOTE_METHOD:
                yield _Event(
                    payment.payment_date,
                    "to_credit",
                    currency,
                    0,
                    number,
                    payment.id,
                    invoice_id=allocation.invoice_id,
                    info_minor=-allocation.amount_minor,
                )
                continue
            if payment.method == "credit":
                yield _Event(
                    payment.payment_date,
                    "credit_used",
                    currency,
                    0,
                    number,
                    payment.id,
                    invoice_id=allocation.invoice_id,
                    info_minor=allocation.amount_minor,
                )
                continue
            event = money.setdefault(
                payment.id, _Event(payment.payment_date, "payment", currency, 0, "", payment.id)
            )
            event.minor -= allocation.amount_minor
            event.allocations.append((allocation.invoice_id, allocation.amount_minor))
    credits = session.execute(
        select(CustomerCreditRow)
        .where(CustomerCreditRow.customer_id == customer_id)
        .where(CustomerCreditRow.entry_date <= end)
        # Credit used, and credit a credit note moved, came from no money of the period.
        .where(CustomerCreditRow.kind.not_in(("used", CREDIT_NOTE_KIND)))
        .order_by(CustomerCreditRow.id)
    ).scalars()
    for row in credits:
        if row.kind == "refund":
            # The clerk's note (the transfer's reference, say) is the refund's reference.
            note = " ".join(row.note.split())
            yield _Event(row.entry_date, "refund", row.currency, -row.amount_minor, note, row.id)
            continue
        key = row.payment_id if row.payment_id is not None else -row.id
        event = money.setdefault(
            key, _Event(row.entry_date, "payment", row.currency, 0, "", abs(key))
        )
        event.minor -= row.amount_minor
    for event in money.values():
        numbers = (by_id[invoice_id].number or "" for invoice_id, _ in event.allocations)
        event.reference = ", ".join(dict.fromkeys(n for n in numbers if n))
        yield event


def _fee_events(session, by_id, end):
    if not by_id:
        return
    query = (
        select(OutboxRow)
        .where(OutboxRow.invoice_id.in_(list(by_id)))
        .where(OutboxRow.kind == "reminder", OutboxRow.status == "sent")
        .where(OutboxRow.fee_minor + OutboxRow.compensation_minor > 0)
        .where(OutboxRow.sent_at < dt.datetime.combine(end + dt.timedelta(days=1), dt.time()))
        .order_by(OutboxRow.id)
    )
    for row in session.scalars(query):
        invoice = by_id[row.invoice_id]
        yield _Event(
            row.sent_at.date(),
            "fee",
            invoice.currency,
            row.fee_minor + row.compensation_minor,
            invoice.number or "",
            row.id,
            invoice_id=invoice.id,
        )


def _write_off_events(session, by_id, end):
    if not by_id:
        return
    query = (
        select(WriteOffRow)
        .where(WriteOffRow.invoice_id.in_(list(by_id)), WriteOffRow.write_off_date <= end)
        .order_by(WriteOffRow.id)
    )
    for row in session.scalars(query):
        invoice = by_id[row.invoice_id]
        yield _Event(
            row.write_off_date,
            "write_off",
            invoice.currency,
            -row.amount_minor,
            invoice.number or "",
            row.id,
            invoice_id=invoice.id,
        )


def _section(currency, events, start, end, by_id) -> CurrencyStatement:
    def money(minor: int) -> Decimal:
        return from_minor(minor, currency)

    events.sort(key=lambda e: (e.date, ORDER[e.kind], e.source))
    opening = sum(event.minor for event in events if event.date < start)
    balance = opening
    lines = []
    for event in events:
        if event.date < start or event.kind == "to_credit":
            continue
        balance += event.minor
        info = None if event.info_minor is None else money(event.info_minor)
        lines.append(
            StatementLine(
                event.date, event.kind, event.reference, money(event.minor), money(balance), info
            )
        )
    items = _open_items(currency, events, end, by_id)
    return CurrencyStatement(currency, money(opening), tuple(lines), money(balance), items)


def _open_items(currency, events, end, by_id) -> tuple[OpenItem, ...]:
    """Each invoice's rest at ``end``, each fee, and the customer's credit (negative)."""
    rest: dict[int, int] = defaultdict(int)
    credit = 0
    for event in events:
        if event.kind in ("invoice", "credit_note", "write_off"):
            rest[event.invoice_id] += event.minor
        elif event.kind == "credit_used":
            rest[event.invoice_id] -= event.info_minor or 0
            credit -= event.info_minor or 0
        elif event.kind == "to_credit":
            rest[event.invoice_id] += event.info_minor or 0
            credit += event.info_minor or 0
        elif event.kind in ("payment", "refund"):
            settled = 0
            for invoice_id, minor in event.allocations:
                rest[invoice_id] -= minor
                settled += minor
            # Whatever the money did not settle here is the customer's credit.
            credit += -event.minor - settled

    def money(minor: int) -> Decimal:
        return from_minor(minor, currency)

    items = []
    for invoice_id, minor in rest.items():
        if minor == 0:
            continue
        document = by_id[invoice_id]
        overdue = (end - document.due_date).days if document.due_date else 0
        items.append(
            OpenItem(
                "invoice",
                document.number or "",
                document.issue_date,
                document.due_date,
                money(document.total_minor),
                money(minor),
                max(overdue, 0),
            )
        )
    for event in events:
        if event.kind == "fee":
            items.append(
                OpenItem(
                    "fee",
                    event.reference,
                    event.date,
                    None,
                    money(event.minor),
                    money(event.minor),
                    0,
                )
            )
    if credit:
        items.append(
            OpenItem("customer_credit", "", None, None, money(-credit), money(-credit), 0)
        )
    return tuple(items)
