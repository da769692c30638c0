"""What text the ledger accepts: no control characters, no invisible formatting or
direction marks, no code points that are not characters.

Invoices are printed, e-mailed and shown in terminals; a NUL, an escape sequence or a
right-to-left override in a name would corrupt all three, and in a customer number an
invisible character makes two numbers that look the same.

Invisible means Unicode's format characters (category Cf: direction marks and overrides,
zero-width space, word joiner, soft hyphen, byte order mark, tag characters...). Two of
them are spelling in some scripts, and only there are they taken: the zero-width non-joiner
between two letters of an Arabic-script word (Persian writes it inside words), and either
joiner right after a virama, where Indic scripts use it to choose a conjunct's shape.
"""

from __future__ import annotations

import unicodedata

from .messages import msg

ZWNJ, ZWJ = "\u200c", "\u200d"
_VIRAMA = 9  # the canonical combining class of a virama (halant)


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
        if category == "Cf" and not _joiner_in_a_word(value, index):
            return msg(
                "contains an invisible character ({code}) at position {position}",
                code=_named(char),
                position=index + 1,
            )
        if why := _not_a_character(char):
            return _contains(why, char, index)
    return None


def _code(char: str) -> str:
    return f"U+{ord(char):04X}"


def _named(char: str) -> str:
    # The name tells the clerk what to look for: "U+200E LEFT-TO-RIGHT MARK".
    name = unicodedata.name(char, "")
    return f"{_code(char)} {name}" if name else _code(char)


def _joiner_in_a_word(value: str, index: int) -> bool:
    """Whether the joiner at ``index`` is spelling (see the module docstring)."""
    char = value[index]
    if char not in (ZWNJ, ZWJ) or index == 0 or index + 1 == len(value):
        return False
    before, after = value[index - 1], value[index + 1]
    if not unicodedata.category(after).startswith("L"):
        return False
    if unicodedata.combining(before) == _VIRAMA:
        return True
    return char == ZWNJ and _arabic_script(before) and _arabic_script(after)


def _arabic_script(char: str) -> bool:
    # unicodedata has no script property; every Arabic-script letter and vowel sign is named
    # ARABIC ..., which is close enough for this one test.
    return unicodedata.category(char)[0] in "LM" and unicodedata.name(char, "").startswith(
        "ARABIC"
    )


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
                code=_named(char),
                position=index + 1,
            )
    return None
