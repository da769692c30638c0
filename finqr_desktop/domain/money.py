"""Exact money arithmetic: Decimal amounts, currency precision and minor units.

Rounding is half away from zero on the size of the amount, then signed, so a credit
note's figures are the exact mirror of its invoice's (EN 16931 practice).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

from babel.numbers import get_currency_precision, list_currencies

from .messages import msg

ZERO = Decimal(0)


class MoneyError(ValueError):
    """An amount that cannot be represented exactly in its currency."""


@lru_cache(maxsize=64)
def currency_exponent(currency: str) -> int:
    """Number of decimals of the currency's minor unit (SEK 2, JPY 0), from Babel's CLDR data."""
    check_currency(currency)
    return get_currency_precision(currency.upper())


def check_currency(currency: object) -> str:
    """The upper-case ISO 4217 code, or MoneyError for anything Babel does not know."""
    code = currency.upper() if isinstance(currency, str) else currency
    if not isinstance(code, str) or code not in _known_currencies() or code.startswith("X"):
        # X codes are gold, test and "no currency" codes: nothing an invoice is paid in.
        raise MoneyError(msg("not an ISO 4217 currency code: {currency}", currency=repr(currency)))
    return code


@lru_cache(maxsize=1)
def _known_currencies() -> frozenset[str]:
    return frozenset(list_currencies())


def quantum(currency: str) -> Decimal:
    return Decimal(1).scaleb(-currency_exponent(currency))


def round_half_away(value: Decimal, places: int) -> Decimal:
    """Round by size, half away from zero, then sign (ROUND_HALF_UP is symmetric in Decimal)."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def round_money(value: Decimal, currency: str) -> Decimal:
    return round_half_away(value, currency_exponent(currency))


def to_minor(amount: Decimal, currency: str) -> int:
    """Integer minor units of an amount that must already be exact in the currency."""
    exponent = currency_exponent(currency)
    scaled = amount.scaleb(exponent)
    if scaled != scaled.to_integral_value():
        raise MoneyError(
            msg(
                "{amount} has more than {exponent} decimals for {currency}",
                amount=amount,
                exponent=exponent,
                currency=currency,
            )
        )
    return int(scaled)


def from_minor(minor: int, currency: str) -> Decimal:
    exponent = currency_exponent(currency)
    return Decimal(minor).scaleb(-exponent).quantize(quantum(currency))


# Nothing on an invoice comes near these; they keep every product of two inputs well inside
# Decimal's 28 digits and every amount inside a 64-bit column.
MAX_INPUT_DIGITS = 15
MAX_INPUT_DECIMALS = 10


def parse_decimal_text(text: str | int | Decimal) -> Decimal:
    """A decimal from machine text ("1234.56") or an exact number read from JSON.

    Text must be plain (no "nan", "1e3"); any value must have at most 15 digits before the
    point and 10 after it, so later arithmetic can never overflow or lose digits.
    """
    if isinstance(text, bool) or not isinstance(text, (str, int, Decimal)):
        raise MoneyError(msg("expected a decimal number, got {kind}", kind=type(text).__name__))
    if isinstance(text, str):
        raw = text.strip()
        try:
            value = Decimal(raw)
        except InvalidOperation:
            raise MoneyError(msg("not a decimal number: {text}", text=repr(text))) from None
        # Read first, so a word with an "e" in it ("ten") is no number rather than an
        # unplain one.
        if "e" in raw.lower() or not value.is_finite():
            raise MoneyError(msg("not a plain decimal number: {text}", text=repr(text)))
    else:
        value = Decimal(text)
        if not value.is_finite():
            raise MoneyError(msg("not a finite number"))
    if value.adjusted() >= MAX_INPUT_DIGITS:
        raise MoneyError(msg("too large: {text}", text=text if isinstance(text, str) else value))
    significant = value.normalize().as_tuple().exponent
    if isinstance(significant, int) and -significant > MAX_INPUT_DECIMALS:
        raise MoneyError(
            msg(
                "more than {most} decimals: {value}",
                most=MAX_INPUT_DECIMALS,
                value=format(value, "f"),
            )
        )
    # Plain notation from here on: 1E-7 read from JSON is the same number as 0.0000001.
    return Decimal(format(value, "f"))


def allocate(total: int, weights: list[int]) -> list[int]:
    """Split integer ``total`` over ``weights`` in proportion, exactly (largest remainder).

    The shares always add up to ``total``; ties go to the earlier weight so results are
    reproducible. Used to spread an invoice-level discount over VAT rates.
    """
    if not weights:
        if total:
            raise MoneyError("cannot allocate an amount over nothing")
        return []
    base = sum(abs(w) for w in weights)
    if base == 0:
        shares = [0] * len(weights)
        shares[0] = total
        return shares
    sign = -1 if total < 0 else 1
    size = abs(total)
    exact = [size * abs(w) for w in weights]
    shares = [e // base for e in exact]
    remainders = sorted(range(len(weights)), key=lambda i: (-(exact[i] % base), i))
    for i in remainders[: size - sum(shares)]:
        shares[i] += 1
    return [sign * s for s in shares]
