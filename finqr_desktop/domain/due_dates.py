"""Payment terms and due dates, with the Swedish rule that a due date on a non-bank day moves.

Skuldebrevslagen 5 § (DOMAIN.md 5.4): a payment due on a Saturday, Sunday, public holiday or
midsommar-, jul- or nyårsafton is in time on the next weekday, so reminders and interest must
count from that day. Holidays come from the ``holidays`` package, one calendar per country
and year, cached.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

import holidays

from .messages import msg

MAX_TERM_DAYS = 365

# Input is lower-cased and its whitespace collapsed before matching.
_UNIT = r"(?:\s*(?:days?|dagar|d))?"
_NET = re.compile(rf"(?:net(?:to)?\s*)?([0-9]+){_UNIT}")
_EOM = re.compile(rf"(?:eom|end of (?:the )?month)(?:\s*\+\s*([0-9]+){_UNIT})?")


@dataclass(frozen=True)
class PaymentTerms:
    """Net ``days`` after the issue date, or after the issue month's last day (end of month)."""

    days: int
    end_of_month: bool = False

    def __post_init__(self) -> None:
        if isinstance(self.days, bool) or not isinstance(self.days, int):
            raise ValueError(
                msg("payment term days must be a whole number, not {days}", days=repr(self.days))
            )
        if not 0 <= self.days <= MAX_TERM_DAYS:
            raise ValueError(
                msg(
                    "payment term of {days} days is outside 0-{most} days",
                    days=self.days,
                    most=MAX_TERM_DAYS,
                )
            )

    @classmethod
    def parse(cls, text: str) -> PaymentTerms:
        """Read "30", "net 30", "30 days", "eom+30" or "end of month + 30" (any case).

        "eom" alone means the last day of the issue month. Swedish "30 dagar" and "netto 30"
        are read too, since clerks type what their old invoices say.
        """
        if not isinstance(text, str):
            raise TypeError(f"payment terms must be text, not {type(text).__name__}")
        cleaned = " ".join(text.lower().split())
        if match := _NET.fullmatch(cleaned):
            return cls(_days(match.group(1), text))
        if match := _EOM.fullmatch(cleaned):
            return cls(_days(match.group(1) or "0", text), end_of_month=True)
        raise ValueError(
            msg(
                "cannot read payment terms {text}: write e.g. 30, net 30, 30 days or eom+30",
                text=repr(text),
            )
        )

    def __str__(self) -> str:
        """A stable text that ``parse`` reads back: "30" or "eom+30"."""
        return f"eom+{self.days}" if self.end_of_month else str(self.days)


def _days(digits: str, text: str) -> int:
    days = int(digits)
    if days > MAX_TERM_DAYS:
        raise ValueError(
            msg(
                "payment terms {text}: {days} days is more than {most} days",
                text=repr(text),
                days=days,
                most=MAX_TERM_DAYS,
            )
        )
    return days


def _require_date(day: object) -> dt.date:
    # A datetime is a date subclass but never equals a date, so holiday look-ups would
    # silently miss; refuse it instead.
    if isinstance(day, dt.datetime) or not isinstance(day, dt.date):
        raise TypeError(f"expected a date, not {type(day).__name__}")
    return day


def _month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by ``months`` calendar months, clamped to the month's end (Jan 31 + 1 =
    Feb 28/29), so a monthly schedule never skips a month."""
    day = _require_date(day)
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def due_date(
    issue_date: dt.date,
    terms: PaymentTerms,
    *,
    next_bank_day: bool = False,
    country: str = "SE",
) -> dt.date:
    """The due date for ``terms``; with ``next_bank_day``, moved off weekends and holidays."""
    issue_date = _require_date(issue_date)
    if not isinstance(terms, PaymentTerms):
        raise TypeError(f"expected PaymentTerms, not {type(terms).__name__}")
    start = _month_end(issue_date) if terms.end_of_month else issue_date
    due = start + dt.timedelta(days=terms.days)
    return _roll_to_bank_day(due, country) if next_bank_day else due


def is_bank_day(day: dt.date, country: str = "SE") -> bool:
    """A weekday that is not a public holiday (in Sweden also not midsommar-, jul- or
    nyårsafton)."""
    day = _require_date(day)
    return day.weekday() < 5 and day not in _closed_weekdays(_country_code(country), day.year)


def next_bank_day(day: dt.date, country: str = "SE") -> dt.date:
    """The first bank day **on or after** ``day`` (a bank day is returned unchanged).

    This is the rule for due dates; for "the bank day after" pass ``day + 1 day``.
    """
    return _roll_to_bank_day(day, country)


# ``due_date``'s keyword ``next_bank_day`` shadows the public function, hence this name.
def _roll_to_bank_day(day: dt.date, country: str) -> dt.date:
    day = _require_date(day)
    while not is_bank_day(day, country):
        day += dt.timedelta(days=1)
    return day


def _country_code(country: str) -> str:
    if not isinstance(country, str) or len(country.strip()) != 2:
        raise ValueError(msg("not an ISO 3166 country code: {country}", country=repr(country)))
    return country.strip().upper()


# Days that are not public holidays but on which Swedish banks do not settle payments and
# which skuldebrevslagen 5 § treats like holidays. Recent ``holidays`` versions list them
# as the DE_FACTO category; computing them here keeps older versions correct too.
def _swedish_eves(year: int) -> set[dt.date]:
    june_19 = dt.date(year, 6, 19)
    midsommarafton = june_19 + dt.timedelta(days=(4 - june_19.weekday()) % 7)  # Fri 19-25
    return {midsommarafton, dt.date(year, 12, 24), dt.date(year, 12, 31)}


@lru_cache(maxsize=256)
def _closed_weekdays(country: str, year: int) -> frozenset[dt.date]:
    """Weekdays on which the country's banks are closed, for one year.

    Weekends are left out: they are never bank days anyway, and older versions of the
    ``holidays`` Swedish calendar list every Sunday as a holiday, which this also neutralises.
    """
    try:
        calendar_ = holidays.country_holidays(country, years=year)
    except NotImplementedError:
        raise ValueError(
            msg("no holiday calendar for country {country}", country=repr(country))
        ) from None
    closed = set(calendar_.keys())
    if country == "SE":
        closed |= _swedish_eves(year)
    return frozenset(day for day in closed if day.weekday() < 5)
