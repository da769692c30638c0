"""What a reminder says: which invoice is late, what is due now and how that sum is made up.

The letter names the invoice by number and dates in a plain sentence; beside it the sum
is built up from what is still to pay, the reminder fee and the late-payment interest
(with its rate and period), ending in the amount due now, which the payment box and its
QR code repeat. Fee and interest rows appear only when they apply.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from .content import Clean, Pairs, reference_label
from .formatting import Formatter
from .layout import LEADING, MUTED, SIZE_BIG, SIZE_BODY, SIZE_SMALL, Pen, Theme, draw, draw_lines
from .model import DocumentData
from .strings import Strings
from .text import wrap

ROW = 5 * mm
BOX = 10 * mm


def reminder_title(data: DocumentData, strings: Strings) -> str:
    level = data.reminder.level if data.reminder else 1
    return strings.get("reminder") if level <= 1 else strings.get("reminder_again", level=level)


def _invoice(data: DocumentData, strings: Strings, fmt: Formatter) -> str:
    late = data.reminder
    return strings.get("credited", number=late.invoice_number, date=fmt.date(late.invoice_date))


def reminder_facts(data: DocumentData, strings: Strings, fmt: Formatter, clean: Clean) -> Pairs:
    get, late, buyer = strings.get, data.reminder, data.buyer
    rows = [
        (get("reminder_date"), fmt.date(data.issue_date)),
        (get("overdue_invoice"), _invoice(data, strings, fmt)),
        (get("invoice_due_date"), fmt.date(late.invoice_due_date)),
        (reference_label(data, strings), data.reference),
        (get("reminder_number"), str(late.level)),
        (get("customer_number"), buyer.customer_number),
        (get("your_reference"), data.your_reference),
        (get("our_reference"), data.our_reference),
    ]
    return tuple((label, clean(value)) for label, value in rows if value and value.strip())


def reminder_highlights(
    data: DocumentData, strings: Strings, fmt: Formatter, clean: Clean
) -> Pairs:
    rows = [
        (strings.get("due_now"), fmt.money(data.due)),
        (strings.get("due_date"), fmt.date(data.due_date)),
    ]
    return tuple((label, clean(value)) for label, value in rows if value)


class ReminderBlock(Flowable):
    """The letter and the sum due now; kept whole, like the totals of an invoice."""

    def __init__(self, theme: Theme, strings: Strings, formatter: Formatter, data: DocumentData):
        super().__init__()
        self.theme, self.strings, self.fmt, self.data = theme, strings, formatter, data
        self.letter: list[str] = []
        self.rows = self._rows()

    def _sentences(self) -> str:
        get, fmt, data, late = self.strings.get, self.fmt, self.data, self.data.reminder
        number = self.theme.clean(late.invoice_number)
        if late.invoice_due_date:
            intro = get(
                "reminder_intro",
                number=number,
                date=fmt.date(late.invoice_date),
                due_date=fmt.date(late.invoice_due_date),
            )
        else:
            intro = get("reminder_intro_undated", number=number, date=fmt.date(late.invoice_date))
        key = "reminder_request" if late.level <= 1 else "reminder_request_again"
        request = get(
            key, level=late.level, amount=fmt.money(data.due), due_date=fmt.date(data.due_date)
        )
        return f"{intro} {request}"

    def _rows(self) -> list[tuple[str, str, str]]:
        """(label, detail, amount) from the invoice's total down to the interest."""
        get, fmt, late = self.strings.get, self.fmt, self.data.reminder
        rows = [(get("invoice_total"), "", fmt.money(late.invoice_total))]
        rows.append((get("remaining"), "", fmt.money(late.remaining)))
        if late.fee:
            rows.append((get("reminder_fee"), "", fmt.money(late.fee)))
        if late.compensation:
            rows.append(
                (get("compensation"), get("compensation_law"), fmt.money(late.compensation))
            )
        if late.interest:
            detail = ""
            if late.interest_from and late.interest_until:
                detail = get(
                    "interest_period",
                    rate=fmt.percent(late.interest_rate),
                    start=fmt.date(late.interest_from),
                    end=fmt.date(late.interest_until),
                )
            rows.append((get("interest"), detail, fmt.money(late.interest)))
        return rows

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.letter = wrap(
            self._sentences(), self.theme.regular, SIZE_BODY + 0.5, available_width * 0.5
        )
        letter = len(self.letter) * (SIZE_BODY + 0.5) * LEADING
        details = sum(1 for _, detail, _ in self.rows if detail)
        figures = ROW * len(self.rows) + details * SIZE_SMALL * LEADING + BOX + 2 * mm
        self.height = max(letter, figures)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        theme, pen = self.theme, Pen(self.canv)
        size = SIZE_BODY + 0.5
        draw_lines(pen, 0, self.height - size, self.letter, theme.regular, size)
        left, right = self.width * 0.56, self.width
        top = self.height
        for label, detail, amount in self.rows:
            y = top - ROW + 1.6 * mm
            draw(pen, left + 3 * mm, y, label, theme.regular, SIZE_BODY, MUTED)
            draw(pen, right - 3 * mm, y, amount, theme.regular, SIZE_BODY, align="right")
            top -= ROW
            if detail:
                draw(
                    pen,
                    left + 3 * mm,
                    top + 1.6 * mm - SIZE_SMALL * LEADING,
                    detail,
                    theme.italic,
                    SIZE_SMALL,
                    MUTED,
                )
                top -= SIZE_SMALL * LEADING
        pen.setFillColor(theme.primary)
        pen.roundRect(left, top - BOX - 1 * mm, right - left, BOX, 1.5 * mm, stroke=0, fill=1)
        baseline = top - 1 * mm - BOX / 2 - SIZE_BIG * 0.35
        due = self.fmt.money(self.data.due)
        draw(
            pen,
            left + 3 * mm,
            baseline,
            self.strings.get("due_now"),
            theme.bold,
            SIZE_BODY + 1,
            theme.tint,
        )
        draw(pen, right - 3 * mm, baseline, due, theme.bold, SIZE_BIG, theme.tint, "right")
        pen.close()
