"""Payments registered by hand, in a real ledger: what the invoice owes afterwards, what
becomes credit, what is written off, and what it does to the reminders."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from finqr_desktop.domain.errors import RuleViolation, ValidationFailed
from finqr_desktop.services import customer_credit, outbox, payments
from finqr_desktop.services.invoice_views import invoice_json
from finqr_desktop.services.payments_unmatched import place_payment
from finqr_desktop.services.payments_views import list_payments
from finqr_desktop.services.payments_write_off import set_write_off_limit, write_off
from finqr_desktop.services.reminder_queue import queue
from finqr_desktop.storage.models import (
    CustomerCreditRow,
    InvoiceRow,
    OutboxRow,
    PaymentAllocationRow,
    PaymentRow,
)

from .helpers import issue_new

TODAY = dt.date(2026, 12, 4)
DAY = dt.date(2026, 12, 1)


def overdue(database, due: str = "2026-10-15", **overrides) -> tuple[int, Decimal]:
    """An issued invoice due on ``due``: its id and total."""
    number = issue_new(database, issue_date="2026-09-01", **overrides)
    with database.writing() as session:
        record = session.scalar(select(InvoiceRow).where(InvoiceRow.number == number))
        record.due_date = dt.date.fromisoformat(due)
        return record.id, Decimal(record.total_minor) / 100


def invoice_of(session, invoice_id: int) -> InvoiceRow:
    return session.get(InvoiceRow, invoice_id, populate_existing=True)


def pay(database, invoice_id, amount, **options):
    with database.writing() as session:
        return payments.register_payment(
            session, invoice_id, Decimal(amount), payment_date=DAY, today=TODAY, **options
        )


def test_a_partial_payment_leaves_the_rest_due(ledger):
    invoice_id, total = overdue(ledger)
    done = pay(ledger, invoice_id, "5000.00", reference="bank 1")

    assert (done.applied, done.to_credit, done.status) == (Decimal("5000.00"), 0, "overdue")
    assert done.remaining == total - 5000
    with ledger.reading() as session:
        record = invoice_of(session, invoice_id)
        assert record.paid_minor == 500000
        data = invoice_json(record, TODAY)
    assert data["paid"] == "5000.00" and data["remaining"] == str(total - 5000)
    assert data["payments"] == [
        {"payment_id": done.payment_id, "date": "2026-12-01", "amount": "5000.00",
         "method": "manual", "reference": "bank 1"}
    ]  # fmt: skip


def test_an_overpayment_becomes_customer_credit_not_a_negative_balance(ledger):
    invoice_id, total = overdue(ledger)
    done = pay(ledger, invoice_id, str(total + 100))

    assert (done.applied, done.to_credit, done.remaining) == (total, Decimal("100.00"), 0)
    assert done.status == "paid"
    with ledger.reading() as session:
        record = invoice_of(session, invoice_id)
        assert record.paid_minor == record.total_minor
        assert customer_credit.balances(session, record.customer_id) == {"SEK": Decimal("100.00")}
        payment = session.get(PaymentRow, done.payment_id)
        assert payment.unallocated_minor == 0


def test_credit_settles_another_invoice_and_the_rest_is_refunded(ledger):
    first, total = overdue(ledger)
    second, _ = overdue(ledger)
    pay(ledger, first, str(total + 300))
    with ledger.writing() as session:
        customer = invoice_of(session, second).customer_id
        used = customer_credit.use_credit(session, customer, second, on_date=DAY)
        assert used == Decimal("300.00")
        assert invoice_of(session, second).paid_minor == 30000
        assert customer_credit.balances(session, customer) == {}
        with pytest.raises(RuleViolation, match="only 0.00 SEK credit"):
            customer_credit.refund_credit(session, customer, Decimal(1), "SEK", on_date=DAY)

    third, total3 = overdue(ledger)
    pay(ledger, third, str(total3 + 50))
    with ledger.writing() as session:
        refunded = customer_credit.refund_credit(
            session, customer, Decimal(50), "SEK", on_date=DAY
        )
        assert refunded == Decimal("50.00")
        assert customer_credit.balances(session, customer) == {}
        kinds = session.scalars(select(CustomerCreditRow.kind).order_by(CustomerCreditRow.id))
        assert list(kinds) == ["payment", "used", "payment", "refund"]


def test_mark_paid_records_exactly_what_was_left(ledger):
    invoice_id, total = overdue(ledger)
    pay(ledger, invoice_id, "1000")
    with ledger.writing() as session:
        done = payments.mark_paid(session, invoice_id, payment_date=DAY, today=TODAY)
    assert done.applied == total - 1000 and done.status == "paid"
    with ledger.writing() as session:
        with pytest.raises(RuleViolation, match="already paid"):
            payments.mark_paid(session, invoice_id, payment_date=DAY, today=TODAY)


def test_a_small_remainder_is_written_off_within_the_limit_only(ledger):
    invoice_id, total = overdue(ledger)
    pay(ledger, invoice_id, str(total - Decimal("12.59")))
    with ledger.writing() as session:
        with pytest.raises(RuleViolation, match="the write-off limit for SEK is 10.00"):
            write_off(session, invoice_id, on_date=DAY)
    with ledger.writing() as session:
        set_write_off_limit(session, "SEK", Decimal("20"))
        done = write_off(session, invoice_id, on_date=DAY, reason="öre")
    assert done.amount == Decimal("12.59")
    with ledger.reading() as session:
        record = invoice_of(session, invoice_id)
        assert record.paid_minor == record.total_minor
        data = invoice_json(record, TODAY)
    assert data["status"] == "paid" and data["written_off"] == "12.59"


def test_a_payment_in_another_currency_is_converted_at_the_rate_and_shows_the_difference(
    ledger,
):
    invoice_id, total = overdue(ledger)
    euros = (total / Decimal("11.50")).quantize(Decimal("0.01"))
    done = pay(ledger, invoice_id, str(euros), currency="EUR", rate=Decimal("11.50"))

    converted = (euros * Decimal("11.50")).quantize(Decimal("0.01"))
    assert done.converted == converted
    assert done.difference == converted - total
    with ledger.reading() as session:
        payment = session.get(PaymentRow, done.payment_id)
        assert (payment.currency, payment.amount_minor) == ("EUR", int(euros * 100))
        assert (payment.converted_currency, payment.rate) == ("SEK", Decimal("11.50"))
        assert invoice_of(session, invoice_id).paid_minor == min(
            int(converted * 100), int(total * 100)
        )


def test_bad_input_is_refused_with_the_field_named(ledger):
    invoice_id, _ = overdue(ledger)
    with pytest.raises(ValidationFailed, match="rate: is required"):
        pay(ledger, invoice_id, "10", currency="EUR")
    with pytest.raises(ValidationFailed, match="amount: must be above zero"):
        pay(ledger, invoice_id, "0")
    with pytest.raises(ValidationFailed, match="amount: .*decimals"):
        pay(ledger, invoice_id, "1.001")
    with pytest.raises(ValidationFailed, match="method"):
        pay(ledger, invoice_id, "10", method="bitcoin")
    with ledger.reading() as session:
        assert session.scalar(select(func.count()).select_from(PaymentRow)) == 0


def test_paying_in_full_cancels_the_approved_reminder_with_the_reason(ledger):
    invoice_id, total = overdue(ledger)
    with ledger.writing() as session:
        items = [i for i in queue(session, TODAY) if i.invoice_id == invoice_id]
        outbox.approve(session, items)
    pay(ledger, invoice_id, "100")
    with ledger.reading() as session:
        assert session.scalar(select(OutboxRow.status)) == "approved"

    done = pay(ledger, invoice_id, str(total - 100))
    assert done.cancelled_reminders == 1
    with ledger.reading() as session:
        row = session.scalar(select(OutboxRow))
        assert (row.status, row.skip_reason) == ("cancelled", "paid")
        assert [i for i in queue(session, TODAY) if i.invoice_id == invoice_id] == []
        now = dt.datetime(2026, 12, 4, 10, tzinfo=dt.UTC)
        assert outbox.claim_next(session, "worker", now) is None


def test_a_partial_payment_lowers_the_reminders_amount_and_its_interest(ledger):
    invoice_id, total = overdue(ledger, due="2026-09-15")
    with ledger.reading() as session:
        (before,) = [i for i in queue(session, TODAY) if i.invoice_id == invoice_id]
    assert before.interest > 0

    half = (total / 2).quantize(Decimal("0.01"))
    with ledger.writing() as session:
        payments.register_payment(
            session, invoice_id, half, payment_date=dt.date(2026, 11, 1), today=TODAY
        )
    with ledger.reading() as session:
        (after,) = [i for i in queue(session, TODAY) if i.invoice_id == invoice_id]
    assert after.amount_due == total - half
    # Interest ran on the whole until 1 November and on half after it: less than before,
    # more than half of it.
    assert before.interest / 2 < after.interest < before.interest


def test_an_unplaced_payment_is_split_over_two_invoices_by_hand(ledger):
    first, total1 = overdue(ledger)
    second, _ = overdue(ledger)
    with ledger.writing() as session:
        row = payments.new_payment(
            session,
            payment_date=DAY,
            amount_minor=int(total1 * 100) + 20000,
            currency="SEK",
            method="bgmax",
        )
        placed = place_payment(session, row.id, [(first, None), (second, Decimal(150))])
    assert [p.amount for p in placed] == [total1, Decimal("150.00")]
    with ledger.reading() as session:
        (view,) = list_payments(session, unmatched=True)
        assert view.unallocated == Decimal("50.00")
        allocations = session.scalars(select(PaymentAllocationRow.invoice_id))
        assert sorted(allocations) == sorted([first, second])
    with ledger.writing() as session:
        customer = invoice_of(session, first).customer_id
        assert customer_credit.payment_to_credit(session, row.id, customer) == Decimal("50.00")
        assert list_payments(session, unmatched=True) == []


def test_a_reversal_placed_by_hand_opens_the_invoice_and_its_reminder_again(ledger):
    invoice_id, total = overdue(ledger)
    with ledger.writing() as session:
        outbox.approve(session, [i for i in queue(session, TODAY) if i.invoice_id == invoice_id])
    pay(ledger, invoice_id, str(total))
    with ledger.writing() as session:
        reversal = payments.new_payment(
            session, payment_date=DAY, kind="reversal", amount_minor=-20000, currency="SEK",
            method="camt",
        )  # fmt: skip
        with pytest.raises(RuleViolation, match="sign"):
            place_payment(session, reversal.id, [(invoice_id, Decimal(200))])
        (placed,) = place_payment(session, reversal.id, [(invoice_id, None)])
    assert (placed.amount, placed.remaining) == (Decimal("-200.00"), Decimal("200.00"))
    with ledger.reading() as session:
        assert invoice_of(session, invoice_id).paid_minor == int(total * 100) - 20000
        row = session.scalar(select(OutboxRow))
        assert (row.status, row.skip_reason) == ("pending", "")
        assert list_payments(session, unmatched=True) == []


def test_a_partial_payment_replans_the_reminder_already_approved(ledger):
    from finqr_desktop.domain.send_window import local_day
    from finqr_desktop.services.reminder_settings import reminder_policy

    invoice_id, total = overdue(ledger, due="2026-09-15")
    with ledger.writing() as session:
        day = local_day(dt.datetime.now(dt.UTC), reminder_policy(session).window)
        items = [i for i in queue(session, day) if i.invoice_id == invoice_id]
        outbox.approve(session, items)
        before = session.scalar(select(OutboxRow))
        interest_before, amount_before = before.interest_minor, before.amount_due_minor

    half = (total / 2).quantize(Decimal("0.01"))
    with ledger.writing() as session:
        payments.register_payment(session, invoice_id, half, payment_date=dt.date(2026, 11, 1))
    with ledger.reading() as session:
        (planned,) = [i for i in queue(session, day) if i.invoice_id == invoice_id]
        row = session.execute(select(OutboxRow.__table__)).one()
    # The approved reminder now says what the payment left, and interest on that.
    assert row.status == "approved"
    assert row.amount_due_minor == amount_before - int(half * 100)
    assert row.interest_minor == int(planned.interest * 100) < interest_before
