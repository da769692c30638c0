"""The reminder queue over 1,000,000 invoices in SQLite (target ≤ 0.5 s).

Most invoices are paid or not yet due; a few thousand are open and overdue. Measured in
the same run: ``services.reminder_queue.queue`` (the partial index of open invoices by due
date) and, for comparison, the straightforward way: load every open invoice with its
customer and let Python decide which are due.

    .venv/bin/python benchmarks/bench_queue.py [--count N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, select, text  # noqa: E402

from finqr_desktop.domain.money import from_minor  # noqa: E402
from finqr_desktop.domain.reminder_plan import InvoiceFacts  # noqa: E402
from finqr_desktop.domain.reminder_queue import ReminderCase, build_queue  # noqa: E402
from finqr_desktop.services.invoice_views import open_filter  # noqa: E402
from finqr_desktop.services.ledger import open_ledger  # noqa: E402
from finqr_desktop.services.reminder_queue import queue  # noqa: E402
from finqr_desktop.services.reminder_settings import reminder_policy  # noqa: E402
from finqr_desktop.storage.models import CustomerRow, InvoiceRow  # noqa: E402

TODAY = dt.date(2026, 12, 4)
CUSTOMERS = 500
OPEN_SHARE = 0.003


def build(path: Path, count: int, seed: int = 11):
    """Invoices issued over two years up to today, due 30 days later; all but a few of
    those due by now are paid, those due later are not."""
    database = open_ledger(f"sqlite:///{path}")
    rng = random.Random(seed)
    start = TODAY - dt.timedelta(days=730)
    with database.writing() as session:
        session.execute(
            insert(CustomerRow),
            [
                {"number": str(10001 + n), "name": f"Kund {n:05d} AB", "emails": [], "tags": [],
                 "kind": "person" if n % 3 else "company"}
                for n in range(CUSTOMERS)
            ],
        )  # fmt: skip
        rows = []
        for n in range(count):
            issued = start + dt.timedelta(days=n * 730 // count)
            due = issued + dt.timedelta(days=30)
            total = rng.randint(10_000, 5_000_000)
            paid = due <= TODAY + dt.timedelta(days=6) and rng.random() >= OPEN_SHARE
            rows.append(
                {"kind": "invoice", "number": f"{issued.year}-{n + 1:07d}", "is_draft": False,
                 "customer_id": 1 + rng.randrange(CUSTOMERS), "currency": "SEK",
                 "issue_date": issued, "due_date": due, "buyer": {}, "total_minor": total,
                 "paid_minor": total if paid else 0}
            )  # fmt: skip
            if len(rows) == 20_000:
                session.execute(insert(InvoiceRow), rows)
                rows = []
        if rows:
            session.execute(insert(InvoiceRow), rows)
    with database.engine.connect() as connection:
        connection.exec_driver_sql("ANALYZE")
    return database


def straightforward(session, today: dt.date) -> list:
    """Every open invoice loaded with its customer; Python keeps the remindable ones."""
    policy = reminder_policy(session)
    cases = []
    for record in session.scalars(select(InvoiceRow).where(open_filter())):
        customer = record.customer
        remaining = record.total_minor - record.credited_minor - record.paid_minor
        facts = InvoiceFacts(
            id=record.id, number=record.number, customer_kind=customer.kind,
            fee_agreed=customer.reminder_fee_agreed, paused=customer.reminders_paused,
            disputed=record.disputed, due_date=record.due_date,
            total=from_minor(record.total_minor, record.currency),
            remaining=from_minor(remaining, record.currency),
        )  # fmt: skip
        cases.append(ReminderCase(facts, (), policy))
    return build_queue(cases, today)


def timed(database, function, runs: int) -> tuple[list[float], int]:
    times, size = [], 0
    for _ in range(runs):
        with database.reading() as session:
            started = time.perf_counter()
            size = len(function(session, TODAY))
            times.append(time.perf_counter() - started)
    return times, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        database = build(Path(folder) / "big.sqlite3", args.count)
        print(f"built a ledger of {args.count} invoices in {time.perf_counter() - started:.1f} s")
        with database.reading() as session:
            open_count = session.scalar(
                select(text("count(*)")).select_from(InvoiceRow).where(open_filter())
            )
        print(f"  open: {open_count} (the rest paid); the queue looks 14 days ahead of {TODAY}")

        fast, size = timed(database, queue, args.runs)
        print(f"queue (partial index):   first {fast[0] * 1000:7.1f} ms, "
              f"median {statistics.median(fast) * 1000:7.1f} ms, {size} items")  # fmt: skip
        slow, slow_size = timed(database, straightforward, max(1, args.runs // 2))
        print(f"all open loaded, Python: first {slow[0] * 1000:7.1f} ms, "
              f"median {statistics.median(slow) * 1000:7.1f} ms, {slow_size} items")  # fmt: skip
        # The first run also pays for warming caches (holiday calendars, compiled SQL).
        verdict = "meets" if statistics.median(fast) <= 0.5 else "MISSES"
        print(f"target ≤ 500 ms: the median {verdict} it; slowest run {max(fast) * 1000:.1f} ms")
        database.dispose()


if __name__ == "__main__":
    main()
