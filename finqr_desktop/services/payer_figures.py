"""Who pays late, and whether reminders help.

A customer's lateness is the average days late over two kinds of invoice: its recent paid
ones (the same samples the forecast reads, services.figure_sets: its last HISTORY
invoices settled in the last HISTORY_DAYS days, an early payment counting as zero) and its
invoices open and overdue today (days overdue so far: they are at least that late). So a
customer who stopped paying is not hidden by having nothing paid.

Reminder effectiveness is, per reminder level, the share of invoices reminded at that level
(in the last REMINDER_DAYS days, and at least seven days ago so the week is complete) that
were paid in full within seven days after the reminder went.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Table, case, func, select
from sqlalchemy.orm import Session

from ..storage.models import CustomerRow, OutboxRow
from .aging import NOT_DUE, OpenGroup, open_groups
from .exchange_rates import Rates
from .figure_money import MoneyFigure, add_minor, money_figure
from .figure_sets import recent_settlements
from .figure_sql import day_of, days_between
from .receivable_figures import DaysFigure, average_days

logger = logging.getLogger(__name__)

TOP = 10
PAID_WITHIN_DAYS = 7
REMINDER_DAYS = 90
PLANNED_BEFORE_DAYS = 60


@dataclass(frozen=True)
class LatePayer:
    """``late`` averages over ``late.count`` invoices; ``overdue`` is what the customer's
    ``overdue_count`` overdue invoices still owe."""

    customer_id: int
    number: str
    name: str
    late: DaysFigure
    overdue: MoneyFigure
    overdue_count: int


@dataclass(frozen=True)
class ReminderEffect:
    """Of ``reminded`` invoices reminded at ``level``, ``paid_within`` were paid in full in
    the seven days after the reminder."""

    level: int
    reminded: int
    paid_within: int

    @property
    def share(self) -> Decimal | None:
        """Per cent, one decimal; None when no invoice was reminded at this level."""
        if not self.reminded:
            return None
        return (Decimal(self.paid_within) * 100 / self.reminded).quantize(Decimal("0.1"))


def late_payers(
    session: Session,
    today: dt.date,
    rates: Rates,
    history: dict[int, list[int]],
    *,
    groups: list[OpenGroup] | None = None,
    limit: int | None = TOP,
) -> list[LatePayer]:
    """Customers by average days late, the latest first (ties: more invoices counted, then
    the customer id); customers on time throughout are left out. ``groups`` are
    aging.open_groups by customer, read here when not given; ``limit`` None gives every
    customer."""
    if groups is None:
        groups = open_groups(session, today, by_customer=True)
    days: dict[int, list[int]] = {c: [sum(max(d, 0) for d in found), len(found)]
                                  for c, found in history.items()}  # fmt: skip
    overdue: dict[int, dict[str, int]] = {}
    overdue_counts: dict[int, int] = {}
    for group in groups:
        if group.bucket == NOT_DUE:
            continue
        customer = group.customer_id
        add_minor(overdue.setdefault(customer, {}), [(group.currency, group.minor)])
        overdue_counts[customer] = overdue_counts.get(customer, 0) + group.count
        counted = days.setdefault(customer, [0, 0])
        counted[0] += group.overdue_days
        counted[1] += group.count
    ranked = sorted(
        (c for c, (total, _) in days.items() if total > 0),
        key=lambda c: (-days[c][0] / days[c][1], -days[c][1], c),
    )
    if limit is not None:
        ranked = ranked[:limit]
    names = _customer_names(session, ranked)
    return [
        LatePayer(c, *names[c], average_days(*days[c]), money_figure(rates, overdue.get(c, {})),
                  overdue_counts.get(c, 0))
        for c in ranked
    ]  # fmt: skip


def _customer_names(session: Session, ids: list[int]) -> dict[int, tuple[str, str]]:
    if not ids:
        return {}
    query = select(CustomerRow.id, CustomerRow.number, CustomerRow.name).where(
        CustomerRow.id.in_(ids)
    )
    return {row_id: (number, name) for row_id, number, name in session.execute(query)}


def reminder_effect(
    session: Session, today: dt.date, settled: Table | None = None
) -> list[ReminderEffect]:
    """Per reminder level that went out, how often the money followed within a week.

    Read from the outbox, which holds each (invoice, level) once with the time it went
    (the message log has the same, but also every failed attempt, and no index to find
    recent rows by). Only reminders planned at most PLANNED_BEFORE_DAYS before the period
    are looked at, so the (status, planned_at) index bounds the read. Payment days come
    from figure_sets.recent_settlements (``settled``, made here when not given), which
    reaches further back than this period; an invoice settled by a credit note alone is
    not in it, so it does not count as paid.
    """
    settled = recent_settlements(session, today) if settled is None else settled
    since = today - dt.timedelta(days=REMINDER_DAYS)
    complete = today - dt.timedelta(days=PAID_WITHIN_DAYS)
    went = day_of(OutboxRow.sent_at)
    after = days_between(settled.c.day, went)
    # IN rather than two comparisons: SQLite would work the difference out twice.
    within = after.in_(range(PAID_WITHIN_DAYS + 1))
    query = (
        select(OutboxRow.level, func.count(), func.sum(case((within, 1), else_=0)))
        .select_from(OutboxRow)
        .outerjoin(settled, settled.c.invoice_id == OutboxRow.invoice_id)
        .where(OutboxRow.status == "sent", OutboxRow.kind == "reminder")
        .where(OutboxRow.planned_at >= dt.datetime.combine(
            since - dt.timedelta(days=PLANNED_BEFORE_DAYS), dt.time()))
        .where(went >= since, went <= complete)
        .group_by(OutboxRow.level)
        .order_by(OutboxRow.level)
    )  # fmt: skip
    return [
        ReminderEffect(level, count, int(paid or 0))
        for level, count, paid in session.execute(query)
    ]
