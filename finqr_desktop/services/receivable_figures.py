"""The dashboard's headline figures: what is owed, overdue and soon due, DSO, and how long
deliveries wait to be invoiced.

What is owed comes from the aging read (services.aging), so it costs no query of its own;
sales and the delivery wait share one query over the invoices of the last 90 days. Sums
per currency are converted at the rates in force on the dashboard's day
(services.figure_money), so nothing here walks over single invoices.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from ..storage.models import InvoiceRow
from .aging import Aging
from .exchange_rates import Rates
from .figure_money import MoneyFigure, money_figure
from .figure_sql import days_between

logger = logging.getLogger(__name__)

PERIOD_DAYS = 90
ONE_DECIMAL = Decimal("0.1")


@dataclass(frozen=True)
class Headline:
    """``outstanding``: the rest of every open invoice; ``overdue``: of those due before
    today; ``due_soon``: of those due today or in the six days after it (seven days)."""

    outstanding: MoneyFigure
    overdue: MoneyFigure
    due_soon: MoneyFigure
    open_count: int
    overdue_count: int
    due_soon_count: int


@dataclass(frozen=True)
class DaysFigure:
    """An average in days (one decimal) over ``count`` items; None when there were none."""

    days: Decimal | None
    count: int


@dataclass(frozen=True)
class PeriodFigures:
    """Over the PERIOD_DAYS days ending today, by issue date: ``sales`` is what was
    invoiced less what was credited; ``delivery_wait`` the average days from delivery date
    to issue date over the invoices that state a delivery date."""

    sales: MoneyFigure
    delivery_wait: DaysFigure


def headline(owed: Aging) -> Headline:
    return Headline(owed.total, owed.overdue, owed.due_soon, owed.count, owed.overdue_count,
                    owed.due_soon_count)  # fmt: skip


def period_figures(session: Session, today: dt.date, rates: Rates) -> PeriodFigures:
    since = today - dt.timedelta(days=PERIOD_DAYS - 1)
    invoice = InvoiceRow.__table__
    delivered = and_(invoice.c.kind == "invoice", invoice.c.delivery_date.is_not(None))
    wait = days_between(invoice.c.issue_date, invoice.c.delivery_date)
    query = (
        select(
            invoice.c.currency,
            func.sum(invoice.c.total_minor),
            func.sum(case((delivered, wait), else_=0)),
            func.sum(case((delivered, 1), else_=0)),
        )
        # "IS NOT true", not "= false": SQLite would read "is_draft = 0" through the
        # (is_draft, due_date) index, every issued invoice of the ledger, rather than the
        # 90 days' invoices through the issue-date index.
        .where(invoice.c.is_draft.is_not(True), invoice.c.issue_date >= since,
               invoice.c.issue_date <= today)
        .group_by(invoice.c.currency)
    )  # fmt: skip
    invoiced: dict[str, int] = {}
    waited = counted = 0
    for currency, total, days, count in session.execute(query):
        invoiced[currency] = int(total)
        waited += int(days or 0)
        counted += int(count or 0)
    return PeriodFigures(money_figure(rates, invoiced), average_days(waited, counted))


def days_sales_outstanding(outstanding: MoneyFigure, invoiced: MoneyFigure) -> Decimal | None:
    """DSO: what is owed now over what was invoiced (net of credit notes) in the last 90
    days, times 90 days. None when nothing was invoiced in that time."""
    if invoiced.amount <= 0:
        return None
    days = outstanding.amount / invoiced.amount * PERIOD_DAYS
    return days.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def average_days(total, count) -> DaysFigure:
    """A DaysFigure from a sum of days and a count."""
    if not count:
        return DaysFigure(None, 0)
    average = (Decimal(int(total)) / count).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)
    return DaysFigure(average, int(count))
