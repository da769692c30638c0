"""Whether a database that already holds tables is a FINQR ledger, asked before writing to it.

Opening a ledger migrates it, and migrating an empty database creates FINQR's tables. Another
application's database (a mistyped --database, the wrong file picked) has tables but no
``alembic_version``; migrating it would write FINQR's tables beside the other app's. So the
tables are listed first, and a SQLite file is read through a read-only connection: the
engine itself would switch the file to WAL mode on connecting, which already changes it.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from sqlalchemy import Engine, inspect

from ..domain.errors import RuleViolation
from ..domain.messages import msg

logger = logging.getLogger(__name__)

VERSION_TABLE = "alembic_version"
# How many of the other tables the message names; the rest become "…".
SHOWN_TABLES = 5


class NotALedger(RuleViolation):
    """The database holds tables of its own and none of FINQR's bookkeeping of versions."""


def refuse_foreign_sqlite(path: Path) -> None:
    """NotALedger when the SQLite file at ``path`` holds another application's tables.

    A missing or empty file, or one SQLite cannot read, passes: it is created, or refused
    later with SQLite's own message.
    """
    if not path.is_file() or path.stat().st_size == 0:
        return
    try:
        # mode=ro: the file is read, never written, whatever it turns out to be.
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return
    try:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
    except sqlite3.Error:
        return
    finally:
        connection.close()
    _refuse_foreign(str(path), names)


def refuse_foreign_server(engine: Engine, shown_url: str) -> None:
    """NotALedger when a server database holds tables but none of FINQR's versions."""
    with engine.connect() as connection:
        names = inspect(connection).get_table_names()
    _refuse_foreign(shown_url, names)


def _refuse_foreign(where: str, names: list[str]) -> None:
    if not names or VERSION_TABLE in names:
        return
    names = sorted(names)
    listed = ", ".join(names[:SHOWN_TABLES]) + (", …" if len(names) > SHOWN_TABLES else "")
    logger.info("%s holds %d tables and no %s", where, len(names), VERSION_TABLE)
    raise NotALedger(
        msg(
            "{where} is not a FINQR ledger (it holds other tables: {tables})",
            where=where,
            tables=listed,
        )
    )
