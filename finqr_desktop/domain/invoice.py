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
from .messages import error_message, msg
from .money import MoneyError, currency_exponent
from .text_rules import text_problem
from .totals import LineInput, Totals, compute_totals
from .vat import VatRate

MAX_DESCRIPTION = 2000
MAX_QUANTITY = Decimal("1000000000")
MAX_UNIT_PRICE = Decimal("1000000000")
# A line or invoice above a thousand billion is a typing mistake; the cap also keeps every
# sum in minor units far inside a 64-bit database column.
MAX_AMOUNT = Decimal("1000000000000")
FIRST_YEAR, LAST_YEAR = 1990, 2199


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
    problems = field_problems(draft, for_issue=for_issue)
    if not problems and (draft.lines or draft.invoice_discount):
        problems.extend(_totals_problems(draft, for_issue))
    return problems


def field_problems(draft: InvoiceDraft, *, for_issue: bool = False) -> list[Problem]:
    """The problems of the draft's fields one by one, without the checks of its totals.

    A reader that could not read some values puts stand-ins there and reports these beside
    its own, so a file hears of all its mistakes at once; its totals would be made of the
    stand-ins, so they wait until everything reads. With an unknown currency the decimals
    of amounts cannot be judged and are left for the next round.
    """
    problems: list[Problem] = []
    try:
        exponent: int | None = currency_exponent(draft.currency)
    except MoneyError as exc:
        problems.append(Problem("currency", error_message(exc)))
        exponent = None

    if not draft.customer_number:
        problems.append(Problem("customer", msg("choose a customer")))
    for name in ("issue_date", "delivery_date", "due_date"):
        day = getattr(draft, name)
        if day is not None and not FIRST_YEAR <= day.year <= LAST_YEAR:
            problems.append(
                Problem(
                    name,
                    msg("must be between {first} and {last}", first=FIRST_YEAR, last=LAST_YEAR),
                )
            )
    if draft.due_date and draft.due_date < draft.issue_date:
        problems.append(Problem("due_date", msg("the due date is before the issue date")))
    problems.extend(_check_discount(draft, exponent))
    for name in ("our_reference", "your_reference", "notes"):
        why = text_problem(getattr(draft, name), multiline=name == "notes")
        if why:
            problems.append(Problem(name, why))
    if for_issue and not draft.lines:
        problems.append(Problem("lines", msg("an invoice needs at least one line")))

    for index, line in enumerate(draft.lines):
        problems.extend(_check_line(line, f"lines[{index}]", exponent, draft.currency))
    return problems


def _totals_problems(draft: InvoiceDraft, for_issue: bool) -> list[Problem]:
    try:
        totals = draft.totals()
    except MoneyError as exc:
        return [Problem("invoice_discount", error_message(exc))]
    return _check_total(totals.total, for_issue)


def _check_discount(draft: InvoiceDraft, exponent: int | None) -> list[Problem]:
    discount = draft.invoice_discount
    if discount < 0:
        return [Problem("invoice_discount", msg("a discount cannot be negative"))]
    if discount >= MAX_AMOUNT:
        return [Problem("invoice_discount", msg("the discount is unreasonably large"))]
    if exponent is not None and _decimals(discount) > exponent:
        return [Problem("invoice_discount", _too_many_decimals(exponent, draft.currency))]
    return []


def _check_total(total: Decimal, for_issue: bool) -> list[Problem]:
    if abs(total) >= MAX_AMOUNT:
        return [Problem("lines", msg("the invoice total is unreasonably large"))]
    if for_issue and total < 0:
        return [
            Problem("lines", msg("the invoice total is negative; issue a credit note instead"))
        ]
    if for_issue and total == 0:
        # A zero invoice would show as paid at once although nobody paid anything.
        return [Problem("lines", msg("the invoice total is zero: there is nothing to invoice"))]
    return []


def _too_many_decimals(exponent: int, currency: str) -> str:
    return msg(
        "more than {exponent} decimals for {currency}", exponent=exponent, currency=currency
    )


# Reverse charge and intra-EU supply shift the VAT to the buyer, whose VAT number the
# invoice must then print (mervärdesskattelagen 17 kap. 24 §); without it the invoice is wrong.
NEEDS_BUYER_VAT_NUMBER = {"AE": msg("reverse charge"), "K": msg("an intra-EU supply")}


def buyer_problems(draft: InvoiceDraft, buyer_vat_number: str) -> list[Problem]:
    """What the buyer's details lack for this invoice's VAT; checked when issuing."""
    if buyer_vat_number.strip():
        return []
    for index, line in enumerate(draft.lines):
        what = NEEDS_BUYER_VAT_NUMBER.get(line.rate.category)
        if what:
            message = msg(
                "line {line} is {what}, which needs the customer's VAT number: add it to "
                "customer {customer}",
                line=index + 1,
                what=what,
                customer=draft.customer_number,
            )
            return [Problem("customer", message)]
    return []


def require_valid(
    draft: InvoiceDraft, *, for_issue: bool = False, buyer_vat_number: str | None = None
) -> None:
    """Raise every problem; with ``buyer_vat_number`` the buyer's details are checked too."""
    problems = check_draft(draft, for_issue=for_issue)
    if buyer_vat_number is not None:
        problems += buyer_problems(draft, buyer_vat_number)
    if problems:
        raise ValidationFailed(problems)


def _check_line(line: DraftLine, place: str, exponent: int | None, currency: str) -> list[Problem]:
    problems = []
    if not line.description.strip():
        problems.append(Problem(f"{place}.description", msg("a line needs a description")))
    elif len(line.description) > MAX_DESCRIPTION:
        problems.append(
            Problem(
                f"{place}.description",
                msg("longer than {most} characters", most=MAX_DESCRIPTION),
            )
        )
    elif why := text_problem(line.description, multiline=True):
        problems.append(Problem(f"{place}.description", why))
    if why := text_problem(line.unit):
        problems.append(Problem(f"{place}.unit", why))
    if line.quantity == 0:
        problems.append(Problem(f"{place}.quantity", msg("the quantity is zero")))
    elif abs(line.quantity) >= MAX_QUANTITY:
        problems.append(Problem(f"{place}.quantity", msg("the quantity is unreasonably large")))
    elif _decimals(line.quantity) > 4:
        problems.append(Problem(f"{place}.quantity", msg("at most 4 decimals")))
    if abs(line.unit_price) >= MAX_UNIT_PRICE:
        problems.append(Problem(f"{place}.unit_price", msg("the price is unreasonably large")))
    elif exponent is not None and _decimals(line.unit_price) > exponent:
        problems.append(Problem(f"{place}.unit_price", _too_many_decimals(exponent, currency)))
    if not Decimal(0) <= line.discount_percent <= Decimal(100):
        problems.append(Problem(f"{place}.discount_percent", msg("must be between 0 and 100")))
    elif _decimals(line.discount_percent) > 2:
        problems.append(Problem(f"{place}.discount_percent", msg("at most 2 decimals")))
    if not problems and abs(line.quantity * line.unit_price) >= MAX_AMOUNT:
        problems.append(Problem(f"{place}.quantity", msg("the line amount is unreasonably large")))
    return problems


def _decimals(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0
