"""`finqr reminders queue | approve | skip | postpone | dispute | mode`.

Items are named by invoice number: the queue lists one level per invoice, the next one, so
the number is enough. JSON keys are a promise to scripts (add, never rename); amounts are
decimal strings.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging

from ..domain.send_window import local_day
from ..services import outbox
from ..services import reminder_settings as settings
from ..services.invoices import get_by_number
from ..services.reminder_queue import QueueItem, queue
from . import reminder_policy, reminder_preview
from .errors import EXIT_OK, CliError
from .mail import register_send_due
from .output import print_json, print_table, shorten

logger = logging.getLogger(__name__)


def register(commands, common: argparse.ArgumentParser) -> None:
    group = commands.add_parser(
        "reminders", parents=[common], help="review the reminder queue before it is sent"
    )
    actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)
    day = argparse.ArgumentParser(add_help=False)
    day.add_argument("--today", type=_date, metavar="DATE",
                     help="plan as if it were DATE, YYYY-MM-DD (default: today)")  # fmt: skip

    listing = actions.add_parser("queue", parents=[common, day], help="what goes out when")
    listing.add_argument("--days", type=_days, default=14, help="days ahead (default 14)")
    listing.add_argument("--json", action="store_true", help="print JSON for scripts")
    listing.set_defaults(handler=run_queue)

    approve = actions.add_parser("approve", parents=[common, day], help="approve for sending")
    approve.add_argument("numbers", metavar="NUMBER", nargs="*", help="invoice numbers")
    approve.add_argument("--all", action="store_true", help="every item in the queue")
    approve.add_argument("--days", type=_days, default=14, help="with --all: days ahead")
    approve.set_defaults(handler=run_approve)

    skip = actions.add_parser("skip", parents=[common, day], help="do not send this level")
    skip.add_argument("number", metavar="NUMBER", help="the invoice number")
    skip.add_argument("--reason", required=True, help="why, for the history")
    skip.set_defaults(handler=run_skip)

    postpone = actions.add_parser("postpone", parents=[common, day], help="send later")
    postpone.add_argument("number", metavar="NUMBER", help="the invoice number")
    postpone.add_argument("--until", type=_date, required=True, metavar="DATE",
                          help="hold it until this day, YYYY-MM-DD")  # fmt: skip
    postpone.set_defaults(handler=run_postpone)

    dispute = actions.add_parser(
        "dispute", parents=[common], help="mark an invoice disputed: no reminders"
    )
    dispute.add_argument("number", metavar="NUMBER", help="the invoice number")
    dispute.add_argument("--clear", action="store_true", help="the dispute is settled")
    dispute.set_defaults(handler=run_dispute)

    mode = actions.add_parser("mode", parents=[common], help="show or set manual/automatic")
    mode.add_argument("mode", nargs="?", choices=settings.MODES, help="the new mode")
    mode.set_defaults(handler=run_mode)

    register_send_due(actions, common)
    reminder_preview.register(actions, common)
    reminder_policy.register(actions, common)


def run_queue(args: argparse.Namespace, database) -> int:
    with database.reading() as session:
        items = queue(session, _today(session, args), days=args.days)
    if args.json:
        print_json([item_json(item) for item in items])
        return EXIT_OK
    if not items:
        print("Nothing to remind in the coming days.")
        return EXIT_OK
    print_table(
        ["Invoice", "Customer", "Level", "Send", "Due", "Fee", "Interest", "Status", "Reason"],
        [
            [
                item.invoice_number,
                shorten(f"{item.customer_number} {item.customer_name}", 30),
                item.level,
                item.send_at.strftime("%Y-%m-%d %H:%M"),
                item.amount_due,
                item.fee + item.compensation,
                item.interest,
                item.status or "",
                item.reason,
            ]
            for item in items
        ],
        right=(2, 4, 5, 6),
    )
    return EXIT_OK


def item_json(item: QueueItem) -> dict:
    return {
        "invoice": item.invoice_number,
        "invoice_id": item.invoice_id,
        "customer": item.customer_number,
        "customer_name": item.customer_name,
        "level": item.level,
        "send_at": item.send_at.isoformat(),
        "currency": item.currency,
        "amount_due": str(item.amount_due),
        "fee": str(item.fee),
        "compensation": str(item.compensation),
        "interest": str(item.interest),
        "reason": item.reason,
        "caught_up": item.caught_up,
        "status": item.status,
        "outbox_id": item.outbox_id,
        "skip_reason": item.skip_reason,
        "customer_credit": str(item.customer_credit),
    }


def run_approve(args: argparse.Namespace, database) -> int:
    if bool(args.numbers) == args.all:
        raise CliError("give invoice numbers or --all, not both or neither")
    with database.writing() as session:
        items = queue(session, _today(session, args), days=args.days)
        # --all approves what waits for approval; a skip or postponement the clerk decided
        # stands until the item is named on its own.
        waiting = [item for item in items if item.status in (None, "pending")]
        chosen = waiting if args.all else [_item(items, number) for number in args.numbers]
        outbox.approve(session, chosen)
    print(f"Approved {len(chosen)} reminder{'' if len(chosen) == 1 else 's'}.")
    return EXIT_OK


def run_skip(args: argparse.Namespace, database) -> int:
    with database.writing() as session:
        item = _item(queue(session, _today(session, args)), args.number)
        outbox.skip(session, item.invoice_id, item.level, args.reason)
    print(f"Skipped level {item.level} of invoice {item.invoice_number}.")
    return EXIT_OK


def run_postpone(args: argparse.Namespace, database) -> int:
    with database.writing() as session:
        today = _today(session, args)
        if args.until <= today:
            raise CliError(f"--until must be after {today.isoformat()}")
        item = _item(queue(session, today), args.number)
        outbox.postpone(session, item.invoice_id, item.level, args.until)
    print(f"Postponed level {item.level} of invoice {item.invoice_number} to {args.until}.")
    return EXIT_OK


def run_dispute(args: argparse.Namespace, database) -> int:
    with database.writing() as session:
        record = get_by_number(session, args.number.strip())
        if record is None:
            raise CliError(f"no invoice {args.number}")
        outbox.set_disputed(session, record.id, not args.clear)
    state = "no longer disputed" if args.clear else "disputed: no reminders until cleared"
    print(f"Invoice {record.number} is {state}.")
    return EXIT_OK


def run_mode(args: argparse.Namespace, database) -> int:
    if args.mode is None:
        with database.reading() as session:
            print(settings.reminder_mode(session))
        return EXIT_OK
    with database.writing() as session:
        settings.set_reminder_mode(session, args.mode)
    print(f"Reminders are sent in {args.mode} mode.")
    return EXIT_OK


def _item(items: list[QueueItem], number: str) -> QueueItem:
    for item in items:
        if item.invoice_number == number.strip():
            return item
    raise CliError(f"invoice {number} has no reminder in the queue")


def _today(session, args: argparse.Namespace) -> dt.date:
    """The given day, else today in the send window's zone (not the computer's)."""
    if args.today is not None:
        return args.today
    window = settings.reminder_policy(session).window
    return local_day(dt.datetime.now(dt.UTC), window)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _days(text: str) -> int:
    if not text.isdigit() or int(text) > 366:
        raise argparse.ArgumentTypeError(f"a number of days from 0 to 366, not {text!r}")
    return int(text)
