"""What text the ledger accepts: no control characters, no invisible direction tricks,
no code points that are not characters.

Invoices are printed, e-mailed and shown in terminals; a NUL, an escape sequence or a
right-to-left override in a name would corrupt all three, and in a customer number an
invisible character makes two numbers that look the same.
"""

from __future__ import annotations

import unicodedata

from .messages import msg

# Bidirectional embeddings, overrides and isolates: they reorder what a reader sees.
_BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
_INVISIBLE = {"\u200b", "\u2060", "\ufeff"}


def text_problem(value: str, *, multiline: bool = False) -> str | None:
    """Why ``value`` cannot be stored as text, or None when it can."""
    for index, char in enumerate(value):
        if char == "\n" and multiline:
            continue
        if char == "\t" and multiline:
            continue
        category = unicodedata.category(char)
        if category == "Cc" or char in ("\u2028", "\u2029"):
            line_break = char in "\r\n\u2028\u2029"
            what = msg("a line break") if line_break else msg("a control character")
            return _contains(what, char, index)
        if char in _BIDI_CONTROLS or char in _INVISIBLE:
            return msg(
                "contains an invisible character ({code}) at position {position}",
                code=_code(char),
                position=index + 1,
            )
        if why := _not_a_character(char):
            return _contains(why, char, index)
    return None


def _code(char: str) -> str:
    return f"U+{ord(char):04X}"


def _contains(what: str, char: str, index: int) -> str:
    return msg(
        "contains {what} ({code}) at position {position}",
        what=what,
        code=_code(char),
        position=index + 1,
    )


def _not_a_character(char: str) -> str | None:
    """A code point that is no character: XML cannot hold it, so an e-invoice would lose it
    (U+FFFE, U+FFFF, a lone surrogate), and Unicode keeps the other noncharacters internal."""
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return msg("a lone surrogate, not a character")
    if 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
        return msg("a noncharacter")
    return None


def identifier_problem(value: str) -> str | None:
    """Identifiers (customer numbers) are visible characters only: no spaces, no formatting."""
    for index, char in enumerate(value):
        category = unicodedata.category(char)
        if category[0] in ("C", "Z"):
            return msg(
                "contains an invisible or space character ({code}) at position {position}",
                code=_code(char),
                position=index + 1,
            )
    return None
