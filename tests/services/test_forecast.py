"""Cash forecast placement with delays known by hand.

Today is Friday 4 December 2026, so week 0 runs Monday 30 November to Sunday 6 December.
Customer 1001 paid 5, 10 and 20 days late: Delay(low 7, median 10, high 15). Customer 1003
paid 0 and 2 days late: Delay(0, 1, 2). The company-wide samples [0, 2, 5, 10, 20] give
Delay(2, 5, 10), which customer 1002, with nothing paid yet, gets.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from finqr_desktop.services.forecast import Delay, cash_forecast, forecast_invoices

from .figures_ledger import TODAY, add_customer, customer_id, invoice, pay_rest

D = Decimal
DAY = dt.timedelta(days=1)


def paid_late(ledger, customer: str, due: dt.date, days: int) -> None:
    pay_rest(ledger, invoice(ledger, customer, due), due + days * DAY)


@pytest.fixture
def history(ledger):
    add_customer(ledger, "1003", "Snabba Betalare AB")
    for due, days in ((dt.date(2026, 10, 1), 5), (dt.date(2026, 10, 11), 10),
                      (dt.date(2026, 10, 21), 20)):  # fmt: skip
        paid_late(ledger, "1001", due, days)
    paid_late(ledger, "1003", dt.date(2026, 11, 2), 0)
    paid_late(ledger, "1003", dt.date(2026, 11, 12), 2)
    return ledger


def test_delays_are_medians_and_quartiles_of_the_last_paid_invoices(history):
    with history.reading() as session:
        forecast = cash_forecast(session, TODAY)
    assert forecast.delay_of(customer_id(history, "1001")) == Delay(7, 10, 15, 3)
    assert forecast.delay_of(customer_id(history, "1003")) == Delay(0, 1, 2, 2)
    assert forecast.company_delay == Delay(2, 5, 10, 5)
    assert forecast.delay_of(customer_id(history, "1002")) == forecast.company_delay
    assert "median" in forecast.method and "+5 days" in forecast.method


def test_open_invoices_land_at_due_date_plus_delay(history):
    late = invoice(history, "1001", dt.date(2026, 10, 1))  # expected 11 Oct: already late
    soon = invoice(history, "1001", dt.date(2026, 12, 1))  # 11 Dec, band 8–16 Dec
    new = invoice(history, "1002", dt.date(2026, 12, 10))  # 15 Dec, band 12–20 Dec
    quick = invoice(history, "1003", dt.date(2026, 12, 21))  # 22 Dec, band 21–23 Dec
    invoice(history, "1003", dt.date(2027, 3, 31))  # after the twelve weeks
    with history.reading() as session:
        forecast = cash_forecast(session, TODAY)
        week_one = forecast_invoices(session, forecast, 1)
        week_two = forecast_invoices(session, forecast, 2)

    figures = [(w.expected.amount, w.low.amount, w.high.amount, w.count) for w in forecast.weeks]
    assert figures[:4] == [
        (D("1250.00"), D("1250.00"), D("1250.00"), 1),
        (D("1250.00"), D("0.00"), D("2500.00"), 1),
        (D("1250.00"), D("0.00"), D("2500.00"), 1),
        (D("1250.00"), D("1250.00"), D("1250.00"), 1),
    ]
    assert all(w.expected.amount == 0 and w.high.amount == 0 for w in forecast.weeks[4:])
    assert forecast.later.amount == D("1250.00")
    assert forecast.weeks[0].start == dt.date(2026, 11, 30)
    assert (forecast.weeks[1].start, forecast.weeks[1].iso_week) == (dt.date(2026, 12, 7), 50)
    assert len(forecast.weeks) == 12
    assert [(r.id, r.expected_on, r.delay) for r in week_one] == [
        (soon, dt.date(2026, 12, 11), 10)
    ]
    assert [(r.id, r.expected_on, r.customer_number) for r in week_two] == [
        (new, dt.date(2026, 12, 15), "1002")
    ]
    with history.reading() as session:
        this_week = forecast_invoices(session, forecast, 0)
        three = forecast_invoices(session, forecast, 3)
    assert [(r.id, r.expected_on) for r in this_week] == [(late, TODAY)]
    assert [r.id for r in three] == [quick]


def test_a_part_paid_invoice_counts_with_its_rest(history):
    part = invoice(history, "1003", dt.date(2026, 12, 8))
    from .figures_ledger import pay

    pay(history, part, "250.00", TODAY)
    with history.reading() as session:
        forecast = cash_forecast(session, TODAY)
    assert forecast.weeks[1].expected.amount == D("1000.00")


def test_with_nothing_paid_every_invoice_sits_at_its_due_date(ledger):
    invoice(ledger, "1001", dt.date(2026, 12, 9))
    with ledger.reading() as session:
        forecast = cash_forecast(session, TODAY, weeks=4)
    assert forecast.company_delay == Delay(0, 0, 0, 0)
    assert [w.expected.amount for w in forecast.weeks] == [D(0), D("1250.00"), D(0), D(0)]
    assert forecast.weeks[1].low.amount == D("1250.00")
    assert "due date" in forecast.method
