"""Numbers as clerks type and read them: locale-aware input to exact Decimal, and display.

Input is read strictly. "1,234" is 1234 in English and 1.234 in Swedish, so text that could
be read two ways is refused with a message naming it rather than guessed. Symbols come from
Babel (CLDR); values never pass through float.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.numbers import (
    format_currency,
    format_decimal,
    get_decimal_symbol,
    get_group_symbol,
    get_minus_sign_symbol,
)
from babel.numbers import format_percent as babel_format_percent

from .messages import msg
from .money import currency_exponent, round_half_away, round_money

QUANTITY_DECIMALS = 4
PERCENT_DECIMALS = 2

# Locales that group with a space (CLDR uses NBSP or NARROW NBSP) get every space a keyboard,
# a PDF or a spreadsheet may produce; Swiss apostrophes likewise come in two forms.
_SPACE_GROUPS = " \u00a0\u202f\u2009"
_APOSTROPHE_GROUPS = "'\u2019"
_SIGNS = "+-\u2212"


class NumberInputError(ValueError):
    """Text that is not a number in the locale; the message quotes the text and says why."""


@dataclass(frozen=True)
class _Style:
    decimal: str
    groups: str
    minus: str
    example: str
    pattern: re.Pattern[str]
    # Whether "1234.56" may be read as machine text; see parse_decimal_input.
    machine_dot: bool


_MACHINE = re.compile(r"(?P<sign>[+\-\u2212])?(?P<int>[0-9]+)\.(?P<frac>[0-9]+)")


@lru_cache(maxsize=32)
def _locale(name: str) -> Locale:
    if not isinstance(name, str):
        raise TypeError(f"locale must be a name such as 'sv_SE', not {type(name).__name__}")
    try:
        return Locale.parse(name.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        raise ValueError(f"unknown locale {name!r}") from None


@lru_cache(maxsize=32)
def _style(name: str) -> _Style:
    locale = _locale(name)
    decimal = get_decimal_symbol(locale)
    group = get_group_symbol(locale)
    if group in _SPACE_GROUPS or group.isspace():
        groups = _SPACE_GROUPS
    elif group in _APOSTROPHE_GROUPS:
        groups = _APOSTROPHE_GROUPS
    else:
        groups = group
    group_class = "[" + re.escape(groups) + "]"
    pattern = re.compile(
        r"(?P<sign>[+\-\u2212])?"
        rf"(?P<int>[0-9]{{1,3}}(?:{group_class}[0-9]{{3}})+|[0-9]+)?"
        rf"(?:{re.escape(decimal)}(?P<frac>[0-9]+))?"
    )
    example = _spaces(format_decimal(Decimal("1234.56"), locale=locale))
    return _Style(
        decimal=decimal,
        groups=groups,
        minus=get_minus_sign_symbol(locale),
        example=example,
        pattern=pattern,
        machine_dot=decimal != "." and "." not in groups,
    )


def _spaces(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def parse_decimal_input(text: str, locale: str = "sv_SE") -> Decimal:
    """The exact Decimal a clerk typed in ``locale``'s notation ("1 234,56" in sv_SE).

    Accepted: optional sign (also the real minus U+2212), digits grouped in threes with the
    locale's group separator (for space-grouping locales any of space, NBSP, narrow NBSP or
    thin space) or not grouped at all, and the locale's decimal separator. The number of
    decimals typed is kept ("12,50" gives Decimal("12.50")).

    Machine text "1234.56" is also read in locales whose decimal separator is not a dot and
    whose group separator is not a dot (sv_SE, fr_FR; not de_DE), but only as digits, one dot
    and a number of decimals other than three: "1.234" could be a thousands separator typed
    by someone used to German or English and is refused instead of guessed.
    """
    if not isinstance(text, str):
        raise TypeError(f"number input must be text, not {type(text).__name__}")
    style = _style(locale)
    core = text.strip()
    match = style.pattern.fullmatch(core)
    if match and (match.group("int") or match.group("frac")):
        integer = re.sub("[^0-9]", "", match.group("int") or "0")
        fraction = match.group("frac")
    else:
        match = _MACHINE.fullmatch(core) if style.machine_dot else None
        if not match or len(match.group("frac")) == 3:
            raise NumberInputError(
                msg(
                    "cannot read {text} as a number: {reason} (write it like {example})",
                    text=repr(text),
                    reason=_reason(core, style),
                    example=style.example,
                )
            )
        integer, fraction = match.group("int"), match.group("frac")
    sign = "-" if match.group("sign") in ("-", "\u2212") else ""
    value = Decimal(f"{sign}{integer}.{fraction}" if fraction else f"{sign}{integer}")
    # "-0" and "-0,00" are zero; a signed zero would print as "-0,00" later.
    return abs(value) if value == 0 else value


def _reason(core: str, style: _Style) -> str:
    if not core:
        return msg("nothing was entered")
    if re.search(r"[0-9][eE][+\-]?[0-9]", core):
        return msg("exponent notation such as 1e5 is not accepted")
    allowed = set("0123456789.") | set(_SIGNS) | set(style.groups) | {style.decimal}
    odd = next((c for c in core if c not in allowed), None)
    if odd is not None:
        return msg("{char} does not belong in a number", char=repr(odd))
    if core.count(style.decimal) > 1:
        return msg(
            "it has more than one decimal separator {separator}", separator=repr(style.decimal)
        )
    if any(c in _SIGNS for c in core[1:]):
        return msg("a sign may only come first")
    if core.endswith((style.decimal, ".")):
        return msg("no digits follow the decimal separator")
    if style.machine_dot and "." in core:
        return msg(
            "a dot is read as a decimal point only in plain digits like 1234.5, and never "
            "before exactly three digits, which could be a thousands separator"
        )
    return msg("digit groups must have exactly three digits")


def _require_number(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        raise TypeError(f"expected a Decimal, not {type(value).__name__} (floats are inexact)")
    value = Decimal(value)
    if not value.is_finite():
        raise ValueError(f"cannot display {value}")
    return value


def _finish(text: str, value: Decimal, style: _Style) -> str:
    # Babel writes an ASCII hyphen whatever the locale; Swedish (and other CLDR locales)
    # prescribe U+2212, which also keeps the sign from being split from the number.
    if value < 0 and style.minus != "-":
        return text.replace("-", style.minus, 1)
    return text


def _unsigned_zero(value: Decimal) -> Decimal:
    return abs(value) if value == 0 else value


def format_amount(amount: Decimal, currency: str, locale: str = "sv_SE") -> str:
    """A money amount as the locale writes it: "1 234,56 kr" in sv_SE, "SEK1,234.56" in en.

    The amount is rounded to the currency's minor unit the way the ledger rounds (half away
    from zero), so JPY shows no decimals; an amount that rounds to zero shows no sign.
    """
    value = _require_number(amount)
    currency_exponent(currency)  # refuses anything that is not an ISO 4217 code
    code = currency.upper()
    value = _unsigned_zero(round_money(value, code))
    style = _style(locale)
    return _finish(format_currency(value, code, locale=_locale(locale)), value, style)


def format_decimal_plain(value: Decimal, locale: str = "sv_SE") -> str:
    """A quantity with up to four decimals and no trailing zeros: 2,5 and 1 234,1235 in sv_SE.

    ``parse_decimal_input`` reads the result back to the same value.
    """
    number = _unsigned_zero(round_half_away(_require_number(value), QUANTITY_DECIMALS))
    text = format_decimal(number, locale=_locale(locale), decimal_quantization=False)
    return _finish(text, number, _style(locale))


def format_percent(value: Decimal, locale: str = "sv_SE") -> str:
    """A rate given in percent points, as ``VatRate.percent`` holds it: 25 -> "25 %" in sv_SE.

    Up to two decimals are shown, without trailing zeros (12,5 %).
    """
    number = _unsigned_zero(round_half_away(_require_number(value), PERCENT_DECIMALS))
    text = babel_format_percent(number / 100, locale=_locale(locale), decimal_quantization=False)
    return _finish(text, number, _style(locale))
