"""The rows of one SIE verification as they are booked: amounts summed per account.

Apart from ``sie_verifications`` so that module keeps to finding what to book; this one
only adds up, balances exchange differences and hands the writer its rows.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from decimal import Decimal

from ..domain.sie import Transaction

logger = logging.getLogger(__name__)


class Booking:
    """The rows of one verification, summed per account, zero rows left out; a row's
    texts, when given, are joined in the order they came."""

    def __init__(self) -> None:
        self.sums: dict[str, Decimal] = defaultdict(Decimal)
        self.texts: dict[str, list[str]] = defaultdict(list)
        self.moved = False

    def add(self, account: str, amount: Decimal, text: str = "") -> None:
        self.sums[account] += amount
        self.moved = self.moved or amount != 0
        if text and amount and text not in self.texts[account]:
            self.texts[account].append(text)

    def balance_on(self, gain: str, loss: str) -> None:
        """Whatever the rows are off by goes to ``gain`` (more came in) or ``loss``."""
        rest = sum(self.sums.values(), Decimal(0))
        if rest:
            self.add(gain if rest > 0 else loss, -rest)

    def rows(self) -> tuple[Transaction, ...]:
        """The non-zero sums; when amounts were booked and yet every sum is zero, the
        zero rows themselves, so that the writer refuses the verification instead of it
        vanishing from the file (a verification of nothing at all is left out)."""
        rows = tuple(
            Transaction(a, s, ", ".join(self.texts[a])) for a, s in self.sums.items() if s
        )
        if not rows and self.moved:
            return tuple(Transaction(a, s) for a, s in self.sums.items())
        return rows
