"""A customer's credit: overpayments and unplaced payments kept for them, used to settle
another invoice or paid back.

The credit is a list of movements (``customer_credit`` rows), positive when money comes
in, negative when it is used or refunded; the balance per currency is their sum and never
goes below zero. Using credit on an invoice books a payment of method "credit", so the
invoice's payments and its reminders' interest see it like any other payment.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain.errors import RuleViolation, ValidationFailed
from ..domain.messages import msg
from ..domain.money import from_minor
from ..storage.models import CustomerCreditRow, CustomerRow, PaymentRow
from . import audit
from .payments import (
    CREDIT_METHOD,
    allocate,
    booking_currency,
    credit_rest,
    minor_amount,
    new_payment,
    open_invoice,
    remaining_minor,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CreditMovement:
    id: int
    customer_number: str
    currency: str
    amount: Decimal
    kind: str
    date: dt.date
    payment_id: int | None
    note: str


def balances(session: Session, customer_id: int) -> dict[str, Decimal]:
    """The customer's credit per currency; currencies with nothing left are left out."""
    query = (
        select(CustomerCreditRow.currency, func.sum(CustomerCreditRow.amount_minor))
        .where(CustomerCreditRow.customer_id == customer_id)
        .group_by(CustomerCreditRow.currency)
    )
    return {
        currency: from_minor(int(total), currency)
        for currency, total in session.execute(query)
        if total
    }


def movements(session: Session, customer_id: int | None = None) -> list[CreditMovement]:
    """Every credit movement, oldest first; of one customer if ``customer_id`` is given."""
    query = (
        select(CustomerCreditRow, CustomerRow.number)
        .join(CustomerRow, CustomerRow.id == CustomerCreditRow.customer_id)
        .order_by(CustomerCreditRow.id)
    )
    if customer_id is not None:
        query = query.where(CustomerCreditRow.customer_id == customer_id)
    return [
        CreditMovement(
            id=row.id,
            customer_number=number,
            currency=row.currency,
            amount=from_minor(row.amount_minor, row.currency),
            kind=row.kind,
            date=row.entry_date,
            payment_id=row.payment_id,
            note=row.note,
        )
        for row, number in session.execute(query)
    ]


def payment_to_credit(session: Session, payment_id: int, customer_id: int) -> Decimal:
    """What is left unplaced of a payment becomes the customer's credit; returns it."""
    payment = _payment(session, payment_id)
    if payment.unallocated_minor <= 0:
        raise RuleViolation(
            msg("payment {id} has nothing left to turn into credit", id=payment_id)
        )
    if session.get(CustomerRow, customer_id) is None:
        raise RuleViolation(msg("no customer with id {id}", id=customer_id))
    minor = credit_rest(session, payment, customer_id, note=f"payment {payment_id}")
    payment.note = _joined(payment.note, "turned into customer credit")
    amount = f"{from_minor(minor, booking_currency(payment))} {booking_currency(payment)}"
    audit.record(
        session,
        audit.CUSTOMER_CREDIT,
        customer_id=customer_id,
        detail=f"payment {payment_id}: {amount} to the customer's credit",
    )
    return from_minor(minor, booking_currency(payment))


def use_credit(
    session: Session,
    customer_id: int,
    invoice_id: int,
    *,
    on_date: dt.date,
    amount: Decimal | None = None,
) -> Decimal:
    """Settle (part of) one of the customer's invoices from their credit; returns the amount.

    Without ``amount`` as much as both the credit and the invoice allow.
    """
    invoice = open_invoice(session, invoice_id)
    if invoice.customer_id != customer_id:
        raise RuleViolation(msg("invoice {number} is not this customer's", number=invoice.number))
    currency = invoice.currency
    available = _balance_minor(session, customer_id, currency)
    if available <= 0:
        raise RuleViolation(msg("the customer has no credit in {currency}", currency=currency))
    wanted = (
        remaining_minor(invoice) if amount is None else minor_amount(amount, currency, "amount")
    )
    if amount is None:
        wanted = min(wanted, available)
    if wanted <= 0:
        raise ValidationFailed.single("amount", msg("must be above zero"))
    if wanted > available:
        raise RuleViolation(
            msg(
                "the customer has only {amount} credit",
                amount=str(from_minor(available, currency)),
            )
        )

    payment = new_payment(
        session,
        payment_date=on_date,
        amount_minor=wanted,
        currency=currency,
        method=CREDIT_METHOD,
        note="from the customer's credit",
    )
    allocate(session, payment, invoice, wanted)
    _move(session, customer_id, currency, -wanted, "used", on_date, payment.id, invoice.number)
    audit.record(
        session,
        audit.ALLOCATION,
        invoice_id=invoice.id,
        customer_id=customer_id,
        detail=f"{from_minor(wanted, currency)} {currency} from the customer's credit",
    )
    return from_minor(wanted, currency)


def refund_credit(
    session: Session,
    customer_id: int,
    amount: Decimal,
    currency: str,
    *,
    on_date: dt.date,
    note: str = "",
) -> Decimal:
    """Record that credit was paid back to the customer (the money itself leaves by bank)."""
    minor = minor_amount(amount, currency, "amount")
    if minor <= 0:
        raise ValidationFailed.single("amount", msg("must be above zero"))
    available = _balance_minor(session, customer_id, currency)
    if minor > available:
        raise RuleViolation(
            msg(
                "the customer has only {amount} {currency} credit",
                amount=str(from_minor(max(available, 0), currency)),
                currency=currency,
            )
        )
    _move(session, customer_id, currency, -minor, "refund", on_date, None, note)
    audit.record(
        session,
        audit.CUSTOMER_CREDIT,
        customer_id=customer_id,
        detail=f"{from_minor(minor, currency)} {currency} credit refunded",
    )
    return from_minor(minor, currency)


def _move(session, customer_id, currency, minor, kind, on_date, payment_id, note) -> None:
    session.add(
        CustomerCreditRow(
            customer_id=customer_id,
            currency=currency,
            amount_minor=minor,
            kind=kind,
            entry_date=on_date,
            payment_id=payment_id,
            note=note,
        )
    )
    session.flush()
    logger.info("customer %s credit %s %s (%s)", customer_id, minor, currency, kind)


def _balance_minor(session: Session, customer_id: int, currency: str) -> int:
    query = select(func.coalesce(func.sum(CustomerCreditRow.amount_minor), 0)).where(
        CustomerCreditRow.customer_id == customer_id, CustomerCreditRow.currency == currency
    )
    return int(session.scalar(query) or 0)


def _payment(session: Session, payment_id: int) -> PaymentRow:
    payment = session.get(PaymentRow, payment_id)
    if payment is None:
        raise RuleViolation(msg("no payment {id}", id=payment_id))
    return payment


def _joined(note: str, more: str) -> str:
    return f"{note}; {more}" if note else more
