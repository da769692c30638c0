"""Credit notes: the only way to change an issued invoice.

A credit note carries negative amounts and refers to one original. It may take off no more
than is left to credit, in total and at every VAT rate: a credit can only reverse VAT that
the invoice charged.
"""

from __future__ import annotations

from decimal import Decimal

from .errors import Problem, RuleViolation, ValidationFailed
from .messages import msg


def creditable(original_total: Decimal, credited_so_far: Decimal) -> Decimal:
    """What is left to credit on an invoice (both arguments positive)."""
    return original_total - credited_so_far


def check_credit_amount(
    original_total: Decimal, credited_so_far: Decimal, credit_total: Decimal
) -> None:
    """``credit_total`` is the credit note's own (negative) total."""
    left = creditable(original_total, credited_so_far)
    if left <= 0:
        raise RuleViolation(msg("the invoice is already fully credited"))
    if credit_total >= 0:
        raise RuleViolation(
            msg(
                "a credit note must take an amount off: write the lines to credit with positive "
                "quantities"
            )
        )
    if -credit_total > left:
        raise RuleViolation(
            msg(
                "the credit note takes off {amount}, but only {left} is left to credit",
                amount=-credit_total,
                left=left,
            )
        )


def check_credit_per_rate(
    invoiced: dict[str, Decimal],
    credited: dict[str, Decimal],
    requested: dict[str, Decimal],
    first_line: dict[str, int],
    labels: dict[str, str],
) -> None:
    """Net per VAT rate: ``invoiced`` and ``credited`` positive, ``requested`` negative.

    Keys are rate keys (code and percent); ``first_line`` says which credit line to name in
    the message and ``labels`` how to show a rate ("25 %").
    """
    problems = []
    for key, amount in requested.items():
        place = f"lines[{first_line[key]}].vat_rate"
        if key not in invoiced:
            problems.append(
                Problem(place, msg("the invoice has no {rate} lines to credit", rate=labels[key]))
            )
            continue
        left = invoiced[key] - credited.get(key, Decimal(0))
        if -amount > left:
            problems.append(
                Problem(
                    place,
                    msg(
                        "takes off {amount} at {rate}, but only {left} excluding VAT is left to "
                        "credit at that rate",
                        amount=-amount,
                        rate=labels[key],
                        left=left,
                    ),
                )
            )
    if problems:
        raise ValidationFailed(problems)
