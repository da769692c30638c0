"""A customer on a named policy gets that policy's e-mail, as received by a real SMTP server
on loopback, with the charges the queue showed."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from finqr_desktop.domain.reminder_policy import ReminderLevel, ReminderText
from finqr_desktop.services import reminder_settings as settings
from finqr_desktop.services.reminder_queue import queue
from finqr_desktop.services.scheduler import send_due

from .test_mail_preview import configure, overdue, smtp  # noqa: F401 (smtp is a fixture)
from .test_scheduler import NOW

GENTLE_TEXT = ReminderText(
    "sv",
    "Vänlig påminnelse: faktura {invoice_number}",
    "Hej!\n\nFaktura {invoice_number} är ännu obetald: {amount_due}.\n\n{company}",
)


def test_the_named_policys_text_goes_out_without_a_fee(ledger, smtp):  # noqa: F811
    controller, handler = smtp
    configure(ledger, controller.port)
    gentle_number = overdue(ledger, customer="1001")
    with ledger.writing() as session:
        book = settings.policy_book(session)
        gentle = replace(
            book.default,
            levels=(ReminderLevel(1, 8, fee=Decimal(0), texts=(GENTLE_TEXT,)),),
            claim_compensation=False,
        )
        settings.save_policy_book(session, settings.PolicyBook(book.default, {"Gentle": gentle}))
        settings.assign_policy(session, "1001", "Gentle")
    with ledger.reading() as session:
        (item,) = queue(session, NOW.date())
    assert (item.invoice_number, item.fee, item.compensation) == (gentle_number, 0, 0)

    report = send_due(ledger, now=NOW, owner="test", password=None)

    assert report.sent == 1
    (received,) = handler.received
    assert str(received.message["Subject"]) == f"Vänlig påminnelse: faktura {gentle_number}"
    assert "är ännu obetald" in received.message.get_body(("plain",)).get_content()
