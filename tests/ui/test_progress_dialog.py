"""The progress dialog: steps shown, the GUI thread free, Cancel → "Cancelling…" → report.

The work waits on gates the test opens, so every state is looked at while it holds, and
nothing depends on how fast the machine is.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import func, select

from finqr_desktop.services.cancelling import Cancelled, Step
from finqr_desktop.storage.models import InvoiceRow
from finqr_desktop.ui.invoices_page import InvoicesPage
from finqr_desktop.ui.progress_dialog import ProgressDialog

from ..services.helpers import create_draft

WAIT_MS = 10_000


class Gates:
    """One gate per step: the work waits at step n until the test opens gate n."""

    def __init__(self, count: int):
        self.gates = [threading.Event() for _ in range(count)]

    def open(self, n: int) -> None:
        self.gates[n].set()

    def open_all(self) -> None:
        for gate in self.gates:
            gate.set()


def _work(gates: Gates, total: int):
    def work(report, cancel) -> int:
        done = 0
        for n in range(total):
            cancel.check()
            report(Step(n, total, f"file-{n}.html"))
            assert gates.gates[n].wait(WAIT_MS / 1000)
            done += 1
        return done

    return work


def _describe(step: Step):
    return f"Uploading {step.what} ({step.done + 1} of {step.total})", step.share


def _report(result, error) -> str:
    if isinstance(error, Cancelled):
        return "Cancelled; the rest goes next time."
    return f"Done: {result} files."


def test_steps_show_and_the_gui_thread_stays_free_while_the_work_runs(qtbot):
    dialog = ProgressDialog("Publish", "Cancel stops between files.")
    qtbot.addWidget(dialog)
    gates = Gates(3)
    ticks = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    dialog.run(_work(gates, 3), describe=_describe, report=_report)
    try:
        qtbot.waitUntil(lambda: "file-0.html" in dialog.step.text(), timeout=WAIT_MS)
        assert dialog.isVisible() and dialog.running
        assert dialog.note.text() == "Cancel stops between files."
        # The work is blocked on its thread; the GUI thread's timer still fires.
        before = len(ticks)
        qtbot.waitUntil(lambda: len(ticks) >= before + 3, timeout=WAIT_MS)
        assert dialog.running
        gates.open(0)
        qtbot.waitUntil(lambda: "(2 of 3)" in dialog.step.text(), timeout=WAIT_MS)
        assert dialog.bar.value() == 333
    finally:
        gates.open_all()
        timer.stop()
    qtbot.waitUntil(lambda: not dialog.running, timeout=WAIT_MS)
    assert dialog.step.text() == "Done: 3 files."
    assert dialog.result == 3 and dialog.error is None
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Close) is not None


def test_cancel_says_cancelling_until_the_work_stops_then_the_report(qtbot):
    dialog = ProgressDialog("Publish", "Cancel stops between files.")
    qtbot.addWidget(dialog)
    gates = Gates(4)
    dialog.run(_work(gates, 4), describe=_describe, report=_report)
    try:
        qtbot.waitUntil(lambda: "file-0.html" in dialog.step.text(), timeout=WAIT_MS)
        dialog.cancel_button.click()
        assert dialog.step.text() == "Cancelling…"
        assert not dialog.cancel_button.isEnabled()
        assert dialog.running and dialog.isVisible()
        # Escape while cancelling does not close the dialog over running work.
        dialog.reject()
        assert dialog.isVisible()
    finally:
        gates.open_all()
    qtbot.waitUntil(lambda: not dialog.running, timeout=WAIT_MS)
    assert isinstance(dialog.error, Cancelled)
    assert dialog.step.text() == "Cancelled; the rest goes next time."


def test_past_the_point_of_no_return_cancel_is_disabled_with_the_reason(qtbot):
    dialog = ProgressDialog("Restore", "Cancel stops before.", commit_note="Cannot stop now.")
    qtbot.addWidget(dialog)
    gate = threading.Event()

    def work(report, cancel):
        cancel.commit()
        assert gate.wait(WAIT_MS / 1000)
        return "restored"

    dialog.run(work, describe=_describe, report=lambda result, _error: result)
    try:
        qtbot.waitUntil(lambda: not dialog.cancel_button.isEnabled(), timeout=WAIT_MS)
        assert dialog.note.text() == "Cannot stop now."
        dialog.reject()  # refused: the work goes on to its end
        assert dialog.isVisible() and not dialog.token.requested
    finally:
        gate.set()
    qtbot.waitUntil(lambda: not dialog.running, timeout=WAIT_MS)
    assert dialog.step.text() == "restored"


def test_issue_selected_issues_the_selected_drafts_and_says_how_many(qtbot, context):
    ids = [create_draft(context.database) for _ in range(3)]
    page = InvoicesPage(context)
    qtbot.addWidget(page)
    assert not page.issue_button.isEnabled()
    page.view.selectAll()
    assert sorted(page.selected_drafts()) == sorted(ids)
    assert page.issue_button.isEnabled()
    page.issue_button.click()
    dialog = page.batch
    qtbot.waitUntil(lambda: not dialog.running, timeout=WAIT_MS)
    assert dialog.step.text().startswith("3 of 3 invoices issued.")
    with context.database.reading() as session:
        drafts = session.scalar(
            select(func.count()).select_from(InvoiceRow).where(InvoiceRow.is_draft)
        )
    assert drafts == 0
    # The list was told: nothing selected is a draft any more.
    page.view.selectAll()
    assert page.selected_drafts() == [] and not page.issue_button.isEnabled()
