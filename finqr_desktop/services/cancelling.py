"""Stopping long work safely: a cancel token the caller sets and the work checks between steps.

The GUI's progress dialog sets the token from its thread; the work, on another, asks it only
at points where stopping leaves a state the job promises (a transaction not yet committed,
an invoice not yet begun, a file not yet started). Plain Python, so the services, the CLI
and tests use it without Qt. A job with a point after which it must not stop (a restore
once the overwrite starts) calls ``commit``: a later request is refused, and the caller's
dialog can say so.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

logger = logging.getLogger(__name__)


class Cancelled(Exception):
    """The work stopped at a safe point because it was asked to."""


class CancelToken:
    def __init__(self):
        self._lock = threading.Lock()
        self._requested = False
        self._committed = False
        self._on_commit: list[Callable[[], None]] = []

    @property
    def requested(self) -> bool:
        with self._lock:
            return self._requested

    @property
    def committed(self) -> bool:
        with self._lock:
            return self._committed

    def request(self) -> bool:
        """Ask the work to stop; False when it is past the point of no return."""
        with self._lock:
            if self._committed:
                return False
            self._requested = True
        logger.info("cancel requested")
        return True

    def check(self) -> None:
        """Raise Cancelled when a stop was asked for (and the work may still stop)."""
        with self._lock:
            if self._requested and not self._committed:
                raise Cancelled("cancelled")

    def commit(self) -> None:
        """From here on the work runs to its end: Cancelled if a stop came first, else
        every later ``request`` is refused. Listeners (the dialog) are told once."""
        with self._lock:
            if self._requested:
                raise Cancelled("cancelled")
            self._committed = True
            listeners = list(self._on_commit)
        for listener in listeners:
            listener()

    def when_committed(self, listener: Callable[[], None]) -> None:
        with self._lock:
            self._on_commit.append(listener)


def check(cancel: CancelToken | None) -> None:
    """``cancel.check()`` for an optional token."""
    if cancel is not None:
        cancel.check()


@dataclass(frozen=True)
class Step:
    """Where a job is: ``done`` of ``total`` steps (total 0: unknown), and what the current
    step is about in plain words from the data (a customer's name, a file's path)."""

    done: int
    total: int
    what: str = ""

    @property
    def share(self) -> float | None:
        return min(1.0, self.done / self.total) if self.total else None


StepReport = Callable[[Step], None]


def checking(
    progress: Callable[[float], None] | None, cancel: CancelToken | None
) -> Callable[[float], None] | None:
    """A ``progress(share)`` callback that also checks ``cancel`` each time it is told.

    Jobs that already report progress at their steps (reading and booking a bank file)
    get their cancel points from it without another parameter in every function.
    """
    if cancel is None:
        return progress

    def report(share: float) -> None:
        cancel.check()
        if progress is not None:
            progress(share)

    return report
