"""Backups restore to exactly the ledger they were taken of, table by table and row by row;
a restore refuses anything that is not a FINQR ledger it knows, and backs up first."""

from __future__ import annotations

import sqlite3

import pytest

from finqr_desktop.domain.errors import RuleViolation
from finqr_desktop.services import backups, restore
from finqr_desktop.services.demo import build_demo
from finqr_desktop.services.ledger import open_ledger
from finqr_desktop.storage import backup_check, migrate

from ..conftest import on_postgres
from ..services.helpers import issue_new
from .ledger_rows import all_rows


@pytest.fixture
def demo(database, today):
    with database.writing() as session:
        build_demo(session, today=today)
    return database


def test_a_restored_backup_equals_the_ledger_it_was_taken_of(demo, tmp_path):
    before = all_rows(demo)
    backup = backups.back_up(demo, folder=tmp_path / "saved")
    issue_new(demo, customer="1001")  # the ledger moves on after the backup
    changed = all_rows(demo)
    assert changed != before

    result = restore.restore(demo, backup, force=True)

    after = all_rows(demo)
    assert after.keys() == before.keys() and len(after) >= 20
    for table in before:
        assert after[table] == before[table], table
    assert sum(len(rows) for rows in after.values()) > 1000
    assert result.revision == migrate.SCHEMA_HEAD and not result.migrated
    # The ledger as it was just before the restore was kept, and restores in its turn.
    assert result.safety_backup is not None and result.safety_backup.exists()
    restore.restore(demo, result.safety_backup, force=True)
    assert all_rows(demo) == changed


def test_the_backup_is_named_after_ledger_revision_and_time(database, tmp_path):
    import datetime as dt

    moment = dt.datetime(2026, 12, 4, 9, 30, 5)
    first = backups.back_up(database, folder=tmp_path, now=moment)
    second = backups.back_up(database, folder=tmp_path, now=moment)
    name = backups.ledger_name(database)
    suffix = ".dump" if on_postgres() else ".sqlite3"
    assert first.name == f"{name}-{migrate.SCHEMA_HEAD}-20261204-093005{suffix}"
    assert second.name == f"{name}-{migrate.SCHEMA_HEAD}-20261204-093005-2{suffix}"
    assert [b.path for b in backups.backups_in(tmp_path, name)] == [first, second]


def test_a_ledger_with_data_is_replaced_only_with_force(demo, tmp_path):
    backup = backups.back_up(demo, folder=tmp_path)
    issue_new(demo, customer="1001")
    before = all_rows(demo)

    refusal = r"holds 1 company, \d+ customers, \d+ invoices.*--force"
    with pytest.raises(RuleViolation, match=refusal):
        restore.restore(demo, backup)

    assert all_rows(demo) == before


def test_a_missing_file_is_named(database, tmp_path):
    with pytest.raises(RuleViolation, match="no-such.sqlite3: no such backup file"):
        restore.restore(database, tmp_path / "no-such.sqlite3")


def test_a_file_that_is_no_backup_is_refused_and_nothing_changes(ledger, tmp_path):
    before = all_rows(ledger)
    text = tmp_path / "notes.sqlite3"
    text.write_text("not a database at all\n" * 50)
    expected = "not a PostgreSQL dump" if on_postgres() else "is not a SQLite database"

    with pytest.raises(backup_check.NotALedger, match=expected):
        restore.restore(ledger, text, force=True)

    assert all_rows(ledger) == before


def _sqlite_backup(database, tmp_path):
    return backups.back_up(database, folder=tmp_path / "b")


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("DROP TABLE alembic_version", "not a FINQR ledger: it has no alembic_version table"),
        ("UPDATE alembic_version SET version_num = '0042'",
         "schema revision '0042', which this FINQR version does not know"),
        ("DROP TABLE payment_allocation", "lacks tables of revision .*: payment_allocation"),
        ("CREATE TABLE holiday_photos (x)", "has tables no FINQR ledger .* has: holiday_photos"),
        ("INSERT INTO alembic_version VALUES ('0001')", "records 2 schema revisions"),
        ("ALTER TABLE customer ADD COLUMN shoe_size INTEGER",
         "table customer has columns no FINQR ledger of revision .* has: shoe_size"),
        ("ALTER TABLE setting DROP COLUMN value", "table setting lacks columns of .*: value"),
    ],
)  # fmt: skip
def test_a_sqlite_file_of_another_shape_is_refused(ledger, tmp_path, damage, message):
    backup = _sqlite_backup(ledger, tmp_path)
    with sqlite3.connect(backup) as connection:
        connection.execute(damage)
    connection.close()
    before = all_rows(ledger)

    with pytest.raises(backup_check.NotALedger, match=message):
        restore.restore(ledger, backup, force=True)

    assert all_rows(ledger) == before
    assert not list((tmp_path / "b").glob("*before-restore*"))  # refused before backing up


@pytest.mark.sqlite_only
def test_a_damaged_sqlite_file_is_refused(ledger, tmp_path):
    backup = _sqlite_backup(ledger, tmp_path)
    data = bytearray(backup.read_bytes())
    data[4096 + 200 : 4096 * 3] = b"\xff" * (4096 * 2 - 200)  # scribble over table pages
    backup.write_bytes(bytes(data))

    with pytest.raises(backup_check.NotALedger, match="damaged|cannot be read"):
        restore.restore(ledger, backup, force=True)


