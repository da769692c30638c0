"""The clerk places a payment the matching could not: on one invoice, split over several,
or (services.customer_credit) as the customer's credit.

A payment waits in the unmatched list while any of it is unplaced (``unallocated_minor``
not zero). A deduction or reversal (negative) placed on an invoice takes that much of its
paid sum back, which opens the invoice again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from ..domain.errors import RuleViolation, ValidationFailed
from ..domain.messages import msg
from ..domain.money import from_minor
from ..domain.payment_matching import (
    Matched,
    PaymentReference,
    PaymentToMatch,
    ReferenceKind,
    Suggestion,
    match_payment,
)
from ..storage.models import PaymentRow
from . import audit
from .bank_import_lookups import LedgerLookups
from .bank_import_plan import SuggestedInvoice, suggested
from .payments import (
    allocate,
    booking_currency,
    convert,
    minor_amount,
    payable_invoice,
    remaining_minor,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Placed:
    invoice_number: str
    amount: Decimal
    currency: str
    remaining: Decimal


def place_payment(
    session: Session,
    payment_id: int,
    parts: list[tuple[int, Decimal | None]],
    *,
    rate: Decimal | None = None,
) -> list[Placed]:
    """Allocate the payment over ``parts``: (invoice id, amount or None for as much as the
    invoice takes and the payment has left), in order. ``rate`` converts a payment in
    another currency into the invoices' currency first."""
    payment = session.get(PaymentRow, payment_id)
    if payment is None:
        raise RuleViolation(msg("no payment {id}", id=payment_id))
    if payment.unallocated_minor == 0:
        raise RuleViolation(msg("payment {id} is already placed in full", id=payment_id))
    if not parts:
        raise RuleViolation(msg("name at least one invoice"))
    invoices = [payable_invoice(session, invoice_id) for invoice_id, _ in parts]
    currencies = {invoice.currency for invoice in invoices}
    if rate is None and payment.converted_currency is None:
        _require_rate(payment, invoices)
    if rate is not None:
        if len(currencies) != 1 or payment.converted_currency is not None:
            raise RuleViolation(
                msg("a rate converts a payment not yet converted, for one currency")
            )
        if payment.unallocated_minor != payment.amount_minor:
            raise RuleViolation(msg("payment {id} is partly placed already", id=payment_id))
        convert(session, payment, rate, currencies.pop())

    placed = []
    for invoice, (_, amount) in zip(invoices, parts, strict=True):
        currency = booking_currency(payment)
        if amount is None:
            minor = _as_much_as_fits(payment, invoice)
        else:
            minor = minor_amount(amount, invoice.currency, "amount")
        if minor == 0:
            raise RuleViolation(
                msg(
                    "nothing of payment {id} fits invoice {number}",
                    id=payment_id,
                    number=invoice.number,
                )
            )
        if (minor < 0) != (payment.unallocated_minor < 0):
            raise RuleViolation(msg("an amount takes the sign of what is left of the payment"))
        if abs(minor) > abs(payment.unallocated_minor):
            left = from_minor(payment.unallocated_minor, currency)
            raise RuleViolation(
                msg(
                    "payment {id} has only {amount} {currency} left to place",
                    id=payment_id,
                    amount=str(left),
                    currency=currency,
                )
            )
        allocate(session, payment, invoice, minor)
        audit.record(
            session,
            audit.ALLOCATION,
            invoice_id=invoice.id,
            detail=f"payment {payment_id} placed by hand: {from_minor(minor, invoice.currency)} "
            f"{invoice.currency}",
        )
        placed.append(
            Placed(
                invoice.number or "",
                from_minor(minor, invoice.currency),
                invoice.currency,
                from_minor(max(remaining_minor(invoice), 0), invoice.currency),
            )
        )
    numbers = ", ".join(p.invoice_number for p in placed)
    payment.note = f"{payment.note}; placed by hand on {numbers}" if payment.note else numbers
    session.flush()
    logger.info("payment %s placed by hand on %s", payment_id, numbers)
    return placed


def suggestions_for(session: Session, payment_id: int) -> tuple[SuggestedInvoice, ...]:
    """Open invoices the clerk may place a waiting payment on, best first, worked out again
    from what the payment says (its reference read as free text, message, payer, amount)
    against the ledger as it is now."""
    payment = session.get(PaymentRow, payment_id)
    if payment is None:
        raise RuleViolation(msg("no payment {id}", id=payment_id))
    currency = booking_currency(payment)
    references = (PaymentReference(ReferenceKind.FREE, payment.reference),)
    wanted = PaymentToMatch(
        amount=from_minor(payment.unallocated_minor, currency),
        currency=currency,
        date=payment.payment_date,
        references=references if payment.reference else (),
        message=payment.message,
        payer_name=payment.payer_name,
    )
    result = match_payment(wanted, LedgerLookups(session).lookups())
    if isinstance(result, Matched):
        found = [Suggestion(a.invoice, ("reference",)) for a in result.allocations]
    else:
        found = list(result.suggestions)
    return suggested(found)


def _require_rate(payment: PaymentRow, invoices) -> None:
    """A payment not yet converted pays an invoice in another currency only with a rate."""
    for invoice in invoices:
        if invoice.currency != payment.currency:
            raise ValidationFailed.single(
                "rate",
                msg(
                    "is required: payment {id} is in {currency}, invoice {number} in "
                    "{invoice_currency}; give the rate ({invoice_currency} per {currency}) "
                    "to convert the payment",
                    id=payment.id,
                    currency=payment.currency,
                    number=invoice.number,
                    invoice_currency=invoice.currency,
                ),
            )


def _as_much_as_fits(payment: PaymentRow, invoice) -> int:
    if payment.unallocated_minor < 0:
        # A reversal takes back at most what the invoice was paid.
        return -min(-payment.unallocated_minor, invoice.paid_minor)
    return min(payment.unallocated_minor, max(remaining_minor(invoice), 0))
