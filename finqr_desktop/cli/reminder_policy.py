"""`finqr reminders policy show | export | import | assign | window | threshold` and
`finqr reminders rates list | add | remove`: the reminder policies the clerk maintains.

Every change goes through the same policy document the import reads
(services.reminder_policy_file), so a change made here is checked exactly as a file or the
GUI's editor would be, and is stored whole or not at all.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
from decimal import Decimal, InvalidOperation

from ..domain.reminder_policy import ReminderPolicy
from ..services import reminder_policy_file as policy_file
from ..services import reminder_settings as settings
from .errors import EXIT_OK, CliError
from .files import read_json, write_file
from .output import print_fields, print_json, print_table

logger = logging.getLogger(__name__)


def register(actions, common: argparse.ArgumentParser) -> None:
    """Add ``policy`` and ``rates`` to the ``finqr reminders`` actions."""
    group = actions.add_parser("policy", parents=[common], help="show or change the policies")
    policy = group.add_subparsers(dest="policy_action", metavar="ACTION", required=True)

    show = policy.add_parser("show", parents=[common], help="the policies and who follows them")
    show.add_argument("--json", action="store_true", help="print the policy document as JSON")
    show.set_defaults(handler=run_show)

    export = policy.add_parser("export", parents=[common], help="write the policies as JSON")
    export.add_argument("file", metavar="FILE", help="the JSON file to write (- for stdout)")
    export.set_defaults(handler=run_export)

    imports = policy.add_parser(
        "import",
        parents=[common],
        help="replace the policies with a JSON file (all or nothing)",
        description="Replace every reminder policy with the file's. A file with any problem "
        "is refused whole, with every problem and its place (levels[2].fee).",
    )
    imports.add_argument("file", metavar="FILE", help="the JSON file (- for stdin)")
    imports.set_defaults(handler=run_import)

    assign = policy.add_parser("assign", parents=[common], help="a customer's policy")
    assign.add_argument("customer", metavar="CUSTOMER", help="the customer number")
    which = assign.add_mutually_exclusive_group(required=True)
    which.add_argument("name", metavar="NAME", nargs="?", help="a named policy")
    which.add_argument("--default", action="store_true", help="follow the ledger's policy")
    assign.set_defaults(handler=run_assign)

    window = policy.add_parser("window", parents=[common], help="when reminders may go out")
    window.add_argument("--from", dest="start", metavar="HH:MM", help="local time of day")
    window.add_argument("--timezone", metavar="ZONE", help="e.g. Europe/Stockholm")
    window.add_argument("--country", metavar="CC", help="whose public holidays to skip")
    window.set_defaults(handler=run_window)

    threshold = policy.add_parser(
        "threshold", parents=[common], help="remainders below AMOUNT are not reminded"
    )
    threshold.add_argument("amount", metavar="AMOUNT", help="in the ledger's currency")
    threshold.add_argument("--policy", metavar="NAME", help="a named policy (default: the "
                           "ledger's own)")  # fmt: skip
    threshold.set_defaults(handler=run_threshold)

    rates = actions.add_parser("rates", parents=[common], help="the reference rate table")
    rate = rates.add_subparsers(dest="rates_action", metavar="ACTION", required=True)
    rate.add_parser("list", parents=[common], help="the rates").set_defaults(handler=run_rates)
    add = rate.add_parser("add", parents=[common], help="a rate in force from a date")
    add.add_argument("--from", dest="start", type=_date, required=True, metavar="DATE")
    add.add_argument("--rate", type=_percent, required=True, metavar="PERCENT")
    add.set_defaults(handler=run_rate_add)
    remove = rate.add_parser("remove", parents=[common], help="remove the rate from DATE")
    remove.add_argument("start", type=_date, metavar="DATE")
    remove.set_defaults(handler=run_rate_remove)


def run_show(args: argparse.Namespace, database) -> int:
    with database.reading() as session:
        book = settings.policy_book(session)
        followers = settings.assigned_policies(session)
    if args.json:
        print_json(policy_file.book_to_data(book))
        return EXIT_OK
    window = book.default.window
    print_fields(
        [
            ("Send", f"bank days in {window.country} from {window.start:%H:%M} "
                     f"({window.timezone})"),
            ("Currency", book.default.currency),
            ("Interest", f"reference rate + margin, {book.default.day_count.value}"),
        ]
    )  # fmt: skip
    for name, policy in [(None, book.default), *sorted(book.named.items())]:
        title = "The ledger's policy" if name is None else f"Policy {name!r}"
        if name is not None:
            title += f" ({followers.get(name, 0)} customers)"
        print(f"\n{title}")
        _print_policy(policy)
    return EXIT_OK


def _print_policy(policy: ReminderPolicy) -> None:
    print_fields(
        [
            ("Not below", f"{policy.minimum_remaining} {policy.currency}"),
            ("Margin", f"{policy.interest_margin} percentage points"),
            ("Compensation", f"{policy.compensation}" if policy.claim_compensation else "no"),
        ],
        indent="  ",
    )
    if not policy.levels:
        print("  no reminders")
        return
    print_table(
        ["Level", "Days after due", "Min gap", "Fee", "Interest", "Languages"],
        [
            [level.level, level.days_after_due, level.min_days_since_previous, level.fee,
             "yes" if level.charge_interest else "no",
             ", ".join(t.language for t in level.texts)]
            for level in policy.levels
        ],
        right=(0, 1, 2, 3),
    )  # fmt: skip


def run_export(args: argparse.Namespace, database) -> int:
    with database.reading() as session:
        data = policy_file.policy_data(session)
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    write_file(args.file, text.encode("utf-8"))
    if args.file != "-":
        print(f"Wrote the reminder policies to {args.file}.")
    return EXIT_OK


def run_import(args: argparse.Namespace, database) -> int:
    data = read_json(args.file)
    with database.writing() as session:
        warnings = policy_file.save_policy_data(session, data)
        count = len(settings.policy_book(session).named)
    _print_warnings(warnings)
    print(f"Imported the ledger's policy and {count} named polic{'y' if count == 1 else 'ies'}.")
    return EXIT_OK


def run_assign(args: argparse.Namespace, database) -> int:
    name = None if args.default else args.name
    with database.writing() as session:
        customer = settings.assign_policy(session, args.customer.strip(), name)
    which = "the ledger's policy" if name is None else f"policy {name!r}"
    print(f"Customer {customer.number} follows {which}.")
    return EXIT_OK


def run_window(args: argparse.Namespace, database) -> int:
    changes = {"start": args.start, "timezone": args.timezone, "country": args.country}
    with database.writing() as session:
        data = policy_file.policy_data(session)
        data["window"].update({k: v for k, v in changes.items() if v is not None})
        warnings = policy_file.save_policy_data(session, data)
        window = settings.policy_book(session).default.window
    _print_warnings(warnings)
    print(f"Reminders go out on bank days in {window.country} from {window.start:%H:%M} "
          f"({window.timezone}).")  # fmt: skip
    return EXIT_OK


def run_threshold(args: argparse.Namespace, database) -> int:
    with database.writing() as session:
        data = policy_file.policy_data(session)
        target = data if args.policy is None else data["policies"].get(args.policy)
        if target is None:
            raise CliError(f"no policy {args.policy!r}")
        target["minimum_remaining"] = args.amount.strip().replace(",", ".")
        warnings = policy_file.save_policy_data(session, data)
    _print_warnings(warnings)
    print(f"Remainders below {target['minimum_remaining']} are not reminded.")
    return EXIT_OK


def run_rates(args: argparse.Namespace, database) -> int:
    with database.reading() as session:
        entries = settings.policy_book(session).default.reference_rates.entries
    print_table(["From", "Reference rate %"], [[d, r] for d, r in entries], right=(1,))
    return EXIT_OK


def run_rate_add(args: argparse.Namespace, database) -> int:
    with database.writing() as session:
        new = policy_file.add_reference_rate(session, args.start, args.rate)
    verb = "Added" if new else "Changed"
    print(f"{verb} the reference rate from {args.start}: {args.rate} %.")
    return EXIT_OK


def run_rate_remove(args: argparse.Namespace, database) -> int:
    with database.writing() as session:
        policy_file.remove_reference_rate(session, args.start)
    print(f"Removed the reference rate from {args.start}.")
    return EXIT_OK


def _print_warnings(warnings) -> None:
    for warning in warnings:
        print(f"warning: {warning}")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _percent(text: str) -> Decimal:
    """A rate in percent as typed, 2.5 or 2,5; a reference rate beyond ±50 % is a typo."""
    try:
        rate = Decimal(text.strip().replace(",", ".").removesuffix("%").strip())
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"not a percentage: {text!r}") from None
    if not rate.is_finite() or abs(rate) > 50:
        raise argparse.ArgumentTypeError(f"a reference rate between -50 and 50, not {text!r}")
    return rate
