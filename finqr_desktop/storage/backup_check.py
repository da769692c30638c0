"""Is this file a FINQR ledger of a schema revision this version knows? Checked before a
restore overwrites anything.

A file passes when it is a SQLite database (or a pg_dump custom-format dump) that is sound,
records in ``alembic_version`` a revision of this version's migration history, and has
exactly the tables that history gives that revision (in a SQLite file also exactly their
columns). The expected tables are not a list kept by hand: they are what the migrations
build when run up to that revision on an empty in-memory database, so a new migration can
never make this check go stale. A pg_dump file's columns are not checked: its table of
contents does not list them, and psql's restore stops at the first column that the
migrations after it do not find.
"""

from __future__ import annotations

import functools
import logging
import re
import sqlite3
from pathlib import Path

from sqlalchemy import create_engine, inspect

from ..domain.errors import RuleViolation
from ..domain.messages import error_message, msg
from . import migrate, pg_tools, sqlite_copy

logger = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
VERSION_TABLE = "alembic_version"
# What a FINQR dump holds; anything else (functions, triggers, extensions) was not made by
# FINQR, and a restore runs the dump's SQL, so it is refused rather than run.
DUMP_ENTRY_KINDS = frozenset(
    {
        "TABLE", "TABLE DATA", "SEQUENCE", "SEQUENCE OWNED BY", "SEQUENCE SET", "DEFAULT",
        "CONSTRAINT", "FK CONSTRAINT", "INDEX", "ENCODING", "STDSTRINGS", "SEARCHPATH",
        "DATABASE", "SCHEMA", "COMMENT", "ACL",
    }
)  # fmt: skip
_TOC_LINE = re.compile(r"^\d+;\s+\d+\s+\d+\s+(?P<rest>.+)$")


class NotALedger(RuleViolation):
    """The file is not a FINQR ledger this version can restore."""


def known_revisions() -> tuple[str, ...]:
    """Every revision of the migration history, oldest first."""
    return _known_revisions(migrate.MIGRATIONS)


def expected_tables(revision: str) -> frozenset[str]:
    """The tables the migrations build up to ``revision``, alembic_version included."""
    return frozenset(table for table, _columns in _expected_schema(migrate.MIGRATIONS, revision))


def expected_columns(revision: str) -> dict[str, frozenset[str]]:
    """{table: its column names} as the migrations build them up to ``revision``."""
    return dict(_expected_schema(migrate.MIGRATIONS, revision))


# Cached per migrations folder: tests point migrate.MIGRATIONS at a folder of their own.
@functools.cache
def _known_revisions(_folder: Path) -> tuple[str, ...]:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(migrate.alembic_config())
    return tuple(reversed([script.revision for script in scripts.walk_revisions()]))


@functools.cache
def _expected_schema(_folder: Path, revision: str) -> tuple[tuple[str, frozenset[str]], ...]:
    from alembic import command

    engine = create_engine("sqlite://")
    try:
        config = migrate.alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
            inspector = inspect(connection)
            return tuple(
                (table, frozenset(column["name"] for column in inspector.get_columns(table)))
                for table in inspector.get_table_names()
            )
    finally:
        engine.dispose()


def check_sqlite(path: Path, *, shown: Path | None = None) -> str:
    """The schema revision of the SQLite ledger at ``path``; NotALedger says what is wrong.

    ``shown`` is the name the user gave (``path`` may be a private working copy).
    """
    name = shown or path
    with path.open("rb") as file:
        if file.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise NotALedger(
                msg("{name} is not a SQLite database (nor a FINQR backup)", name=name)
            )
    try:
        problems = sqlite_copy.integrity_problems(path)
        connection = sqlite3.connect(path)
        try:
            names = [
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
                if not row[0].startswith("sqlite_")
            ]
            tables = {
                name: frozenset(
                    row[1]
                    for row in connection.execute("SELECT * FROM pragma_table_info(?)", (name,))
                )
                for name in names
            }
            versions = (
                [row[0] for row in connection.execute(f"SELECT version_num FROM {VERSION_TABLE}")]
                if VERSION_TABLE in tables
                else None
            )
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        # SQLite's own words for what is wrong stay in English (here and below).
        raise NotALedger(
            msg(
                "{name} cannot be read as a SQLite database: {problem}",
                name=name,
                problem=str(error),
            )
        ) from None
    if problems:
        raise NotALedger(
            msg(
                "{name} is damaged: integrity check says {problem}", name=name, problem=problems[0]
            )
        )
    revision = _checked(name, versions, set(tables))
    _check_columns(name, revision, tables)
    return revision


