"""The GUI's sending: the worker thread, "Send due now", failures and Retry, the password.

Every test sends to a real aiosmtpd server on loopback and reads what it received; the
worker runs on its own thread and every scheduler is stopped (its thread waited for) at
teardown.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from finqr_desktop.storage.models import InvoiceRow, OutboxRow
from finqr_desktop.ui import sending_scheduler, smtp_passwords
from finqr_desktop.ui.context import INVOICES
from finqr_desktop.ui.main_window import MainWindow
from finqr_desktop.ui.reminders_page import RemindersPage
from finqr_desktop.ui.sending_scheduler import SendingScheduler
from finqr_desktop.ui.smtp_passwords import SmtpPasswords

from ..mail import server
from ..services.helpers import issue_new
from .smtp import NOW, configure, overdue, reminders_received

WAIT_MS = 30_000  # a ceiling for a run that never reports, not a speed requirement
AUTH_WITHOUT_TLS = pytest.mark.filterwarnings(
    "ignore:Requiring AUTH while not requiring TLS:UserWarning"
)


@pytest.fixture
def make_scheduler(context):
    made: list[SendingScheduler] = []

    def make(**options) -> SendingScheduler:
        options.setdefault("clock", lambda: NOW)
        scheduler = SendingScheduler(context, options.pop("passwords", SmtpPasswords()), **options)
        made.append(scheduler)
        return scheduler

    yield make
    for scheduler in made:
        thread = scheduler._thread
        scheduler.stop()
        assert thread is None or thread.isFinished()


@pytest.fixture
def page(qtbot, context, boxes):
    page = RemindersPage(context)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    return page


def approve(page: RemindersPage, number: str) -> None:
    page.reload()
    rows = [row for row, item in enumerate(page.model.items()) if item.invoice_number == number]
    page.select_rows(*rows)
    page.buttons["approve"].click()


def reminder_status(ledger, number: str) -> str:
    with ledger.reading() as session:
        return session.scalar(
            select(OutboxRow.status)
            .join(InvoiceRow, InvoiceRow.id == OutboxRow.invoice_id)
            .where(InvoiceRow.number == number, OutboxRow.kind == "reminder")
        )


def test_send_due_now_sends_the_approved_reminder_and_shows_the_counts(
    qtbot, page, ledger, smtp, make_scheduler, boxes
):
    scheduler = make_scheduler()
    page.attach_scheduler(scheduler)
    scheduler.start()
    # No settings yet: the start-up run only says so, in the panel, without a dialog.
    assert "not set up" in page.sending.problem.text()
    assert page.sending.problem.isVisibleTo(page)

    controller, handler = smtp()
    configure(ledger, controller.port)
    number = overdue(ledger)
    approve(page, number)
    with qtbot.waitSignal(scheduler.finished, timeout=WAIT_MS) as blocker:
        page.sending.send_button.click()

    report = blocker.args[0]
    (reminder,) = reminders_received(handler, number)
    assert reminder.rcpt_tos == ["ekonomi@nilsson.example"]
    assert reminder_status(ledger, number) == "sent"
    assert report.failed == 0 and report.sent == len(handler.received)
    assert f"{report.sent} sent, 0 failed" in page.sending.status.text()
    assert "Next run at" in page.sending.status.text()
    assert not page.sending.problem.isVisibleTo(page)
    assert boxes.said == []

    with qtbot.waitSignal(scheduler.finished, timeout=WAIT_MS) as again:
        page.sending.send_button.click()
    assert again.args[0].sent == 0
    assert len(reminders_received(handler, number)) == 1


def test_a_permanent_failure_is_listed_with_its_error_and_retry_sends_it(
    qtbot, page, ledger, smtp, make_scheduler
):
    controller, handler = smtp(server.RecordingHandler(refuse={"RCPT": "550 no such mailbox"}))
    configure(ledger, controller.port)
    number = overdue(ledger)
    approve(page, number)
    scheduler = make_scheduler()
    page.attach_scheduler(scheduler)
    with qtbot.waitSignal(scheduler.finished, timeout=WAIT_MS) as blocker:
        scheduler.start()

    assert blocker.args[0].failed >= 1 and handler.received == []
    failures = page.sending.failures
    assert failures.isVisibleTo(page)
    row = [item.invoice_number for item in failures.items].index(number)
    error = failures.table.item(row, 4).text()
    assert "550" in error and "no such mailbox" in error
    assert reminder_status(ledger, number) == "failed"
    assert "0 sent" in page.sending.status.text()

    handler.refuse.clear()
    failures.table.selectAll()
    with qtbot.waitSignal(scheduler.finished, timeout=WAIT_MS):
        failures.retry_button.click()

    assert len(reminders_received(handler, number)) == 1
    assert reminder_status(ledger, number) == "sent"
    assert failures.items == [] and not failures.isVisibleTo(page)


def test_a_request_during_a_run_waits_its_turn_and_nothing_goes_twice(
    qtbot, page, ledger, smtp, make_scheduler
):
    controller, handler = smtp()
    configure(ledger, controller.port)
    numbers = [overdue(ledger, "1001"), overdue(ledger, "1002")]
    for number in numbers:
        approve(page, number)
    scheduler = make_scheduler()
    reports = []
    scheduler.finished.connect(reports.append)
    with qtbot.waitSignal(scheduler.finished, timeout=WAIT_MS):
        scheduler.start()
        scheduler.send_now()  # arrives while the start-up run is on its way

    qtbot.waitUntil(lambda: len(reports) == 2, timeout=WAIT_MS)
    assert [len(reminders_received(handler, number)) for number in numbers] == [1, 1]
    assert sum(report.sent for report in reports) == len(handler.received)


@AUTH_WITHOUT_TLS
def test_without_a_keyring_the_password_is_asked_for_once_and_kept_for_the_session(
    qtbot, page, ledger, smtp, make_scheduler, monkeypatch
):
    controller, handler = smtp(
        authenticator=server.authenticator, auth_required=True, auth_require_tls=False
    )
    configure(ledger, controller.port, username=server.USER)
    asked = []

    def answer(_parent, settings):
        asked.append(settings.password_key)
        return server.PASSWORD

    monkeypatch.setattr(smtp_passwords, "ask_password", answer)
    number = overdue(ledger)
    approve(page, number)
    scheduler = make_scheduler()
    with qtbot.waitSignal(scheduler.finished, timeout=WAIT_MS):
        scheduler.start()

    assert asked == [f"{server.USER}@127.0.0.1"]
    assert len(reminders_received(handler, number)) == 1
    with qtbot.waitSignal(scheduler.finished, timeout=WAIT_MS):
        scheduler.send_now()
    assert len(asked) == 1


@AUTH_WITHOUT_TLS
def test_a_declined_password_is_not_asked_again_until_the_clerk_sends(
    qtbot, page, ledger, smtp, make_scheduler, monkeypatch
):
    controller, handler = smtp(
        authenticator=server.authenticator, auth_required=True, auth_require_tls=False
    )
    configure(ledger, controller.port, username=server.USER)
    answers = [None, server.PASSWORD]
    monkeypatch.setattr(smtp_passwords, "ask_password", lambda _parent, _s: answers.pop(0))
    number = overdue(ledger)
    approve(page, number)
    scheduler = make_scheduler()
    page.attach_scheduler(scheduler)

    scheduler.start()
    assert "password" in page.sending.problem.text()
    scheduler.run_planned()  # the interval comes round: no dialog this time
    assert answers == [server.PASSWORD] and handler.received == []

    with qtbot.waitSignal(scheduler.finished, timeout=WAIT_MS):
        page.sending.send_button.click()
    assert answers == []
    assert len(reminders_received(handler, number)) == 1


def test_issuing_an_invoice_pokes_a_run_that_sends_its_email(
    qtbot, context, ledger, smtp, make_scheduler, monkeypatch
):
    monkeypatch.setattr(sending_scheduler, "POKE_DELAY_MS", 10)
    controller, handler = smtp()
    configure(ledger, controller.port)
    scheduler = make_scheduler()
    with qtbot.waitSignal(scheduler.finished, timeout=WAIT_MS):
        scheduler.start()

    number = issue_new(ledger, email=True)  # issuing queues the invoice's e-mail
    with qtbot.waitSignal(scheduler.finished, timeout=WAIT_MS) as blocker:
        context.announce(INVOICES)

    assert blocker.args[0].sent == 1
    (received,) = handler.received
    assert number in received.message["Subject"]


def test_an_unexpected_error_is_shown_and_the_worker_keeps_going(
    qtbot, page, ledger, smtp, make_scheduler
):
    controller, handler = smtp()
    configure(ledger, controller.port)
    number = overdue(ledger)
    approve(page, number)
    calls = []

    def flaky_sender(settings, password):
        calls.append(settings.host)
        if len(calls) == 1:
            raise RuntimeError("the sender could not be made")
        from finqr_desktop.mail.sender import SmtpSender

        return SmtpSender(settings, password)

    scheduler = make_scheduler(sender_factory=flaky_sender)
    page.attach_scheduler(scheduler)
    with qtbot.waitSignal(scheduler.failed, timeout=WAIT_MS):
        scheduler.start()
    assert "could not be made" in page.sending.problem.text()
    assert page.sending.send_button.isEnabled()

    with qtbot.waitSignal(scheduler.finished, timeout=WAIT_MS):
        page.sending.send_button.click()
    assert len(reminders_received(handler, number)) == 1
    assert not page.sending.problem.isVisibleTo(page)


def test_the_window_starts_the_worker_shows_its_status_and_stops_it_on_close(
    qtbot, context, ledger
):
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.start_sending()
    thread = window.sending._thread
    assert thread.isRunning()
    assert "not set up" in window.sending_label.text()
    reminders = window.show_section("Reminders")
    assert reminders.sending.send_button.isEnabled()

    window.close()
    assert thread.isFinished() and not window.sending.active


def test_a_stopped_scheduler_restarts_with_a_new_worker_and_sends(
    qtbot, page, ledger, smtp, make_scheduler
):
    """A restore that was cancelled stops sending first; the ledger stays, so mail goes on."""
    scheduler = make_scheduler()
    page.attach_scheduler(scheduler)
    scheduler.start()
    old_thread = scheduler._thread
    scheduler.stop()
    assert old_thread.isFinished() and not scheduler.active

    controller, handler = smtp()
    configure(ledger, controller.port)
    number = overdue(ledger)
    approve(page, number)
    with qtbot.waitSignal(scheduler.finished, timeout=WAIT_MS):
        scheduler.restart()  # the start-up run of the new worker sends what is due
    assert scheduler.active and scheduler._thread is not old_thread
    (reminder,) = reminders_received(handler, number)
    assert reminder_status(ledger, number) == "sent"
