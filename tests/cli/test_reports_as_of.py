"""`finqr report aging|forecast [--date D]` and `finqr rates list` convert at the rate in
force on the report's day, and a forecast of an earlier day starts from what was open
then. The ledger and its figures are worked out in tests/services/as_of_ledger.py."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from ..services import as_of_ledger


@pytest.fixture
def books(ledger):
    return as_of_ledger.build(ledger)


def test_a_rate_from_a_day_to_come_is_not_used_today(finqr, books):
    rows = list(csv.DictReader(io.StringIO(
        finqr("report", "aging", "--customer", "1002", "--csv").out)))  # fmt: skip
    euro = [(r["remaining"], r["converted"]) for r in rows if r["currency"] == "EUR"]
    assert euro == [("125.00", "1400.00")]  # 11.20, not the 20.00 from a later day

    listed = finqr("rates", "list", "--json").json()
    assert listed["day"] == dt.date.today().isoformat()
    assert [(r["currency"], r["rate"], r["valid_from"]) for r in listed["latest"]] == [
        ("EUR", "11.20", "2026-11-15")
    ]
    table = finqr("rates", "list").out
    assert f"Converted today ({dt.date.today().isoformat()}) at:" in table
    assert as_of_ledger.FUTURE.isoformat() in table  # still listed among the entered rows


def test_the_aging_of_a_past_day_keeps_that_days_rate(finqr, books):
    then = finqr("report", "aging", "--date", "2026-11-10", "--json").json()
    assert then["total"] == "4687.50"
    euro = [i for b in then["buckets"] for i in b["invoices"] if i["currency"] == "EUR"]
    assert [(i["remaining"], i["converted"]) for i in euro] == [("125.00", "1437.50")]

    # A rate entered now for a day after 11-10 changes nothing in that day's report.
    assert finqr("rates", "set", "EUR", "12.00", "--from", "2026-11-11").code == 0
    again = finqr("report", "aging", "--date", "2026-11-10", "--json").json()
    assert again["total"] == "4687.50"
    later = finqr("report", "aging", "--date", "2026-11-12", "--json").json()
    assert later["total"] == "4750.00"  # 3250.00 + 125.00 EUR × 12.00


def test_the_forecast_of_a_past_day_places_what_was_open_then(finqr, books):
    result = finqr("report", "forecast", "--date", "2026-11-10", "--weeks", "6", "--csv")
    assert result.code == 0, result.err
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert [(r["start"], r["expected"], r["invoices"]) for r in rows] == [
        ("2026-11-09", "750.00", "1"),
        ("2026-11-16", "0.00", "0"),
        ("2026-11-23", "1250.00", "1"),
        ("2026-11-30", "0.00", "0"),
        ("2026-12-07", "1250.00", "1"),
        ("2026-12-14", "1437.50", "1"),
        ("", "0.00", ""),
    ]
    aging = finqr("report", "aging", "--date", "2026-11-10", "--json").json()
    counted = sum(b["count"] for b in aging["buckets"])
    assert (aging["total"], counted) == ("4687.50", 4)
