"""The geometry, colours and type of one rendering, and the few drawing calls all blocks use.

A ``Theme`` is derived once per render from the template's ``Style``; blocks draw with
it straight onto the canvas. Drawing strings directly (rather than through Paragraph
markup) is what makes any text render literally, and it is several times faster.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from .fonts import FontFamily, font_family
from .model import Style
from .pdf_text import show
from .text import clean

PAPER = {"A4": A4, "LETTER": LETTER}

INK = HexColor("#1F2328")
MUTED = HexColor("#5E6A75")
RULE = HexColor("#D3D9DF")

# Type sizes in points; one scale keeps the hierarchy consistent across blocks.
SIZE_TITLE = 21
SIZE_BIG = 13
SIZE_BODY = 9
SIZE_SMALL = 7.5
SIZE_LABEL = 7
LEADING = 1.3


def _mix(colour: Color, weight: float) -> Color:
    """``colour`` blended with white: ``weight`` 0.08 gives a faint tint for backgrounds."""
    return Color(
        *(c * weight + w * (1 - weight) for c, w in zip(colour.rgb(), white.rgb(), strict=True))
    )


def _colour(text: str, fallback: str) -> Color:
    try:
        return HexColor(text)
    except (ValueError, TypeError):
        return HexColor(fallback)


@dataclass(frozen=True)
class Theme:
    fonts: FontFamily
    primary: Color
    accent: Color
    tint: Color
    page_width: float
    page_height: float
    left: float
    right: float
    top: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def regular(self) -> str:
        return self.fonts.regular

    @property
    def bold(self) -> str:
        return self.fonts.bold

    @property
    def italic(self) -> str:
        return self.fonts.italic

    def clean(self, text: str, *, multiline: bool = False) -> str:
        return clean(text, self.fonts.coverage, multiline=multiline)

    def y(self, from_top_mm: float) -> float:
        """The canvas y of a position given in mm from the top edge of the paper."""
        return self.page_height - from_top_mm * mm


def theme_for(style: Style) -> Theme:
    paper = PAPER.get(style.paper.upper())
    if paper is None:
        raise ValueError(f"unknown paper size {style.paper!r}; use A4 or Letter")
    width, height = paper
    primary = _colour(style.primary, Style.primary)
    return Theme(
        fonts=font_family(style.font_family),
        primary=primary,
        accent=_colour(style.accent, Style.accent),
        tint=_mix(primary, 0.07),
        page_width=width,
        page_height=height,
        left=style.margin_left * mm,
        right=width - style.margin_right * mm,
        top=height - style.margin_top * mm,
        bottom=style.margin_bottom * mm,
    )


class Pen:
    """The canvas of one block, with all its text gathered into a single PDF text object.

    One text object per block instead of one per string, and font and colour set only
    when they change: drawing text is most of a page's cost. Graphics calls pass straight
    to the canvas; the text is laid over them when the block is done (``close``).
    """

    def __init__(self, canvas: Canvas):
        self.canvas = canvas
        self.text = canvas.beginText()
        self.font: tuple[str, float] | None = None
        self.colour: Color | None = None

    def __getattr__(self, name: str):
        return getattr(self.canvas, name)

    def write(self, x: float, y: float, text: str, font: str, size: float, colour: Color) -> None:
        if (font, size) != self.font:
            self.text.setFont(font, size)
            self.font = (font, size)
        if colour is not self.colour:
            self.text.setFillColor(colour)
            self.colour = colour
        self.text.setTextOrigin(x, y)
        # Not ``textOut``: see pdf_text; the next string sets its own origin anyway.
        show(self.text, text)

    def close(self) -> None:
        self.canvas.drawText(self.text)


def draw(
    pen: Pen,
    x: float,
    y: float,
    text: str,
    font: str,
    size: float,
    colour: Color = INK,
    align: str = "left",
) -> None:
    """One line of already cleaned text; ``align`` "right" puts its end at ``x``."""
    if not text:
        return
    if align == "right":
        x -= stringWidth(text, font, size)
    elif align == "centre":
        x -= stringWidth(text, font, size) / 2
    pen.write(x, y, text, font, size, colour)


def draw_lines(
    pen: Pen,
    x: float,
    y: float,
    lines: list[str],
    font: str,
    size: float,
    colour: Color = INK,
    align: str = "left",
) -> float:
    """Lines downwards from baseline ``y``; returns the baseline after the last one."""
    for line in lines:
        draw(pen, x, y, line, font, size, colour, align)
        y -= size * LEADING
    return y


def rule(
    canvas: Canvas | Pen, x1: float, x2: float, y: float, colour: Color, width: float
) -> None:
    canvas.setStrokeColor(colour)
    canvas.setLineWidth(width)
    canvas.line(x1, y, x2, y)
