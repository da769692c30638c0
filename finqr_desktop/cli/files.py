"""Reading the JSON files that commands take, with errors that name the file and place."""

from __future__ import annotations

import json
import logging
import sys
from decimal import Decimal
from pathlib import Path

from .errors import CliError

logger = logging.getLogger(__name__)


def read_json(name: str) -> object:
    """The parsed contents of file ``name`` (``-`` is standard input).

    Numbers are read as Decimal, so ``"quantity": 1.1`` means exactly 1.1: the float a
    plain ``json.loads`` would make is not what the user wrote.
    """
    if name == "-":
        label, text = "standard input", sys.stdin.read()
    else:
        label, text = name, read_text(Path(name))
    try:
        return json.loads(text, parse_float=Decimal, parse_constant=Decimal)
    except json.JSONDecodeError as exc:
        raise CliError(
            f"{label}: not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None


def read_object(name: str, what: str) -> dict:
    """A JSON file that must hold one object (a company, a customer, a draft)."""
    data = read_json(name)
    if not isinstance(data, dict):
        raise CliError(f"{name}: expected a JSON object with the {what}'s fields")
    return data


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CliError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise CliError(f"{path}: is a folder, not a file") from None
    except UnicodeDecodeError as exc:
        raise CliError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise CliError(f"{path}: {exc.strerror or exc}") from None


def require_file(path: Path) -> Path:
    """Fail early and plainly for a file a service will open itself."""
    if not path.exists():
        raise CliError(f"{path}: no such file")
    if path.is_dir():
        raise CliError(f"{path}: is a folder, not a file")
    return path
