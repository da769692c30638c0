"""Writing an output file in one step: a reader sees the old file or the new one, never a part.

A plain write that fails midway (a full disk, a killed process) leaves a truncated file
where a good old one was. So the file is written beside its target under a temporary
name, flushed to disk, then renamed over the target. Both the command line and the
desktop app save exports this way; ``ledger_files`` names the files no export may replace.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import secrets
import stat
from pathlib import Path

from ..domain.messages import msg

logger = logging.getLogger(__name__)

# SQLite keeps a ledger in up to four files: the database and its journal companions.
LEDGER_SUFFIXES = ("", "-wal", "-shm", "-journal")


def is_ledger_file(target: Path, ledger: Path | None) -> bool:
    """Whether ``target`` (symlinks followed, hard links too) is the SQLite ledger
    ``ledger`` or one of its journal files; None is a server ledger, with no local file."""
    if ledger is None:
        return False
    resolved = target.resolve()
    protected = {Path(f"{ledger.resolve()}{suffix}") for suffix in LEDGER_SUFFIXES}
    if resolved in protected:
        return True
    try:
        return os.path.samefile(resolved, ledger)
    except OSError:
        return False


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` in one step; on failure the old file stays as it was.

    A device or pipe (``/dev/null``, a FIFO) cannot be replaced, so it is written to
    directly. The file gets the old file's permissions, or the usual ones for a new file.
    """
    target = path.resolve()
    try:
        existing = target.stat()
    except FileNotFoundError:
        existing = None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        if stat.S_ISDIR(existing.st_mode):
            raise IsADirectoryError(errno.EISDIR, msg("is a folder, not a file"), str(path))
        with target.open("wb") as handle:
            handle.write(data)
        return
    # A short temporary name: one beside a long file name could itself be too long.
    temporary = target.with_name(f".finqr-{secrets.token_hex(4)}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if existing is not None:
            os.chmod(temporary, stat.S_IMODE(existing.st_mode))
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(target.parent)
    logger.debug("wrote %d bytes to %s", len(data), target)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; not every system lets a folder be opened (Windows)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
