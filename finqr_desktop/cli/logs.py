"""Logging for the command: the services' setup, with tracebacks kept out of the terminal.

A user who hits an unexpected error gets one line on stderr; the traceback goes to the log
file, where a support request can point. ``--verbose`` shows everything on stderr too.
"""

from __future__ import annotations

import logging
from pathlib import Path

from ..services.logging_setup import configure_logging

logger = logging.getLogger(__name__)

# Pass as ``extra=`` to keep a record (a traceback, say) out of the console.
FILE_ONLY = {"finqr_file_only": True}


class _NotOnConsole(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not getattr(record, "finqr_file_only", False)


def setup(*, verbose: bool) -> Path | None:
    """Configure logging once per run; return the log file's path (None if unwritable)."""
    path = configure_logging(verbose=verbose)
    if not verbose:
        for handler in logging.getLogger().handlers:
            console = isinstance(handler, logging.StreamHandler) and not isinstance(
                handler, logging.FileHandler
            )
            if console and getattr(handler, "_finqr", False):
                handler.addFilter(_NotOnConsole())
    return path
