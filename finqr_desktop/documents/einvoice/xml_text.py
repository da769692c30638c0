"""Text and numbers as e-invoice XML carries them.

lxml escapes markup (<, &, quotes) itself; what it cannot do is hold a character XML 1.0
forbids (most control characters, lone surrogates), so those are dropped here instead of
failing the whole file. The ledger refuses them on input; this guards older rows and the
company's own free-text fields.
"""

from __future__ import annotations

import re
from decimal import Decimal

from lxml import etree

_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text: str) -> str:
    return _NOT_XML.sub("", text or "").strip()


def amount(value: Decimal, exponent: int) -> str:
    """An amount with exactly the currency's decimals: 1250.00, -3.50, 100 (JPY); a zero
    is never written as -0.00, which validators reject."""
    return format(_unsigned(value.quantize(Decimal(1).scaleb(-exponent))), "f")


def number(value: Decimal) -> str:
    """A quantity, price or percent in plain notation without trailing zeros: 7.5, 25, 0."""
    if value == value.to_integral_value():
        return format(_unsigned(value.quantize(Decimal(1))), "f")
    return format(value.normalize(), "f")


def _unsigned(value: Decimal) -> Decimal:
    return value.copy_abs() if value.is_zero() else value


def sub(parent: etree._Element, tag: str, text: str | None = None, **attributes: str):
    """A child element ``tag`` (Clark notation) with cleaned text and attributes."""
    element = etree.SubElement(parent, tag, {k: clean(v) for k, v in attributes.items()})
    if text is not None:
        element.text = clean(text)
    return element


def serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
