"""Opening the ledger: choose the database, migrate it, hand out the Database."""

from __future__ import annotations

import logging

from ..storage import ledger_file, location, migrate, network_fs
from ..storage.database import Database

logger = logging.getLogger(__name__)


def open_ledger(url: str | None = None, *, migrate_schema: bool = True) -> Database:
    """Open (and if needed create or upgrade) the database at ``url`` or the default."""
    resolved = location.resolve_database_url(url)
    path = location.sqlite_file(resolved)
    if path is not None:
        # Resolved: a link in a local folder to a file on a share puts SQLite's write-ahead
        # log on the share, where the link's own folder would pass the check.
        network_fs.refuse_network_share(path.resolve())
        ledger_file.refuse_foreign_sqlite(path)
    database = Database(resolved)
    if path is None and migrate.current_revision(database) is None:
        try:
            ledger_file.refuse_foreign_server(database.engine, _safe_url(resolved))
        except ledger_file.NotALedger:
            database.dispose()
            raise
    if migrate_schema:
        backup = migrate.upgrade(database)
        if backup:
            logger.info("pre-migration backup at %s", backup)
    database.note_file()
    logger.info("ledger open at %s", _safe_url(resolved))
    return database


def _safe_url(url: str) -> str:
    # Never write a database password to the log.
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
