"""Render an invoice, credit note or reminder to PDF bytes.

``render_document(data, design, blocks)`` prints a template's ``Design`` with its message
blocks; ``render_invoice(data, style, blocks)`` takes the renderer's own ``Style``.

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
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from ..domain.payment_qr import PaymentRequest, payment_qr_for
from ..domain.templates import Design, blocks_for
from .content import facts, footer_columns, highlights
from .design import style_for
from .formatting import Formatter
from .layout import SIZE_BODY, theme_for
from .logo import load_logo
from .model import DocumentData, Style
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
from .reminder_block import reminder_facts, reminder_highlights, reminder_title
from .story import Blocks, story
from .strings import Strings, strings_for

logger = logging.getLogger(__name__)

# ASCII85 wraps every font and image stream in text a quarter larger than the binary, and
# costs a pass over the bytes in Python; no reader needs it, so streams stay binary.
rl_config.useA85 = 0

# ReportLab keeps per-document state on the shared font objects ("a TTFont cannot be used
# for different documents at the same time", its docstring says), and the designer's
# preview and the scheduler may render at once: one document is built at a time.
BUILD_LOCK = threading.Lock()


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
        # A reminder asks for the late invoice: the code carries that invoice's date.
        invoice_date=data.reminder.invoice_date if data.reminder else data.issue_date,
        bankgiro=seller.bankgiro,
        plusgiro=seller.plusgiro,
        iban=seller.iban,
        bic=seller.bic,
        is_credit_note=data.is_credit_note,
    )


def render_document(
    data: DocumentData, design: Design | None = None, blocks: Blocks | None = None
) -> bytes:
    """The PDF the customer receives, in the template's design.

    ``blocks`` are the message blocks to print by slot (``domain.templates.blocks_for``);
    None chooses them from ``design.blocks`` for this document's kind, the buyer's tags,
    the document language and the issue date.
    """
    design = design or Design()
    if blocks is None:
        blocks = blocks_for(
            design,
            kind=data.block_kind,
            tags=data.buyer.tags,
            language=data.language,
            day=data.issue_date,
        )
    return render_invoice(data, style_for(design), blocks)


def _title(data: DocumentData, strings: Strings) -> str:
    if data.is_reminder:
        return reminder_title(data, strings)
    return strings.get("credit_note" if data.is_credit_note else "invoice")


def render_invoice(
    data: DocumentData, style: Style | None = None, blocks: Blocks | None = None
) -> bytes:
    """The PDF the customer receives, in ``style``, with ``blocks`` (none when None).

    Fonts are embedded as subsets; text is drawn literally, a character the font lacks as
    U+25A1; the payment QR code is added when ``payment_qr_for`` finds one that fits. May
    be called from any thread (builds take turns).
    """
    style = style or Style()
    theme = theme_for(style)
    strings = strings_for(data.language)
    formatter = Formatter(strings, data.currency)
    qr = payment_qr_for(payment_request(data))
    title = _title(data, strings)
    logo_right = style.logo_position == "right"
    logo = load_logo(style.logo_path, LOGO_BOX_RIGHT if logo_right else LOGO_BOX, style.logo)
    if data.is_reminder:
        shown_facts = reminder_facts(data, strings, formatter, theme.clean)
        shown_highlights = reminder_highlights(data, strings, formatter, theme.clean)
    else:
        shown_facts = facts(data, strings, formatter, theme.clean)
        shown_highlights = highlights(data, strings, formatter, theme.clean)

    page = PageContext(
        theme=theme,
        strings=strings,
        data=data,
        logo=logo,
        logo_right=logo_right,
        title=title,
        facts=shown_facts,
        highlights=shown_highlights,
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
    flowables = story(
        data,
        style,
        theme,
        strings,
        formatter,
        blocks or {},
        later_top - frame_bottom,
        qr.payload if qr else None,
    )

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
    with BUILD_LOCK:
        document.build(flowables, canvasmaker=numbered_canvas(page))
    logger.debug("rendered %s %s: %d lines", data.kind, data.number, len(data.lines))
    return buffer.getvalue()
