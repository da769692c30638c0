"""Invoice drafts and their lines, as the clerk writes them, with validation.

A draft holds what the clerk typed; totals are always computed from it (``totals()``), so a
draft can never disagree with its own figures. Issued invoices live in storage and are
immutable; changing one takes a credit note (see ``credit``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from .errors import Problem, ValidationFailed
from .money import MoneyError, currency_exponent
from .totals import LineInput, Totals, compute_totals
from .vat import VatRate

MAX_DESCRIPTION = 2000
MAX_QUANTITY = Decimal("1000000000")
MAX_UNIT_PRICE = Decimal("1000000000")


@dataclass
class DraftLine:
    description: str
    quantity: Decimal
    unit_price: Decimal
    rate: VatRate
    unit: str = ""
    discount_percent: Decimal = Decimal(0)

    def as_input(self) -> LineInput:
        return LineInput(self.quantity, self.unit_price, self.rate, self.discount_percent)


@dataclass
class InvoiceDraft:
    customer_number: str
    currency: str
    issue_date: dt.date
    lines: list[DraftLine] = field(default_factory=list)
    delivery_date: dt.date | None = None
    due_date: dt.date | None = None
    prices_include_vat: bool = False
    round_to_whole: bool = False
    invoice_discount: Decimal = Decimal(0)
    our_reference: str = ""
    your_reference: str = ""
    notes: str = ""

    def totals(self) -> Totals:
        return compute_totals(
            [line.as_input() for line in self.lines],
            self.currency,
            prices_include_vat=self.prices_include_vat,
            invoice_discount=self.invoice_discount,
            round_to_whole=self.round_to_whole,
        )


def check_draft(draft: InvoiceDraft, *, for_issue: bool = False) -> list[Problem]:
    """Every problem in a draft. A draft may be saved incomplete; issuing needs it whole."""
    problems: list[Problem] = []
    try:
        exponent = currency_exponent(draft.currency)
    except MoneyError as exc:
        return [Problem("currency", str(exc))]

    if not draft.customer_number:
        problems.append(Problem("customer", "choose a customer"))
    if draft.due_date and draft.due_date < draft.issue_date:
        problems.append(Problem("due_date", "the due date is before the issue date"))
    if draft.invoice_discount < 0:
        problems.append(Problem("invoice_discount", "a discount cannot be negative"))
    if _decimals(draft.invoice_discount) > exponent:
        problems.append(
            Problem("invoice_discount", f"more than {exponent} decimals for {draft.currency}")
        )
    if for_issue and not draft.lines:
        problems.append(Problem("lines", "an invoice needs at least one line"))

    for index, line in enumerate(draft.lines):
        problems.extend(_check_line(line, f"lines[{index}]", exponent, draft.currency))

    if not problems and draft.lines:
        try:
            totals = draft.totals()
        except MoneyError as exc:
            problems.append(Problem("invoice_discount", str(exc)))
        else:
            if for_issue and totals.total < 0:
                problems.append(
                    Problem("lines", "the invoice total is negative; issue a credit note instead")
                )
    return problems


def require_valid(draft: InvoiceDraft, *, for_issue: bool = False) -> None:
    problems = check_draft(draft, for_issue=for_issue)
    if problems:
        raise ValidationFailed(problems)


def _check_line(line: DraftLine, place: str, exponent: int, currency: str) -> list[Problem]:
    problems = []
    if not line.description.strip():
        problems.append(Problem(f"{place}.description", "a line needs a description"))
    elif len(line.description) > MAX_DESCRIPTION:
        problems.append(
            Problem(f"{place}.description", f"longer than {MAX_DESCRIPTION} characters")
        )
    if line.quantity == 0:
        problems.append(Problem(f"{place}.quantity", "the quantity is zero"))
    elif abs(line.quantity) >= MAX_QUANTITY:
        problems.append(Problem(f"{place}.quantity", "the quantity is unreasonably large"))
    elif _decimals(line.quantity) > 4:
        problems.append(Problem(f"{place}.quantity", "at most 4 decimals"))
    if abs(line.unit_price) >= MAX_UNIT_PRICE:
        problems.append(Problem(f"{place}.unit_price", "the price is unreasonably large"))
    elif _decimals(line.unit_price) > exponent:
        problems.append(
            Problem(f"{place}.unit_price", f"more than {exponent} decimals for {currency}")
        )
    if not Decimal(0) <= line.discount_percent <= Decimal(100):
        problems.append(Problem(f"{place}.discount_percent", "must be between 0 and 100"))
    elif _decimals(line.discount_percent) > 2:
        problems.append(Problem(f"{place}.discount_percent", "at most 2 decimals"))
    return problems


def _decimals(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0
