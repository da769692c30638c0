"""When reminders may go out: bank days only, from a local time of day, in the company's zone.

Times are built from the local calendar day and the wall-clock time each day, never by
adding 24 hours to an instant, so 09:00 stays 09:00 across daylight-saving changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from finqr_desktop.domain.due_dates import is_bank_day, next_bank_day
from finqr_desktop.domain.messages import msg

DEFAULT_TIMEZONE = "Europe/Stockholm"
ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class SendWindow:
    """Bank days of ``country``, from ``start`` until ``end`` (exclusive; None: midnight)."""

    start: dt.time = dt.time(9, 0)
    end: dt.time | None = None
    timezone: str = DEFAULT_TIMEZONE
    country: str = "SE"

    def __post_init__(self) -> None:
        for name in ("start", "end"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, dt.time) or value.tzinfo):
                raise ValueError(f"send window {name} must be a local time without a zone")
        if self.end is not None and self.end <= self.start:
            raise ValueError(msg("the send window must end after it starts"))
        _zone(self.timezone)
        is_bank_day(dt.date(2026, 1, 1), self.country)  # an unknown country fails here

    @property
    def zone(self) -> ZoneInfo:
        return _zone(self.timezone)


@lru_cache(maxsize=32)
def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(msg("unknown time zone {zone}", zone=repr(name))) from None


def local_day(moment: dt.datetime, window: SendWindow) -> dt.date:
    """The calendar day ``moment`` falls on in the window's zone."""
    return _aware(moment).astimezone(window.zone).date()


def first_send_day(day: dt.date, window: SendWindow) -> dt.date:
    """The first bank day on or after ``day``."""
    return next_bank_day(day, window.country)


def opening_on(day: dt.date, window: SendWindow) -> dt.datetime:
    """The window's start on ``day`` (bank day or not), as an aware local time.

    A start inside a spring-forward gap (02:30 on the change night) moves on by the gap,
    the way a wall clock does; the round trip through UTC makes the result a real instant.
    """
    return _wall_clock(day, window.start, window)


def next_send_time(after: dt.datetime, window: SendWindow) -> dt.datetime:
    """The earliest instant at or after ``after`` that lies inside the window.

    Inside an open window that is ``after`` itself (in the window's zone); otherwise the
    opening of the next bank day.
    """
    local = _aware(after).astimezone(window.zone)
    day = local.date()
    if is_bank_day(day, window.country):
        # Compared as instants: within one zone Python compares wall clocks, which the
        # repeated hour of an autumn change would get wrong.
        opening = opening_on(day, window)
        if local.timestamp() < opening.timestamp():
            return opening
        if (
            window.end is None
            or local.timestamp() < _wall_clock(day, window.end, window).timestamp()
        ):
            return local
    return opening_on(first_send_day(day + ONE_DAY, window), window)


def _wall_clock(day: dt.date, time: dt.time, window: SendWindow) -> dt.datetime:
    naive = dt.datetime.combine(day, time, tzinfo=window.zone)
    return naive.astimezone(dt.UTC).astimezone(window.zone)


def _aware(moment: dt.datetime) -> dt.datetime:
    if not isinstance(moment, dt.datetime):
        raise TypeError(f"expected a datetime, not {type(moment).__name__}")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("a send time needs a time zone; naive datetimes are ambiguous")
    return moment
