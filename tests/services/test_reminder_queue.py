"""The reminder queue read from a real ledger: who is reminded, at which level, for what."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select, update

from finqr_desktop.domain.reminder_defaults import swedish_default_policy
from finqr_desktop.domain.reminder_queue import ReminderCase, build_queue
from finqr_desktop.services import outbox
from finqr_desktop.services import reminder_settings as settings
from finqr_desktop.services.reminder_queue import _due_invoices, _facts, _history, queue
from finqr_desktop.storage.models import CustomerRow, InvoiceRow, MessageLogRow

from .helpers import issue_new

TODAY = dt.date(2026, 12, 4)  # a Friday


def invoice(database, due: str, *, customer="1001", paid=None, credited=None) -> str:
    """An issued invoice due on ``due``; ``paid``/``credited`` as a fraction of the total."""
    number = issue_new(database, customer=customer, issue_date="2026-09-01")
    with database.writing() as session:
        record = session.scalar(select(InvoiceRow).where(InvoiceRow.number == number))
        record.due_date = dt.date.fromisoformat(due)
        if paid is not None:
            record.paid_minor = paid(record.total_minor)
        if credited is not None:
            record.credited_minor = credited(record.total_minor)
    return number


def total_of(database, number: str) -> int:
    with database.reading() as session:
        return session.scalar(select(InvoiceRow.total_minor).where(InvoiceRow.number == number))


@pytest.fixture
def small_ledger(ledger):
    numbers = {
        "overdue": invoice(ledger, "2026-11-30"),
        "forty": invoice(ledger, "2026-10-23"),
        "paid": invoice(ledger, "2026-11-02", paid=lambda total: total),
        "partly": invoice(ledger, "2026-11-16", paid=lambda total: total // 2),
        "credited": invoice(ledger, "2026-11-02", credited=lambda total: total),
        "paused": invoice(ledger, "2026-11-02", customer="1002"),
        "disputed": invoice(ledger, "2026-11-02"),
        "small": invoice(ledger, "2026-11-02", paid=lambda total: total - 500),
        "later": invoice(ledger, "2027-01-15"),
    }
    with ledger.writing() as session:
        session.execute(
            update(CustomerRow).where(CustomerRow.number == "1002").values(reminders_paused=True)
        )
        outbox.set_disputed(session, _id(session, numbers["disputed"]), True)
    return numbers


def _id(session, number: str) -> int:
    return session.scalar(select(InvoiceRow.id).where(InvoiceRow.number == number))


def test_only_open_remindable_invoices_are_queued(small_ledger, ledger):
    with ledger.reading() as session:
        items = {item.invoice_number: item for item in queue(session, TODAY)}

    names = {number: name for name, number in small_ledger.items()}
    assert sorted(names[number] for number in items) == ["forty", "overdue", "partly"]

    partly = items[small_ledger["partly"]]
    total = total_of(ledger, small_ledger["partly"])
    assert partly.amount_due == Decimal(total - total // 2).scaleb(-2)
    assert partly.level == 1 and partly.caught_up

    overdue = items[small_ledger["overdue"]]
    assert overdue.level == 1 and not overdue.caught_up
    assert overdue.send_at.date() == dt.date(2026, 12, 8)
    assert overdue.send_at.hour == 9 and str(overdue.send_at.tzinfo) == "Europe/Stockholm"
    # A company customer that agreed to no fee: the 450 kr compensation instead.
    assert (overdue.fee, overdue.compensation) == (Decimal("0.00"), Decimal("450.00"))
    assert overdue.customer_number == "1001" and overdue.status is None


def test_catch_up_after_forty_days_gives_level_one_not_two(small_ledger, ledger):
    with ledger.reading() as session:
        items = {item.invoice_number: item for item in queue(session, TODAY)}
    forty = items[small_ledger["forty"]]
    assert forty.level == 1
    assert forty.send_at.date() == TODAY
    assert forty.caught_up and "caught up" in forty.reason
    assert forty.interest > 0


def test_a_sent_level_moves_the_invoice_on_and_the_gap_counts(small_ledger, ledger):
    number = small_ledger["forty"]
    with ledger.writing() as session:
        session.add(
            MessageLogRow(
                invoice_id=_id(session, number),
                kind="reminder",
                level=1,
                recipients=["ekonomi@nilsson.example"],
                sent_at=dt.datetime(2026, 11, 25, 8),
            )
        )
    with ledger.reading() as session:
        item = next(i for i in queue(session, TODAY) if i.invoice_number == number)
    # Ten days after 25 November is Saturday 5 December: the next bank day.
    assert (item.level, item.send_at.date()) == (2, dt.date(2026, 12, 7))


def test_the_queue_plans_as_the_full_policy_does(small_ledger, ledger):
    """The service cuts the policy after the next level; the first item must not change."""
    policy = swedish_default_policy(notice_days_before=5)
    with ledger.writing() as session:
        session.add(
            MessageLogRow(
                invoice_id=_id(session, small_ledger["forty"]),
                kind="reminder",
                level=1,
                sent_at=dt.datetime(2026, 11, 25, 8),
            )
        )
    for day in (TODAY, dt.date(2026, 11, 20), dt.date(2027, 1, 11)):
        with ledger.reading() as session:
            items = queue(session, day, policy=policy)
            cases = [
                ReminderCase(_facts(row), _history(session, [row.id]).get(row.id, ()), policy)
                for row in session.execute(_due_invoices(day, 14, policy.levels[0].days_after_due))
            ]
        expected = build_queue(cases, day)
        assert [(i.invoice_id, i.level, i.send_at, i.fee, i.compensation, i.interest)
                for i in items] == [
            (p.invoice_id, p.level, p.send_at, p.fee, p.compensation, p.interest)
            for p in expected
        ]  # fmt: skip
        assert items


def test_a_failed_message_counts_for_nothing(small_ledger, ledger):
    number = small_ledger["forty"]
    with ledger.writing() as session:
        session.add(
            MessageLogRow(
                invoice_id=_id(session, number),
                kind="reminder",
                level=1,
                sent_at=dt.datetime(2026, 11, 25, 8),
                status="failed",
                error="550 no such user",
            )
        )
    with ledger.reading() as session:
        item = next(i for i in queue(session, TODAY) if i.invoice_number == number)
    assert (item.level, item.send_at.date()) == (1, TODAY)


def test_the_window_limits_what_is_read(small_ledger, ledger):
    with ledger.reading() as session:
        assert [i.invoice_number for i in queue(session, TODAY, days=0)] == sorted(
            [small_ledger["forty"], small_ledger["partly"]]
        )
        later = queue(session, dt.date(2027, 1, 20), days=14)
    assert small_ledger["later"] in {i.invoice_number for i in later}


def test_policy_and_mode_settings_round_trip(ledger):
    policy = swedish_default_policy(notice_days_before=3)
    with ledger.writing() as session:
        assert settings.reminder_mode(session) == "manual"
        settings.set_reminder_policy(session, policy)
        settings.set_reminder_mode(session, "automatic")
    with ledger.reading() as session:
        assert settings.reminder_policy(session) == policy
        assert settings.reminder_mode(session) == "automatic"
