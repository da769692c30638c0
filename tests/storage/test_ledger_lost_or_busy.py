"""A write to a ledger whose file vanished, or that another program keeps locked, is
refused with a sentence that says so, and nothing of it is written."""

from __future__ import annotations

import sqlite3

import pytest

from finqr_desktop.services import customers as customer_service
from finqr_desktop.services.ledger import open_ledger
from finqr_desktop.storage import database as storage

from ..conftest import sample_customers


def _customer_count(path) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT count(*) FROM customer").fetchone()[0]


@pytest.mark.sqlite_only
def test_a_write_after_the_file_was_deleted_is_refused(tmp_path):
    path = tmp_path / "ledger.sqlite3"
    ledger = open_ledger(f"sqlite:///{path}")
    try:
        for name in ("ledger.sqlite3", "ledger.sqlite3-wal", "ledger.sqlite3-shm"):
            (tmp_path / name).unlink(missing_ok=True)
        with pytest.raises(storage.LedgerGone) as caught:
            with ledger.writing() as session:
                customer_service.add_customer(session, sample_customers()[0])
        assert str(path) in str(caught.value) and "nothing was saved" in str(caught.value)
        assert not path.exists()  # not created again behind the clerk's back
    finally:
        ledger.dispose()


@pytest.mark.sqlite_only
def test_a_ledger_locked_past_the_timeout_refuses_the_write_and_keeps_nothing(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(storage, "BUSY_TIMEOUT_MS", 200)
    path = tmp_path / "ledger.sqlite3"
    ledger = open_ledger(f"sqlite:///{path}")
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")
        with pytest.raises(storage.LedgerBusy) as caught:
            with ledger.writing() as session:
                customer_service.add_customer(session, sample_customers()[0])
        assert "the ledger is busy" in str(caught.value)
        other.execute("ROLLBACK")
        assert _customer_count(path) == 0
        with ledger.writing() as session:  # once the other program lets go, writing works
            customer_service.add_customer(session, sample_customers()[0])
        assert _customer_count(path) == 1
    finally:
        other.close()
        ledger.dispose()
