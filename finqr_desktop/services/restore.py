"""Restoring a backup over the open ledger, checked first and undoable.

Order matters, and each step can stop the restore before anything is overwritten: the file
must be a FINQR ledger of a known schema revision (storage.backup_check); a ledger that
holds anything is replaced only with ``force``; the current ledger is backed up; an older
backup is migrated to the current schema in a private working copy. Only then is the
ledger overwritten, in one transaction: a SQLite file in place, under the write lock taken
before the safety backup (storage.sqlite_replace; the app's and the scheduler's open
connections see the restored ledger), a PostgreSQL database by psql running the dump as one
transaction that first drops the current tables. On PostgreSQL a write by another program
between the safety backup and the overwrite is not kept out: psql's session could not take
the tables' locks while this one held them.

A restore can be stopped (``cancel``) until the overwrite begins; then it calls
``CancelToken.commit`` and runs to its end. A stop before that leaves the ledger as it was
and removes the safety backup taken for it: no restore happened, so no "before-restore"
file should suggest one did.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, inspect, select

from ..domain.errors import RuleViolation
from ..domain.messages import msg
from ..storage import backup_check, migrate, pg_tools, sqlite_replace
from ..storage.database import Database
from ..storage.models import CompanyRow, CustomerRow, InvoiceRow
from . import backups, cancelling
from .cancelling import Cancelled, CancelToken

logger = logging.getLogger(__name__)

# The steps of a restore, in order, as ``RestoreStep.phase``.
CHECKING, MIGRATING, SAVING, REPLACING = "checking", "migrating", "saving", "replacing"


@dataclass(frozen=True)
class RestoreStep:
    """Where a restore is: its phase, and the share of that phase done (None: unknown)."""

    phase: str
    share: float | None = None


StepReport = Callable[[RestoreStep], None]


@dataclass(frozen=True)
class Restored:
    revision: str  # of the file as it was
    migrated: bool  # to the current schema, after it was restored
    safety_backup: Path | None  # the ledger as it was before, None when it was empty
    wal_read: Path | None = None  # the file's write-ahead log, read with it


WORK_PREFIX = ".finqr-restore-"


def restore(
    database: Database,
    file: Path,
    *,
    force: bool = False,
    progress: StepReport | None = None,
    cancel: CancelToken | None = None,
) -> Restored:
    """Replace the ledger's contents with the backup ``file``; RuleViolation says why not.

    ``progress`` is told each phase as it starts; Cancelled when ``cancel`` asked for a stop
    before the overwrite (the ledger unchanged)."""
    file = _backup_file(file)
    tell = progress or (lambda _step: None)
    if database.is_sqlite:
        return _restore_sqlite(database, file, force, tell, cancel)
    return _restore_postgres(database, file, force, tell, cancel)


def check(database: Database, file: Path) -> str:
    """The schema revision of the backup ``file`` if it can be restored into ``database``;
    NotALedger says why not. Writes nothing: the app asks this before it stops sending."""
    file = _backup_file(file)
    if not database.is_sqlite:
        return backup_check.check_pg_dump(file)
    with tempfile.TemporaryDirectory(prefix="finqr-check-") as work:
        return backup_check.check_sqlite(_private_copy(file, Path(work)), shown=file)


def _backup_file(file: Path) -> Path:
    file = Path(file).expanduser()
    if file.is_dir():
        raise RuleViolation(
            msg(
                "{file} is a folder, not a backup file: name one of the files in it",
                file=str(file),
            )
        )
    if not file.is_file():
        raise RuleViolation(msg("{file}: no such backup file", file=str(file)))
    return file


def ledger_content(database: Database) -> str:
    """What the ledger holds, in words ("" when it is empty)."""
    with database.reading() as session:
        counts = [
            (session.scalar(select(func.count()).select_from(model)), word)
            for model, word in ((CompanyRow, "company"), (CustomerRow, "customer"),
                                (InvoiceRow, "invoice"))
        ]  # fmt: skip
    parts = [_counted(n, word) for n, word in counts if n]
    if len(parts) == 3:
        return msg("{first}, {second}, {third}", first=parts[0], second=parts[1], third=parts[2])
    if len(parts) == 2:
        return msg("{first}, {second}", first=parts[0], second=parts[1])
    return parts[0] if parts else ""


def _counted(count: int, word: str) -> str:
    """ "1 invoice" or "3 invoices": each form is a whole template, as translations need."""
    if word == "company":
        return msg("1 company") if count == 1 else msg("{count} companies", count=count)
    if word == "customer":
        return msg("1 customer") if count == 1 else msg("{count} customers", count=count)
    return msg("1 invoice") if count == 1 else msg("{count} invoices", count=count)


def _restore_sqlite(
    database: Database, file: Path, force: bool, tell: StepReport, cancel: CancelToken | None
) -> Restored:
    target = database.sqlite_path
    if target is None:
        raise RuleViolation(msg("an in-memory database cannot be restored into"))
    _remove_leftovers(target.parent)
    # The process id in the name tells a running restore's folder from a killed one's.
    prefix = f"{WORK_PREFIX}{os.getpid()}-"
    with tempfile.TemporaryDirectory(prefix=prefix, dir=target.parent) as work:
        tell(RestoreStep(CHECKING))
        # A private copy: checking and migrating must never change the user's backup file.
        copy = _private_copy(file, Path(work))
        revision = backup_check.check_sqlite(copy, shown=file)
        migrated = revision != migrate.head_revision()
        if migrated:
            cancelling.check(cancel)
            tell(RestoreStep(MIGRATING))
            _migrate_copy(copy)
        cancelling.check(cancel)
        database.dispose()
        # The safety backup and the overwrite under one write lock: a write by another
        # program lands either in the safety backup or after the restore, never in neither.
        with sqlite_replace.holding_write_lock(target, copy) as replace_contents:
            safety = _safety_backup(database, force, tell, cancel)
            _point_of_no_return(safety, cancel)
            tell(RestoreStep(REPLACING))
            replace_contents()
    logger.info("restored %s (revision %s) into %s", file, revision, target)
    wal = file.with_name(file.name + "-wal")
    return Restored(revision, migrated, safety, wal if wal.is_file() else None)


def _remove_leftovers(folder: Path) -> None:
    """Remove the working folders of restores that were killed (their process is gone)."""
    for leftover in folder.glob(f"{WORK_PREFIX}*"):
        pid = leftover.name.removeprefix(WORK_PREFIX).split("-", 1)[0]
        if leftover.is_dir() and (not pid.isdigit() or not _running(int(pid))):
            shutil.rmtree(leftover, ignore_errors=True)
            logger.info("removed %s, left by a restore that did not finish", leftover)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except PermissionError:
        return True  # alive, under another user
    except (ProcessLookupError, OverflowError):
        return False
    return True


def _restore_postgres(
    database: Database, file: Path, force: bool, tell: StepReport, cancel: CancelToken | None
) -> Restored:
    tell(RestoreStep(CHECKING))
    revision = backup_check.check_pg_dump(file)
    cancelling.check(cancel)
    safety = _safety_backup(database, force, tell, cancel)
    script = pg_tools.restore_script(file)
    _point_of_no_return(safety, cancel)
    tell(RestoreStep(REPLACING))
    with database.engine.connect() as connection:
        inspector = inspect(connection)
        schema = inspector.default_schema_name
        tables = inspector.get_table_names()
    drops = "".join(f'DROP TABLE IF EXISTS "{schema}"."{t}" CASCADE;\n' for t in tables)
    database.dispose()
    with tempfile.TemporaryDirectory(prefix="finqr-restore-") as work:
        combined = Path(work) / "restore.sql"
        combined.write_text(drops + script, encoding="utf-8")
        pg_tools.run_script(database.url, combined)
    migrated = revision != migrate.head_revision()
    if migrated:
        tell(RestoreStep(MIGRATING))
        # The dump itself is the backup of what was restored; no second one is needed.
        migrate.run_alembic_upgrade(database)
    logger.info("restored %s (revision %s) into the PostgreSQL ledger", file, revision)
    return Restored(revision, migrated, safety)


def _safety_backup(
    database: Database, force: bool, tell: StepReport, cancel: CancelToken | None
) -> Path | None:
    content = ledger_content(database)
    if not content:
        return None
    if not force:
        raise RuleViolation(
            msg(
                "the ledger holds {content}, which the restore replaces: confirm with --force "
                "(a backup of it is taken first)",
                content=content,
            )
        )
    tell(RestoreStep(SAVING, 0.0))
    return backups.back_up(
        database,
        label="before-restore",
        progress=lambda share: tell(RestoreStep(SAVING, share)),
        cancel=cancel,
    )


def _point_of_no_return(safety: Path | None, cancel: CancelToken | None) -> None:
    """From here the ledger is overwritten and the restore runs to its end; a stop asked for
    until now ends it here instead, without the safety backup it no longer needs."""
    if cancel is None:
        return
    try:
        cancel.commit()
    except Cancelled:
        if safety is not None:
            safety.unlink(missing_ok=True)
            logger.info("restore stopped before the overwrite; removed %s", safety)
        raise


def _private_copy(file: Path, folder: Path) -> Path:
    """``file`` copied into ``folder``, with the write-ahead log beside it if it has one (a
    ledger file copied by hand from a machine where it was open)."""
    copy = folder / "restoring.sqlite3"
    shutil.copyfile(file, copy)
    wal = file.with_name(file.name + "-wal")
    if wal.is_file():
        shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
    return copy


def _migrate_copy(copy: Path) -> None:
    working = Database(f"sqlite:///{copy}")
    try:
        migrate.run_alembic_upgrade(working)
    finally:
        working.dispose()
