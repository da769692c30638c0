"""The Reminders page: the queue as the clerk reviews it, and each action saved at once."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from finqr_desktop.services import reminder_settings
from finqr_desktop.storage.models import CustomerRow, InvoiceRow, OutboxRow
from finqr_desktop.ui import reminder_widgets
from finqr_desktop.ui.reminder_model import COLUMNS, WAITING
from finqr_desktop.ui.reminders_page import RemindersPage

from ..services.helpers import issue_new


def _overdue(database, due: str = "2026-11-30") -> str:
    number = issue_new(database, issue_date="2026-09-01")
    with database.writing() as session:
        record = session.scalar(select(InvoiceRow).where(InvoiceRow.number == number))
        record.due_date = dt.date.fromisoformat(due)
    return number


@pytest.fixture
def numbers(ledger):
    return [_overdue(ledger), _overdue(ledger, "2026-10-23")]


@pytest.fixture
def page(qtbot, context, numbers, boxes):
    page = RemindersPage(context)
    qtbot.addWidget(page)
    page.resize(1100, 500)
    return page


def _cell(page, row: int, column: str) -> str:
    return page.model.index(row, COLUMNS.index(column)).data()


def _row_of(page, number: str) -> int:
    for row in range(page.model.rowCount()):
        if _cell(page, row, "number") == number:
            return row
    raise KeyError(number)


def _outbox_status(ledger, number: str) -> str | None:
    with ledger.reading() as session:
        return session.scalar(
            select(OutboxRow.status)
            .join(InvoiceRow, InvoiceRow.id == OutboxRow.invoice_id)
            .where(InvoiceRow.number == number)
        )


def test_the_overdue_invoice_is_listed_with_level_and_amount(page, numbers, ledger):
    row = _row_of(page, numbers[0])
    assert _cell(page, row, "level") == "1"
    # 10 h at 950 kr plus 3 buns at 45,50 kr less 10 %, with 25 % and 12 % VAT.
    assert _cell(page, row, "amount_due") == "12\xa0012,59\xa0kr"
    # A company customer that agreed to no fee is charged the statutory 450 kr instead.
    assert _cell(page, row, "fee") == "450,00\xa0kr"
    assert _cell(page, row, "customer") == "Nilsson & Söner Bygg AB"
    assert _cell(page, row, "send_at") == "2026-12-08 09:00"
    assert _cell(page, row, "status") == "Waiting for approval"
    assert "finqr reminders send-due --once" in page.sending_note.text()


def test_approve_changes_the_table_and_the_ledger(page, numbers, ledger):
    page.select_rows(_row_of(page, numbers[0]))
    page.buttons["approve"].click()
    assert _cell(page, _row_of(page, numbers[0]), "status") == "Approved"
    assert _outbox_status(ledger, numbers[0]) == "approved"
    assert _outbox_status(ledger, numbers[1]) is None


def test_approve_all_approves_every_waiting_item(page, numbers, ledger):
    page.buttons["approve_all"].click()
    assert [_outbox_status(ledger, number) for number in numbers] == ["approved", "approved"]


def test_skip_with_a_reason_leaves_the_waiting_list(page, numbers, ledger, monkeypatch):
    monkeypatch.setattr(reminder_widgets, "ask_reason", lambda _parent: "Paid in cash")
    page.status_filter.setCurrentIndex(page.status_filter.findData(WAITING))
    assert page.model.rowCount() == 2
    page.select_rows(_row_of(page, numbers[0]))
    page.buttons["skip"].click()
    assert [_cell(page, r, "number") for r in range(page.model.rowCount())] == [numbers[1]]
    assert _outbox_status(ledger, numbers[0]) == "skipped"
    page.status_filter.setCurrentIndex(page.status_filter.findData("skipped"))
    assert _cell(page, 0, "status") == "Skipped: Paid in cash"


def test_postpone_moves_the_planned_time(page, numbers, ledger, monkeypatch):
    monkeypatch.setattr(reminder_widgets, "ask_date", lambda _p, _t: dt.date(2026, 12, 15))
    page.select_rows(_row_of(page, numbers[0]))
    page.buttons["postpone"].click()
    row = _row_of(page, numbers[0])
    assert _cell(page, row, "status") == "Postponed"
    assert _cell(page, row, "send_at").startswith("2026-12-15")


def test_a_disputed_invoice_leaves_the_queue(page, numbers, ledger, boxes):
    page.select_rows(_row_of(page, numbers[0]))
    boxes.answer = False
    page.buttons["dispute"].click()
    assert numbers[0] in boxes.questions[0] and page.model.rowCount() == 2
    boxes.answer = True
    page.buttons["dispute"].click()
    assert [_cell(page, r, "number") for r in range(page.model.rowCount())] == [numbers[1]]
    with ledger.reading() as session:
        disputed = select(InvoiceRow.disputed).where(InvoiceRow.number == numbers[0])
        assert session.scalar(disputed) is True


def test_pausing_the_customer_empties_its_reminders(page, ledger):
    page.select_rows(0)
    page.buttons["pause"].click()
    assert page.model.rowCount() == 0
    with ledger.reading() as session:
        paused = select(CustomerRow.reminders_paused).where(CustomerRow.number == "1001")
        assert session.scalar(paused) is True


def test_level_and_text_filters(page, numbers):
    page.search.setText(numbers[1])
    assert [_cell(page, r, "number") for r in range(page.model.rowCount())] == [numbers[1]]
    page.search.setText("")
    page.level_filter.setCurrentIndex(page.level_filter.findData(2))
    assert page.level_filter.currentData() is None  # only level 1 is queued
    page.level_filter.setCurrentIndex(page.level_filter.findData(1))
    assert page.model.rowCount() == 2


def test_the_mode_switch_persists(page, ledger, context, qtbot):
    assert page.mode.currentData() == "manual"
    page.mode.setCurrentIndex(page.mode.findData("automatic"))
    page.mode.activated.emit(page.mode.currentIndex())
    with ledger.reading() as session:
        assert reminder_settings.reminder_mode(session) == "automatic"
    assert "by themselves" in page.mode_note.text()
    again = RemindersPage(context)
    qtbot.addWidget(again)
    assert again.mode.currentData() == "automatic"
    # Nothing waits for approval in automatic mode, and the rows must not say so.
    assert _cell(again, 0, "status") == "Goes out when due"


def test_the_invoice_view_clears_a_dispute_and_the_reminder_returns(
    page, numbers, ledger, context, boxes, qtbot
):
    from finqr_desktop.ui.invoice_view import InvoiceView

    with ledger.reading() as session:
        invoice_id = session.scalar(select(InvoiceRow.id).where(InvoiceRow.number == numbers[0]))
    view = InvoiceView(context, invoice_id)
    qtbot.addWidget(view)
    assert view.dispute_button.text() == "Mark disputed…"
    assert view.toggle_dispute() is True and "No reminders" in boxes.questions[-1]
    assert view.dispute_button.text() == "Clear dispute"
    assert page.model.rowCount() == 1  # the page reloaded from the announcement
    assert view.toggle_dispute() is True
    assert page.model.rowCount() == 2


def test_a_customer_with_credit_is_shown_as_held(page, numbers, ledger):
    from finqr_desktop.services import customer_credit, payments

    with ledger.writing() as session:
        record = session.scalar(select(InvoiceRow).where(InvoiceRow.number == numbers[0]))
        payment = payments.new_payment(
            session, payment_date=dt.date(2026, 12, 4), amount_minor=12345, currency="SEK"
        )
        customer_credit.payment_to_credit(session, payment.id, record.customer_id)
    page.reload()
    status = _cell(page, _row_of(page, numbers[0]), "status")
    assert status.startswith("Held: the customer has 123,45") and "credit" in status


def test_an_empty_queue_says_why_and_a_filter_with_no_match_says_so(qtbot, context, page):
    assert page.model.rowCount() > 0 and page.empty.isHidden()
    page.search.setText("no such customer at all")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert not page.empty.isHidden() and page.view.isHidden()
    assert page.empty.text() == "No reminder matches the filters and the search."


def test_a_ledger_with_nothing_due_says_so_instead_of_an_empty_table(qtbot, context, boxes):
    page = RemindersPage(context)
    qtbot.addWidget(page)
    assert page.model.rowCount() == 0
    assert page.view.isHidden() and not page.empty.isHidden()
    assert page.empty.text().startswith("No reminder is due today or in the coming 14 days.")
