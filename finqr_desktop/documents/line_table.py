"""The invoice lines as one flowable that breaks across pages by itself.

Every part starts with the column header. Rows move to the next page whole, except a row
taller than a whole page, which is cut between two lines of its description so nothing
is lost; the figures stay with the first part. Text is wrapped once, when the table first
learns its width, so a 500-line invoice is measured in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from .formatting import Formatter
from .layout import LEADING, MUTED, RULE, SIZE_BODY, SIZE_LABEL, Pen, Theme, draw, rule
from .model import Line
from .strings import Strings
from .text import one_line, wrap

PAD = 1.1 * mm
HEADER_HEIGHT = 7 * mm
LINE_HEIGHT = SIZE_BODY * LEADING
# Figure columns: key, width in mm. The description takes what is left.
_FIGURES = (
    ("quantity", 16),
    ("unit", 12),
    ("unit_price", 24),
    ("discount", 15),
    ("vat_percent", 13),
    ("amount", 26),
)


@dataclass(frozen=True)
class Row:
    """A line as drawn: wrapped description and formatted figures (none on continuations)."""

    text: tuple[str, ...]
    figures: tuple[str, ...]

    @property
    def height(self) -> float:
        return max(1, len(self.text)) * LINE_HEIGHT + 2 * PAD


class LineTable(Flowable):
    def __init__(
        self,
        theme: Theme,
        strings: Strings,
        formatter: Formatter,
        lines: tuple[Line, ...],
        page_body: float,
        rows: list[Row] | None = None,
        *,
        gross: bool = False,
    ):
        super().__init__()
        self.theme = theme
        self.strings = strings
        self.formatter = formatter
        self.source = lines
        # The tallest part a page can hold; only rows taller than this are cut.
        self.page_body = page_body
        self.keys = [key for key, _ in _FIGURES if key != "discount" or _any_discount(lines)]
        self.rows = rows
        self.gross = gross
        self.widths: list[float] = []

    def _layout(self, width: float) -> None:
        figures = [w * mm for key, w in _FIGURES if key in self.keys]
        self.widths = [width - sum(figures), *figures]
        if self.rows is None:
            self.rows = [self._row(line) for line in self.source]

    def _row(self, line: Line) -> Row:
        theme, fmt = self.theme, self.formatter
        text = wrap(
            theme.clean(line.description, multiline=True),
            theme.regular,
            SIZE_BODY,
            self.widths[0] - 3 * mm,
        )
        values = {
            "quantity": fmt.quantity(line.quantity),
            "unit": one_line(theme.clean(line.unit), theme.regular, SIZE_BODY, 11 * mm),
            "unit_price": fmt.number(line.unit_price),
            "discount": fmt.percent(line.discount_percent) if line.discount_percent else "",
            "vat_percent": fmt.percent(line.vat_percent),
            "amount": fmt.number(line.amount),
        }
        return Row(tuple(text), tuple(values[key] for key in self.keys))

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if not self.widths:
            self._layout(available_width)
        self.height = HEADER_HEIGHT + sum(row.height for row in self.rows)
        return available_width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        if not self.widths:
            self._layout(available_width)
        room = available_height - HEADER_HEIGHT
        used = 0.0
        for index, row in enumerate(self.rows):
            if used + row.height <= room:
                used += row.height
                continue
            if row.height <= self.page_body - HEADER_HEIGHT:
                # It fits on a page of its own: move it (and what follows) whole.
                return (
                    [self._part(self.rows[:index]), self._part(self.rows[index:])] if index else []
                )
            fit = int((room - used - 2 * PAD) // LINE_HEIGHT)
            if fit < 1:
                return (
                    [self._part(self.rows[:index]), self._part(self.rows[index:])] if index else []
                )
            head = Row(row.text[:fit], row.figures)
            tail = Row(row.text[fit:], ())
            return [
                self._part([*self.rows[:index], head]),
                self._part([tail, *self.rows[index + 1 :]]),
            ]
        return [self]

    def _part(self, rows: list[Row]) -> LineTable:
        part = LineTable(
            self.theme,
            self.strings,
            self.formatter,
            self.source,
            self.page_body,
            rows,
            gross=self.gross,
        )
        part.keys, part.widths = self.keys, self.widths
        return part

    def draw(self) -> None:
        canvas, theme = Pen(self.canv), self.theme
        edges = [0.0]
        for width in self.widths:
            edges.append(edges[-1] + width)
        right = edges[-1]

        y = self.height - HEADER_HEIGHT + 2.2 * mm
        heading = self.strings.get("description").upper()
        if self.gross:
            # Said once in the header rather than in every figure column: they are narrow.
            heading += f" ({self.strings.get('prices_include_vat').upper()})"
        heading = one_line(heading, theme.bold, SIZE_LABEL, self.widths[0] - 2 * mm)
        draw(canvas, 0, y, heading, theme.bold, SIZE_LABEL, theme.primary)
        for index, key in enumerate(self.keys, start=1):
            label = self.strings.get(key).upper()
            align_x = edges[index + 1] if key != "unit" else edges[index] + 2 * mm
            draw(
                canvas,
                align_x,
                y,
                label,
                theme.bold,
                SIZE_LABEL,
                theme.primary,
                "left" if key == "unit" else "right",
            )
        top = self.height - HEADER_HEIGHT
        rule(canvas, 0, right, top, theme.primary, 0.8)

        for row in self.rows:
            baseline = top - PAD - SIZE_BODY
            line_y = baseline
            for text in row.text:
                draw(canvas, 0, line_y, text, theme.regular, SIZE_BODY)
                line_y -= LINE_HEIGHT
            for index, value in enumerate(row.figures, start=1):
                key = self.keys[index - 1]
                if key == "unit":
                    draw(
                        canvas,
                        edges[index] + 2 * mm,
                        baseline,
                        value,
                        theme.regular,
                        SIZE_BODY,
                        MUTED,
                    )
                else:
                    font = theme.bold if key == "amount" else theme.regular
                    draw(canvas, edges[index + 1], baseline, value, font, SIZE_BODY, align="right")
            top -= row.height
            rule(canvas, 0, right, top, RULE, 0.4)
        canvas.close()


def _any_discount(lines: tuple[Line, ...]) -> bool:
    return any(line.discount_percent for line in lines)
