"""Date arithmetic the dashboard's SQL needs, written once for SQLite and PostgreSQL.

SQLite keeps dates as ISO text and subtracts them through julianday(); PostgreSQL
subtracts dates into whole days. The figures compare days only, so every difference here is
a whole number of days, and a timestamp is first cut to its day (day_of).
"""

from __future__ import annotations

from sqlalchemy import Integer
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import GenericFunction
from sqlalchemy.types import Date


class days_between(GenericFunction):  # noqa: N801 - SQL function names read as lower case
    """``days_between(later, earlier)``: whole days from ``earlier`` to ``later`` (negative
    when ``later`` is the earlier day). Both must be dates: wrap a timestamp in day_of()."""

    type = Integer()
    inherit_cache = True


@compiles(days_between)
def _days_postgresql(element, compiler, **kw):
    later, earlier = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"(CAST({later} AS DATE) - CAST({earlier} AS DATE))"


@compiles(days_between, "sqlite")
def _days_sqlite(element, compiler, **kw):
    later, earlier = (compiler.process(clause, **kw) for clause in element.clauses)
    # Two ISO dates are whole Julian days apart, so the cast loses nothing.
    return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"


class day_of(GenericFunction):  # noqa: N801
    """``day_of(timestamp)``: the calendar day of a naive timestamp."""

    type = Date()
    inherit_cache = True


@compiles(day_of)
def _day_postgresql(element, compiler, **kw):
    return f"CAST({compiler.process(element.clauses, **kw)} AS DATE)"


@compiles(day_of, "sqlite")
def _day_sqlite(element, compiler, **kw):
    return f"date({compiler.process(element.clauses, **kw)})"


class clamped(GenericFunction):  # noqa: N801
    """``clamped(x, low, high)``: ``x`` held between ``low`` and ``high``, with ``x``
    written (and evaluated) once."""

    type = Integer()
    inherit_cache = True


@compiles(clamped)
def _clamped_postgresql(element, compiler, **kw):
    value, low, high = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"least(greatest({value}, {low}), {high})"


@compiles(clamped, "sqlite")
def _clamped_sqlite(element, compiler, **kw):
    # SQLite's max() and min() with several arguments are the scalar ones.
    value, low, high = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"min(max({value}, {low}), {high})"
