"""The cash forecast as of an earlier day starts from what was open at the end of that day,
with the delays of the payments made by then, at that day's rates (as_of_ledger).

On Tuesday 10 November 2026 week 0 runs Monday 9 to Sunday 15 November. Customer 1001
and the company had Delay(6, 8, 9): P3 (750.00, due 10-21) is expected 10-29, already late,
so in week 0; X (due 11-20) on 11-28, band 11-26 to 11-29, week 2; Y (1002, due 12-01) on
12-09, band 12-07 to 12-10, week 4; E (125.00 EUR at 11.50, due 12-08) on 12-16, band
12-14 to 12-17, week 5. Z was not issued yet.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from finqr_desktop.services.aging import aging
from finqr_desktop.services.forecast import Delay, cash_forecast, forecast_invoices

from . import as_of_ledger
from .as_of_ledger import DAY, EURO_ON_DAY
from .figures_ledger import TODAY, customer_id

D = Decimal


@pytest.fixture
def books(ledger):
    return as_of_ledger.build(ledger)


def test_the_delays_come_from_the_payments_made_by_that_day(ledger, books):
    with ledger.reading() as session:
        then = cash_forecast(session, DAY, weeks=6)
        now = cash_forecast(session, TODAY, weeks=6)
    # P3's part payment of 11-01 did not settle it: only P1 and P2 count on 11-10.
    assert then.delay_of(customer_id(ledger, "1001")) == Delay(6, 8, 9, 2)
    assert then.company_delay == Delay(6, 8, 9, 2)
    assert now.delay_of(customer_id(ledger, "1001")) == Delay(7, 10, 20, 3)


def test_what_was_open_that_day_is_placed_by_week(ledger, books):
    with ledger.reading() as session:
        then = cash_forecast(session, DAY, weeks=6)
        owed = aging(session, DAY)
    assert [(w.start, w.expected.amount, w.low.amount, w.high.amount, w.count)
            for w in then.weeks] == [
        (dt.date(2026, 11, 9), D("750.00"), D("750.00"), D("750.00"), 1),
        (dt.date(2026, 11, 16), D("0.00"), D("0.00"), D("0.00"), 0),
        (dt.date(2026, 11, 23), D("1250.00"), D("1250.00"), D("1250.00"), 1),
        (dt.date(2026, 11, 30), D("0.00"), D("0.00"), D("0.00"), 0),
        (dt.date(2026, 12, 7), D("1250.00"), D("1250.00"), D("1250.00"), 1),
        (dt.date(2026, 12, 14), EURO_ON_DAY, EURO_ON_DAY, EURO_ON_DAY, 1),
    ]  # fmt: skip
    assert then.later.amount == D("0.00")
    # The same open invoices as the aging of that day, at the same rate.
    assert then.expected_total == owed.total.amount == D("4687.50")


def test_the_invoices_behind_a_week_are_those_open_that_day(ledger, books):
    with ledger.reading() as session:
        then = cash_forecast(session, DAY, weeks=6)
        first, third, fifth = (forecast_invoices(session, then, index) for index in (0, 2, 4))
        sixth = forecast_invoices(session, then, 5)
    assert [(r.id, r.remaining, r.expected_on) for r in first] == [(books["P3"], D("750.00"), DAY)]
    assert [(r.id, r.remaining, r.expected_on) for r in third] == [
        (books["X"], D("1250.00"), dt.date(2026, 11, 28))
    ]
    assert [(r.id, r.remaining, r.expected_on) for r in fifth] == [
        (books["Y"], D("1250.00"), dt.date(2026, 12, 9))
    ]
    assert [(r.id, r.converted) for r in sixth] == [(books["E"], EURO_ON_DAY)]


def test_today_the_forecast_reads_the_ledger_as_it_stands(ledger, books):
    with ledger.reading() as session:
        now = cash_forecast(session, TODAY, weeks=6)
        stands = cash_forecast(session, TODAY, weeks=6, as_it_stands=True)
    # Y 1000.00 + Z 1250.00 + E 125.00 EUR at 11.20.
    assert now.expected_total + now.later.amount == D("3650.00")
    assert [w.expected for w in now.weeks] == [w.expected for w in stands.weeks]
