"""Bring a database to the current schema at start-up, after a backup copy.

A database that is behind is first backed up: a SQLite file with SQLite's online backup
API, a PostgreSQL database with pg_dump when it is on PATH (without it the log says plainly
that the migration runs without a backup). The migration then runs in one transaction, so
a failure leaves the old schema and data as they were.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from sqlalchemy import inspect, text

from ..domain.errors import RuleViolation
from ..domain.messages import msg
from . import ledger_identity, location, pg_tools, sqlite_copy
from .database import Database

logger = logging.getLogger(__name__)


class UnknownSchema(RuleViolation):
    """The ledger's schema revision is not in this version's migration history."""


MIGRATIONS = Path(__file__).with_name("migrations")
# The newest revision in migrations/versions (a test checks that they agree). Knowing it
# here lets a start-up with an up-to-date database skip loading Alembic altogether, which
# takes a noticeable part of a second on every `finqr` command.
SCHEMA_HEAD = "0011"


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
    # Refused before the backup: a ledger this version cannot migrate gets none.
    _refuse_unknown_revision(current, head)

    backup = None
    path = database.sqlite_path
    if current is not None and path is not None and path.exists():
        folder = backup_dir or path.parent / "backups"
        backup = backup_sqlite(path, folder, current, ledger_identity.backup_stem(database.url))
    elif current is not None and not database.is_sqlite:
        backup = backup_postgres(database, backup_dir or location.data_dir() / "backups", current)

    # The URL may carry a database password (services.database_passwords): never log it.
    from sqlalchemy.engine import make_url

    shown = make_url(database.url).render_as_string(hide_password=True)
    logger.info("migrating %s from %s to %s", shown, current or "empty", head)
    run_alembic_upgrade(database)
    return backup


def _refuse_unknown_revision(current: str | None, head: str) -> None:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config())
    if current is None or current in {script.revision for script in scripts.walk_revisions()}:
        return
    # Revisions are zero-padded numbers, so one that sorts after the head is a newer one.
    if len(current) == len(head) and current > head:
        raise UnknownSchema(
            msg(
                "this ledger was made by a newer FINQR Desktop (schema {current}; this version "
                "knows up to {head}): upgrade the app",
                current=current,
                head=head,
            )
        )
    raise UnknownSchema(
        msg(
            "this ledger records schema revision {current}, which no FINQR Desktop version up "
            "to {head} made",
            current=repr(current),
            head=head,
        )
    )


def run_alembic_upgrade(database: Database) -> None:
    from alembic import command

    config = alembic_config()
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def backup_sqlite(path: Path, folder: Path, revision: str, stem: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{stem or path.stem}-before-{revision}-{stamp}.sqlite3"
    sqlite_copy.copy_to_new_file(path, target)
    logger.info("backed up %s to %s before migrating", path, target)
    return target


def backup_postgres(database: Database, folder: Path, revision: str) -> Path | None:
    """A pg_dump of the database before it is migrated; None (said in the log as a warning)
    when pg_dump is not installed, in which case the migration goes ahead without one."""
    if pg_tools.find("pg_dump") is None:
        logger.warning(
            "pg_dump is not on PATH: migrating the PostgreSQL database from %s WITHOUT a "
            "backup first (install postgresql-client to get one)",
            revision,
        )
        return None
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    name = ledger_identity.backup_stem(database.url)
    target = pg_tools.dump(database.url, folder / f"{name}-before-{revision}-{stamp}.dump")
    logger.info("backed up the PostgreSQL database %s to %s before migrating", name, target)
    return target
