"""An invoice's status is derived from its facts, never stored or set by hand."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal


class Status(enum.StrEnum):
    DRAFT = "draft"
    UNPAID = "unpaid"
    PARTIALLY_PAID = "partially_paid"
    PAID = "paid"
    OVERDUE = "overdue"
    CREDITED = "credited"
    # A credit note's own status once issued: it settles an invoice, it is not paid.
    ISSUED_CREDIT = "credit_note"


def derive_status(
    *,
    is_draft: bool,
    is_credit_note: bool,
    total: Decimal,
    credited: Decimal,
    paid: Decimal,
    due_date: dt.date | None,
    today: dt.date,
) -> Status:
    """Status of an invoice from its total, what credit notes took off and what was paid.

    ``credited`` and ``paid`` are positive amounts. A fully credited invoice is credited even
    if something was paid before the credit (the payment becomes customer credit).
    """
    if is_draft:
        return Status.DRAFT
    if is_credit_note:
        return Status.ISSUED_CREDIT
    if total > 0 and credited >= total:
        return Status.CREDITED
    remaining = total - credited - paid
    if remaining <= 0:
        return Status.PAID
    if due_date is not None and today > due_date:
        return Status.OVERDUE
    if paid > 0:
        return Status.PARTIALLY_PAID
    return Status.UNPAID


def remaining_amount(total: Decimal, credited: Decimal, paid: Decimal) -> Decimal:
    """What is still to pay; never negative (an overpayment is customer credit)."""
    return max(total - credited - paid, Decimal(0) * total)
