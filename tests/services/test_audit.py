"""Who did what: each action that changes the ledger leaves its audit row, written in the
action's own transaction, with the user, the workstation and the time."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from finqr_desktop.domain.templates import Design
from finqr_desktop.services import (
    audit,
    credits,
    customer_credit,
    customers,
    invoices,
    outbox,
    payments,
    reminder_review,
    settings_store,
    templates,
)
from finqr_desktop.services.bank_import import import_bank_file
from finqr_desktop.services.payments_unmatched import place_payment
from finqr_desktop.services.payments_write_off import write_off
from finqr_desktop.services.reminder_queue import queue
from finqr_desktop.storage.models import (
    AuditEventRow,
    InvoiceRow,
    PaymentRow,
    TemplateVersionRow,
)

from ..banking.bgmax_builder import Payment, bgmax_file
from .helpers import create_draft, issue_new

DAY = dt.date(2026, 12, 1)
TODAY = dt.date(2026, 12, 4)
NOW = dt.datetime(2026, 12, 4, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _known_actor(monkeypatch):
    monkeypatch.setattr(audit, "actor", lambda: audit.Actor("eva", "kassan-2"))


def events(database, action: str | None = None) -> list[AuditEventRow]:
    with database.reading() as session:
        query = select(AuditEventRow).order_by(AuditEventRow.id)
        if action is not None:
            query = query.where(AuditEventRow.action == action)
        found = list(session.scalars(query))
        session.expunge_all()  # readable after the session is gone
        return found


def invoice_id_of(database, number: str) -> int:
    with database.reading() as session:
        return session.scalar(select(InvoiceRow.id).where(InvoiceRow.number == number))


def test_issuing_records_user_workstation_time_and_invoice(ledger):
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    number = issue_new(ledger)

    (issued,) = events(ledger, audit.ISSUE)
    assert (issued.os_user, issued.workstation) == ("eva", "kassan-2")
    assert issued.invoice_id == invoice_id_of(ledger, number)
    assert number in issued.detail and "SEK" in issued.detail
    # Naive UTC, taken when the action ran.
    assert (
        before - dt.timedelta(seconds=1)
        <= issued.at
        <= dt.datetime.now(dt.UTC).replace(tzinfo=None)
    )
    drafts = events(ledger, audit.DRAFT)
    assert [d.detail.split()[0] for d in drafts] == ["created"]


def test_an_action_that_rolls_back_leaves_no_row(ledger):
    invoice_id = create_draft(ledger)
    with pytest.raises(RuntimeError), ledger.writing() as session:
        invoices.issue_invoice(session, invoice_id, archive=False, email=False)
        raise RuntimeError("the clerk's machine lost power")
    assert events(ledger, audit.ISSUE) == []


def test_a_batch_issue_records_every_invoice(ledger):
    ids = [create_draft(ledger) for _ in range(3)]
    with ledger.writing() as session:
        list(invoices.issue_invoices(session, ids))
    assert sorted(e.invoice_id for e in events(ledger, audit.ISSUE)) == sorted(ids)


def test_a_credit_is_recorded_on_the_invoice_with_its_reason(ledger):
    invoice_id = invoice_id_of(ledger, issue_new(ledger))
    with ledger.writing() as session:
        note = credits.credit_invoice(
            session, invoice_id, reason="wrong hours", archive=False, email=False
        )
        note_number = note.number

    (credit,) = events(ledger, audit.CREDIT)
    assert credit.invoice_id == invoice_id
    assert note_number in credit.detail and "wrong hours" in credit.detail
    with ledger.reading() as session:
        listed = audit.invoice_events(session, invoice_id)
    assert [e.action for e in listed] == ["draft", "issue", "credit", "issue"]
    assert listed[-1].invoice_number == note_number


def test_payments_allocations_write_offs_and_credit_are_recorded(ledger):
    invoice_id = invoice_id_of(ledger, issue_new(ledger))
    with ledger.writing() as session:
        payments.register_payment(
            session, invoice_id, Decimal("100.00"), payment_date=DAY, today=TODAY
        )
        total = session.get(InvoiceRow, invoice_id).total_minor
    (paid,) = events(ledger, audit.PAYMENT)
    assert paid.invoice_id == invoice_id and "100.00 SEK" in paid.detail

    with ledger.writing() as session:
        payment = payments.new_payment(
            session, payment_date=DAY, amount_minor=total - 10000 - 500, currency="SEK"
        )
        place_payment(session, payment.id, [(invoice_id, None)])
        write_off(session, invoice_id, on_date=DAY, reason="öre left by the payer")
    (placed,) = events(ledger, audit.ALLOCATION)
    assert placed.invoice_id == invoice_id and f"payment {payment.id}" in placed.detail
    (written,) = events(ledger, audit.WRITE_OFF)
    assert "5.00 SEK" in written.detail and "öre left" in written.detail

    with ledger.writing() as session:
        customer_id = session.get(InvoiceRow, invoice_id).customer_id
        extra = payments.new_payment(session, payment_date=DAY, amount_minor=2500, currency="SEK")
        customer_credit.payment_to_credit(session, extra.id, customer_id)
        customer_credit.refund_credit(session, customer_id, Decimal("25.00"), "SEK", on_date=DAY)
    moves = events(ledger, audit.CUSTOMER_CREDIT)
    assert [m.customer_id for m in moves] == [customer_id, customer_id]
    assert "refunded" in moves[-1].detail


def test_a_bank_file_records_each_payment_it_applies(ledger):
    number = issue_new(ledger)
    with ledger.reading() as session:
        invoice = session.scalar(select(InvoiceRow).where(InvoiceRow.number == number))
        reference, total, invoice_id = invoice.ocr, invoice.total_minor, invoice.id
    with ledger.writing() as session:
        import_bank_file(session, bgmax_file([Payment(total, reference=reference)]), "bg.txt")
    (paid,) = events(ledger, audit.PAYMENT)
    assert paid.invoice_id == invoice_id and "bgmax" in paid.detail
    with ledger.reading() as session:
        assert session.scalar(select(func.count()).select_from(PaymentRow)) == 1


def test_a_send_is_recorded_by_the_worker_that_marked_it(ledger):
    invoice_id = invoice_id_of(ledger, issue_new(ledger, email=True))
    with ledger.writing() as session:
        claim = outbox.claim_next(session, "worker", NOW + dt.timedelta(minutes=1))
    with ledger.writing() as session:
        outbox.mark_sent(session, claim.outbox_id, "<m@finqr>", ["ekonomi@nilsson.example"], NOW)
    (sent,) = events(ledger, audit.SEND)
    assert sent.invoice_id == invoice_id
    assert sent.detail == "invoice e-mailed to ekonomi@nilsson.example"


def test_dispute_and_reminder_holds_are_recorded(ledger):
    invoice_id = invoice_id_of(ledger, issue_new(ledger))
    with ledger.writing() as session:
        outbox.set_disputed(session, invoice_id, True)
        outbox.skip(session, invoice_id, 1, "promised to pay on Friday")
    assert [e.detail for e in events(ledger, audit.DISPUTE)] == ["marked disputed"]
    (skipped,) = events(ledger, audit.REMINDER)
    assert skipped.invoice_id == invoice_id and "Friday" in skipped.detail


def test_approving_a_reminder_is_recorded(ledger):
    number = issue_new(ledger, issue_date="2026-09-01")
    with ledger.writing() as session:
        record = invoices.get_by_number(session, number)
        record.due_date = dt.date(2026, 10, 15)
        invoice_id = record.id
    with ledger.writing() as session:
        items = [i for i in queue(session, TODAY) if i.invoice_id == invoice_id]
        assert outbox.approve(session, items) >= 1
    (approved,) = events(ledger, audit.REMINDER)
    assert (approved.invoice_id, approved.detail) == (
        invoice_id,
        f"reminder {items[0].level} approved",
    )


def test_template_changes_are_recorded(ledger):
    with ledger.writing() as session:
        template_id = templates.ensure_default_template(session).id
        _, design = templates.current_design(session, template_id)
    before = len(events(ledger, audit.TEMPLATE))
    with ledger.writing() as session:
        templates.save_design(session, template_id, dataclasses.replace(design, primary="#102030"))
        new_id = templates.save_design(session, None, Design(name="Jul"))
        version_of_new = session.get(TemplateVersionRow, new_id).template_id
        templates.set_default_template(session, version_of_new)
    changes = [e.detail for e in events(ledger, audit.TEMPLATE)][before:]
    assert changes[0].endswith("saved as version 2")
    assert changes[1] == "template 'Jul' saved as version 1"
    assert changes[2] == "template 'Jul' is the default"


def test_customer_changes_are_recorded_with_what_changed(ledger):
    with ledger.writing() as session:
        record = customers.find_customer(session, "1001")
        current = customers.to_domain(record)
        moved = dataclasses.replace(current.address, city="Malmö")
        changed = dataclasses.replace(current, address=moved, name="Ny AB")
        customers.update_customer(session, record.id, changed)
        customers.update_customer(session, record.id, changed)  # nothing new: no row
        reminder_review.set_customer_paused(session, "1001", True)
        customer_id = record.id

    rows = [e for e in events(ledger, audit.CUSTOMER) if e.customer_id == customer_id]
    assert [e.detail for e in rows] == [
        "added customer 1001 Nilsson & Söner Bygg AB",
        "customer 1001: address, name changed",
        "customer 1001: reminders paused",
    ]


def test_settings_changes_are_recorded_once_per_change(ledger):
    with ledger.writing() as session:
        settings_store.store(session, "test.answer", 42)
        settings_store.store(session, "test.answer", 42)
        settings_store.store(session, "test.answer", 43)
    details = [e.detail for e in events(ledger, audit.SETTINGS)]
    assert details.count("setting test.answer changed") == 2


def test_the_actor_is_this_process_user_and_host(monkeypatch):
    monkeypatch.undo()
    audit.actor.cache_clear()
    import getpass
    import socket

    assert audit.actor() == audit.Actor(getpass.getuser(), socket.gethostname())
