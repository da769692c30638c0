"""Ledgers of the same name share a backup folder without their backups mixing: each lists,
counts and prunes only its own, and a file named before names carried a key is never
pruned."""

from __future__ import annotations

import datetime as dt

import pytest

from finqr_desktop.services import backups
from finqr_desktop.services.backups import BackupSettings
from finqr_desktop.storage import ledger_identity, migrate
from finqr_desktop.storage.database import Database

pytestmark = pytest.mark.sqlite_only

START = dt.datetime(2026, 12, 1, 8, 0)


def _ledger(path, folder, keep=2) -> Database:
    database = Database(f"sqlite:///{path}")
    migrate.upgrade(database)
    with database.writing() as session:
        backups.save_settings(session, BackupSettings(keep=keep, folder=str(folder)))
    return database


@pytest.mark.parametrize(
    ("first", "second"),
    [("finqr.sqlite3", "finqr.db"), ("Bäck AB.sqlite3", "Böck AB.sqlite3")],
)
def test_two_ledgers_of_one_name_keep_their_own_backups(tmp_path, first, second):
    folder = tmp_path / "backups"
    one, other = _ledger(tmp_path / first, folder), _ledger(tmp_path / second, folder)
    try:
        assert backups.ledger_name(one) != backups.ledger_name(other)
        ones = [
            backups.daily_backup_if_due(one, now=START + dt.timedelta(days=d)) for d in range(4)
        ]
        # The other ledger's backup is due although one was taken into the folder today.
        others = [backups.daily_backup_if_due(other, now=START + dt.timedelta(days=3))]

        assert None not in ones and None not in others
        assert sorted(folder.iterdir()) == sorted([*ones[-2:], *others])
        assert [b.path for b in backups.backups_in(folder, backups.ledger_name(one))] == ones[-2:]
        assert [b.path for b in backups.backups_in(folder, backups.ledger_name(other))] == others
    finally:
        one.dispose()
        other.dispose()


def test_a_postgresql_ledger_and_the_default_sqlite_one_differ():
    sqlite = ledger_identity.backup_stem("sqlite:////home/clerk/.local/share/finqr.sqlite3")
    server = ledger_identity.backup_stem("postgresql+psycopg://clerk:pw@127.0.0.1/finqr")
    assert sqlite.startswith("finqr-") and server.startswith("finqr-") and sqlite != server
    # The key names the database, not who logs in with which password.
    assert server == ledger_identity.backup_stem("postgresql://other:x@127.0.0.1:5432/finqr")


def test_a_backup_of_the_older_name_is_listed_but_never_pruned(tmp_path):
    folder = tmp_path / "backups"
    ledger = _ledger(tmp_path / "finqr.sqlite3", folder, keep=1)
    try:
        folder.mkdir()
        older = folder / "finqr-0009-20261101-080000-auto.sqlite3"
        older.write_bytes(b"maybe another ledger's")
        taken = [
            backups.daily_backup_if_due(ledger, now=START + dt.timedelta(days=d)) for d in range(2)
        ]

        assert sorted(folder.iterdir()) == sorted([older, taken[-1]])
        listed = backups.backups_in(folder, backups.ledger_name(ledger), older_names=True)
        assert [(b.path, b.older_name) for b in listed] == [(older, True), (taken[-1], False)]
    finally:
        ledger.dispose()
