"""Locale-aware number input and display, exact to the last digit."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from finqr_desktop.domain.money import MoneyError
from finqr_desktop.domain.number_text import (
    NumberInputError,
    format_amount,
    format_decimal_plain,
    format_percent,
    parse_decimal_input,
)

MINUS = "\u2212"


def spaced(text: str) -> str:
    """Babel's NBSP and narrow NBSP as plain spaces, so expectations stay readable."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


two_decimals = st.decimals(
    min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=2, allow_nan=False
)


# --- parse_decimal_input ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 234,56", "1234.56"),
        ("1\u00a0234,56", "1234.56"),
        ("1\u202f234,56", "1234.56"),
        ("12 345 678,9", "12345678.9"),
        ("0,5", "0.5"),
        (",5", "0.5"),
        ("-12,5", "-12.5"),
        (f"{MINUS}12,5", "-12.5"),
        ("+7", "7"),
        ("12", "12"),
        ("  12,50 ", "12.50"),
        ("\u00a01 234\u00a0", "1234"),
        ("0,1", "0.1"),
        ("0,000001", "0.000001"),
        ("-0,00", "0.00"),
        # Machine text: one dot, not followed by exactly three digits.
        ("1234.56", "1234.56"),
        ("1.5", "1.5"),
        ("-1.2345", "-1.2345"),
    ],
)
def test_parse_swedish(text, expected):
    value = parse_decimal_input(text, "sv_SE")
    assert value == Decimal(expected)
    # Same digits and exponent: "12,50" stays 12.50, nothing went through float.
    assert value.as_tuple() == Decimal(expected).as_tuple()


def test_default_locale_is_swedish():
    assert parse_decimal_input("1 234,56") == Decimal("1234.56")


def test_parse_is_exact_for_long_numbers():
    assert parse_decimal_input("123 456 789 012 345,678901") == Decimal("123456789012345.678901")


def test_negative_zero_comes_back_unsigned():
    assert not parse_decimal_input("-0,00").is_signed()


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1,2,3", "more than one decimal separator"),
        ("12abc", "'a' does not belong in a number"),
        ("", "nothing was entered"),
        ("   ", "nothing was entered"),
        ("1e5", "exponent notation"),
        ("1.234", "thousands separator"),
        ("1.234.567", "thousands separator"),
        ("1 234.56", "thousands separator"),
        ("12 34", "three digits"),
        ("1234 567", "three digits"),
        ("12,", "no digits follow the decimal separator"),
        ("--1", "a sign may only come first"),
        ("1-", "a sign may only come first"),
        ("nan", "'n' does not belong"),
        ("١٢", "does not belong"),
        ("12 kr", "'k' does not belong"),
    ],
)
def test_parse_swedish_refuses(text, reason):
    with pytest.raises(NumberInputError) as caught:
        parse_decimal_input(text, "sv_SE")
    message = str(caught.value)
    assert message.startswith(f"cannot read {text!r} as a number")
    assert reason in message
    assert "1 234,56" in message


def test_number_input_error_is_a_value_error():
    assert issubclass(NumberInputError, ValueError)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,234.56", "1234.56"),
        ("1234.56", "1234.56"),
        ("1,234,567", "1234567"),
        ("-0.5", "-0.5"),
        (".25", "0.25"),
        ("1.234", "1.234"),
    ],
)
def test_parse_english(text, expected):
    assert parse_decimal_input(text, "en_US") == Decimal(expected)


@pytest.mark.parametrize("text", ["1,2,3", "1234,56", "1 234.56", "1.2.3", "12abc", "1e5", ""])
def test_parse_english_refuses(text):
    with pytest.raises(NumberInputError, match="as a number"):
        parse_decimal_input(text, "en_US")


def test_parse_other_locales():
    assert parse_decimal_input("1.234,56", "de_DE") == Decimal("1234.56")
    # A dot is the German group separator, so it is never read as a decimal point.
    with pytest.raises(NumberInputError):
        parse_decimal_input("1.5", "de_DE")
    assert parse_decimal_input("1\u202f234,5", "fr_FR") == Decimal("1234.5")
    assert parse_decimal_input("1'234.5", "de_CH") == Decimal("1234.5")
    assert parse_decimal_input("1\u2019234.5", "de_CH") == Decimal("1234.5")


def test_parse_accepts_a_hyphenated_locale_name():
    assert parse_decimal_input("1 234,5", "sv-SE") == Decimal("1234.5")


def test_parse_unknown_locale():
    with pytest.raises(ValueError, match="unknown locale"):
        parse_decimal_input("1", "xx_YY")


def test_parse_wants_text():
    with pytest.raises(TypeError):
        parse_decimal_input(12.5)  # type: ignore[arg-type]


