"""A table of one-line rows that breaks across pages, its header repeated on each part.

Drawn like the invoice's line table (``line_table``): the brand colour for the header and
its rule, hairlines between rows, figures right-aligned. Reports have short cells (dates,
numbers, amounts), so each cell is one line and a text too wide ends in an ellipsis; the
one flexible column takes the width the fixed ones leave.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from .layout import LEADING, RULE, SIZE_BODY, SIZE_LABEL, Pen, Theme, draw, rule
from .text import one_line

PAD = 1.1 * mm
HEADER_HEIGHT = 7 * mm
ROW_HEIGHT = SIZE_BODY * LEADING + 2 * PAD


@dataclass(frozen=True)
class Column:
    label: str
    # Width in mm; None takes what the others leave.
    width: float | None = None
    align: str = "left"


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]
    # A sum or balance row: bold, on the brand's tint.
    emphasis: bool = False


class ReportTable(Flowable):
    def __init__(self, theme: Theme, columns: tuple[Column, ...], rows: tuple[Row, ...]):
        super().__init__()
        self.theme = theme
        self.columns = columns
        self.rows = rows

    def _widths(self, width: float) -> list[float]:
        fixed = sum(c.width * mm for c in self.columns if c.width is not None)
        flexible = max(width - fixed, 20 * mm)
        return [c.width * mm if c.width is not None else flexible for c in self.columns]

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = HEADER_HEIGHT + ROW_HEIGHT * len(self.rows)
        return available_width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        fit = int((available_height - HEADER_HEIGHT) // ROW_HEIGHT)
        if fit < 1 or fit >= len(self.rows):
            return [] if fit < 1 else [self]
        return [
            ReportTable(self.theme, self.columns, self.rows[:fit]),
            ReportTable(self.theme, self.columns, self.rows[fit:]),
        ]

    def draw(self) -> None:
        canvas, theme = Pen(self.canv), self.theme
        widths = self._widths(self.width)
        edges = [0.0]
        for width in widths:
            edges.append(edges[-1] + width)
        right = edges[-1]

        y = self.height - HEADER_HEIGHT + 2.2 * mm
        for index, column in enumerate(self.columns):
            label = one_line(column.label.upper(), theme.bold, SIZE_LABEL, widths[index] - mm)
            x = edges[index + 1] if column.align == "right" else edges[index]
            draw(canvas, x, y, label, theme.bold, SIZE_LABEL, theme.primary, column.align)
        top = self.height - HEADER_HEIGHT
        rule(canvas, 0, right, top, theme.primary, 0.8)

        for row in self.rows:
            if row.emphasis:
                canvas.setFillColor(theme.tint)
                canvas.rect(0, top - ROW_HEIGHT, right, ROW_HEIGHT, stroke=0, fill=1)
            baseline = top - PAD - SIZE_BODY
            font = theme.bold if row.emphasis else theme.regular
            for index, column in enumerate(self.columns):
                text = theme.clean(row.cells[index]) if index < len(row.cells) else ""
                text = one_line(text, font, SIZE_BODY, widths[index] - 1.5 * mm)
                x = edges[index + 1] if column.align == "right" else edges[index]
                draw(canvas, x, baseline, text, font, SIZE_BODY, align=column.align)
            top -= ROW_HEIGHT
            rule(canvas, 0, right, top, RULE, 0.4)
        canvas.close()
