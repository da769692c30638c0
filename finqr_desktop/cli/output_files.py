"""Writing a command's output file: never over the open ledger, never half a file.

A mistyped ``-o ledger.sqlite3`` once overwrote the ledger the command had open, so the
ledger's own files are refused; the write itself is atomic (``services.file_output``).
"""

from __future__ import annotations

import errno
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..services.file_output import is_ledger_file, write_atomically
from .errors import CliError

logger = logging.getLogger(__name__)

__all__ = [
    "guarding",
    "refuse_existing",
    "refuse_ledger_target",
    "refuse_open_ledger",
    "write_atomically",
    "write_reason",
]


# The SQLite ledger the running command has open: no output file of any command may be it.
_open_ledger: list[Path | None] = [None]


@contextmanager
def guarding(ledger: Path | None) -> Iterator[None]:
    """While the command runs, ``write_file`` refuses to write over ``ledger``."""
    _open_ledger[0] = ledger
    try:
        yield
    finally:
        _open_ledger[0] = None


def refuse_open_ledger(name: str) -> None:
    refuse_ledger_target(name, _open_ledger[0])


def refuse_ledger_target(name: str, ledger: Path | None) -> None:
    """CliError when ``name`` is the ledger or one of its journal files."""
    if name == "-":
        return
    try:
        refused = is_ledger_file(Path(name), ledger)
    except (OSError, RuntimeError, ValueError) as exc:  # RuntimeError: a symlink loop
        raise CliError(f"{name}: {_reason(exc)}") from None
    if refused:
        raise CliError(
            f"{name}: that is the ledger's own database file; choose another output file"
        )


def refuse_existing(name: str, *, force: bool) -> None:
    """CliError when ``name`` is a file already there and ``force`` was not given: an
    export written over last month's by a repeated command line is lost without a word.
    A device or pipe (``/dev/null``) is written to, not replaced, and is let through."""
    if name == "-" or force:
        return
    try:
        there = Path(name).is_file()
    except (OSError, ValueError):  # ValueError: a NUL in the name; the write reports it
        return
    if there:
        raise CliError(f"{name}: the file already exists; give --force to replace it")


def write_reason(path: Path, exc: BaseException) -> str:
    """Why writing ``path`` failed, in words; never raises itself (a too-long name does)."""
    try:
        if path.is_dir():
            return "is a folder, not a file"
    except (OSError, ValueError):
        pass
    return _reason(exc)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        if exc.errno == errno.ENAMETOOLONG:
            return "the file name is too long"
        return exc.strerror or str(exc)
    return str(exc)
