"""Exchange rates for showing amounts in other currencies in the company's currency.

The clerk enters rates (company-currency units per one unit of the other currency, e.g.
11.52 SEK per EUR, with the day it applies from) in a small table kept in the ``setting``
table under ``exchange_rates``. A payment booked in another currency than its invoice
already carries the rate the clerk or the bank used (services.payments), so those count as
entered too. A figure as of a day is converted at the rate in force on that day: the latest
one valid on or before it, a payment's rate counting from its payment date; on the same
day the table wins, since it is the clerk's deliberate figure. So a rate entered for a
day to come is not used before that day, and a report of an earlier day keeps its figures
when a newer rate is entered. Nothing is fetched from the network.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain.errors import ValidationFailed
from ..domain.messages import msg
from ..domain.money import MoneyError, check_currency, round_money
from ..storage.models import CompanyRow, PaymentRow
from . import company as company_service
from . import settings_store

logger = logging.getLogger(__name__)

RATES_KEY = "exchange_rates"
MAX_RATE_DIGITS = 12
# Read as plain rows (no mapped classes): see services.figure_sets.
COMPANY = CompanyRow.__table__
PAYMENT = PaymentRow.__table__


@dataclass(frozen=True)
class EnteredRate:
    """One row of the clerk's table: ``rate`` company units per unit of ``currency``."""

    currency: str
    valid_from: dt.date
    rate: Decimal


@dataclass(frozen=True)
class UsedRate:
    """The rate a figure was converted at, and where it came from ("table" or "payment")."""

    currency: str
    rate: Decimal
    valid_from: dt.date
    source: str


@dataclass(frozen=True)
class Rates:
    """The rate per currency in force on ``day`` (``latest``: the latest valid on or before
    it), for converting sums into ``company_currency``."""

    company_currency: str
    day: dt.date
    latest: dict[str, UsedRate]

    def convert(self, amount: Decimal, currency: str) -> Decimal | None:
        """``amount`` of ``currency`` in the company currency, rounded to its minor unit;
        None when no rate was ever entered for ``currency``."""
        if currency == self.company_currency:
            return amount
        used = self.latest.get(currency)
        if used is None:
            return None
        return round_money(amount * used.rate, self.company_currency)


def entered_rates(session: Session) -> list[EnteredRate]:
    """The clerk's table, by currency and then newest first."""
    stored = settings_store.peek(session, RATES_KEY, []) or []
    rates = [
        EnteredRate(
            row["currency"], dt.date.fromisoformat(row["valid_from"]), Decimal(row["rate"])
        )
        for row in stored
    ]
    return sorted(rates, key=lambda r: (r.currency, -r.valid_from.toordinal()))


def add_rate(session: Session, currency: str, valid_from: dt.date, rate: Decimal | str) -> None:
    """Enter (or replace) the rate of ``currency`` from ``valid_from``."""
    home = company_service.require_company(session).currency
    try:
        code = check_currency(currency.strip().upper())
    except MoneyError:
        message = msg("not an ISO 4217 currency code: {currency}", currency=repr(currency))
        raise ValidationFailed.single("currency", message) from None
    if code == home:
        raise ValidationFailed.single(
            "currency", msg("{code} is the company's own currency", code=code)
        )
    value = _rate(rate)
    kept = [r for r in entered_rates(session) if (r.currency, r.valid_from) != (code, valid_from)]
    kept.append(EnteredRate(code, valid_from, value))
    _save(session, kept)
    logger.info("exchange rate %s %s from %s", code, value, valid_from)


def remove_rate(session: Session, currency: str, valid_from: dt.date) -> bool:
    """Remove one row of the table; False when there was no such row."""
    rates = entered_rates(session)
    kept = [r for r in rates if (r.currency, r.valid_from) != (currency, valid_from)]
    _save(session, kept)
    return len(kept) != len(rates)


