"""Engines and sessions.

SQLite runs in WAL mode with foreign keys on and a busy timeout. Write transactions start
with BEGIN IMMEDIATE: taking the write lock up front means two writers queue on the busy
timeout instead of one of them failing on a read-to-write upgrade deadlock.

Every commit is synchronous FULL: the write-ahead log is flushed to disk before the commit
returns, so an issued invoice or a registered payment survives a power cut, not only a
crash of the app. Measured with benchmarks/bench_issue.py, FULL costs about a millisecond
per commit (an Issue click takes about 17 ms with its PDF) and nothing measurable in a
batch; a switch per transaction would have to be remembered at every place that writes
money, so FULL holds for every commit.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ..domain.messages import msg
from .search import register_sqlite_functions

logger = logging.getLogger(__name__)


class LedgerBusy(RuntimeError):
    """Another program or workstation held the ledger's write lock past the busy timeout;
    the transaction was rolled back, nothing of it was written."""


class LedgerGone(RuntimeError):
    """The ledger's file was deleted or moved while it was open: a write would go to a file
    no one will find again, so it is refused."""


BUSY_TIMEOUT_MS = 30_000
# Read when an engine is made; benchmarks/bench_issue.py sets NORMAL to compare.
SQLITE_SYNCHRONOUS = "FULL"


class Database:
    """One database: an engine plus session factories for reading and for writing."""

    def __init__(self, url: str, *, echo: bool = False):
        self.url = url
        self.engine = make_engine(url, echo=echo)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        writer = (
            self.engine.execution_options(sqlite_begin="IMMEDIATE")
            if self.is_sqlite
            else self.engine
        )
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(writer, expire_on_commit=False)
        # Whether the SQLite file was there once: only then is its absence a loss (a new
        # ledger's file appears with its first write).
        path = self.sqlite_path
        self._file_seen = path is not None and path.exists()

    @property
    def sqlite_path(self) -> Path | None:
        if not self.is_sqlite:
            return None
        database = make_url(self.url).database
        return Path(database) if database and database != ":memory:" else None

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self._read() as session:
            yield session
            session.rollback()

    def note_file(self) -> None:
        """Remember that the SQLite file exists now (the ledger opener calls this once the
        schema is in place), so that its later absence is noticed."""
        path = self.sqlite_path
        self._file_seen = self._file_seen or (path is not None and path.exists())

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back on any exception.

        LedgerGone when the SQLite file has vanished since it was opened; LedgerBusy when
        the write lock could not be had within the busy timeout.
        """
        path = self.sqlite_path
        if path is not None and self._file_seen and not path.exists():
            logger.error("the ledger file %s is gone; refusing to write", path)
            raise LedgerGone(
                msg(
                    "the ledger file {path} was moved or deleted while it was open, so "
                    "nothing was saved; put it back or open the ledger again from the File "
                    "menu",
                    path=str(path),
                )
            )
        try:
            with self._write() as session, session.begin():
                yield session
        except OperationalError as error:
            if "database is locked" not in str(error):
                raise
            logger.warning("the ledger stayed locked for %d ms", BUSY_TIMEOUT_MS)
            raise LedgerBusy(
                msg(
                    "the ledger is busy: another program or workstation kept it locked for "
                    "{seconds} seconds, so nothing was saved; try again in a moment",
                    seconds=f"{BUSY_TIMEOUT_MS / 1000:g}",
                )
            ) from error
        self.note_file()

    def dispose(self) -> None:
        self.engine.dispose()


def make_engine(url: str, *, echo: bool = False) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, echo=echo, pool_pre_ping=True)

    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, echo=echo, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    synchronous = SQLITE_SYNCHRONOUS

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy, not the driver, decide where transactions begin (see "begin").
        dbapi_connection.isolation_level = None
        register_sqlite_functions(dbapi_connection)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if parsed.database and parsed.database != ":memory:":
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute(f"PRAGMA synchronous = {synchronous}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine
