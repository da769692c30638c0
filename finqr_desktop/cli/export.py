"""`finqr export sie | accounts`: the bookkeeping of a period as an SIE 4 file, and the
accounts it is booked on."""

from __future__ import annotations

import argparse
import logging
import sys

from ..domain.chart_of_accounts import BY_KEY, PURPOSES
from ..services import accounts
from ..services.sie_export import export_sie
from .errors import EXIT_OK, CliError
from .files import write_file
from .output import print_json, print_table
from .output_files import refuse_existing, refuse_ledger_target
from .reports import date_argument

logger = logging.getLogger(__name__)


def register(commands, common: argparse.ArgumentParser) -> None:
    group = commands.add_parser("export", parents=[common], help="SIE export for bookkeeping")
    actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)

    sie = actions.add_parser(
        "sie",
        parents=[common],
        help="the period's verifications as an SIE 4 file",
        description="Invoices, credit notes, payments, customer credit, reminder fees, "
        "write-offs and öre rounding from --from to --to (both included) as SIE 4 "
        "verifications, in code page 437, on the accounts `finqr export accounts` shows. "
        'A text with characters code page 437 lacks is written with plain ones ("–" as '
        '"-", "€" as "EUR") or "?", and named in a warning.',
    )
    sie.add_argument("--from", dest="start", type=date_argument, required=True, metavar="DATE")
    sie.add_argument("--to", dest="end", type=date_argument, required=True, metavar="DATE")
    sie.add_argument("-o", "--output", metavar="FILE", required=True, help="the .se file")
    sie.add_argument("--force", action="store_true", help="replace FILE if it exists")
    sie.set_defaults(handler=run_sie)

    chart = actions.add_parser(
        "accounts",
        parents=[common],
        help="show or change the accounts of the SIE export",
        description="The account each kind of booking goes to (BAS defaults). "
        "--set KEY=ACCOUNT changes one; several may be given, all or none are saved.",
    )
    chart.add_argument(
        "--set",
        dest="changes",
        action="append",
        default=[],
        type=_change,
        metavar="KEY=ACCOUNT",
        help="e.g. bank=1940",
    )
    chart.add_argument("--json", action="store_true", help="print JSON for scripts")
    chart.set_defaults(handler=run_accounts)


def run_sie(args: argparse.Namespace, database) -> int:
    refuse_ledger_target(args.output, database.sqlite_path)
    refuse_existing(args.output, force=args.force)
    with database.reading() as session:
        export = export_sie(session, args.start, args.end)
    write_file(args.output, export.data)
    # On standard error, so that a file written to standard output stays the file alone.
    for warning in export.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if args.output != "-":
        print(
            f"Wrote {export.verifications} verifications from {args.start} to {args.end} "
            f"to {args.output}"
        )
    return EXIT_OK


def run_accounts(args: argparse.Namespace, database) -> int:
    if args.changes:
        with database.writing() as session:
            chart = accounts.set_accounts(session, _one_each(args.changes))
    else:
        with database.reading() as session:
            chart = accounts.chart(session)
    if args.json:
        print_json({purpose.key: chart[purpose.key] for purpose in PURPOSES})
        return EXIT_OK
    print_table(
        ["Key", "Account", "Default", "BAS name of the default"],
        [(p.key, chart[p.key], p.default, p.name) for p in PURPOSES],
    )
    return EXIT_OK


def _one_each(changes: list[tuple[str, str]]) -> dict[str, str]:
    """The changes by key; a key given twice is refused: which account was meant is a
    guess the command will not make."""
    by_key: dict[str, str] = {}
    for key, account in changes:
        if key in by_key:
            raise CliError(f"--set {key} is given twice; give each key once")
        by_key[key] = account
    return by_key


def _change(text: str) -> tuple[str, str]:
    key, sign, account = text.partition("=")
    if not sign or not key.strip():
        raise argparse.ArgumentTypeError(f"KEY=ACCOUNT, such as bank=1940, not {text!r}")
    if key.strip() not in BY_KEY:
        raise argparse.ArgumentTypeError(
            f"unknown key {key.strip()!r}; the keys are {', '.join(BY_KEY)}"
        )
    return key.strip(), account.strip()
