"""Opening the ledger for a command: a new SQLite file is made only when asked for.

``open_ledger`` creates a missing SQLite file and its folder. For ``init`` and ``demo`` that
is the point; for any other command a missing file is a mistyped --database, and a fresh
empty ledger would answer "No customers." as if the real one had been read.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from pathlib import Path

from sqlalchemy.exc import ArgumentError

from ..services.ledger import open_ledger
from ..storage import location
from . import logs
from .errors import CliError, one_line

logger = logging.getLogger(__name__)

CREATING_COMMANDS = {"init", "demo"}
SQLITE_HEADER = b"SQLite format 3\x00"

_PASSWORD = re.compile(r"(://[^:/@]*:)[^@]*@")


def open_for(command: str, url: str | None, log_file: Path | None):
    """The opened ledger, or None after saying plainly which database failed to open.

    Input the user can correct (no such file, a URL or file that is no database) raises
    CliError, exit 2; anything else (a server down, a locked file) is exit 1.
    """
    resolved = location.resolve_database_url(url)
    try:
        path = location.sqlite_file(resolved)
    except ArgumentError as exc:
        raise CliError(_cannot_open(url, exc, log_file)) from None
    if path is not None and not path.exists() and command not in CREATING_COMMANDS:
        raise CliError(f"no ledger at {path}: create one with `finqr init` (or `finqr demo`)")
    try:
        return open_ledger(resolved)
    except Exception as exc:
        logger.error("cannot open the database", exc_info=True, extra=logs.FILE_ONLY)
        message = _cannot_open(url, exc, log_file)
        if isinstance(exc, ArgumentError) or (path is not None and _not_a_database(path)):
            raise CliError(message) from None
        print(f"error: {message}", file=sys.stderr)
        return None


def _not_a_database(path: Path) -> bool:
    # SQLite takes an empty file as an empty database; anything else must carry its header.
    if path.is_dir():
        return True
    try:
        with path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except OSError:
        return False
    return bool(header) and header != SQLITE_HEADER


def _cannot_open(url: str | None, exc: Exception, log_file: Path | None) -> str:
    chosen = url or os.environ.get(location.DATABASE_ENV) or "in the user data folder"
    shown = _PASSWORD.sub(r"\1***@", chosen)
    where = f" (details in {log_file})" if log_file else ""
    return f"cannot open the database {shown}: {one_line(exc)}{where}"
