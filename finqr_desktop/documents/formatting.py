"""Numbers, amounts and dates in the document language's conventions, through Babel.

Swedish amounts come from the domain's ``format_amount`` ("1 234,56 kr"), so a document
shows the figures the clerk saw on screen. Every negative number gets the real minus
sign U+2212 in every language: it is the print convention, and unlike a hyphen it cannot
be mistaken for a dash or broken from its number.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache

from babel.dates import format_date
from babel.numbers import format_decimal

from ..domain.money import currency_exponent, round_money
from ..domain.number_text import format_amount, format_decimal_plain, format_percent
from .strings import Strings

MINUS = "\u2212"
NBSP = "\u00a0"


def _real_minus(text: str) -> str:
    # The only hyphen Babel puts into a formatted number is its minus sign.
    return text.replace("-", MINUS)


@lru_cache(maxsize=16)
def _money_pattern(currency: str) -> str:
    places = currency_exponent(currency)
    return "#,##0." + "0" * places if places else "#,##0"


# Keyed by the value's text, not the Decimal: Decimal("2.5") and Decimal("2.50") are equal
# and hash alike, and a cache must not let one stand for the other. The caches make a
# re-render of the same invoice (the designer's live preview) nearly free of Babel.
@lru_cache(maxsize=4096)
def _money(language: str, locale: str, currency: str, text: str) -> str:
    if language == "sv":
        return _real_minus(format_amount(Decimal(text), currency, locale))
    # English CLDR writes "SEK1,234.56"; a code with a space before the figure reads
    # better on paper and is what English invoices from Sweden usually show.
    return f"{currency}{NBSP}{_number(locale, currency, text)}"


@lru_cache(maxsize=4096)
def _number(locale: str, currency: str, text: str) -> str:
    value = round_money(Decimal(text), currency)
    if value == 0:
        value = abs(value)
    return _real_minus(format_decimal(value, format=_money_pattern(currency), locale=locale))


@lru_cache(maxsize=1024)
def _quantity(locale: str, text: str) -> str:
    return _real_minus(format_decimal_plain(Decimal(text), locale))


@lru_cache(maxsize=256)
def _percent(locale: str, text: str) -> str:
    return _real_minus(format_percent(Decimal(text), locale))


@lru_cache(maxsize=1024)
def _date(locale: str, date_format: str, value: dt.date) -> str:
    return format_date(value, date_format, locale=locale)


class Formatter:
    """Formats values for one document; built once per render from its ``Strings``."""

    def __init__(self, strings: Strings, currency: str):
        self.locale = strings.locale
        self.language = strings.language
        self.date_format = strings.date_format
        self.currency = currency.upper()

    def money(self, amount: Decimal) -> str:
        """An amount with its currency: "1 234,56 kr" (sv), "SEK 1,234.56" (en)."""
        return _money(self.language, self.locale, self.currency, str(amount))

    def number(self, amount: Decimal) -> str:
        """An amount without its currency, for table columns: "1 234,56"."""
        return _number(self.locale, self.currency, str(amount))

    def quantity(self, value: Decimal) -> str:
        return _quantity(self.locale, str(value))

    def percent(self, value: Decimal) -> str:
        return _percent(self.locale, str(value))

    def date(self, value: dt.date | None) -> str:
        return _date(self.locale, self.date_format, value) if value else ""
