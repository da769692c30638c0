"""Opening the ledger for a command: a new SQLite file is made only when asked for.

``open_ledger`` creates a missing SQLite file and its folder. For ``init`` and ``demo`` that
is the point; for any other command a missing (or 0-byte) file is a mistyped --database,
and a fresh empty ledger would answer "No customers." as if the real one had been read. A
database that holds another application's tables is refused whatever the command
(storage.ledger_file), and a URL the user can correct exits 2 (cli.database_urls).
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from sqlalchemy.exc import ArgumentError

from ..domain.errors import RuleViolation
from ..services import database_passwords
from ..services.ledger import open_ledger
from ..storage import location
from ..storage.ledger_file import NotALedger
from . import database_urls, logs
from .errors import CliError, one_line

logger = logging.getLogger(__name__)

# restore: a backup may be restored to where no ledger is yet (a new machine, say).
CREATING_COMMANDS = {"init", "demo", "restore"}
SQLITE_HEADER = b"SQLite format 3\x00"


def open_for(command: str, url: str | None, log_file: Path | None):
    """The opened ledger, or None after saying plainly which database failed to open.

    Input the user can correct (no such file, a URL or file that is no database) raises
    CliError, exit 2; anything else (a server down, a locked file) is exit 1.
    """
    resolved = location.resolve_database_url(url)
    database_urls.check_url(url, resolved)
    try:
        path = location.sqlite_file(resolved)
    except ArgumentError as exc:
        raise CliError(_cannot_open(url, exc, log_file)) from None
    if path is not None and _missing(path) and command not in CREATING_COMMANDS:
        raise CliError(f"no ledger at {path}: create one with `finqr init` (or `finqr demo`)")
    connect_url = database_passwords.with_password(resolved)
    try:
        database = open_ledger(connect_url)
    except NotALedger as exc:
        raise CliError(str(exc)) from None
    except Exception as exc:
        if refusal := database_urls.server_refusal(exc, resolved, connect_url):
            logger.info("the server refused: %s", refusal)
            raise CliError(refusal) from None
        logger.error("cannot open the database", exc_info=True, extra=logs.FILE_ONLY)
        message = _cannot_open(url, exc, log_file)
        # A RuleViolation: the file is on a network share, or the like; the user can move it.
        refused = isinstance(exc, (ArgumentError, RuleViolation))
        if refused or (path is not None and _not_a_database(path)):
            raise CliError(message) from None
        print(f"error: {message}", file=sys.stderr)
        return None
    _keep_password(resolved)
    return database


def _keep_password(url: str) -> None:
    """A password typed in --database goes into the keyring once it has let us in, so the
    next command can be given the URL without it (services.database_passwords)."""
    remembered = database_passwords.remember(url)
    if remembered.keyring_problem:
        print(
            f"note: {remembered.keyring_problem} Next time give the password in "
            f"{database_passwords.PASSWORD_ENV[0]} instead of in the URL.",
            file=sys.stderr,
        )


def _missing(path: Path) -> bool:
    # A 0-byte file is what `touch` or an interrupted copy leaves: SQLite would take it as
    # an empty database and the command would fill it with a fresh, empty ledger.
    try:
        return not path.exists() or (path.is_file() and path.stat().st_size == 0)
    except OSError:
        return False


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
    shown = database_urls.shown(chosen)
    where = f" (details in {log_file})" if log_file else ""
    return f"cannot open the database {shown}: {one_line(exc)}{where}"
