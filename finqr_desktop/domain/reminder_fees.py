"""What a reminder may charge: the agreed fee, and between businesses the 450 kr set-off.

Lag (1981:739) 4 a §: a business owed money by another business gets a flat
förseningsersättning once the debtor is late, and reminder fees are covered by it rather than
added on top. So over one invoice the fees and the compensation together come to the larger
of the flat amount and the fees alone; the compensation is claimed once, with the first
reminder after the due date, and later fees are charged only for what goes beyond it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from finqr_desktop.domain.reminder_policy import COMPENSATION_SEK

ZERO = Decimal(0)


@dataclass(frozen=True)
class Charge:
    """The fee and the compensation claimed with one message."""

    fee: Decimal = ZERO
    compensation: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.fee + self.compensation


def agreed_fee(level_fee: Decimal, *, fee_agreed: bool) -> Decimal:
    """The level's fee, or nothing: a fee is owed only if agreed when the debt arose (2 §)."""
    return level_fee if fee_agreed else ZERO


def set_off_against_compensation(
    fees: Sequence[Decimal], *, compensation: Decimal = COMPENSATION_SEK
) -> list[Charge]:
    """Charges for a business customer's reminders after the due date, in sending order.

    ``fees`` are the fees each reminder would carry on its own. The first claims the
    compensation less its own fee; each later one charges only what lifts the running fees
    above the flat amount. For fees of 60, 60 that is 60 + 390, then 0: 450 in all.
    """
    charges = []
    fees_so_far = ZERO
    for index, fee in enumerate(fees):
        if fee < 0:
            raise ValueError(f"a reminder fee cannot be negative: {fee}")
        claimed_before = max(compensation, fees_so_far) if index else ZERO
        fees_so_far += fee
        claimed_after = max(compensation, fees_so_far)
        if index == 0:
            charges.append(Charge(fee, claimed_after - fee))
        else:
            charges.append(Charge(claimed_after - claimed_before))
    return charges
