"""Holding long work at a chosen step, so a test looks at the progress dialog while it waits.

``Held`` wraps a service function the GUI calls with ``progress=``. The work runs as it
would; at the first report ``when`` accepts, the report is passed on first (the dialog
shows it) and then the work waits until the test calls ``release``. The thread each call
ran on is kept, so a test can tell that the work did not run on the GUI thread. Nothing
here depends on how fast the machine is: the test waits for ``reached``, never for time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

WAIT_S = 30  # a ceiling for a test that went wrong, not a speed requirement


class Held:
    def __init__(self, function: Callable[..., object], when: Callable[[object], bool]):
        self.function, self.when = function, when
        self.reached = threading.Event()
        self._released = threading.Event()
        self.threads: list[threading.Thread] = []

    def __call__(self, *args, progress=None, **kwargs):
        self.threads.append(threading.current_thread())

        def held(reported) -> None:
            if progress is not None:
                progress(reported)
            if not self.reached.is_set() and self.when(reported):
                self.reached.set()
                if not self._released.wait(WAIT_S):
                    raise TimeoutError("the test never released the held work")

        return self.function(*args, progress=held, **kwargs)

    def release(self) -> None:
        self._released.set()

    @property
    def ran_off_the_gui_thread(self) -> bool:
        return bool(self.threads) and all(
            thread is not threading.main_thread() for thread in self.threads
        )
