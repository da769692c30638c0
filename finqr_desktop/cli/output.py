"""What commands print: aligned tables and key/value blocks for people, JSON for scripts.

Amounts arrive as decimal strings from the services and are printed as they are, never
through float.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal

logger = logging.getLogger(__name__)


def print_json(data: object) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False, default=_plain)
    sys.stdout.write("\n")


def _plain(value: object) -> str:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def print_table(
    headers: Sequence[str], rows: Iterable[Sequence[object]], *, right: Iterable[int] = ()
) -> None:
    """Columns padded to their widest cell; ``right`` are the indexes of numeric columns."""
    cells = [[_cell(value) for value in row] for row in rows]
    widths = [
        max([display_width(h), *(display_width(row[i]) for row in cells)])
        for i, h in enumerate(headers)
    ]
    right = set(right)

    def line(values: Sequence[str]) -> str:
        padded = (_pad(v, widths[i], right=i in right) for i, v in enumerate(values))
        return "  ".join(padded).rstrip()

    print(line(headers))
    print(line(["-" * w for w in widths]))
    for row in cells:
        print(line(row))


def print_fields(pairs: Iterable[tuple[str, object]], indent: str = "") -> None:
    """Label/value lines with the values lined up; empty values are left out."""
    shown = [(label, _cell(value)) for label, value in pairs if value not in (None, "")]
    width = max((len(label) for label, _ in shown), default=0)
    for label, value in shown:
        print(f"{indent}{label.ljust(width)}  {value}")


def display_width(text: str) -> int:
    """The columns a terminal gives ``text``: combining marks and invisible format
    characters take none (a direction mark stored before the ledger refused them must not
    shift a table), wide East Asian characters two."""
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _pad(text: str, width: int, *, right: bool) -> str:
    fill = " " * max(0, width - display_width(text))
    return fill + text if right else text + fill


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
