"""The sending area of the Reminders page: the worker's status, "Send due now", failures.

The panel works without a worker too (a page opened on its own, in tests): it then says
how mail goes out instead, and its button stays disabled until ``attach`` gives it the
scheduler.

"Send due now" follows its run in a progress dialog: message n of m and the invoice it is
about, and a Cancel that stops after the message in flight. The engine claims every
message before it goes and marks it sent once the server took it, so nothing goes twice,
and what a cancelled run did not send goes back to the queue for the next run.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..services.cancelling import Step
from ..services.scheduler import SendReport
from . import theme
from .context import LedgerContext
from .failed_list import FailedList
from .progress_dialog import ProgressDialog
from .sending_status import SendingStatus, describe

logger = logging.getLogger(__name__)


class SendingPanel(QWidget):
    def __init__(self, context: LedgerContext, parent=None):
        super().__init__(parent)
        self.scheduler = None
        self.dialog: ProgressDialog | None = None
        self.status = QLabel(
            self.tr(
                "Sending is not running here: approved reminders go out with "
                "`finqr reminders send-due --once` (for example from cron)."
            )
        )
        theme.tint(self.status, theme.MUTED)
        self.status.setWordWrap(True)
        self.problem = QLabel()
        theme.tint(self.problem, theme.ERROR)
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.send_button = QPushButton(self.tr("Send due now"))
        self.send_button.setEnabled(False)
        self.send_button.clicked.connect(self.send_now)
        self.failures = FailedList(context)
        self.failures.retried.connect(self._after_retry)

        line = QHBoxLayout()
        texts = QVBoxLayout()
        texts.addWidget(self.status)
        texts.addWidget(self.problem)
        line.addLayout(texts, 1)
        line.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.failures)
        layout.addLayout(line)

    def attach(self, scheduler) -> None:
        """Show this scheduler's status and let the button and Retry start its runs."""
        self.scheduler = scheduler
        scheduler.status_changed.connect(self.show_status)
        self.send_button.setEnabled(True)
        self.show_status(scheduler.status)

    def show_status(self, status: SendingStatus) -> None:
        self.status.setText(describe(status))
        self.problem.setText(status.problem)
        self.problem.setVisible(bool(status.problem))
        self.send_button.setEnabled(self.scheduler is not None and not status.running)

    def send_now(self) -> ProgressDialog | None:
        """Start a run now and follow it in a progress dialog; None when no run started now
        (the status says why, or the request waits for the run under way)."""
        if self.scheduler is None:
            return None
        dialog = ProgressDialog(
            self.tr("Send due now"),
            self.tr(
                "Cancel stops after the message being sent. Nothing is sent twice; what was "
                "not sent stays queued for the next run."
            ),
            self,
        )
        if not self.scheduler.send_now(cancel=dialog.token):
            dialog.deleteLater()
            return None
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        scheduler = self.scheduler

        def ended(report: SendReport | None, error: Exception | None) -> None:
            scheduler.stepped.disconnect(dialog.show_step)
            scheduler.finished.disconnect(on_finished)
            scheduler.failed.disconnect(on_failed)
            dialog.finish(report, error)

        def on_finished(report: SendReport) -> None:
            ended(report, None)

        def on_failed(message: str) -> None:
            ended(None, RuntimeError(message))

        scheduler.stepped.connect(dialog.show_step)
        scheduler.finished.connect(on_finished)
        scheduler.failed.connect(on_failed)
        dialog.follow(describe=self._describe_step, report=self._describe_run)
        return dialog

    def _describe_step(self, step: Step) -> tuple[str, float | None]:
        if not step.what:
            return "", step.share  # the run's end: its report follows at once
        text = self.tr("Sending message {n} of {total}: invoice {number}").format(
            n=step.done + 1, total=step.total, number=step.what
        )
        return text, step.share

    def _describe_run(self, report: SendReport | None, error: Exception | None) -> str:
        if error is not None:
            return self.tr("Sending stopped: {error}").format(error=error)
        if not report.handled and not report.due:
            parts = [self.tr("Nothing was due to send.")]
        else:
            parts = [
                self.tr("{sent} of {due} messages sent.").format(
                    sent=report.sent, due=max(report.due, report.handled)
                )
            ]
        if report.failed or report.deferred:
            parts.append(
                self.tr("{failed} failed, {deferred} wait to be tried again.").format(
                    failed=report.failed, deferred=report.deferred
                )
            )
        left = report.due - report.handled
        if report.stopped and left > 0:
            parts.append(
                self.tr("Cancelled: {left} messages stay queued for the next run.").format(
                    left=left
                )
            )
        return " ".join(parts)

    def _after_retry(self, changed: int) -> None:
        if changed:
            self.send_now()
