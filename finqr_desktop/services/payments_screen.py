"""What the Payments screen needs beyond services.payments_views: id lists for a lazy table,
the rows behind them in blocks, an invoice looked up by number with what is left, and the
customers that hold credit.

A list of any length is held as ids only (like services.invoice_list); the status of a
payment is worked out from its rows: "unmatched" while any of it is unplaced, "credit"
when some of it went to a customer's credit, "matched" otherwise.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ..domain.money import from_minor
from ..storage.models import (
    CustomerCreditRow,
    CustomerRow,
    InvoiceRow,
    PaymentAllocationRow,
    PaymentRow,
)
from ..storage.search import contains_pattern, folded
from .payments import remaining_minor

UNMATCHED, MATCHED, CREDIT = "unmatched", "matched", "credit"


@dataclass(frozen=True)
class PaymentListRow:
    id: int
    date: dt.date
    amount: Decimal
    currency: str
    method: str
    payer_name: str
    reference: str
    invoices: tuple[str, ...]
    unplaced: Decimal
    booking_currency: str
    to_credit: Decimal
    status: str
    note: str


@dataclass(frozen=True)
class InvoiceToPay:
    """An issued invoice as the payment dialogs show it; ``remaining`` may be zero."""

    id: int
    number: str
    currency: str
    remaining: Decimal
    customer_id: int
    customer_name: str


@dataclass(frozen=True)
class CreditHolder:
    customer_id: int
    customer_number: str
    customer_name: str
    currency: str
    balance: Decimal


def payment_ids(session: Session, *, unmatched: bool = False, search: str = "") -> list[int]:
    """Newest first; ``search`` looks in payer, reference, message and invoice numbers."""
    query = select(PaymentRow.id).order_by(PaymentRow.payment_date.desc(), PaymentRow.id.desc())
    if unmatched:
        query = query.where(PaymentRow.unallocated_minor != 0)
    if search.strip():
        pattern = contains_pattern(search)
        on_invoice = (
            select(PaymentAllocationRow.payment_id)
            .join(InvoiceRow, InvoiceRow.id == PaymentAllocationRow.invoice_id)
            .where(folded(InvoiceRow.number).like(pattern, escape="\\"))
        )
        query = query.where(
            or_(
                folded(PaymentRow.payer_name).like(pattern, escape="\\"),
                folded(PaymentRow.reference).like(pattern, escape="\\"),
                folded(PaymentRow.message).like(pattern, escape="\\"),
                PaymentRow.id.in_(on_invoice),
            )
        )
    return list(session.scalars(query))


def unmatched_count(session: Session) -> int:
    """How many payments wait in the unmatched list."""
    query = select(func.count()).where(PaymentRow.unallocated_minor != 0)
    return session.scalar(query) or 0


def payment_rows(session: Session, ids: list[int]) -> list[PaymentListRow]:
    """The rows of ``ids`` (a block of a view), in no particular order."""
    if not ids:
        return []
    invoices: dict[int, list[str]] = defaultdict(list)
    query = (
        select(PaymentAllocationRow.payment_id, InvoiceRow.number)
        .join(InvoiceRow, InvoiceRow.id == PaymentAllocationRow.invoice_id)
        .where(PaymentAllocationRow.payment_id.in_(ids))
        .order_by(PaymentAllocationRow.id)
    )
    for payment_id, number in session.execute(query):
        if number not in invoices[payment_id]:
            invoices[payment_id].append(number)
    credited = dict(
        session.execute(
            select(CustomerCreditRow.payment_id, func.sum(CustomerCreditRow.amount_minor))
            .where(CustomerCreditRow.payment_id.in_(ids), CustomerCreditRow.kind == "payment")
            .group_by(CustomerCreditRow.payment_id)
        ).all()
    )
    rows = session.scalars(select(PaymentRow).where(PaymentRow.id.in_(ids)))
    return [_row(row, tuple(invoices[row.id]), int(credited.get(row.id) or 0)) for row in rows]


def invoice_to_pay(session: Session, number: str) -> InvoiceToPay | None:
    """The issued invoice (not a credit note) with this number, or None."""
    query = (
        select(InvoiceRow, CustomerRow.name)
        .join(CustomerRow, CustomerRow.id == InvoiceRow.customer_id)
        .where(
            InvoiceRow.number == number.strip(),
            InvoiceRow.is_draft.is_(False),
            InvoiceRow.kind == "invoice",
        )
    )
    found = session.execute(query).first()
    return None if found is None else _to_pay(*found)


def invoice_by_id(session: Session, invoice_id: int) -> InvoiceToPay | None:
    found = session.execute(
        select(InvoiceRow, CustomerRow.name)
        .join(CustomerRow, CustomerRow.id == InvoiceRow.customer_id)
        .where(InvoiceRow.id == invoice_id)
    ).first()
    return None if found is None else _to_pay(*found)


def open_invoices_of(session: Session, customer_id: int, currency: str) -> list[InvoiceToPay]:
    """The customer's invoices in ``currency`` with something left, oldest first."""
    query = (
        select(InvoiceRow, CustomerRow.name)
        .join(CustomerRow, CustomerRow.id == InvoiceRow.customer_id)
        .where(
            InvoiceRow.customer_id == customer_id,
            InvoiceRow.currency == currency,
            InvoiceRow.is_draft.is_(False),
            InvoiceRow.kind == "invoice",
            InvoiceRow.total_minor - InvoiceRow.credited_minor - InvoiceRow.paid_minor > 0,
        )
        .order_by(InvoiceRow.issue_date, InvoiceRow.id)
    )
    return [_to_pay(invoice, name) for invoice, name in session.execute(query)]


