"""What every page carries: the first page's letterhead, later pages' running head, the footer.

The first page is laid out for a C5/DL window envelope: the recipient's address sits in
the window (20 mm from the left, 45 to 90 mm from the top), the sender's logo above it,
and the facts the customer looks for first (amount, due date, number) on the right.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from .layout import (
    LEADING,
    MUTED,
    SIZE_BIG,
    SIZE_BODY,
    SIZE_LABEL,
    SIZE_SMALL,
    SIZE_TITLE,
    Pen,
    Theme,
    draw,
    draw_lines,
    rule,
)
from .logo import Logo
from .model import DocumentData
from .strings import Strings
from .text import fit_lines, fit_size, one_line, wrap

logger = logging.getLogger(__name__)

# Positions in mm from the paper's top edge.
WINDOW_TOP = 50.0
WINDOW_WIDTH = 80.0
WINDOW_LINES = 7
FACTS_TOP = 47.0
FIRST_FRAME_TOP = 96.0
# Later pages: the running head, then the lines, measured from the top margin.
LATER_FRAME_GAP = 12.0
FOOTER_HEIGHT = 21.0
LOGO_BOX = (60.0, 20.0)
# On the right the logo sits above the amount box, so it is lower.
LOGO_BOX_RIGHT = (60.0, 10.0)
FOOTER_WEIGHTS = (0.23, 0.26, 0.31, 0.20)


@dataclass(frozen=True)
class PageContext:
    """Everything the page decorations need, prepared once before the build."""

    theme: Theme
    strings: Strings
    data: DocumentData
    logo: Logo | None
    logo_right: bool
    title: str
    facts: tuple[tuple[str, str], ...]
    highlights: tuple[tuple[str, str], ...]
    footer: tuple[tuple[str, ...], ...]


def _brand(canvas: Pen, page: PageContext, top: float, box: tuple[float, float]) -> None:
    theme, logo = page.theme, page.logo
    if logo is not None:
        scale = min(box[0] * mm / logo.width, box[1] * mm / logo.height)
        x = theme.right - logo.width * scale if page.logo_right else theme.left
        logo.draw(canvas.canvas, x, top - logo.height * scale, scale)
        return
    name = one_line(
        theme.clean(page.data.seller.name), theme.bold, SIZE_BIG + 3, box[0] * mm * 1.6
    )
    draw(canvas, theme.left, top - (SIZE_BIG + 3), name, theme.bold, SIZE_BIG + 3, theme.primary)


def draw_first_page(page_canvas: Canvas, page: PageContext) -> None:
    theme = page.theme
    page_canvas.saveState()
    canvas = Pen(page_canvas)
    column = theme.left + theme.width * 0.56
    if page.logo_right and page.logo is not None:
        # Logo above the amount box, the title where the logo would stand on the left.
        _brand(canvas, page, theme.top, LOGO_BOX_RIGHT)
        title_x, align = theme.left, "left"
        highlights_top = theme.top - LOGO_BOX_RIGHT[1] * mm - 3 * mm
    else:
        _brand(canvas, page, theme.top, LOGO_BOX)
        title_x, align = theme.right, "right"
        highlights_top = theme.top - SIZE_TITLE - 5 * mm
    title = one_line(page.title, theme.bold, SIZE_TITLE, theme.width * 0.55)
    draw(
        canvas,
        title_x,
        theme.top - SIZE_TITLE,
        title,
        theme.bold,
        SIZE_TITLE,
        theme.primary,
        align,
    )
    _highlights(canvas, page, column, highlights_top)
    _facts(canvas, page, column, theme.y(FACTS_TOP))
    _recipient(canvas, page)
    _footer(canvas, page)
    canvas.close()
    page_canvas.restoreState()


def draw_later_page(page_canvas: Canvas, page: PageContext) -> None:
    theme = page.theme
    page_canvas.saveState()
    canvas = Pen(page_canvas)
    baseline = theme.top - SIZE_BODY
    name = one_line(theme.clean(page.data.seller.name), theme.bold, SIZE_BODY, theme.width / 2)
    draw(canvas, theme.left, baseline, name, theme.bold, SIZE_BODY, theme.primary)
    head = one_line(
        f"{page.title} {theme.clean(page.data.number)}", theme.bold, SIZE_BODY, theme.width / 2
    )
    draw(canvas, theme.right, baseline, head, theme.bold, SIZE_BODY, align="right")
    rule(canvas, theme.left, theme.right, baseline - 3 * mm, theme.primary, 0.8)
    _footer(canvas, page)
    canvas.close()
    page_canvas.restoreState()


def _highlights(canvas: Pen, page: PageContext, x: float, top: float) -> None:
    """The tinted box with what the payer needs first: the amount and the due date."""
    theme = page.theme
    height = 15 * mm
    width = theme.right - x
    canvas.setFillColor(theme.tint)
    canvas.roundRect(x, top - height, width, height, 1.5 * mm, stroke=0, fill=1)
    cell = width / max(1, len(page.highlights))
    for index, (label, value) in enumerate(page.highlights):
        left = x + index * cell + 4 * mm
        draw(canvas, left, top - 5 * mm, label, theme.regular, SIZE_LABEL, MUTED)
        # Shrunk rather than cut: a large amount due must still be read whole.
        size = fit_size(value, theme.bold, SIZE_BIG, cell - 6 * mm, SIZE_BODY)
        shown = one_line(value, theme.bold, size, cell - 6 * mm)
        draw(canvas, left, top - 11 * mm, shown, theme.bold, size, theme.primary)


def _facts(canvas: Pen, page: PageContext, x: float, top: float) -> None:
    theme = page.theme
    label_width = 31 * mm
    value_width = theme.right - x - label_width - 4 * mm
    y = top
    for label, value in page.facts:
        draw(
            canvas,
            x + 4 * mm,
            y,
            one_line(label, theme.regular, SIZE_SMALL, label_width),
            theme.regular,
            SIZE_SMALL,
            MUTED,
        )
        # Shrunk a little first, then wrapped onto a second line: payment terms in words
        # ("30 dagar efter månadens slut") must be read whole, never cut.
        size = fit_size(value, theme.regular, SIZE_BODY, value_width, SIZE_SMALL)
        lines = wrap(value, theme.regular, size, value_width)
        shown = fit_lines(lines, 2, theme.regular, size, value_width)
        draw_lines(canvas, x + 4 * mm + label_width, y, shown, theme.regular, size)
        y -= 4.6 * mm + (len(shown) - 1) * size * LEADING


def _recipient(canvas: Pen, page: PageContext) -> None:
    theme = page.theme
    buyer = page.data.buyer
    width = WINDOW_WIDTH * mm
    x = max(theme.left, 22 * mm)
    name = wrap(theme.clean(buyer.name), theme.bold, SIZE_BODY + 1, width)
    address: list[str] = []
    for line in buyer.address_lines:
        address += wrap(theme.clean(line), theme.regular, SIZE_BODY + 1, width)
    name = fit_lines(name, 2, theme.bold, SIZE_BODY + 1, width)
    address = fit_lines(address, WINDOW_LINES - len(name), theme.regular, SIZE_BODY + 1, width)
    y = theme.y(WINDOW_TOP) - (SIZE_BODY + 1)
    y = draw_lines(canvas, x, y, name, theme.bold, SIZE_BODY + 1)
    draw_lines(canvas, x, y, address, theme.regular, SIZE_BODY + 1)


def _footer(canvas: Pen, page: PageContext) -> None:
    theme = page.theme
    top = theme.bottom + FOOTER_HEIGHT * mm
    rule(canvas, theme.left, theme.right, top, theme.primary, 0.6)
    columns = [(c, w) for c, w in zip(page.footer, FOOTER_WEIGHTS, strict=False) if c]
    x = theme.left
    for index, ((column, _weight), width) in enumerate(
        zip(columns, _footer_widths(columns, theme), strict=True)
    ):
        lines: list[str] = []
        for line in column:
            lines += wrap(line, theme.regular, SIZE_SMALL, width - 3 * mm)
        lines = fit_lines(lines, 4, theme.regular, SIZE_SMALL, width - 3 * mm)
        # The company name heads the first column; the other columns need no heading.
        split = 1 if index == 0 and page.data.seller.name.strip() else 0
        y = draw_lines(canvas, x, top - 4 * mm, lines[:split], theme.bold, SIZE_SMALL, MUTED)
        draw_lines(canvas, x, y, lines[split:], theme.regular, SIZE_SMALL, MUTED)
        x += width


def _footer_widths(columns, theme) -> list[float]:
    """Each column as wide as its longest line when they all fit, so an e-mail address or
    web address is never broken; otherwise the fixed weights (the bank column, with an
    IBAN, wider than the contact column)."""
    gap = 3 * mm
    natural = [
        max((stringWidth(line, theme.regular, SIZE_SMALL) for line in column), default=0) + gap
        for column, _ in columns
    ]
    spare = theme.width - sum(natural)
    if spare >= 0:
        return [width + spare / len(natural) for width in natural]
    total = sum(weight for _, weight in columns)
    return [theme.width * weight / total for _, weight in columns]


def numbered_canvas(page: PageContext) -> Callable[..., Canvas]:
    """A canvas class that writes "Page n of m" on every page once the count is known.

    Pages are held back until the document is saved; only then is the total known.
    """
    theme, strings = page.theme, page.strings

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._held: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for number, state in enumerate(self._held, start=1):
                self.__dict__.update(state)
                label = strings.get("page", page=number, pages=total)
                pen = Pen(self)
                draw(
                    pen,
                    theme.right,
                    theme.bottom,
                    label,
                    theme.regular,
                    SIZE_SMALL,
                    MUTED,
                    "right",
                )
                pen.close()
                super().showPage()
            super().save()

    return NumberedCanvas
