"""The sending worker: ``services.scheduler.send_due`` on its own thread, never the GUI's.

The worker is a QObject moved to a QThread; the planner on the main thread
(``sending_scheduler``) hands it a ``RunJob`` of plain values through a queued signal, and
it answers with signals, so no ORM object or session crosses a thread. The engine opens
its own short transactions per item, which is what makes a run safe to share the ledger
with the clerk's edits.

Closing the window sets ``stopping``; the engine asks it before each claim, so closing
waits for the message in flight and no more. Each message the server accepts is reported
as progress, and each message as it goes as a ``Step`` (n of m, for the clerk's progress
dialog). A run the clerk asked for may carry a ``CancelToken``: it stops that run the same
way, after the message in flight, and leaves the worker ready for the next.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal, Slot

from ..mail.sender import SmtpSender
from ..mail.settings import SmtpSettings
from ..services.cancelling import CancelToken
from ..services.scheduler import send_due

logger = logging.getLogger("finqr_desktop.scheduler")


@dataclass(frozen=True)
class RunJob:
    """What a run needs from the main thread: who claims, the password if any, and the
    clerk's Cancel for a run started from "Send due now"."""

    owner: str
    password: str | None
    cancel: CancelToken | None = None


class SendingWorker(QObject):
    """Lives in the worker thread; ``run`` is only ever called through a queued signal."""

    started = Signal()
    progress = Signal(int)  # messages the server accepted so far in this run
    stepped = Signal(object)  # services.cancelling.Step: the message going now, n of m
    finished = Signal(object)  # SendReport
    failed = Signal(str)

    def __init__(self, database, clock: Callable, sender_factory=SmtpSender):
        super().__init__()
        self.database = database
        self.clock = clock
        self.sender_factory = sender_factory
        self.stopping = threading.Event()
        self._sent_in_run = 0

    @Slot(object)
    def run(self, job: RunJob) -> None:
        self.started.emit()
        self._sent_in_run = 0
        cancel = job.cancel

        def cancelled() -> bool:
            return self.stopping.is_set() or (cancel is not None and cancel.requested)

        try:
            report = send_due(
                self.database,
                now=self.clock(),
                owner=job.owner,
                password=job.password,
                sender_factory=self._counting(),
                cancelled=cancelled,
                progress=self.stepped.emit,
            )
        except Exception as error:  # the thread's boundary: report it, keep the worker alive
            logger.exception("sending run failed")
            self.failed.emit(_describe(error))
            return
        self.finished.emit(report)

    def _counting(self) -> Callable[[SmtpSettings, str | None], _CountingSender]:
        def make(settings: SmtpSettings, password: str | None) -> _CountingSender:
            return _CountingSender(self.sender_factory(settings, password), self._one_sent)

        return make

    def _one_sent(self) -> None:
        self._sent_in_run += 1
        self.progress.emit(self._sent_in_run)


class _CountingSender:
    """The engine's sender with a callback after each accepted message, for progress."""

    def __init__(self, sender: SmtpSender, on_sent: Callable[[], None]):
        self._sender = sender
        self._on_sent = on_sent

    def connect(self) -> None:
        self._sender.connect()

    def send(self, message) -> str:
        message_id = self._sender.send(message)
        self._on_sent()
        return message_id

    def send_data(self, data: bytes, recipients: list[str], message_id: str) -> str:
        sent = self._sender.send_data(data, recipients, message_id)
        self._on_sent()
        return sent

    def close(self) -> None:
        self._sender.close()


def _describe(error: Exception) -> str:
    text = str(error) or type(error).__name__
    return text if len(text) <= 300 else text[:299] + "…"
