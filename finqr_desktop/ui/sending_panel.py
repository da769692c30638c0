"""The sending area of the Reminders page: the worker's status, "Send due now", failures.

The panel works without a worker too (a page opened on its own, in tests): it then says
how mail goes out instead, and its button stays disabled until ``attach`` gives it the
scheduler.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from . import theme
from .context import LedgerContext
from .failed_list import FailedList
from .sending_status import SendingStatus, describe

logger = logging.getLogger(__name__)


class SendingPanel(QWidget):
    def __init__(self, context: LedgerContext, parent=None):
        super().__init__(parent)
        self.scheduler = None
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

    def send_now(self) -> None:
        if self.scheduler is not None:
            self.scheduler.send_now()

    def _after_retry(self, changed: int) -> None:
        if changed:
            self.send_now()
