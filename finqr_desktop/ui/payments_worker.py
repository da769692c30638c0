"""A slow call that reports progress (reading and matching a large bank file) off the GUI
thread, its share done and its outcome delivered back on the GUI thread.

Like ui.background_call, the call gets only plain values and opens its own session, so no
ORM object crosses a thread. It is handed a ``progress(share)`` callback (0.0 to 1.0) that
the services call as they go; the share reaches the GUI as a queued signal.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal

logger = logging.getLogger(__name__)

Progress = Callable[[float], None]


class _ProgressThread(QThread):
    progressed = Signal(float)

    def __init__(self, call: Callable[[Progress], object]):
        super().__init__()
        self.call = call
        self.result: object = None
        self.error: Exception | None = None

    def run(self) -> None:
        try:
            self.result = self.call(self.progressed.emit)
        except Exception as error:  # handed to the GUI thread, which says what went wrong
            self.error = error


class ProgressCall(QObject):
    progressed = Signal(float)
    done = Signal(object, object)  # (result, error): exactly one of them is None

    def __init__(self, parent=None):
        super().__init__(parent)
        self._thread: _ProgressThread | None = None

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def start(self, call: Callable[[Progress], object]) -> bool:
        """Run ``call(progress)`` on a new thread; False while one is still running."""
        if self._thread is not None:
            return False
        self._thread = _ProgressThread(call)
        self._thread.progressed.connect(self.progressed)
        self._thread.finished.connect(self._finished)
        self._thread.start()
        return True

    def wait(self) -> None:
        """Block until a call in flight has ended (the dialog is closing)."""
        if self._thread is not None:
            self._thread.wait()

    def _finished(self) -> None:
        thread, self._thread = self._thread, None
        if thread is None:
            return
        thread.wait()
        if thread.error is not None:
            logger.info("background call failed: %s", thread.error)
        self.done.emit(thread.result, thread.error)
