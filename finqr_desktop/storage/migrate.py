"""Bring a database to the current schema at start-up, after a backup copy.

A SQLite file that is behind is first copied with SQLite's online backup API; the
migration then runs in one transaction, so a failure leaves the old schema as it was.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from pathlib import Path

from sqlalchemy import inspect, text

from .database import Database

logger = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")
# The newest revision in migrations/versions (a test checks that they agree). Knowing it
# here lets a start-up with an up-to-date database skip loading Alembic altogether, which
# takes a noticeable part of a second on every `finqr` command.
SCHEMA_HEAD = "0009"


def alembic_config():
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(database: Database) -> str | None:
    with database.engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(database: Database, *, backup_dir: Path | None = None) -> Path | None:
    """Migrate to head; return the path of the backup taken, if one was needed."""
    current = current_revision(database)
    if current == SCHEMA_HEAD:
        return None
    head = head_revision()

    backup = None
    path = database.sqlite_path
    if current is not None and path is not None and path.exists():
        backup = backup_sqlite(path, (backup_dir or path.parent / "backups"), current)

    logger.info("migrating %s from %s to %s", database.url, current or "empty", head)
    run_alembic_upgrade(database)
    return backup


def run_alembic_upgrade(database: Database) -> None:
    from alembic import command

    config = alembic_config()
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


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
