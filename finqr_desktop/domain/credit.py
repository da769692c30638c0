"""Credit notes: the only way to change an issued invoice.

A credit note carries negative amounts and refers to one original. It may take off no more
than is left to credit, in total and at every VAT rate: a credit can only reverse VAT that
the invoice charged. What the customer had already paid beyond what the credit leaves owing
is theirs: it becomes their credit (``overpaid_after_credit``).
"""

from __future__ import annotations

from dataclasses import dataclass
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


@dataclass(frozen=True)
class Overpaid:
    """What a credit note leaves paid beyond the invoice, in minor units.

    ``to_credit`` is money the customer paid that the invoice no longer asks for: it is
    theirs, as credit. ``write_off_back`` is the part of an earlier write-off that the
    credit made needless: it was never money, so it is undone rather than credited.
    """

    to_credit: int
    write_off_back: int

    def __bool__(self) -> bool:
        return bool(self.to_credit or self.write_off_back)


def overpaid_after_credit(owed: int, money_paid: int, written_off: int) -> Overpaid:
    """Split what an invoice holds beyond ``owed`` (its total less every credit note,
    this one included) between the customer's credit and undone write-off.

    Money comes back first as far as it exceeds what is owed; only the rest, which money
    never covered, comes off the write-off.
    """
    beyond = money_paid + written_off - owed
    if beyond <= 0:
        return Overpaid(0, 0)
    to_credit = max(0, money_paid - owed)
    return Overpaid(to_credit, beyond - to_credit)
