"""`finqr payments ...`: register, import, place and list payments; customer credit.

Invoices are named by number, payments by their id (``payments list`` shows it), customers
by number. JSON keys are a promise to scripts (add, never rename); amounts are decimal
strings. A broken bank file exits 2 with its line and reason, and nothing is written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..banking import BankFileError
from ..domain.errors import Problem, ValidationFailed
from ..domain.money import MoneyError, parse_decimal_text
from ..services import customer_credit, payments
from ..services.bank_import import ImportPreview, import_bank_file, preview_import
from ..services.customers import find_customer
from ..services.invoices import get_by_number
from ..services.payments_unmatched import place_payment
from ..services.payments_views import get_payment, list_payments, payment_json
from ..services.payments_write_off import (
    OverWriteOffLimit,
    set_write_off_limit,
    write_off,
    write_off_limits,
)
from .errors import EXIT_OK, CliError
from .output import print_json, print_table, shorten
from .payments_output import import_json, print_import, print_registered, registered_json

logger = logging.getLogger(__name__)


def register(commands, common: argparse.ArgumentParser) -> None:
    group = commands.add_parser("payments", parents=[common], help="payments and bank files")
    actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)
    json_flag = argparse.ArgumentParser(add_help=False)
    json_flag.add_argument("--json", action="store_true", help="print JSON for scripts")
    day = argparse.ArgumentParser(add_help=False)
    day.add_argument("--date", type=_date, help="the payment's date, YYYY-MM-DD (today)")

    add = actions.add_parser("add", parents=[common, json_flag, day], help="register a payment")
    add.add_argument("number", metavar="NUMBER", help="the invoice number")
    add.add_argument("--amount", type=_amount, required=True, help="the amount paid")
    add.add_argument("--currency", help="the payment's currency (the invoice's)")
    add.add_argument("--rate", type=_amount, help="invoice currency per unit of --currency")
    add.add_argument("--method", default="manual", choices=payments.MANUAL_METHODS)
    add.add_argument("--reference", default="", help="the bank's or payer's reference")
    add.set_defaults(handler=run_add)

    paid = actions.add_parser(
        "mark-paid", parents=[common, json_flag, day], help="pay exactly what is left"
    )
    paid.add_argument("number", metavar="NUMBER", help="the invoice number")
    paid.set_defaults(handler=run_mark_paid)

    listing = actions.add_parser(
        "list", parents=[common, json_flag], help="payments, newest first"
    )
    listing.add_argument("--invoice", metavar="NUMBER", help="only this invoice's payments")
    listing.add_argument("--unmatched", action="store_true", help="only unplaced ones")
    listing.set_defaults(handler=run_list)

    unmatched = actions.add_parser(
        "unmatched", parents=[common, json_flag], help="payments waiting to be placed"
    )
    unmatched.set_defaults(handler=run_list, invoice=None, unmatched=True)

    bank = actions.add_parser("import", parents=[common, json_flag], help="import a bank file")
    bank.add_argument("file", metavar="FILE", type=Path, help="a BgMax or camt.053/054 file")
    bank.add_argument("--dry-run", action="store_true", help="show what would happen only")
    bank.add_argument("--allow-test", action="store_true", help="import a BgMax test file")
    bank.set_defaults(handler=run_import)

    match = actions.add_parser("match", parents=[common], help="place a payment on invoices")
    match.add_argument("payment", metavar="PAYMENT", type=int, help="the payment's id")
    match.add_argument(
        "targets", metavar="INVOICE[:AMOUNT]", nargs="+", help="invoices and their parts"
    )
    match.add_argument("--rate", type=_amount, help="convert the payment at this rate first")
    match.set_defaults(handler=run_match)

    credit = actions.add_parser("credit", parents=[common], help="unplaced rest to credit")
    credit.add_argument("payment", metavar="PAYMENT", type=int, help="the payment's id")
    credit.add_argument("--customer", metavar="NUMBER",
                        help="whose credit (default: the customer of its invoice)")  # fmt: skip
    credit.set_defaults(handler=run_credit)

    off = actions.add_parser("write-off", parents=[common, day], help="write off a small rest")
    off.add_argument("number", metavar="NUMBER", help="the invoice number")
    off.add_argument("--reason", default="", help="why, for the books")
    off.set_defaults(handler=run_write_off)

    limit = actions.add_parser("write-off-limit", parents=[common], help="show or set the limit")
    limit.add_argument("amount", nargs="?", type=_amount, help="the new limit")
    limit.add_argument("--currency", default="SEK", help="for this currency (SEK)")
    limit.set_defaults(handler=run_limit)

    balance = actions.add_parser(
        "credit-balance", parents=[common, json_flag], help="a customer's credit"
    )
    balance.add_argument("customer", metavar="CUSTOMER", help="the customer number")
    balance.set_defaults(handler=run_balance)

    use = actions.add_parser("use-credit", parents=[common, day], help="pay from credit")
    use.add_argument("number", metavar="NUMBER", help="the invoice number")
    use.add_argument("--amount", type=_amount, help="how much (default: as much as fits)")
    use.set_defaults(handler=run_use_credit)

    refund = actions.add_parser("refund", parents=[common, day], help="credit paid back")
    refund.add_argument("customer", metavar="CUSTOMER", help="the customer number")
    refund.add_argument("--amount", type=_amount, required=True, help="the amount refunded")
    refund.add_argument("--currency", default="SEK", help="the credit's currency (SEK)")
    refund.add_argument("--note", default="", help="e.g. the bank transfer's reference")
    refund.set_defaults(handler=run_refund)


def run_add(args: argparse.Namespace, database) -> int:
    with database.writing() as session, _rate_option():
        invoice = _invoice(session, args.number)
        done = payments.register_payment(
            session,
            invoice.id,
            args.amount,
            payment_date=args.date or dt.date.today(),
            currency=args.currency,
            rate=args.rate,
            method=args.method,
            reference=args.reference,
        )
    print_json(registered_json(done)) if args.json else print_registered(done)
    return EXIT_OK


def run_mark_paid(args: argparse.Namespace, database) -> int:
    with database.writing() as session:
        invoice = _invoice(session, args.number)
        done = payments.mark_paid(session, invoice.id, payment_date=args.date or dt.date.today())
    print_json(registered_json(done)) if args.json else print_registered(done)
    return EXIT_OK


def run_list(args: argparse.Namespace, database) -> int:
    with database.reading() as session:
        invoice_id = _invoice(session, args.invoice).id if args.invoice else None
        views = list_payments(session, unmatched=args.unmatched, invoice_id=invoice_id)
    if args.json:
        print_json([payment_json(view) for view in views])
        return EXIT_OK
    if not views:
        print("No payments waiting." if args.unmatched else "No payments.")
        return EXIT_OK
    print_table(
        ["Id", "Date", "Amount", "Cur", "Method", "Payer", "Invoices", "Unplaced", "Note"],
        [
            [
                v.id,
                v.date,
                v.amount,
                v.currency,
                v.method,
                shorten(v.payer_name, 24),
                ", ".join(a.invoice_number for a in v.allocations),
                v.unallocated if v.unallocated else "",
                shorten(v.note, 50),
            ]
            for v in views
        ],
        right=(0, 2, 7),
    )
    return EXIT_OK


def run_import(args: argparse.Namespace, database) -> int:
    try:
        data = args.file.read_bytes()
    except OSError as error:
        raise CliError(f"{args.file}: {error.strerror or error}") from None
    try:
        if args.dry_run:
            with database.reading() as session:
                result: ImportPreview = preview_import(session, data, args.file.name)
        else:
            with database.writing() as session:
                result = import_bank_file(
                    session, data, args.file.name, allow_test=args.allow_test
                )
    except BankFileError as error:
        raise CliError(f"{args.file}: {error}; nothing was imported") from None
    print_json(import_json(result)) if args.json else print_import(result, args.dry_run)
    if args.dry_run and result.is_test and not args.allow_test:
        # The dry run must not promise what the import will refuse.
        print("note: a test file is imported only with --allow-test", file=sys.stderr)
    return EXIT_OK


def run_match(args: argparse.Namespace, database) -> int:
    with database.writing() as session, _rate_option():
        parts = [_target(session, text) for text in args.targets]
        placed = place_payment(session, args.payment, parts, rate=args.rate)
    for part in placed:
        print(
            f"{part.amount} {part.currency} to invoice {part.invoice_number}; "
            f"{part.remaining} left on it."
        )
    return EXIT_OK


def run_credit(args: argparse.Namespace, database) -> int:
    with database.writing() as session:
        view = _payment(session, args.payment)
        if args.customer:
            customer_id = _customer(session, args.customer).id
        elif view.allocations:
            invoice = get_by_number(session, view.allocations[0].invoice_number)
            customer_id = invoice.customer_id
        else:
            raise CliError(f"payment {args.payment} names no invoice: give --customer NUMBER")
        amount = customer_credit.payment_to_credit(session, args.payment, customer_id)
    print(f"{amount} {view.booking_currency} of payment {args.payment} is now customer credit.")
    return EXIT_OK


def run_write_off(args: argparse.Namespace, database) -> int:
    with database.writing() as session:
        invoice = _invoice(session, args.number)
        try:
            done = write_off(
                session, invoice.id, on_date=args.date or dt.date.today(), reason=args.reason
            )
        except OverWriteOffLimit as error:
            raise CliError(
                f"{error}; set it with `finqr payments write-off-limit AMOUNT "
                f"--currency {error.currency}`"
            ) from None
    print(f"Wrote off {done.amount} {done.currency} of invoice {done.invoice_number}.")
    return EXIT_OK


def run_limit(args: argparse.Namespace, database) -> int:
    if args.amount is not None:
        with database.writing() as session:
            set_write_off_limit(session, args.currency, args.amount)
    with database.reading() as session:
        limits = write_off_limits(session)
    for currency, amount in sorted(limits.items()):
        print(f"{currency} {amount}")
    return EXIT_OK


def run_balance(args: argparse.Namespace, database) -> int:
    with database.reading() as session:
        customer = _customer(session, args.customer)
        number = customer.number
        balances = customer_credit.balances(session, customer.id)
    if args.json:
        print_json({"customer": number, "credit": {c: str(a) for c, a in balances.items()}})
    elif not balances:
        print(f"Customer {number} has no credit.")
    else:
        for currency, amount in sorted(balances.items()):
            print(f"{currency} {amount}")
    return EXIT_OK


def run_use_credit(args: argparse.Namespace, database) -> int:
    with database.writing() as session:
        invoice = _invoice(session, args.number)
        number, currency = invoice.number, invoice.currency
        used = customer_credit.use_credit(
            session,
            invoice.customer_id,
            invoice.id,
            on_date=args.date or dt.date.today(),
            amount=args.amount,
        )
    print(f"{used} {currency} of the customer's credit paid invoice {number}.")
    return EXIT_OK


def run_refund(args: argparse.Namespace, database) -> int:
    with database.writing() as session:
        customer = _customer(session, args.customer)
        number = customer.number
        amount = customer_credit.refund_credit(
            session,
            customer.id,
            args.amount,
            args.currency.upper(),
            on_date=args.date or dt.date.today(),
            note=args.note,
        )
    print(f"Refunded {amount} {args.currency.upper()} of customer {number}'s credit.")
    return EXIT_OK


def _target(session, text: str):
    number, _, amount = text.partition(":")
    invoice = _invoice(session, number)
    if not amount:
        return invoice.id, None
    try:
        return invoice.id, parse_decimal_text(amount)
    except MoneyError as error:
        raise CliError(f"{text}: {error}") from None


def _invoice(session, number: str):
    record = get_by_number(session, number.strip())
    if record is None:
        raise CliError(f"no invoice {number}")
    return record


def _customer(session, number: str):
    record = find_customer(session, number.strip())
    if record is None:
        raise CliError(f"no customer {number}")
    return record


def _payment(session, payment_id: int):
    view = get_payment(session, payment_id)
    if view is None:
        raise CliError(f"no payment {payment_id}")
    return view


def _amount(text: str):
    try:
        return parse_decimal_text(text)
    except MoneyError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


@contextmanager
def _rate_option() -> Iterator[None]:
    """A missing or wrong rate is named as the option that gives it, ``--rate``."""
    try:
        yield
    except ValidationFailed as error:
        problems = [
            Problem("--rate", p.message, p.row) if p.field == "rate" else p for p in error.problems
        ]
        raise ValidationFailed(problems) from None
