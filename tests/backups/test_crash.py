"""A process killed with SIGKILL in the middle of issuing 1,000 invoices loses nothing it
committed and leaves nothing half-written: the database is sound, the numbers have no gaps,
every issued invoice is complete and every draft is still a plain draft."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from finqr_desktop.storage.models import InvoiceRow

from ..conftest import on_postgres
from .consistency import assert_sound, kill, make_drafts, start_worker, wait_for

DRAFTS = 1000
KILL_AFTER = 300


def test_a_kill_mid_issue_leaves_a_sound_gapless_ledger(ledger, database_url):
    make_drafts(ledger, DRAFTS)
    ledger.dispose()

    worker = start_worker(database_url)
    reported = wait_for(worker, KILL_AFTER)
    kill(worker)

    assert KILL_AFTER <= reported < DRAFTS
    issued = assert_sound(ledger, sqlite=not on_postgres())
    # Everything reported committed is there; at most the block in flight is more.
    assert reported <= issued <= reported + 20
    with ledger.reading() as session:
        assert session.scalar(select(func.count()).select_from(InvoiceRow)) == DRAFTS


@pytest.mark.sqlite_only
def test_the_worker_left_alone_issues_every_draft(ledger, database_url):
    """The same worker, not killed, issues them all: the kill test above stops a real run."""
    make_drafts(ledger, 60)
    ledger.dispose()
    worker = start_worker(database_url)
    out, err = worker.communicate(timeout=120)
    assert worker.returncode == 0, err
    assert out.splitlines()[-1] == "committed 60"
    assert assert_sound(ledger, sqlite=True) == 60
