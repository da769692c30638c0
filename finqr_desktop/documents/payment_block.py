"""The payment box (amount, due date, reference, account, QR code) and the contact box.

They travel together and never split: a payer who turns the page for the bankgiro number
should find the reference beside it. A credit note gets the credited invoice instead of
payment details, and no QR code, since there is nothing to pay.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from .formatting import Formatter
from .layout import (
    LEADING,
    MUTED,
    RULE,
    SIZE_BODY,
    SIZE_LABEL,
    SIZE_SMALL,
    Pen,
    Theme,
    draw,
    draw_lines,
)
from .model import DocumentData
from .qr import draw_qr
from .strings import Strings
from .text import fit_lines, fit_size, one_line, wrap

HEIGHT = 42 * mm
QR_SIZE = 31 * mm
GAP = 4 * mm
ROW = 4.7 * mm
INSET = 4 * mm


class PaymentBlock(Flowable):
    def __init__(
        self,
        theme: Theme,
        strings: Strings,
        formatter: Formatter,
        data: DocumentData,
        payment_rows: list[tuple[str, str]],
        contact_rows: list[tuple[str, str]],
        qr_payload: str | None,
    ):
        super().__init__()
        self.theme, self.strings, self.fmt, self.data = theme, strings, formatter, data
        self.payment_rows = payment_rows
        self.contact_rows = contact_rows
        self.qr_payload = qr_payload

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        # As tall as the QR code needs, or as the longer of the two lists when there is none.
        title = INSET + SIZE_BODY + 6 * mm
        inner = self._contact_width(available_width)
        contact = sum(
            (SIZE_LABEL * LEADING if label else 0) + self._value_height(value, inner) + 1 * mm
            for label, value in self.contact_rows
        )
        needed = title + max(len(self.payment_rows) * ROW, contact) + INSET / 2
        self.width = available_width
        self.height = max(needed, HEIGHT if self.qr_payload else 0)
        return self.width, self.height

    @staticmethod
    def _contact_width(width: float) -> float:
        return width - (width * 0.68 + GAP / 2) - 2 * INSET

    def _value_lines(self, value: str, width: float) -> tuple[float, list[str]]:
        """The size and lines of a contact value: shrunk to fit one line, or, when even the
        smallest size is too wide (the customer's portal address), wrapped at that size
        rather than cut, since an address must be usable whole."""
        font = self.theme.regular
        size = fit_size(value, font, SIZE_BODY, width, SIZE_LABEL)
        if stringWidth(value, font, size) <= width:
            return size, [value]
        return SIZE_LABEL, wrap(value, font, SIZE_LABEL, width)

    def _value_height(self, value: str, width: float) -> float:
        size, lines = self._value_lines(value, width)
        return SIZE_BODY * LEADING + (len(lines) - 1) * size * LEADING

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        self.pen = Pen(self.canv)
        split = self.width * 0.68
        self._box(0, split - GAP / 2)
        self._contact(split + GAP / 2, self.width)
        self.pen.close()

    def _outline(self, left: float, right: float, title: str) -> float:
        canvas, theme = self.pen, self.theme
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.roundRect(left, 0, right - left, self.height, 1.5 * mm, stroke=1, fill=0)
        # The accent colour's one appearance: a short bar marking where to look.
        canvas.setFillColor(theme.accent)
        canvas.rect(left + INSET, self.height - 1.2, 14 * mm, 1.2, stroke=0, fill=1)
        y = self.height - INSET - SIZE_BODY
        room = right - left - 2 * INSET
        size = fit_size(title, theme.bold, SIZE_BODY + 1, room, SIZE_BODY - 1)
        draw(
            canvas,
            left + INSET,
            y,
            one_line(title, theme.bold, size, room),
            theme.bold,
            size,
            theme.primary,
        )
        return y - 6 * mm

    def _box(self, left: float, right: float) -> None:
        canvas, theme, get = self.pen, self.theme, self.strings.get
        y = self._outline(
            left, right, get("credit_note" if self.data.is_credit_note else "payment")
        )
        text_right = right - INSET - (QR_SIZE + 2 * mm if self.qr_payload else 0)
        label_width = 24 * mm
        value_x = left + INSET + label_width
        for label, value in self.payment_rows:
            draw(
                canvas,
                left + INSET,
                y,
                one_line(label, theme.regular, SIZE_SMALL, label_width),
                theme.regular,
                SIZE_SMALL,
                MUTED,
            )
            room = text_right - value_x
            size = fit_size(value, theme.bold, SIZE_BODY, room, SIZE_LABEL)
            draw(canvas, value_x, y, one_line(value, theme.bold, size, room), theme.bold, size)
            y -= ROW
        if self.qr_payload:
            x = right - INSET - QR_SIZE + 2.5 * mm
            bottom = self.height - INSET - QR_SIZE + 2.5 * mm
            draw_qr(canvas, self.qr_payload, x, bottom, QR_SIZE)
            caption = wrap(get("scan_qr"), theme.regular, SIZE_LABEL, QR_SIZE)
            caption = fit_lines(caption, 2, theme.regular, SIZE_LABEL, QR_SIZE)
            draw_lines(
                canvas,
                x + QR_SIZE / 2,
                bottom + 1.2 * mm - SIZE_LABEL,
                caption,
                theme.regular,
                SIZE_LABEL,
                MUTED,
                "centre",
            )

    def _contact(self, left: float, right: float) -> None:
        canvas, theme = self.pen, self.theme
        y = self._outline(left, right, self.strings.get("questions"))
        width = right - left - 2 * INSET
        for label, value in self.contact_rows:
            if label:
                draw(
                    canvas,
                    left + INSET,
                    y,
                    one_line(label, theme.regular, SIZE_LABEL, width),
                    theme.regular,
                    SIZE_LABEL,
                    MUTED,
                )
                y -= SIZE_LABEL * LEADING
            # An e-mail or web address is shrunk to fit rather than cut: it must be usable.
            size, lines = self._value_lines(value, width)
            for index, line in enumerate(lines):
                if index:
                    y -= size * LEADING
                draw(
                    canvas, left + INSET, y, one_line(line, theme.regular, size, width),
                    theme.regular, size,
                )  # fmt: skip
            y -= SIZE_BODY * LEADING + 1 * mm
            if y < INSET:
                break
