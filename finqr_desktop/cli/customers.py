"""`finqr customer add | list | import`: the customer register."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from ..domain.errors import ValidationFailed
from ..services import customers as customer_service
from . import einvoice_export, record_updates
from .errors import EXIT_OK, CliError
from .files import read_object, require_file
from .output import print_json, print_table, shorten

logger = logging.getLogger(__name__)


def register(commands, common: argparse.ArgumentParser) -> None:
    group = commands.add_parser(
        "customer", parents=[common], help="add, list and import customers"
    )
    actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)

    add = actions.add_parser(
        "add",
        parents=[common],
        help="add one customer from a JSON file",
        description="Add a customer from a JSON object (keys as in the README). Without "
        '"number" the next free customer number is used.',
    )
    add.add_argument("--json", metavar="FILE", dest="json_file", required=True,
                     help="the customer as JSON (- reads standard input)")  # fmt: skip
    add.set_defaults(handler=run_add)

    listing = actions.add_parser("list", parents=[common], help="list customers")
    listing.add_argument(
        "--search", metavar="TEXT", default="", help="match name, number or org number"
    )
    listing.add_argument("--json", action="store_true", help="print JSON for scripts")
    listing.set_defaults(handler=run_list)

    imports = actions.add_parser(
        "import",
        parents=[common],
        help="add customers from a CSV file (all rows or none)",
        description="Add every customer of a CSV file with a header row (comma or "
        "semicolon separated, UTF-8 or Windows-1252). If any row is wrong, nothing is "
        "added and every problem is listed with its row number.",
    )
    imports.add_argument("file", metavar="FILE.csv", type=Path)
    imports.set_defaults(handler=run_import)
    record_updates.register_customer_update(actions, common)
    einvoice_export.register_customer(actions, common)


def run_add(args: argparse.Namespace, database) -> int:
    data = read_object(args.json_file, "customer")
    with database.writing() as session:
        # Only an absent number means "the next free one"; a 0 or false is the user's
        # value, for the services to take or refuse, not a request for a fresh number.
        if data.get("number") in (None, ""):
            data["number"] = customer_service.next_customer_number(session)
        customer, problems = customer_service.customer_from_data(data)
        if problems:
            raise ValidationFailed(problems)
        record = customer_service.add_customer(session, customer)
        print(f"Added customer {record.number}: {record.name}")
    return EXIT_OK


def run_list(args: argparse.Namespace, database) -> int:
    with database.reading() as session:
        records = customer_service.list_customers(session, args.search.strip())
        if args.json:
            print_json([customer_service.customer_json(r) for r in records])
            return EXIT_OK
        if not records:
            print("No customers." if not args.search else f"No customer matches {args.search!r}.")
            return EXIT_OK
        print_table(
            ["Number", "Name", "Kind", "Org number", "City", "Terms", "E-mail"],
            [
                (r.number, shorten(r.name, 32), r.kind, r.org_number, r.city, r.payment_terms,
                 ", ".join(r.emails or []))
                for r in records
            ],
        )  # fmt: skip
    return EXIT_OK


def run_import(args: argparse.Namespace, database) -> int:
    path = require_file(args.file)
    try:
        with database.writing() as session:
            added = customer_service.import_csv(session, path)
    except UnicodeDecodeError:
        raise CliError(f"{path}: neither UTF-8 nor Windows-1252 text") from None
    noun = "customer" if len(added) == 1 else "customers"
    print(f"Imported {len(added)} {noun} from {path.name}.")
    return EXIT_OK
