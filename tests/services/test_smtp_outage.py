"""The mail server away for hours, in every way it can be away, then back: all arrives once.

The engine is woken every five minutes of simulated time (its ``now``) while the server
first refuses connections, then accepts them and never answers, then answers 451 to every
message, and finally works. Nothing may be lost, nothing may arrive twice, no item may be
given up for good, and the failures must be in each invoice's history.
"""

from __future__ import annotations

import datetime as dt
import re
import socket
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import delete, select, update

from finqr_desktop.mail.settings import SmtpSettings
from finqr_desktop.services import outbox
from finqr_desktop.services.mail_settings import set_smtp_settings
from finqr_desktop.services.reminder_settings import set_reminder_mode
from finqr_desktop.services.scheduler import send_due
from finqr_desktop.storage.models import InvoiceRow, MessageLogRow, OutboxRow

from ..mail.server import RecordingHandler, free_port
from .helpers import issue_new

STOCKHOLM = ZoneInfo("Europe/Stockholm")
START = dt.datetime(2026, 12, 4, 9, 30, tzinfo=STOCKHOLM)  # a Friday, the window open
WAKE = dt.timedelta(minutes=5)
INVOICES = 12


@pytest.fixture
def port():
    return free_port()


def due_reminders(database, port: int) -> set[str]:
    settings = SmtpSettings(
        host="127.0.0.1", port=port, security="none", sender_address="faktura@exempel.se",
        sender_name="Exempel Handel AB", timeout=1,
    )  # fmt: skip
    numbers = {issue_new(database, customer=("1001", "1002")[n % 2], issue_date="2026-09-01")
               for n in range(INVOICES)}  # fmt: skip
    with database.writing() as session:
        set_smtp_settings(session, settings)
        set_reminder_mode(session, "automatic")
        session.execute(update(InvoiceRow).values(due_date=dt.date(2026, 10, 23)))
        # The invoices' own e-mails went out when they were issued; not this test's concern.
        session.execute(delete(OutboxRow).where(OutboxRow.kind == "invoice"))
    return numbers


class Clock:
    """The simulated moments the engine is woken at, five minutes apart."""

    def __init__(self) -> None:
        self.now = START

    def wake(self, database):
        report = send_due(database, now=self.now, owner="worker", password=None)
        self.now += WAKE
        return report


def rows(database) -> list:
    with database.reading() as session:
        return session.execute(select(OutboxRow.__table__).order_by(OutboxRow.id)).all()


def history(database) -> Counter:
    """(outbox id, status) -> how many log entries."""
    with database.reading() as session:
        found = session.execute(select(MessageLogRow.outbox_id, MessageLogRow.status)).all()
    return Counter(found)


@pytest.mark.slow
def test_a_long_outage_of_every_kind_then_everything_arrives_once(ledger, port):
    numbers = due_reminders(ledger, port)
    clock = Clock()

    # An hour of "connection refused": each run tries one item and stops there.
    refused = [clock.wake(ledger) for _ in range(12)]
    assert all(r.sent == 0 and r.deferred == 1 for r in refused)
    assert all("refused the connection" in r.problems[0].error for r in refused)
    assert {row.status for row in rows(ledger)} == {"approved"}

    # Ten minutes of a server that takes the connection and never says a word.
    with socket.create_server(("127.0.0.1", port)):
        hung = [clock.wake(ledger) for _ in range(2)]
    assert all(r.sent == 0 and r.deferred == 1 for r in hung)
    assert all(not r.problems[0].permanent for r in hung)

    handler = RecordingHandler(refuse={"DATA": "451 4.3.0 Mailbox store busy, try later"})
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        # Half an hour of 451 to every message: the run goes on to the next item, as the
        # connection itself is fine, and every item waits out its own backoff.
        busy = [clock.wake(ledger) for _ in range(6)]
        assert sum(r.sent for r in busy) == 0 and handler.received == []
        assert all("451" in p.error for r in busy for p in r.problems)
        assert {row.status for row in rows(ledger)} == {"approved"}

        handler.refuse.clear()
        healthy = [clock.wake(ledger) for _ in range(24)]
    finally:
        controller.stop()

    assert sum(r.sent for r in healthy) == INVOICES
    assert all(r.failed == 0 for r in refused + hung + busy + healthy)
    # Every invoice's reminder arrived, and only once.
    subjects = [r.message["Subject"] for r in handler.received]
    arrived = Counter(number for s in subjects for number in set(re.findall(r"\S+", s)) & numbers)
    assert arrived == Counter({number: 1 for number in numbers})

    final = rows(ledger)
    assert {row.status for row in final} == {"sent"}
    assert len(final) == INVOICES and {row.level for row in final} == {1}
    assert all(row.attempts >= 2 and row.last_error for row in final)
    log = history(ledger)
    # One 'sent' entry per item, and each failed attempt recorded as the temporary failure
    # it was: retried by the worker, never a failure for the clerk.
    assert all(log[(row.id, "sent")] == 1 for row in final)
    assert all(log[(row.id, "deferred")] == row.attempts - 1 for row in final)
    assert not any(status == "failed" for _row_id, status in log)


def test_backoff_doubles_per_attempt_up_to_an_hour(ledger, port):
    due_reminders(ledger, port)
    clock = Clock()
    first = clock.wake(ledger)
    assert first.deferred == 1

    with ledger.writing() as session:  # one item, failing again and again
        (row,) = session.scalars(select(OutboxRow).where(OutboxRow.attempts == 1)).all()
        outbox_id = row.id
        session.execute(
            update(OutboxRow).where(OutboxRow.id != outbox_id).values(status="skipped")
        )
    waits = []
    for _ in range(9):
        with ledger.reading() as session:
            ready = session.get(OutboxRow, outbox_id).next_attempt_at.replace(tzinfo=dt.UTC)
        waits.append(ready - clock.now.astimezone(dt.UTC) + WAKE)
        clock.now = ready.astimezone(STOCKHOLM)
        assert clock.wake(ledger).deferred == 1
    assert [round(w.total_seconds() / 60) for w in waits] == [1, 2, 4, 8, 16, 32, 60, 60, 60]
    # Days offline are dozens of attempts; the pause stays an hour.
    assert outbox.backoff(50) == outbox.backoff(10_000) == dt.timedelta(hours=1)
