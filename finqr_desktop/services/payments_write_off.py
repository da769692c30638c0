"""Writing off a small remainder (öresavrundning left by a payer, a bank fee taken off)
instead of reminding a customer about it.

A write-off counts in the invoice's ``paid_minor`` like a payment, so the invoice reads as
paid everywhere and its reminders stop; the ``write_off`` row keeps it apart for the books.
Only a remainder up to the limit set for its currency may be written off: by default 10
SEK, and nothing in other currencies until the company sets a limit for them.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from ..domain.errors import RuleViolation, ValidationFailed
from ..domain.messages import msg
from ..domain.money import from_minor
from ..storage.models import WriteOffRow
from . import audit, settings_store
from .payments import currency_code, minor_amount, open_invoice, remaining_minor, settled

logger = logging.getLogger(__name__)

LIMIT_KEY = "payments.write_off_limit"
DEFAULT_LIMITS = {"SEK": "10.00"}


class OverWriteOffLimit(RuleViolation):
    """What is left is above the write-off limit of its currency (or none is set for it)."""

    def __init__(self, message: str, currency: str):
        super().__init__(message)
        self.currency = currency


@dataclass(frozen=True)
class WrittenOff:
    invoice_number: str
    currency: str
    amount: Decimal


def write_off_limits(session: Session) -> dict[str, Decimal]:
    """The largest remainder that may be written off, per currency."""
    stored = settings_store.load(session, LIMIT_KEY, DEFAULT_LIMITS)
    if not isinstance(stored, dict):
        logger.warning("ignoring a malformed %s setting: %r", LIMIT_KEY, stored)
        stored = DEFAULT_LIMITS
    return {currency: Decimal(str(value)) for currency, value in stored.items()}


def set_write_off_limit(session: Session, currency: str, amount: Decimal) -> None:
    currency = currency_code(currency)
    if minor_amount(amount, currency, "limit") < 0:
        raise ValidationFailed.single("limit", msg("may not be negative"))
    limits = {code: str(value) for code, value in write_off_limits(session).items()}
    limits[currency] = str(amount)
    settings_store.store(session, LIMIT_KEY, limits)


def write_off(
    session: Session, invoice_id: int, *, on_date: dt.date, reason: str = ""
) -> WrittenOff:
    """Write off what is left on the invoice, if it is within the currency's limit."""
    invoice = open_invoice(session, invoice_id)
    currency = invoice.currency
    rest = remaining_minor(invoice)
    limit = write_off_limits(session).get(currency)
    left = from_minor(rest, currency)
    if not limit:
        raise OverWriteOffLimit(
            msg(
                "{amount} {currency} is left on invoice {number}; no write-off limit is set "
                "for {currency} (each currency has its own)",
                amount=str(left),
                currency=currency,
                number=invoice.number,
            ),
            currency,
        )
    if left > limit:
        raise OverWriteOffLimit(
            msg(
                "{amount} {currency} is left on invoice {number}; the write-off limit for "
                "{currency} is {limit}",
                amount=str(left),
                currency=currency,
                number=invoice.number,
                limit=str(limit),
            ),
            currency,
        )
    session.add(
        WriteOffRow(
            invoice_id=invoice.id,
            amount_minor=rest,
            write_off_date=on_date,
            reason=reason.strip(),
        )
    )
    invoice.paid_minor += rest
    session.flush()
    settled(session, invoice, was_open=True)
    why = f": {reason.strip()}" if reason.strip() else ""
    audit.record(
        session,
        audit.WRITE_OFF,
        invoice_id=invoice.id,
        detail=f"{from_minor(rest, currency)} {currency} written off{why}",
    )
    logger.info("wrote off %s %s of invoice %s", rest, currency, invoice.number)
    return WrittenOff(invoice.number or "", currency, from_minor(rest, currency))
