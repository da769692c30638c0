"""`finqr invoice update ID` and `finqr customer update NUMBER`: change a draft or a
customer from a JSON file, refused when someone else saved it first.

``--if-version N`` is the version `invoice show --json` or `customer list --json` printed
when the script read the record; if the record has moved on since, the command exits 2
with who saved it and when (services.conflicts) and changes nothing. Without it the file
replaces what is stored, as a script that owns the record wants.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging

from ..domain.errors import ValidationFailed
from ..services import customers as customer_service
from ..services import invoices as invoice_service
from ..services.invoice_input import draft_from_data
from .errors import EXIT_OK, CliError
from .files import read_object

logger = logging.getLogger(__name__)


def register_invoice_update(actions, common: argparse.ArgumentParser) -> None:
    update = actions.add_parser(
        "update",
        parents=[common],
        help="replace a draft with the contents of a JSON file",
        description="Replace a draft (keys as for `invoice create`). With --if-version, "
        "refused when someone else saved the draft after that version.",
    )
    update.add_argument("draft_id", metavar="ID", help="the draft's id")
    _common_options(update, "draft")
    update.set_defaults(handler=run_invoice_update)


def register_customer_update(actions, common: argparse.ArgumentParser) -> None:
    update = actions.add_parser(
        "update",
        parents=[common],
        help="change a customer from a JSON file",
        description="Replace a customer's details (keys as for `customer add`; without "
        '"number" the number stays). With --if-version, refused when someone else saved '
        "the customer after that version.",
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
        draft, terms = draft_from_data(session, data, today=dt.date.today())
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
        data.setdefault("number", record.number)
        customer, problems = customer_service.customer_from_data(data)
        if problems:
            raise ValidationFailed(problems)
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
