"""Expected cash in per week: open invoices placed where their customers actually pay.

Counted: every open invoice (as in services.aging: issued, not credited away, something
left to pay), with its rest due. Each one is placed at its due date shifted by its
customer's median delay over its last HISTORY invoices paid in the last HISTORY_DAYS days
(days from due date to the day the rest reached zero, see services.figure_sets; early
payment counts as a negative delay). A customer with no such paid invoice gets the
company-wide median of the same samples; a ledger with nothing paid uses the due date.
An expected day before today means money already late, and is counted in the current week.

As of an earlier day, "open" and "paid" are as the ledger stood at that day's end
(services.aging_as_of): the invoices open then, and delays from the payments dated up to
it. Amounts are converted at the rates in force on the forecast's day, for every week: a
rate entered for a later day is not a forecast of the rate.

Weeks are calendar weeks, Monday to Sunday, the first one holding today. The band comes
from the middle half of the customer's delays (the 25th to 75th percentile): ``low`` is
what lands in the week wherever in that range it is paid, ``high`` what may land in it, so
low ≤ expected ≤ high always. What is expected after the last week is ``later``.

The grouping runs in SQL: the per-customer delays go into a temporary table and the
database sums the rests per (earliest, expected, latest week, currency), a few hundred
rows at most whatever the ledger's size. Invoices due so long ago that even their
customer's latest day is in the current week (most of what is long overdue) are not placed
one by one: they are summed per currency into the first week, in the same statement.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import statistics
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import (
    Column,
    Integer,
    MetaData,
    Table,
    func,
    insert,
    literal,
    or_,
    select,
    text,
    union_all,
)
from sqlalchemy.orm import Session

from ..domain.money import from_minor
from ..storage.models import CustomerRow
from .aging_as_of import delays_owed, open_invoices_owed
from .exchange_rates import Rates, rates_on
from .figure_money import MoneyFigure, money_figure
from .figure_sets import HISTORY, HISTORY_DAYS, open_invoices, recent_delays
from .figure_sql import clamped, days_between

logger = logging.getLogger(__name__)

DELAY_FIELDS = ("low", "median", "high")


@dataclass(frozen=True)
class Delay:
    """How many days after the due date a customer pays: ``low`` and ``high`` bound the
    middle half of its delays; ``samples`` is how many paid invoices they come from (0: the
    company-wide figure stands in)."""

    low: int
    median: int
    high: int
    samples: int


@dataclass(frozen=True)
class ForecastWeek:
    index: int
    start: dt.date
    end: dt.date
    iso_week: int
    expected: MoneyFigure
    low: MoneyFigure
    high: MoneyFigure
    count: int


@dataclass(frozen=True)
class Forecast:
    today: dt.date
    currency: str
    weeks: tuple[ForecastWeek, ...]
    later: MoneyFigure
    method: str
    company_delay: Delay
    delays: dict[int, Delay] = field(default_factory=dict)
    as_it_stands: bool = False

    @property
    def expected_total(self) -> Decimal:
        return sum((week.expected.amount for week in self.weeks), Decimal(0))

    def delay_of(self, customer_id: int) -> Delay:
        return self.delays.get(customer_id, self.company_delay)


@dataclass(frozen=True)
class ForecastInvoice:
    """One open invoice behind a week's bar."""

    id: int
    number: str
    customer_number: str
    customer_name: str
    due_date: dt.date | None
    expected_on: dt.date
    delay: int
    remaining: Decimal
    currency: str
    converted: Decimal | None


def cash_forecast(
    session: Session,
    today: dt.date,
    weeks: int = 12,
    *,
    rates: Rates | None = None,
    history: dict[int, list[int]] | None = None,
    as_it_stands: bool = False,
) -> Forecast:
    """The next ``weeks`` calendar weeks of expected payments, in the company currency,
    from what was open at the end of ``today``. ``as_it_stands``: from the ledger as it
    stands instead (the stored rests, read through their index), as the dashboard reads
    it whatever its day. ``rates`` and ``history`` (figure_sets.recent_delays) may come
    from a caller that already read them for other figures."""
    if weeks < 1:
        raise ValueError("weeks must be at least 1")
    rates = rates or rates_on(session, today)
    if history is None and not as_it_stands:
        history = delays_owed(session, today)
    delays, company = customer_delays(session, today, history)
    before = first_week_only_before(today, delays, company)
    placed = placement(session, today, delays, company, weeks, since=before,
                       as_it_stands=as_it_stands)  # fmt: skip
    one_by_one = select(
        *placed.weeks, placed.table.c.currency, func.sum(placed.table.c.remaining_minor),
        func.count(),
    ).group_by(*placed.weeks, placed.table.c.currency)  # fmt: skip
    early = _owed(today, as_it_stands, "early")
    first_week = (
        select(literal(0), literal(0), literal(0), early.c.currency,
               func.sum(early.c.remaining_minor), func.count())
        .where(early.c.due_date < before)
        .group_by(early.c.currency)
    )  # fmt: skip
    rows = session.execute(union_all(one_by_one, first_week))
    return forecast_from(rows, today, weeks, rates, delays, company, as_it_stands=as_it_stands)


