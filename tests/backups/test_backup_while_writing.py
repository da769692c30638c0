"""A backup taken while another process issues invoices is a consistent ledger: the online
backup (SQLite) and pg_dump both copy one snapshot, never a commit halfway."""

from __future__ import annotations

import os

from finqr_desktop.services import backups, restore
from finqr_desktop.storage.database import Database

from ..conftest import POSTGRES_ENV, on_postgres
from .consistency import assert_sound, kill, make_drafts, start_worker, wait_for


def test_backups_taken_while_another_process_issues_are_consistent(
    ledger, database_url, tmp_path, request
):
    make_drafts(ledger, 600)
    worker = start_worker(database_url)
    taken = []
    try:
        reported = wait_for(worker, 20)
        for _ in range(3):
            taken.append(backups.back_up(ledger, folder=tmp_path / "backups"))
            reported = wait_for(worker, reported + 40)
        assert worker.poll() is None, "the worker must still be writing at the last backup"
    finally:
        kill(worker)

    counts = [_issued_in(backup, tmp_path, request) for backup in taken]
    assert counts == sorted(counts) and counts[0] >= 20 and counts[-1] < 600
    assert_sound(ledger, sqlite=not on_postgres())


def _issued_in(backup, tmp_path, request) -> int:
    """Restore ``backup`` into a ledger of its own and check it whole."""
    if on_postgres():
        from ..postgres import fresh_database

        url, drop = fresh_database(os.environ[POSTGRES_ENV])
        request.addfinalizer(drop)
    else:
        url = f"sqlite:///{tmp_path / ('check-' + backup.name)}"
    target = Database(url)
    try:
        from finqr_desktop.storage import migrate

        migrate.upgrade(target)
        restore.restore(target, backup)
        return assert_sound(target, sqlite=not on_postgres())
    finally:
        target.dispose()
