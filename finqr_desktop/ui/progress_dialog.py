"""One progress dialog for long work: what it is doing, a bar, and a Cancel that is safe.

The work runs off the GUI thread (``ui.background_call``) and gets a ``report`` callback and
a ``services.cancelling.CancelToken``. What it reports (a ``Step``, a share) crosses to the
GUI thread as a queued signal and is turned into words there by the caller's ``describe``,
so translation and widgets stay on the GUI thread. Cancel only sets the token: the work
stops at its next safe point, the dialog says "Cancelling…" with what cancelling keeps,
and then the caller's ``report`` says what was done. A job past its point of no return
(``CancelToken.commit``) gets its Cancel button disabled with the reason.

Closing the dialog (Escape, the window's close button) while the work runs is a cancel
request, never an abandoned thread.

Work that runs on a thread someone else owns (the sending worker, which also runs on its
own timer) is shown with ``follow``: its owner hands the token to the work, and passes the
steps to ``show_step`` and the end to ``finish`` on the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QVBoxLayout,
)

from ..services.cancelling import Cancelled, CancelToken
from .background_call import BackgroundCall

logger = logging.getLogger(__name__)

STEPS = 1000  # the bar's resolution
NOTE_STYLE = "color: #52606d;"

Report = Callable[[object], None]
# What the work reported -> (the step in words, the share done or None when unknown).
Describe = Callable[[object], tuple[str, float | None]]


class _Relay(QObject):
    """Lives on the GUI thread; its signals, emitted by the work, arrive there queued."""

    reported = Signal(object)
    committed = Signal()


class ProgressDialog(QDialog):
    completed = Signal(object, object)  # (result, error), after the report is shown

    def __init__(
        self,
        title: str,
        cancel_note: str,
        parent=None,
        *,
        commit_note: str = "",
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(460)
        self.cancel_note, self.commit_note = cancel_note, commit_note
        self.token = CancelToken()
        self.result: object = None
        self.error: Exception | None = None
        self.running = False
        self._describe: Describe = lambda reported: (str(reported), None)
        self._report: Callable[[object, Exception | None], str] = lambda _r, _e: ""

        self.step = QLabel(self.tr("Starting…"))
        self.step.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, STEPS)
        self.bar.setValue(0)
        self.note = QLabel(cancel_note)
        self.note.setWordWrap(True)
        self.note.setStyleSheet(NOTE_STYLE)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.step)
        layout.addWidget(self.bar)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)

        self._relay = _Relay(self)
        self._relay.reported.connect(self._show_step)
        self._relay.committed.connect(self._past_return)
        self.token.when_committed(self._relay.committed.emit)
        self.call = BackgroundCall(self)
        self.call.done.connect(self._done)

    def run(
        self,
        work: Callable[[Report, CancelToken], object],
        *,
        describe: Describe,
        report: Callable[[object, Exception | None], str],
    ) -> None:
        """Show the dialog and start ``work(report, token)`` off the GUI thread.

        ``report(result, error)`` gives the closing text (error is the exception, often
        ``Cancelled``, or None)."""
        self._describe, self._report = describe, report
        relay, token = self._relay, self.token
        self.running = True
        self.open()
        self.call.start(lambda: work(relay.reported.emit, token))

    def follow(
        self,
        *,
        describe: Describe,
        report: Callable[[object, Exception | None], str],
    ) -> None:
        """Show the dialog for work its caller runs (see the module's note)."""
        self._describe, self._report = describe, report
        self.running = True
        self.open()

    def show_step(self, reported: object) -> None:
        """What followed work reported (on the GUI thread)."""
        self._show_step(reported)

    def request_cancel(self) -> None:
        if not self.running or self.token.requested:
            return
        if not self.token.request():
            return  # past the point of no return; the button is disabled already
        self.cancel_button.setEnabled(False)
        self.step.setText(self.tr("Cancelling…"))
        self.note.setText(self.cancel_note)

    def reject(self) -> None:
        if self.running:
            self.request_cancel()
            return
        super().reject()

    def done(self, result: int) -> None:  # noqa: A003 - Qt's name
        if self.running:
            self.request_cancel()
            return
        super().done(result)

    def wait(self) -> None:
        """Block until the work has ended (the window is closing)."""
        self.token.request()
        self.call.wait()

    def _show_step(self, reported: object) -> None:
        if not self.running:
            return
        text, share = self._describe(reported)
        if self.token.requested:
            text = self.tr("Cancelling… ({step})").format(step=text) if text else text
        if text:
            self.step.setText(text)
        if share is None:
            self.bar.setRange(0, 0)  # busy: how far is not known
        else:
            self.bar.setRange(0, STEPS)
            self.bar.setValue(int(share * STEPS))

    def _past_return(self) -> None:
        self.cancel_button.setEnabled(False)
        if self.commit_note:
            self.note.setText(self.commit_note)

    def _done(self, result: object, error: Exception | None) -> None:
        if error is not None and not _expected(error):
            logger.error("long work failed", exc_info=error)
        self.finish(result, error)

    def finish(self, result: object, error: Exception | None) -> None:
        """The work has ended: show the report and a Close button. (Followed work's owner
        has logged its error already.)"""
        self.running = False
        self.result, self.error = result, error
        self.bar.setRange(0, STEPS)
        # Work that stopped on request keeps its bar where it stopped.
        if error is None and not self.token.requested:
            self.bar.setValue(STEPS)
        self.step.setText(self._report(result, error))
        self.note.hide()
        self.buttons.clear()
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setFocus()
        self.completed.emit(result, error)


def _expected(error: Exception) -> bool:
    """Errors the caller's report explains in words (not a bug to log with a traceback)."""
    return isinstance(error, (Cancelled, ValueError, OSError))
