"""The aging report and the forecast as files: CSV and JSON parse back to the figures of
services.aging and services.forecast, and the PDF lists every open invoice by bucket."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest

from finqr_desktop.services.aging_files import (
    aging_csv,
    aging_json,
    aging_pdf,
    aging_report,
    forecast_csv,
    forecast_json,
)
from finqr_desktop.services.forecast import cash_forecast

from ..documents.reading import all_text, flat
from . import report_ledger
from .report_ledger import issue, line

TODAY = dt.date(2026, 12, 4)


@pytest.fixture
def books(ledger):
    found = report_ledger.build(ledger)
    with ledger.writing() as session:
        # Due 2026-07-31: 126 days late. And one in EUR, with no rate entered.
        found["old"] = issue(session, "1002", "2026-07-01", [line("500.00", "25")])
        found["euro"] = issue(session, "1001", "2026-12-01", [line("300.00", "25")],
                              currency="EUR")  # fmt: skip
    return found


def report(database):
    with database.reading() as session:
        return aging_report(session, TODAY)


def test_the_csv_has_one_row_per_open_invoice_with_its_bucket(ledger, books):
    rows = list(csv.DictReader(io.StringIO(aging_csv(report(ledger)).decode("utf-8"))))

    assert [(r["bucket"], r["invoice"], r["days_overdue"], r["currency"], r["remaining"],
             r["converted"]) for r in rows] == [
        ("not_due", books["euro"].number, "0", "EUR", "375.00", ""),
        ("1-30", books["other"].number, "25", "SEK", "62.50", "62.50"),
        ("over_90", books["old"].number, "126", "SEK", "625.00", "625.00"),
    ]  # fmt: skip


def test_the_json_totals_leave_out_a_currency_without_a_rate(ledger, books):
    data = aging_json(report(ledger))

    assert (data["currency"], data["total"], data["missing_rates"]) == ("SEK", "687.50", ["EUR"])
    counts = {bucket["bucket"]: bucket["count"] for bucket in data["buckets"]}
    assert counts == {"not_due": 1, "1-30": 1, "31-60": 0, "61-90": 0, "over_90": 1}
    over = next(b for b in data["buckets"] if b["bucket"] == "over_90")
    assert over["invoices"][0]["customer_name"] == "Anna Andersson"


def test_the_pdf_lists_the_buckets_and_their_invoices(ledger, books):
    with ledger.reading() as session:
        text = flat(all_text(aging_pdf(session, aging_report(session, TODAY))))

    assert "Åldersanalys kundfordringar" in text
    assert "Över 90 dagar" in text and "1–30 dagar" in text
    assert f"{books['old'].number} 1002 Anna Andersson 2026-07-31 126 625,00 kr 625,00" in text
    assert "Ingen växelkurs för EUR" in text
    assert "Summa 3 687,50" in text


def test_the_forecast_csv_and_json_hold_every_week(ledger, books):
    with ledger.reading() as session:
        forecast = cash_forecast(session, TODAY, 4)

    data = forecast_json(forecast)
    assert [week["start"] for week in data["weeks"]] == [
        "2026-11-30", "2026-12-07", "2026-12-14", "2026-12-21",
    ]  # fmt: skip
    assert data["missing_rates"] == ["EUR"]
    assert sum(Decimal(w["expected"]) for w in data["weeks"]) + Decimal(data["later"]) == Decimal(
        "687.50"
    )
    rows = list(csv.DictReader(io.StringIO(forecast_csv(forecast).decode("utf-8"))))
    assert [row["week"] for row in rows] == ["0", "1", "2", "3", "later"]
    assert [row["expected"] for row in rows[:-1]] == [w["expected"] for w in data["weeks"]]