def credit_holders(session: Session) -> list[CreditHolder]:
    """Every customer and currency with credit left, by customer number."""
    total = func.sum(CustomerCreditRow.amount_minor)
    query = (
        select(CustomerRow.id, CustomerRow.number, CustomerRow.name, CustomerCreditRow.currency)
        .add_columns(total)
        .join(CustomerRow, CustomerRow.id == CustomerCreditRow.customer_id)
        .group_by(CustomerRow.id, CustomerRow.number, CustomerRow.name, CustomerCreditRow.currency)
        .having(total != 0)
        .order_by(CustomerRow.number, CustomerCreditRow.currency)
    )
    return [
        CreditHolder(customer_id, number, name, currency, from_minor(int(minor), currency))
        for customer_id, number, name, currency, minor in session.execute(query)
    ]


def customer_of_payment(session: Session, payment_id: int) -> int | None:
    """Whose credit an unplaced payment becomes by default: the customer of the first
    invoice it was placed on, or None when it names none."""
    query = (
        select(InvoiceRow.customer_id)
        .join(PaymentAllocationRow, PaymentAllocationRow.invoice_id == InvoiceRow.id)
        .where(PaymentAllocationRow.payment_id == payment_id)
        .order_by(PaymentAllocationRow.id)
        .limit(1)
    )
    return session.scalar(query)


def _to_pay(invoice: InvoiceRow, customer_name: str) -> InvoiceToPay:
    return InvoiceToPay(
        id=invoice.id,
        number=invoice.number or "",
        currency=invoice.currency,
        remaining=from_minor(max(remaining_minor(invoice), 0), invoice.currency),
        customer_id=invoice.customer_id,
        customer_name=customer_name,
    )


def _row(row: PaymentRow, invoices: tuple[str, ...], credited: int) -> PaymentListRow:
    booking = row.converted_currency or row.currency
    if row.unallocated_minor != 0:
        status = UNMATCHED
    elif credited:
        status = CREDIT
    else:
        status = MATCHED
    return PaymentListRow(
        id=row.id,
        date=row.payment_date,
        amount=from_minor(row.amount_minor, row.currency),
        currency=row.currency,
        method=row.method,
        payer_name=row.payer_name,
        reference=row.reference,
        invoices=invoices,
        unplaced=from_minor(row.unallocated_minor, booking),
        booking_currency=booking,
        to_credit=from_minor(credited, booking),
        status=status,
        note=row.note,
    )
