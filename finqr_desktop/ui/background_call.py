"""One slow call (a test e-mail, reading a bank file) off the GUI thread, its outcome
delivered back on it.

The call gets only plain values and returns a plain value; ``done`` fires on the GUI
thread after the thread has ended, with the result or the exception, so the caller never
holds a running thread it has to remember to wait for. A call started with
``with_progress`` is handed a ``progress(share)`` callback (0.0 to 1.0) whose shares reach
the GUI as the queued ``progressed`` signal.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal

logger = logging.getLogger(__name__)


class _CallThread(QThread):
    progressed = Signal(float)

    def __init__(self, call: Callable[..., object], with_progress: bool):
        super().__init__()
        self.call = call
        self.with_progress = with_progress
        self.result: object = None
        self.error: Exception | None = None

    def run(self) -> None:
        try:
            if self.with_progress:
                self.result = self.call(self.progressed.emit)
            else:
                self.result = self.call()
        except Exception as error:  # handed to the GUI thread, which decides what to say
            self.error = error


class BackgroundCall(QObject):
    progressed = Signal(float)
    done = Signal(object, object)  # (result, error): exactly one of them is None

    def __init__(self, parent=None):
        super().__init__(parent)
        self._thread: _CallThread | None = None

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def start(self, call: Callable[..., object], *, with_progress: bool = False) -> bool:
        """Run ``call`` (``call(progress)`` with ``with_progress``) on a new thread; False
        (and nothing run) while one is still busy."""
        if self._thread is not None:
            return False
        self._thread = _CallThread(call, with_progress)
        self._thread.progressed.connect(self.progressed)
        self._thread.finished.connect(self._finished)
        self._thread.start()
        return True

    def wait(self) -> None:
        """Block until a call in flight has ended (the window is closing)."""
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
