"""Writing a command's output file: never over the open ledger, never half a file.

A mistyped ``-o ledger.sqlite3`` once overwrote the ledger the command had open, so the
ledger's own files are refused; the write itself is atomic (``services.file_output``).
"""

from __future__ import annotations

import errno
import logging
from pathlib import Path

from ..services.file_output import is_ledger_file, write_atomically
from .errors import CliError

logger = logging.getLogger(__name__)

__all__ = ["refuse_ledger_target", "write_atomically", "write_reason"]


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
