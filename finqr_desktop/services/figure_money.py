"""Sums per currency turned into one company-currency figure that says how it was made.

The SQL behind every dashboard figure groups by currency; this module converts those few
sums (never single invoices) at the rates in force on the figure's day
(exchange_rates.rates_on), and keeps the parts so the screen can show what was converted
at which rate, and what could not be, for want of a rate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from ..domain.money import from_minor
from .exchange_rates import Rates


@dataclass(frozen=True)
class CurrencyPart:
    """The share of a figure in one currency; ``converted`` is None without a rate.
    ``rate_from`` is the day the rate it was converted at applies from."""

    currency: str
    amount: Decimal
    converted: Decimal | None
    rate: Decimal | None = None
    rate_from: dt.date | None = None


@dataclass(frozen=True)
class MoneyFigure:
    """``amount`` in ``currency`` (the company's): the sum of every part with a rate."""

    currency: str
    amount: Decimal
    parts: tuple[CurrencyPart, ...] = ()

    @property
    def foreign(self) -> tuple[CurrencyPart, ...]:
        return tuple(p for p in self.parts if p.currency != self.currency)

    @property
    def missing_rates(self) -> tuple[str, ...]:
        """Currencies left out of ``amount`` because no rate was entered for them."""
        return tuple(p.currency for p in self.parts if p.converted is None)


def money_figure(rates: Rates, minor_by_currency: Mapping[str, int]) -> MoneyFigure:
    """One figure from integer minor-unit sums keyed by currency."""
    home = rates.company_currency
    parts = []
    for currency in sorted(minor_by_currency, key=lambda c: (c != home, c)):
        amount = from_minor(minor_by_currency[currency], currency)
        used = None if currency == home else rates.latest.get(currency)
        parts.append(
            CurrencyPart(
                currency,
                amount,
                rates.convert(amount, currency),
                None if used is None else used.rate,
                None if used is None else used.valid_from,
            )
        )
    total = sum((p.converted for p in parts if p.converted is not None), from_minor(0, home))
    return MoneyFigure(home, total, tuple(parts))


def add_minor(sums: dict[str, int], pairs: Iterable[tuple[str, int]]) -> dict[str, int]:
    """Add (currency, minor) pairs into ``sums``; returns it."""
    for currency, minor in pairs:
        sums[currency] = sums.get(currency, 0) + int(minor or 0)
    return sums
