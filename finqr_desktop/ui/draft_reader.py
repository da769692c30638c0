"""Reading the invoice editor's texts into a draft, its problems and its live totals.

No Qt here: the editor hands over what is typed, this returns what it means. Numbers are
read strictly in the clerk's locale; text that is not a number is a problem on its field
and leaves the totals unknown, it never silently counts as zero. An empty field counts as
zero for the live totals but is still a problem when the draft is saved.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from ..domain.errors import Problem
from ..domain.invoice import DraftLine, InvoiceDraft, check_draft
from ..domain.money import MoneyError, parse_decimal_text
from ..domain.number_text import parse_decimal_input
from ..domain.totals import Totals
from ..domain.vat import VatError, VatTable
from .message_text import error_text, localized

ZERO = Decimal(0)


@dataclass(frozen=True)
class LineTexts:
    description: str = ""
    quantity: str = "1"
    unit: str = ""
    unit_price: str = ""
    discount_percent: str = ""
    vat_code: str = "25"


@dataclass
class Reading:
    draft: InvoiceDraft
    problems: list[Problem] = field(default_factory=list)
    unreadable: set[str] = field(default_factory=set)  # fields whose text is not a number
    totals: Totals | None = None

    def message(self, name: str) -> str:
        return "\n".join(localized(p.message) for p in self.problems if p.field == name)


class _Reader:
    def __init__(self, locale: str):
        self.locale = locale
        self.problems: list[Problem] = []
        self.unreadable: set[str] = set()

    def number(self, text: str, name: str, *, required: str | None = None) -> Decimal:
        if not text.strip():
            if required:
                self.problems.append(Problem(name, required))
            return ZERO
        try:
            # The second step bounds the size, so no later sum can overflow.
            return parse_decimal_text(parse_decimal_input(text, self.locale))
        except ValueError as exc:
            self.problems.append(Problem(name, error_text(exc)))
            self.unreadable.add(name)
            return ZERO


def read_draft(
    header: InvoiceDraft,
    discount_text: str,
    lines: list[LineTexts],
    table: VatTable,
    locale: str,
    *,
    for_issue: bool = False,
) -> Reading:
    """``header`` carries everything but the lines and the discount, which are read here."""
    reader = _Reader(locale)
    discount = reader.number(discount_text, "invoice_discount")
    draft_lines = []
    for index, texts in enumerate(lines):
        draft_lines.append(_line(reader, texts, f"lines[{index}]", table, header))
    draft = replace(header, lines=draft_lines, invoice_discount=discount)

    problems = list(reader.problems)
    named = {p.field for p in problems}
    for problem in check_draft(draft, for_issue=for_issue):
        if problem.field not in named:
            problems.append(problem)
    reading = Reading(draft, problems, reader.unreadable)
    if reader.unreadable:
        return reading
    try:
        reading.totals = draft.totals()
    except MoneyError as exc:
        if not any(p.field == "invoice_discount" for p in problems):
            problems.append(Problem("invoice_discount", error_text(exc)))
    return reading


def _line(reader: _Reader, texts: LineTexts, place: str, table: VatTable, header) -> DraftLine:
    quantity = reader.number(texts.quantity, f"{place}.quantity", required="enter a quantity")
    price = reader.number(texts.unit_price, f"{place}.unit_price", required="enter a unit price")
    discount = reader.number(texts.discount_percent, f"{place}.discount_percent")
    try:
        rate = table.lookup(texts.vat_code, header.issue_date)
    except VatError as exc:
        reader.problems.append(Problem(f"{place}.vat_rate", error_text(exc)))
        reader.unreadable.add(f"{place}.vat_rate")
        rate = table.rates(header.issue_date)[0]
    # An unreadable quantity stands in as 1 so the draft check does not add "zero" to it.
    if f"{place}.quantity" in reader.unreadable:
        quantity = Decimal(1)
    return DraftLine(
        description=texts.description,
        quantity=quantity,
        unit_price=price,
        rate=rate,
        unit=texts.unit.strip(),
        discount_percent=discount,
    )
