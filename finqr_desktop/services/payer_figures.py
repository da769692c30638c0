"""Who pays late, and whether reminders help.

A customer's lateness is the average days late over two kinds of invoice: its recent paid
ones (the same samples the forecast reads, services.figure_sets: its last HISTORY
invoices settled in the last HISTORY_DAYS days, an early payment counting as zero) and its
invoices open and overdue today (days overdue so far: they are at least that late). So a
customer who stopped paying is not hidden by having nothing paid.

Reminder effectiveness is, per reminder level, the share of invoices reminded at that level
(in the last REMINDER_DAYS days, and at least seven days ago so the week is complete) that
were paid in full within seven days after the reminder went.

Both read through partial indexes that hold every column they need: the open invoices
(ix_invoice_open_amounts) and the reminders (ix_outbox_reminder_sent).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Table, case, func, literal, select, text
from sqlalchemy.orm import Session

from ..storage.models import REMINDER_SQL, CustomerRow, OutboxRow
from .exchange_rates import Rates
from .figure_money import MoneyFigure, add_minor, money_figure
from .figure_sets import open_invoices, recent_settlements
from .figure_sql import day_of, days_between
from .receivable_figures import DaysFigure, average_days

logger = logging.getLogger(__name__)

TOP = 10
PAID_WITHIN_DAYS = 7
REMINDER_DAYS = 90
_DAY = dt.timedelta(days=1)

CUSTOMER = CustomerRow.__table__
OUTBOX = OutboxRow.__table__


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
    limit: int | None = TOP,
) -> list[LatePayer]:
    """Customers by average days late, the latest first (ties: more invoices counted, then
    the customer id); customers on time throughout are left out. ``history`` is
    figure_sets.recent_delays; ``limit`` None gives every customer."""
    days: dict[int, list[int]] = {c: [sum(max(d, 0) for d in found), len(found)]
                                  for c, found in history.items()}  # fmt: skip
    overdue: dict[int, dict[str, int]] = {}
    overdue_counts: dict[int, int] = {}
    for customer, currency, minor, count, overdue_days in _overdue_by_customer(session, today):
        add_minor(overdue.setdefault(customer, {}), [(currency, minor)])
        overdue_counts[customer] = overdue_counts.get(customer, 0) + count
        counted = days.setdefault(customer, [0, 0])
        counted[0] += int(overdue_days)
        counted[1] += count
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


def _overdue_by_customer(session: Session, today: dt.date):
    """(customer, currency, rest in minor units, invoices, days overdue summed) of the
    invoices open and past their due date, as the ledger stands."""
    owed = open_invoices("owed")
    query = (
        select(owed.c.customer_id, owed.c.currency, func.sum(owed.c.remaining_minor),
               func.count(), func.sum(days_between(literal(today), owed.c.due_date)))
        .where(owed.c.due_date < today)
        # Currency first: grouped by customer first, SQLite would rather walk every
        # invoice of the ledger in the order of ix_invoice_customer_issue than sort.
        .group_by(owed.c.currency, owed.c.customer_id)
    )  # fmt: skip
    return session.execute(query).all()


def _customer_names(session: Session, ids: list[int]) -> dict[int, tuple[str, str]]:
    if not ids:
        return {}
    query = select(CUSTOMER.c.id, CUSTOMER.c.number, CUSTOMER.c.name).where(CUSTOMER.c.id.in_(ids))
    return {row_id: (number, name) for row_id, number, name in session.execute(query)}


def reminder_effect(
    session: Session, today: dt.date, settled: Table | None = None
) -> list[ReminderEffect]:
    """Per reminder level that went out, how often the money followed within a week.

    Read from the outbox, which holds each (invoice, level) once with the time it went
    (the message log has the same, but also every failed attempt), through the partial
    index of the reminders by status and the time they went; its condition is repeated
    word for word (REMINDER_SQL), which is what lets SQLite use it. Payment days come from
    figure_sets.recent_settlements (``settled``, made here when not given), which reaches
    further back than this period; an invoice settled by a credit note alone is not in it,
    so it does not count as paid.
    """
    settled = recent_settlements(session, today) if settled is None else settled
    since = today - dt.timedelta(days=REMINDER_DAYS)
    complete = today - dt.timedelta(days=PAID_WITHIN_DAYS)
    sent_at = OUTBOX.c.sent_at
    after = days_between(settled.c.day, day_of(sent_at))
    # IN rather than two comparisons: SQLite would work the difference out twice.
    within = after.in_(range(PAID_WITHIN_DAYS + 1))
    # Sent on ``since`` .. ``complete``, as times: the index is on the time it went.
    first, end = (dt.datetime.combine(day, dt.time()) for day in (since, complete + _DAY))
    query = (
        select(OUTBOX.c.level, func.count(), func.sum(case((within, 1), else_=0)))
        .select_from(OUTBOX)
        .outerjoin(settled, settled.c.invoice_id == OUTBOX.c.invoice_id)
        .where(text(REMINDER_SQL), OUTBOX.c.status == "sent", sent_at >= first, sent_at < end)
        .group_by(OUTBOX.c.level)
        .order_by(OUTBOX.c.level)
    )
    return [
        ReminderEffect(level, count, int(paid or 0))
        for level, count, paid in session.execute(query)
    ]
