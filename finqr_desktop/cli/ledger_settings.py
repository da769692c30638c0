"""`finqr vat` and `finqr series`: the ledger's VAT table and invoice numbering.

Both are configuration, not code: a changed rate or another country's set is a JSON file
given to `finqr vat set`, and the number pattern is set with `finqr series set`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging

from ..domain.numbering import NumberPattern, PatternError
from ..domain.vat import VatError
from ..services import numbering, vat_rates
from .errors import EXIT_OK, CliError
from .files import read_object
from .output import print_json, print_table

logger = logging.getLogger(__name__)


def register(commands, common: argparse.ArgumentParser) -> None:
    vat = commands.add_parser("vat", parents=[common], help="the VAT rates in force")
    vat_actions = vat.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = vat_actions.add_parser("list", parents=[common], help="rates valid on a date")
    listing.add_argument("--date", type=dt.date.fromisoformat, help="YYYY-MM-DD (today)")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=list_vat)
    setting = vat_actions.add_parser(
        "set",
        parents=[common],
        help="replace the VAT table with a JSON file",
        description='A file {"country": "SE", "rates": [{"code": "25", "percent": "25", '
        '"category": "S", "valid_from": "2026-01-01", "valid_until": null, '
        '"note": {"sv": "...", "en": "..."}}, ...]}. Issued invoices keep their rates.',
    )
    setting.add_argument("file", help="the JSON file")
    setting.set_defaults(handler=set_vat)

    series = commands.add_parser("series", parents=[common], help="invoice numbering")
    series_actions = series.add_subparsers(dest="action", metavar="ACTION", required=True)
    show = series_actions.add_parser("show", parents=[common], help="the number pattern")
    show.set_defaults(handler=show_series)
    change = series_actions.add_parser(
        "set",
        parents=[common],
        help="change the number pattern",
        description="Fields: {year}, {yy}, {seq} (with a width, e.g. {seq:04}). Numbers "
        "already given stay as they are; the count goes on gapless.",
    )
    change.add_argument("--pattern", required=True, help='e.g. "{year}-{seq:04}"')
    change.add_argument(
        "--no-yearly-restart",
        dest="yearly_restart",
        action="store_false",
        help="count on across years instead of starting at 1 every year",
    )
    change.set_defaults(handler=set_series)


def list_vat(args: argparse.Namespace, database) -> int:
    day = args.date or dt.date.today()
    with database.reading() as session:
        table = vat_rates.vat_table(session)
    rates = [
        {"code": r.code, "percent": str(r.percent), "category": r.category,
         "note": r.note_for("sv")}
        for r in table.rates(day)
    ]  # fmt: skip
    if args.json:
        print_json({"country": table.country, "date": day.isoformat(), "rates": rates})
    else:
        print(f"VAT rates in {table.country} on {day.isoformat()}")
        print_table(
            ["Code", "Percent", "Category", "Invoice note"],
            [(r["code"], r["percent"], r["category"], r["note"]) for r in rates],
            right=[1],
        )
    return EXIT_OK


def set_vat(args: argparse.Namespace, database) -> int:
    data = read_object(args.file, "VAT table")
    try:
        with database.writing() as session:
            table = vat_rates.set_vat_table(session, data)
    except VatError as exc:
        raise CliError(f"{args.file}: not a VAT table: {exc}") from None
    print(f"VAT table for {table.country} saved: {len(table.entries)} rates.")
    return EXIT_OK


def show_series(args: argparse.Namespace, database) -> int:
    with database.writing() as session:
        row = numbering.series(session, "invoice")
        pattern = NumberPattern(row.pattern, row.yearly_restart)
        upcoming = numbering.preview_next(session, "invoice", pattern, dt.date.today().year)
        print(f"pattern {row.pattern}, " + ("restarts every year" if row.yearly_restart
              else "counts on across years") + f"; next number {upcoming}")  # fmt: skip
    return EXIT_OK


def set_series(args: argparse.Namespace, database) -> int:
    try:
        pattern = NumberPattern(args.pattern, yearly_restart=args.yearly_restart)
    except PatternError as exc:
        raise CliError(f"--pattern: {exc}") from None
    with database.writing() as session:
        numbering.set_pattern(session, "invoice", pattern)
        upcoming = numbering.preview_next(session, "invoice", pattern, dt.date.today().year)
    print(f"Saved. The next invoice number is {upcoming}.")
    return EXIT_OK
