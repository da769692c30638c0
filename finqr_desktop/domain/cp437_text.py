"""Text as code page 437 can hold it, for the SIE file's one-line text fields.

Code page 437 has the Swedish letters (å ä ö Å Ä Ö, é, ü, Æ æ, ß) but not the typography
a name typed on a modern keyboard often carries: typographic dashes and quotes, the
ellipsis, the euro sign, ø, Ł. Those are written as the plain characters a reader would
type for them ("–" as "-", "€" as "EUR", "ø" as "o"); other letters lose their accents
through Unicode's compatibility decomposition ("ź" is "z", "ﬁ" is "fi"); only what has no
such spelling becomes "?". ``one_line`` gives the text to write; ``exact`` tells whether
anything but white space changed on the way (``flattened`` is the text with only the white
space changed), so the export can say so instead of losing a character silently.
"""

from __future__ import annotations

import logging
import unicodedata

logger = logging.getLogger(__name__)

ENCODING = "cp437"
UNKNOWN = "?"

# Characters code page 437 lacks, with the spelling a Swedish reader accepts for them.
# Not in the table: what decomposes into letters the code page has ("ź", "Ő", "ﬁ", "¾"
# once its fraction slash is spelled "/").
SPELLED = {
    # Hyphens, dashes and the minus sign.
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe63\uff0d", "-"),
    # Typographic quotes and primes; « and » are in code page 437 and stay.
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u2035\u2039\u203a", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u2036\u301d\u301e", '"'),
    "\u2026": "...",
    "\u2022": "*",
    "\u2044": "/",
    "\u00d7": "x",
    "\u20ac": "EUR",
    "\u00a9": "(c)",
    "\u00ae": "(R)",
    # Letters without a decomposition: a stroke or a ligature is not an accent.
    "\u00d8": "O",
    "\u00f8": "o",
    "\u0141": "L",
    "\u0142": "l",
    "\u0110": "D",
    "\u0111": "d",
    "\u00d0": "D",
    "\u00f0": "d",
    "\u0126": "H",
    "\u0127": "h",
    "\u0131": "i",
    "\u0152": "OE",
    "\u0153": "oe",
    "\u00de": "Th",
    "\u00fe": "th",
    "\u1e9e": "SS",
}


def one_line(text: str) -> str:
    """``text`` in characters code page 437 has, on one line.

    Line breaks, tabs and other control characters become a space and every kind of space
    (no-break, narrow, ideographic) a plain one; invisible format characters (soft
    hyphen, zero-width space, a byte order mark) are left out.
    """
    return "".join(_written(char) for char in flattened(text))


def exact(text: str) -> bool:
    """Whether ``one_line(text)`` keeps every visible character of ``text``."""
    flat = flattened(text)
    return "".join(_written(char) for char in flat) == flat


def flattened(text: str) -> str:
    """``text`` on one line of plain spaces, still in every character it has."""
    out = []
    for char in unicodedata.normalize("NFC", str(text)):
        category = unicodedata.category(char)
        if category == "Cf":
            continue
        if category in ("Cc", "Zl", "Zp", "Zs"):
            char = " "
        out.append(char)
    return "".join(out)


def _written(char: str) -> str:
    if _encodable(char):
        return char
    if char in SPELLED:
        return SPELLED[char]
    parts = []
    for part in unicodedata.normalize("NFKD", char):
        if unicodedata.combining(part):
            continue
        if not _encodable(part):
            part = SPELLED.get(part, "")
        if not part or not part.isprintable():
            return UNKNOWN
        parts.append(part)
    return "".join(parts) or UNKNOWN


def _encodable(char: str) -> bool:
    try:
        char.encode(ENCODING)
    except UnicodeEncodeError:
        return False
    return True
