"""Every figure the dashboard shows, computed together in one read: one snapshot per
refresh, so the charts, tables and the invoice lists behind them agree with each other.

The rates are read once, those in force on ``today`` (exchange_rates.rates_on: a rate
entered for a later day waits for it), and passed to every figure; the invoice lists
behind a bar or a row (services.aging.aging_invoices, services.forecast.forecast_invoices)
take the same snapshot's rates and delays. Every figure reads the ledger as it stands (the
stored rest of each invoice), ``today`` being the day ages and weeks count from.

No query here names a mapped class, so a refresh needs none of the ORM's set-up (see
services.figure_sets); benchmarks/bench_dashboard.py times it, the first refresh in a
process included.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from ..storage.models import CompanyRow, InvoiceRow
from .aging import Aging, aging_from, open_groups
from .exchange_rates import Rates, rates_on
from .figure_money import MoneyFigure
from .figure_sets import open_invoices, recent_delays, recent_settlements
from .forecast import Forecast, cash_forecast
from .payer_figures import LatePayer, ReminderEffect, late_payers, reminder_effect
from .receivable_figures import (
    DaysFigure,
    Headline,
    days_sales_outstanding,
    headline,
    period_figures,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DashboardFigures:
    today: dt.date
    currency: str
    has_company: bool
    has_invoices: bool
    rates: Rates
    headline: Headline
    aging: Aging
    forecast: Forecast
    sales_90_days: MoneyFigure
    dso: Decimal | None
    delivery_to_invoice: DaysFigure
    late_payers: tuple[LatePayer, ...]
    reminder_effect: tuple[ReminderEffect, ...]

    @property
    def missing_rates(self) -> tuple[str, ...]:
        """Currencies owed in that no figure could convert for want of a rate."""
        return self.headline.outstanding.missing_rates


def dashboard_figures(session: Session, today: dt.date, *, weeks: int = 12) -> DashboardFigures:
    """The whole dashboard; a read-only session is enough."""
    company, invoice = CompanyRow.__table__, InvoiceRow.__table__
    has_company, has_invoices = session.execute(
        select(exists(select(company.c.id)), exists().where(~invoice.c.is_draft))
    ).one()
    rates = rates_on(session, today)
    settled = recent_settlements(session, today)
    history = recent_delays(session, today, settled)
    owed = aging_from(open_groups(session, today, owed=open_invoices()), today, rates)
    top = headline(owed)
    period = period_figures(session, today, rates)
    return DashboardFigures(
        today=today,
        currency=rates.company_currency,
        has_company=bool(has_company),
        has_invoices=bool(has_invoices),
        rates=rates,
        headline=top,
        aging=owed,
        forecast=cash_forecast(
            session, today, weeks, rates=rates, history=history, as_it_stands=True
        ),
        sales_90_days=period.sales,
        dso=days_sales_outstanding(top.outstanding, period.sales),
        delivery_to_invoice=period.delivery_wait,
        late_payers=tuple(late_payers(session, today, rates, history)),
        reminder_effect=tuple(reminder_effect(session, today, settled)),
    )
