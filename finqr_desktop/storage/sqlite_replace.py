"""Replacing a SQLite ledger's contents in place, holding its write lock from before the
safety backup to the end of the overwrite.

Another program (the app, ``finqr scheduler run``) may write to the ledger while it is
restored. A write that commits after the safety backup but before the overwrite would land
in neither, so the restore takes the ledger's write lock first (``BEGIN IMMEDIATE``: in WAL
mode readers go on, and the safety backup is such a reader), and only lets go when the
restored contents are committed. IMMEDIATE, not EXCLUSIVE: EXCLUSIVE would also shut out
the reader that takes the safety backup when the ledger is not in WAL mode.

The overwrite is SQL in that one transaction (drop the ledger's tables, create the backup's,
copy the rows), not the backup API: the backup API cannot write into a connection that has
a transaction open, and would have to wait for the lock this connection holds.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..domain.errors import RuleViolation
from ..domain.messages import msg

logger = logging.getLogger(__name__)

LOCK_WAIT_SECONDS = 5.0
SOURCE = "restoring"


class LedgerBusy(RuleViolation):
    """Another program held the ledger's write lock for longer than the restore waits."""


@contextmanager
def holding_write_lock(
    target: Path, source: Path, *, wait_seconds: float | None = None
) -> Iterator[Callable[[], None]]:
    """Hold ``target``'s write lock for the block; it gets the function that replaces the
    contents with ``source``'s. Committed when the block ends, rolled back on an exception
    (then ``target`` is as it was). LedgerBusy when the lock is not free within the wait."""
    wait = LOCK_WAIT_SECONDS if wait_seconds is None else wait_seconds
    connection = sqlite3.connect(target, timeout=wait, isolation_level=None)
    try:
        # Rows are copied table by table; the foreign keys hold again once all are in.
        connection.execute("PRAGMA foreign_keys = OFF")
        # ATTACH is not allowed inside a transaction, so it comes before BEGIN.
        connection.execute(f"ATTACH DATABASE ? AS {SOURCE}", (str(source),))
        try:
            connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) and "busy" not in str(error):
                raise
            raise LedgerBusy(
                msg(
                    "{target}: another program is writing to this ledger (the app or "
                    "`finqr scheduler run`?): stop it and restore again",
                    target=target,
                )
            ) from None
        try:
            yield lambda: _replace_contents(connection)
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
    finally:
        connection.close()
    logger.info("wrote the contents of %s into %s", source, target)


def _replace_contents(connection: sqlite3.Connection) -> None:
    for kind, name in connection.execute(
        "SELECT type, name FROM main.sqlite_master "
        "WHERE type IN ('view', 'table') AND name NOT LIKE 'sqlite_%' ORDER BY type = 'table'"
    ).fetchall():
        # Dropping a table drops its indexes and triggers with it.
        connection.execute(f"DROP {kind.upper()} main.{_quoted(name)}")
    objects = connection.execute(
        f"SELECT type, name, sql FROM {SOURCE}.sqlite_master "
        "WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
    ).fetchall()
    tables = [(name, sql) for kind, name, sql in objects if kind == "table"]
    for name, sql in tables:
        connection.execute(sql)  # an unqualified CREATE makes the table in main
        connection.execute(
            f"INSERT INTO main.{_quoted(name)} SELECT * FROM {SOURCE}.{_quoted(name)}"
        )
    # Indexes after the rows: building an index once is quicker than updating it per row.
    for _kind, _name, sql in (entry for entry in objects if entry[0] != "table"):
        connection.execute(sql)
    if _has_table(connection, SOURCE, "sqlite_sequence"):
        connection.execute("DELETE FROM main.sqlite_sequence")
        copy_sequences = f"INSERT INTO main.sqlite_sequence SELECT * FROM {SOURCE}.sqlite_sequence"
        connection.execute(copy_sequences)


def _has_table(connection: sqlite3.Connection, schema: str, name: str) -> bool:
    query = f"SELECT 1 FROM {schema}.sqlite_master WHERE type = 'table' AND name = ?"
    return connection.execute(query, (name,)).fetchone() is not None


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
