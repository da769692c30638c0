"""Marked-up paragraphs broken into lines of styled pieces, for the message blocks.

``domain.markup`` says which stretches are bold, italic or links; this module measures
them in the template's faces and breaks them greedily at spaces, like ``text.wrap``, so a
style may change mid-word ("**Fri**frakt") and a link may wrap over two lines. A word
wider than the column is cut between characters, never lost.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth

from ..domain.markup import Paragraph
from .fonts import FontFamily

_SPACES = re.compile(r"( +)")


@dataclass(frozen=True)
class Piece:
    """Text drawn in one face; ``href`` makes it a link."""

    text: str
    font: str
    href: str = ""
    width: float = 0.0


Line = tuple[Piece, ...]
Word = list[Piece]


def face(fonts: FontFamily, bold: bool, italic: bool) -> str:
    if bold and italic:
        return fonts.bold_italic
    return fonts.bold if bold else fonts.italic if italic else fonts.regular


def _words(
    paragraph: Paragraph, fonts: FontFamily, size: float, clean: Callable[[str], str]
) -> list[Word | None]:
    """Words (each a list of pieces) in order; ``[]`` marks a space, None a line break."""
    items: list[Word | None] = []
    word: Word = []
    for run in paragraph.runs:
        font = face(fonts, run.bold, run.italic)
        for index, segment in enumerate(clean(run.text).split("\n")):
            if index:
                items += [word, None] if word else [None]
                word = []
            for part in _SPACES.split(segment):
                if not part:
                    continue
                if part.startswith(" "):
                    items += [word, []] if word else [[]]
                    word = []
                else:
                    word.append(Piece(part, font, run.href, stringWidth(part, font, size)))
    if word:
        items.append(word)
    return items


def _cut(word: Word, size: float, room: float, width: float) -> list[Word]:
    """A word too wide for a whole line, cut between characters: first to ``room``."""
    parts: list[Word] = [[]]
    used = 0.0
    for piece in word:
        for char in piece.text:
            char_width = stringWidth(char, piece.font, size)
            if parts[-1] and used + char_width > room:
                parts.append([])
                used, room = 0.0, width
            parts[-1].append(Piece(char, piece.font, piece.href, char_width))
            used += char_width
    return parts


def _joined(pieces: list[Piece]) -> Line:
    """Neighbouring pieces of one face and link merged: fewer text operators and link boxes."""
    out: list[Piece] = []
    for piece in pieces:
        if out and (out[-1].font, out[-1].href) == (piece.font, piece.href):
            last = out[-1]
            out[-1] = Piece(last.text + piece.text, last.font, last.href, last.width + piece.width)
        else:
            out.append(piece)
    return tuple(out)


def lay_out(
    paragraph: Paragraph,
    fonts: FontFamily,
    size: float,
    width: float,
    clean: Callable[[str], str],
) -> list[Line]:
    """The paragraph's lines; a hard line break with nothing before it gives an empty line."""
    lines: list[Line] = []
    current: list[Piece] = []
    used = 0.0
    space = stringWidth(" ", fonts.regular, size)
    pending_space = False
    for word in _words(paragraph, fonts, size, clean):
        if word is None:
            lines.append(_joined(current))
            current, used, pending_space = [], 0.0, False
            continue
        if not word:
            pending_space = bool(current)
            continue
        word_width = sum(piece.width for piece in word)
        gap = space if pending_space else 0.0
        if used + gap + word_width <= width:
            if gap:
                current.append(Piece(" ", word[0].font, _shared_href(current, word), space))
            current += word
            used += gap + word_width
        elif word_width <= width:
            lines.append(_joined(current))
            current, used = list(word), word_width
        else:
            parts = _cut(word, size, width - used - gap if current else width, width)
            if current and parts[0]:
                current.append(Piece(" ", word[0].font, "", gap))
            current += parts[0]
            for part in parts[1:]:
                lines.append(_joined(current))
                current = part
            used = sum(piece.width for piece in current)
        pending_space = False
    lines.append(_joined(current))
    return lines


def _shared_href(before: list[Piece], word: Word) -> str:
    """A space inside one link belongs to the link, so its box has no gap."""
    href = before[-1].href if before else ""
    return href if href and word[0].href == href else ""
