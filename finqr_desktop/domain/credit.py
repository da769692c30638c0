"""Credit notes: the only way to change an issued invoice.

A credit note carries negative amounts and refers to one original. Partial credits may
never take off more than is left to credit.
"""

from __future__ import annotations

from decimal import Decimal

from .errors import RuleViolation


def creditable(original_total: Decimal, credited_so_far: Decimal) -> Decimal:
    """What is left to credit on an invoice (both arguments positive)."""
    return original_total - credited_so_far


def check_credit_amount(
    original_total: Decimal, credited_so_far: Decimal, credit_total: Decimal
) -> None:
    """``credit_total`` is the credit note's own (negative) total."""
    if credit_total >= 0:
        raise RuleViolation("a credit note must take an amount off (its total is not negative)")
    left = creditable(original_total, credited_so_far)
    if -credit_total > left:
        raise RuleViolation(
            f"the credit note takes off {-credit_total}, but only {left} is left to credit"
        )
