"""The preview is the message the worker sends: previewed, then sent through send_due to a
real SMTP server on loopback, and compared part by part and byte by byte."""

from __future__ import annotations

import datetime as dt
import re
from email import policy
from email.parser import BytesParser

import pytest
from sqlalchemy import select

from finqr_desktop.domain.errors import RuleViolation
from finqr_desktop.mail.message import build_message
from finqr_desktop.mail.settings import SmtpSettings
from finqr_desktop.services import invoices, outbox
from finqr_desktop.services.mail_preview import preview_item, preview_number
from finqr_desktop.services.mail_settings import set_smtp_settings
from finqr_desktop.services.reminder_mail import NotSendable
from finqr_desktop.services.reminder_queue import queue
from finqr_desktop.services.reminder_settings import set_reminder_mode
from finqr_desktop.services.scheduler import send_due
from finqr_desktop.storage.models import InvoiceRow

from ..mail.server import RecordingHandler, start
from .helpers import create_draft, issue_new
from .test_scheduler import NOW

VARYING = re.compile(rb"(?m)^(Date|Message-ID): [^\r\n]*\r\n")


@pytest.fixture
def smtp():
    handler = RecordingHandler()
    controller = start(handler)
    yield controller, handler
    controller.stop()


def configure(database, port: int, mode: str = "automatic") -> None:
    settings = SmtpSettings(
        host="127.0.0.1", port=port, security="none", sender_address="faktura@exempel.se",
        sender_name="Exempel Handel AB", reply_to="ekonomi@exempel.se", timeout=5,
    )  # fmt: skip
    with database.writing() as session:
        set_smtp_settings(session, settings)
        set_reminder_mode(session, mode)


def overdue(database, customer="1001", due=dt.date(2026, 10, 23)) -> str:
    number = issue_new(database, customer=customer, issue_date="2026-09-01")
    with database.writing() as session:
        record = session.scalar(select(InvoiceRow).where(InvoiceRow.number == number))
        record.due_date = due
    return number


def wire(message) -> bytes:
    """The message as the sender puts it on the wire, less the two headers that differ."""
    return VARYING.sub(b"", message.as_bytes(policy=message.policy.clone(linesep="\r\n")))


def assert_same_mail(preview, received) -> None:
    """Part by part (both read back from the wire, so line ends agree), then byte by byte."""
    sent = received.message
    shown = BytesParser(policy=policy.default).parsebytes(preview.data)
    assert str(sent["Subject"]) == preview.subject
    assert str(sent["To"]) == preview.to and str(sent["Reply-To"]) == preview.reply_to
    assert received.rcpt_tos == list(preview.recipients)
    for kind in ("plain", "html"):
        assert sent.get_body((kind,)).get_content() == shown.get_body((kind,)).get_content()
    (attachment,) = list(sent.iter_attachments())
    assert (attachment.get_filename(), attachment.get_content()) == preview.attachment
    assert VARYING.sub(b"", received.raw) == VARYING.sub(b"", preview.data)


def test_a_queue_item_previewed_is_what_the_worker_sends(ledger, smtp):
    controller, handler = smtp
    configure(ledger, controller.port)
    number = overdue(ledger)
    with ledger.reading() as session:
        (item,) = queue(session, NOW.date())
        assert item.status is None and item.fee + item.compensation > 0
        preview = preview_item(session, item, NOW)

    report = send_due(ledger, now=NOW, owner="test", password=None)

    assert report.sent == 1
    (received,) = handler.received
    assert preview.subject == f"Påminnelse: faktura {number} från Exempel Handel AB"
    assert preview.attachment[0] == f"Påminnelse_{number}.pdf"
    assert preview.attachment[1].startswith(b"%PDF")
    assert "till Bankgiro 5402-9681, OCR-nummer " in preview.text
    assert_same_mail(preview, received)


def test_an_approved_item_is_previewed_from_its_outbox_row(ledger, smtp):
    controller, handler = smtp
    configure(ledger, controller.port, mode="manual")
    number = overdue(ledger, "1002")
    with ledger.writing() as session:
        outbox.approve(session, queue(session, NOW.date()))
    with ledger.reading() as session:
        (item,) = queue(session, NOW.date())
        assert item.status == "approved"
        preview = preview_number(session, number, NOW)

    assert send_due(ledger, now=NOW, owner="test", password=None).sent == 1
    (received,) = handler.received
    assert preview.subject == f"Reminder: invoice {number} from Exempel Handel AB"
    assert_same_mail(preview, received)


def test_a_waiting_invoice_e_mail_is_previewed_as_sent(ledger, smtp):
    controller, handler = smtp
    configure(ledger, controller.port)
    invoice_id = create_draft(ledger)
    with ledger.writing() as session:
        number = invoices.issue_invoice(session, invoice_id, now=NOW).number
    with ledger.reading() as session:
        preview = preview_number(session, number, NOW)

    assert send_due(ledger, now=NOW, owner="test", password=None).sent == 1
    (received,) = handler.received
    assert preview.kind == "invoice" and preview.attachment[0] == f"Faktura_{number}.pdf"
    assert_same_mail(preview, received)


def test_a_later_item_is_previewed_at_its_planned_time(ledger):
    configure(ledger, 2525)
    overdue(ledger, due=dt.date(2026, 11, 30))  # level 1 falls on Tuesday 8 December
    with ledger.reading() as session:
        (item,) = queue(session, NOW.date())
        preview = preview_item(session, item, NOW)
    assert item.send_at > NOW and preview.at == item.send_at


def test_what_cannot_be_previewed_says_why(ledger):
    with ledger.reading() as session, pytest.raises(RuleViolation, match="no issued invoice"):
        preview_number(session, "9999", NOW)
    number = overdue(ledger)
    with ledger.reading() as session, pytest.raises(RuleViolation, match="finqr settings smtp"):
        preview_number(session, number, NOW)
    configure(ledger, 2525)
    paid = issue_new(ledger)
    with ledger.reading() as session, pytest.raises(RuleViolation, match="nothing about"):
        preview_number(session, paid, NOW)


def test_a_customer_without_an_address_cannot_be_previewed(ledger):
    configure(ledger, 2525)
    number = overdue(ledger)
    with ledger.writing() as session:
        record = session.scalar(select(InvoiceRow).where(InvoiceRow.number == number))
        record.customer.emails = []
    with ledger.reading() as session, pytest.raises(NotSendable, match="no e-mail address"):
        preview_number(session, number, NOW)


def test_the_same_values_make_the_same_bytes_but_for_date_and_message_id():
    def build(text="Hej"):
        return build_message(
            sender_name="Åkesson & Söner's AB", sender_address="faktura@akesson.example",
            to=['"Berg, Åsa" <asa.berg@example.com>'], subject="Påminnelse", text=text,
            html=f"<p>{text}</p>",
            attachments=[("Påminnelse_1001.pdf", b"%PDF-1.4", "application/pdf")],
        )  # fmt: skip

    first, second = build(), build()
    assert first["Message-ID"] != second["Message-ID"]
    assert wire(first) == wire(second)
    assert first.get_boundary() != build("Hej då").get_boundary()
