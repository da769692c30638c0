"""Payments as the clerk and scripts see them: plain values and their JSON form.

The JSON keys are a promise (add keys, never rename); amounts are decimal strings.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain.money import from_minor
from ..storage.models import InvoiceRow, PaymentAllocationRow, PaymentRow, WriteOffRow

LIST_LIMIT = 500
# The method of a payment that moves what a credit note left overpaid to the customer's
# credit (services.credit_overpaid); services.payments names it with the other methods.
CREDIT_NOTE_METHOD = "credit_note"


@dataclass(frozen=True)
class AllocationView:
    invoice_id: int
    invoice_number: str
    amount: Decimal
    currency: str


@dataclass(frozen=True)
class PaymentView:
    """One payment; ``unallocated`` (in ``booking_currency``) is what no invoice or credit
    has taken yet, negative for a deduction or reversal still to be placed."""

    id: int
    date: dt.date
    kind: str
    amount: Decimal
    currency: str
    method: str
    reference: str
    message: str
    payer_name: str
    bank_identity: str | None
    import_id: int | None
    rate: Decimal | None
    converted: Decimal | None
    booking_currency: str
    unallocated: Decimal
    note: str
    allocations: tuple[AllocationView, ...]


def list_payments(
    session: Session,
    *,
    unmatched: bool = False,
    invoice_id: int | None = None,
    limit: int = LIST_LIMIT,
) -> list[PaymentView]:
    """Newest first. ``unmatched``: only those with something left to place."""
    query = select(PaymentRow).order_by(PaymentRow.payment_date.desc(), PaymentRow.id.desc())
    if unmatched:
        query = query.where(PaymentRow.unallocated_minor != 0)
    if invoice_id is not None:
        paid = select(PaymentAllocationRow.payment_id).where(
            PaymentAllocationRow.invoice_id == invoice_id
        )
        query = query.where(PaymentRow.id.in_(paid))
    rows = list(session.scalars(query.limit(limit)))
    return _views(session, rows)


def get_payment(session: Session, payment_id: int) -> PaymentView | None:
    row = session.get(PaymentRow, payment_id)
    return _views(session, [row])[0] if row is not None else None


def written_off(session: Session, invoice_id: int) -> int:
    """The invoice's write-offs in minor units."""
    query = select(WriteOffRow.amount_minor).where(WriteOffRow.invoice_id == invoice_id)
    return sum(session.scalars(query))


def moved_to_credit(session: Session, record: InvoiceRow) -> int:
    """Minor units of what was paid on an invoice that its credit notes moved to the
    customer's credit (services.credit_overpaid); for a credit note, what it moved."""
    query = (
        select(func.coalesce(func.sum(PaymentAllocationRow.amount_minor), 0))
        .join(PaymentRow, PaymentRow.id == PaymentAllocationRow.payment_id)
        .where(PaymentRow.method == CREDIT_NOTE_METHOD)
    )
    if record.kind == "credit_note":
        query = query.where(PaymentRow.reference == (record.number or ""))
    else:
        query = query.where(PaymentAllocationRow.invoice_id == record.id)
    return -int(session.scalar(query) or 0)


def invoice_payments_json(session: Session, invoice: InvoiceRow) -> list[dict]:
    """The payments of one invoice as ``invoice show --json`` lists them: the part that went
    to this invoice, in its currency."""
    query = (
        select(PaymentRow, PaymentAllocationRow.amount_minor)
        .join(PaymentAllocationRow, PaymentAllocationRow.payment_id == PaymentRow.id)
        .where(PaymentAllocationRow.invoice_id == invoice.id)
        .order_by(PaymentRow.payment_date, PaymentAllocationRow.id)
    )
    return [
        {
            "payment_id": payment.id,
            "date": payment.payment_date.isoformat(),
            "amount": str(from_minor(minor, invoice.currency)),
            "method": payment.method,
            "reference": payment.reference,
        }
        for payment, minor in session.execute(query)
    ]


def payment_json(view: PaymentView) -> dict:
    return {
        "id": view.id,
        "date": view.date.isoformat(),
        "kind": view.kind,
        "amount": str(view.amount),
        "currency": view.currency,
        "method": view.method,
        "reference": view.reference,
        "message": view.message,
        "payer_name": view.payer_name,
        "bank_identity": view.bank_identity,
        "import_id": view.import_id,
        "rate": None if view.rate is None else str(view.rate),
        "converted": None if view.converted is None else str(view.converted),
        "booking_currency": view.booking_currency,
        "unallocated": str(view.unallocated),
        "note": view.note,
        "allocations": [
            {
                "invoice": a.invoice_number,
                "invoice_id": a.invoice_id,
                "amount": str(a.amount),
                "currency": a.currency,
            }
            for a in view.allocations
        ],
    }


def _views(session: Session, rows: list[PaymentRow]) -> list[PaymentView]:
    allocations: dict[int, list[AllocationView]] = defaultdict(list)
    ids = [row.id for row in rows]
    if ids:
        query = (
            select(
                PaymentAllocationRow.payment_id,
                InvoiceRow.id,
                InvoiceRow.number,
                InvoiceRow.currency,
                PaymentAllocationRow.amount_minor,
            )
            .join(InvoiceRow, InvoiceRow.id == PaymentAllocationRow.invoice_id)
            .where(PaymentAllocationRow.payment_id.in_(ids))
            .order_by(PaymentAllocationRow.id)
        )
        for payment_id, invoice_id, number, currency, minor in session.execute(query):
            allocations[payment_id].append(
                AllocationView(invoice_id, number, from_minor(minor, currency), currency)
            )
    return [_view(row, tuple(allocations[row.id])) for row in rows]


def _view(row: PaymentRow, allocations: tuple[AllocationView, ...]) -> PaymentView:
    booking = row.converted_currency or row.currency
    converted = None
    if row.converted_minor is not None and row.converted_currency:
        converted = from_minor(row.converted_minor, row.converted_currency)
    return PaymentView(
        id=row.id,
        date=row.payment_date,
        kind=row.kind,
        amount=from_minor(row.amount_minor, row.currency),
        currency=row.currency,
        method=row.method,
        reference=row.reference,
        message=row.message,
        payer_name=row.payer_name,
        bank_identity=row.bank_identity,
        import_id=row.import_id,
        rate=row.rate,
        converted=converted,
        booking_currency=booking,
        unallocated=from_minor(row.unallocated_minor, booking),
        note=row.note,
        allocations=allocations,
    )
