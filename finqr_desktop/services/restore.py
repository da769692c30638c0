"""Restoring a backup over the open ledger, checked first and undoable.

Order matters, and each step can stop the restore before anything is overwritten: the file
must be a FINQR ledger of a known schema revision (storage.backup_check); a ledger that
holds anything is replaced only with ``force``; the current ledger is backed up; an older
backup is migrated to the current schema in a private working copy. Only then is the
ledger overwritten, in one transaction: a SQLite file in place through the backup API (the
app's and the scheduler's open connections see the restored ledger), a PostgreSQL database
by psql running the dump as one transaction that first drops the current tables.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, inspect, select

from ..domain.errors import RuleViolation
from ..storage import backup_check, migrate, pg_tools, sqlite_copy
from ..storage.database import Database
from ..storage.models import CompanyRow, CustomerRow, InvoiceRow
from . import backups

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Restored:
    revision: str  # of the file as it was
    migrated: bool  # to the current schema, after it was restored
    safety_backup: Path | None  # the ledger as it was before, None when it was empty


def restore(database: Database, file: Path, *, force: bool = False) -> Restored:
    """Replace the ledger's contents with the backup ``file``; RuleViolation says why not."""
    file = Path(file).expanduser()
    if not file.is_file():
        raise RuleViolation(f"{file}: no such backup file")
    if database.is_sqlite:
        return _restore_sqlite(database, file, force)
    return _restore_postgres(database, file, force)


def check(database: Database, file: Path) -> str:
    """The schema revision of the backup ``file`` if it can be restored into ``database``;
    NotALedger says why not. Writes nothing: the app asks this before it stops sending."""
    file = Path(file).expanduser()
    if not file.is_file():
        raise RuleViolation(f"{file}: no such backup file")
    if not database.is_sqlite:
        return backup_check.check_pg_dump(file)
    with tempfile.TemporaryDirectory(prefix="finqr-check-") as work:
        return backup_check.check_sqlite(_private_copy(file, Path(work)), shown=file)


def ledger_content(database: Database) -> str:
    """What the ledger holds, in words ("" when it is empty)."""
    with database.reading() as session:
        counts = [
            (session.scalar(select(func.count()).select_from(model)), word)
            for model, word in ((CompanyRow, "company"), (CustomerRow, "customer"),
                                (InvoiceRow, "invoice"))
        ]  # fmt: skip
    return ", ".join(f"{n} {word}{'s' if n != 1 else ''}" for n, word in counts if n)


def _restore_sqlite(database: Database, file: Path, force: bool) -> Restored:
    target = database.sqlite_path
    if target is None:
        raise RuleViolation("an in-memory database cannot be restored into")
    with tempfile.TemporaryDirectory(prefix=".finqr-restore-", dir=target.parent) as work:
        # A private copy: checking and migrating must never change the user's backup file.
        copy = _private_copy(file, Path(work))
        revision = backup_check.check_sqlite(copy, shown=file)
        safety = _safety_backup(database, force)
        migrated = revision != migrate.head_revision()
        if migrated:
            _migrate_copy(copy)
        database.dispose()
        sqlite_copy.overwrite(copy, target)
    logger.info("restored %s (revision %s) into %s", file, revision, target)
    return Restored(revision, migrated, safety)


def _restore_postgres(database: Database, file: Path, force: bool) -> Restored:
    revision = backup_check.check_pg_dump(file)
    safety = _safety_backup(database, force)
    script = pg_tools.restore_script(file)
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
        # The dump itself is the backup of what was restored; no second one is needed.
        migrate.run_alembic_upgrade(database)
    logger.info("restored %s (revision %s) into the PostgreSQL ledger", file, revision)
    return Restored(revision, migrated, safety)


def _safety_backup(database: Database, force: bool) -> Path | None:
    content = ledger_content(database)
    if not content:
        return None
    if not force:
        raise RuleViolation(
            f"the ledger holds {content}, which the restore replaces: confirm with --force "
            "(a backup of it is taken first)"
        )
    return backups.back_up(database, label="before-restore")


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
