"""What ReportLab would otherwise redo for every document that embeds a face.

ReportLab cuts a subset of the face for each document, deflates it and its character map
(ToUnicode) and writes its widths array, though all of them are pure functions of the face
and the characters in the subset.
Invoices of one company use much the same few dozen characters, so the results for the
last documents are kept (a few per face) and handed to the next one that needs the same.
The hooks are set on one face object only, never on ReportLab's classes, and give the
same bytes as ReportLab would.
"""

from __future__ import annotations

import zlib
from functools import lru_cache

from reportlab import rl_config
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFName,
    PDFObject,
    PDFObjectReference,
    PDFTrueTypeFont,
    PDFZCompress,
)
from reportlab.pdfbase.ttfonts import TTFont

KEPT = 64


class _Formatted(PDFObject):
    """A PDF value written once, for any document (a widths array: numbers, no references)."""

    def __init__(self, data: bytes):
        self.data = data

    def format(self, document) -> bytes:  # ReportLab's signature
        return self.data


@lru_cache(maxsize=KEPT)
def _deflated(content: bytes | str) -> bytes:
    # What ReportLab's PDFZCompress filter does (UTF-8, zlib's default level): same bytes.
    return zlib.compress(content.encode("utf8") if isinstance(content, str) else content)


def _deflate_once(stream) -> None:
    """Give a PDFStream due for deflating its deflated content and "Filter" entry, which
    ``PDFStream.format`` then writes as they are (it applies filters only without one)."""
    if stream.filters == [PDFZCompress] and "Filter" not in stream.dictionary.dict:
        stream.content = _deflated(stream.content)
        stream.dictionary["Filter"] = PDFArray([PDFName("FlateDecode")])
        stream.filters = None


@lru_cache(maxsize=KEPT)
def _widths(widths: tuple[float, ...], multiline: int) -> _Formatted:
    # ``multiline`` (rl_config.pdfMultiLine) is the one setting the array's text depends on.
    return _Formatted(PDFArray(widths).format(None))


def remember(font: TTFont) -> None:
    """Hook the caches into ``font`` (a face object just loaded, not yet registered)."""
    face = font.face
    make, add_subset, add_objects = face.makeSubset, face.addSubsetObjects, font.addObjects

    @lru_cache(maxsize=KEPT)
    def subset_of(characters: tuple[int, ...]) -> bytes:
        return make(list(characters))

    def add_subset_objects(doc, fontname, subset):  # ReportLab's signature
        descriptor = add_subset(doc, fontname, subset)
        # ``addSubsetObjects`` gives the subset to a PDFStream that deflates it when the
        # file is written.
        _deflate_once(doc.idToObject[f"fontFile:{face.filename}({fontname})"])
        return descriptor

    def add_font_objects(doc):  # ReportLab's signature
        add_objects(doc)
        # ``TTFont.addObjects`` lists each subset's widths as a PDFArray of numbers, which
        # ``format`` turns into text number by number: the written array is kept instead.
        for pdf_font in doc.idToObject["BasicFonts"].dict.values():
            widths = getattr(pdf_font, "Widths", None)
            if not isinstance(pdf_font, PDFTrueTypeFont) or type(widths) is not PDFArray:
                continue  # another face's, or done already
            if all(type(width) in (int, float) for width in widths.sequence):
                pdf_font.Widths = _widths(tuple(widths.sequence), rl_config.pdfMultiLine)
            to_unicode = getattr(pdf_font, "ToUnicode", None)
            if isinstance(to_unicode, PDFObjectReference):
                _deflate_once(doc.idToObject[to_unicode.name])

    face.makeSubset = lambda subset: subset_of(tuple(subset))
    face.addSubsetObjects = add_subset_objects
    font.addObjects = add_font_objects
