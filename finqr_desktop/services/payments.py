"""Registering payments against invoices: by hand, "mark as paid", and the shared steps
the bank import and the unmatched list use.

Every function works in the caller's transaction. Settling an invoice moves its
``paid_minor`` (the sum of its allocations and write-offs, which the status SQL and the
reminder queue read) and cancels its reminders once nothing is left, in the same step, so
a payment and the reminders it stops can never be seen apart. An overpayment becomes the
customer's credit (services.customer_credit); a balance never goes below zero.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain.errors import RuleViolation, ValidationFailed
from ..domain.messages import error_message, msg
from ..domain.money import MoneyError, check_currency, from_minor, round_money, to_minor
from ..storage.models import (
    CustomerCreditRow,
    InvoiceRow,
    OutboxRow,
    PaymentAllocationRow,
    PaymentRow,
)
from . import audit, outbox
from .invoice_views import status_of

# Defined beside the views that read it (payments_views cannot import this module).
from .payments_views import CREDIT_NOTE_METHOD as CREDIT_NOTE_METHOD

logger = logging.getLogger(__name__)

# What a clerk may give as the way a payment came; "bgmax" and "camt" are set by the bank
# import, "credit" by using a customer's credit, "credit_note" by a credit note that moves
# what was paid beyond the invoice to the customer's credit (services.credit_overpaid).
MANUAL_METHODS = ("manual", "bankgiro", "plusgiro", "transfer", "swish", "card", "cash")
IMPORT_METHODS = ("bgmax", "camt")
CREDIT_METHOD = "credit"
EARLIEST = dt.date(1990, 1, 1)
MAX_RATE_DIGITS = 12


@dataclass(frozen=True)
class Registered:
    """What one registration did, in the invoice's currency.

    ``converted`` is the payment in the invoice's currency when it came in another one
    (``paid`` ``paid_currency`` at ``rate``), and ``difference`` what that converted amount
    is above (positive) or below what was due: not an exchange difference, which the books
    work out from the rates (services.sie_verifications).
    """

    payment_id: int
    invoice_number: str
    currency: str
    applied: Decimal
    to_credit: Decimal
    remaining: Decimal
    status: str
    converted: Decimal | None = None
    difference: Decimal | None = None
    cancelled_reminders: int = 0
    paid: Decimal | None = None
    paid_currency: str = ""
    rate: Decimal | None = None


def register_payment(
    session: Session,
    invoice_id: int,
    amount: Decimal,
    *,
    payment_date: dt.date,
    currency: str | None = None,
    rate: Decimal | None = None,
    method: str = "manual",
    reference: str = "",
    message: str = "",
    payer_name: str = "",
    today: dt.date | None = None,
) -> Registered:
    """Book a payment on an open invoice; what exceeds the rest due becomes credit.

    ``currency`` defaults to the invoice's. A payment in another currency needs ``rate``,
    the invoice currency's units per one unit of the payment's, and is converted (rounded
    to the invoice currency's minor unit) before it is applied.
    """
    invoice = open_invoice(session, invoice_id)
    currency = currency_code(currency or invoice.currency)
    if method not in MANUAL_METHODS:
        raise ValidationFailed.single(
            "method", msg("one of {methods}", methods=", ".join(MANUAL_METHODS))
        )
    _check_date(payment_date, today)
    minor = minor_amount(amount, currency, "amount")
    if minor <= 0:
        raise ValidationFailed.single("amount", msg("must be above zero"))
    if currency != invoice.currency and rate is None:
        raise ValidationFailed.single(
            "rate",
            msg(
                "is required: the payment is in {currency}, the invoice in {invoice_currency}",
                currency=currency,
                invoice_currency=invoice.currency,
            ),
        )
    if currency == invoice.currency and rate is not None:
        raise ValidationFailed.single("rate", msg("only for a payment in another currency"))
    rate = None if rate is None else _rate(rate)
    for field, text, limit in (("reference", reference, 100), ("payer_name", payer_name, 200)):
        if len(text.strip()) > limit:
            raise ValidationFailed.single(field, msg("at most {count} characters", count=limit))

    payment = new_payment(
        session,
        payment_date=payment_date,
        amount_minor=minor,
        currency=currency,
        method=method,
        reference=reference.strip(),
        message=message.strip(),
        payer_name=payer_name.strip(),
    )
    due_before = remaining_minor(invoice)
    converted = None
    if currency != invoice.currency:
        converted = convert(session, payment, rate, invoice.currency)

    applied = allocate(session, payment, invoice, min(payment.unallocated_minor, due_before))
    credited = credit_rest(session, payment, invoice.customer_id, note=invoice.number or "")
    reference = f", reference {payment.reference}" if payment.reference else ""
    audit.record(
        session,
        audit.PAYMENT,
        invoice_id=invoice.id,
        detail=f"payment {payment.id}: {from_minor(minor, currency)} {currency} received on "
        f"{payment_date} ({method}{reference}), {from_minor(applied, invoice.currency)} applied",
    )
    return _registered(session, payment, invoice, applied, credited, converted, due_before)


def mark_paid(
    session: Session, invoice_id: int, *, payment_date: dt.date, today: dt.date | None = None
) -> Registered:
    """One payment of exactly what is left on the invoice."""
    invoice = open_invoice(session, invoice_id)
    rest = from_minor(remaining_minor(invoice), invoice.currency)
    return register_payment(
        session, invoice_id, rest, payment_date=payment_date, method="manual", today=today
    )


def open_invoice(session: Session, invoice_id: int) -> InvoiceRow:
    """The issued invoice with something left to pay, or RuleViolation saying why not."""
    invoice = payable_invoice(session, invoice_id)
    if invoice.total_minor > 0 and invoice.credited_minor >= invoice.total_minor:
        raise RuleViolation(
            msg("invoice {number} is credited in full; nothing is owed", number=invoice.number)
        )
    if remaining_minor(invoice) <= 0:
        raise RuleViolation(
            msg("invoice {number} is already paid; nothing is left to pay", number=invoice.number)
        )
    return invoice


def payable_invoice(session: Session, invoice_id: int) -> InvoiceRow:
    """An issued invoice (not a draft, not a credit note), paid or not."""
    invoice = session.get(InvoiceRow, invoice_id)
    if invoice is None or invoice.is_draft:
        raise RuleViolation(msg("no issued invoice with id {id}", id=invoice_id))
    if invoice.kind != "invoice":
        raise RuleViolation(
            msg("{number} is a credit note; payments go to invoices", number=invoice.number)
        )
    return invoice


def remaining_minor(invoice: InvoiceRow) -> int:
    return invoice.total_minor - invoice.credited_minor - invoice.paid_minor


def new_payment(session: Session, **values) -> PaymentRow:
    """A payment row, nothing of it allocated yet."""
    values.setdefault("unallocated_minor", values["amount_minor"])
    payment = PaymentRow(**values)
    session.add(payment)
    session.flush()
    return payment


def convert(session: Session, payment: PaymentRow, rate: Decimal | None, target: str) -> Decimal:
    """Convert the payment into ``target`` at ``rate``; it is then booked in ``target``."""
    if rate is None:
        raise ValidationFailed.single(
            "rate",
            msg(
                "is required: the payment is in {currency}, the invoice in {invoice_currency}",
                currency=payment.currency,
                invoice_currency=target,
            ),
        )
    rate = _rate(rate)
    amount = from_minor(payment.amount_minor, payment.currency)
    converted = round_money(amount * rate, target)
    payment.rate = rate
    payment.converted_currency = target
    payment.converted_minor = payment.unallocated_minor = to_minor(converted, target)
    session.flush()
    return converted


def booking_currency(payment: PaymentRow) -> str:
    """The currency ``unallocated_minor`` and the payment's allocations are counted in."""
    return payment.converted_currency or payment.currency


def allocate(session: Session, payment: PaymentRow, invoice: InvoiceRow, minor: int) -> int:
    """Give ``minor`` of the payment to the invoice; returns it. Negative takes money back
    (a reversal), never below what the invoice had been paid. Zero does nothing."""
    if minor == 0:
        return 0
    if booking_currency(payment) != invoice.currency:
        raise RuleViolation(_other_currency(payment, invoice))
    if minor > payment.unallocated_minor and minor > 0:
        raise RuleViolation(
            msg(
                "payment {id} has only {amount} left to allocate",
                id=payment.id,
                amount=_money(payment),
            )
        )
    if minor > remaining_minor(invoice):
        rest = from_minor(remaining_minor(invoice), invoice.currency)
        raise RuleViolation(
            msg(
                "invoice {number} has only {amount} left to pay",
                number=invoice.number,
                amount=str(rest),
            )
        )
    if invoice.paid_minor + minor < 0:
        raise RuleViolation(msg("invoice {number} was not paid that much", number=invoice.number))

    was_open = remaining_minor(invoice) > 0
    session.add(
        PaymentAllocationRow(payment_id=payment.id, invoice_id=invoice.id, amount_minor=minor)
    )
    payment.unallocated_minor -= minor
    invoice.paid_minor += minor
    session.flush()
    settled(session, invoice, was_open)
    logger.info("payment %s: %s to invoice %s", payment.id, minor, invoice.number)
    return minor


def _other_currency(payment: PaymentRow, invoice: InvoiceRow) -> str:
    values = {"id": payment.id, "number": invoice.number, "invoice_currency": invoice.currency}
    if payment.converted_currency:
        # A payment is converted once: the rate it was converted at is in the books.
        return msg(
            "payment {id} was converted into {currency}, so it cannot pay invoice {number} "
            "in {invoice_currency}",
            currency=payment.converted_currency,
            **values,
        )
    return msg(
        "payment {id} is in {currency}, invoice {number} in {invoice_currency}: give the rate "
        "({invoice_currency} per {currency}) to convert it first",
        currency=payment.currency,
        **values,
    )


def settled(session: Session, invoice: InvoiceRow, was_open: bool) -> int:
    """After the invoice's paid sum moved: stop its reminders if nothing is left, or bring
    them back to review if a reversal opened it again. Returns the reminders cancelled."""
    is_open = remaining_minor(invoice) > 0
    if was_open and not is_open:
        return outbox.cancel_reminders(session, invoice.id, "paid")
    if is_open and not was_open:
        outbox.restore_cancelled(session, invoice.id, "paid")
    if is_open:
        outbox.refresh_figures(session, invoice.id, dt.datetime.now(dt.UTC))
    return 0


def credit_rest(session: Session, payment: PaymentRow, customer_id: int, note: str = "") -> int:
    """Turn what is left of the payment into the customer's credit; returns it (minor)."""
    rest = payment.unallocated_minor
    if rest <= 0:
        return 0
    session.add(
        CustomerCreditRow(
            customer_id=customer_id,
            currency=booking_currency(payment),
            amount_minor=rest,
            kind="payment",
            entry_date=payment.payment_date,
            payment_id=payment.id,
            note=note,
        )
    )
    payment.unallocated_minor = 0
    session.flush()
    logger.info("payment %s: %s to the credit of customer %s", payment.id, rest, customer_id)
    return rest


def cancelled_reminders(session: Session, invoice_id: int) -> int:
    """How many of the invoice's reminders stand cancelled because it was paid."""
    query = select(func.count()).where(
        OutboxRow.invoice_id == invoice_id,
        OutboxRow.status == "cancelled",
        OutboxRow.skip_reason == "paid",
    )
    return session.scalar(query) or 0


def minor_amount(amount: Decimal, currency: str, field: str) -> int:
    """``amount`` in minor units, or ValidationFailed naming ``field``."""
    if not isinstance(amount, Decimal) or not amount.is_finite():
        raise ValidationFailed.single(field, msg("not an amount: {amount}", amount=repr(amount)))
    try:
        return to_minor(amount, currency)
    except MoneyError as error:
        raise ValidationFailed.single(field, error_message(error)) from None


def _registered(session, payment, invoice, applied, credited, converted, due_before):
    currency = invoice.currency
    cancelled = 0
    if remaining_minor(invoice) <= 0 and applied:
        # allocate() cancelled them; counted here for the summary.
        cancelled = cancelled_reminders(session, invoice.id)
    return Registered(
        payment_id=payment.id,
        invoice_number=invoice.number or "",
        currency=currency,
        applied=from_minor(applied, currency),
        to_credit=from_minor(credited, currency),
        remaining=from_minor(max(remaining_minor(invoice), 0), currency),
        status=status_of(invoice).value,
        converted=converted,
        difference=None if converted is None else converted - from_minor(due_before, currency),
        cancelled_reminders=cancelled,
        paid=from_minor(payment.amount_minor, payment.currency),
        paid_currency=payment.currency,
        rate=payment.rate,
    )


def currency_code(code: str) -> str:
    try:
        return check_currency(code)
    except MoneyError as error:
        raise ValidationFailed.single("currency", error_message(error)) from None


def _rate(rate: Decimal) -> Decimal:
    try:
        rate = Decimal(rate)
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationFailed.single(
            "rate", msg("not a decimal number: {rate}", rate=repr(rate))
        ) from None
    if not rate.is_finite() or rate <= 0 or len(rate.as_tuple().digits) > MAX_RATE_DIGITS:
        raise ValidationFailed.single(
            "rate", msg("a positive rate of at most 12 digits, not {rate}", rate=str(rate))
        )
    return rate


def _check_date(day: dt.date, today: dt.date | None) -> None:
    today = today or dt.date.today()
    if day < EARLIEST or day > today + dt.timedelta(days=1):
        raise ValidationFailed.single(
            "date",
            msg(
                "{day} is not between {earliest} and today",
                day=day.isoformat(),
                earliest=EARLIEST.isoformat(),
            ),
        )


def _money(payment: PaymentRow) -> str:
    currency = booking_currency(payment)
    return f"{from_minor(payment.unallocated_minor, currency)} {currency}"
