"""A restore keeps other programs' writes out from the safety backup to the end of the
overwrite: a write is in the safety backup, in the restored ledger, or was held off, never
lost between the two. A program that holds the lock too long makes the restore refuse."""

from __future__ import annotations

import sqlite3

import pytest

from finqr_desktop.services import backups, restore
from finqr_desktop.storage import sqlite_replace

from .ledger_rows import all_rows

pytestmark = pytest.mark.sqlite_only

MARKER = "written-by-another-program"


def _marker_in(path) -> bool:
    connection = sqlite3.connect(path)
    try:
        found = connection.execute("SELECT 1 FROM setting WHERE key = ?", (MARKER,)).fetchall()
        return bool(found)
    finally:
        connection.close()


def test_a_write_between_safety_backup_and_overwrite_is_never_lost(ledger, tmp_path, monkeypatch):
    saved = backups.back_up(ledger, folder=tmp_path / "saved")
    outcome = {}
    take_backup = backups.back_up

    def back_up_then_another_program_writes(database, **options):
        safety = take_backup(database, **options)
        other = sqlite3.connect(ledger.sqlite_path, timeout=0.2, isolation_level=None)
        try:
            other.execute("INSERT INTO setting (key, value) VALUES (?, '1')", (MARKER,))
            outcome["written"] = True
        except sqlite3.OperationalError as error:
            outcome["written"] = False
            outcome["error"] = str(error)
        finally:
            other.close()
        return safety

    monkeypatch.setattr(backups, "back_up", back_up_then_another_program_writes)
    result = restore.restore(ledger, saved, force=True)

    kept = _marker_in(ledger.sqlite_path) or _marker_in(result.safety_backup)
    assert kept or not outcome["written"], "the write landed in neither ledger"
    assert outcome == {"written": False, "error": "database is locked"}


def test_a_restore_refuses_while_another_program_holds_the_lock(ledger, tmp_path, monkeypatch):
    saved = backups.back_up(ledger, folder=tmp_path / "saved")
    before = all_rows(ledger)
    monkeypatch.setattr(sqlite_replace, "LOCK_WAIT_SECONDS", 0.1)
    other = sqlite3.connect(ledger.sqlite_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(sqlite_replace.LedgerBusy, match="another program is writing"):
            restore.restore(ledger, saved, force=True)
    finally:
        other.execute("ROLLBACK")
        other.close()

    assert all_rows(ledger) == before
    assert not list((tmp_path / "saved").glob("*before-restore*"))
    assert not list(ledger.sqlite_path.parent.glob("backups/*before-restore*"))
