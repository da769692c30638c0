"""The Publish button: builds and publishes the portal off the GUI thread, with a progress
bar and one line per file that failed.

The work gets plain values only (the database, the day, the secret) and makes its own
sessions, as the other background calls do. A first SFTP connection stops at the server's
unknown key and asks the clerk to confirm its fingerprint; an automatic publish never
asks, it says what is needed instead.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from ..portal.publishing import Outcome, PublishError
from ..portal.sftp import UnknownHostKey
from ..services import portal_publish, portal_settings
from . import messages
from .background_call import BackgroundCall
from .context import LedgerContext
from .portal_settings_form import PortalSecrets

logger = logging.getLogger(__name__)


class PublishBox(QGroupBox):
    published = Signal(object)  # Outcome

    def __init__(self, context: LedgerContext, secrets: PortalSecrets, parent=None):
        super().__init__(self.tr("Publish"), parent)
        self.context, self.secrets = context, secrets
        self.button = QPushButton(self.tr("Publish now"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.status = QLabel(self.tr("Not published in this session yet."))
        self.status.setWordWrap(True)
        self.failures = QListWidget()
        self.failures.setAccessibleName(self.tr("Files that failed"))
        self.failures.hide()
        row = QHBoxLayout()
        row.addWidget(self.progress, 1)
        row.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.failures)
        self.call = BackgroundCall(self)
        self.call.progressed.connect(lambda share: self.progress.setValue(int(share * 1000)))
        self.call.done.connect(self._done)
        self.button.clicked.connect(lambda: self.publish())
        self._automatic = False

    @property
    def busy(self) -> bool:
        return self.call.busy

    def publish(self, *, automatic: bool = False) -> bool:
        """Start publishing; False when one is running already or nothing is set up."""
        if self.call.busy:
            return False
        with self.context.reading() as session:
            settings = portal_settings.load_settings(session)
        if not settings.configured:
            self.status.setText(self.tr("Set where to publish first."))
            return False
        secret = self.secrets.known(settings) if settings.target == "sftp" else None
        database, today = self.context.database, self.context.today()
        self._automatic = automatic
        self.button.setEnabled(False)
        self.progress.setValue(0)
        self.failures.clear()
        self.failures.hide()
        self.status.setText(self.tr("Publishing…"))

        def work(progress):
            def step(done: int, total: int, _path: str) -> None:
                progress(done / total if total else 1.0)

            return portal_publish.publish_now(database, today, secret=secret, progress=step)

        return self.call.start(work, with_progress=True)

    def wait(self) -> None:
        self.call.wait()

    def _done(self, outcome: Outcome | None, error: Exception | None) -> None:
        self.button.setEnabled(True)
        if isinstance(error, UnknownHostKey):
            self._confirm_host(error)
            return
        if error is not None:
            if not isinstance(error, PublishError):
                logger.error("publishing failed", exc_info=error)
            self.status.setText(self.tr("Not published: {error}").format(error=error))
            return
        self.progress.setValue(1000)
        text = self.tr("Published: {uploaded} uploaded, {removed} removed, {unchanged} unchanged.")
        text = text.format(uploaded=len(outcome.uploaded), removed=len(outcome.removed),
                           unchanged=outcome.unchanged)  # fmt: skip
        if outcome.failures:
            text += " " + self.tr("{count} files failed; they are tried again next time.").format(
                count=len(outcome.failures)
            )
            for path, reason in outcome.failures:
                self.failures.addItem(f"{path}: {reason}")
            self.failures.show()
        self.status.setText(text)
        self.published.emit(outcome)

    def _confirm_host(self, unknown: UnknownHostKey) -> None:
        question = self.tr(
            "The SFTP server is not known yet. Its key fingerprint is\n\n{fingerprint}\n\n"
            "Publish there only if your web host confirms this fingerprint. Trust it?"
        ).format(fingerprint=unknown.fingerprint)
        if self._automatic or not messages.confirm(self, self.tr("Confirm the server"), question):
            self.status.setText(
                self.tr("Not published: the server's key {fingerprint} is not confirmed.").format(
                    fingerprint=unknown.fingerprint
                )
            )
            return
        portal_publish.trust_host_key(self.context.database, unknown.entry)
        self.publish()
