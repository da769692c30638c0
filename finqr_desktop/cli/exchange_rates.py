"""`finqr rates list | set | remove`: the exchange-rate table the dashboard and reports use.

The same table as the dashboard's "Exchange rates…" dialog: company-currency units per one
unit of another currency, each from a day on. ``list`` also shows the rate each currency
is converted at today, marked when it is a payment's own: the latest of the table's rows
and the converted payments on or before the day (a row from a later day waits for it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging

from ..services import exchange_rates
from .errors import EXIT_OK, CliError
from .output import print_json, print_table
from .reports import date_argument

logger = logging.getLogger(__name__)


def register(commands, common: argparse.ArgumentParser) -> None:
    group = commands.add_parser(
        "rates", parents=[common], help="exchange rates into the company's currency"
    )
    actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)

    listing = actions.add_parser(
        "list",
        parents=[common],
        help="the entered rates and the rate in force today per currency",
        description="Every rate entered, newest first per currency, then the rate each "
        "currency is converted at today: the latest of the table and payments' own rates "
        "valid on or before today. A report as of another day converts at that day's.",
    )
    listing.add_argument("--json", action="store_true", help="JSON for scripts")
    listing.set_defaults(handler=run_list)

    setting = actions.add_parser(
        "set",
        parents=[common],
        help="enter or replace a rate",
        description="Enter how many units of the company's currency one unit of CURRENCY "
        "is worth from a day on, e.g. `finqr rates set EUR 11.52 --from 2026-12-01`. A rate "
        "for the same currency and day is replaced.",
    )
    setting.add_argument("currency", help="ISO 4217 code, e.g. EUR")
    setting.add_argument("rate", help="company-currency units per unit, e.g. 11.52")
    setting.add_argument(
        "--from", dest="valid_from", type=date_argument, help="YYYY-MM-DD (today)"
    )
    setting.set_defaults(handler=run_set)

    removing = actions.add_parser(
        "remove",
        parents=[common],
        help="remove one entered rate",
        description="Remove the rate of CURRENCY entered from the given day.",
    )
    removing.add_argument("currency", help="ISO 4217 code, e.g. EUR")
    removing.add_argument(
        "--from", dest="valid_from", type=date_argument, required=True, help="YYYY-MM-DD"
    )
    removing.set_defaults(handler=run_remove)


def run_list(args: argparse.Namespace, database) -> int:
    with database.reading() as session:
        entered = exchange_rates.entered_rates(session)
        latest = exchange_rates.rates_on(session, dt.date.today())
    if args.json:
        print_json(
            {
                "company_currency": latest.company_currency,
                "day": latest.day.isoformat(),
                "entered": [
                    {
                        "currency": r.currency,
                        "valid_from": r.valid_from.isoformat(),
                        "rate": r.rate,
                    }
                    for r in entered
                ],
                "latest": [
                    {
                        "currency": used.currency,
                        "rate": used.rate,
                        "valid_from": used.valid_from.isoformat(),
                        "source": used.source,
                    }
                    for used in sorted(latest.latest.values(), key=lambda u: u.currency)
                ],
            }
        )
        return EXIT_OK
    if not entered and not latest.latest:
        print("No exchange rates yet: enter one with `finqr rates set EUR 11.52`.")
        return EXIT_OK
    if entered:
        print(f"Entered rates ({latest.company_currency} per unit):")
        print_table(
            ["Currency", "From", "Rate"],
            [(r.currency, r.valid_from.isoformat(), r.rate) for r in entered],
            right=[2],
        )
    if not latest.latest:
        print(f"No rate is in force on {latest.day.isoformat()} yet.")
        return EXIT_OK
    print(f"Converted today ({latest.day.isoformat()}) at:")
    print_table(
        ["Currency", "Rate", "From", "Source"],
        [
            (u.currency, u.rate, u.valid_from.isoformat(), _source_name(u.source))
            for u in sorted(latest.latest.values(), key=lambda u: u.currency)
        ],
        right=[1],
    )
    return EXIT_OK


def run_set(args: argparse.Namespace, database) -> int:
    valid_from = args.valid_from or dt.date.today()
    with database.writing() as session:
        exchange_rates.add_rate(session, args.currency, valid_from, args.rate)
        home = exchange_rates.company_currency(session)
    code = args.currency.strip().upper()
    print(f"1 {code} = {args.rate.strip()} {home} from {valid_from.isoformat()}.")
    return EXIT_OK


def run_remove(args: argparse.Namespace, database) -> int:
    code = args.currency.strip().upper()
    with database.writing() as session:
        removed = exchange_rates.remove_rate(session, code, args.valid_from)
    if not removed:
        raise CliError(f"no {code} rate entered from {args.valid_from.isoformat()}")
    print(f"Removed the {code} rate from {args.valid_from.isoformat()}.")
    return EXIT_OK


def _source_name(source: str) -> str:
    return {"table": "entered", "payment": "a payment's rate"}.get(source, source)
