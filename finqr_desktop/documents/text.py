"""Text as the customer will see it: cleaned for the font, and broken into lines.

Everything is drawn as literal strings on the canvas (no markup is ever parsed), so
``<``, ``&`` and quotes need no escaping. What the font cannot show becomes one defined
fallback, U+25A1 WHITE SQUARE: a run of such characters (an emoji with its modifiers and
joiners, say) gives a single square, so the line keeps its shape.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from reportlab.pdfbase.pdfmetrics import stringWidth

FALLBACK = "\u25a1"
ELLIPSIS = "\u2026"


def clean(text: str, coverage: frozenset[int], *, multiline: bool = False) -> str:
    """``text`` in NFC with every character the font lacks replaced by ``FALLBACK``.

    ``coverage`` is the code points the font can draw, without control characters.

    Line breaks are kept when ``multiline`` and become spaces otherwise; tabs become spaces.
    """
    text = unicodedata.normalize("NFC", str(text))
    if coverage.issuperset(map(ord, text)):
        # The usual case, checked at C speed: ``coverage`` holds no control characters,
        # so text that passes has no line breaks or tabs to treat either.
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out: list[str] = []
    missing = False
    for char in text:
        if char == "\n":
            char = "\n" if multiline else " "
        elif char == "\t":
            char = " "
        elif ord(char) not in coverage:
            if not missing:
                out.append(FALLBACK)
            missing = True
            continue
        missing = False
        out.append(char)
    return "".join(out)


def _break_word(word: str, font: str, size: float, width: float) -> list[str]:
    """A word wider than the column, cut into pieces that fit (at least one character)."""
    pieces: list[str] = []
    current = ""
    for char in word:
        if current and stringWidth(current + char, font, size) > width:
            pieces.append(current)
            current = char
        else:
            current += char
    pieces.append(current)
    return pieces


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy line breaking at spaces; words wider than ``width`` are cut, never lost.

    Each ``\\n`` starts a new line; an empty paragraph gives an empty line, so the blank
    lines a clerk typed survive.
    """
    lines: list[str] = []
    space = stringWidth(" ", font, size)
    for paragraph in text.split("\n"):
        current: list[str] = []
        used = 0.0
        for word in paragraph.split(" "):
            if not word:
                continue
            word_width = stringWidth(word, font, size)
            if word_width > width:
                pieces = _break_word(word, font, size, width)
                if current:
                    lines.append(" ".join(current))
                lines.extend(pieces[:-1])
                current = [pieces[-1]]
                used = stringWidth(pieces[-1], font, size)
                continue
            needed = word_width if not current else used + space + word_width
            if current and needed > width:
                lines.append(" ".join(current))
                current, used = [word], word_width
            else:
                current.append(word)
                used = needed
        lines.append(" ".join(current))
    return lines


def fit_lines(lines: Iterable[str], limit: int, font: str, size: float, width: float) -> list[str]:
    """At most ``limit`` lines; a cut shows as an ellipsis on the last line kept.

    Only for boxes of fixed size (the envelope window, the footer); the line table and the
    notes flow over pages instead and are never cut.
    """
    kept = list(lines)
    if len(kept) <= limit:
        return kept
    kept = kept[:limit]
    last = kept[-1]
    while last and stringWidth(last + ELLIPSIS, font, size) > width:
        last = last[:-1]
    kept[-1] = last + ELLIPSIS
    return kept


def one_line(text: str, font: str, size: float, width: float) -> str:
    """``text`` shortened with an ellipsis so it fits on one line of ``width``."""
    return fit_lines(wrap(text, font, size, width), 1, font, size, width)[0] if text else ""


def fit_size(text: str, font: str, size: float, width: float, smallest: float) -> float:
    """The largest size from ``size`` down to ``smallest`` at which ``text`` fits ``width``.

    For payment details (a 34-character IBAN), which must be shown whole rather than cut.
    """
    natural = stringWidth(text, font, size)
    if natural <= width:
        return size
    return max(smallest, size * width / natural)
