"""The sending engine against a real SMTP server on loopback: once, and only once."""

from __future__ import annotations

import datetime as dt
import io
import os
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from finqr_desktop.domain.parties import Address, Customer
from finqr_desktop.mail.settings import SmtpSettings
from finqr_desktop.services import customers as customer_service
from finqr_desktop.services.mail_settings import set_smtp_settings, smtp_settings
from finqr_desktop.services.reminder_settings import set_reminder_mode
from finqr_desktop.services.scheduler import send_due
from finqr_desktop.storage.models import InvoiceRow, MessageLogRow, OutboxRow

from ..mail.server import RecordingHandler, free_port
from .helpers import issue_new

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = dt.datetime(2026, 12, 4, 10, 0, tzinfo=STOCKHOLM)


def configure(database, port: int) -> None:
    settings = SmtpSettings(
        host="127.0.0.1", port=port, security="none", sender_address="faktura@exempel.se",
        sender_name="Exempel Handel AB", timeout=5,
    )  # fmt: skip
    with database.writing() as session:
        set_smtp_settings(session, settings)
        set_reminder_mode(session, "automatic")


def overdue(database, customer="1001", due="2026-10-23") -> str:
    number = issue_new(database, customer=customer, issue_date="2026-09-01")
    with database.writing() as session:
        record = session.scalar(select(InvoiceRow).where(InvoiceRow.number == number))
        record.due_date = dt.date.fromisoformat(due)
    return number


def run(database, now=NOW):
    return send_due(database, now=now, owner="test", password=None)


def outbox_rows(database):
    with database.reading() as session:
        return session.execute(select(OutboxRow.__table__).order_by(OutboxRow.id)).all()


def sent_log(database):
    with database.reading() as session:
        return session.execute(
            select(MessageLogRow.recipients, MessageLogRow.message_id).where(
                MessageLogRow.status == "sent"
            )
        ).all()


def test_settings_are_stored_without_a_password(ledger):
    configure(ledger, 2525)
    with ledger.reading() as session:
        stored = smtp_settings(session)
    assert stored.port == 2525 and stored.sender_address == "faktura@exempel.se"


def test_each_due_reminder_is_sent_once_with_its_pdf(ledger, smtp):
    controller, handler = smtp()
    configure(ledger, controller.port)
    first, second = overdue(ledger, "1001"), overdue(ledger, "1002")

    report = run(ledger)

    assert (report.sent, report.failed, report.deferred) == (2, 0, 0)
    assert handler.connections == 1
    by_to = {tuple(r.rcpt_tos): r.message for r in handler.received}
    assert set(by_to) == {("ekonomi@nilsson.example",), ("anna@example.org",)}
    swedish, english = by_to[("ekonomi@nilsson.example",)], by_to[("anna@example.org",)]
    assert swedish["Subject"] == f"Påminnelse: faktura {first} från Exempel Handel AB"
    assert english["Subject"] == f"Reminder: invoice {second} from Exempel Handel AB"
    (pdf,) = [part for part in swedish.iter_attachments()]
    assert pdf.get_filename() == f"Påminnelse_{first}.pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.get_content())).pages)
    assert "Påminnelse" in text and first in text
    # A company without an agreed fee owes the statutory compensation, and it is no fee.
    assert "Förseningsersättning" in text and "450,00" in text
    assert "Påminnelseavgift" not in text
    body = swedish.get_body(("plain",)).get_content()
    # Where to pay, with the invoice's own OCR number, and by the reminder's new due date.
    with ledger.reading() as session:
        ocr = session.scalar(select(InvoiceRow.ocr).where(InvoiceRow.number == first))
    assert f"senast 2026-12-14 till Bankgiro 5402-9681, OCR-nummer {ocr}." in body

    again = run(ledger, NOW + dt.timedelta(hours=1))
    assert (again.sent, again.failed, again.deferred) == (0, 0, 0)
    assert len(handler.received) == 2
    ids = {str(message["Message-ID"]) for message in by_to.values()}
    assert {message_id for _, message_id in sent_log(ledger)} == ids
    assert all(row.status == "sent" for row in outbox_rows(ledger))


