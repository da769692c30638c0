"""Every figure converts at the rate in force on its day: a rate valid only from a later
day is not used, and a rate entered after a past day leaves that day's figures as they
were. Figures worked out by hand in as_of_ledger."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from finqr_desktop.services import exchange_rates
from finqr_desktop.services.aging import aging, aging_invoices
from finqr_desktop.services.dashboard import dashboard_figures

from . import as_of_ledger
from .as_of_ledger import DAY, EURO_ON_DAY, EURO_TODAY, FUTURE, OPEN_ON_DAY_SEK
from .figures_ledger import TODAY, invoice, pay

D = Decimal


@pytest.fixture
def books(ledger):
    return as_of_ledger.build(ledger)


def used(ledger, day: dt.date) -> tuple:
    with ledger.reading() as session:
        rate = exchange_rates.rates_on(session, day).latest.get("EUR")
    return None if rate is None else (rate.rate, rate.valid_from, rate.source)


def test_each_day_has_the_latest_rate_valid_on_or_before_it(ledger, books):
    assert used(ledger, dt.date(2026, 9, 30)) is None
    assert used(ledger, DAY) == (D("11.50"), dt.date(2026, 10, 1), "table")
    assert used(ledger, dt.date(2026, 11, 15)) == (D("11.20"), dt.date(2026, 11, 15), "table")
    assert used(ledger, TODAY) == (D("11.20"), dt.date(2026, 11, 15), "table")
    assert used(ledger, FUTURE) == (D("20.00"), FUTURE, "table")


def test_a_payments_rate_counts_from_its_payment_date_only(ledger, books):
    # 100 EUR paid on a SEK invoice on 1 December at 11.00 SEK per EUR.
    sek = invoice(ledger, "1002", dt.date(2026, 12, 30), net="2000.00")
    pay(ledger, sek, "100.00", dt.date(2026, 12, 1), currency="EUR", rate=D("11.00"))
    assert used(ledger, dt.date(2026, 11, 30)) == (D("11.20"), dt.date(2026, 11, 15), "table")
    assert used(ledger, TODAY) == (D("11.00"), dt.date(2026, 12, 1), "payment")
    assert used(ledger, FUTURE) == (D("20.00"), FUTURE, "table")


def test_the_aging_of_a_past_day_converts_at_that_days_rate(ledger, books):
    with ledger.reading() as session:
        then = aging(session, DAY)
        listed = aging_invoices(session, DAY, "not_due")
    assert then.total.amount == OPEN_ON_DAY_SEK + EURO_ON_DAY == D("4687.50")
    assert [(p.currency, p.amount, p.converted, p.rate, p.rate_from)
            for p in then.total.foreign] == [
        ("EUR", D("125.00"), D("1437.50"), D("11.50"), dt.date(2026, 10, 1))
    ]  # fmt: skip
    assert [(r.id, r.converted) for r in listed if r.currency == "EUR"] == [
        (books["E"], EURO_ON_DAY)
    ]


def test_a_rate_entered_later_leaves_the_earlier_days_figures_alone(ledger, books):
    with ledger.reading() as session:
        now = aging(session, TODAY)
    # Open today: Y 1000.00 (1–30 days), Z 1250.00 and E 1400.00 (not yet due).
    assert now.total.amount == D("1000.00") + D("1250.00") + EURO_TODAY
    assert now.bucket("not_due").amount == D("1250.00") + EURO_TODAY

    with ledger.writing() as session:
        exchange_rates.remove_rate(session, "EUR", dt.date(2026, 11, 15))
    with ledger.reading() as session:
        assert aging(session, DAY).total.amount == D("4687.50")
        assert aging(session, TODAY).total.amount == D("2250.00") + EURO_ON_DAY


def test_the_dashboard_converts_at_todays_rate_not_one_to_come(ledger, books):
    with ledger.reading() as session:
        figures = dashboard_figures(session, TODAY)
    top = figures.headline
    assert (top.outstanding.amount, top.overdue.amount, top.due_soon.amount) == (
        D("3650.00"), D("1000.00"), EURO_TODAY)  # fmt: skip
    assert [(p.rate, p.rate_from) for p in top.due_soon.foreign] == [
        (D("11.20"), dt.date(2026, 11, 15))
    ]
    assert figures.rates.day == TODAY
    # The forecast places the same open invoices at the same rate.
    assert figures.forecast.expected_total + figures.forecast.later.amount == D("3650.00")
