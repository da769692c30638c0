"""Copying SQLite files with SQLite's online backup API, never by copying bytes.

A byte copy of a ledger in use can catch a commit halfway, and misses whatever still sits in
the ``-wal`` file. The backup API copies a consistent snapshot: done in one step, it reads
under one read transaction, which in WAL mode lets the app and the scheduler go on writing
meanwhile. A copy is written under a temporary name and renamed when complete, so a backup
interrupted halfway never looks like a finished one.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

logger = logging.getLogger(__name__)

BUSY_TIMEOUT_SECONDS = 30.0


def copy_to_new_file(source: Path, target: Path) -> Path:
    """Back up the database at ``source`` into the new file ``target`` (one self-contained
    file: rollback journal, not WAL, so it needs no ``-wal`` or ``-shm`` beside it)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    reader = sqlite3.connect(source, timeout=BUSY_TIMEOUT_SECONDS)
    try:
        writer = sqlite3.connect(partial)
        try:
            reader.backup(writer)
            writer.execute("PRAGMA journal_mode = DELETE")
        finally:
            writer.close()
    finally:
        reader.close()
    partial.replace(target)
    logger.info("copied %s to %s", source, target)
    return target


def overwrite(source: Path, target: Path) -> None:
    """Replace the contents of the database ``target`` with ``source``'s, in place.

    In place, because other connections (this app's pool, the scheduler, a second app
    instance) keep the file open: replacing the file on disk would leave them writing to the
    old one. The backup API writes the destination as one transaction, so a crash halfway
    leaves the old contents. A WAL destination needs the same page size; the source (a
    private working copy) is rebuilt to it first when they differ.
    """
    writer = sqlite3.connect(target, timeout=BUSY_TIMEOUT_SECONDS)
    try:
        page_size = writer.execute("PRAGMA page_size").fetchone()[0]
        _match_page_size(source, page_size)
        reader = sqlite3.connect(source)
        try:
            reader.backup(writer)
        finally:
            reader.close()
    finally:
        writer.close()
    logger.info("wrote the contents of %s into %s", source, target)


def integrity_problems(path: Path, *, limit: int = 10) -> list[str]:
    """What ``PRAGMA integrity_check`` reports; empty when the file is sound."""
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute(f"PRAGMA integrity_check({int(limit)})").fetchall()
    finally:
        connection.close()
    messages = [row[0] for row in rows]
    return [] if messages == ["ok"] else messages


def _match_page_size(path: Path, page_size: int) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        if connection.execute("PRAGMA page_size").fetchone()[0] != page_size:
            connection.execute("PRAGMA journal_mode = DELETE")
            connection.execute(f"PRAGMA page_size = {int(page_size)}")
            connection.execute("VACUUM")
    finally:
        connection.close()
