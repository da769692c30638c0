"""What a credit note leaves paid beyond the invoice becomes the customer's credit.

A credit note lowers what the customer owes. When they had already paid more than is now
owed, the difference is their money (tillgodohavande): it is moved off the invoice onto
their credit (services.customer_credit), where it settles another invoice or is paid back.

The move is booked like the use of credit, mirrored: a payment of method "credit_note",
dated on the credit note and naming it as its reference, takes the amount back from the
invoice (a negative allocation) and gives it to the customer's credit (a movement of kind
"credit_note"). So the invoice's ``paid_minor`` stays the sum of its allocations and
write-offs and its rest is exactly zero, the aging of an earlier day reads the move on its
own date, and the bookkeeping gets a verification of its own (receivables to customer
credit, services.sie_verifications). A write-off the credit made needless is undone by a
negative write-off on the same day. Everything runs in the caller's transaction, the
credit note's own.

Not built yet: a bank's later reversal of a payment whose money was moved to credit this
way cannot be placed on the invoice (allocate refuses: it was not paid that much), and
there is no way yet to take such a reversal off the customer's credit instead.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from ..domain.credit import overpaid_after_credit
from ..domain.money import from_minor
from ..storage.models import CustomerCreditRow, InvoiceRow, WriteOffRow
from . import audit
from .payments import CREDIT_NOTE_METHOD, allocate, new_payment
from .payments_views import moved_to_credit, written_off

logger = logging.getLogger(__name__)

# The customer-credit movement and payment kind of such a move.
CREDIT_NOTE_KIND = "credit_note"
TRANSFER_KIND = "transfer"


@dataclass(frozen=True)
class MovedToCredit:
    """What one credit note moved, in the invoice's currency."""

    to_credit: Decimal
    write_off_undone: Decimal
    currency: str


def move_overpaid(session: Session, original: InvoiceRow, note: InvoiceRow) -> MovedToCredit:
    """After ``note`` credited ``original`` (its ``credited_minor`` already moved): give the
    customer what they paid beyond what is still owed, and undo a needless write-off."""
    currency = original.currency
    owed = original.total_minor - original.credited_minor
    already_written_off = written_off(session, original.id)
    money = original.paid_minor - already_written_off
    overpaid = overpaid_after_credit(owed, money, already_written_off)
    if overpaid.write_off_back:
        # First, so that the rest of the invoice is exactly what the allocation takes back.
        _undo_write_off(session, original, note, overpaid.write_off_back)
    if overpaid.to_credit:
        _to_credit(session, original, note, overpaid.to_credit)
    return MovedToCredit(
        from_minor(overpaid.to_credit, currency),
        from_minor(overpaid.write_off_back, currency),
        currency,
    )


def moved_from_invoice(session: Session, invoice: InvoiceRow) -> Decimal:
    """How much of what was paid on ``invoice`` its credit notes moved to the customer's
    credit; for a credit note, how much it moved itself."""
    return from_minor(moved_to_credit(session, invoice), invoice.currency)


def _to_credit(session: Session, original: InvoiceRow, note: InvoiceRow, minor: int) -> None:
    currency = original.currency
    payment = new_payment(
        session,
        payment_date=note.issue_date,
        kind=TRANSFER_KIND,
        amount_minor=-minor,
        currency=currency,
        method=CREDIT_NOTE_METHOD,
        reference=note.number or "",
        note=f"paid on {original.number} beyond what credit note {note.number} left owing",
    )
    allocate(session, payment, original, -minor)
    session.add(
        CustomerCreditRow(
            customer_id=original.customer_id,
            currency=currency,
            amount_minor=minor,
            kind=CREDIT_NOTE_KIND,
            entry_date=note.issue_date,
            payment_id=payment.id,
            note=note.number or "",
        )
    )
    session.flush()
    amount = f"{from_minor(minor, currency)} {currency}"
    audit.record(
        session,
        audit.CUSTOMER_CREDIT,
        invoice_id=original.id,
        customer_id=original.customer_id,
        detail=f"credit note {note.number}: {amount} paid beyond what is owed to the "
        f"customer's credit",
    )
    logger.info(
        "credit note %s: %s %s of %s to the credit of customer %s",
        note.number,
        minor,
        currency,
        original.number,
        original.customer_id,
    )


def _undo_write_off(session: Session, original: InvoiceRow, note: InvoiceRow, minor: int):
    session.add(
        WriteOffRow(
            invoice_id=original.id,
            amount_minor=-minor,
            write_off_date=note.issue_date,
            reason=f"undone by credit note {note.number}",
        )
    )
    original.paid_minor -= minor
    session.flush()
    amount = f"{from_minor(minor, original.currency)} {original.currency}"
    audit.record(
        session,
        audit.WRITE_OFF,
        invoice_id=original.id,
        detail=f"{amount} of the write-off undone: credit note {note.number} made it needless",
    )
    logger.info(
        "credit note %s: write-off of %s undone by %s", note.number, original.number, minor
    )
