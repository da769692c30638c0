"""The order of a document's flowing content, from the top banner to the footer blocks.

An invoice or credit note runs: banner, blocks above the lines, the line table, totals,
blocks below the totals, the clerk's note, the payment and contact boxes, footer blocks.
A reminder puts its letter and the sum due now where the lines and totals would be.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from ..domain.templates import MessageBlock
from .content import contact_rows, payment_rows
from .formatting import Formatter
from .layout import SIZE_BODY, Theme
from .line_table import LineTable
from .message_block import MessageBlocks
from .model import DocumentData, Style
from .payment_block import PaymentBlock
from .reminder_block import ReminderBlock
from .strings import Strings
from .text import wrap
from .text_block import TextBlock
from .totals_block import TotalsBlock

GAP = 6 * mm
Blocks = Mapping[str, Sequence[MessageBlock]]


def _slot(theme: Theme, blocks: Blocks, slot: str) -> list[Flowable]:
    chosen = tuple(blocks.get(slot, ()))
    return [MessageBlocks(theme, slot, chosen), Spacer(1, GAP)] if chosen else []


def story(
    data: DocumentData,
    style: Style,
    theme: Theme,
    strings: Strings,
    formatter: Formatter,
    blocks: Blocks,
    page_body: float,
    qr_payload: str | None,
) -> list[Flowable]:
    """The flowables in reading order; ``page_body`` is the height of a later page's frame."""
    flowables = _slot(theme, blocks, "top_banner") + _slot(theme, blocks, "above_lines")
    if data.is_reminder:
        flowables.append(ReminderBlock(theme, strings, formatter, data))
    else:
        flowables += [
            LineTable(
                theme,
                strings,
                formatter,
                data.lines,
                page_body,
                gross=data.prices_include_vat,
            ),
            Spacer(1, GAP),
            TotalsBlock(theme, strings, formatter, data),
        ]
    below = _slot(theme, blocks, "below_totals")
    if below:
        flowables += [Spacer(1, GAP), *below[:-1]]
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
            contact_rows(data, strings, theme.clean, style.opening_hours),
            qr_payload,
        ),
    ]
    footer = _slot(theme, blocks, "footer")
    if footer:
        flowables += [Spacer(1, GAP), *footer[:-1]]
    return flowables
