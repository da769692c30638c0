"""`finqr demo`: fill an empty database with the demo company, to try things on."""

from __future__ import annotations

import argparse
import datetime as dt
import logging

from ..services import customers as customer_service
from ..services.demo import build_demo
from ..services.invoice_list import ListQuery, invoice_ids
from .database_urls import shown_database
from .errors import EXIT_OK

logger = logging.getLogger(__name__)


def register(commands, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "demo",
        parents=[common],
        help="fill an empty database with a demo company",
        description="Create a demo company with about 20 customers and 200 invoices over "
        "the last six months, some of them overdue. Only for an empty database: use "
        "--database to point at a new file.",
    )
    parser.add_argument(
        "--seed", type=int, default=2026, help="another seed gives another demo (default 2026)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, database) -> int:
    today = dt.date.today()
    with database.writing() as session:
        build_demo(session, today=today, seed=args.seed)
        customers = len(customer_service.list_customers(session))
        invoices = len(invoice_ids(session, ListQuery(), today))
    print(f"Demo ledger created: {customers} customers, {invoices} invoices and credit notes.")
    # Without the password: the keyring or FINQR_DB_PASSWORD gives it, and a terminal's
    # scroll-back is no place for it.
    where = (
        f" --database {shown_database(args.database)}" if getattr(args, "database", None) else ""
    )
    print(f"Try: finqr invoice list --status overdue{where}")
    return EXIT_OK
