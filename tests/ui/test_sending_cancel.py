"""Send due now in a progress dialog: message n of m on the worker thread, Cancel stops after
the message the server is taking, nothing goes twice, and the rest stays queued.

The loopback SMTP server holds one chosen message in DATA until the test lets it go, so the
dialog is looked at while that message is really in flight.
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass, field

from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from finqr_desktop.storage.models import InvoiceRow, OutboxRow
from finqr_desktop.ui import scheduler_worker
from finqr_desktop.ui.reminders_page import RemindersPage
from finqr_desktop.ui.sending_scheduler import SendingScheduler
from finqr_desktop.ui.smtp_passwords import SmtpPasswords

from ..mail import server
from ..services.helpers import issue_new
from .held_work import WAIT_S
from .smtp import NOW, configure

WAIT_MS = WAIT_S * 1000


@dataclass
class HoldingHandler(server.RecordingHandler):
    """Holds the ``hold_at``-th message (1-based) in DATA until ``release`` is set."""

    hold_at: int = 0
    arrived: int = 0
    holding: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)

    async def handle_DATA(self, server, session, envelope):
        self.arrived += 1
        if self.arrived == self.hold_at:
            self.holding.set()
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(None, self.release.wait, WAIT_S)
        return await super().handle_DATA(server, session, envelope)


class ThreadOfRuns:
    """scheduler_worker.send_due, recording the thread each run ran on."""

    def __init__(self, send_due):
        self.send_due, self.threads = send_due, []

    def __call__(self, *args, **kwargs):
        self.threads.append(threading.current_thread())
        return self.send_due(*args, **kwargs)


def _statuses(ledger, numbers) -> dict[str, str]:
    with ledger.reading() as session:
        rows = session.execute(
            select(InvoiceRow.number, OutboxRow.status, OutboxRow.lease_owner)
            .join(InvoiceRow, InvoiceRow.id == OutboxRow.invoice_id)
            .where(InvoiceRow.number.in_(numbers), OutboxRow.kind == "invoice")
        ).all()
    assert all(owner is None for _n, _s, owner in rows)  # no claim left behind
    return {number: status for number, status, _owner in rows}


def _subjects(handler) -> list[str]:
    return [received.message["Subject"] for received in handler.received]


def test_cancel_stops_after_the_message_in_flight_and_the_rest_stays_queued(
    qtbot, context, ledger, smtp, monkeypatch
):
    runs = ThreadOfRuns(scheduler_worker.send_due)
    monkeypatch.setattr(scheduler_worker, "send_due", runs)
    handler = HoldingHandler(hold_at=2)
    controller, _ = smtp(handler)
    configure(ledger, controller.port)
    page = RemindersPage(context)
    qtbot.addWidget(page)
    scheduler = SendingScheduler(context, SmtpPasswords(), clock=lambda: NOW)
    page.attach_scheduler(scheduler)
    try:
        with qtbot.waitSignal(scheduler.finished, timeout=WAIT_MS):
            scheduler.start()  # the start-up run: nothing is due yet
        numbers = [issue_new(ledger, email=True) for _ in range(4)]  # four e-mails queued

        page.sending.send_button.click()
        dialog = page.sending.dialog
        try:
            qtbot.waitUntil(handler.holding.is_set, timeout=WAIT_MS)
            qtbot.waitUntil(lambda: "message 2 of 4" in dialog.step.text(), timeout=WAIT_MS)
            assert dialog.step.text() == f"Sending message 2 of 4: invoice {numbers[1]}"
            assert dialog.bar.value() == 250 and dialog.running

            dialog.cancel_button.click()
            assert dialog.step.text() == "Cancelling…"
            assert dialog.note.text().startswith("Cancel stops after the message being sent.")
        finally:
            handler.release.set()
        qtbot.waitUntil(lambda: not dialog.running, timeout=WAIT_MS)

        assert runs.threads and threading.main_thread() not in runs.threads
        assert dialog.step.text() == (
            "2 of 4 messages sent. Cancelled: 2 messages stay queued for the next run."
        )
        assert dialog.buttons.button(QDialogButtonBox.StandardButton.Close) is not None
        # The message in flight was finished; the one after it never began.
        assert handler.arrived == 2 and len(handler.received) == 2
        assert all(n in s for n, s in zip(numbers[:2], _subjects(handler), strict=True))
        assert _statuses(ledger, numbers) == dict(
            zip(numbers, ["sent", "sent", "approved", "approved"], strict=True)
        )

        # The next run sends the other two, and neither of the first two again.
        again = page.sending.send_now()
        qtbot.waitUntil(lambda: not again.running, timeout=WAIT_MS)
        assert again.step.text() == "2 of 2 messages sent."
        assert [sum(n in s for s in _subjects(handler)) for n in numbers] == [1, 1, 1, 1]
        assert set(_statuses(ledger, numbers).values()) == {"sent"}
    finally:
        scheduler.stop()
