"""The rate table the dashboard converts with: entered rows, the newest winning, rates
taken from payments in another currency (inverted when the invoice was the foreign one),
and clear refusals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from finqr_desktop.domain.errors import ValidationFailed
from finqr_desktop.services import exchange_rates

from .figures_ledger import TODAY, invoice, pay

D = Decimal


def test_the_newest_entered_rate_converts_and_rows_can_be_removed(ledger):
    with ledger.writing() as session:
        exchange_rates.add_rate(session, "eur", dt.date(2026, 10, 1), "11,40")
        exchange_rates.add_rate(session, "EUR", dt.date(2026, 11, 1), D("11.52"))
        exchange_rates.add_rate(session, "NOK", dt.date(2026, 11, 1), D("0.98"))
    with ledger.reading() as session:
        rates = exchange_rates.rates_on(session, TODAY)
        entered = exchange_rates.entered_rates(session)
    assert [(r.currency, r.valid_from.day, r.rate) for r in entered] == [
        ("EUR", 1, D("11.52")), ("EUR", 1, D("11.40")), ("NOK", 1, D("0.98"))
    ]  # fmt: skip
    assert rates.convert(D("100.00"), "EUR") == D("1152.00")
    assert rates.convert(D("100.00"), "USD") is None
    assert rates.convert(D("100.00"), "SEK") == D("100.00")

    with ledger.writing() as session:
        assert exchange_rates.remove_rate(session, "EUR", dt.date(2026, 11, 1)) is True
        assert exchange_rates.remove_rate(session, "EUR", dt.date(2026, 11, 1)) is False
    with ledger.reading() as session:
        assert exchange_rates.rates_on(session, TODAY).latest["EUR"].rate == D("11.40")


def test_a_payment_in_sek_on_a_euro_invoice_gives_the_inverse_rate(ledger):
    euro = invoice(ledger, "1002", TODAY, net="100.00", currency="EUR")
    # 1150.00 SEK paid at 0.08 EUR per SEK: 92.00 EUR; so one EUR is 12.5 SEK.
    pay(ledger, euro, "1150.00", dt.date(2026, 12, 2), currency="SEK", rate=D("0.08"))
    with ledger.reading() as session:
        used = exchange_rates.rates_on(session, TODAY).latest["EUR"]
    assert (used.rate, used.source, used.valid_from) == (
        D("12.5"),
        "payment",
        dt.date(2026, 12, 2),
    )


@pytest.mark.parametrize(
    ("currency", "rate", "message"),
    [
        ("EUR", "abc", "rate: not a decimal number"),
        ("EUR", "0", "rate: must be a number above zero"),
        ("EURO", "1", "currency: not an ISO 4217 currency code"),
        ("SEK", "1", "currency: SEK is the company's own currency"),
    ],
)
def test_bad_rows_are_refused_saying_what_is_wrong(ledger, currency, rate, message):
    with ledger.writing() as session, pytest.raises(ValidationFailed, match=message):
        exchange_rates.add_rate(session, currency, TODAY, rate)
