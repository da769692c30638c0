"""The Publish button: builds and publishes the portal off the GUI thread, with a progress
bar and one line per file that failed.

"Publish now" runs in a progress dialog that names each file as it goes; its Cancel stops
between files, and what was uploaded until then is remembered (``Outcome.stopped``), so the
next publish sends the rest. The automatic publish after a change runs without a dialog,
on the box's own bar, and is stopped the same way when the window closes.

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
from ..services.cancelling import Cancelled, CancelToken, Step
from . import messages
from .background_call import BackgroundCall
from .context import LedgerContext
from .message_text import error_text
from .portal_settings_form import PortalSecrets
from .progress_dialog import ProgressDialog

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
        self.token = CancelToken()  # the automatic publish's
        self.dialog: ProgressDialog | None = None

    @property
    def busy(self) -> bool:
        return self.call.busy or (self.dialog is not None and self.dialog.running)

    def publish(self, *, automatic: bool = False) -> bool:
        """Start publishing; False when one is running already or nothing is set up."""
        if self.busy:
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

        def work(report, cancel) -> Outcome:
            return portal_publish.publish_now(
                database, today, secret=secret, progress=report, cancel=cancel
            )

        if automatic:
            self.token = token = CancelToken()
            return self.call.start(
                lambda progress: work(lambda step: progress(step.share or 0.0), token),
                with_progress=True,
            )
        self._close_dialog()
        self.dialog = ProgressDialog(
            self.tr("Publish the portal"),
            self.tr(
                "Cancel stops after the file being uploaded. What was uploaded stays published "
                "and is remembered, so the next publish sends only the rest."
            ),
            self,
        )
        self.dialog.completed.connect(self._done)
        self.dialog.run(work, describe=self._describe_step, report=self._summary)
        return True

    def wait(self) -> None:
        """Stop a publish in progress after its current file, and block until it has."""
        self.token.request()
        self.call.wait()
        if self.dialog is not None:
            self.dialog.wait()

    def _describe_step(self, step: Step) -> tuple[str, float | None]:
        if not step.total:
            return self.tr("Building the portal's pages…"), None
        text = self.tr("Published {done} of {total} files: {file}").format(
            done=step.done, total=step.total, file=step.what
        )
        return text, step.share

    def _summary(self, outcome: Outcome | None, error: Exception | None) -> str:
        if isinstance(error, Cancelled):
            return self.tr("Publishing cancelled before any file was uploaded.")
        if isinstance(error, UnknownHostKey):
            return self.tr("The SFTP server's key is to be confirmed first.")
        if error is not None:
            return self.tr("Not published: {error}").format(error=error_text(error))
        counts = {"uploaded": len(outcome.uploaded), "removed": len(outcome.removed)}
        if outcome.stopped:
            text = self.tr(
                "Publishing cancelled: {uploaded} uploaded, {removed} removed; {left} files "
                "wait for the next publish."
            ).format(left=outcome.left, **counts)
        else:
            text = self.tr(
                "Published: {uploaded} uploaded, {removed} removed, {unchanged} unchanged."
            ).format(unchanged=outcome.unchanged, **counts)
        if outcome.failures:
            text += " " + self.tr("{count} files failed; they are tried again next time.").format(
                count=len(outcome.failures)
            )
        return text

    def _done(self, outcome: Outcome | None, error: Exception | None) -> None:
        self.button.setEnabled(True)
        if isinstance(error, UnknownHostKey):
            self._close_dialog()
            self._confirm_host(error)
            return
        self.status.setText(self._summary(outcome, error))
        if error is not None:
            if not isinstance(error, (PublishError, Cancelled)):
                logger.error("publishing failed", exc_info=error)
            return
        self.progress.setValue(1000)
        for path, reason in outcome.failures:
            self.failures.addItem(f"{path}: {reason}")
        self.failures.setVisible(bool(outcome.failures))
        self.published.emit(outcome)

    def _close_dialog(self) -> None:
        """The last publish's dialog goes (it has ended: ``busy`` said so)."""
        if self.dialog is not None:
            self.dialog.accept()
            self.dialog.deleteLater()
            self.dialog = None

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