@pytest.mark.sqlite_only
def test_an_older_backup_is_migrated_to_the_current_schema(database, tmp_path):
    old = tmp_path / "old-ledger.sqlite3"
    _migrate_new_file_to(old, "0005")
    with sqlite3.connect(old) as connection:
        connection.execute("INSERT INTO setting (key, value) VALUES ('marker', '\"kept\"')")
    connection.close()

    result = restore.restore(database, old)

    assert result.revision == "0005" and result.migrated
    assert migrate.current_revision(database) == migrate.SCHEMA_HEAD
    assert all_rows(database)["setting"] == [("marker", "kept")]
    assert set(all_rows(database)) == backup_check.expected_tables(migrate.SCHEMA_HEAD)
    with sqlite3.connect(old) as connection:  # the user's file itself is left as it was
        versions = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    connection.close()
    assert versions == [("0005",)]


def _migrate_new_file_to(path, revision):
    from alembic import command

    from finqr_desktop.storage.database import Database

    database = Database(f"sqlite:///{path}")
    config = migrate.alembic_config()
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    database.dispose()


@pytest.mark.sqlite_only
def test_a_restore_reaches_connections_that_were_open(demo, tmp_path):
    """The file is overwritten in place: a second instance's engine sees the restored
    ledger without reopening it."""
    other = open_ledger(demo.url)
    try:
        backup = backups.back_up(demo, folder=tmp_path)
        before = all_rows(other)
        issue_new(other, customer="1001")
        restore.restore(demo, backup, force=True)
        assert all_rows(other) == before
    finally:
        other.dispose()


def test_known_revisions_are_the_whole_history():
    revisions = backup_check.known_revisions()
    assert revisions[0] == "0001" and revisions[-1] == migrate.SCHEMA_HEAD
    assert "setting" in backup_check.expected_tables("0001")
    assert "payment" not in backup_check.expected_tables("0005")
    assert "payment" in backup_check.expected_tables("0006")


@pytest.mark.sqlite_only
def test_a_ledger_copied_by_hand_with_its_wal_restores_what_the_wal_holds(database, tmp_path):
    import shutil

    from finqr_desktop.services import company as company_service

    from ..conftest import sample_company

    source = tmp_path / "other" / "finqr.sqlite3"
    other = open_ledger(f"sqlite:///{source}")
    try:
        with other.writing() as session:
            company_service.save_company(session, sample_company())
        wal = source.with_name(source.name + "-wal")
        assert wal.stat().st_size > 0  # the app is still open: the company is in the WAL
        moved = tmp_path / "moved"
        moved.mkdir()
        shutil.copyfile(source, moved / source.name)
        shutil.copyfile(wal, moved / wal.name)
    finally:
        other.dispose()

    result = restore.restore(database, moved / source.name)

    assert [row[1] for row in all_rows(database)["company"]] == ["Exempel Handel AB"]
    assert result.wal_read == moved / wal.name  # the CLI says it read it


def test_a_folder_is_named_as_a_folder(database, tmp_path):
    with pytest.raises(RuleViolation, match=f"{tmp_path} is a folder, not a backup file"):
        restore.restore(database, tmp_path)


@pytest.mark.sqlite_only
def test_a_killed_restores_working_folder_is_removed_by_the_next(ledger, tmp_path):
    import os

    backup = _sqlite_backup(ledger, tmp_path)
    beside = ledger.sqlite_path.parent
    killed = beside / f"{restore.WORK_PREFIX}999999999-abc"  # no process has that id
    running = beside / f"{restore.WORK_PREFIX}{os.getpid()}-def"  # this one runs
    for folder in (killed, running):
        folder.mkdir()
        (folder / "restoring.sqlite3").write_bytes(b"half a copy")

    restore.restore(ledger, backup, force=True)

    assert not killed.exists() and running.is_dir()
    assert sorted(beside.glob(f"{restore.WORK_PREFIX}*")) == [running]


@pytest.fixture
def postgres_only():
    if not on_postgres():
        pytest.skip("a pg_dump file: the PostgreSQL run")


def test_an_older_postgres_dump_is_migrated_after_restore(postgres_only, database, tmp_path):
    import os
    import uuid

    from alembic import command
    from sqlalchemy import create_engine, text

    from finqr_desktop.storage import pg_tools
    from finqr_desktop.storage.database import Database

    from ..conftest import POSTGRES_ENV

    admin_url = os.environ[POSTGRES_ENV]
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"finqr_old_{uuid.uuid4().hex[:8]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        from sqlalchemy.engine import make_url

        old = Database(make_url(admin_url).set(database=name).render_as_string(False))
        config = migrate.alembic_config()
        with old.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0005")
            connection.execute(text("INSERT INTO setting (key, value) VALUES ('marker', '1')"))
        dump = pg_tools.dump(old.url, tmp_path / "old.dump")
        old.dispose()
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    result = restore.restore(database, dump)

    assert result.revision == "0005" and result.migrated
    assert migrate.current_revision(database) == migrate.SCHEMA_HEAD
    assert all_rows(database)["setting"] == [("marker", 1)]
    assert set(all_rows(database)) == backup_check.expected_tables(migrate.SCHEMA_HEAD)


def test_a_dump_with_objects_finqr_never_makes_is_refused(postgres_only, ledger, tmp_path):
    from sqlalchemy import text

    with ledger.engine.begin() as connection:
        connection.execute(
            text("CREATE FUNCTION surprise() RETURNS integer LANGUAGE sql AS 'SELECT 1'")
        )
    dump = backups.back_up(ledger, folder=tmp_path)
    with pytest.raises(backup_check.NotALedger, match=r"holds a FUNCTION \(surprise"):
        restore.restore(ledger, dump, force=True)
