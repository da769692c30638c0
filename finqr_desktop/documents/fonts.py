"""The shipped TrueType families, registered with ReportLab once per process.

Parsing a TrueType file takes milliseconds, far more than drawing a page, so each family
is loaded the first time a document asks for it and kept. ReportLab embeds only the glyphs
a document uses (a subset), which keeps a one-page invoice small; font_cache keeps the
subsets it cuts.
"""

from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from .font_cache import remember

logger = logging.getLogger(__name__)

# Liberation 2.1.5 (SIL OFL 1.1); see resources/fonts/README.md.
_FILES = {
    "sans": "LiberationSans",
    "serif": "LiberationSerif",
}
_STYLES = {
    "regular": "Regular",
    "bold": "Bold",
    "italic": "Italic",
    "bold_italic": "BoldItalic",
}
FAMILIES = tuple(_FILES)


@dataclass(frozen=True)
class FontFamily:
    """ReportLab names of a registered family's four faces, and the characters all four
    can draw (control characters left out)."""

    regular: str
    bold: str
    italic: str
    bold_italic: str
    coverage: frozenset[int]


@cache
def font_family(name: str) -> FontFamily:
    """The family ``name`` ("sans" or "serif"), registered with ReportLab on first use."""
    if name not in _FILES:
        raise ValueError(f"unknown font family {name!r}; choose one of {', '.join(FAMILIES)}")
    folder = files("finqr_desktop.resources") / "fonts"
    faces: dict[str, str] = {}
    coverage: frozenset[int] | None = None
    for style, suffix in _STYLES.items():
        face_name = f"Finqr{name.title()}-{suffix}"
        source = folder / f"{_FILES[name]}-{suffix}.ttf"
        with source.open("rb") as handle:
            font = TTFont(face_name, handle)
        remember(font)
        pdfmetrics.registerFont(font)
        faces[style] = face_name
        # Control characters are never drawn, even where a font maps them to a glyph.
        chars = frozenset(c for c in font.face.charToGlyph if unicodedata.category(chr(c)) != "Cc")
        coverage = chars if coverage is None else coverage & chars
    pdfmetrics.registerFontFamily(
        faces["regular"],
        normal=faces["regular"],
        bold=faces["bold"],
        italic=faces["italic"],
        boldItalic=faces["bold_italic"],
    )
    logger.debug("registered font family %s (%d characters)", name, len(coverage or ()))
    return FontFamily(coverage=coverage or frozenset(), **faces)
