"""Code points that are no characters (U+FFFE, U+FFFF, lone surrogates) are refused where
the ledger takes text in: XML cannot hold them, so an e-invoice would silently lose them."""

from __future__ import annotations

import pytest

from finqr_desktop.domain.parties import Address, Customer, normalise_customer
from finqr_desktop.domain.text_rules import text_problem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ref \ufffe", "contains a noncharacter (U+FFFE) at position 5"),
        ("\uffff", "contains a noncharacter (U+FFFF) at position 1"),
        ("AB\ufdd0", "contains a noncharacter (U+FDD0) at position 3"),
        ("x\U0001ffff", "contains a noncharacter (U+1FFFF) at position 2"),
        ("Bygg \ud800AB", "contains a lone surrogate, not a character (U+D800) at position 6"),
        ("\udfff", "contains a lone surrogate, not a character (U+DFFF) at position 1"),
    ],
)
def test_not_characters_are_refused_with_their_code_and_place(text, expected):
    assert text_problem(text) == expected
    assert text_problem(text, multiline=True) == expected


@pytest.mark.parametrize("text", ["Åsa & Söner 😀", "\ufffd", "\ue000", "\U0010fffd", "日本"])
def test_real_characters_pass(text):
    assert text_problem(text) is None


def test_a_customer_name_or_address_with_one_is_refused():
    customer = Customer(
        number="1", name="Bygg\uffff AB", address=Address("Gatan 1\n\ud800", "111 22", "\ufffe")
    )
    problems = {p.field: p.message for p in normalise_customer(customer)}
    assert problems["name"] == "contains a noncharacter (U+FFFF) at position 5"
    assert problems["street"].startswith("contains a lone surrogate")
    assert problems["city"] == "contains a noncharacter (U+FFFE) at position 1"