def test_server_down_then_up_delivers_everything_once(ledger, smtp):
    port = free_port()
    configure(ledger, port)
    overdue(ledger, "1001")
    overdue(ledger, "1002")

    down = run(ledger)
    assert (down.sent, down.deferred) == (0, 1)
    assert "refused" in down.problems[0].error
    rows = outbox_rows(ledger)
    assert [row.status for row in rows] == ["approved", "approved"]
    assert sum(row.attempts for row in rows) == 1 and sent_log(ledger) == []

    _, handler = smtp(port=port)
    too_soon = run(ledger, NOW + dt.timedelta(seconds=30))
    later = run(ledger, NOW + dt.timedelta(minutes=2))
    assert too_soon.sent + later.sent == 2
    assert sorted(r.rcpt_tos[0] for r in handler.received) == [
        "anna@example.org",
        "ekonomi@nilsson.example",
    ]
    assert run(ledger, NOW + dt.timedelta(hours=2)).sent == 0
    assert len(handler.received) == 2


def test_a_refused_recipient_is_a_permanent_failure_without_a_level(ledger, smtp):
    controller, handler = smtp(RecordingHandler(refuse={"RCPT": "550 no such mailbox"}))
    configure(ledger, controller.port)
    overdue(ledger, "1001")

    report = run(ledger)

    assert (report.sent, report.failed) == (0, 1)
    assert report.problems[0].permanent and "550" in report.problems[0].error
    (row,) = outbox_rows(ledger)
    assert row.status == "failed" and handler.received == []
    assert sent_log(ledger) == []
    assert run(ledger, NOW + dt.timedelta(days=1)).failed == 0


def test_a_customer_without_an_address_fails_at_once(ledger, smtp):
    controller, handler = smtp()
    configure(ledger, controller.port)
    with ledger.writing() as session:
        customer_service.add_customer(
            session, Customer(number="1003", name="Utan Post AB", emails=[],
                              address=Address("Väg 1", "111 11", "Stockholm", "SE"))
        )  # fmt: skip
    overdue(ledger, "1003")

    report = run(ledger)

    assert report.failed == 1 and report.problems[0].error == "no e-mail address"
    assert handler.received == []
    (row,) = outbox_rows(ledger)
    assert row.status == "failed" and row.last_error == "no e-mail address"


@pytest.mark.slow
def test_many_due_are_built_in_worker_processes_and_sent_the_same_way(ledger, smtp, caplog):
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: a run never starts worker processes")
    controller, handler = smtp()
    configure(ledger, controller.port)
    with ledger.writing() as session:
        customer_service.add_customer(
            session, Customer(number="1003", name="Utan Post AB", emails=[],
                              address=Address("Väg 1", "111 11", "Stockholm", "SE"))
        )  # fmt: skip
    numbers = [overdue(ledger, ("1001", "1002")[n % 2]) for n in range(6)]
    without_address = overdue(ledger, "1003")

    with caplog.at_level("INFO", logger="finqr_desktop.scheduler"):
        report = send_due(ledger, now=NOW, owner="test", password=None, parallel_from=1)
    assert "building 7 messages in" in caplog.text and "worker processes" in caplog.text

    assert (report.sent, report.failed, report.deferred) == (6, 1, 0)
    assert report.problems[0].invoice_number == without_address
    assert report.problems[0].error == "no e-mail address"
    expected = [
        f"Påminnelse: faktura {number} från Exempel Handel AB"
        if n % 2 == 0
        else f"Reminder: invoice {number} from Exempel Handel AB"
        for n, number in enumerate(numbers)
    ]
    assert sorted(str(r.message["Subject"]) for r in handler.received) == sorted(expected)
    for received in handler.received:
        (pdf,) = list(received.message.iter_attachments())
        assert pdf.get_content().startswith(b"%PDF")
    assert {row.status for row in outbox_rows(ledger)} == {"sent", "failed"}
    assert run(ledger, NOW + dt.timedelta(hours=1)).sent == 0
