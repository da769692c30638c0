"""When the app sends: at start-up, every few minutes, on request, and soon after issuing.

The planning happens here on the main thread (timers, reading the SMTP settings, asking
for a password), and only a ``RunJob`` of plain values goes to the worker thread. One run
at a time: a request during a run is remembered and served once the run ends. A run the
clerk starts with "Send due now" may carry a cancel token, and its steps are relayed
(``stepped``) for the progress dialog that follows it. The next
interval is counted from the end of a run, so slow runs never pile up.

Without SMTP settings, or without a password the clerk would not give, nothing is sent and
the status says why; no dialog comes back every interval.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
import socket
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal, Slot

from ..domain.errors import ValidationFailed
from ..mail.sender import SmtpSender
from ..services.cancelling import CancelToken
from ..services.mail_settings import smtp_settings
from ..services.scheduler import SendReport
from .context import INVOICES, LedgerContext
from .message_text import error_text
from .scheduler_worker import RunJob, SendingWorker
from .sending_status import REMINDERS, SendingStatus
from .smtp_passwords import SmtpPasswords

logger = logging.getLogger("finqr_desktop.scheduler")

INTERVAL_MINUTES = 5
# Issuing several invoices in a row becomes one run shortly after the last of them.
POKE_DELAY_MS = 3_000


def _tr(text: str) -> str:
    return QCoreApplication.translate("", text)


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class SendingScheduler(QObject):
    status_changed = Signal(object)  # SendingStatus
    run_started = Signal()
    progress = Signal(int)  # messages accepted so far in the current run
    stepped = Signal(object)  # services.cancelling.Step, the message going now
    finished = Signal(object)  # SendReport, after the status has been updated
    failed = Signal(str)
    _queue_job = Signal(object)

    def __init__(
        self,
        context: LedgerContext,
        passwords: SmtpPasswords,
        *,
        interval_minutes: float = INTERVAL_MINUTES,
        clock: Callable[[], dt.datetime] = _utc_now,
        sender_factory=SmtpSender,
        parent=None,
    ):
        super().__init__(parent)
        self.context = context
        self.passwords = passwords
        self.clock = clock
        self.owner = f"gui:{socket.gethostname()}:{os.getpid()}"
        self.interval = dt.timedelta(minutes=interval_minutes)
        self.status = SendingStatus()
        self._running = False
        # A request that came during a run: None, or whether the clerk made it.
        self._again: bool | None = None
        self._asked = False
        self._stopped = False
        self._thread: QThread | None = None
        self._sender_factory = sender_factory
        self._worker = SendingWorker(context.database, clock, sender_factory)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.run_planned)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(POKE_DELAY_MS)
        self._soon.timeout.connect(self.run_planned)

    @property
    def active(self) -> bool:
        return self._thread is not None

    def start(self) -> None:
        """Start the worker thread and the first run (the catch-up after days away).

        A stopped scheduler stays stopped: its worker belongs to the finished thread.
        """
        if self._thread is not None or self._stopped:
            return
        self._thread = QThread()
        self._thread.setObjectName("finqr-sending")
        self._worker.moveToThread(self._thread)
        self._queue_job.connect(self._worker.run)
        self._worker.started.connect(self.run_started)
        self._worker.progress.connect(self._on_progress)
        self._worker.stepped.connect(self._on_step)
        self._worker.finished.connect(self._on_finished)
        self._worker.failed.connect(self._on_failed)
        self._thread.start()
        self.context.changed.connect(self._on_ledger_changed)
        logger.info("sending worker started as %s", self.owner)
        self._request(interactive=False)

    def stop(self) -> None:
        """Stop timers and wait for the thread; a run in progress ends after its message."""
        thread, self._thread = self._thread, None
        self._stopped = True
        if thread is None:
            return
        self._timer.stop()
        self._soon.stop()
        self.context.changed.disconnect(self._on_ledger_changed)
        self._worker.stopping.set()
        thread.quit()
        thread.wait()
        logger.info("sending worker stopped")

    def restart(self) -> None:
        """Start again after ``stop`` with a new worker (a restore that was cancelled or
        failed leaves the ledger as it was, and its mail must go on going out)."""
        if self._thread is not None:
            return
        try:
            self._queue_job.disconnect(self._worker.run)
        except (RuntimeError, TypeError):  # never connected: the scheduler never started
            pass
        self._worker = SendingWorker(self.context.database, self.clock, self._sender_factory)
        self._stopped = False
        self._running = False
        self._again = None
        logger.info("sending worker restarting")
        self.start()

    def send_now(self, cancel: CancelToken | None = None) -> bool:
        """The clerk's "Send due now": may ask for the password even if declined before.

        True when the run started now: ``cancel`` then stops it after the message in
        flight. False when nothing started (no settings, no password: the status says why)
        or a run is under way (this request is served after it, without ``cancel``)."""
        return self._request(interactive=True, cancel=cancel)

    def send_soon(self) -> None:
        """Run shortly; repeated calls within the delay make one run."""
        if self._thread is not None:
            self._soon.start()

    def run_planned(self) -> None:
        """A run nobody asked for (start-up, interval, after issuing): asks no password twice."""
        self._request(interactive=False)

    def _request(self, *, interactive: bool, cancel: CancelToken | None = None) -> bool:
        if self._thread is None:
            return False
        if self._running:
            self._again = bool(self._again) or interactive
            return False
        # Set before preparing: a timer firing under the password dialog waits its turn.
        self._running = True
        job = self._prepare(interactive)
        if job is None:
            self._running = False
            self._plan_next()
            return False
        self._update(running=True, sent_in_run=0, problem="")
        self._queue_job.emit(dataclasses.replace(job, cancel=cancel))
        return True

    def _prepare(self, interactive: bool) -> RunJob | None:
        try:
            with self.context.reading() as session:
                settings = smtp_settings(session)
        except ValidationFailed as error:
            self._update(problem=error_text(error))
            return None
        if settings is None:
            self._update(problem=_tr("E-mail is not set up: fill in Settings → E-mail to send."))
            return None
        password = None
        if settings.username:
            password = self.passwords.known(settings)
            if password is None and (interactive or not self._asked):
                self._asked = True
                password = self.passwords.obtain(settings)
            if password is None:
                self._update(
                    problem=_tr("Waiting for the SMTP password: press Send due now to enter it.")
                )
                return None
        return RunJob(owner=self.owner, password=password)

    @Slot(int)
    def _on_progress(self, sent: int) -> None:
        if self._thread is not None:
            self._update(sent_in_run=sent)
            self.progress.emit(sent)

    @Slot(object)
    def _on_step(self, step) -> None:
        if self._thread is not None:
            self.stepped.emit(step)

    @Slot(object)
    def _on_finished(self, report: SendReport) -> None:
        self._running = False
        if self._thread is None:
            return
        retried = [problem.error for problem in report.problems if not problem.permanent]
        problem = ""
        if retried:
            problem = _tr("Some mail waits and is tried again later: {error}").format(
                error=retried[-1]
            )
        self._update(running=False, last_run_at=self.clock(), last_report=report, problem=problem)
        if report.sent or report.failed or report.deferred or report.enqueued:
            self.context.announce(REMINDERS)
        self.finished.emit(report)
        self._after_run()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._running = False
        if self._thread is None:
            return
        self._update(running=False, last_run_at=self.clock(), problem=message)
        self.failed.emit(message)
        self._after_run()

    def _after_run(self) -> None:
        if self._again is not None:
            interactive, self._again = self._again, None
            self._request(interactive=interactive)
        else:
            self._plan_next()

    def _plan_next(self) -> None:
        if self._thread is None or self._timer.isActive():
            return
        self._timer.start(int(self.interval.total_seconds() * 1000))
        self._update(next_run_at=self.clock() + self.interval)

    def _on_ledger_changed(self, what: str) -> None:
        if what == INVOICES:
            self.send_soon()

    def _update(self, **changes) -> None:
        self.status = dataclasses.replace(self.status, **changes)
        self.status_changed.emit(self.status)
