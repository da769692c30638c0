"""How the dashboard writes its figures: amounts in the clerk's locale, and a plain note
saying what was converted at which rate, or left out for want of one."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from ..domain.date_text import format_day
from ..domain.number_text import format_amount, format_decimal_plain
from ..services.figure_money import MoneyFigure
from ..services.figure_sets import HISTORY, HISTORY_DAYS
from ..services.receivable_figures import DaysFigure


def _tr(text: str) -> str:
    return QCoreApplication.translate("", text)


def money(figure: MoneyFigure, locale: str) -> str:
    return format_amount(figure.amount, figure.currency, locale)


def amount(value: Decimal, currency: str, locale: str) -> str:
    return format_amount(value, currency, locale)


def conversion_note(figure: MoneyFigure, locale: str) -> str:
    """A note such as "incl. 125,00 € converted at 11,52, the rate from 2026-11-15" (the
    rate in force on the figure's day), and the currencies left out."""
    notes = []
    for part in figure.foreign:
        if part.converted is None:
            notes.append(
                _tr("{amount} not included: no exchange rate entered").format(
                    amount=format_amount(part.amount, part.currency, locale)
                )
            )
        else:
            notes.append(
                _tr("incl. {amount} converted at {rate}, the rate from {day}").format(
                    amount=format_amount(part.amount, part.currency, locale),
                    rate=format_decimal_plain(part.rate, locale),
                    day=format_day(part.rate_from, locale),
                )
            )
    return "; ".join(notes)


def days(figure: DaysFigure, locale: str) -> str:
    if figure.days is None:
        return "–"
    return _tr("{days} days").format(days=format_decimal_plain(figure.days, locale))


def plain_days(value: Decimal | None, locale: str) -> str:
    if value is None:
        return "–"
    return _tr("{days} days").format(days=format_decimal_plain(value, locale))


def percent(value: Decimal | None, locale: str) -> str:
    if value is None:
        return "–"
    return f"{format_decimal_plain(value, locale)} %"


def bucket_label(key: str) -> str:
    """An aging bucket's name (services.aging.BUCKETS keys) in the clerk's language."""
    names = {
        "not_due": _tr("Not yet due"),
        "1-30": _tr("1–30 days"),
        "31-60": _tr("31–60 days"),
        "61-90": _tr("61–90 days"),
        "over_90": _tr("Over 90 days"),
    }
    return names.get(key, key)


def forecast_method(forecast) -> str:
    """How the forecast places the money, said on the chart (services.forecast)."""
    company = forecast.company_delay
    if company.samples == 0:
        basis = _tr("No invoice has been paid yet, so each open invoice is placed at its "
                    "due date.")  # fmt: skip
    else:
        basis = _tr(
            "Each open invoice at its due date plus its customer's median delay over its "
            "last {count} invoices paid in the last {days} days (others: the company-wide "
            "median, {median} days)."
        ).format(count=HISTORY, days=HISTORY_DAYS, median=f"{company.median:+d}")
    rest = _tr("Band: the middle half of each customer's delays. Money already late counts "
               "in the current week.")  # fmt: skip
    return f"{basis} {rest}"
