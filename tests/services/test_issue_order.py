"""Invoice numbers follow the dates within a number series, and a past due date is told."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from finqr_desktop.services import invoices
from finqr_desktop.services.issue_order import OutOfDateOrder, date_today, due_date_passed
from finqr_desktop.storage.models import InvoiceRow

from .helpers import create_draft

NOW = dt.datetime(2026, 12, 4, 9, 0)


def issue(database, day: str, **overrides) -> str:
    draft = create_draft(database, issue_date=day, **overrides)
    with database.writing() as session:
        return invoices.issue_invoice(session, draft, now=NOW).number


def issued(database) -> list[tuple]:
    with database.reading() as session:
        return session.execute(
            select(InvoiceRow.number, InvoiceRow.issue_date)
            .where(InvoiceRow.is_draft.is_(False))
            .order_by(InvoiceRow.number)
        ).all()


def test_an_invoice_dated_before_an_issued_one_is_refused_and_nothing_is_written(ledger):
    assert issue(ledger, "2026-12-04") == "2026-0001"
    draft = create_draft(ledger, issue_date="2026-10-15")

    with pytest.raises(OutOfDateOrder) as refused, ledger.writing() as session:
        invoices.issue_invoice(session, draft, now=NOW)

    assert str(refused.value) == (
        "the invoice is dated 2026-10-15, but 2026-0001 of the same number series is "
        "already issued dated 2026-12-04: numbers must follow the dates. Date it 2026-12-04 "
        "or later, or issue it with today's date, 2026-12-04"
    )
    assert (refused.value.number, refused.value.latest) == ("2026-0001", dt.date(2026, 12, 4))
    assert issued(ledger) == [("2026-0001", dt.date(2026, 12, 4))]
    with ledger.reading() as session:
        record = session.get(InvoiceRow, draft)
        assert record.is_draft and record.number is None
        assert session.scalar(select(func.count()).select_from(InvoiceRow)) == 2

    # The way out: the draft dated today takes the next number.
    with ledger.writing() as session:
        date_today(session, draft, dt.date(2026, 12, 4))
        record = invoices.issue_invoice(session, draft, now=NOW)
        assert (record.number, record.issue_date) == ("2026-0002", dt.date(2026, 12, 4))
        assert record.due_date == dt.date(2027, 1, 3)  # 30 days from today, not from October


def test_the_same_day_and_later_days_are_in_order(ledger):
    assert [issue(ledger, day) for day in ("2026-11-02", "2026-11-02", "2026-11-20")] == [
        "2026-0001",
        "2026-0002",
        "2026-0003",
    ]


def test_a_series_that_restarts_yearly_is_in_order_per_year(ledger):
    issue(ledger, "2026-01-10")
    # December's invoice of the year before continues that year's numbers: still in order.
    assert issue(ledger, "2025-12-30") == "2025-0001"
    with pytest.raises(OutOfDateOrder):
        issue(ledger, "2026-01-09")


def test_a_later_invoice_dated_ahead_leaves_no_way_out_through_today(ledger):
    issue(ledger, "2026-12-20")
    with pytest.raises(OutOfDateOrder) as refused:
        issue(ledger, "2026-12-04")
    assert str(refused.value).endswith(
        "numbers must follow the dates. Date it 2026-12-20 or later"
    )


def test_a_batch_out_of_date_order_is_refused_whole(ledger):
    drafts = [create_draft(ledger, issue_date=day) for day in ("2026-11-01", "2026-11-20")]
    late = create_draft(ledger, issue_date="2026-11-10")
    with pytest.raises(OutOfDateOrder) as refused, ledger.writing() as session:
        list(invoices.issue_invoices(session, [*drafts, late], now=NOW))
    assert "an invoice of this batch" in str(refused.value)
    assert issued(ledger) == []

    with ledger.writing() as session:
        list(invoices.issue_invoices(session, [drafts[0], late, drafts[1]], now=NOW))
    assert [day.day for _number, day in issued(ledger)] == [1, 10, 20]


def test_a_due_date_already_past_at_issue_is_told():
    today = dt.date(2026, 12, 4)
    assert due_date_passed(dt.date(2026, 10, 25), today) == (
        "the due date 2026-10-25 has already passed on the day of issue, 2026-12-04: the "
        "customer is asked to pay by a day that is gone"
    )
    assert due_date_passed(today, today) is None
    assert due_date_passed(None, today) is None
