"""`finqr invoice history`, "E-mailed" in `finqr invoice show`, and `finqr reminders preview`
against a real SMTP server on loopback."""

from __future__ import annotations

import datetime as dt
from email import policy
from email.parser import BytesParser

import pytest

from finqr_desktop.services import invoices
from finqr_desktop.services.ledger import open_ledger

from ..mail.server import RecordingHandler, start
from ..services.helpers import create_draft
from .test_mail import NOW, smtp_options

ISSUED = dt.datetime(2026, 12, 4, 6, 0, tzinfo=dt.UTC)
# The reminder of an invoice e-mailed at NOW keeps 5 days' gap: Wednesday 9 December.
FIVE_DAYS_ON = NOW + dt.timedelta(days=5)


@pytest.fixture
def server():
    handler = RecordingHandler()
    controller = start(handler)
    yield controller, handler
    controller.stop()


@pytest.fixture
def clock(monkeypatch):
    """Every command runs at NOW, a Friday morning inside the send window."""
    monkeypatch.setattr("finqr_desktop.cli.mail.now", lambda: NOW)
    monkeypatch.setattr("finqr_desktop.cli.reminder_preview.now", lambda: NOW)


def issue(database_url, customer="1001", overdue=False) -> str:
    """An invoice issued at 06:00 UTC, its e-mail queued; ``overdue`` backdates its due date."""
    database = open_ledger(database_url)
    try:
        invoice_id = create_draft(database, customer=customer, issue_date="2026-09-01")
        with database.writing() as session:
            record = invoices.issue_invoice(session, invoice_id, now=ISSUED)
            if overdue:
                record.due_date = dt.date(2026, 10, 23)
            return record.number
    finally:
        database.dispose()


def test_show_says_when_the_invoice_was_e_mailed(finqr, customers, database_url, server, clock):
    controller, handler = server
    assert finqr(*smtp_options(controller)).code == 0
    number = issue(database_url)
    before = finqr("invoice", "show", number)
    assert "E-mailed" in before.out and "not yet" in before.out
    assert finqr("invoice", "show", number, "--json").json()["emailed_at"] is None

    assert "Sent 1," in finqr("reminders", "send-due", "--once").out

    after = finqr("invoice", "show", number, "--json").json()
    assert after["emailed_at"] == NOW.astimezone(dt.UTC).isoformat()
    assert after["emailed_at"][:16] in finqr("invoice", "show", number).out


def test_history_lists_each_message_newest_first(
    finqr, customers, database_url, server, clock, monkeypatch
):
    controller, handler = server
    assert finqr(*smtp_options(controller)).code == 0
    assert finqr("reminders", "mode", "automatic").code == 0
    number = issue(database_url, overdue=True)
    assert finqr("invoice", "history", number).out.startswith("Nothing has been e-mailed")
    # The invoice first; its reminder 5 days after it, never in the same run.
    assert "Sent 1," in finqr("reminders", "send-due", "--once").out
    monkeypatch.setattr("finqr_desktop.cli.mail.now", lambda: FIVE_DAYS_ON)
    assert "Sent 1," in finqr("reminders", "send-due", "--once").out

    entries = finqr("invoice", "history", number, "--json").json()
    assert [(e["kind"], e["level"], e["status"]) for e in entries] == [
        ("reminder", 1, "sent"),
        ("invoice", 0, "sent"),
    ]
    received = {str(r.message["Message-ID"]) for r in handler.received}
    assert {e["message_id"] for e in entries} == received
    assert all(e["recipients"] == ["ekonomi@nilsson.example"] for e in entries)
    table = finqr("invoice", "history", number).out
    assert "reminder 1" in table and all(message_id in table for message_id in received)


def test_history_of_a_draft_or_an_unknown_number_is_bad_input(finqr, customers, database_url):
    assert finqr("invoice", "history", "9999").code == 2
    database = open_ledger(database_url)
    try:
        draft = create_draft(database)
    finally:
        database.dispose()
    result = finqr("invoice", "history", str(draft))
    assert result.code == 2 and "draft" in result.err


def test_preview_writes_the_e_mail_and_pdf_that_then_go_out(
    finqr, customers, database_url, server, clock, tmp_path, monkeypatch
):
    controller, handler = server
    assert finqr(*smtp_options(controller)).code == 0
    assert finqr("reminders", "mode", "automatic").code == 0
    number = issue(database_url, overdue=True)
    out = tmp_path / "preview"

    # The invoice's own e-mail is still waiting, but the queue's reminder is what is shown.
    result = finqr("reminders", "preview", number, "--out", str(out))

    assert result.code == 0, result.err
    eml, pdf = out / f"{number}-reminder-1.eml", out / f"Påminnelse_{number}.pdf"
    assert str(eml) in result.out and f"Påminnelse: faktura {number}" in result.out
    shown = BytesParser(policy=policy.default).parsebytes(eml.read_bytes())
    assert finqr("reminders", "send-due", "--once").code == 0  # the invoice goes first
    monkeypatch.setattr("finqr_desktop.cli.mail.now", lambda: FIVE_DAYS_ON)
    assert finqr("reminders", "send-due", "--once").code == 0
    (sent,) = [r.message for r in handler.received if "Påminnelse" in r.message["Subject"]]
    assert str(sent["Subject"]) == str(shown["Subject"]) and str(sent["To"]) == str(shown["To"])
    (attachment,) = list(sent.iter_attachments())
    assert attachment.get_content() == pdf.read_bytes()
    assert sent.get_body(("html",)).get_content() == shown.get_body(("html",)).get_content()


def test_preview_refusals_are_bad_input(finqr, customers, database_url, server, clock, tmp_path):
    controller, _ = server
    number = issue(database_url, overdue=True)
    no_settings = finqr("reminders", "preview", number, "--out", str(tmp_path))
    assert no_settings.code == 2 and "finqr settings smtp" in no_settings.err

    assert finqr(*smtp_options(controller)).code == 0
    a_file = tmp_path / "file"
    a_file.write_text("x")
    assert "is a file" in finqr("reminders", "preview", number, "--out", str(a_file)).err
    unknown = finqr("reminders", "preview", "9999", "--out", str(tmp_path))
    assert unknown.code == 2 and "no issued invoice" in unknown.err
    by_post = issue(database_url, customer="1002", overdue=True)
    refused = finqr("reminders", "preview", by_post, "--out", str(tmp_path))
    assert refused.code == 2 and "no e-mail address" in refused.err


def test_invoice_email_queues_the_document_once_more(
    finqr, customers, database_url, server, clock
):
    controller, _ = server
    assert finqr(*smtp_options(controller)).code == 0
    number = issue(database_url)
    # Its own e-mail from the issue still waits: that is the copy, not a second one.
    assert "already waiting" in finqr("invoice", "email", number).out
    assert "Sent 1," in finqr("reminders", "send-due", "--once").out
    queued = finqr("invoice", "email", number)
    assert queued.code == 0, queued.err
    assert queued.out.strip() == f"{number} is queued; the next sending run e-mails it."
    assert "already waiting" in finqr("invoice", "email", number).out
    draft = create_draft_via_url(database_url)
    refused = finqr("invoice", "email", str(draft))
    assert refused.code == 2 and "only an issued invoice" in refused.err


def create_draft_via_url(database_url) -> int:
    database = open_ledger(database_url)
    try:
        return create_draft(database)
    finally:
        database.dispose()
