"""Late-payment interest (dröjsmålsränta, räntelagen 1975:635), computed exactly.

Simple interest on what is still unpaid each day, at the reference rate in force that day
plus a margin (6 §: 8 percentage points), from the first late day up to and including the
last day counted. The sum is kept as an exact fraction and rounded to öre half away from zero
once, at the end, so splitting a period never changes the result by an öre.

Day count: the issue asks for actual days / 365, so every day weighs 1/365, leap years
included (29 February is simply one more day at 1/365). ``DayCount.ACTUAL_ACTUAL`` divides
a leap year's days by 366 instead, the other reading DOMAIN.md 5.4 calls common practice.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import cached_property, lru_cache

from finqr_desktop.domain.due_dates import next_bank_day
from finqr_desktop.domain.messages import msg
from finqr_desktop.domain.money import currency_exponent, from_minor, round_money

STATUTORY_MARGIN = Decimal(8)
ONE_DAY = dt.timedelta(days=1)


class DayCount(enum.StrEnum):
    ACTUAL_365 = "actual/365"
    ACTUAL_ACTUAL = "actual/actual"


@dataclass(frozen=True)
class ReferenceRateTable:
    """Reference rates in percent, each in force from its date until the next entry's date.

    Riksbanken sets one per calendar half-year (9 §); the clerk maintains the table, so it is
    data, not code. The last rate stays in force until a newer entry is added.
    """

    entries: tuple[tuple[dt.date, Decimal], ...]

    def __hash__(self) -> int:
        # Kept once: the table is a cache key for every invoice a queue plans, and hashing
        # its Decimals again each time would cost more than the look-up saves.
        return self._hash

    @cached_property
    def _hash(self) -> int:
        return hash(self.entries)

    def __post_init__(self) -> None:
        if not self.entries:
            raise ValueError(msg("a reference rate table needs at least one rate"))
        days = [day for day, _ in self.entries]
        if days != sorted(set(days)):
            raise ValueError(msg("reference rates must be in date order, one per date"))
        for day, rate in self.entries:
            if not isinstance(rate, Decimal) or not rate.is_finite():
                raise ValueError(
                    msg(
                        "reference rate from {day} must be a Decimal, not {rate}",
                        day=day,
                        rate=repr(rate),
                    )
                )

    def rate_on(self, day: dt.date) -> Decimal:
        """The reference rate in force on ``day``."""
        found = None
        for start, rate in self.entries:
            if start > day:
                break
            found = rate
        if found is None:
            raise ValueError(
                msg("no reference rate known for {day}; the table starts later", day=day)
            )
        return found

    def changes_between(self, first: dt.date, last: dt.date) -> list[dt.date]:
        return [start for start, _ in self.entries if first < start <= last]


# DOMAIN.md 5.4: Riksbanken's published values to 2024, derived values from 2025.
DEFAULT_REFERENCE_RATES = ReferenceRateTable(
    (
        (dt.date(2023, 1, 1), Decimal("2.50")),
        (dt.date(2023, 7, 1), Decimal("3.50")),
        (dt.date(2024, 1, 1), Decimal("4.00")),
        (dt.date(2024, 7, 1), Decimal("4.00")),
        (dt.date(2025, 1, 1), Decimal("2.50")),
        (dt.date(2025, 7, 1), Decimal("2.00")),
        (dt.date(2026, 1, 1), Decimal("2.00")),
    )
)


@lru_cache(maxsize=4096)
def first_late_day(due: dt.date, *, bank_day_rule: bool = True, country: str = "SE") -> dt.date:
    """The first day that bears interest and after which reminders count.

    With ``bank_day_rule`` (skuldebrevslagen 5 §) a due date on a weekend, holiday or eve
    moves to the next bank day, so the first late day is the day after that one.
    """
    effective = next_bank_day(due, country) if bank_day_rule else due
    return effective + ONE_DAY


def late_interest(
    principal: Decimal,
    due: dt.date,
    until: dt.date,
    *,
    payments: Iterable[tuple[dt.date, Decimal]] = (),
    rates: ReferenceRateTable = DEFAULT_REFERENCE_RATES,
    margin: Decimal = STATUTORY_MARGIN,
    day_count: DayCount = DayCount.ACTUAL_365,
    bank_day_rule: bool = True,
    currency: str = "SEK",
) -> Decimal:
    """Interest on ``principal`` for the late days up to and including ``until``.

    ``principal`` is what was owed on the due date before any payment; each payment lowers
    the balance from the day after it was made (the day of payment itself still bears
    interest), and a payment on or before the due date lowers it from the start.
    """
    start = first_late_day(due, bank_day_rule=bank_day_rule)
    if until < start:
        return round_money(Decimal(0), currency)
    paid = sorted(payments)
    if not paid:
        # The balance never changes, so the sum is the principal times a factor that every
        # invoice late over the same days shares: a queue works it out once per due date.
        factor = _unit_interest(start, until, rates, margin, day_count)
        numerator, denominator = max(principal, Decimal(0)).as_integer_ratio()
        return _round_ratio(
            numerator * factor.numerator, denominator * factor.denominator, currency
        )
    total = Fraction(0)
    for first, last in _segments(start, until, paid, rates, day_count):
        balance = max(principal - sum((a for d, a in paid if d < first), Decimal(0)), Decimal(0))
        annual = (rates.rate_on(first) + margin) / 100
        days = (last - first).days + 1
        total += Fraction(balance) * Fraction(annual) * days / _year_length(first, day_count)
    return _round_fraction(total, currency)


@lru_cache(maxsize=4096)
def _unit_interest(
    start: dt.date, until: dt.date, rates: ReferenceRateTable, margin: Decimal, day_count: DayCount
) -> Fraction:
    """The exact interest on 1 (unrounded) from ``start`` to ``until`` inclusive."""
    total = Fraction(0)
    for first, last in _segments(start, until, (), rates, day_count):
        annual = (rates.rate_on(first) + margin) / 100
        days = (last - first).days + 1
        total += Fraction(annual) * days / _year_length(first, day_count)
    return total


def _segments(
    start: dt.date,
    until: dt.date,
    paid: Sequence[tuple[dt.date, Decimal]],
    rates: ReferenceRateTable,
    day_count: DayCount,
) -> list[tuple[dt.date, dt.date]]:
    """Inclusive day ranges over which balance, rate and year length stay the same."""
    breaks = set(rates.changes_between(start, until))
    breaks |= {day + ONE_DAY for day, _ in paid if start < day + ONE_DAY <= until}
    if day_count is DayCount.ACTUAL_ACTUAL:
        breaks |= {dt.date(y, 1, 1) for y in range(start.year + 1, until.year + 1)}
    bounds = [start, *sorted(breaks), until + ONE_DAY]
    return [(a, b - ONE_DAY) for a, b in zip(bounds, bounds[1:], strict=False)]


def _year_length(day: dt.date, day_count: DayCount) -> int:
    if day_count is DayCount.ACTUAL_365:
        return 365
    return 366 if calendar.isleap(day.year) else 365


def _round_fraction(value: Fraction, currency: str) -> Decimal:
    """Round an exact fraction to the currency's minor unit, half away from zero."""
    return _round_ratio(value.numerator, value.denominator, currency)


def _round_ratio(numerator: int, denominator: int, currency: str) -> Decimal:
    """``numerator / denominator`` (denominator > 0) rounded as ``_round_fraction`` does, in
    plain integers: a queue rounds thousands of these."""
    whole, rest = divmod(abs(numerator) * 10 ** currency_exponent(currency), denominator)
    if 2 * rest >= denominator:
        whole += 1
    return from_minor(whole if numerator >= 0 else -whole, currency)
