"""The clerk's message blocks of one slot, as one flowable that breaks between lines.

Each block prints its title in bold in the accent colour and its body with the markup's
bold, italic and links; a link is a real PDF link annotation over its words. The blocks
flow with the rest of the document, so they never overlap it; a long one continues on
the next page, cut only between two lines, and a title never stays behind alone. The top
banner sits on a tinted band; the footer slot stands at the bottom of the last page,
just above the legal footer.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from ..domain.markup import Paragraph, Run, parse_markup
from ..domain.templates import MessageBlock
from .layout import INK, LEADING, SIZE_BODY, Pen, Theme, rule
from .rich_text import Line, lay_out

logger = logging.getLogger(__name__)

SIZE_TITLE = SIZE_BODY + 1
PAD = 3 * mm
PARAGRAPH_GAP = SIZE_BODY * 0.5
BLOCK_GAP = 4 * mm


@dataclass(frozen=True)
class Row:
    """One line as drawn, with the space it takes (gaps are rows without pieces)."""

    pieces: Line
    height: float
    title: bool = False


def _rows(theme: Theme, blocks: Sequence[MessageBlock], width: float) -> list[Row]:
    rows: list[Row] = []
    fonts = theme.fonts

    def clean(text: str) -> str:
        return theme.clean(text, multiline=True)

    for index, block in enumerate(blocks):
        if index:
            rows.append(Row((), BLOCK_GAP))
        if block.title.strip():
            title = Paragraph((Run(block.title.strip(), bold=True),))
            for line in lay_out(title, fonts, SIZE_TITLE, width, clean):
                rows.append(Row(line, SIZE_TITLE * LEADING, title=True))
        for number, paragraph in enumerate(parse_markup(block.body)):
            if number:
                rows.append(Row((), PARAGRAPH_GAP))
            for line in lay_out(paragraph, fonts, SIZE_BODY, width, clean):
                rows.append(Row(line, SIZE_BODY * LEADING))
    return rows


class MessageBlocks(Flowable):
    """The blocks of ``slot``; ``rows`` is given to the parts of a split."""

    def __init__(
        self,
        theme: Theme,
        slot: str,
        blocks: Sequence[MessageBlock] = (),
        rows: list[Row] | None = None,
    ):
        super().__init__()
        self.theme, self.slot, self.blocks, self.rows = theme, slot, tuple(blocks), rows
        self.banner = slot == "top_banner"
        self.inset = PAD if self.banner else 0.0
        # The banner's text keeps clear of the accent bar on its left edge.
        self.indent = self.inset + 1.5 * mm if self.banner else 0.0
        self.content = 0.0

    def _prepare(self, width: float) -> None:
        if self.rows is None:
            self.rows = _rows(self.theme, self.blocks, width - self.indent - self.inset)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self._prepare(available_width)
        self.width = available_width
        self.content = sum(row.height for row in self.rows) + 2 * self.inset + 1 * mm
        # The footer slot takes the rest of the page and prints at its foot.
        fits = self.content <= available_height
        self.height = available_height if self.slot == "footer" and fits else self.content
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        self._prepare(available_width)
        room = available_height - 2 * self.inset - 1 * mm
        used, fit = 0.0, 0
        for row in self.rows:
            if used + row.height > room:
                break
            used += row.height
            fit += 1
        # Never a title or a gap last on a page: they belong with the line that follows.
        while fit and (self.rows[fit - 1].title or not self.rows[fit - 1].pieces):
            fit -= 1
        if fit == 0 or fit >= len(self.rows):
            return []
        rest = self.rows[fit:]
        while rest and not rest[0].pieces and not rest[0].title:
            rest = rest[1:]
        logger.debug(
            "message blocks of %s split after %d of %d rows", self.slot, fit, len(self.rows)
        )
        return [
            MessageBlocks(self.theme, self.slot, self.blocks, self.rows[:fit]),
            MessageBlocks(self.theme, self.slot, self.blocks, rest),
        ]

    def draw(self) -> None:
        theme, canvas = self.theme, self.canv
        bottom = self.height - self.content
        if self.banner:
            canvas.setFillColor(theme.tint)
            canvas.roundRect(0, bottom, self.width, self.content, 1.5 * mm, stroke=0, fill=1)
            canvas.setFillColor(theme.accent)
            canvas.rect(0, bottom, 1.2 * mm, self.content, stroke=0, fill=1)
        elif self.slot == "footer":
            rule(canvas, 0, self.width, self.height - 0.5 * mm, theme.accent, 0.6)
        pen = Pen(canvas)
        y = self.height - self.inset - (1 * mm if self.slot == "footer" else 0)
        for row in self.rows:
            y -= row.height
            if row.pieces:
                self._line(pen, row, y + row.height - (SIZE_TITLE if row.title else SIZE_BODY))
        pen.close()

    def _line(self, pen: Pen, row: Row, baseline: float) -> None:
        theme = self.theme
        size = SIZE_TITLE if row.title else SIZE_BODY
        x = self.indent
        for piece in row.pieces:
            colour = theme.accent if row.title else theme.primary if piece.href else INK
            pen.write(x, baseline, piece.text, piece.font, size, colour)
            if piece.href and piece.text.strip():
                rule(pen, x, x + piece.width, baseline - 1.2, theme.primary, 0.4)
                box = (x, baseline - 0.25 * size, x + piece.width, baseline + 0.8 * size)
                self.canv.linkURL(piece.href, box, relative=1, thickness=0)
            x += piece.width
