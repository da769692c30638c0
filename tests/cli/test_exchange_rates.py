"""`finqr rates ...`: the exchange-rate table from the command line, stored where the
dashboard reads it, and clear refusals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from finqr_desktop.services import exchange_rates


def test_a_rate_set_is_listed_and_used_for_conversion(finqr, company, database):
    result = finqr("rates", "set", "eur", "11.52", "--from", "2026-12-01")
    assert result.code == 0, result.err
    assert "1 EUR = 11.52 SEK from 2026-12-01" in result.out
    assert finqr("rates", "set", "EUR", "11.40", "--from", "2026-11-01").code == 0

    listed = finqr("rates", "list", "--json").json()
    assert listed["company_currency"] == "SEK"
    assert [(r["currency"], r["valid_from"], r["rate"]) for r in listed["entered"]] == [
        ("EUR", "2026-12-01", "11.52"),
        ("EUR", "2026-11-01", "11.40"),
    ]
    assert [(r["currency"], r["rate"], r["source"]) for r in listed["latest"]] == [
        ("EUR", "11.52", "table")
    ]
    with database.reading() as session:
        rates = exchange_rates.rates_on(session, dt.date.today())
    assert rates.convert(Decimal("100.00"), "EUR") == Decimal("1152.00")

    table = finqr("rates", "list")
    assert table.code == 0 and "11.52" in table.out and "entered" in table.out


def test_removing_a_rate_and_removing_one_that_is_not_there(finqr, company):
    finqr("rates", "set", "NOK", "0.98", "--from", "2026-12-01")
    removed = finqr("rates", "remove", "NOK", "--from", "2026-12-01")
    assert removed.code == 0, removed.err
    assert finqr("rates", "list", "--json").json()["entered"] == []

    again = finqr("rates", "remove", "NOK", "--from", "2026-12-01")
    assert again.code != 0 and "no NOK rate entered from 2026-12-01" in again.err


def test_bad_rates_are_refused_naming_the_problem(finqr, company):
    own = finqr("rates", "set", "SEK", "1")
    assert own.code != 0 and "SEK is the company's own currency" in own.err
    code = finqr("rates", "set", "EURO", "11")
    assert code.code != 0 and "not an ISO 4217 currency code" in code.err
    negative = finqr("rates", "set", "EUR", "-3")
    assert negative.code != 0 and "above zero" in negative.err
    text = finqr("rates", "set", "EUR", "eleven")
    assert text.code != 0 and "not a decimal number" in text.err
    assert finqr("rates", "list", "--json").json()["entered"] == []


def test_an_empty_table_says_how_to_start(finqr, company):
    result = finqr("rates", "list")
    assert result.code == 0 and "finqr rates set" in result.out
