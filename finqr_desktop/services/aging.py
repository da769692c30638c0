"""Accounts-receivable aging: what is still owed, by how long it is past its due date.

Counted: every issued invoice (not drafts, not credit notes) with something left to pay,
that is total minus credited minus paid (write-offs count as paid) above zero; as of an
earlier day, what was issued by then less what was credited, paid and written off by
then (``aging_as_of``). A credit
note lowers its invoice's rest; an invoice credited in full is not owed and not counted. A
part payment leaves its rest in the bucket of the invoice's due date. Days overdue are
today minus the due date: an invoice due today is not yet due, one due 30 days ago is in
1–30, 31 days ago in 31–60. Amounts are summed per currency in SQL and converted into the
company currency at the rates in force on the aging's day (exchange_rates.rates_on: never
a rate valid only from a later day); a currency without a rate is kept apart in each
bucket's ``figure`` rather than guessed.

Known shortcoming: charged reminder fees are not counted, though the statement and the SIE
export (account 1510) count them. The ledger never settles a fee (money beyond an
invoice's rest becomes customer credit), so a fee the customer paid could not be told
from one still owed and would stay overdue here forever.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import case, func, literal, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Subquery

from ..domain.money import from_minor
from ..storage.models import CustomerRow
from .aging_as_of import open_invoices_owed
from .exchange_rates import Rates, rates_on
from .figure_money import MoneyFigure, add_minor, money_figure
from .figure_sql import days_between

logger = logging.getLogger(__name__)

NOT_DUE = "not_due"
DUE_SOON_DAYS = 7


@dataclass(frozen=True)
class BucketRule:
    """Invoices ``first``..``last`` days overdue (``last`` None: no upper end)."""

    key: str
    label: str
    first: int | None
    last: int | None


BUCKETS = (
    BucketRule(NOT_DUE, "Not yet due", None, 0),
    BucketRule("1-30", "1–30 days", 1, 30),
    BucketRule("31-60", "31–60 days", 31, 60),
    BucketRule("61-90", "61–90 days", 61, 90),
    BucketRule("over_90", "Over 90 days", 91, None),
)
BUCKET_KEYS = tuple(rule.key for rule in BUCKETS)


@dataclass(frozen=True)
class AgingBucket:
    key: str
    label: str
    count: int
    figure: MoneyFigure

    @property
    def amount(self) -> Decimal:
        """Still due in the company currency (currencies without a rate left out)."""
        return self.figure.amount


@dataclass(frozen=True)
class Aging:
    """The buckets and their ``total``; read in the same pass, ``overdue`` (every bucket
    but not-yet-due) and ``due_soon``: what falls due today or in the six days after it."""

    today: dt.date
    currency: str
    buckets: tuple[AgingBucket, ...]
    total: MoneyFigure
    overdue: MoneyFigure
    due_soon: MoneyFigure
    due_soon_count: int = 0

    @property
    def overdue_count(self) -> int:
        return sum(bucket.count for bucket in self.buckets if bucket.key != NOT_DUE)

    @property
    def count(self) -> int:
        return sum(bucket.count for bucket in self.buckets)

    def bucket(self, key: str) -> AgingBucket:
        return next(b for b in self.buckets if b.key == key)


@dataclass(frozen=True)
class AgingInvoice:
    """One open invoice behind a bucket; ``converted`` is None without a rate."""

    id: int
    number: str
    customer_number: str
    customer_name: str
    due_date: dt.date | None
    days_overdue: int
    remaining: Decimal
    currency: str
    converted: Decimal | None


@dataclass(frozen=True)
class OpenGroup:
    """Open invoices of one (bucket, due-soon flag, currency): their rest in minor units
    and how many."""

    bucket: str
    soon: bool
    currency: str
    minor: int
    count: int


def open_groups(
    session: Session,
    today: dt.date,
    *,
    customer_id: int | None = None,
    owed: Subquery | None = None,
) -> list[OpenGroup]:
    """The open invoices summed per bucket. The database sums them per currency and due
    date, the order of the partial index ix_invoice_open_amounts, which holds every column
    read: no invoice's row is visited and nothing is sorted, so the cost follows what is
    open, not the ledger's size. The sums, one per currency and day something falls due,
    are then put in their buckets here. ``owed`` is the set to sum (the columns of
    figure_sets.open_invoices): by default the invoices open at the end of ``today``; the
    dashboard passes the ledger as it stands, as its other figures read it."""
    owed = open_invoices_owed(today) if owed is None else owed
    overdue = days_between(literal(today), owed.c.due_date)
    query = select(owed.c.currency, overdue, func.sum(owed.c.remaining_minor), func.count())
    if customer_id is not None:
        query = query.where(owed.c.customer_id == customer_id)
    sums: dict[tuple[str, bool, str], list[int]] = {}
    for currency, days, minor, count in session.execute(
        query.group_by(owed.c.currency, owed.c.due_date)
    ):
        soon = days is not None and -DUE_SOON_DAYS < days <= 0
        found = sums.setdefault((bucket_of(days), soon, currency), [0, 0])
        found[0] += int(minor)
        found[1] += count
    return [OpenGroup(*key, minor, count) for key, (minor, count) in sums.items()]


def bucket_of(days_overdue: int | None) -> str:
    """The key of the bucket of an invoice ``days_overdue`` days past its due date (None:
    it has no due date); bucket_sql says the same in SQL."""
    if days_overdue is None or days_overdue <= 0:
        return NOT_DUE
    return next(rule.key for rule in BUCKETS[1:] if rule.last is None or days_overdue <= rule.last)


def aging(
    session: Session, today: dt.date, *, customer_id: int | None = None, rates: Rates | None = None
) -> Aging:
    """The five buckets over the whole ledger, or one customer's invoices, at the end of
    ``today`` and at its rates unless ``rates`` are given."""
    rates = rates or rates_on(session, today)
    return aging_from(open_groups(session, today, customer_id=customer_id), today, rates)


def aging_from(groups: list[OpenGroup], today: dt.date, rates: Rates) -> Aging:
    """The Aging of groups read by open_groups."""
    sums: dict[str, dict[str, int]] = {key: {} for key in BUCKET_KEYS}
    counts = dict.fromkeys(BUCKET_KEYS, 0)
    everything: dict[str, int] = {}
    late: dict[str, int] = {}
    coming: dict[str, int] = {}
    coming_count = 0
    for group in groups:
        pair = [(group.currency, group.minor)]
        add_minor(sums[group.bucket], pair)
        add_minor(everything, pair)
        counts[group.bucket] += group.count
        if group.bucket != NOT_DUE:
            add_minor(late, pair)
        if group.soon:
            add_minor(coming, pair)
            coming_count += group.count
    buckets = tuple(
        AgingBucket(rule.key, rule.label, counts[rule.key], money_figure(rates, sums[rule.key]))
        for rule in BUCKETS
    )
    return Aging(today, rates.company_currency, buckets, money_figure(rates, everything),
                 money_figure(rates, late), money_figure(rates, coming), coming_count)  # fmt: skip


def aging_invoices(
    session: Session,
    today: dt.date,
    bucket: str,
    *,
    customer_id: int | None = None,
    rates: Rates | None = None,
) -> list[AgingInvoice]:
    """The open invoices in one bucket (a key of BUCKETS), longest overdue first."""
    if bucket not in BUCKET_KEYS:
        raise ValueError(f"unknown aging bucket {bucket!r}; one of {', '.join(BUCKET_KEYS)}")
    rates = rates or rates_on(session, today)
    owed = open_invoices_owed(today)
    overdue = func.coalesce(days_between(literal(today), owed.c.due_date), 0)
    query = (
        select(owed.c.id, owed.c.number, CustomerRow.number, CustomerRow.name, owed.c.due_date,
               overdue, owed.c.remaining_minor, owed.c.currency)
        .join(CustomerRow, CustomerRow.id == owed.c.customer_id)
        .where(bucket_sql(owed.c.due_date, today) == bucket)
        .order_by(owed.c.due_date, owed.c.number)
    )  # fmt: skip
    if customer_id is not None:
        query = query.where(owed.c.customer_id == customer_id)
    rows = []
    for row_id, number, customer, name, due, days, minor, currency in session.execute(query):
        amount = from_minor(minor, currency)
        rows.append(
            AgingInvoice(row_id, number, customer, name, due, max(int(days), 0), amount,
                         currency, rates.convert(amount, currency))
        )  # fmt: skip
    return rows


def bucket_sql(due_date, today: dt.date):
    """The bucket key of a due date as SQL, from boundary dates worked out here, so the
    database compares plain dates and the same text runs on SQLite and PostgreSQL."""
    whens = [
        (due_date >= today - dt.timedelta(days=rule.last), literal(rule.key))
        for rule in BUCKETS[1:-1]
    ]
    return case(
        (due_date.is_(None), literal(NOT_DUE)),
        (due_date >= today, literal(NOT_DUE)),
        *whens,
        else_=literal(BUCKETS[-1].key),
    )
