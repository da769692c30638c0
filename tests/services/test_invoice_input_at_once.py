"""An invoice draft file hears of every mistake in one round, each with its place, in the
order of the file; not the reading problems first and the draft's rules once those are
fixed."""

from __future__ import annotations

import datetime as dt

import pytest

from finqr_desktop.domain.errors import ValidationFailed
from finqr_desktop.services.invoice_input import draft_from_data

from .helpers import draft_data

TODAY = dt.date(2026, 12, 4)


def the_testers_file(currency: str) -> dict:
    # The tester's ib.json, with the currency chosen by the test.
    return {
        "customer": "9999", "issue_date": "2026-02-30", "currency": currency,
        "round_to_whole": "maybe", "invoice_discount": "-5",
        "lines": [
            {"description": "A", "quantity": "abc", "unit_price": "1.999", "vat_rate": "24"},
            {"description": "", "quantity": "1.00001", "unit_price": "1e3", "vat_rate": "25",
             "discount_percent": "101"},
            {"description": "C", "quantity": "1", "unit_price": "NaN", "vat_rate": "25",
             "discount_percent": "10.555"},
            {"description": "D", "quantity": "-1", "unit_price": "100", "vat_rate": "25",
             "extra": 1},
        ],
    }  # fmt: skip


def problems_of(ledger, data) -> list[str]:
    with ledger.writing() as session, pytest.raises(ValidationFailed) as caught:
        draft_from_data(session, data, today=TODAY)
    return [str(problem) for problem in caught.value.problems]


def test_every_problem_of_the_testers_file_in_one_round(ledger):
    vat = (
        "VAT rate '24' is not valid in SE on 2026-12-04 "
        "(valid: 25, 12, 6, 0, reverse_charge, intra_eu, export)"
    )
    assert problems_of(ledger, the_testers_file("SEK")) == [
        "customer: no customer with number '9999'",
        "issue_date: not a date in the form YYYY-MM-DD: '2026-02-30'",
        "round_to_whole: expected true or false without quotes, got 'maybe'",
        "invoice_discount: a discount cannot be negative",
        "lines[0].quantity: not a decimal number: 'abc'",
        "lines[0].unit_price: more than 2 decimals for SEK",
        f"lines[0].vat_rate: {vat}",
        "lines[1].description: is required",
        "lines[1].quantity: at most 4 decimals",
        "lines[1].unit_price: not a plain decimal number: '1e3'",
        "lines[1].discount_percent: must be between 0 and 100",
        "lines[2].unit_price: not a plain decimal number: 'NaN'",
        "lines[2].discount_percent: at most 2 decimals",
        "lines[3].extra: unknown field",
    ]


def test_an_unknown_currency_is_named_with_the_rest(ledger):
    found = problems_of(ledger, the_testers_file("XYZ"))
    assert found[1] == "currency: not an ISO 4217 currency code: 'XYZ'"
    # Everything but the decimals of amounts, which only a known currency can judge.
    assert "invoice_discount: a discount cannot be negative" in found
    assert "lines[1].discount_percent: must be between 0 and 100" in found
    assert "lines[1].quantity: at most 4 decimals" in found
    assert not any("lines[0].unit_price" in problem for problem in found)


def test_a_rule_problem_beside_a_reading_problem_of_another_line(ledger):
    data = draft_data()
    data["lines"][0]["quantity"] = "ten"
    data["lines"][1]["discount_percent"] = "150"
    assert problems_of(ledger, data) == [
        "lines[0].quantity: not a decimal number: 'ten'",
        "lines[1].discount_percent: must be between 0 and 100",
    ]


def test_an_unreadable_price_is_not_also_blamed_by_the_discount_check(ledger):
    # The totals are made of the stand-ins, so they wait for a file that reads.
    data = draft_data(invoice_discount="50000")
    data["lines"][0]["unit_price"] = "lots"
    data["lines"][1]["unit_price"] = "many"
    assert problems_of(ledger, data) == [
        "lines[0].unit_price: not a decimal number: 'lots'",
        "lines[1].unit_price: not a decimal number: 'many'",
    ]


def test_a_good_file_still_reads(ledger):
    with ledger.writing() as session:
        draft, _ = draft_from_data(session, draft_data(), today=TODAY)
    assert [line.quantity for line in draft.lines] == [10, 3]
