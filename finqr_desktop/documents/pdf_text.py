"""The PDF operator that shows one string, written without ReportLab's general path.

``PDFTextObject.textOut`` measures the string (to advance a cursor the ``Pen`` never
uses, as it sets the origin of every string) and ``_formatText`` runs ``splitString``,
a Python loop over the characters that assigns each its code in the font subset. Once
every character of a string has its code in this document's first subset (after the
first few strings, nearly always), the operator is simply those codes, escaped, and
``Tj``, after the subset's font operator when a ``setFont`` came before: this module
writes that, byte for byte what ReportLab would, and leaves every other case (a new
character, a second subset, an empty string) to it.
"""

from __future__ import annotations

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.textobject import PDFTextObject


def show(text_object: PDFTextObject, text: str) -> None:
    """Append the operator showing ``text`` in the text object's current font."""
    text_object._code.append(_operator(text_object, text))


def _operator(text_object: PDFTextObject, text: str) -> str:
    face = getFont(text_object._fontname)
    canvas = text_object._canvas
    # Only TrueType faces without shaping, in the first subset: selected already, or not
    # since ``setFont`` (which sets ``_curSubset`` to -1 and leaves "Tf" to _formatText).
    current = text_object._curSubset
    if text and current in (-1, 0) and type(face) is TTFont and not face.shapable:
        state = face.state.get(canvas._doc)
        if state is not None:
            try:
                # KeyError: a character without a code yet (U+00A0, which ReportLab shows
                # as a space, never has one); ValueError: a code past the first subset.
                codes = bytes(map(state.assignments.__getitem__, map(ord, text)))
            except (KeyError, ValueError):
                pass
            else:
                shown = f"({canvas._escape(codes)}) Tj"
                if current == 0:
                    return shown
                # _formatText's order and spacing: the subset's name, size, leading.
                text_object._curSubset = 0
                name = face.getSubsetInternalName(0, canvas._doc)
                size, leading = fp_str(text_object._fontsize), fp_str(text_object._leading)
                return f"{name} {size} Tf {leading} TL {shown}"
    return text_object._formatText(text)
