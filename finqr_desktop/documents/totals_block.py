"""The VAT summary per rate beside the totals, kept on one page as a single block.

The VAT law asks for the taxable amount and the VAT per rate, and for the exemption or
reverse-charge wording where it applies; those notes sit under the summary, in full.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from .formatting import Formatter
from .layout import (
    LEADING,
    MUTED,
    RULE,
    SIZE_BIG,
    SIZE_BODY,
    SIZE_LABEL,
    SIZE_SMALL,
    Pen,
    Theme,
    draw,
    draw_lines,
    rule,
)
from .model import DocumentData
from .strings import Strings
from .text import fit_lines, wrap

ROW = 5 * mm
NOTE_LINES = 4


class TotalsBlock(Flowable):
    """Never split: a total on one page and its VAT on the next would be unreadable."""

    def __init__(self, theme: Theme, strings: Strings, formatter: Formatter, data: DocumentData):
        super().__init__()
        self.theme, self.strings, self.fmt, self.data = theme, strings, formatter, data
        self.notes: list[str] = []
        self.totals = self._totals()

    def _totals(self) -> list[tuple[str, str]]:
        data, get, money = self.data, self.strings.get, self.fmt.money
        rows = []
        if data.invoice_discount:
            rows.append((get("invoice_discount"), money(-abs(data.invoice_discount))))
        rows.append((get("net_total"), money(data.net_total)))
        rows.append((get("vat_total"), money(data.vat_total)))
        if data.rounding:
            rows.append((get("rounding"), money(data.rounding)))
        return rows

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        theme = self.theme
        self.width = available_width
        width = available_width * 0.5
        self.notes = []
        for row in self.data.vat_rows:
            if row.note:
                lines = wrap(
                    theme.clean(row.note, multiline=True), theme.italic, SIZE_SMALL, width
                )
                self.notes += fit_lines(lines, NOTE_LINES, theme.italic, SIZE_SMALL, width)
        summary = ROW * (1 + len(self.data.vat_rows)) + len(self.notes) * SIZE_SMALL * LEADING
        totals = ROW * len(self.totals) + 11 * mm
        self.height = max(summary + 3 * mm, totals)
        return available_width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        self.pen = Pen(self.canv)
        self._summary(0, self.width * 0.5)
        self._figures(self.width * 0.56, self.width)
        self.pen.close()

    def _summary(self, left: float, right: float) -> None:
        canvas, theme, get, fmt = self.pen, self.theme, self.strings.get, self.fmt
        columns = (left + 20 * mm, right - 29 * mm, right)
        y = self.height - ROW + 1.6 * mm
        draw(canvas, left, y, get("vat_rate").upper(), theme.bold, SIZE_LABEL, MUTED)
        draw(
            canvas, columns[1], y, get("vat_base").upper(), theme.bold, SIZE_LABEL, MUTED, "right"
        )
        draw(
            canvas,
            columns[2],
            y,
            get("vat_amount").upper(),
            theme.bold,
            SIZE_LABEL,
            MUTED,
            "right",
        )
        top = self.height - ROW
        rule(canvas, left, right, top, RULE, 0.5)
        for row in self.data.vat_rows:
            y = top - ROW + 1.6 * mm
            draw(canvas, left, y, fmt.percent(row.percent), theme.regular, SIZE_BODY)
            draw(
                canvas, columns[1], y, fmt.money(row.net), theme.regular, SIZE_BODY, align="right"
            )
            draw(
                canvas, columns[2], y, fmt.money(row.vat), theme.regular, SIZE_BODY, align="right"
            )
            top -= ROW
        draw_lines(
            canvas, left, top - SIZE_SMALL - 1.5 * mm, self.notes, theme.italic, SIZE_SMALL, MUTED
        )

    def _figures(self, left: float, right: float) -> None:
        canvas, theme = self.pen, self.theme
        top = self.height
        for label, value in self.totals:
            y = top - ROW + 1.6 * mm
            draw(canvas, left + 3 * mm, y, label, theme.regular, SIZE_BODY, MUTED)
            draw(canvas, right - 3 * mm, y, value, theme.regular, SIZE_BODY, align="right")
            top -= ROW
        box = 10 * mm
        canvas.setFillColor(theme.primary)
        canvas.roundRect(left, top - box - 1 * mm, right - left, box, 1.5 * mm, stroke=0, fill=1)
        label = self.strings.get("credit_total" if self.data.is_credit_note else "amount_due")
        total = self.fmt.money(self.data.total)
        baseline = top - 1 * mm - box / 2 - SIZE_BIG * 0.35
        draw(canvas, left + 3 * mm, baseline, label, theme.bold, SIZE_BODY + 1, theme.tint)
        draw(canvas, right - 3 * mm, baseline, total, theme.bold, SIZE_BIG, theme.tint, "right")
