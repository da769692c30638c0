"""Reading the JSON files that commands take, with errors that name the file and place."""

from __future__ import annotations

import json
import logging
import sys
from decimal import Decimal
from pathlib import Path

from .errors import CliError
from .output_files import refuse_open_ledger, write_atomically, write_reason

logger = logging.getLogger(__name__)

# A template with its logo is the largest file a command reads: a few megabytes at most.
MAX_CHARACTERS = 50_000_000


def read_json(name: str) -> object:
    """The parsed contents of file ``name`` (``-`` is standard input).

    Numbers are read as Decimal, so ``"quantity": 1.1`` means exactly 1.1: the float a
    plain ``json.loads`` would make is not what the user wrote. A key given twice is
    refused: which of the two values was meant is a guess the command will not make.
    """
    if name == "-":
        label, text = "standard input", _bounded(sys.stdin, "standard input")
    else:
        label, text = name, read_text(Path(name))
    try:
        return json.loads(
            text,
            parse_float=Decimal,
            parse_constant=Decimal,
            object_pairs_hook=lambda pairs: _unique_keys(pairs, label),
        )
    except json.JSONDecodeError as exc:
        raise CliError(
            f"{label}: not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None
    except RecursionError:
        # The parser recurses per level; no ledger file is nested anywhere near that deep.
        raise CliError(f"{label}: nested too deeply") from None
    except ValueError as exc:
        # Python refuses integers of thousands of digits; no ledger figure is one.
        raise CliError(f"{label}: a number in it is too long ({exc})") from None


def _unique_keys(pairs: list[tuple[str, object]], label: str) -> dict:
    data = {}
    for key, value in pairs:
        if key in data:
            raise CliError(f"{label}: key {key!r} is given twice in one object")
        data[key] = value
    return data


def read_object(name: str, what: str) -> dict:
    """A JSON file that must hold one object (a company, a customer, a draft)."""
    data = read_json(name)
    if not isinstance(data, dict):
        raise CliError(f"{name}: expected a JSON object with the {what}'s fields")
    return data


def read_text(path: Path) -> str:
    """The file's text; refused when it is not UTF-8 or larger than any ledger file is.

    At most ``MAX_CHARACTERS`` are read, so a device or a runaway file (``/dev/zero``) is
    refused at once instead of filling the memory.
    """
    try:
        with path.open(encoding="utf-8-sig") as handle:
            return _bounded(handle, str(path))
    except UnicodeDecodeError as exc:
        raise CliError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise _unreadable(path, exc) from None


def _bounded(handle, label: str) -> str:
    text = handle.read(MAX_CHARACTERS + 1)
    if len(text) > MAX_CHARACTERS:
        raise CliError(f"{label}: larger than {MAX_CHARACTERS // 1_000_000} million characters")
    return text


def require_file(path: Path) -> Path:
    """Fail early and plainly for a file a service will open itself: opening it is the
    one check that also catches a file the user may not read."""
    try:
        with path.open("rb"):
            pass
    except OSError as exc:
        raise _unreadable(path, exc) from None
    return path


def _unreadable(path: Path, exc: OSError) -> CliError:
    # Windows refuses to open a folder with PermissionError: look at the path first.
    if path.is_dir():
        reason = "is a folder, not a file"
    elif isinstance(exc, FileNotFoundError):
        reason = "no such file"
    elif isinstance(exc, PermissionError):
        reason = "permission denied"
    else:
        reason = exc.strerror or str(exc)
    return CliError(f"{path}: {reason}")


def write_file(name: str, data: bytes) -> None:
    """Write ``data`` to file ``name`` (``-`` is standard output), or say plainly why not."""
    if name == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    refuse_open_ledger(name)
    path = Path(name)
    try:
        write_atomically(path, data)
    except (OSError, ValueError) as exc:  # ValueError: a NUL or lone surrogate in the name
        raise CliError(f"{path}: {write_reason(path, exc)}") from None
