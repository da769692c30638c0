"""Backups of the open ledger: on demand, and daily on their own with a retention count.

A SQLite ledger is copied with SQLite's online backup API (safe while the app and the
scheduler write), a PostgreSQL ledger dumped with pg_dump. A backup is named after the
ledger (the file's or the database's name and a key that tells ledgers of the same name
apart, storage.ledger_identity), its schema revision and the time, e.g.
``finqr-3f9a0c21-0009-20261204-093000.sqlite3``; automatic ones end in ``-auto`` and only they are
removed by the retention count, so a backup the clerk asked for stays until the clerk
deletes it. Whether one is due is read from the backups in the folder, not from a stored
time, so a backup deleted by hand is made again.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from ..domain.errors import RuleViolation, ValidationFailed
from ..domain.messages import error_message, msg
from ..storage import ledger_identity, location, migrate, pg_tools, sqlite_copy
from ..storage.database import Database
from . import settings_store
from .cancelling import Cancelled, CancelToken, checking

logger = logging.getLogger(__name__)

SETTING_KEY = "backup"
DEFAULT_KEEP = 14
MAX_KEEP = 1000
DAY = dt.timedelta(days=1)
STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(
    r"^(?P<ledger>.+?)(?:-(?P<key>[0-9a-f]{8}))?-(?:(?P<label>before-restore|before)-)?"
    r"(?P<revision>[0-9a-z]+)-"
    r"(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?(?P<auto>-auto)?\.(?:sqlite3|dump)$"
)


@dataclass(frozen=True)
class BackupSettings:
    """``folder`` None: ``backups/`` beside a SQLite file, or in the user data folder."""

    keep: int = DEFAULT_KEEP
    automatic: bool = True
    folder: str | None = None


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: dt.datetime
    revision: str
    automatic: bool
    counter: int = 1  # the second backup within one second is "-2"
    older_name: bool = False  # named without the ledger's key (see backups_in)


def load_settings(session) -> BackupSettings:
    stored = settings_store.load(session, SETTING_KEY) or {}
    known = {key: stored[key] for key in ("keep", "automatic", "folder") if key in stored}
    return BackupSettings(**known)


def save_settings(session, settings: BackupSettings) -> None:
    if not isinstance(settings.keep, int) or not 1 <= settings.keep <= MAX_KEEP:
        raise ValidationFailed.single(
            "keep", msg("a whole number from 1 to {most}", most=MAX_KEEP)
        )
    if settings.folder is not None and not Path(settings.folder).expanduser().is_absolute():
        raise ValidationFailed.single(
            "folder", msg("not an absolute path: {folder}", folder=repr(settings.folder))
        )
    if settings.folder is not None:
        try:
            refuse_unusable_folder(Path(settings.folder).expanduser())
        except RuleViolation as error:
            raise ValidationFailed.single("folder", error_message(error)) from None
    settings_store.store(session, SETTING_KEY, asdict(settings))


def ledger_name(database: Database) -> str:
    """What this ledger's backup files start with: its name and its key."""
    return ledger_identity.backup_stem(database.url)


def backup_folder(database: Database, settings: BackupSettings | None = None) -> Path:
    if settings is None:
        with database.reading() as session:
            settings = load_settings(session)
    if settings.folder:
        return Path(settings.folder).expanduser()
    path = database.sqlite_path
    return (path.parent if path is not None else location.data_dir()) / "backups"


def back_up(
    database: Database,
    *,
    folder: Path | None = None,
    automatic: bool = False,
    label: str = "",
    now: dt.datetime | None = None,
    progress: Callable[[float], None] | None = None,
    cancel: CancelToken | None = None,
) -> Path:
    """Take a backup now into ``folder`` (default: the settings' folder) and return its path.

    ``label`` ("before-restore") marks why it was taken. ToolMissing when the ledger is on
    PostgreSQL and pg_dump is not installed. ``progress(share)`` follows the copy; a stop
    asked for through ``cancel`` ends it with Cancelled and leaves no file behind.
    """
    folder = folder or backup_folder(database)
    path = database.sqlite_path
    if path is None and database.is_sqlite:
        raise RuleViolation(msg("an in-memory database has nothing on disk to back up"))
    refuse_unusable_folder(folder)
    revision = migrate.current_revision(database) or "empty"
    suffix = ".sqlite3" if database.is_sqlite else ".dump"
    target = _free_name(folder, ledger_name(database), revision, label, automatic, now, suffix)
    if cancel is not None:
        cancel.check()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if path is not None:
            sqlite_copy.copy_to_new_file(path, target, progress=checking(progress, cancel))
        else:
            _dump(database, target, cancel)
    except (OSError, sqlite3.Error, sqlite_copy.BackupBusy) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise RuleViolation(
            msg(
                "cannot write a backup into {folder}: {reason}",
                folder=str(folder),
                reason=str(reason),
            )
        ) from None
    logger.info("backup of %s taken: %s", ledger_name(database), target)
    return target


