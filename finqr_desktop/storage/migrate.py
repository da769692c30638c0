"""Bring a database to the current schema at start-up, after a backup copy.

A SQLite file that is behind is first copied with SQLite's online backup API; the
migration then runs in one transaction, so a failure leaves the old schema as it was.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from .database import Database

logger = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(database: Database) -> str | None:
    with database.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(database: Database, *, backup_dir: Path | None = None) -> Path | None:
    """Migrate to head; return the path of the backup taken, if one was needed."""
    current = current_revision(database)
    head = head_revision()
    if current == head:
        return None

    backup = None
    path = database.sqlite_path
    if current is not None and path is not None and path.exists():
        backup = backup_sqlite(path, (backup_dir or path.parent / "backups"), current)

    logger.info("migrating %s from %s to %s", database.url, current or "empty", head)
    config = alembic_config()
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return backup


def backup_sqlite(path: Path, folder: Path, revision: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{path.stem}-before-{revision}-{stamp}.sqlite3"
    source = sqlite3.connect(path)
    try:
        destination = sqlite3.connect(target)
        with destination:
            source.backup(destination)
        destination.close()
    finally:
        source.close()
    logger.info("backed up %s to %s before migrating", path, target)
    return target
