"""Invoice drafts from plain data: the `finqr invoice create --json` format and the editor."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from sqlalchemy.orm import Session

from ..domain.errors import Problem, ValidationFailed
from ..domain.invoice import DraftLine, InvoiceDraft, check_draft, field_problems
from ..domain.messages import error_message, msg
from ..domain.vat import VatError, VatTable
from .customers import find_customer
from .inputs import Fields, only_new_fields
from .vat_rates import vat_table

# In the order the README lists them, which is the order problems are reported in.
DRAFT_KEYS = (
    "customer", "currency", "issue_date", "delivery_date", "due_date", "payment_terms",
    "prices_include_vat", "round_to_whole", "invoice_discount", "our_reference",
    "your_reference", "notes", "lines",
)  # fmt: skip
LINE_KEYS = ("description", "quantity", "unit", "unit_price", "vat_rate", "discount_percent")
DRAFT_FIELDS = set(DRAFT_KEYS)
LINE_FIELDS = set(LINE_KEYS)
_HEADER_ORDER = {key: index for index, key in enumerate(DRAFT_KEYS)}
_LINE_ORDER = {key: index for index, key in enumerate(LINE_KEYS)}
_LINE_PLACE = re.compile(r"lines\[(?P<index>\d+)\]\.?(?P<key>.*)")


def draft_from_data(
    session: Session, data: object, *, today: dt.date | None = None
) -> tuple[InvoiceDraft, str | None]:
    """Parse and check a draft; return it with its payment terms text (None = customer's).

    Raises ValidationFailed with every problem, each naming its field (``lines[2].quantity``).
    """
    fields = Fields(data)
    fields.reject_unknown(DRAFT_FIELDS)
    customer_number = fields.text("customer", required=True, max_len=40, whole_number=True)
    customer = find_customer(session, customer_number) if customer_number else None
    if customer_number and customer is None:
        fields.fail(
            "customer", msg("no customer with number {number}", number=repr(customer_number))
        )

    issue_date = fields.date("issue_date", today or dt.date.today())
    currency = fields.text("currency", customer.currency if customer else "SEK", max_len=3)
    terms = fields.terms("payment_terms", None) if fields.has("payment_terms") else None
    draft = InvoiceDraft(
        customer_number=customer_number,
        currency=currency.upper(),
        issue_date=issue_date,
        delivery_date=fields.date("delivery_date"),
        due_date=fields.date("due_date"),
        prices_include_vat=fields.flag("prices_include_vat"),
        round_to_whole=fields.flag("round_to_whole"),
        invoice_discount=fields.decimal("invoice_discount", Decimal(0)),
        our_reference=fields.text("our_reference"),
        your_reference=fields.text("your_reference"),
        notes=fields.text("notes", max_len=4000, multiline=True),
    )
    problems = list(fields.problems)

    raw_lines = fields.data.get("lines", [])
    if not isinstance(raw_lines, list):
        problems.append(Problem("lines", msg("expected a list of lines")))
        raw_lines = []
    table = vat_table(session)
    for index, raw in enumerate(raw_lines):
        line, line_problems = _read_line(raw, f"lines[{index}].", table, issue_date)
        problems.extend(line_problems)
        draft.lines.append(line)

    # The draft's rules run in the same round as the reading, on what could be read (a
    # value that could not keeps its reading problem only): one round names every mistake.
    if problems:
        problems += only_new_fields(problems, field_problems(draft))
    else:
        problems = check_draft(draft)
    if problems:
        raise ValidationFailed(in_file_order(problems))
    return draft, (str(terms) if terms else None)


def in_file_order(problems: list[Problem]) -> list[Problem]:
    """The problems as the draft's format lists its keys: the header, then line by line."""

    def place(problem: Problem) -> tuple[int, int, int]:
        line = _LINE_PLACE.match(problem.field)
        if line:
            return (1, int(line["index"]), _LINE_ORDER.get(line["key"], len(_LINE_ORDER)))
        return (0, _HEADER_ORDER.get(problem.field, len(_HEADER_ORDER)), 0)

    return sorted(problems, key=place)


def line_from_data(
    raw: object, prefix: str, table: VatTable, day: dt.date
) -> tuple[DraftLine | None, list[Problem]]:
    """One line, or None with the problems of reading it."""
    line, problems = _read_line(raw, prefix, table, day)
    return (None, problems) if problems else (line, [])


def _read_line(
    raw: object, prefix: str, table: VatTable, day: dt.date
) -> tuple[DraftLine, list[Problem]]:
    """The line with stand-ins where a value could not be read (quantity 1, price and
    discount 0, the first rate in force: values the draft's rules take without a word, so a
    field is never blamed twice), and the problems of reading it."""
    fields = Fields(raw, prefix=prefix)
    fields.reject_unknown(LINE_FIELDS)
    description = fields.text("description", required=True, max_len=2000, multiline=True)
    unit = fields.text("unit", max_len=20)
    quantity = fields.decimal("quantity", Decimal(1), required=True)
    unit_price = fields.decimal("unit_price", Decimal(0), required=True)
    discount = fields.decimal("discount_percent", Decimal(0))
    rate = None
    code = fields.data.get("vat_rate")
    if code is None or code == "":
        fields.fail("vat_rate", msg('is required (for example "25")'))
    elif isinstance(code, float):
        fields.fail("vat_rate", msg('write the rate as a string, for example "25"'))
    else:
        try:
            rate = table.lookup(str(code), day)
        except VatError as exc:
            fields.fail("vat_rate", error_message(exc))
    line = DraftLine(
        description=description,
        quantity=quantity,
        unit_price=unit_price,
        rate=rate or table.rates(day)[0],
        unit=unit,
        discount_percent=discount,
    )
    return line, fields.problems
