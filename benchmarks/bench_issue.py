"""Issue 10,000 invoices on SQLite and print invoices per second.

Two ways are measured in the same run: one transaction per invoice (what a clerk's
Issue button does) and one batch transaction (services.invoices.issue_invoices, what
batch issuing does). Target: ≥ 500 invoices a second.

    .venv/bin/python benchmarks/bench_issue.py [--count 10000]
    .venv/bin/python benchmarks/bench_issue.py --compare-synchronous [--count 1000]

``--compare-synchronous`` measures what SQLite's synchronous FULL (every commit flushed to
disk, the app's setting) costs against NORMAL, one ledger each, in the same run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from finqr_desktop.domain.invoice import DraftLine, InvoiceDraft  # noqa: E402
from finqr_desktop.domain.parties import Address, Company, Customer  # noqa: E402
from finqr_desktop.domain.vat import SWEDEN  # noqa: E402
from finqr_desktop.services import company, customers, invoices  # noqa: E402
from finqr_desktop.services.ledger import open_ledger  # noqa: E402
from finqr_desktop.storage import database as database_module  # noqa: E402

DAY = dt.date(2026, 12, 4)


def prepare(folder: Path, count: int):
    database = open_ledger(f"sqlite:///{folder / 'bench.sqlite3'}")
    high, low = SWEDEN.lookup("25", DAY), SWEDEN.lookup("12", DAY)
    with database.writing() as session:
        company.save_company(
            session, Company("Bench AB", org_number="556677-8899", bankgiro="5402-9681")
        )
        for n in range(50):
            customers.add_customer(
                session, Customer(str(1001 + n), f"Kund {n} AB", address=Address("Gatan 1"))
            )
    ids = []
    with database.writing() as session:
        for i in range(count):
            draft = InvoiceDraft(
                customer_number=str(1001 + i % 50),
                currency="SEK",
                issue_date=DAY,
                lines=[
                    DraftLine("Konsulttimmar", Decimal(3 + i % 7), Decimal("950.00"), high, "h"),
                    DraftLine("Material", Decimal(2), Decimal("129.90"), low, "st", Decimal(5)),
                    DraftLine("Resa", Decimal(1), Decimal("450.00"), high),
                ],
                round_to_whole=i % 2 == 0,
            )
            ids.append(invoices.save_draft(session, draft).id)
    return database, ids


def issue_one_per_transaction(database, ids) -> float:
    start = time.perf_counter()
    for invoice_id in ids:
        with database.writing() as session:
            invoices.issue_invoice(session, invoice_id)
    return time.perf_counter() - start


def issue_as_a_batch(database, ids) -> float:
    start = time.perf_counter()
    with database.writing() as session:
        for _record in invoices.issue_invoices(session, ids):
            pass
    return time.perf_counter() - start


def compare_synchronous(count: int) -> None:
    """Each setting on a ledger of its own, twice in turn, so a drift of the machine's load
    falls on both."""
    half = count // 2
    print(f"issuing {half} invoices one per transaction, then {count - half} as a batch")
    for synchronous in ("NORMAL", "FULL", "NORMAL", "FULL"):
        database_module.SQLITE_SYNCHRONOUS = synchronous
        with tempfile.TemporaryDirectory() as folder:
            database, ids = prepare(Path(folder), count)
            single = issue_one_per_transaction(database, ids[:half])
            batch = issue_as_a_batch(database, ids[half:])
            database.dispose()
        print(f"  synchronous {synchronous:6}  one per transaction {single / half * 1000:6.2f} ms "
              f"each   batch {(count - half) / batch:6.0f} invoices/s")  # fmt: skip
    database_module.SQLITE_SYNCHRONOUS = "FULL"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--compare-synchronous", action="store_true")
    args = parser.parse_args()
    if args.compare_synchronous:
        compare_synchronous(args.count)
        return
    half = args.count // 2
    with tempfile.TemporaryDirectory() as folder:
        database, ids = prepare(Path(folder), args.count)
        single = issue_one_per_transaction(database, ids[:half])
        batch = issue_as_a_batch(database, ids[half:])
        database.dispose()
    print(f"issued {args.count} invoices (3 lines each) on SQLite, WAL")
    print(f"  one transaction per invoice: {half / single:8.0f} invoices/s ({single:.2f} s)")
    print(f"  one batch (issue_invoices):  {(args.count - half) / batch:8.0f} invoices/s "
          f"({batch:.2f} s)")  # fmt: skip
    print("  target: >= 500 invoices/s")


if __name__ == "__main__":
    main()
