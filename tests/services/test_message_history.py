"""The message history of an invoice, as the worker wrote it while talking to a real SMTP
server on loopback: what went out, to whom, with which Message-ID, and what failed."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from finqr_desktop.services import invoices, outbox
from finqr_desktop.services.invoice_views import invoice_json
from finqr_desktop.services.message_history import describe, emailed_at, entry_json, history
from finqr_desktop.services.scheduler import send_due
from finqr_desktop.storage.models import OutboxRow

from ..mail.server import RecordingHandler, start
from .helpers import create_draft, issue_new
from .test_mail_preview import configure

ISSUED = dt.datetime(2026, 12, 4, 6, 0, tzinfo=dt.UTC)
REFUSED_AT = dt.datetime(2026, 12, 4, 7, 0, tzinfo=dt.UTC)  # 08:00 in Stockholm
SENT_AT = dt.datetime(2026, 12, 4, 9, 0, tzinfo=dt.UTC)  # inside the reminders' window


@pytest.fixture
def servers():
    started = []

    def run(handler):
        controller = start(handler)
        started.append(controller)
        return controller

    yield run
    for controller in started:
        controller.stop()


def overdue_with_e_mail(database) -> int:
    invoice_id = create_draft(database, issue_date="2026-09-01")
    with database.writing() as session:
        record = invoices.issue_invoice(session, invoice_id, now=ISSUED)
        record.due_date = dt.date(2026, 10, 23)
    return invoice_id


def issued_at(database, moment: dt.datetime, **draft) -> str:
    invoice_id = create_draft(database, **draft)
    with database.writing() as session:
        return invoices.issue_invoice(session, invoice_id, now=moment).number


def run(database, now):
    return send_due(database, now=now, owner="test", password=None)


def test_every_attempt_newest_first_with_recipients_ids_and_errors(ledger, servers):
    refusing = servers(RecordingHandler(refuse={"RCPT": "550 mailbox unavailable"}))
    configure(ledger, refusing.port)
    invoice_id = overdue_with_e_mail(ledger)
    assert run(ledger, REFUSED_AT).failed == 1
    other = issued_at(ledger, REFUSED_AT, customer="1002")  # its messages stay its own

    handler = RecordingHandler()
    configure(ledger, servers(handler).port)
    with ledger.writing() as session:
        failed = session.scalar(select(OutboxRow.id).where(OutboxRow.status == "failed"))
        outbox.approve(session, [failed])
    # This invoice again and the other's; its reminder waits 5 days after the invoice.
    assert run(ledger, SENT_AT).sent == 2
    assert run(ledger, SENT_AT + dt.timedelta(days=5)).sent == 1

    with ledger.reading() as session:
        entries = history(session, invoice_id)
        stamp = emailed_at(session, invoice_id)
    assert [(describe(e), e.status, e.at) for e in entries] == [
        ("reminder 1", "sent", SENT_AT + dt.timedelta(days=5)),
        ("invoice", "sent", SENT_AT),
        ("invoice", "failed", REFUSED_AT),
    ]
    ours = [r for r in handler.received if r.rcpt_tos == ["ekonomi@nilsson.example"]]
    ids = {str(r.message["Message-ID"]) for r in ours}
    assert {e.message_id for e in entries[:2]} == ids and len(ids) == 2
    assert all(e.recipients == ("ekonomi@nilsson.example",) for e in entries[:2])
    assert "550" in entries[2].error and entries[2].message_id == ""
    assert stamp == SENT_AT
    assert entry_json(entries[2])["at"] == "2026-12-04T07:00:00+00:00"
    with ledger.reading() as session:
        shown = invoice_json(invoices.get_by_number(session, other))
    assert shown["emailed_at"] == SENT_AT.isoformat()


def test_a_reminder_alone_does_not_make_the_invoice_e_mailed(ledger, servers):
    configure(ledger, servers(RecordingHandler()).port)
    number = issue_new(ledger, issue_date="2026-09-01")
    with ledger.writing() as session:
        record = invoices.get_by_number(session, number)
        record.due_date = dt.date(2026, 10, 23)
        invoice_id = record.id
    assert run(ledger, SENT_AT).sent == 1

    with ledger.reading() as session:
        (entry,) = history(session, invoice_id)
        assert entry.kind == "reminder" and emailed_at(session, invoice_id) is None


def test_an_invoice_never_e_mailed_has_no_history(ledger):
    number = issue_new(ledger)
    with ledger.reading() as session:
        record = invoices.get_by_number(session, number)
        assert history(session, record.id) == [] and emailed_at(session, record.id) is None
