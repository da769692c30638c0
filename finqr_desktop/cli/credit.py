"""`finqr invoice credit`: a credit note for all of an invoice, or for the lines given."""

from __future__ import annotations

import argparse
import logging
from decimal import Decimal

from ..domain.errors import Problem, ValidationFailed
from ..services import credits as credit_service
from ..services import invoices as invoice_service
from ..services.invoice_input import line_from_data
from ..services.invoice_views import invoice_json
from ..services.vat_rates import vat_table
from .errors import EXIT_OK, CliError
from .files import read_json
from .output import print_fields

logger = logging.getLogger(__name__)

CREDIT_FIELDS = {"lines", "reason"}


def register(actions, common: argparse.ArgumentParser) -> None:
    parser = actions.add_parser(
        "credit",
        parents=[common],
        help="issue a credit note for an invoice",
        description="Credit an issued invoice in full, or only the lines in --json FILE "
        "(positive quantities: what to take off).",
    )
    parser.add_argument("number", metavar="NUMBER", help="the invoice to credit")
    parser.add_argument(
        "--json", metavar="FILE", dest="json_file", help="the lines to credit (default: all)"
    )
    parser.add_argument("--reason", default="", help="why, printed on the credit note")
    parser.set_defaults(handler=run_credit)


def run_credit(args: argparse.Namespace, database) -> int:
    data = read_json(args.json_file) if args.json_file else None
    with database.writing() as session:
        original = _original(session, args.number)
        lines, reason = (
            (None, args.reason) if data is None else _credit_input(session, data, original, args)
        )
        note = credit_service.credit_invoice(session, original.id, lines=lines, reason=reason)
        shown, after = invoice_json(note), invoice_json(original)
        customer = original.customer.number
    print(f"Issued credit note {shown['number']} for invoice {after['number']}")
    moved = shown["to_customer_credit"]
    print_fields(
        [("Credit total", f"{shown['total']} {shown['currency']}"),
         ("Credited so far", f"{after['credited']} {after['currency']}"),
         ("Left to pay", f"{after['remaining']} {after['currency']}"),
         ("To customer credit", f"{moved} {shown['currency']}" if Decimal(moved) else None),
         ("Invoice status", after["status"])],
        indent="  ",
    )  # fmt: skip
    if Decimal(moved):
        print(
            f"{moved} {shown['currency']} already paid is now customer {customer}'s credit; "
            f"use it with `finqr payments use-credit INVOICE` or pay it back with "
            f"`finqr payments refund {customer}`."
        )
    return EXIT_OK


def _credit_input(session, data: object, original, args: argparse.Namespace):
    """The lines of a partial credit: a JSON list of lines, or an object with "lines".

    VAT codes are looked up on the original's issue date: the credit corrects that supply.
    """
    if isinstance(data, list):
        data = {"lines": data}
    if not isinstance(data, dict):
        raise CliError(f'{args.json_file}: expected a list of lines or an object with "lines"')
    problems = [Problem(key, "unknown field") for key in data if key not in CREDIT_FIELDS]
    raw_lines = data.get("lines")
    if not isinstance(raw_lines, list) or not raw_lines:
        problems.append(Problem("lines", "expected a list of at least one line"))
        raw_lines = []
    table = vat_table(session)
    lines = []
    for index, raw in enumerate(raw_lines):
        line, line_problems = line_from_data(raw, f"lines[{index}].", table, original.issue_date)
        problems.extend(line_problems)
        if line is not None:
            lines.append(line)
    # The file's reason is checked even when --reason wins: a wrong file stays wrong.
    written = data.get("reason")
    if written is not None and not isinstance(written, str):
        problems.append(Problem("reason", "expected text"))
    reason = args.reason or (written if isinstance(written, str) else "")
    if problems:
        raise ValidationFailed(problems)
    return lines, reason


def _original(session, number: str):
    record = invoice_service.get_by_number(session, number.strip())
    if record is None:
        raise CliError(f"no invoice with number {number!r}")
    return record