def rates_on(session: Session, day: dt.date) -> Rates:
    """The rate per currency in force on ``day``, into the company's currency: the newest
    of the table's rows valid from ``day`` or earlier and of the payments dated ``day`` or
    earlier. A payment's rate converts its own currency into the invoice's, so a payment
    in SEK on a EUR invoice gives the inverse of the SEK-per-EUR rate."""
    home = company_currency(session)
    latest: dict[str, UsedRate] = {}
    for used in _payment_rates(session, home, day):
        _keep_newer(latest, used)
    for row in entered_rates(session):
        if row.valid_from <= day:
            _keep_newer(latest, UsedRate(row.currency, row.rate, row.valid_from, "table"))
    return Rates(home, day, latest)


def company_currency(session: Session) -> str:
    """The currency figures are converted into (SEK before a company is saved)."""
    company = session.scalar(select(COMPANY.c.currency).order_by(COMPANY.c.id).limit(1))
    return company or "SEK"


def _keep_newer(latest: dict[str, UsedRate], candidate: UsedRate) -> None:
    known = latest.get(candidate.currency)
    if known is None or candidate.valid_from > known.valid_from:
        latest[candidate.currency] = candidate
    elif candidate.valid_from == known.valid_from and candidate.source == "table":
        latest[candidate.currency] = candidate


def _payment_rates(session: Session, home: str, day: dt.date) -> list[UsedRate]:
    """The newest converted payment dated ``day`` or earlier per (paid currency, booked
    currency) pair touching the company currency: one row per pair however many payments
    there are, read through the partial index of the converted payments
    (ix_payment_converted)."""
    newest = (
        select(
            PAYMENT.c.currency,
            PAYMENT.c.converted_currency,
            PAYMENT.c.payment_date,
            PAYMENT.c.rate,
            func.row_number()
            .over(
                partition_by=(PAYMENT.c.currency, PAYMENT.c.converted_currency),
                order_by=(PAYMENT.c.payment_date.desc(), PAYMENT.c.id.desc()),
            )
            .label("position"),
        )
        # The condition of the partial index ix_payment_converted, so SQLite reads that.
        .where(PAYMENT.c.rate.is_not(None), PAYMENT.c.converted_currency.is_not(None))
        .where((PAYMENT.c.currency == home) | (PAYMENT.c.converted_currency == home))
        .where(PAYMENT.c.payment_date <= day)
        .subquery()
    )
    columns = (newest.c.currency, newest.c.converted_currency, newest.c.payment_date)
    rows = session.execute(select(*columns, newest.c.rate).where(newest.c.position == 1)).all()
    found = []
    for paid_in, booked_in, day, rate in rows:
        if rate is None or rate == 0 or paid_in == booked_in:
            continue
        if booked_in == home:
            found.append(UsedRate(paid_in, rate, day, "payment"))
        else:
            found.append(UsedRate(booked_in, (Decimal(1) / rate).quantize(Decimal("1e-6")), day,
                                  "payment"))  # fmt: skip
    return found


def _rate(rate: Decimal | str) -> Decimal:
    try:
        value = rate if isinstance(rate, Decimal) else Decimal(str(rate).strip().replace(",", "."))
    except InvalidOperation:
        raise ValidationFailed.single(
            "rate", msg("not a decimal number: {rate}", rate=repr(rate))
        ) from None
    if not value.is_finite() or value <= 0:
        raise ValidationFailed.single("rate", msg("must be a number above zero"))
    if len(value.as_tuple().digits) > MAX_RATE_DIGITS:
        raise ValidationFailed.single("rate", msg("at most {count} digits", count=MAX_RATE_DIGITS))
    return value


def _save(session: Session, rates: list[EnteredRate]) -> None:
    settings_store.store(
        session,
        RATES_KEY,
        [
            {"currency": r.currency, "valid_from": r.valid_from.isoformat(), "rate": str(r.rate)}
            for r in sorted(rates, key=lambda r: (r.currency, r.valid_from))
        ],
    )
