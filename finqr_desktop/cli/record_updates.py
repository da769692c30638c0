"""`finqr invoice update ID` and `finqr customer update NUMBER`: change a draft or a
customer from a JSON file, refused when someone else saved it first.

``--if-version N`` is the version `invoice show --json` or `customer list --json` printed
when the script read the record; if the record has moved on since, the command exits 2
with who saved it and when (services.conflicts) and changes nothing. Without it the file is
saved whatever happened meanwhile, as a script that owns the record wants. A customer file
changes only the keys it gives; a draft file replaces the draft (services.record_patches).
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging

from ..domain.errors import ValidationFailed
from ..services import customers as customer_service
from ..services import invoices as invoice_service
from ..services.invoice_input import draft_from_data
from ..services.record_patches import customer_patch, draft_input
from .errors import EXIT_OK, CliError
from .files import read_object

logger = logging.getLogger(__name__)


def register_invoice_update(actions, common: argparse.ArgumentParser) -> None:
    update = actions.add_parser(
        "update",
        parents=[common],
        help="replace a draft with the contents of a JSON file",
        description="Replace a draft with the file (keys as for `invoice create`): keys "
        "left out take their defaults, as in a new draft. The output of `invoice show --json` "
        "is taken back as it is: what it prints that no file sets (id, version, number, "
        'status, totals, a line\'s amount...) is ignored. The "version" key is ignored '
        "too; give --if-version to be refused when someone else saved the draft after "
        "that version.",
    )
    update.add_argument("draft_id", metavar="ID", help="the draft's id")
    _common_options(update, "draft")
    update.set_defaults(handler=run_invoice_update)


def register_customer_update(actions, common: argparse.ArgumentParser) -> None:
    update = actions.add_parser(
        "update",
        parents=[common],
        help="change some of a customer's details from a JSON file",
        description="Change the keys the file gives (as for `customer add`) and keep the "
        'rest: {"name": "Ny AB"} renames and changes nothing else; null or "" resets a key '
        'to its default; "address" may be given in part; "emails" or "email" replaces the '
        'list. "number" renumbers the customer. The output of `customer list --json` is '
        'taken back as it is: its "version" is ignored (give --if-version to be refused '
        "when someone else saved the customer after that version) and its "
        '"reminder_policy" must be unchanged (`finqr reminders policy assign` changes it).',
    )
    update.add_argument("number", metavar="NUMBER", help="the customer's number")
    _common_options(update, "customer")
    update.set_defaults(handler=run_customer_update)


def _common_options(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--json", metavar="FILE", dest="json_file", required=True,
                        help=f"the {what} as JSON (- reads standard input)")  # fmt: skip
    parser.add_argument("--if-version", metavar="N", type=_version, dest="version",
                        help=f"the {what}'s version when you read it")  # fmt: skip


def run_invoice_update(args: argparse.Namespace, database) -> int:
    from .invoices import draft_id_of

    draft_id = draft_id_of(args.draft_id)
    if draft_id is None:
        raise CliError(f"{args.draft_id!r} is not a draft id")
    data = read_object(args.json_file, "invoice draft")
    with database.writing() as session:
        if invoice_service.get_draft(session, draft_id) is None:
            raise CliError(f"there is no draft {draft_id} (an issued invoice cannot change)")
        draft, terms = draft_from_data(session, draft_input(data), today=dt.date.today())
        record = invoice_service.save_draft(
            session, draft, invoice_id=draft_id, expected_version=args.version, payment_terms=terms
        )
        version = record.version
    print(f"Saved draft {draft_id} (version {version}).")
    return EXIT_OK


def run_customer_update(args: argparse.Namespace, database) -> int:
    data = read_object(args.json_file, "customer")
    with database.writing() as session:
        record = customer_service.find_customer(session, args.number.strip())
        if record is None:
            raise CliError(f"no customer with number {args.number!r}")
        merged, problems = customer_patch(record, data)
        customer, more = customer_service.customer_from_data(merged)
        if problems + more:
            raise ValidationFailed(problems + more)
        saved = customer_service.update_customer(
            session, record.id, customer, expected_version=args.version
        )
        number, version = saved.number, saved.version
    print(f"Saved customer {number} (version {version}).")
    return EXIT_OK


def _version(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or not 0 < int(text) < 2**31:
        raise argparse.ArgumentTypeError(f"not a version number: {text!r}")
    return int(text)
