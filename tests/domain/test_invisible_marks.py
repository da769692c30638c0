"""Invisible formatting and direction marks (Unicode category Cf) are refused in text, with
the character named; the two joiners are taken only where a script spells with them."""

from __future__ import annotations

import pytest

from finqr_desktop.domain.parties import Address, Customer, normalise_customer
from finqr_desktop.domain.text_rules import identifier_problem, text_problem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("LRM\u200eName AB", "(U+200E LEFT-TO-RIGHT MARK) at position 4"),
        ("Mal\u200fmö", "(U+200F RIGHT-TO-LEFT MARK) at position 4"),
        ("Evil \u202eAB", "(U+202E RIGHT-TO-LEFT OVERRIDE) at position 6"),
        ("\u061cAB", "(U+061C ARABIC LETTER MARK) at position 1"),
        ("Nils\u00adson", "(U+00AD SOFT HYPHEN) at position 5"),
        ("A\u2061B", "(U+2061 FUNCTION APPLICATION) at position 2"),
        ("Bygg\U000e0041", "(U+E0041 TAG LATIN CAPITAL LETTER A) at position 5"),
        ("\ufeffAB", "(U+FEFF ZERO WIDTH NO-BREAK SPACE) at position 1"),
        # The joiners between Latin letters, or at an edge, spell nothing.
        ("Mal\u200dmö", "(U+200D ZERO WIDTH JOINER) at position 4"),
        ("Mal\u200cmö", "(U+200C ZERO WIDTH NON-JOINER) at position 4"),
        ("\u0645\u200c", "(U+200C ZERO WIDTH NON-JOINER) at position 2"),
    ],
)
def test_an_invisible_mark_is_refused_and_named(text, expected):
    message = text_problem(text)
    assert message == f"contains an invisible character {expected}"
    assert text_problem(text, multiline=True) == message


@pytest.mark.parametrize(
    "text",
    [
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian: ZWNJ inside a word
        "\u0915\u094d\u200d\u0937",  # Devanagari: ZWJ after a virama
        "\u0928\u094d\u200c\u0928",  # Devanagari: ZWNJ after a virama
        "Åsa & Söner AB",
    ],
)
def test_a_joiner_that_spells_a_word_is_taken(text):
    assert text_problem(text) is None


def test_a_customer_number_names_the_mark_too():
    assert identifier_problem("10\u200e01") == (
        "contains an invisible or space character (U+200E LEFT-TO-RIGHT MARK) at position 3"
    )


def test_name_city_and_postal_code_with_the_mark_are_refused_by_field():
    customer = Customer(
        number="7",
        name="LRM\u200eName AB",
        address=Address(street="Storgatan 1", postal_code="211\u200e 22", city="Mal\u200emö"),
    )
    problems = {p.field: p.message for p in normalise_customer(customer)}
    mark = "(U+200E LEFT-TO-RIGHT MARK)"
    assert problems == {
        "name": f"contains an invisible character {mark} at position 4",
        "postal_code": f"contains an invisible character {mark} at position 4",
        "city": f"contains an invisible character {mark} at position 4",
    }
