"""Render an invoice or credit note to PDF bytes: ``render_invoice(data, style)``.

The output is deterministic (no creation time or random id in the file), so the same
issued invoice and template give the same bytes and the archive's content hash can be
checked by rendering again.
"""

from __future__ import annotations

import io
import logging
import threading

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Spacer

from ..domain.payment_qr import PaymentRequest, payment_qr_for
from .content import contact_rows, facts, footer_columns, highlights, payment_rows
from .formatting import Formatter
from .layout import SIZE_BODY, theme_for
from .line_table import LineTable
from .logo import load_logo
from .model import DocumentData, Style
from .page import (
    FIRST_FRAME_TOP,
    FOOTER_HEIGHT,
    LATER_FRAME_GAP,
    LOGO_BOX,
    PageContext,
    draw_first_page,
    draw_later_page,
    numbered_canvas,
)
from .payment_block import PaymentBlock
from .strings import strings_for
from .text import wrap
from .text_block import TextBlock
from .totals_block import TotalsBlock

logger = logging.getLogger(__name__)

# ASCII85 wraps every font and image stream in text a quarter larger than the binary, and
# costs a pass over the bytes in Python; no reader needs it, so streams stay binary.
rl_config.useA85 = 0

# ReportLab keeps per-document state on the shared font objects ("a TTFont cannot be used
# for different documents at the same time", its docstring says), and the designer's
# preview and the scheduler may render at once: one document is built at a time.
_BUILD_LOCK = threading.Lock()

GAP = 6 * mm


def payment_request(data: DocumentData) -> PaymentRequest:
    """What the document's payment QR code must say, from the same values the box prints."""
    seller = data.seller
    return PaymentRequest(
        payee_name=seller.name,
        payee_id=seller.org_number,
        amount=data.due,
        currency=data.currency,
        reference=data.payment_reference,
        due_date=data.due_date,
        invoice_date=data.issue_date,
        bankgiro=seller.bankgiro,
        plusgiro=seller.plusgiro,
        iban=seller.iban,
        bic=seller.bic,
        is_credit_note=data.is_credit_note,
    )


def render_invoice(data: DocumentData, style: Style | None = None) -> bytes:
    """The PDF the customer receives.

    Fonts are embedded as subsets; text is drawn literally, a character the font lacks as
    U+25A1; the payment QR code is added when ``payment_qr_for`` finds one that fits. May
    be called from any thread (builds take turns).
    """
    style = style or Style()
    theme = theme_for(style)
    strings = strings_for(data.language)
    formatter = Formatter(strings, data.currency)
    qr = payment_qr_for(payment_request(data))
    title = strings.get("credit_note" if data.is_credit_note else "invoice")

    page = PageContext(
        theme=theme,
        strings=strings,
        data=data,
        logo=load_logo(style.logo_path, LOGO_BOX),
        title=title,
        facts=facts(data, strings, formatter, theme.clean),
        highlights=highlights(data, strings, formatter, theme.clean),
        footer=footer_columns(data, strings, theme.clean),
    )

    frame_bottom = theme.bottom + FOOTER_HEIGHT * mm + 4 * mm
    first = Frame(
        theme.left,
        frame_bottom,
        theme.width,
        theme.y(FIRST_FRAME_TOP) - frame_bottom,
        0,
        0,
        0,
        0,
        id="first",
    )
    later_top = theme.top - LATER_FRAME_GAP * mm
    later = Frame(
        theme.left, frame_bottom, theme.width, later_top - frame_bottom, 0, 0, 0, 0, id="later"
    )

    flowables = [
        LineTable(theme, strings, formatter, data.lines, later_top - frame_bottom),
        Spacer(1, GAP),
        TotalsBlock(theme, strings, formatter, data),
    ]
    if data.notes.strip():
        lines = wrap(
            theme.clean(data.notes.strip(), multiline=True), theme.regular, SIZE_BODY, theme.width
        )
        flowables += [Spacer(1, GAP), TextBlock(theme, strings.get("notes"), lines)]
    flowables += [
        Spacer(1, GAP),
        PaymentBlock(
            theme,
            strings,
            formatter,
            data,
            payment_rows(data, strings, formatter, theme.clean),
            contact_rows(data, strings, theme.clean),
            qr.payload if qr else None,
        ),
    ]

    buffer = io.BytesIO()
    document = BaseDocTemplate(
        buffer,
        pagesize=(theme.page_width, theme.page_height),
        title=theme.clean(f"{title} {data.number}"),
        author=theme.clean(data.seller.name),
        creator="FINQR Desktop",
        invariant=1,
        # Otherwise the canvas starts in Helvetica, which would sit unembedded in the file.
        initialFontName=theme.regular,
        initialFontSize=SIZE_BODY,
        pageTemplates=[
            PageTemplate(
                "first",
                [first],
                onPage=lambda c, d: draw_first_page(c, page),
                autoNextPageTemplate="later",
            ),
            PageTemplate("later", [later], onPage=lambda c, d: draw_later_page(c, page)),
        ],
    )
    with _BUILD_LOCK:
        document.build(flowables, canvasmaker=numbered_canvas(page))
    logger.debug("rendered %s %s: %d lines", data.kind, data.number, len(data.lines))
    return buffer.getvalue()
