"""Named reminder policies on a real ledger: the queue, the outbox and the stored settings
agree on which policy a customer follows, and invoices in other currencies are reminded
without SEK fees."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest
from sqlalchemy import select, update

from finqr_desktop.domain.errors import RuleViolation, ValidationFailed
from finqr_desktop.domain.reminder_defaults import swedish_default_policy
from finqr_desktop.domain.reminder_policy import CurrencyTerms, ReminderLevel
from finqr_desktop.domain.send_window import SendWindow
from finqr_desktop.services import outbox
from finqr_desktop.services import reminder_settings as settings
from finqr_desktop.services.reminder_queue import queue
from finqr_desktop.storage.models import CustomerRow, InvoiceRow, OutboxRow

from .helpers import issue_new

TODAY = dt.date(2026, 12, 4)  # a Friday
GENTLE = replace(
    swedish_default_policy(),
    levels=(ReminderLevel(1, 20, fee=Decimal(0), charge_interest=False),),
    claim_compensation=False,
)


def invoice(database, due: str, *, customer="1001", currency="SEK") -> str:
    number = issue_new(database, customer=customer, issue_date="2026-09-01", currency=currency)
    with database.writing() as session:
        session.execute(
            update(InvoiceRow)
            .where(InvoiceRow.number == number)
            .values(due_date=dt.date.fromisoformat(due))
        )
    return number


def define_gentle(database, *, assign_to=("1001",)) -> None:
    with database.writing() as session:
        book = settings.policy_book(session)
        settings.save_policy_book(session, settings.PolicyBook(book.default, {"Gentle": GENTLE}))
        for number in assign_to:
            settings.assign_policy(session, number, "Gentle")
        session.execute(update(CustomerRow).values(reminder_fee_agreed=True))


def queued(database, today=TODAY) -> dict[str, object]:
    with database.reading() as session:
        return {item.invoice_number: item for item in queue(session, today)}


def test_each_customer_is_planned_with_the_policy_it_follows(ledger):
    gentle = invoice(ledger, "2026-11-20", customer="1001")
    strict = invoice(ledger, "2026-11-20", customer="1002")
    define_gentle(ledger)

    items = queued(ledger)

    # The ledger's policy: level 1 eight days after 20 November, 60 kr (a person: no 450).
    assert (items[strict].level, items[strict].fee, items[strict].interest > 0) == (
        1, Decimal(60), True,
    )  # fmt: skip
    # Gentle: twenty days after, no fee, no interest, no compensation although a company.
    item = items[gentle]
    assert item.send_at.date() == dt.date(2026, 12, 10)
    assert (item.fee, item.compensation, item.interest) == (0, 0, 0)


def test_a_customer_back_on_the_ledgers_policy_is_charged_again(ledger):
    number = invoice(ledger, "2026-11-20", customer="1001")
    define_gentle(ledger)
    with ledger.writing() as session:
        settings.assign_policy(session, "1001", None)

    item = queued(ledger)[number]
    assert (item.fee, item.compensation) == (Decimal(60), Decimal(390))


def test_the_outbox_charges_what_the_customers_policy_says(ledger):
    gentle = invoice(ledger, "2026-11-20", customer="1001")
    strict = invoice(ledger, "2026-11-20", customer="1002")
    define_gentle(ledger)
    now = dt.datetime(2026, 12, 10, 10, tzinfo=dt.UTC)

    with ledger.writing() as session:
        outbox.enqueue_due(session, now, mode="automatic")
    with ledger.reading() as session:
        rows = session.execute(
            select(InvoiceRow.number, OutboxRow.level, OutboxRow.fee_minor)
            .join(InvoiceRow, InvoiceRow.id == OutboxRow.invoice_id)
            .where(OutboxRow.kind == "reminder")
        ).all()
    assert sorted(rows) == sorted([(gentle, 1, 0), (strict, 1, 6000)])


def test_a_named_policy_follows_the_ledgers_send_window(ledger):
    number = invoice(ledger, "2026-11-20", customer="1001")
    define_gentle(ledger)
    with ledger.writing() as session:
        book = settings.policy_book(session)
        later = replace(book.default, window=SendWindow(start=dt.time(13, 30)))
        settings.set_reminder_policy(session, later)
    with ledger.reading() as session:
        assert settings.reminder_policy(session, "Gentle").window.start == dt.time(13, 30)
        assert settings.reminder_policy(session, "Gentle").levels == GENTLE.levels
    assert queued(ledger)[number].send_at.time() == dt.time(13, 30)


def test_a_policy_customers_follow_cannot_be_removed(ledger):
    define_gentle(ledger)
    with ledger.writing() as session, pytest.raises(ValidationFailed, match="1001"):
        settings.save_policy_book(session, settings.PolicyBook(swedish_default_policy()))
    with ledger.reading() as session:
        assert "Gentle" in settings.policy_book(session).named


def test_assigning_an_unknown_policy_or_customer_is_refused(ledger):
    define_gentle(ledger, assign_to=())
    with ledger.writing() as session:
        with pytest.raises(ValidationFailed, match="no policy 'Strict'.*Gentle"):
            settings.assign_policy(session, "1001", "Strict")
        with pytest.raises(RuleViolation, match="no customer 9999"):
            settings.assign_policy(session, "9999", "Gentle")


def test_an_invoice_in_another_currency_is_reminded_without_sek_fees(ledger):
    number = invoice(ledger, "2026-11-20", customer="1001", currency="EUR")
    with ledger.writing() as session:
        session.execute(update(CustomerRow).values(reminder_fee_agreed=True))

    item = queued(ledger)[number]

    assert item.currency == "EUR"
    assert (item.fee, item.compensation) == (0, 0)
    assert item.interest > 0
    with ledger.writing() as session:
        outbox.enqueue_due(session, dt.datetime(2026, 12, 7, 10, tzinfo=dt.UTC), "automatic")
        row = session.scalar(select(OutboxRow).where(OutboxRow.kind == "reminder"))
        assert row.fee_minor == 0 and row.interest_minor > 0


def test_a_per_currency_fee_and_threshold_apply_to_that_currency(ledger):
    number = invoice(ledger, "2026-11-20", customer="1001", currency="EUR")
    small = invoice(ledger, "2026-11-20", customer="1001", currency="EUR")
    with ledger.writing() as session:
        session.execute(update(CustomerRow).values(reminder_fee_agreed=True))
        record = session.scalar(select(InvoiceRow).where(InvoiceRow.number == small))
        record.paid_minor = record.total_minor - 400  # 4 EUR left
        terms = (CurrencyTerms("EUR", minimum_remaining=Decimal(5), fee=Decimal("5.50")),)
        policy = replace(settings.reminder_policy(session), other_currencies=terms)
        settings.set_reminder_policy(session, policy)

    items = queued(ledger)

    assert small not in items
    assert (items[number].fee, items[number].compensation) == (Decimal("5.50"), 0)


def test_the_queue_reads_its_rows_by_the_names_the_query_gives(ledger):
    from finqr_desktop.services.reminder_queue import _due_invoices, _DueRow

    with ledger.reading() as session:
        names = tuple(session.execute(_due_invoices(TODAY, 14, 8)).keys())
    assert names == _DueRow._fields
