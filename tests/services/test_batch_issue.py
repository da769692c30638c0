"""Issuing selected drafts one transaction each: a stop keeps what was issued, gapless."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from finqr_desktop.services.batch_issue import issue_drafts
from finqr_desktop.services.cancelling import CancelToken
from finqr_desktop.storage.models import InvoiceRow

from .helpers import create_draft, issue_new

MOMENT = dt.datetime(2026, 12, 4, 9)


def _numbers(database, ids):
    with database.reading() as session:
        rows = session.scalars(select(InvoiceRow).where(InvoiceRow.id.in_(ids))).all()
        return {row.id: row.number for row in rows}


def test_all_drafts_are_issued_in_the_given_order_with_steps(ledger):
    ids = [create_draft(ledger) for _ in range(4)]
    steps = []
    result = issue_drafts(ledger, ids, now=MOMENT, progress=steps.append)
    assert result.numbers == ["2026-0001", "2026-0002", "2026-0003", "2026-0004"]
    assert not result.cancelled and result.left == 0
    assert _numbers(ledger, ids) == dict(zip(ids, result.numbers, strict=True))
    assert [(s.done, s.total) for s in steps] == [(0, 4), (1, 4), (2, 4), (3, 4), (4, 4)]
    assert steps[0].what  # the customer's name, for "Issuing invoice 1 of 4: …"


def test_cancel_stops_after_the_invoice_in_progress_and_keeps_the_issued(ledger):
    ids = [create_draft(ledger) for _ in range(5)]
    cancel = CancelToken()

    def progress(step):
        if step.done == 2:  # the clerk presses Cancel while the third invoice is issued
            cancel.request()

    result = issue_drafts(ledger, ids, now=MOMENT, cancel=cancel, progress=progress)
    assert result.cancelled
    assert result.numbers == ["2026-0001", "2026-0002", "2026-0003"]
    numbers = _numbers(ledger, ids)
    assert [numbers[i] for i in ids] == ["2026-0001", "2026-0002", "2026-0003", None, None]
    # The next invoice continues the series without a gap.
    assert issue_new(ledger) == "2026-0004"


def test_a_draft_that_cannot_be_issued_stops_the_batch_and_is_named(ledger):
    first, second = create_draft(ledger), create_draft(ledger)
    issued_before = create_draft(ledger)
    issue_drafts(ledger, [issued_before], now=MOMENT)  # 2026-0001, no longer a draft
    last = create_draft(ledger)
    result = issue_drafts(ledger, [first, issued_before, second, last], now=MOMENT)
    assert result.numbers == ["2026-0002"]
    assert result.failed_draft == issued_before
    assert "2026-0001 is issued" in result.failure
    numbers = _numbers(ledger, [first, second, last])
    assert numbers == {first: "2026-0002", second: None, last: None}
    assert result.left == 3


def test_a_cancel_before_the_start_issues_nothing(ledger):
    ids = [create_draft(ledger) for _ in range(2)]
    cancel = CancelToken()
    cancel.request()
    result = issue_drafts(ledger, ids, cancel=cancel)
    assert result.cancelled and result.numbers == []
    assert set(_numbers(ledger, ids).values()) == {None}
