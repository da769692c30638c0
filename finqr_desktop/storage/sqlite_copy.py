"""Copying SQLite files with SQLite's online backup API, never by copying bytes.

A byte copy of a ledger in use can catch a commit halfway, and misses whatever still sits in
the ``-wal`` file. The backup API copies a consistent snapshot: it reads under one read
transaction, which in WAL mode lets the app and the scheduler go on writing meanwhile. The
copy goes in steps of ``STEP_PAGES`` so that it can report how far it is (and be stopped
between steps); the read transaction is opened before the first step and held to the last,
because a backup whose source changes between steps would start over, again and again on a
busy ledger. A copy is written under a temporary name and renamed when complete, so a
backup interrupted halfway, or stopped, never looks like a finished one.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path

from ..domain.messages import msg

logger = logging.getLogger(__name__)

BUSY_TIMEOUT_SECONDS = 30.0
# Python's Connection.backup() sleeps a quarter of a second and tries again for as long as
# a database stays busy, without end; the progress callback counts the tries and stops it.
BACKUP_SLEEP_SECONDS = 0.25
# Pages copied per step (4 MiB with SQLite's default page size): progress a few times a
# second on a slow disk, without a noticeable cost per step.
STEP_PAGES = 1024


class BackupBusy(RuntimeError):
    """A database stayed locked by another program for the whole wait."""


def copy_to_new_file(
    source: Path, target: Path, *, progress: Callable[[float], None] | None = None
) -> Path:
    """Back up the database at ``source`` into the new file ``target`` (one self-contained
    file: rollback journal, not WAL, so it needs no ``-wal`` or ``-shm`` beside it).

    ``progress(share)`` is told after each step; an exception it raises (a stop the clerk
    asked for) ends the copy, and the partial file is removed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    reader = sqlite3.connect(source, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    try:
        # The snapshot every step reads (see the module's note).
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM sqlite_master").fetchone()
        writer = sqlite3.connect(partial)
        try:
            reader.backup(writer, pages=STEP_PAGES, progress=_watch(progress))
            writer.execute("PRAGMA journal_mode = DELETE")
        finally:
            writer.close()
        partial.replace(target)
    except BaseException:
        # A full disk or a vanished folder must not leave half a backup behind.
        partial.unlink(missing_ok=True)
        raise
    finally:
        reader.close()
    logger.info("copied %s to %s", source, target)
    return target


def integrity_problems(path: Path, *, limit: int = 10) -> list[str]:
    """What ``PRAGMA integrity_check`` reports; empty when the file is sound."""
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute(f"PRAGMA integrity_check({int(limit)})").fetchall()
    finally:
        connection.close()
    messages = [row[0] for row in rows]
    return [] if messages == ["ok"] else messages


def _watch(
    progress: Callable[[float], None] | None, wait_seconds: float = BUSY_TIMEOUT_SECONDS
) -> Callable[[int, int, int], None]:
    """The backup's per-step callback: the share copied to ``progress``, and a stop after
    ``wait_seconds`` of a busy database."""
    allowed = max(1, int(wait_seconds / BACKUP_SLEEP_SECONDS))
    busy = 0

    def step(status: int, remaining: int, total: int) -> None:
        nonlocal busy
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            busy += 1
            if busy > allowed:
                raise BackupBusy(
                    msg(
                        "the database stayed locked for more than {seconds} s",
                        seconds=f"{wait_seconds:.0f}",
                    )
                )
        elif progress is not None and total:
            progress(1.0 - remaining / total)

    return step
