"""Several workstations on one ledger, as real processes each with its own Database:
numbers stay unique and gapless, and each due message is sent exactly once.

Each test runs on SQLite and, in the PostgreSQL run, on PostgreSQL. Nothing here asserts
speed; the guard timeouts only stop a hung process from hanging the suite.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import multiprocessing
from collections import Counter
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, insert, select

from finqr_desktop.mail.settings import SmtpSettings
from finqr_desktop.services import audit, invoices
from finqr_desktop.services.invoice_input import draft_from_data
from finqr_desktop.services.ledger import open_ledger
from finqr_desktop.services.mail_settings import set_smtp_settings
from finqr_desktop.services.reminder_settings import set_reminder_mode
from finqr_desktop.services.scheduler import send_due
from finqr_desktop.storage.models import (
    AuditEventRow,
    InvoiceLineRow,
    InvoiceRow,
    InvoiceVatRow,
    MessageLogRow,
    OutboxRow,
)

from ..mail.server import RecordingHandler
from .helpers import draft_data, issue_new

pytestmark = pytest.mark.slow

WORKSTATIONS = 4
PER_WORKSTATION = 500
# Invoices per transaction: 50 commits per workstation, each one a race for the series.
BLOCK = 10
GUARD_SECONDS = 300
STOCKHOLM = ZoneInfo("Europe/Stockholm")
# A Friday morning inside the default send window.
NOW = dt.datetime(2026, 12, 4, 10, 0, tzinfo=STOCKHOLM)


def make_drafts(database, count: int) -> list[int]:
    """``count`` copies of one draft, written in bulk (the test is about issuing them)."""
    with database.writing() as session:
        draft, terms = draft_from_data(session, draft_data())
        first = invoices.save_draft(session, draft, payment_terms=terms).id
        invoice = _rows(session, InvoiceRow, InvoiceRow.id == first)[0]
        lines = _rows(session, InvoiceLineRow, InvoiceLineRow.invoice_id == first)
        groups = _rows(session, InvoiceVatRow, InvoiceVatRow.invoice_id == first)
        copies = session.execute(
            insert(InvoiceRow).returning(InvoiceRow.id, sort_by_parameter_order=True),
            [invoice] * (count - 1),
        )
        ids = [first, *copies.scalars()]
        for table, rows in ((InvoiceLineRow, lines), (InvoiceVatRow, groups)):
            session.execute(
                insert(table), [{**row, "invoice_id": i} for i in ids[1:] for row in rows]
            )
        return ids


def _rows(session, model, where) -> list[dict]:
    table = model.__table__
    found = session.execute(select(table).where(where)).mappings().all()
    return [{k: v for k, v in row.items() if k != "id"} for row in found]


def _issue_in_blocks(url: str, invoice_ids: list[int], start) -> None:
    database = open_ledger(url, migrate_schema=False)
    start.wait()
    for offset in range(0, len(invoice_ids), BLOCK):
        # A short transaction per block, as a clerk's batch issue makes them.
        with database.writing() as session:
            list(invoices.issue_invoices(session, invoice_ids[offset : offset + BLOCK]))
    database.dispose()


def run_processes(target, argument_lists) -> list[int]:
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(len(argument_lists))
    workers = [context.Process(target=target, args=(*args, start)) for args in argument_lists]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=GUARD_SECONDS)
    for worker in workers:
        if worker.is_alive():
            worker.kill()
    return [worker.exitcode for worker in workers]


def test_four_workstations_issuing_500_each_get_2000_unique_gapless_numbers(ledger, database_url):
    total = WORKSTATIONS * PER_WORKSTATION
    ids = make_drafts(ledger, total)
    ledger.dispose()

    # Interleaved shares, so every workstation competes for every stretch of the series.
    shares = [(database_url, ids[i::WORKSTATIONS]) for i in range(WORKSTATIONS)]
    assert run_processes(_issue_in_blocks, shares) == [0] * WORKSTATIONS

    with ledger.reading() as session:
        numbers = list(session.scalars(select(InvoiceRow.number).where(~InvoiceRow.is_draft)))
        issued_events = session.scalar(
            select(func.count()).where(AuditEventRow.action == audit.ISSUE)
        )
        drafts_left = session.scalar(select(func.count()).where(InvoiceRow.is_draft))
    assert len(numbers) == len(set(numbers)) == total
    assert sorted(numbers) == [f"2026-{n:04d}" for n in range(1, total + 1)]
    assert (issued_events, drafts_left) == (total, 0)


@dataclass
class PacedHandler(RecordingHandler):
    """Takes a moment per message, so the two schedulers' runs overlap for certain."""

    pause: float = 0.02

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(self.pause)
        return await super().handle_DATA(server, session, envelope)


def _send_as_workstation(url: str, owner: str, start) -> None:
    database = open_ledger(url, migrate_schema=False)
    start.wait()
    # Built in this process: the test is about the claims, not about worker pools.
    send_due(database, now=NOW, owner=owner, password=None, parallel_from=10**6)
    database.dispose()


def test_two_schedulers_at_once_send_each_due_message_exactly_once(ledger, database_url, smtp):
    controller, handler = smtp(PacedHandler())
    settings = SmtpSettings(
        host="127.0.0.1", port=controller.port, security="none", timeout=10,
        sender_address="faktura@exempel.se", sender_name="Exempel Handel AB",
    )  # fmt: skip
    with ledger.writing() as session:
        set_smtp_settings(session, settings)
        set_reminder_mode(session, "automatic")
    count = 16
    for n in range(count):
        number = issue_new(ledger, customer=("1001", "1002")[n % 2], issue_date="2026-09-01")
        with ledger.writing() as session:
            record = session.scalar(select(InvoiceRow).where(InvoiceRow.number == number))
            record.due_date = dt.date(2026, 10, 23)
    ledger.dispose()

    owners = [(database_url, "workstation-a"), (database_url, "workstation-b")]
    assert run_processes(_send_as_workstation, owners) == [0, 0]

    subjects = Counter(str(r.message["Subject"]) for r in handler.received)
    assert len(subjects) == count and set(subjects.values()) == {1}
    with ledger.reading() as session:
        statuses = Counter(session.scalars(select(OutboxRow.status)))
        sent_logs = session.scalar(select(func.count()).where(MessageLogRow.status == "sent"))
        senders = Counter(
            session.scalars(select(OutboxRow.message_id).where(OutboxRow.status == "sent"))
        )
        sends = session.scalar(select(func.count()).where(AuditEventRow.action == audit.SEND))
    assert statuses == {"sent": count}
    assert sent_logs == sends == count and len(senders) == count