def _dump(database: Database, target: Path, cancel: CancelToken | None) -> None:
    """pg_dump into ``target``. pg_dump reports no progress and is not stopped halfway: a
    stop asked for meanwhile removes the finished dump as soon as it is written."""
    pg_tools.dump(database.url, target)
    if cancel is not None and cancel.requested:
        target.unlink(missing_ok=True)
        raise Cancelled("cancelled")


def refuse_unusable_folder(folder: Path) -> None:
    """RuleViolation naming ``folder`` when no backup can go there: it, or the nearest of
    its parents that exists, is a file, or is not writable."""
    existing = next(
        (candidate for candidate in (folder, *folder.parents) if candidate.exists()), None
    )
    if existing is None:
        return
    if not existing.is_dir():
        reason = (
            msg("it is a file")
            if existing == folder
            else msg("{path} is a file", path=str(existing))
        )
        raise RuleViolation(
            msg(
                "cannot write a backup into {folder}: {reason}, not a folder",
                folder=str(folder),
                reason=reason,
            )
        )
    if not os.access(existing, os.W_OK | os.X_OK):
        raise RuleViolation(
            msg(
                "cannot write a backup into {folder}: {path} is not writable",
                folder=str(folder),
                path=str(existing),
            )
        )


def backups_in(folder: Path, ledger: str, *, older_names: bool = False) -> list[BackupFile]:
    """This ledger's backups in ``folder`` (``ledger``: its ``ledger_name``), oldest first.

    ``older_names``: also the backups named before names carried the ledger's key
    (``finqr-0009-...``) whose name part matches. Such a file may belong to another ledger
    of the same name, so it is only listed for the clerk: it never counts as the day's
    backup and pruning never removes it.
    """
    name, _, key = ledger.rpartition("-")
    found = []
    for path in folder.glob(f"{glob_escape(name)}-*") if folder.is_dir() else []:
        match = _NAME.match(path.name)
        if match is None or match["ledger"] != name:
            continue
        if match["key"] != key and not (older_names and match["key"] is None):
            continue
        taken_at = dt.datetime.strptime(match["stamp"], STAMP)
        counter = int(match["n"] or 1)
        found.append(
            BackupFile(path, taken_at, match["revision"], bool(match["auto"]), counter,
                       older_name=match["key"] is None)
        )  # fmt: skip
    return sorted(found, key=lambda b: (b.taken_at, b.counter))


def daily_backup_if_due(database: Database, *, now: dt.datetime | None = None) -> Path | None:
    """The automatic backup, when automatic backups are on and the newest backup of this
    ledger is a day old or more; then old automatic ones beyond the count are removed.

    Called at start-up and by the scheduler once a run; cheap when nothing is due.
    """
    moment = now or dt.datetime.now()
    with database.reading() as session:
        settings = load_settings(session)
    if not settings.automatic or (database.is_sqlite and database.sqlite_path is None):
        return None
    folder = backup_folder(database, settings)
    existing = backups_in(folder, ledger_name(database))
    if existing and moment - existing[-1].taken_at < DAY:
        return None
    try:
        backup = back_up(database, folder=folder, automatic=True, now=moment)
    except pg_tools.ToolMissing as error:
        logger.warning("no automatic backup: %s", error)
        return None
    prune(folder, ledger_name(database), settings.keep)
    return backup


def daily_backup_safely(database: Database, *, now: dt.datetime | None = None) -> Path | None:
    """``daily_backup_if_due`` for a daemon or the app's start-up: a backup that fails (a
    full disk, a folder gone) is logged as a warning and must not stop the caller."""
    try:
        return daily_backup_if_due(database, now=now)
    except Exception as error:
        # One line for the terminal; the traceback only in a --verbose log.
        logger.warning("the automatic backup failed: %s", error)
        logger.debug("the automatic backup failed", exc_info=True)
        return None


def prune(folder: Path, ledger: str, keep: int) -> list[Path]:
    """Remove all but the newest ``keep`` automatic backups; return what was removed."""
    automatic = [b for b in backups_in(folder, ledger) if b.automatic]
    removed = [b.path for b in automatic[: max(0, len(automatic) - keep)]]
    for path in removed:
        path.unlink(missing_ok=True)
        logger.info("removed old automatic backup %s", path)
    return removed


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def _free_name(folder, ledger, revision, label, automatic, now, suffix) -> Path:
    stamp = (now or dt.datetime.now()).strftime(STAMP)
    middle = f"{label}-{revision}" if label else revision
    for n in range(1, 1000):
        counter = "" if n == 1 else f"-{n}"
        name = f"{ledger}-{middle}-{stamp}{counter}{'-auto' if automatic else ''}"
        candidate = folder / (name + suffix)
        if not candidate.exists():
            return candidate
    raise RuleViolation(
        msg("too many backups taken within one second in {folder}", folder=str(folder))
    )
