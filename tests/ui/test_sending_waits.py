"""The window's side of sending and issuing: a reminder that waits for its invoice e-mail
says so in the queue, the history tells a retry from a failure, and the editor keeps
invoice numbers in date order and asks about a due date already gone."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from finqr_desktop.domain.date_text import format_moment
from finqr_desktop.services import invoices as invoice_service
from finqr_desktop.services.scheduler import send_due
from finqr_desktop.ui import messages, theme
from finqr_desktop.ui.message_history_view import MessageHistoryPanel
from finqr_desktop.ui.reminder_model import COLUMNS
from finqr_desktop.ui.reminders_page import RemindersPage

from ..mail.server import RecordingHandler
from ..services.helpers import issue_new
from .smtp import NOW, configure
from .test_invoice_editor import _editor, _write_two_lines


@pytest.fixture
def answers(monkeypatch):
    """Answers the editor's questions in turn (Yes when none is left), keeping each text."""

    class Answers:
        given: list[bool] = []
        asked: list[tuple[str, str]] = []
        said: list[tuple[str, str]] = []

    def confirm(_parent, title, text):
        Answers.asked.append((title, text))
        return Answers.given.pop(0) if Answers.given else True

    Answers.given, Answers.asked, Answers.said = [], [], []
    monkeypatch.setattr(messages, "confirm", confirm)
    monkeypatch.setattr(
        messages, "inform", lambda _p, title, text: Answers.said.append((title, text))
    )
    monkeypatch.setattr(
        messages, "warn", lambda _p, title, text: Answers.said.append((title, text))
    )
    return Answers


def test_the_queue_says_the_reminder_waits_for_the_invoice_e_mail(qtbot, context, ledger, boxes):
    number = issue_new(ledger, issue_date="2026-09-01", email=True)
    page = RemindersPage(context)
    qtbot.addWidget(page)

    (row,) = [r for r in range(page.model.rowCount())
              if page.model.index(r, COLUMNS.index("number")).data() == number]  # fmt: skip
    reason = page.model.index(row, COLUMNS.index("reason")).data()
    assert "waits for the invoice e-mail, not sent yet, and then 5 days" in reason
    assert page.model.index(row, COLUMNS.index("send_at")).data().startswith("2026-12-09")


@pytest.mark.parametrize(
    "reply, result, tint",
    [
        ("451 4.3.2 try again later", "Waiting to be retried at {time}", theme.WARNING),
        ("550 5.1.1 no such mailbox", "Failed", theme.ERROR),
    ],
)
def test_the_history_tells_a_retry_from_a_failure(
    qtbot, context, ledger, smtp, reply, result, tint
):
    controller, _handler = smtp(RecordingHandler(refuse={"RCPT": reply}))
    configure(ledger, controller.port)
    number = issue_new(ledger, email=True)
    send_due(ledger, now=NOW, owner="test", password=None)
    with ledger.reading() as session:
        invoice_id = invoice_service.get_by_number(session, number).id

    panel = MessageHistoryPanel(context)
    qtbot.addWidget(panel)
    panel.show_invoice(invoice_id)

    retry = (NOW + dt.timedelta(minutes=1)).astimezone()
    expected = result.format(time=format_moment(retry, context.locale))
    cell = panel.table.item(0, 2)
    assert cell.text() == expected
    assert cell.foreground().color() == theme.colour(tint)


def test_a_back_dated_invoice_is_offered_today_s_date_and_issued_in_order(
    qtbot, context, ledger, answers
):
    assert issue_new(ledger) == "2026-0001"  # dated 4 December, the fixture day
    editor = _editor(qtbot, context)
    _write_two_lines(qtbot, editor)
    editor.header.issue_date.setDate(dt.date(2026, 11, 20))  # due 20 December: still to come

    qtbot.mouseClick(editor.issue_button, Qt.MouseButton.LeftButton)

    (confirm_issue, _), (title, offer) = answers.asked
    assert confirm_issue == "Issue invoice" and title == "Invoice numbers follow the dates"
    assert offer.startswith("The invoice is dated 2026-11-20, but 2026-0001 of the same number")
    assert offer.endswith("Date the invoice today, 2026-12-04, and issue it?")
    assert editor.issued_number == "2026-0002"
    with ledger.reading() as session:
        record = invoice_service.get_by_number(session, "2026-0002")
        assert (record.issue_date, record.due_date) == (dt.date(2026, 12, 4), dt.date(2027, 1, 3))


def test_declining_today_s_date_leaves_the_draft_as_it_was(qtbot, context, ledger, answers):
    issue_new(ledger)
    editor = _editor(qtbot, context)
    _write_two_lines(qtbot, editor)
    editor.header.issue_date.setDate(dt.date(2026, 11, 20))
    answers.given = [True, False]

    qtbot.mouseClick(editor.issue_button, Qt.MouseButton.LeftButton)

    assert editor.issued_number is None
    assert editor.header.issue_date.date().toPython() == dt.date(2026, 11, 20)
    with ledger.reading() as session:
        assert invoice_service.get_by_number(session, "2026-0002") is None


def test_a_due_date_already_past_is_confirmed_before_issuing(qtbot, context, ledger, answers):
    editor = _editor(qtbot, context)
    _write_two_lines(qtbot, editor)
    editor.header.issue_date.setDate(dt.date(2026, 10, 15))  # 30 days: due 14 November
    answers.given = [False]

    qtbot.mouseClick(editor.issue_button, Qt.MouseButton.LeftButton)

    ((title, question),) = answers.asked
    assert title == "Due date has passed"
    assert question.startswith("The due date 2026-11-14 has already passed")
    assert editor.issued_number is None

    qtbot.mouseClick(editor.issue_button, Qt.MouseButton.LeftButton)
    assert [title for title, _ in answers.asked[1:]] == ["Due date has passed", "Issue invoice"]
    assert editor.issued_number == "2026-0001"
