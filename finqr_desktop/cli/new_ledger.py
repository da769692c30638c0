"""A ledger file that a failed `init`, `demo` or `restore` made is taken away again.

Opening the ledger creates its SQLite file (and folder) before the command has read its
input, so a refused `finqr init` would leave behind a ledger with the full schema and no
company. Only what this run created is removed: a file that was there before, even an
empty one, stays as it was.

Known shortcoming: on a PostgreSQL server the tables a failed command created stay; they
hold nothing, and the next `init` uses them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from ..storage import location

logger = logging.getLogger(__name__)

# SQLite's own files beside the ledger (write-ahead log, shared memory, rollback journal).
_SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class NewLedger:
    """The SQLite file a command is about to create, and the folders it creates for it."""

    path: Path
    folders: tuple[Path, ...]


def about_to_create(url: str | None) -> NewLedger | None:
    """The ledger file ``url`` names if it does not exist yet, else None (also for a server,
    and for a URL that does not resolve: opening it reports that)."""
    try:
        path = location.sqlite_file(location.resolve_database_url(url))
        if path is None or path.exists() or path.is_symlink():
            return None
        folders = tuple(folder for folder in path.parents if not folder.exists())
    except Exception:  # noqa: BLE001 - the command's own opening says what is wrong
        logger.debug("cannot tell whether the ledger exists", exc_info=True)
        return None
    return NewLedger(path, folders)


def remove(created: NewLedger) -> None:
    """Delete the file this run created, its SQLite side files and the folders made for it
    (only while they are empty)."""
    for name in (created.path.name, *(created.path.name + side for side in _SIDE_FILES)):
        try:
            (created.path.parent / name).unlink(missing_ok=True)
        except OSError:
            logger.warning("could not remove %s", created.path.parent / name, exc_info=True)
    for folder in created.folders:  # deepest first, as Path.parents lists them
        try:
            folder.rmdir()
        except OSError:
            break
    logger.info("removed the ledger %s that the failed command had created", created.path)