# --- format_amount --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "currency", "locale", "expected"),
    [
        ("1234.56", "SEK", "sv_SE", "1 234,56 kr"),
        ("0.5", "SEK", "sv_SE", "0,50 kr"),
        ("1234567.8", "SEK", "sv_SE", "1 234 567,80 kr"),
        ("-1234.56", "SEK", "sv_SE", f"{MINUS}1 234,56 kr"),
        ("1234.56", "SEK", "en_US", "SEK1,234.56"),
        ("-1234.56", "SEK", "en_US", "-SEK1,234.56"),
        ("1250", "EUR", "sv_SE", "1 250,00 €"),
        ("1250", "EUR", "de_DE", "1.250,00 €"),
        ("1234", "JPY", "sv_SE", "1 234 JPY"),
        ("1234", "JPY", "en_US", "¥1,234"),
        # Rounded the ledger's way, half away from zero, not Babel's half-even.
        ("0.125", "SEK", "sv_SE", "0,13 kr"),
        ("-0.125", "SEK", "sv_SE", f"{MINUS}0,13 kr"),
        ("1234.5", "JPY", "sv_SE", "1 235 JPY"),
        ("-0.001", "SEK", "sv_SE", "0,00 kr"),
    ],
)
def test_format_amount(amount, currency, locale, expected):
    assert spaced(format_amount(Decimal(amount), currency, locale)) == expected


def test_swedish_negative_amount_uses_the_real_minus_sign():
    text = format_amount(Decimal("-5"), "SEK")
    assert text.startswith(MINUS)
    assert "-" not in text


def test_format_amount_accepts_int_and_lower_case_currency():
    assert spaced(format_amount(100, "sek")) == "100,00 kr"


def test_format_amount_refuses_floats_and_bad_currencies():
    with pytest.raises(TypeError, match="float"):
        format_amount(12.5, "SEK")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        format_amount(True, "SEK")  # type: ignore[arg-type]
    with pytest.raises(MoneyError):
        format_amount(Decimal(1), "KRONOR")
    with pytest.raises(ValueError):
        format_amount(Decimal("NaN"), "SEK")


@given(two_decimals)
def test_swedish_amount_text_reads_back(amount):
    text = format_amount(amount, "SEK", "sv_SE")
    assert text.endswith("\u00a0kr")
    assert parse_decimal_input(text.removesuffix("\u00a0kr"), "sv_SE") == amount


@given(two_decimals)
def test_english_amount_text_reads_back(amount):
    text = format_amount(amount, "SEK", "en_US").replace("SEK", "")
    assert parse_decimal_input(text, "en_US") == amount


# --- format_decimal_plain and format_percent -------------------------------------------------


@pytest.mark.parametrize(
    ("value", "locale", "expected"),
    [
        ("2.5", "sv_SE", "2,5"),
        ("2.5000", "sv_SE", "2,5"),
        ("3", "sv_SE", "3"),
        ("100.00", "sv_SE", "100"),
        ("1234.12345", "sv_SE", "1 234,1235"),
        ("0.00005", "sv_SE", "0,0001"),
        ("-0.00004", "sv_SE", "0"),
        ("-3.25", "sv_SE", f"{MINUS}3,25"),
        ("1234.5", "en_US", "1,234.5"),
        ("-3.25", "en_US", "-3.25"),
        ("1E+3", "sv_SE", "1 000"),
    ],
)
def test_format_decimal_plain(value, locale, expected):
    assert spaced(format_decimal_plain(Decimal(value), locale)) == expected


@pytest.mark.parametrize("locale", ["sv_SE", "en_US"])
@given(value=two_decimals)
def test_plain_decimals_read_back(locale, value):
    assert parse_decimal_input(format_decimal_plain(value, locale), locale) == value


@given(st.decimals(min_value=Decimal("-1e9"), max_value=Decimal("1e9"), places=4, allow_nan=False))
def test_four_decimal_quantities_read_back_in_swedish(value):
    assert parse_decimal_input(format_decimal_plain(value, "sv_SE"), "sv_SE") == value


@pytest.mark.parametrize(
    ("value", "locale", "expected"),
    [
        ("25", "sv_SE", "25 %"),
        ("12.5", "sv_SE", "12,5 %"),
        ("6.00", "sv_SE", "6 %"),
        ("0", "sv_SE", "0 %"),
        ("-2.555", "sv_SE", f"{MINUS}2,56 %"),
        ("25", "en_US", "25%"),
        ("12.5", "en_US", "12.5%"),
    ],
)
def test_format_percent(value, locale, expected):
    assert spaced(format_percent(Decimal(value), locale)) == expected