def _owed(today: dt.date, as_it_stands: bool, name: str):
    """The open invoices the forecast places (see cash_forecast)."""
    return open_invoices(name) if as_it_stands else open_invoices_owed(today, name=name)


def first_week_only_before(today: dt.date, delays: dict[int, Delay], company: Delay) -> dt.date:
    """A due date before which every open invoice is expected in the first week, early and
    late end of its band included: its due date plus the highest delay of any customer
    falls before the second week starts. Never after today, so that an invoice without a
    due date (expected from today) is always placed one by one."""
    latest = max([company.high, *(delay.high for delay in delays.values())])
    return min(week_start(today) + dt.timedelta(days=7 - latest), today)


@dataclass(frozen=True)
class Placement:
    """The open invoices as a subquery (``table``: invoice_id, number, customer_id,
    currency, due_date, remaining_minor, median) and, as SQL over it, the week index
    (0..weeks, ``weeks`` meaning later) of each one's earliest, expected and latest day."""

    table: object
    weeks: tuple


def forecast_from(rows, today: dt.date, weeks: int, rates: Rates, delays: dict[int, Delay],
                  company: Delay, *, as_it_stands: bool = False) -> Forecast:  # fmt: skip
    """The Forecast from (earliest, expected, latest week, currency, minor, count) sums, as
    grouped over a Placement."""
    start = week_start(today)
    expected = [{} for _ in range(weeks + 1)]
    low = [{} for _ in range(weeks + 1)]
    high = [{} for _ in range(weeks + 1)]
    counts = [0] * (weeks + 1)
    for first, middle, last, currency, minor, count in rows:
        _add(expected[middle], currency, minor)
        counts[middle] += count
        if first == last:
            _add(low[first], currency, minor)
        for index in range(first, last + 1):
            _add(high[index], currency, minor)
    found = tuple(
        ForecastWeek(
            index, start + dt.timedelta(weeks=index), start + dt.timedelta(weeks=index, days=6),
            (start + dt.timedelta(weeks=index)).isocalendar().week,
            money_figure(rates, expected[index]), money_figure(rates, low[index]),
            money_figure(rates, high[index]), counts[index],
        )
        for index in range(weeks)
    )  # fmt: skip
    return Forecast(today, rates.company_currency, found, money_figure(rates, expected[weeks]),
                    method_text(company), company, delays, as_it_stands)  # fmt: skip


def forecast_invoices(
    session: Session, forecast: Forecast, index: int, *, rates: Rates | None = None
) -> list[ForecastInvoice]:
    """The open invoices expected in week ``index`` of ``forecast`` (its own delays, so the
    list matches the bar that was clicked), earliest expected first."""
    rates = rates or rates_on(session, forecast.today)
    found = placement(session, forecast.today, forecast.delays, forecast.company_delay,
                      len(forecast.weeks), as_it_stands=forecast.as_it_stands)  # fmt: skip
    placed, mid_week = found.table, found.weeks[1]
    query = (
        select(placed.c.invoice_id, placed.c.number, CustomerRow.number, CustomerRow.name,
               placed.c.due_date, placed.c.median, placed.c.remaining_minor, placed.c.currency)
        .select_from(placed)
        .join(CustomerRow, CustomerRow.id == placed.c.customer_id)
        .where(mid_week == index)
        .order_by(placed.c.due_date, placed.c.number)
    )  # fmt: skip
    found = []
    for row_id, number, customer, name, due, delay, minor, currency in session.execute(query):
        amount = from_minor(minor, currency)
        expected_on = max((due or forecast.today) + dt.timedelta(days=int(delay)), forecast.today)
        found.append(
            ForecastInvoice(row_id, number, customer, name, due, expected_on, int(delay), amount,
                            currency, rates.convert(amount, currency))
        )  # fmt: skip
    return found


