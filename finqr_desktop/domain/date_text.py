"""Dates and moments as the clerk's locale writes them: 2024-03-31 in sv_SE, 31/03/2024 in
en_GB.

The window shows every day in the locale's short numeric form (CLDR's "short" date), so a
list of dates lines up and reads back unambiguously; the year always has four digits.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel import Locale
from babel.dates import format_date, format_time, get_date_format


@lru_cache(maxsize=16)
def day_pattern(locale: str) -> str:
    """The locale's short date pattern in CLDR notation, the year widened to four digits
    ("y-MM-dd" in sv_SE, "dd/MM/y" in en_GB become "yyyy-MM-dd" and "dd/MM/yyyy")."""
    pattern = get_date_format("short", locale=Locale.parse(locale)).pattern
    return _four_digit_year(pattern)


def _four_digit_year(pattern: str) -> str:
    out, index = [], 0
    while index < len(pattern):
        if pattern[index] == "y":
            end = index
            while end < len(pattern) and pattern[end] == "y":
                end += 1
            out.append("yyyy")
            index = end
        else:
            out.append(pattern[index])
            index += 1
    return "".join(out)


def format_day(day: dt.date | None, locale: str = "sv_SE") -> str:
    """``day`` in the locale's short form; "" for no day."""
    if day is None:
        return ""
    return format_date(day, day_pattern(locale), locale=locale)


def format_moment(moment: dt.datetime | None, locale: str = "sv_SE") -> str:
    """A moment as day and hours:minutes ("2024-03-31 14:05"), in the time zone it is
    given in: the caller converts a UTC time to the machine's first, where that is meant."""
    if moment is None:
        return ""
    hours = format_time(moment.time(), "HH:mm", locale=locale)
    return f"{format_day(moment.date(), locale)} {hours}"
