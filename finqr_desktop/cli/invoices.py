"""`finqr invoice create | issue | list | show | history | pdf | credit | export`."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from decimal import Decimal

from ..domain.status import Status
from ..services import invoices as invoice_service
from ..services.documents import archived_pdf
from ..services.invoice_input import draft_from_data
from ..services.invoice_list import ListQuery, invoice_ids, list_rows
from ..services.invoice_views import invoice_json
from ..services.issue_order import date_today, due_date_passed
from ..services.message_history import describe, entry_json, history, result_text
from . import credit, einvoice_export, invoice_audit, invoice_text, record_updates
from .errors import EXIT_OK, CliError
from .files import read_object, write_file
from .output import print_fields, print_json, print_table, shorten

logger = logging.getLogger(__name__)

STATUSES = [status.value for status in Status] + ["open"]
# Ids are PostgreSQL "integer" columns (SQLite's go further): no id can be larger, and asking
# for a larger one would overflow the database driver instead of finding nothing.
MAX_ID = 2**31 - 1
DATED_TODAY_HELP = (
    "give the draft today's date as it is issued (a series numbers its invoices in date "
    "order, so one dated before an issued invoice is refused)"
)


def register(commands, common: argparse.ArgumentParser) -> None:
    group = commands.add_parser(
        "invoice", parents=[common], help="create, issue and credit invoices"
    )
    actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)

    create = actions.add_parser(
        "create",
        parents=[common],
        help="save a draft from a JSON file",
        description="Save an invoice draft from a JSON file (format in the README) and "
        "print its id. --issue issues it in the same transaction.",
    )
    create.add_argument("--json", metavar="FILE", dest="json_file", required=True,
                        help="the draft as JSON (- reads standard input)")  # fmt: skip
    create.add_argument("--issue", action="store_true", help="issue the invoice at once")
    create.add_argument("--dated-today", action="store_true", help=DATED_TODAY_HELP)
    # --json already names the input file here (as on every command that reads one).
    create.add_argument("--print-json", dest="as_json", action="store_true",
                        help="print the saved invoice as `invoice show --json` does")  # fmt: skip
    create.set_defaults(handler=run_create)

    issue = actions.add_parser(
        "issue",
        parents=[common],
        help="issue a draft: number, OCR and due date",
        description="Issue a draft. From then on it can only be changed by a credit note.",
    )
    issue.add_argument("draft_id", metavar="ID", help="the draft's id")
    issue.add_argument("--dated-today", action="store_true", help=DATED_TODAY_HELP)
    issue.add_argument("--json", dest="as_json", action="store_true",
                       help="print the issued invoice as JSON")  # fmt: skip
    issue.set_defaults(handler=run_issue)

    listing = actions.add_parser("list", parents=[common], help="list invoices")
    listing.add_argument("--status", type=_status, metavar="STATUS",
                         help="only this status: " + ", ".join(STATUSES)
                         + " (open: everything not yet paid or credited)")  # fmt: skip
    listing.add_argument("--search", metavar="TEXT", default="",
                         help="search number, customer name or number, and OCR")  # fmt: skip
    listing.add_argument("--customer", metavar="NUMBER", help="only this customer's invoices")
    listing.add_argument("--json", action="store_true", help="print JSON for scripts")
    listing.set_defaults(handler=run_list)

    show = actions.add_parser("show", parents=[common], help="show one invoice")
    show.add_argument("number", metavar="NUMBER", help="the invoice number (or a draft's id)")
    show.add_argument("--json", action="store_true", help="print JSON for scripts")
    show.set_defaults(handler=run_show)

    past = actions.add_parser(
        "history",
        parents=[common],
        help="every e-mail sent about an invoice, and every failure",
        description="Every e-mail about an invoice or credit note, newest first: when, to "
        "whom, its Message-ID, and the error of each failed attempt.",
    )
    past.add_argument("number", metavar="NUMBER", help="the invoice or credit note number")
    past.add_argument("--json", action="store_true", help="print JSON for scripts")
    past.set_defaults(handler=run_history)

    again = actions.add_parser(
        "email",
        parents=[common],
        help="e-mail an issued invoice or credit note (again)",
        description="Queue the document's e-mail, with its archived PDF, for the next "
        "sending run (the app's, `finqr scheduler run` or `finqr reminders send-due --once`).",
    )
    again.add_argument("number", metavar="NUMBER", help="the invoice or credit note number")
    again.set_defaults(handler=run_email)

    pdf = actions.add_parser(
        "pdf",
        parents=[common],
        help="write the PDF of an issued invoice or credit note",
        description="Write the PDF the customer got: the archived copy, rendered with the "
        "template version recorded at issue (archived now if it was not yet).",
    )
    pdf.add_argument("number", metavar="NUMBER", help="the invoice or credit note number")
    pdf.add_argument("-o", "--output", metavar="FILE", required=True,
                     help="where to write the PDF (- writes to standard output)")  # fmt: skip
    pdf.set_defaults(handler=run_pdf)

    credit.register(actions, common)
    invoice_audit.register(actions, common)
    record_updates.register_invoice_update(actions, common)
    einvoice_export.register_export(actions, common)


def now() -> dt.datetime:
    """The moment an invoice is issued at, local time as ``issued_at`` keeps it; one
    function so that tests can fix it."""
    return dt.datetime.now()


def run_create(args: argparse.Namespace, database) -> int:
    if args.dated_today and not args.issue:
        raise CliError("--dated-today goes with --issue")
    data = read_object(args.json_file, "invoice draft")
    moment = now()
    today = moment.date()
    with database.writing() as session:
        draft, terms = draft_from_data(session, data, today=today)
        record = invoice_service.save_draft(session, draft, payment_terms=terms)
        if args.issue:
            _issue(session, record.id, moment, args.dated_today)
        shown = invoice_json(record, today)
    if args.issue:
        _warn_if_due_passed(shown, today)
    if args.as_json:
        print_json(shown)
        return EXIT_OK
    if args.issue:
        _print_issued(shown)
        return EXIT_OK
    print(
        f"Saved draft {record.id} for customer {shown['customer']}: "
        f"total {shown['total']} {shown['currency']}."
    )
    print(f"Check it: finqr invoice show {record.id}. Issue it: finqr invoice issue {record.id}")
    return EXIT_OK


def run_issue(args: argparse.Namespace, database) -> int:
    draft_id = draft_id_of(args.draft_id)
    if draft_id is None:
        raise CliError(f"no invoice with number or id {args.draft_id!r}")
    moment = now()
    with database.writing() as session:
        shown = invoice_json(_issue(session, draft_id, moment, args.dated_today))
    _warn_if_due_passed(shown, moment.date())
    if args.as_json:
        print_json(shown)
    else:
        _print_issued(shown)
    return EXIT_OK


def _issue(session, draft_id: int, moment: dt.datetime, dated_today: bool):
    if dated_today:
        date_today(session, draft_id, moment.date())
    return invoice_service.issue_invoice(session, draft_id, now=moment)


def _warn_if_due_passed(shown: dict, today: dt.date) -> None:
    """A due date already gone is allowed (it may be what was agreed), but never unseen."""
    due = shown.get("due_date")
    warning = due_date_passed(dt.date.fromisoformat(due) if due else None, today)
    if warning is not None:
        print(f"warning: {warning}", file=sys.stderr)


def _print_issued(shown: dict) -> None:
    print(f"Issued invoice {shown['number']} to {shown['customer']} {shown['customer_name']}")
    print_fields(
        [
            ("Number", shown["number"]),
            ("OCR", shown["ocr"]),
            ("Due date", shown["due_date"]),
            ("Total", f"{shown['total']} {shown['currency']}"),
        ],
        indent="  ",
    )


def run_list(args: argparse.Namespace, database) -> int:
    today = dt.date.today()
    query = ListQuery(status=args.status, search=args.search, customer_number=args.customer)
    with database.reading() as session:
        rows = list_rows(session, invoice_ids(session, query, today), today)
    if args.json:
        print_json([_row_json(row) for row in rows])
        return EXIT_OK
    if not rows:
        print(
            "No invoices match."
            if args.status or args.search or args.customer
            else "No invoices yet."
        )
        return EXIT_OK
    print_table(
        ["Number", "Customer", "Issued", "Due", "Total", "Remaining", "Status"],
        [
            (row.number or f"draft {row.id}", _customer(row), row.issue_date,
             row.due_date if row.kind == "invoice" else None,
             row.total, row.remaining, row.status)
            for row in rows
        ],
        right=(4, 5),
    )  # fmt: skip
    print()
    print(_summary(rows))
    return EXIT_OK


def _customer(row) -> str:
    return shorten(f"{row.customer_number} {row.customer_name}", 34)


def _summary(rows) -> str:
    remaining: dict[str, Decimal] = {}
    for row in rows:
        remaining[row.currency] = remaining.get(row.currency, Decimal(0)) + row.remaining
    amounts = ", ".join(f"{amount} {currency}" for currency, amount in sorted(remaining.items()))
    notes = sum(row.kind == "credit_note" for row in rows)
    counts = [_plural(len(rows) - notes, "invoice"), _plural(notes, "credit note")]
    counted = ", ".join(count for count in counts if not count.startswith("0 "))
    return f"{counted}; remaining to pay {amounts}"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _row_json(row) -> dict:
    return {
        "id": row.id,
        "kind": row.kind,
        "number": row.number,
        "customer": row.customer_number,
        "customer_name": row.customer_name,
        "issue_date": row.issue_date.isoformat(),
        "due_date": row.due_date.isoformat() if row.due_date else None,
        "currency": row.currency,
        "total": str(row.total),
        "remaining": str(row.remaining),
        "status": row.status,
    }


def run_show(args: argparse.Namespace, database) -> int:
    with database.reading() as session:
        shown = invoice_json(_find(session, args.number))
    if args.json:
        print_json(shown)
    else:
        print(invoice_text.render(shown), end="")
    return EXIT_OK


def run_history(args: argparse.Namespace, database) -> int:
    with database.reading() as session:
        record = _find(session, args.number)
        if record.is_draft:
            raise CliError(f"invoice {record.id} is a draft: nothing is e-mailed before issue")
        number, entries = record.number, history(session, record.id)
    if args.json:
        print_json([entry_json(entry) for entry in entries])
        return EXIT_OK
    if not entries:
        print(f"Nothing has been e-mailed about {number} yet.")
        return EXIT_OK
    print_table(
        ["When (UTC)", "Message", "Status", "To", "Message-ID or error"],
        [
            (entry.at.strftime("%Y-%m-%d %H:%M"), describe(entry), result_text(entry),
             ", ".join(entry.recipients), entry.message_id if entry.sent else entry.error)
            for entry in entries
        ],
    )  # fmt: skip
    return EXIT_OK


def run_email(args: argparse.Namespace, database) -> int:
    with database.writing() as session:
        record = _find(session, args.number)
        number = record.number or str(record.id)
        queued = invoice_service.email_again(session, record.id, dt.datetime.now(dt.UTC))
    if queued:
        print(f"{number} is queued; the next sending run e-mails it.")
    else:
        print(f"{number} is already waiting to be e-mailed.")
    return EXIT_OK


def run_pdf(args: argparse.Namespace, database) -> int:
    # Writing: a document issued in a batch is archived on its first use, which is this.
    with database.writing() as session:
        record = _find(session, args.number)
        if record.is_draft:
            raise CliError(f"invoice {record.id} is a draft and has no PDF yet: issue it first")
        pdf, number = archived_pdf(session, record.id), record.number
    write_file(args.output, pdf)
    if args.output != "-":
        print(f"Wrote {number} to {args.output} ({len(pdf)} bytes)")
    return EXIT_OK


def _find(session, number: str):
    """An issued invoice by its number, else a draft by its id (drafts have no number)."""
    record = invoice_service.get_by_number(session, number.strip())
    if record is not None:
        return record
    draft_id = draft_id_of(number)
    if draft_id is not None:
        record = invoice_service.get_draft(session, draft_id)
        if record is None:
            raise CliError(f"no invoice with number {number!r} (nor a draft with that id)")
        return record
    if number.strip().isdigit():
        # Digits to a person ("²", or too many for an id), but no id the ledger can hold.
        raise CliError(f"no invoice with number or id {number!r}")
    raise CliError(f"no invoice with number {number!r}")


def draft_id_of(text: str) -> int | None:
    """The id ``text`` spells, or None: ASCII digits only, in the range ids can have.

    ``int`` would take "٣", "1_0" or " +3 " too, and a 30-digit id overflows SQLite.
    "draft 10", as the invoice list shows a draft, names draft 10.
    """
    digits = text.strip()
    if digits[:5].lower() == "draft":
        digits = digits[5:].strip()
    if not (digits.isascii() and digits.isdecimal()):
        return None
    value = int(digits)
    return value if value <= MAX_ID else None


def _status(text: str) -> str:
    value = text.strip().lower().replace("-", "_")
    if value not in STATUSES:
        raise argparse.ArgumentTypeError(
            f"unknown status {text!r}; use one of {', '.join(STATUSES)}"
        )
    return value
