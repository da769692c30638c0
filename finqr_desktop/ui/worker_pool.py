"""One background thread for a view's jobs, in Python rather than a QThreadPool.

A QThreadPool that is a child of a widget is destroyed with it, and its destructor waits
for the running job inside C++ while the GUI thread still holds Python's lock: a job that
needs that lock to finish (every job here is Python) then waits for ever, and so does the
window. Python's own executor waits, when asked to, with the lock released, and a view
that goes away never waits at all: the job ends by itself and its report to the vanished
view is dropped (the job's ``_emit`` catches the deleted receiver).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

logger = logging.getLogger(__name__)


class WorkerPool:
    """Runs callables one at a time on a single named worker thread."""

    def __init__(self, name: str):
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)

    def start(self, job: Callable[[], object]) -> None:
        future = self._executor.submit(job)
        future.add_done_callback(_log_failure)

    def wait(self) -> None:
        """Block until the queued jobs are done (the lock is free meanwhile); the pool
        takes new jobs afterwards as before."""
        self._executor.submit(lambda: None).result()


def _log_failure(future) -> None:
    error = future.exception()
    if error is not None:  # the jobs report their own errors; this is one that escaped
        logger.error("background job failed", exc_info=error)
