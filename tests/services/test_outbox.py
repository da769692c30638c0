"""The outbox on a real database: enqueue once, claim once, leases, backoff, history."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, insert, select, update

from finqr_desktop.services import outbox
from finqr_desktop.services.reminder_queue import queue
from finqr_desktop.storage.models import InvoiceRow, MessageLogRow, OutboxRow

from .helpers import issue_new

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = dt.datetime(2026, 12, 4, 10, 0, tzinfo=STOCKHOLM)
TODAY = NOW.date()


def overdue_invoice(database, due="2026-10-23") -> int:
    number = issue_new(database, issue_date="2026-09-01")
    with database.writing() as session:
        record = session.scalar(select(InvoiceRow).where(InvoiceRow.number == number))
        record.due_date = dt.date.fromisoformat(due)
        return record.id


def rows(database) -> list:
    """The outbox as plain rows, readable after the session is gone."""
    with database.reading() as session:
        return session.execute(select(OutboxRow.__table__).order_by(OutboxRow.id)).all()


def claim(database, owner="worker", now=NOW, lease_seconds=300):
    with database.writing() as session:
        return outbox.claim_next(session, owner, now, lease_seconds)


def test_enqueue_twice_inserts_once(ledger):
    overdue_invoice(ledger)
    overdue_invoice(ledger, "2026-11-02")
    overdue_invoice(ledger, "2026-11-30")  # level 1 falls on 8 December: not due yet
    with ledger.writing() as session:
        first = outbox.enqueue_due(session, NOW, "manual")
    with ledger.writing() as session:
        second = outbox.enqueue_due(session, NOW, "manual")
    assert (first.inserted, second.inserted) == (2, 0)
    assert [(r.kind, r.level, r.status) for r in rows(ledger)] == [("reminder", 1, "pending")] * 2


def test_manual_mode_sends_only_what_was_approved(ledger):
    overdue_invoice(ledger)
    with ledger.writing() as session:
        outbox.enqueue_due(session, NOW, "manual")
    assert claim(ledger) is None
    with ledger.writing() as session:
        items = queue(session, TODAY)
        assert [item.status for item in items] == ["pending"]
        assert outbox.approve(session, items) == 1
    claimed = claim(ledger)
    assert claimed is not None and (claimed.kind, claimed.level) == ("reminder", 1)
    assert claimed.attempts == 1 and (str(claimed.fee), str(claimed.compensation)) == (
        "0.00",
        "450.00",
    )


def test_automatic_mode_approves_at_once(ledger):
    overdue_invoice(ledger)
    with ledger.writing() as session:
        outbox.enqueue_due(session, NOW, "automatic")
    assert claim(ledger) is not None


def test_sent_adds_the_level_and_failure_does_not(ledger):
    invoice_id = overdue_invoice(ledger)
    with ledger.writing() as session:
        outbox.enqueue_due(session, NOW, "automatic")
    first = claim(ledger)
    with ledger.writing() as session:
        outbox.mark_failed(session, first.outbox_id, "550 mailbox unavailable", permanent=True,
                           now=NOW)  # fmt: skip
    assert claim(ledger, now=NOW + dt.timedelta(days=1)) is None
    with ledger.reading() as session:
        (item,) = queue(session, TODAY)
    assert (item.level, item.status) == (1, "failed")

    with ledger.writing() as session:
        outbox.approve(session, [first.outbox_id])
    again = claim(ledger)
    with ledger.writing() as session:
        outbox.mark_sent(session, again.outbox_id, "<m1@finqr>", ["ekonomi@nilsson.example"],
                         NOW)  # fmt: skip
    with ledger.reading() as session:
        log = session.execute(
            select(MessageLogRow.status, MessageLogRow.message_id)
            .where(MessageLogRow.invoice_id == invoice_id)
            .order_by(MessageLogRow.id)
        ).all()
        (item,) = queue(session, TODAY)
    assert log == [("failed", ""), ("sent", "<m1@finqr>")]
    assert item.level == 2 and item.status is None


def test_temporary_failure_backs_off_exponentially(ledger):
    overdue_invoice(ledger)
    with ledger.writing() as session:
        outbox.enqueue_due(session, NOW, "automatic")
    at = NOW
    for attempt, pause in enumerate([60, 120, 240, 480], start=1):
        claimed = claim(ledger, now=at)
        assert claimed is not None and claimed.attempts == attempt
        with ledger.writing() as session:
            outbox.mark_failed(session, claimed.outbox_id, "421 try later", permanent=False,
                               now=at)  # fmt: skip
        (row,) = rows(ledger)
        assert row.status == "approved"
        assert row.next_attempt_at == outbox.utc(at) + dt.timedelta(seconds=pause)
        assert claim(ledger, now=at + dt.timedelta(seconds=pause - 1)) is None
        at += dt.timedelta(seconds=pause)
    assert outbox.backoff(20) == dt.timedelta(hours=1)


def test_an_expired_lease_lets_a_crashed_claim_be_taken_again(ledger):
    overdue_invoice(ledger)
    with ledger.writing() as session:
        outbox.enqueue_due(session, NOW, "automatic")
    crashed = claim(ledger, "crashed", lease_seconds=60)
    assert claim(ledger, "other", now=NOW + dt.timedelta(seconds=59)) is None
    retaken = claim(ledger, "other", now=NOW + dt.timedelta(seconds=61))
    assert retaken.outbox_id == crashed.outbox_id and retaken.attempts == 2
    (row,) = rows(ledger)
    assert row.lease_owner == "other"


def test_a_reminder_paid_after_approval_is_not_claimed(ledger):
    invoice_id = overdue_invoice(ledger)
    with ledger.writing() as session:
        outbox.enqueue_due(session, NOW, "automatic")
        session.execute(
            update(InvoiceRow)
            .where(InvoiceRow.id == invoice_id)
            .values(paid_minor=InvoiceRow.total_minor)
        )
    assert claim(ledger) is None


def test_skip_and_postpone_show_in_the_queue(ledger):
    first, second = overdue_invoice(ledger), overdue_invoice(ledger, "2026-11-02")
    with ledger.writing() as session:
        outbox.skip(session, first, 1, "paid in cash at the counter")
        outbox.postpone(session, second, 1, dt.date(2026, 12, 10))
    with ledger.writing() as session:
        items = {item.invoice_id: item for item in queue(session, TODAY)}
        assert outbox.enqueue_due(session, NOW, "automatic").inserted == 0
    assert (items[first].status, items[first].skip_reason) == (
        "skipped",
        "paid in cash at the counter",
    )
    assert items[second].status == "postponed"
    assert items[second].send_at == dt.datetime(2026, 12, 10, 9, tzinfo=STOCKHOLM)
    assert claim(ledger) is None
    later = NOW + dt.timedelta(days=6)
    with ledger.writing() as session:
        expected = {i.invoice_id: i for i in queue(session, later.date())}[second]
        released = outbox.enqueue_due(session, later, "automatic")
    assert released.released == 1
    claimed = claim(ledger, now=later)
    assert claimed.invoice_id == second
    # It says what is owed on the day it goes: interest up to then, the fee it carries.
    assert (claimed.interest, claimed.fee + claimed.compensation) == (
        expected.interest,
        expected.fee + expected.compensation,
    )
    assert claimed.interest > items[second].interest > 0


def test_a_skipped_reminder_approved_later_carries_its_fee_and_interest(ledger):
    invoice_id = overdue_invoice(ledger)
    with ledger.writing() as session:
        outbox.skip(session, invoice_id, 1, "phoned, they will pay")
    with ledger.writing() as session:
        (item,) = queue(session, TODAY)
        assert outbox.approve(session, [item]) == 1
    claimed = claim(ledger)
    assert claimed.interest == item.interest > 0
    assert claimed.compensation == item.compensation > 0


@pytest.mark.parametrize("batch", [1, 3, 7])
@pytest.mark.parametrize("round_", range(3))
def test_two_claimers_never_claim_the_same_row(ledger, round_, batch):
    invoice_id = overdue_invoice(ledger)
    planned = outbox.utc(NOW)
    with ledger.writing() as session:
        session.execute(
            insert(OutboxRow),
            [
                {"invoice_id": invoice_id, "kind": "reminder", "level": level,
                 "planned_at": planned, "status": "approved"}
                for level in range(1, 41)
            ],
        )  # fmt: skip
    claimed: dict[str, list[int]] = {"a": [], "b": []}
    errors = []
    start = threading.Barrier(2)

    def work(owner: str) -> None:
        try:
            start.wait()
            while True:
                with ledger.writing() as session:
                    items = outbox.claim_batch(session, owner, NOW, batch)
                if not items:
                    break
                claimed[owner] += [item.outbox_id for item in items]
        except Exception as error:  # reported below, on the test's thread
            errors.append(error)

    threads = [threading.Thread(target=work, args=(owner,)) for owner in claimed]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    every = claimed["a"] + claimed["b"]
    assert len(every) == len(set(every)) == 40
    with ledger.reading() as session:
        assert session.scalar(select(func.count()).where(OutboxRow.status == "claimed")) == 40


def test_a_batch_is_claimed_oldest_planned_first_and_only_what_is_due(ledger):
    invoice_id = overdue_invoice(ledger)
    planned = outbox.utc(NOW)
    hour = dt.timedelta(hours=1)
    with ledger.writing() as session:
        session.execute(
            insert(OutboxRow),
            [
                {"invoice_id": invoice_id, "kind": "reminder", "level": level,
                 "planned_at": planned - offset * hour, "status": "approved"}
                for level, offset in ((1, 1), (2, 3), (3, 2), (4, -1))
            ],
        )  # fmt: skip
    with ledger.writing() as session:
        first = outbox.claim_batch(session, "worker", NOW, 2)
    with ledger.writing() as session:
        rest = outbox.claim_batch(session, "worker", NOW, 5)
    # Level 4 is planned an hour from now: not due, not claimed.
    assert [c.level for c in first] == [2, 3] and [c.level for c in rest] == [1]
    assert all(c.attempts == 1 and c.lease_until > NOW for c in first + rest)
    statuses = {r.level: r.status for r in rows(ledger)}
    assert statuses == {1: "claimed", 2: "claimed", 3: "claimed", 4: "approved"}


def test_reminders_wait_outside_the_send_window_whatever_their_planned_time(ledger):
    invoice_id = overdue_invoice(ledger)
    with ledger.writing() as session:
        outbox.enqueue_due(session, NOW, "automatic")
        outbox.enqueue_invoice(session, invoice_id, NOW)
    saturday = dt.datetime(2026, 12, 5, 11, 0, tzinfo=STOCKHOLM)
    early = dt.datetime(2026, 12, 7, 7, 30, tzinfo=STOCKHOLM)  # Monday, before 09:00
    for moment in (saturday, early):
        with ledger.writing() as session:
            assert outbox.in_send_window(session, moment) is False
    # The invoice's own e-mail is no reminder: it goes at once, the reminder waits.
    sent = claim(ledger, now=saturday)
    assert sent.kind == "invoice"
    with ledger.writing() as session:
        outbox.mark_sent(session, sent.outbox_id, "<x@exempel.se>", ["a@b.se"], saturday)
    assert claim(ledger, now=saturday) is None
    assert claim(ledger, now=early) is None
    # Open on Monday, but the reminder keeps its 5 days' gap after the invoice e-mail.
    monday = dt.datetime(2026, 12, 7, 9, 0, tzinfo=STOCKHOLM)
    assert claim(ledger, now=monday) is None
    thursday = dt.datetime(2026, 12, 10, 9, 0, tzinfo=STOCKHOLM)
    assert claim(ledger, now=thursday).kind == "reminder"


def give_credit(database, invoice_id: int, minor: int, currency: str = "SEK") -> None:
    """An unplaced payment of ``minor`` turned into the invoice's customer's credit."""
    from finqr_desktop.services import customer_credit, payments

    with database.writing() as session:
        customer_id = session.get(InvoiceRow, invoice_id).customer_id
        payment = payments.new_payment(
            session, payment_date=TODAY, amount_minor=minor, currency=currency
        )
        customer_credit.payment_to_credit(session, payment.id, customer_id)


def test_a_customer_holding_credit_is_not_reminded_without_review(ledger):
    held = overdue_invoice(ledger)
    other = overdue_invoice(ledger, "2026-11-02")
    give_credit(ledger, held, 5000)
    with ledger.reading() as session:
        credits = {item.invoice_id: item.customer_credit for item in queue(session, TODAY)}
    # The helper's invoices share one customer: both carry the same credit.
    assert credits == {held: Decimal("50.00"), other: Decimal("50.00")}

    with ledger.writing() as session:
        outbox.enqueue_due(session, NOW, "automatic")
    assert [(r.status, "50.00 SEK credit" in r.skip_reason) for r in rows(ledger)] == [
        ("pending", True)
    ] * 2
    # A second pass in automatic mode still leaves them for the clerk.
    with ledger.writing() as session:
        outbox.enqueue_due(session, NOW, "automatic")
    assert claim(ledger) is None

    with ledger.writing() as session:
        (item,) = [i for i in queue(session, TODAY) if i.invoice_id == held]
        outbox.approve(session, [item])
    claimed = claim(ledger)
    assert claimed is not None and claimed.invoice_id == held
    approved = [r for r in rows(ledger) if r.invoice_id == held]
    assert [(r.status, r.skip_reason) for r in approved] == [("claimed", "")]


def test_credit_in_another_currency_does_not_hold_a_reminder(ledger):
    invoice_id = overdue_invoice(ledger)
    give_credit(ledger, invoice_id, 5000, currency="EUR")
    with ledger.writing() as session:
        outbox.enqueue_due(session, NOW, "automatic")
    assert [(r.status, r.skip_reason) for r in rows(ledger)] == [("approved", "")]
