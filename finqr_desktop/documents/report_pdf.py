"""Building a report PDF (statement, aging report) on the invoice's pages.

A statement goes to the customer, so its first page is an invoice's: logo, title, the
facts box and the address in the envelope window. The aging report stays in the office
and starts with the running head of an invoice's later pages. Both have the invoice's
footer and page numbers, so every document from the company looks like one family.
"""

from __future__ import annotations

import io
import logging

from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from .content import footer_columns
from .invoice_pdf import BUILD_LOCK
from .layout import SIZE_BODY, Theme
from .logo import load_logo
from .model import Style
from .page import (
    FIRST_FRAME_TOP,
    FOOTER_HEIGHT,
    LATER_FRAME_GAP,
    LOGO_BOX,
    LOGO_BOX_RIGHT,
    PageContext,
    draw_first_page,
    draw_later_page,
    numbered_canvas,
)
from .strings import Strings

logger = logging.getLogger(__name__)


def page_context(
    data,
    style: Style,
    theme: Theme,
    strings: Strings,
    title: str,
    facts: tuple[tuple[str, str], ...] = (),
    highlights: tuple[tuple[str, str], ...] = (),
) -> PageContext:
    """The page decorations for ``data``: anything with ``seller``, ``buyer``, ``number``
    and ``currency``, which is all the invoice's page code reads of its document."""
    logo_right = style.logo_position == "right"
    logo = load_logo(style.logo_path, LOGO_BOX_RIGHT if logo_right else LOGO_BOX, style.logo)
    return PageContext(
        theme=theme,
        strings=strings,
        data=data,
        logo=logo,
        logo_right=logo_right,
        title=title,
        facts=facts,
        highlights=highlights,
        footer=footer_columns(data, strings, theme.clean),
    )


def build_pdf(page: PageContext, flowables: list[Flowable], *, letterhead: bool) -> bytes:
    """The PDF bytes; deterministic, like an invoice's (no creation time in the file)."""
    theme = page.theme
    frame_bottom = theme.bottom + FOOTER_HEIGHT * mm + 4 * mm
    later_top = theme.top - LATER_FRAME_GAP * mm
    later = Frame(
        theme.left, frame_bottom, theme.width, later_top - frame_bottom, 0, 0, 0, 0, id="later"
    )
    templates = [PageTemplate("later", [later], onPage=lambda c, d: draw_later_page(c, page))]
    if letterhead:
        first_top = theme.y(FIRST_FRAME_TOP)
        first = Frame(
            theme.left, frame_bottom, theme.width, first_top - frame_bottom, 0, 0, 0, 0, id="first"
        )
        templates.insert(
            0,
            PageTemplate(
                "first",
                [first],
                onPage=lambda c, d: draw_first_page(c, page),
                autoNextPageTemplate="later",
            ),
        )
    buffer = io.BytesIO()
    document = BaseDocTemplate(
        buffer,
        pagesize=(theme.page_width, theme.page_height),
        title=theme.clean(f"{page.title} {page.data.number}"),
        author=theme.clean(page.data.seller.name),
        creator="FINQR Desktop",
        invariant=1,
        initialFontName=theme.regular,
        initialFontSize=SIZE_BODY,
        pageTemplates=templates,
    )
    # The invoice renderer's lock: the fonts are shared, and ReportLab's are per document.
    with BUILD_LOCK:
        document.build(flowables, canvasmaker=numbered_canvas(page))
    logger.debug("rendered %s %s", page.title, page.data.number)
    return buffer.getvalue()
