"""The whole dashboard over 100,000 invoices and 80,000 payments (target ≤ 300 ms).

Invoices are issued over two years up to today and due 30 days later; each of 500
customers pays with a habit of its own (from a few days early to six weeks late), 80,000
invoices are paid by a payment each (allocation included), the rest are open. One invoice
in fifty is in euro (with a rate in the table), most state a delivery date, and invoices
paid or still open more than ten days late got a first reminder (a second after 25 days),
each in the outbox and the message log as sending records them, next to every invoice's
own e-mail.

The first run is timed cold, in a process that has only opened the ledger. Measured in the
same run for comparison: the straightforward way, loading every issued invoice with its
allocations and payments and adding up in Python.

    .venv/bin/python benchmarks/bench_dashboard.py [--invoices N] [--payments N] [--ledger FILE]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, select  # noqa: E402

from finqr_desktop.domain.parties import Address, Company  # noqa: E402
from finqr_desktop.services import company, exchange_rates  # noqa: E402
from finqr_desktop.services.dashboard import dashboard_figures  # noqa: E402
from finqr_desktop.services.ledger import open_ledger  # noqa: E402
from finqr_desktop.storage.models import (  # noqa: E402
    CustomerRow,
    InvoiceRow,
    MessageLogRow,
    OutboxRow,
    PaymentAllocationRow,
    PaymentRow,
)

TODAY = dt.date(2026, 12, 4)
CUSTOMERS = 500
OPEN_SHARE = 0.14
BATCH = 20_000


def build(path: Path, count: int, paid_target: int, seed: int = 13):
    database = open_ledger(f"sqlite:///{path}")
    rng = random.Random(seed)
    habits = [rng.randint(-5, 40) for _ in range(CUSTOMERS)]
    start = TODAY - dt.timedelta(days=730)
    with database.writing() as session:
        company.save_company(
            session, Company("Stor Handel AB", org_number="556677-8899", bankgiro="5402-9681",
                             address=Address("Storgatan 1", "111 22", "Stockholm"))
        )  # fmt: skip
        exchange_rates.add_rate(session, "EUR", TODAY - dt.timedelta(days=3), "11.52")
        session.execute(
            insert(CustomerRow),
            [{"number": str(10001 + n), "name": f"Kund {n:05d} AB", "emails": [], "tags": []}
             for n in range(CUSTOMERS)],
        )  # fmt: skip
        rows: dict[str, list] = {
            "invoices": [], "payments": [], "allocations": [], "log": [], "outbox": []
        }  # fmt: skip
        paid = 0
        for n in range(count):
            customer = rng.randrange(CUSTOMERS)
            issued = start + dt.timedelta(days=n * 730 // count)
            due = issued + dt.timedelta(days=30)
            total = rng.randint(10_000, 5_000_000)
            pay_day = due + dt.timedelta(days=habits[customer] + rng.randint(-3, 3))
            is_paid = pay_day <= TODAY and paid < paid_target and rng.random() >= OPEN_SHARE
            rows["invoices"].append(
                {"id": n + 1, "kind": "invoice", "number": f"{issued.year}-{n + 1:06d}",
                 "is_draft": False, "customer_id": customer + 1,
                 "currency": "EUR" if n % 50 == 7 else "SEK", "issue_date": issued,
                 "delivery_date": issued - dt.timedelta(days=rng.randint(0, 10))
                 if n % 5 else None,
                 "due_date": due, "buyer": {}, "total_minor": total,
                 "paid_minor": total if is_paid else 0}
            )  # fmt: skip
            _sent(rows, n + 1, "invoice", 0, issued)
            if is_paid:
                paid += 1
                rows["payments"].append(
                    {"id": paid, "payment_date": pay_day, "amount_minor": total,
                     "currency": rows["invoices"][-1]["currency"], "method": "bgmax",
                     "unallocated_minor": 0}
                )  # fmt: skip
                rows["allocations"].append(
                    {"payment_id": paid, "invoice_id": n + 1, "amount_minor": total}
                )
            late_until = pay_day if is_paid else TODAY
            for level, after in ((1, 10), (2, 25)):
                if due + dt.timedelta(days=after) < late_until:
                    _sent(rows, n + 1, "reminder", level, due + dt.timedelta(days=after))
            if len(rows["invoices"]) >= BATCH:
                _flush(session, rows)
        _flush(session, rows)
    # No ANALYZE: the app never runs it, so SQLite plans here as on a user's ledger, from
    # the statements and the schema alone.
    return database


def _sent(rows: dict[str, list], invoice_id: int, kind: str, level: int, day: dt.date) -> None:
    """A message that went: its outbox row and its line in the message log, as sending
    writes them."""
    moment = dt.datetime.combine(day, dt.time(8))
    rows["outbox"].append({"invoice_id": invoice_id, "kind": kind, "level": level,
                           "planned_at": moment, "status": "sent", "sent_at": moment})  # fmt: skip
    rows["log"].append({"invoice_id": invoice_id, "kind": kind, "level": level,
                        "recipients": [], "message_id": "", "status": "sent", "error": "",
                        "sent_at": moment})  # fmt: skip


def _flush(session, rows: dict[str, list]) -> None:
    for key, model in (("invoices", InvoiceRow), ("payments", PaymentRow),
                       ("allocations", PaymentAllocationRow), ("outbox", OutboxRow),
                       ("log", MessageLogRow)):  # fmt: skip
        if rows[key]:
            session.execute(insert(model), rows[key])
            rows[key].clear()


def straightforward(session, today: dt.date) -> dict:
    """Every issued invoice loaded with its payments; Python adds up the aging and the
    customers' delays. Far less than the dashboard: it shows what reading the ledger into
    objects costs, not a second implementation of every figure."""
    buckets: dict[str, int] = {}
    delays: dict[int, list[int]] = {}
    query = select(InvoiceRow).where(~InvoiceRow.is_draft)
    allocations: dict[int, dt.date] = {}
    for invoice_id, day in session.execute(
        select(PaymentAllocationRow.invoice_id, PaymentRow.payment_date).join(PaymentRow)
    ):
        allocations[invoice_id] = max(day, allocations.get(invoice_id, day))
    for record in session.scalars(query):
        rest = record.total_minor - record.credited_minor - record.paid_minor
        if rest > 0:
            days = (today - record.due_date).days
            key = "not_due" if days <= 0 else "1-30" if days <= 30 else "later"
            buckets[key] = buckets.get(key, 0) + rest
        elif record.id in allocations:
            late = (allocations[record.id] - record.due_date).days
            delays.setdefault(record.customer_id, []).append(late)
    return {"buckets": buckets, "medians": {c: statistics.median(d) for c, d in delays.items()}}


def timed(database, function, runs: int) -> tuple[list[float], list[float], object]:
    walls, cpus, result = [], [], None
    for _ in range(runs):
        with database.reading() as session:
            wall, cpu = time.perf_counter(), time.process_time()
            result = function(session, TODAY)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
    return walls, cpus, result


def report(label: str, walls: list[float], cpus: list[float]) -> None:
    rest = slice(1, None) if len(walls) > 1 else slice(None)
    print(
        f"{label} first {walls[0] * 1000:7.1f} ms (CPU {cpus[0] * 1000:6.1f}), median "
        f"{statistics.median(walls[rest]) * 1000:7.1f} ms (CPU "
        f"{statistics.median(cpus[rest]) * 1000:6.1f})"
    )


def print_figures(figures) -> None:
    top = figures.headline
    print(f"  outstanding {top.outstanding.amount} {figures.currency} ({top.open_count} open), "
          f"overdue {top.overdue.amount} ({top.overdue_count}), due in 7 days "
          f"{top.due_soon.amount} ({top.due_soon_count})")  # fmt: skip
    print(f"  DSO {figures.dso} days, delivery to invoice {figures.delivery_to_invoice.days} "
          f"days over {figures.delivery_to_invoice.count}")  # fmt: skip
    print("  aging: " + ", ".join(f"{b.key} {b.amount} ({b.count})"
                                  for b in figures.aging.buckets))  # fmt: skip
    weeks = figures.forecast.weeks
    print("  forecast: " + ", ".join(f"w{w.iso_week} {w.expected.amount:.0f}" for w in weeks[:4])
          + f", … later {figures.forecast.later.amount:.0f}")  # fmt: skip
    print("  reminders: " + ", ".join(f"level {r.level} {r.share} % of {r.reminded}"
                                      for r in figures.reminder_effect))  # fmt: skip
    worst = figures.late_payers[0] if figures.late_payers else None
    if worst:
        print(f"  latest payer {worst.name}: {worst.late.days} days late on average")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--invoices", type=int, default=100_000)
    parser.add_argument("--payments", type=int, default=80_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--ledger", type=Path, help="keep (and reuse) the ledger in this file")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.ledger, args.runs)
        return
    with tempfile.TemporaryDirectory() as folder:
        path = args.ledger or Path(folder) / "dashboard.sqlite3"
        if not path.exists():
            started = time.perf_counter()
            build(path, args.invoices, args.payments).dispose()
            print(f"built a ledger of {args.invoices} invoices in "
                  f"{time.perf_counter() - started:.1f} s")  # fmt: skip
        command = [sys.executable, __file__, "--ledger", str(path), "--runs", str(args.runs)]
        subprocess.run([*command, "--measure"], check=True)


def measure(path: Path, runs: int) -> None:
    database = open_ledger(f"sqlite:///{path}")
    walls, cpus, figures = timed(database, dashboard_figures, runs)
    with database.reading() as session:
        payments = session.scalar(select(PaymentRow.id).order_by(PaymentRow.id.desc()).limit(1))
    print(f"  {payments} payments; today {TODAY}")
    print_figures(figures)
    report("dashboard (SQL, grouped):    ", walls, cpus)
    slow = timed(database, straightforward, 1)
    report("every invoice loaded, Python:", slow[0], slow[1])
    verdict = "meets" if max(walls) <= 0.3 else "MISSES"
    print(f"target ≤ 300 ms: every run {verdict} it; slowest {max(walls) * 1000:.1f} ms")
    database.dispose()


if __name__ == "__main__":
    main()
