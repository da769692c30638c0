"""Send 500 due reminders, each with its PDF, to a local SMTP server; print messages a second.

The server is aiosmtpd in its own process (a sink that accepts and discards), so the
figure is the engine's: enqueueing, claiming each item with a lease, building the e-mail
and the reminder PDF, sending over one reused connection, and marking it sent, every step
its own transaction as in production. Target (issue 4): ≥ 50 messages a second.

    .venv/bin/python benchmarks/bench_send.py [--count 500] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import os
import pstats
import socket
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import delete, func, select, update  # noqa: E402

from finqr_desktop.documents import qr  # noqa: E402
from finqr_desktop.domain.invoice import DraftLine, InvoiceDraft  # noqa: E402
from finqr_desktop.domain.parties import Address, Company, Customer  # noqa: E402
from finqr_desktop.domain.vat import SWEDEN  # noqa: E402
from finqr_desktop.mail.sender import SmtpSender  # noqa: E402
from finqr_desktop.mail.settings import SmtpSettings  # noqa: E402
from finqr_desktop.services import (  # noqa: E402
    company,
    customers,
    invoices,
    mail_builders,
    outbox,
    reminder_mail,
    scheduler,
)
from finqr_desktop.services.ledger import open_ledger  # noqa: E402
from finqr_desktop.services.mail_settings import set_smtp_settings  # noqa: E402
from finqr_desktop.services.reminder_settings import set_reminder_mode  # noqa: E402
from finqr_desktop.storage.models import InvoiceRow, OutboxRow  # noqa: E402

# Where the time goes: each stage's own clock, wrapped around the function that does it.
STAGES = [
    (outbox, "enqueue_due", "enqueue what is due"),
    (outbox, "claim_batch", "claim (a batch a transaction)"),
    (mail_builders, "build_mail", "build the e-mail, in all"),
    (reminder_mail, "render_pdf", "  of which the reminder PDF"),
    (qr, "qr_path", "    of which its payment QR code"),
    (reminder_mail, "compose", "  of which the MIME message"),
    (SmtpSender, "send_data", "send (MAIL/RCPT/DATA)"),
    (outbox, "mark_sent", "mark sent (own transaction)"),
]
NOW = dt.datetime(2026, 12, 4, 10, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
DAY = dt.date(2026, 9, 1)


def prepare(folder: Path, count: int, port: int):
    """``count`` issued invoices, each with its first reminder due at NOW."""
    database = open_ledger(f"sqlite:///{folder / 'bench.sqlite3'}")
    high = SWEDEN.lookup("25", DAY)
    with database.writing() as session:
        company.save_company(
            session, Company("Bench AB", org_number="556677-8899", bankgiro="5402-9681",
                             address=Address("Storgatan 1", "111 22", "Stockholm"),
                             email="faktura@bench.example")
        )  # fmt: skip
        for n in range(50):
            customers.add_customer(
                session, Customer(str(1001 + n), f"Kund {n} AB", address=Address("Gatan 1"),
                                  emails=[f"ekonomi{n}@kund.example"])
            )  # fmt: skip
        drafts = [
            invoices.save_draft(
                session,
                InvoiceDraft(
                    customer_number=str(1001 + i % 50), currency="SEK", issue_date=DAY,
                    lines=[DraftLine("Konsulttimmar", Decimal(3 + i % 7), Decimal("950"), high)],
                ),
            ).id
            for i in range(count)
        ]  # fmt: skip
        for _record in invoices.issue_invoices(session, drafts):
            pass
        session.execute(update(InvoiceRow).values(due_date=dt.date(2026, 10, 23)))
        # Only the reminders are measured; the invoices' own e-mails went out long ago.
        session.execute(delete(OutboxRow).where(OutboxRow.kind == "invoice"))
        set_smtp_settings(session, SmtpSettings(
            host="127.0.0.1", port=port, security="none",
            sender_address="faktura@bench.example", sender_name="Bench AB",
        ))  # fmt: skip
        set_reminder_mode(session, "automatic")
    return database


def sink_server() -> tuple[subprocess.Popen, int]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}",
         "-c", "aiosmtpd.handlers.Sink"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server, port
        except OSError:
            time.sleep(0.05)
    server.kill()
    raise SystemExit("the aiosmtpd sink did not start")


def time_stages() -> dict[str, float]:
    """Wrap each stage's function in a stopwatch; the dict fills in as the run goes."""
    spent = dict.fromkeys((label for _, _, label in STAGES), 0.0)

    def wrap(function, label):
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[label] += time.perf_counter() - start

        return timed

    for owner, name, label in STAGES:
        setattr(owner, name, wrap(getattr(owner, name), label))
    return spent


def one_run(args, port: int, *, parallel: bool, profile=None) -> float:
    """A fresh ledger with ``args.count`` due reminders, sent in one run; the seconds."""
    with tempfile.TemporaryDirectory() as folder:
        database = prepare(Path(folder), args.count, port)
        start = time.perf_counter()
        if profile:
            profile.enable()
        report = scheduler.send_due(
            database, now=NOW, owner="bench", password=None,
            parallel_from=1 if parallel else args.count + 1,
        )  # fmt: skip
        if profile:
            profile.disable()
        elapsed = time.perf_counter() - start
        with database.reading() as session:
            sent = session.scalar(select(func.count()).where(OutboxRow.status == "sent"))
        database.dispose()
    if report.sent != args.count or sent != args.count:
        raise SystemExit(f"only {report.sent} of {args.count} were sent: {report.problems[:3]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--profile", action="store_true", help="print where the time goes")
    args = parser.parse_args()
    server, port = sink_server()
    try:
        parallel = one_run(args, port, parallel=True)
        # The stage clocks wrap functions in this process, so they time the run that
        # builds here; they would not see the worker processes' building.
        spent = time_stages()
        profile = cProfile.Profile() if args.profile else None
        here = one_run(args, port, parallel=False, profile=profile)
    finally:
        server.terminate()
        server.wait()
    workers = min((os.cpu_count() or 1) - 1, mail_builders.MAX_WORKERS)
    print(f"sent {args.count} reminders (each with its PDF) to a local aiosmtpd sink, "
          f"SQLite WAL, {os.cpu_count()} cores")  # fmt: skip
    for label, elapsed in ((f"built in {workers} worker process(es)", parallel),
                           ("built in the sending process", here)):  # fmt: skip
        print(f"  {label:34s} {args.count / elapsed:6.1f} messages/s "
              f"({elapsed:.2f} s, {1000 * elapsed / args.count:.1f} ms a message)")  # fmt: skip
    print("  target: >= 50 messages/s")
    print("  where the time goes when built in the sending process:")
    for label, seconds in spent.items():
        print(f"    {label:34s} {1000 * seconds / args.count:6.1f} ms a message")
    if profile:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(35)


if __name__ == "__main__":
    main()
