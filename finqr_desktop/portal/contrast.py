"""WCAG 2 contrast: the ratio of two colours' relative luminance, and a darker shade of a
brand colour for when the brand's own fails the AA minimum for text.

A brand colour is the company's choice for print, where it is often too light for small
text on screen; the portal keeps its hue and darkens it until the text reads.
"""

from __future__ import annotations

import re

AA_TEXT = 4.5
WHITE = "#FFFFFF"
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


def _channel(value: int) -> float:
    share = value / 255
    return share / 12.92 if share <= 0.03928 else ((share + 0.055) / 1.055) ** 2.4


def _rgb(colour: str) -> tuple[int, int, int]:
    if not _HEX.match(colour or ""):
        raise ValueError(f"a colour is written #RRGGBB, not {colour!r}")
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def luminance(colour: str) -> float:
    red, green, blue = (_channel(value) for value in _rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    """The contrast ratio, from 1 (the same) to 21 (black on white)."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable_on(colour: str, background: str = WHITE, minimum: float = AA_TEXT) -> str:
    """``colour`` itself when it meets ``minimum`` against ``background``, else the first
    darker shade of it (in steps of 5 %) that does; black always does on white."""
    red, green, blue = _rgb(colour)
    for step in range(21):
        keep = 1 - step / 20
        shade = f"#{round(red * keep):02X}{round(green * keep):02X}{round(blue * keep):02X}"
        if contrast(shade, background) >= minimum:
            return shade
    return "#000000"