def check_pg_dump(path: Path, *, shown: Path | None = None) -> str:
    """The schema revision of the FINQR database in the pg_dump file at ``path``."""
    name = shown or path
    try:
        contents = pg_tools.table_of_contents(path)
    except pg_tools.ToolFailed as error:
        raise NotALedger(
            msg(
                "{name} is not a PostgreSQL dump pg_restore can read: {problem}",
                name=name,
                problem=error_message(error),
            )
        ) from None
    tables: set[str] = set()
    for kind, table in _dump_entries(contents):
        if kind not in DUMP_ENTRY_KINDS:
            raise NotALedger(
                msg(
                    "{name} holds a {kind} ({table}), which no FINQR backup has",
                    name=name,
                    kind=kind,
                    table=table,
                )
            )
        if kind == "TABLE":
            tables.add(table)
    versions = None
    if VERSION_TABLE in tables:
        versions = _copied_rows(pg_tools.table_data(path, VERSION_TABLE))
    return _checked(name, versions, tables)


def _checked(name: Path, versions: list[str] | None, tables: set[str]) -> str:
    if versions is None:
        raise NotALedger(
            msg(
                "{name} is not a FINQR ledger: it has no {table} table",
                name=name,
                table=VERSION_TABLE,
            )
        )
    if len(versions) != 1:
        raise NotALedger(
            msg(
                "{name} records {count} schema revisions instead of one",
                name=name,
                count=len(versions),
            )
        )
    revision = versions[0]
    if revision not in known_revisions():
        raise NotALedger(
            msg(
                "{name} has schema revision {revision}, which this FINQR version does not know "
                "(it knows {first} to {last}); a newer FINQR made it, or another program",
                name=name,
                revision=repr(revision),
                first=known_revisions()[0],
                last=known_revisions()[-1],
            )
        )
    expected = expected_tables(revision)
    missing, unknown = sorted(expected - tables), sorted(tables - expected)
    if missing:
        raise NotALedger(
            msg(
                "{name} lacks tables of revision {revision}: {tables}",
                name=name,
                revision=revision,
                tables=", ".join(missing),
            )
        )
    if unknown:
        raise NotALedger(
            msg(
                "{name} has tables no FINQR ledger of revision {revision} has: {tables}",
                name=name,
                revision=revision,
                tables=", ".join(unknown),
            )
        )
    logger.info("%s is a FINQR ledger of revision %s", name, revision)
    return revision


def _check_columns(name: Path, revision: str, tables: dict[str, frozenset[str]]) -> None:
    expected = expected_columns(revision)
    for table in sorted(tables):
        missing = sorted(expected[table] - tables[table])
        unknown = sorted(tables[table] - expected[table])
        if missing:
            raise NotALedger(
                msg(
                    "{name}: table {table} lacks columns of revision {revision}: {columns}",
                    name=name,
                    table=table,
                    revision=revision,
                    columns=", ".join(missing),
                )
            )
        if unknown:
            raise NotALedger(
                msg(
                    "{name}: table {table} has columns no FINQR ledger of revision {revision} "
                    "has: {columns}",
                    name=name,
                    table=table,
                    revision=revision,
                    columns=", ".join(unknown),
                )
            )


def _dump_entries(contents: str):
    """(kind, name) per object line of ``pg_restore --list``: ``ID; OID OID KIND SCHEMA NAME
    OWNER``, where KIND may be two words (TABLE DATA, FK CONSTRAINT)."""
    for line in contents.splitlines():
        match = _TOC_LINE.match(line.strip())
        if match is None:
            continue
        words = match.group("rest").split()
        kind = next(
            (k for k in sorted(DUMP_ENTRY_KINDS, key=len, reverse=True)
             if words[: len(k.split())] == k.split()),
            words[0],
        )  # fmt: skip
        rest = words[len(kind.split()) :]
        yield kind, rest[1] if len(rest) > 1 else (rest[0] if rest else "")


def _copied_rows(copy_text: str) -> list[str]:
    """The first column of each row of the one COPY block in ``copy_text``."""
    rows, inside = [], False
    for line in copy_text.splitlines():
        if line.startswith("COPY "):
            inside = True
        elif inside and line == "\\.":
            inside = False
        elif inside:
            rows.append(line.split("\t")[0])
    return rows
