"""`finqr scheduler run` as a real process: killed mid-batch, restarted, stopped by SIGTERM.

The SMTP server on loopback holds one chosen message until the test has done its worst to
the daemon, so the kill always lands on a message in flight rather than at a moment left
to timing. The test then reasons about that one message: it may have reached the server
(the server stored it, its reply never reached the dead client) or not; either way every
other message arrives exactly once.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from email import message_from_bytes
from email.policy import default

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import delete, select, update

from finqr_desktop.cli.scheduler import one_run
from finqr_desktop.mail.settings import SmtpSettings
from finqr_desktop.services import outbox, reminder_mail
from finqr_desktop.services.mail_settings import set_smtp_settings
from finqr_desktop.services.reminder_queue import queue
from finqr_desktop.storage.database import Database
from finqr_desktop.storage.models import InvoiceRow, MessageLogRow, OutboxRow

from ..mail.server import PASSWORD, USER, RecordingHandler, authenticator, free_port, start
from ..services.helpers import issue_new

DUE = dt.date(2026, 10, 23)
# A Monday in the past: the approved reminders are due whenever the suite runs.
APPROVED_ON = dt.date(2026, 11, 16)
# Reminders go out on bank days only, so the runs here count the time as a Monday morning
# in Stockholm (a bank day after APPROVED_ON), whatever day the suite runs on; the clock
# still moves, so leases expire as they would.
BANK_DAY_MORNING = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)
# The daemon as a real process with that clock: cli.mail.now is the one clock of its runs.
SHIFTED_CLOCK = (
    "import datetime as dt, sys\n"
    "import finqr_desktop.cli.mail as mail\n"
    "offset = dt.timedelta(seconds=float(sys.argv[1]))\n"
    "real_now = mail.now\n"
    "mail.now = lambda: real_now() + offset\n"
    "from finqr_desktop.cli.main import main\n"
    "sys.exit(main(sys.argv[2:]))\n"
)


_offset: list[float] = [0.0]  # seconds, fixed once per test so that time never goes back


def clock_offset() -> float:
    return _offset[0]


@pytest.fixture(autouse=True)
def bank_day_clock(monkeypatch):
    """In-process runs (one_run) count the time from the same bank-day morning as every
    daemon the test starts."""
    from finqr_desktop.cli import mail

    _offset[0] = (BANK_DAY_MORNING - dt.datetime.now(dt.UTC)).total_seconds()
    offset = dt.timedelta(seconds=_offset[0])
    real_now = mail.now
    monkeypatch.setattr(mail, "now", lambda: real_now() + offset)


INVOICES = 30
HELD = 10  # the 11th message is the one in flight
GUARD_SECONDS = 90  # only against a hung process; nothing is asserted about speed


@dataclass
class HoldingHandler(RecordingHandler):
    """Slows every message down and holds the one after ``hold_after`` until ``release``.

    ``stored``: the held message is stored before it is held (the server has it, the
    client will never hear so), else it is dropped once released, as if the client had
    died before the end of DATA.
    """

    hold_after: int = HELD
    stored: bool = True
    pause: float = 0.02
    released: threading.Event = field(default_factory=threading.Event)
    held: bool = False
    held_subject: str = ""

    def release(self) -> None:
        self.released.set()

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(self.pause)
        if self.held or len(self.received) < self.hold_after:
            return await super().handle_DATA(server, session, envelope)
        self.held = True
        self.held_subject = str(message_from_bytes(envelope.content, policy=default)["Subject"])
        reply = await super().handle_DATA(server, session, envelope) if self.stored else None
        while not self.released.is_set():
            await asyncio.sleep(0.01)
        return reply or "451 try again later"

    @property
    def is_holding(self) -> bool:
        return self.held and not self.released.is_set()


def due_reminders(database, port: int, count: int = INVOICES, **smtp) -> list[str]:
    """``count`` invoices whose first reminder the clerk approved; their numbers."""
    settings = SmtpSettings(
        host="127.0.0.1", port=port, security="none", sender_address="faktura@exempel.se",
        sender_name="Exempel Handel AB", timeout=30, **smtp,
    )  # fmt: skip
    numbers = [issue_new(database, customer=("1001", "1002")[n % 2], issue_date="2026-09-01")
               for n in range(count)]  # fmt: skip
    with database.writing() as session:
        set_smtp_settings(session, settings)
        session.execute(update(InvoiceRow).values(due_date=DUE))
        # The invoices' own e-mails went out when they were issued; not this test's concern.
        session.execute(delete(OutboxRow).where(OutboxRow.kind == "invoice"))
        items = queue(session, APPROVED_ON)
        assert sorted(item.invoice_number for item in items) == sorted(numbers)
        outbox.approve(session, items)
    return numbers


def daemon(database_url: str, *options: str, password: str | None = None) -> subprocess.Popen:
    command = [sys.executable, "-c", SHIFTED_CLOCK, str(clock_offset()), "scheduler", "run",
               "--database", database_url, "--interval", "1", *options]  # fmt: skip
    # Standard input is a pipe holding the password (or nothing) and then closed.
    read_end, write_end = os.pipe()
    os.write(write_end, f"{password}\n".encode() if password else b"")
    os.close(write_end)
    try:
        return subprocess.Popen(
            command,
            stdin=read_end,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=os.environ.copy(),  # the test's HOME and XDG folders, and the null keyring
        )
    finally:
        os.close(read_end)


def wait_for(condition, what: str, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + GUARD_SECONDS
    while not condition():
        if process is not None and process.poll() is not None:
            out, err = process.communicate()
            pytest.fail(f"the daemon exited ({process.returncode}) before {what}:\n{out}{err}")
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.02)


def outbox_rows(database) -> list:
    with database.reading() as session:
        return session.execute(
            select(OutboxRow.__table__, InvoiceRow.number)
            .join(InvoiceRow, InvoiceRow.id == OutboxRow.invoice_id)
            .order_by(OutboxRow.id)
        ).all()


def sent_log(database) -> list:
    with database.reading() as session:
        return session.execute(
            select(MessageLogRow.outbox_id, MessageLogRow.message_id).where(
                MessageLogRow.status == "sent"
            )
        ).all()


def invoice_of(message, numbers: set[str]) -> str:
    (number,) = set(re.findall(r"\S+", message["Subject"])) & numbers
    return number


@pytest.mark.slow
@pytest.mark.parametrize("stored", [True, False], ids=["server-stored-it", "server-lost-it"])
def test_killed_mid_batch_and_restarted_sends_each_once_but_the_one_in_flight(
    ledger, database_url, stored
):
    handler = HoldingHandler(stored=stored)
    controller = start(handler)
    try:
        numbers = due_reminders(ledger, controller.port)
        first = daemon(database_url, "--lease-seconds", "1")
        wait_for(lambda: handler.is_holding, "the held message", first)
        first.send_signal(signal.SIGKILL)
        first.wait()
        handler.release()

        # The kill landed mid-batch: ten sent; claimed and never marked, the one in flight
        # and the next, which the daemon prepares while the server takes the one before.
        rows = outbox_rows(ledger)
        waiting = INVOICES - HELD - 2
        assert Counter(row.status for row in rows) == {
            "sent": HELD,
            "claimed": 2,
            "approved": waiting,
        }
        claimed = [row for row in rows if row.status == "claimed"]
        (in_flight,) = [row for row in claimed if row.number in handler.held_subject.split()]
        (prepared,) = [row for row in claimed if row is not in_flight]
        assert all(row.lease_owner.startswith("scheduler:") for row in claimed)
        lease_end = max(row.lease_until for row in claimed).replace(tzinfo=dt.UTC)
        offset = dt.timedelta(seconds=clock_offset())  # the daemon's clock, not the wall's
        wait_for(lambda: dt.datetime.now(dt.UTC) + offset > lease_end, "the lease to run out")

        second = daemon(database_url)
        wait_for(lambda: all(r.status == "sent" for r in outbox_rows(ledger)), "all sent", second)
        second.send_signal(signal.SIGTERM)
        out, err = second.communicate(timeout=GUARD_SECONDS)
    finally:
        handler.release()
        controller.stop()

    assert second.returncode == 0, err
    assert "Scheduler stopped after" in out
    assert f"sent {INVOICES - HELD}, failed 0, deferred 0" in out

    arrived = Counter(invoice_of(r.message, set(numbers)) for r in handler.received)
    twice = {number for number, count in arrived.items() if count == 2}
    assert set(arrived) == set(numbers) and set(arrived.values()) <= {1, 2}
    # Only the message in flight at the kill is uncertain: it arrived twice exactly when the
    # server had stored it before the daemon died; everything else arrived once.
    assert twice == ({in_flight.number} if stored else set())
    assert len(handler.received) == INVOICES + (1 if stored else 0)

    rows = outbox_rows(ledger)
    assert {row.status for row in rows} == {"sent"}
    attempts = {row.number: row.attempts for row in rows}
    # Both were claimed twice; only the one in flight reached the server the first time.
    assert attempts.pop(in_flight.number) == 2 and attempts.pop(prepared.number) == 2
    assert set(attempts.values()) == {1}
    # One 'sent' entry per item, naming the copy the daemon saw accepted: the last one.
    log = dict(sent_log(ledger))
    assert sorted(log) == [row.id for row in rows]
    last_copy = {invoice_of(r.message, set(numbers)): str(r.message["Message-ID"])
                 for r in handler.received}  # fmt: skip
    assert {row.number: log[row.id] for row in rows} == last_copy
    # One connection per process that had something to send: reused across the batch.
    assert handler.connections == 2


def test_sigterm_finishes_the_message_in_flight_and_exits_0(ledger, database_url):
    handler = HoldingHandler(hold_after=3, stored=True)
    controller = start(
        handler, authenticator=authenticator, auth_require_tls=False, auth_exclude_mechanism=[]
    )
    try:
        due_reminders(ledger, controller.port, count=8, username=USER)
        # No keyring in the tests: the password comes on standard input, read once.
        process = daemon(database_url, password=PASSWORD)
        wait_for(lambda: handler.is_holding, "the held message", process)
        process.send_signal(signal.SIGTERM)
        # Delivered at once to a process blocked in a socket read; the pause only keeps the
        # reply from racing the signal on a badly overloaded machine.
        time.sleep(0.3)
        handler.release()
        out, err = process.communicate(timeout=GUARD_SECONDS)
    finally:
        handler.release()
        controller.stop()

    assert process.returncode == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("Scheduler started: a run every 1 s")
    assert lines[1].endswith("sent 4, failed 0, deferred 0")
    assert lines[2:] == ["Scheduler stopped after 1 run."]
    rows = outbox_rows(ledger)
    assert Counter(row.status for row in rows) == {"sent": 4, "approved": 4}
    assert all(row.lease_owner is None for row in rows)
    assert len(handler.received) == 4 and len(sent_log(ledger)) == 4


def test_a_second_signal_abandons_the_message_in_flight_to_its_lease(ledger, database_url):
    handler = HoldingHandler(hold_after=2, stored=False)
    controller = start(handler)
    try:
        due_reminders(ledger, controller.port, count=5)
        process = daemon(database_url)
        wait_for(lambda: handler.is_holding, "the held message", process)
        process.send_signal(signal.SIGINT)
        time.sleep(0.3)  # two signals, not one coalesced pending signal
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=GUARD_SECONDS)
    finally:
        handler.release()
        controller.stop()

    assert process.returncode == 0, err
    assert out.splitlines()[-1] == "Scheduler stopped after 1 run."
    rows = outbox_rows(ledger)
    # The server never answered for the third: it stays claimed, to go once its lease ends,
    # and so does the fourth, already prepared while the third was with the server.
    assert Counter(row.status for row in rows) == {"sent": 2, "claimed": 2, "approved": 1}
    assert len(handler.received) == 2


@pytest.mark.parametrize("bad", ["0", "-5", "1.5", "86401", "soon"])
def test_interval_must_be_a_sane_number_of_seconds(finqr, bad):
    result = finqr("scheduler", "run", "--interval", bad)
    assert result.code == 2
    assert "--interval" in result.err and "from 1 to 86400" in result.err


def test_a_run_without_the_mail_server_is_logged_and_the_next_one_sends(ledger, caplog):
    caplog.set_level(logging.INFO, logger="finqr_desktop.scheduler")
    port = free_port()
    due_reminders(ledger, port, count=2)

    down = one_run(ledger, "test", None, 300, lambda: False)
    assert down.endswith("sent 0, failed 0, deferred 1; last problem: "
                         "The mail server 127.0.0.1 refused the connection")  # fmt: skip
    assert "refused the connection" in caplog.text

    handler = RecordingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with ledger.writing() as session:  # past the one-minute backoff
            session.execute(update(OutboxRow).values(next_attempt_at=None))
        up = one_run(ledger, "test", None, 300, lambda: False)
    finally:
        controller.stop()
    assert up.endswith("sent 2, failed 0, deferred 0")
    assert len(handler.received) == 2


def test_a_message_that_cannot_be_built_fails_alone_and_blocks_no_later_run(ledger, monkeypatch):
    controller = start(handler := RecordingHandler())
    broken, *others = due_reminders(ledger, controller.port, count=3)
    real_render = reminder_mail.render_pdf

    def render(data, design):
        if data.number == broken:
            raise KeyError("a template field that is not there")
        return real_render(data, design)

    monkeypatch.setattr(reminder_mail, "render_pdf", render)
    try:
        first = one_run(ledger, "test", None, 300, lambda: False)
        second = one_run(ledger, "test", None, 300, lambda: False)
    finally:
        controller.stop()
    assert first.endswith("sent 2, failed 1, deferred 0; last problem: could not build the "
                          "message: 'a template field that is not there'")  # fmt: skip
    assert second.endswith("sent 0, failed 0, deferred 0")
    statuses = {row.number: (row.status, row.lease_owner) for row in outbox_rows(ledger)}
    assert statuses == {broken: ("failed", None), **{n: ("sent", None) for n in others}}
    assert len(handler.received) == 2


@pytest.mark.sqlite_only
def test_a_locked_database_costs_one_run_not_the_daemon(ledger, database_url, monkeypatch):
    controller = start(handler := RecordingHandler())
    due_reminders(ledger, controller.port, count=2)
    monkeypatch.setattr("finqr_desktop.storage.database.BUSY_TIMEOUT_MS", 200)
    database = Database(database_url)
    locker = sqlite3.connect(database.sqlite_path, isolation_level=None)
    try:
        locker.execute("BEGIN IMMEDIATE")  # another program writing, and taking its time
        locked = one_run(database, "test", None, 300, lambda: False)
        locker.execute("ROLLBACK")
        after = one_run(database, "test", None, 300, lambda: False)
    finally:
        locker.close()
        database.dispose()
        controller.stop()
    assert "the database is unavailable, trying again later" in locked
    assert "the ledger is busy" in locked
    assert after.endswith("sent 2, failed 0, deferred 0")
    assert len(handler.received) == 2
