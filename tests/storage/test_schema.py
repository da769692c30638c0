"""The database as stored: exact types, SQLite settings, migrations with a backup first."""

import sqlite3

import pytest
from sqlalchemy import Float, Numeric, inspect

from finqr_desktop.services.ledger import open_ledger
from finqr_desktop.storage import migrate
from finqr_desktop.storage.database import Database
from finqr_desktop.storage.models import Base


def test_no_float_column_anywhere():
    inexact = [
        f"{table.name}.{column.name}"
        for table in Base.metadata.tables.values()
        for column in table.columns
        if isinstance(column.type, (Float, Numeric))
    ]
    assert inexact == []


def test_amount_columns_are_integers():
    for table in Base.metadata.tables.values():
        for column in table.columns:
            if column.name.endswith("_minor"):
                assert column.type.python_type is int, f"{table.name}.{column.name}"


@pytest.mark.sqlite_only
def test_sqlite_runs_in_wal_with_foreign_keys(database):
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_migrations_build_the_same_schema_as_the_models(database):
    inspector = inspect(database.engine)
    migrated = set(inspector.get_table_names()) - {"alembic_version"}
    assert migrated == set(Base.metadata.tables)
    for name, table in Base.metadata.tables.items():
        columns = {c["name"] for c in inspector.get_columns(name)}
        assert columns == {c.name for c in table.columns}, name


def test_an_outdated_database_is_backed_up_before_migrating(tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite3"
    url = f"sqlite:///{path}"
    open_ledger(url).dispose()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0001'")
        connection.execute("CREATE TABLE marker (x)")

    calls = []
    monkeypatch.setattr(migrate, "run_alembic_upgrade", lambda database: calls.append(database))
    backup = migrate.upgrade(Database(url))

    assert len(calls) == 1
    assert backup is not None and backup.parent == tmp_path / "backups"
    with sqlite3.connect(backup) as copy:
        tables = {row[0] for row in copy.execute("SELECT name FROM sqlite_master")}
    assert "marker" in tables


@pytest.mark.sqlite_only
def test_an_up_to_date_database_is_not_copied(database):
    assert migrate.upgrade(database) is None
    assert not (database.sqlite_path.parent / "backups").exists()


def test_the_known_head_is_the_newest_migration():
    assert migrate.SCHEMA_HEAD == migrate.head_revision()
