"""Case-insensitive matching that knows Å, Ä and Ö.

SQLite's lower() and LIKE fold only ASCII letters, so "Åkerlund" would not find
"åkerlund". On SQLite the connection gets a small Python function that case-folds any
text; PostgreSQL's lower() already folds all of Unicode.
"""

from __future__ import annotations

from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import GenericFunction
from sqlalchemy.types import String

SQLITE_FUNCTION = "finqr_fold"


class folded(GenericFunction):  # noqa: N801 - SQL function names read as lower case
    """``folded(column)``: the text in a form to compare case-insensitively."""

    type = String()
    inherit_cache = True


@compiles(folded)
def _default(element, compiler, **kw):
    return f"lower({compiler.process(element.clauses, **kw)})"


@compiles(folded, "sqlite")
def _sqlite(element, compiler, **kw):
    return f"{SQLITE_FUNCTION}({compiler.process(element.clauses, **kw)})"


def fold(text: str | None) -> str | None:
    return None if text is None else text.casefold()


def contains_pattern(search: str) -> str:
    """A LIKE pattern for ``search`` anywhere, with LIKE's own wildcards taken literally."""
    escaped = fold(search.strip()).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def register_sqlite_functions(dbapi_connection) -> None:
    dbapi_connection.create_function(SQLITE_FUNCTION, 1, fold, deterministic=True)
