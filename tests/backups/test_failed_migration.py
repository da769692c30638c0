"""A migration starts from a fresh backup, and one that fails halfway changes nothing."""

from __future__ import annotations

import logging
import shutil

import pytest
from sqlalchemy import inspect

from finqr_desktop.services import backups
from finqr_desktop.storage import backup_check, migrate, pg_tools

from ..conftest import on_postgres
from ..services.helpers import issue_new
from .ledger_rows import all_rows

HEAD = migrate.SCHEMA_HEAD  # the real one, before a test puts a broken migration on top

BROKEN = '''"""a migration that fails halfway (test only)"""

import sqlalchemy as sa
from alembic import op

revision = "0999"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("half_done", sa.Column("id", sa.Integer(), primary_key=True))
    op.add_column("setting", sa.Column("extra", sa.Integer(), nullable=True))
    op.execute("UPDATE invoice SET notes = 'touched by the broken migration'")
    op.execute("DELETE FROM invoice_line")
    raise RuntimeError("the migration broke halfway")


def downgrade() -> None:
    pass
'''


@pytest.fixture
def broken_migration(tmp_path, monkeypatch):
    """The real migrations plus one more on top that raises after changing things."""
    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "0999_broken.py").write_text(BROKEN.format(head=migrate.SCHEMA_HEAD))
    monkeypatch.setattr(migrate, "MIGRATIONS", scripts)
    monkeypatch.setattr(migrate, "SCHEMA_HEAD", "0999")
    return scripts


def _schema(database) -> dict[str, list[str]]:
    inspector = inspect(database.engine)
    return {t: [c["name"] for c in inspector.get_columns(t)] for t in inspector.get_table_names()}


def test_a_failed_migration_leaves_the_database_as_it_was(ledger, broken_migration, tmp_path):
    issue_new(ledger, customer="1001")
    issue_new(ledger, customer="1002")
    rows, schema = all_rows(ledger), _schema(ledger)
    head = HEAD

    with pytest.raises(RuntimeError, match="broke halfway"):
        migrate.upgrade(ledger, backup_dir=tmp_path / "before")

    assert migrate.current_revision(ledger) == head
    assert _schema(ledger) == schema and "half_done" not in _schema(ledger)
    assert all_rows(ledger) == rows
    # ...and it started from a backup that holds the ledger as it was.
    [backup] = (tmp_path / "before").iterdir()
    assert backup.name.endswith(".dump" if on_postgres() else ".sqlite3")
    assert f"-before-{head}-" in backup.name


@pytest.mark.sqlite_only
def test_the_sqlite_backup_before_a_migration_is_a_complete_ledger(
    ledger, broken_migration, tmp_path
):
    issue_new(ledger, customer="1001")
    with pytest.raises(RuntimeError):
        migrate.upgrade(ledger, backup_dir=tmp_path / "before")
    [backup] = (tmp_path / "before").iterdir()
    assert backup_check.check_sqlite(backup) == HEAD


def test_without_pg_dump_a_migration_says_it_has_no_backup(
    ledger, broken_migration, tmp_path, monkeypatch, caplog
):
    if not on_postgres():
        pytest.skip("pg_dump backs up PostgreSQL ledgers only")
    monkeypatch.setattr(pg_tools, "find", lambda program: None)
    caplog.set_level(logging.WARNING, logger="finqr_desktop.storage.migrate")

    with pytest.raises(RuntimeError):
        migrate.upgrade(ledger, backup_dir=tmp_path / "before")

    assert "pg_dump is not on PATH" in caplog.text and "WITHOUT a backup" in caplog.text
    assert not (tmp_path / "before").exists()


def test_without_pg_dump_a_backup_is_refused_with_advice(database, monkeypatch, tmp_path):
    if not on_postgres():
        pytest.skip("pg_dump backs up PostgreSQL ledgers only")
    monkeypatch.setattr(pg_tools, "find", lambda program: None)
    with pytest.raises(pg_tools.ToolMissing, match="pg_dump is not on PATH.*postgresql-client"):
        backups.back_up(database, folder=tmp_path)
