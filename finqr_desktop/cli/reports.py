"""`finqr report aging | statement | forecast`: the ledger's reports as tables or files.

``--json`` and ``--csv`` choose a format for scripts and spreadsheets (to standard output,
or to ``-o FILE``). Without either, ``statement`` and ``aging`` write a PDF to ``-o FILE``
(``aging`` without ``-o`` prints a table), and ``forecast`` prints a table, or CSV to FILE.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import re

from ..domain.invoice import FIRST_YEAR, LAST_YEAR
from ..services.aging_files import (
    aging_csv,
    aging_json,
    aging_pdf,
    aging_report,
    forecast_csv,
    forecast_json,
)
from ..services.customers import find_customer
from ..services.forecast import cash_forecast
from ..services.statement import customer_statement
from ..services.statement_files import statement_csv, statement_json, statement_pdf
from .errors import EXIT_OK, CliError
from .files import write_file
from .output import print_fields, print_json, print_table
from .output_files import refuse_ledger_target

logger = logging.getLogger(__name__)

DATE_SPELLING = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def register(commands, common: argparse.ArgumentParser) -> None:
    group = commands.add_parser("report", parents=[common], help="aging, statements, forecast")
    actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)
    formats = argparse.ArgumentParser(add_help=False)
    chosen = formats.add_mutually_exclusive_group()
    chosen.add_argument("--json", action="store_true", help="JSON for scripts")
    chosen.add_argument("--csv", action="store_true", help="CSV (UTF-8, comma separated)")
    formats.add_argument("-o", "--output", metavar="FILE", help="write to FILE (- stdout)")

    aging = actions.add_parser(
        "aging",
        parents=[common, formats],
        help="open invoices by days overdue",
        description="Open invoices in the buckets not yet due, 1-30, 31-60, 61-90 and over "
        "90 days overdue. A PDF with -o FILE, a table without it.",
    )
    aging.add_argument(
        "--date",
        type=date_argument,
        help="as of the end of this day, YYYY-MM-DD (today): what was issued, credited, "
        "paid and written off by then, converted at the rates in force that day",
    )
    aging.add_argument("--customer", metavar="NUMBER", help="only this customer's invoices")
    aging.set_defaults(handler=run_aging)

    statement = actions.add_parser(
        "statement",
        parents=[common, formats],
        help="a customer's statement for a period",
        description="Opening balance, every invoice, credit note, payment, fee and write-off "
        "of the period, the closing balance and the items open at its end. A PDF in the "
        "customer's language unless --json or --csv.",
    )
    statement.add_argument("--customer", metavar="NUMBER", required=True)
    statement.add_argument(
        "--from",
        dest="start",
        type=date_argument,
        required=True,
        metavar="DATE",
        help="the first day, YYYY-MM-DD",
    )
    statement.add_argument(
        "--to",
        dest="end",
        type=date_argument,
        required=True,
        metavar="DATE",
        help="the last day, YYYY-MM-DD",
    )
    statement.set_defaults(handler=run_statement)

    forecast = actions.add_parser(
        "forecast",
        parents=[common, formats],
        help="expected cash in per week",
        description="Open invoices placed at their due date shifted by how late each "
        "customer has paid, summed per calendar week.",
    )
    forecast.add_argument(
        "--date",
        type=date_argument,
        help="as of the end of this day, YYYY-MM-DD (today): what was open then, each "
        "customer's delays from the payments made by then, that day's rates",
    )
    forecast.add_argument("--weeks", type=_weeks, default=12, help="how many weeks (12)")
    forecast.set_defaults(handler=run_forecast)


def run_aging(args: argparse.Namespace, database) -> int:
    _refuse_ledger(args, database)
    today = args.date or dt.date.today()
    with database.reading() as session:
        customer_id = _customer(session, args.customer).id if args.customer else None
        report = aging_report(session, today, customer_id=customer_id)
        if args.json:
            return _write_json(args, aging_json(report))
        if args.csv:
            return _write(args, aging_csv(report), "the aging report")
        if args.output:
            return _write(args, aging_pdf(session, report), "the aging report")
    summary = report.summary
    print_table(
        ["Bucket", "Invoices", f"Amount ({summary.currency})"],
        [(b.label, b.count, b.amount) for b in summary.buckets]
        + [("Total", summary.count, summary.total.amount)],
        right=(1, 2),
    )
    if summary.total.missing_rates:
        print(f"No exchange rate for {', '.join(summary.total.missing_rates)}: left out.")
    return EXIT_OK


def run_statement(args: argparse.Namespace, database) -> int:
    if not (args.json or args.csv or args.output):
        raise CliError("a statement PDF needs -o FILE (or give --json or --csv)")
    _refuse_ledger(args, database)
    with database.reading() as session:
        customer = _customer(session, args.customer)
        statement = customer_statement(session, customer.id, args.start, args.end)
        if args.json:
            return _write_json(args, statement_json(statement))
        if args.csv:
            return _write(args, statement_csv(statement), "the statement")
        data = statement_pdf(session, statement)
    return _write(args, data, f"the statement of customer {statement.customer_number}")


def run_forecast(args: argparse.Namespace, database) -> int:
    _refuse_ledger(args, database)
    today = args.date or dt.date.today()
    with database.reading() as session:
        forecast = cash_forecast(session, today, args.weeks)
    if args.json:
        return _write_json(args, forecast_json(forecast))
    if args.csv or args.output:
        return _write(args, forecast_csv(forecast), "the forecast")
    print_table(
        ["Week", "From", "Expected", "Low", "High", "Invoices"],
        [
            (w.iso_week, w.start, w.expected.amount, w.low.amount, w.high.amount, w.count)
            for w in forecast.weeks
        ]
        + [("later", "", forecast.later.amount, "", "", "")],
        right=(2, 3, 4, 5),
    )
    print_fields([("Currency", forecast.currency), ("Method", forecast.method)])
    return EXIT_OK


def _refuse_ledger(args: argparse.Namespace, database) -> None:
    """Before any work: a report written over the open ledger would destroy it."""
    if args.output:
        refuse_ledger_target(args.output, database.sqlite_path)


def _write_json(args: argparse.Namespace, data: dict) -> int:
    if not args.output or args.output == "-":
        print_json(data)
        return EXIT_OK
    import json

    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return _write(args, text.encode("utf-8"), "the report")


def _write(args: argparse.Namespace, data: bytes, what: str) -> int:
    target = args.output or "-"
    write_file(target, data)
    if target != "-":
        print(f"Wrote {what} to {target}")
    return EXIT_OK


def _customer(session, number: str):
    record = find_customer(session, number.strip())
    if record is None:
        raise CliError(f"no customer {number}")
    return record


def date_argument(text: str) -> dt.date:
    """A day written YYYY-MM-DD, in the years an invoice may carry.

    Only that spelling: Python also reads "20260101", which the help does not promise. A
    day far outside the ledger's years (9999-12-31) would overflow the date arithmetic of
    the reports, and can only be a typing mistake.
    """
    day = None
    if DATE_SPELLING.fullmatch(text):
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            pass
    if day is None:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}")
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise argparse.ArgumentTypeError(
            f"{text}: a date from {FIRST_YEAR} to {LAST_YEAR}, as on invoices"
        )
    return day


def _weeks(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 104:
        raise argparse.ArgumentTypeError(f"a number of weeks from 1 to 104, not {text!r}")
    return int(text)
