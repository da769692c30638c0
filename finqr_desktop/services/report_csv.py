"""CSV files of the reports: UTF-8, comma separated, a header row, values as plain text.

Amounts are written as decimals with a point ("-1250.00"), the form every spreadsheet and
script reads the same way whatever its locale. A text cell that a spreadsheet would take
for a formula (it starts with "=", "+", "-" or "@") gets a leading apostrophe: customer
names and references are typed by people, and a file must not run anything when opened.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_bytes(columns: Sequence[str], rows: Iterable[Mapping[str, object]]) -> bytes:
    """The rows under ``columns``; a key a row lacks is an empty cell."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row.get(column)) for column in columns])
    return buffer.getvalue().encode("utf-8")


def cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool | int):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
