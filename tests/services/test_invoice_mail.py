"""An invoice goes out the moment it is issued: queued in the issuing transaction, sent by
the worker to a real SMTP server on loopback, and "e-mailed at" only once it got there."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from sqlalchemy import select

from finqr_desktop.domain.errors import RuleViolation
from finqr_desktop.domain.parties import Address, Customer
from finqr_desktop.mail.html_body import DEFAULT_PRIMARY, contrast, html_body
from finqr_desktop.services import credits, invoices
from finqr_desktop.services import customers as customer_service
from finqr_desktop.services.demo import build_demo
from finqr_desktop.services.documents import archived_pdf
from finqr_desktop.services.invoice_views import invoice_json
from finqr_desktop.services.scheduler import send_due
from finqr_desktop.services.templates import (
    current_design,
    ensure_default_template,
    save_design,
)
from finqr_desktop.storage.models import InvoiceRow, OutboxRow

from ..mail.server import RecordingHandler
from .helpers import create_draft
from .test_mail_preview import configure
from .test_scheduler import NOW

ISSUED = dt.datetime(2026, 12, 4, 9, 0, tzinfo=dt.UTC)


def issue(database, customer="1001") -> str:
    invoice_id = create_draft(database, customer=customer)
    with database.writing() as session:
        return invoices.issue_invoice(session, invoice_id, now=ISSUED).number


def outbox_rows(database) -> list[tuple]:
    with database.reading() as session:
        return session.execute(
            select(InvoiceRow.number, OutboxRow.kind, OutboxRow.level, OutboxRow.status,
                   OutboxRow.planned_at)
            .join(InvoiceRow, InvoiceRow.id == OutboxRow.invoice_id)
            .order_by(OutboxRow.id)
        ).all()  # fmt: skip


def shown(database, number: str) -> dict:
    with database.reading() as session:
        return invoice_json(invoices.get_by_number(session, number))


def add_customer_without_address(database) -> None:
    with database.writing() as session:
        customer_service.add_customer(
            session, Customer(number="1003", name="Brevpost AB", emails=[],
                              address=Address("Väg 1", "111 11", "Stockholm", "SE"))
        )  # fmt: skip


def test_issuing_queues_the_invoice_e_mail_at_once(ledger):
    number = issue(ledger)
    assert outbox_rows(ledger) == [(number, "invoice", 0, "approved", dt.datetime(2026, 12, 4, 9))]
    assert shown(ledger, number)["emailed_at"] is None


def test_a_customer_without_an_address_gets_the_invoice_by_post(ledger):
    add_customer_without_address(ledger)
    issue(ledger, "1003")
    assert outbox_rows(ledger) == []


def test_a_batch_queues_every_e_mail_or_none(ledger):
    add_customer_without_address(ledger)
    ids = [create_draft(ledger, customer=c) for c in ("1001", "1003", "1002")]
    with ledger.writing() as session:
        numbers = [r.number for r in invoices.issue_invoices(session, ids, now=ISSUED)]
    assert [(row.number, row.kind) for row in outbox_rows(ledger)] == [
        (numbers[0], "invoice"),
        (numbers[2], "invoice"),
    ]

    good = create_draft(ledger)
    with pytest.raises(RuleViolation), ledger.writing() as session:
        list(invoices.issue_invoices(session, [good, ids[0]], now=ISSUED))
    assert len(outbox_rows(ledger)) == 2


def test_the_worker_sends_it_with_the_archived_pdf_and_it_counts_as_e_mailed(ledger, smtp):
    controller, handler = smtp()
    configure(ledger, controller.port)
    number = issue(ledger)

    report = send_due(ledger, now=NOW, owner="test", password=None)

    assert report.sent == 1
    (received,) = handler.received
    message = received.message
    assert received.rcpt_tos == ["ekonomi@nilsson.example"]
    assert str(message["Subject"]) == f"Faktura {number} från Exempel Handel AB"
    assert str(message["Reply-To"]) == "ekonomi@exempel.se"
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_filename() == f"Faktura_{number}.pdf"
    with ledger.writing() as session:
        record = invoices.get_by_number(session, number)
        assert attachment.get_content() == archived_pdf(session, record.id)
    assert shown(ledger, number)["emailed_at"] == NOW.astimezone(dt.UTC).isoformat()
    assert send_due(ledger, now=NOW, owner="test", password=None).sent == 0


def test_a_refused_invoice_e_mail_does_not_count_as_sent(ledger, smtp):
    controller, handler = smtp(RecordingHandler(refuse={"RCPT": "550 no such mailbox"}))
    configure(ledger, controller.port)
    number = issue(ledger)

    report = send_due(ledger, now=NOW, owner="test", password=None)

    assert (report.sent, report.failed) == (0, 1) and handler.received == []
    assert shown(ledger, number)["emailed_at"] is None
    assert outbox_rows(ledger)[0].status == "failed"


def test_a_credit_note_is_e_mailed_too(ledger, smtp):
    controller, handler = smtp()
    configure(ledger, controller.port)
    number = issue(ledger, "1002")
    with ledger.writing() as session:
        original = invoices.get_by_number(session, number)
        note = credits.credit_invoice(session, original.id, now=ISSUED).number

    assert [(row.number, row.kind) for row in outbox_rows(ledger)] == [
        (number, "invoice"),
        (note, "invoice"),
    ]
    assert send_due(ledger, now=NOW, owner="test", password=None).sent == 2
    subjects = sorted(str(r.message["Subject"]) for r in handler.received)
    assert subjects == [
        f"Credit note {note} from Exempel Handel AB",
        f"Invoice {number} from Exempel Handel AB",
    ]
    credit_mail = next(r.message for r in handler.received if "Credit" in r.message["Subject"])
    text = credit_mail.get_body(("plain",)).get_content()
    assert f"credits invoice {number} by" in text and "-" not in text.split(" by ")[1][:3]
    assert shown(ledger, note)["emailed_at"] is not None


def test_the_html_wears_the_invoice_template_colours(ledger, smtp):
    controller, handler = smtp()
    configure(ledger, controller.port)
    with ledger.writing() as session:
        _, standard = current_design(session)
        brand = dataclasses.replace(standard, primary="#6A1B4D", accent="#F4A261")
        save_design(session, ensure_default_template(session).id, brand)
    issue(ledger)

    send_due(ledger, now=NOW, owner="test", password=None)

    html = handler.received[0].message.get_body(("html",)).get_content()
    assert re.search(r"<h1 [^>]*color:#6A1B4D", html)
    assert "border-top:2px solid #F4A261" in html


def test_a_pale_brand_colour_gives_way_to_a_readable_heading(ledger, smtp):
    controller, handler = smtp()
    configure(ledger, controller.port)
    with ledger.writing() as session:
        _, standard = current_design(session)
        pale = dataclasses.replace(standard, primary="#FFE8A3", accent="#2A6F4D")
        save_design(session, ensure_default_template(session).id, pale)
    issue(ledger)

    send_due(ledger, now=NOW, owner="test", password=None)

    html = handler.received[0].message.get_body(("html",)).get_content()
    assert re.search(r"<h1 [^>]*color:#2A6F4D", html) and "#FFE8A3" not in html


def test_text_and_html_say_the_same(ledger, smtp):
    controller, handler = smtp()
    configure(ledger, controller.port)
    issue(ledger)
    send_due(ledger, now=NOW, owner="test", password=None)

    message = handler.received[0].message
    text = message.get_body(("plain",)).get_content().replace("\r\n", "\n")
    html = message.get_body(("html",)).get_content()
    assert text.startswith("Faktura ") and "faktura@exempel.se" in text
    words = re.sub(r"<[^>]+>", " ", html.split("<body", 1)[1])
    for block in text.replace("-- \n", "").split("\n\n"):
        for line in block.strip().splitlines():
            assert line.strip().replace("&", "&amp;") in words


def test_the_demo_queues_no_invoice_e_mails(database):
    with database.writing() as session:
        build_demo(session, today=NOW.date())
    assert outbox_rows(database) == []


def test_a_brand_too_pale_in_both_colours_falls_back_to_the_default_primary():
    html = html_body(["Hej"], heading="Faktura", primary="#FFFFFF", accent="#FFE8A3")
    assert re.search(rf"<h1 [^>]*color:{DEFAULT_PRIMARY}", html)
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21)
    assert contrast(DEFAULT_PRIMARY, "#FFFFFF") >= 4.5 > contrast("#FFE8A3", "#FFFFFF")


def test_e_mail_again_sends_the_same_pdf_once_more_and_counts_for_the_reminder_gap(ledger, smtp):
    from finqr_desktop.services.message_history import describe, history
    from finqr_desktop.services.reminder_queue import _history

    controller, handler = smtp()
    configure(ledger, controller.port)
    number = issue(ledger)
    assert send_due(ledger, now=NOW, owner="test", password=None).sent == 1
    with ledger.writing() as session:
        record_id = invoices.get_by_number(session, number).id
        assert invoices.email_again(session, record_id, NOW) is True
        # A second click before the first went out adds nothing.
        assert invoices.email_again(session, record_id, NOW) is False

    later = NOW + dt.timedelta(minutes=5)
    assert send_due(ledger, now=later, owner="test", password=None).sent == 1
    first, again = (r.message for r in handler.received)
    assert str(again["Subject"]) == str(first["Subject"])
    (pdf_first,), (pdf_again,) = (list(m.iter_attachments()) for m in (first, again))
    assert pdf_again.get_content() == pdf_first.get_content()
    with ledger.writing() as session:
        assert [describe(e) for e in history(session, record_id)] == ["sent again", "invoice"]
        # The planner sees it as a message to the customer: a later level waits its gap.
        assert [m.what for m in _history(session, [record_id])[record_id]] in (
            ["invoice", "manual"],
            ["manual", "invoice"],
        )
        assert invoices.email_again(session, record_id, later) is True


def test_e_mail_again_needs_an_address(ledger):
    add_customer_without_address(ledger)
    number = issue(ledger, "1003")
    with pytest.raises(RuleViolation, match="customer 1003 has no e-mail address"):
        with ledger.writing() as session:
            record = invoices.get_by_number(session, number)
            invoices.email_again(session, record.id, NOW)


def test_an_invoice_paid_before_its_e_mail_went_is_not_sent_as_a_bill(ledger, smtp):
    from finqr_desktop.services import payments

    controller, handler = smtp()
    configure(ledger, controller.port)
    paid_at_once, owed = issue(ledger), issue(ledger)
    with ledger.writing() as session:
        record = invoices.get_by_number(session, paid_at_once)
        payments.mark_paid(session, record.id, payment_date=ISSUED.date())
    statuses = {number: status for number, kind, _, status, _ in outbox_rows(ledger)}
    assert statuses == {paid_at_once: "cancelled", owed: "approved"}

    assert send_due(ledger, now=NOW, owner="test", password=None).sent == 1
    (received,) = handler.received
    assert owed in str(received.message["Subject"])
    assert shown(ledger, paid_at_once)["emailed_at"] is None


def test_a_row_left_approved_for_a_paid_invoice_is_never_claimed(ledger):
    from finqr_desktop.services import outbox

    number = issue(ledger)
    with ledger.writing() as session:
        record = invoices.get_by_number(session, number)
        record.paid_minor = record.total_minor  # as an older ledger may hold it
    with ledger.writing() as session:
        assert outbox.claim_next(session, "worker", NOW) is None
