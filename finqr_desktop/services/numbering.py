"""Gapless invoice numbers, handed out inside the issuing transaction.

The counter row is bumped with a single UPDATE, which takes the row's write lock (on
SQLite the whole database is already locked by BEGIN IMMEDIATE). If the issuing
transaction rolls back, so does the bump: no number is ever lost or given twice.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..domain.numbering import NumberPattern
from ..storage.models import NumberCounterRow, NumberSeriesRow

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


def set_pattern(session: Session, key: str, pattern: NumberPattern) -> None:
    row = series(session, key)
    row.pattern = pattern.pattern
    row.yearly_restart = pattern.yearly_restart
    session.info.pop("finqr_series", None)
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
    return pattern.format(value, year)


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
