"""Gapless invoice numbers, handed out inside the issuing transaction.

The counter row is bumped with a single UPDATE, which takes the row's write lock (on
SQLite the whole database is already locked by BEGIN IMMEDIATE). If the issuing
transaction rolls back, so does the bump: no number is ever lost or given twice.
"""

from __future__ import annotations

import logging

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..domain.errors import RuleViolation
from ..domain.messages import msg
from ..domain.numbering import NumberPattern
from ..storage.models import InvoiceRow, NumberCounterRow, NumberSeriesRow
from . import audit

logger = logging.getLogger(__name__)

DEFAULT_SERIES = {"invoice": NumberPattern("{year}-{seq:04}", yearly_restart=True)}


def series(session: Session, key: str = "invoice") -> NumberSeriesRow:
    row = session.scalar(select(NumberSeriesRow).where(NumberSeriesRow.key == key))
    if row is None:
        pattern = DEFAULT_SERIES.get(key) or NumberPattern(f"{key.upper()}{{year}}-{{seq:04}}")
        try:
            with session.begin_nested():
                row = NumberSeriesRow(
                    key=key, pattern=pattern.pattern, yearly_restart=pattern.yearly_restart
                )
                session.add(row)
        except IntegrityError:
            # Another workstation created the series at the same moment: use theirs.
            row = session.scalar(select(NumberSeriesRow).where(NumberSeriesRow.key == key))
    return row


def current_pattern(session: Session, key: str = "invoice") -> NumberPattern:
    row = series(session, key)
    return NumberPattern(row.pattern, row.yearly_restart)


def _series_cached(session: Session, key: str) -> NumberSeriesRow:
    # A batch issues hundreds of invoices in one session: look the series up once.
    cache = session.info.setdefault("finqr_series", {})
    if key not in cache:
        cache[key] = series(session, key)
    return cache[key]


def cached_pattern(session: Session, key: str) -> NumberPattern:
    """The series' pattern as ``next_number`` reads it: looked up once per session."""
    row = _series_cached(session, key)
    return NumberPattern(row.pattern, row.yearly_restart)


def set_pattern(session: Session, key: str, pattern: NumberPattern) -> None:
    """Change the series' pattern; its counters move past every number already taken.

    Without that, a pattern that once was in use (or one that can print what an older
    pattern printed) would hand out a number an issued invoice already has.
    """
    row = series(session, key)
    row.pattern = pattern.pattern
    row.yearly_restart = pattern.yearly_restart
    session.info.pop("finqr_series", None)
    session.flush()
    for counter_year, taken in _taken(session, key, pattern).items():
        _raise_counter(session, row.id, counter_year, taken)
    restart = "restarting yearly" if pattern.yearly_restart else "never restarting"
    audit.record(
        session, audit.SETTINGS, detail=f"number series {key}: {pattern.pattern}, {restart}"
    )
    logger.info("series %s: pattern %s, restart %s", key, pattern.pattern, pattern.yearly_restart)


def preview_next(session: Session, key: str, pattern: NumberPattern, year: int) -> str:
    """The number the next invoice of ``year`` would get under ``pattern``; writes nothing."""
    row = series(session, key)
    counter_year = pattern.counter_year(year)
    current = session.scalar(
        select(NumberCounterRow.last_value).where(
            NumberCounterRow.series_id == row.id, NumberCounterRow.year == counter_year
        )
    )
    unchanged = pattern == NumberPattern(row.pattern, row.yearly_restart)
    last = (current or 0) if unchanged else 0
    last = max(last, _taken(session, key, pattern).get(counter_year, 0))
    return pattern.format(last + 1, year)


def _taken(session: Session, key: str, pattern: NumberPattern) -> dict[int, int]:
    """The highest sequence value ``pattern`` could already have printed, per counter."""
    highest: dict[int, int] = {}
    query = select(InvoiceRow.number, InvoiceRow.issue_date).where(
        InvoiceRow.series_key == key, InvoiceRow.number.is_not(None)
    )
    for number, issue_date in session.execute(query):
        parsed = pattern.parse(number)
        if parsed is None:
            continue
        seq, year = parsed
        counter_year = pattern.counter_year(year or issue_date.year)
        highest[counter_year] = max(highest.get(counter_year, 0), seq)
    return highest


def _raise_counter(session: Session, series_id: int, counter_year: int, taken: int) -> None:
    counter = session.scalar(
        select(NumberCounterRow).where(
            NumberCounterRow.series_id == series_id, NumberCounterRow.year == counter_year
        )
    )
    if counter is None:
        session.add(NumberCounterRow(series_id=series_id, year=counter_year, last_value=taken))
    elif counter.last_value < taken:
        counter.last_value = taken
    session.flush()


def next_number(session: Session, key: str, year: int) -> str:
    row = _series_cached(session, key)
    pattern = NumberPattern(row.pattern, row.yearly_restart)
    counter_year = pattern.counter_year(year)
    value = _bump(session, row.id, counter_year)
    if value is None:
        try:
            with session.begin_nested():
                session.add(NumberCounterRow(series_id=row.id, year=counter_year, last_value=1))
            value = 1
        except IntegrityError:
            # Another workstation created this year's counter first; count on from it.
            value = _bump(session, row.id, counter_year)
    number = pattern.format(value, year)
    # set_pattern moves counters past taken numbers; this guards against any other way a
    # number could already exist (one typed into an imported ledger, say).
    # A Core query on the connection: no autoflush, so a batch keeps its single flush.
    taken = select(InvoiceRow.__table__.c.id).where(InvoiceRow.__table__.c.number == number)
    if session.connection().execute(taken).first() is not None:
        raise RuleViolation(
            msg(
                "invoice number {number} is already taken: change the number series "
                "(`finqr series set`) so that it continues after the numbers in use",
                number=number,
            )
        )
    return number


def _bump(session: Session, series_id: int, year: int) -> int | None:
    where = (NumberCounterRow.series_id == series_id) & (NumberCounterRow.year == year)
    # UPDATE ... RETURNING: one statement bumps and reads (SQLite 3.35+, PostgreSQL). It
    # runs on the session's connection, inside its transaction, without an ORM autoflush:
    # a batch then writes its invoices in one flush instead of one flush per number.
    statement = (
        update(NumberCounterRow.__table__)
        .where(where)
        .values(last_value=NumberCounterRow.last_value + 1)
        .returning(NumberCounterRow.last_value)
    )
    return session.connection().execute(statement).scalar()