def customer_delays(
    session: Session, today: dt.date, history: dict[int, list[int]] | None = None
) -> tuple[dict[int, Delay], Delay]:
    """Each customer's Delay over its recent paid invoices (services.figure_sets), and
    the company-wide one over all those samples together."""
    samples = recent_delays(session, today) if history is None else history
    pooled = [delay for delays in samples.values() for delay in delays]
    company = _delay(pooled) if pooled else Delay(0, 0, 0, 0)
    return {customer: _delay(found) for customer, found in samples.items() if found}, company


def _delay(delays: list[int]) -> Delay:
    """Median (a half day rounded to the later day) and quartiles, in whole days."""
    ordered = sorted(delays)
    median = math.ceil(statistics.median(ordered))
    if len(ordered) == 1:
        return Delay(median, median, median, 1)
    first, _, third = statistics.quantiles(ordered, n=4, method="inclusive")
    return Delay(min(math.floor(first), median), median, max(math.ceil(third), median),
                 len(ordered))  # fmt: skip


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def method_text(company: Delay) -> str:
    if company.samples == 0:
        basis = "No invoice has been paid yet, so each open invoice is placed at its due date."
    else:
        basis = (
            f"Each open invoice at its due date plus its customer's median delay over its last "
            f"{HISTORY} invoices paid in the last {HISTORY_DAYS} days (others: the "
            f"company-wide median, {company.median:+d} days)."
        )
    return (
        f"{basis} Band: the middle half of each customer's delays. "
        "Money already late counts in the current week."
    )


def placement(
    session: Session,
    today: dt.date,
    delays: dict[int, Delay],
    company: Delay,
    weeks: int,
    *,
    since: dt.date | None = None,
    as_it_stands: bool = False,
) -> Placement:
    """Where each open invoice is expected (see Placement), or each one due on ``since``
    or later; ``delays`` go into a temporary table first."""
    start = week_start(today)
    owed = _owed(today, as_it_stands, "owed")
    if delays:
        table = _delay_table(session, delays)
        source = owed.outerjoin(table, table.c.customer_id == owed.c.customer_id)
        low, median, high = (
            func.coalesce(table.c[name], getattr(company, name)) for name in DELAY_FIELDS
        )
    else:
        source = owed
        low, median, high = (literal(getattr(company, name)) for name in DELAY_FIELDS)
    # An invoice without a due date (issuing always sets one) is expected from today.
    from_start = days_between(func.coalesce(owed.c.due_date, literal(today)), literal(start))
    query = select(
        owed.c.id.label("invoice_id"),
        owed.c.number,
        owed.c.customer_id,
        owed.c.currency,
        owed.c.due_date,
        owed.c.remaining_minor,
        median.label("median"),
        (from_start + low).label("low"),
        (from_start + median).label("mid"),
        (from_start + high).label("high"),
    ).select_from(source)
    if since is not None:
        query = query.where(or_(owed.c.due_date >= since, owed.c.due_date.is_(None)))
    placed = query.subquery("placed")
    return Placement(
        placed, tuple(_week_index(placed.c[n], weeks) for n in ("low", "mid", "high"))
    )


def _delay_table(session: Session, delays: dict[int, Delay]) -> Table:
    """The delays in a temporary table keyed by customer, so each open invoice finds its
    customer's by an index lookup (a VALUES list is scanned whole per invoice on SQLite).

    Dropped first in case an earlier refresh on this pooled connection kept it; a reading
    session's rollback (or, on PostgreSQL, the end of the transaction) drops it after.
    """
    connection = session.connection()
    connection.execute(text(f"DROP TABLE IF EXISTS {_DELAY_TABLE.name}"))
    _DELAY_TABLE.create(connection)
    rows = [{"customer_id": c, "low": d.low, "median": d.median, "high": d.high}
            for c, d in delays.items()]  # fmt: skip
    connection.execute(insert(_DELAY_TABLE), rows)
    return _DELAY_TABLE


_DELAY_TABLE = Table(
    "finqr_forecast_delays",
    MetaData(),
    Column("customer_id", Integer, primary_key=True, autoincrement=False),
    Column("low", Integer, nullable=False),
    Column("median", Integer, nullable=False),
    Column("high", Integer, nullable=False),
    prefixes=["TEMPORARY"],
    postgresql_on_commit="DROP",
)


def _week_index(offset, weeks: int):
    """Days from the first Monday into a week index: before it counts as the first week,
    after the last as ``weeks`` (later)."""
    return clamped(offset, literal(0), literal(7 * weeks)) // 7


def _add(sums: dict[str, int], currency: str, minor: int) -> None:
    sums[currency] = sums.get(currency, 0) + int(minor)
