"""The preview dialog and the message history panels, offscreen, against a real ledger and a
real SMTP server on loopback."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from finqr_desktop.services import invoices
from finqr_desktop.services.mail_preview import preview_number
from finqr_desktop.services.scheduler import send_due
from finqr_desktop.storage.models import InvoiceRow
from finqr_desktop.ui import theme
from finqr_desktop.ui.invoice_view import InvoiceView
from finqr_desktop.ui.mail_preview_dialog import MailPreviewDialog
from finqr_desktop.ui.reminders_page import RemindersPage

from ..mail.server import RecordingHandler
from ..services.helpers import create_draft
from ..services.test_mail_preview import configure

ISSUED = dt.datetime(2026, 12, 4, 6, 0, tzinfo=dt.UTC)
NOW = dt.datetime(2026, 12, 4, 9, 0, tzinfo=dt.UTC)


def overdue(database) -> tuple[int, str]:
    """An invoice to customer 1001 issued at 06:00 UTC, its e-mail queued, long overdue."""
    invoice_id = create_draft(database, issue_date="2026-09-01")
    with database.writing() as session:
        record = invoices.issue_invoice(session, invoice_id, now=ISSUED)
        record.due_date = dt.date(2026, 10, 23)
        return invoice_id, record.number


@pytest.fixture
def page(qtbot, context, boxes, monkeypatch):
    def at_now(database, item, parent=None):
        return MailPreviewDialog(database, item, now=lambda: NOW, parent=parent)

    monkeypatch.setattr(RemindersPage, "preview_dialog_factory", staticmethod(at_now))
    shown = RemindersPage(context)
    qtbot.addWidget(shown)
    shown.resize(1100, 700)
    return shown


def open_preview(qtbot, page) -> MailPreviewDialog:
    page.reload()
    page.select_rows(0)
    assert page.preview_button.isEnabled()
    page.preview_button.click()
    dialog = page.preview_dialog
    qtbot.addWidget(dialog)
    if dialog.outcome is None:
        qtbot.waitSignal(dialog.ready, timeout=20_000).wait()
    return dialog


def test_the_preview_shows_the_message_the_worker_builds(qtbot, ledger, page):
    configure(ledger, 2525)
    _, number = overdue(ledger)

    dialog = open_preview(qtbot, page)

    with ledger.reading() as session:
        expected = preview_number(session, number, NOW)
    assert dialog.outcome.error == ""
    assert dialog.subject.text() == expected.subject
    assert dialog.to.text() == expected.to and dialog.reply_to.text() == "ekonomi@exempel.se"
    # Qt hands back the no-break spaces of "12 600,82 kr" as plain spaces.
    assert dialog.text.toPlainText() == expected.text.replace("\xa0", " ")
    assert expected.subject in dialog.html.toPlainText()
    assert dialog.outcome.preview.attachment == expected.attachment
    pages = dialog.outcome.pages
    assert len(pages) >= 1 and dialog.pdf_pages.count() == len(pages)
    assert dialog.tabs.isEnabled()
    dialog.accept()


def test_a_preview_that_cannot_be_built_says_why(qtbot, ledger, page):
    overdue(ledger)  # no SMTP settings yet

    dialog = open_preview(qtbot, page)

    assert dialog.outcome.preview is None
    assert "finqr settings smtp" in dialog.status.text()
    assert not dialog.tabs.isEnabled()
    dialog.accept()


def test_the_reminders_page_shows_what_was_sent_about_the_chosen_invoice(
    qtbot, ledger, page, smtp
):
    controller, handler = smtp()
    configure(ledger, controller.port, mode="manual")  # the reminder waits, the invoice goes
    overdue(ledger)
    assert send_due(ledger, now=NOW, owner="test", password=None).sent == 1

    page.reload()
    assert not page.history.table.isVisible() or page.history.table.rowCount() == 0
    page.select_rows(0)

    table = page.history.table
    assert table.rowCount() == 1
    assert table.item(0, 1).text() == "Invoice" and table.item(0, 2).text() == "Sent"
    assert table.item(0, 3).text() == "ekonomi@nilsson.example"
    assert table.item(0, 4).text() == str(handler.received[0].message["Message-ID"])
    page.view.clearSelection()
    assert page.history.invoice_id is None and not page.preview_button.isEnabled()


def test_the_invoice_view_lists_failures_in_red(qtbot, context, ledger, smtp):
    controller, _ = smtp(RecordingHandler(refuse={"RCPT": "550 mailbox unavailable"}))
    configure(ledger, controller.port)
    invoice_id, _ = overdue(ledger)
    with ledger.writing() as session:
        record = session.scalar(select(InvoiceRow).where(InvoiceRow.id == invoice_id))
        record.due_date = dt.date(2027, 1, 3)  # not overdue: only the invoice e-mail goes
    assert send_due(ledger, now=NOW, owner="test", password=None).failed == 1

    view = InvoiceView(context, invoice_id)
    qtbot.addWidget(view)

    table = view.history.table
    assert table.rowCount() == 1
    assert table.item(0, 2).text() == "Failed" and "550" in table.item(0, 4).text()
    assert table.item(0, 4).foreground().color().name() == theme.colour(theme.ERROR).name()
