"""Migration 0011: a ledger whose credit notes on paid invoices were issued the old way
(the paid money left stranded on the invoice) ends exactly as if they had been issued
now, and going back down restores the old rows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from alembic import command
from sqlalchemy import select, text

from finqr_desktop.services import company as company_service
from finqr_desktop.services import credits, customer_credit
from finqr_desktop.services import customers as customer_service
from finqr_desktop.services.credits import credit_invoice
from finqr_desktop.services.invoice_input import draft_from_data
from finqr_desktop.services.ledger import open_ledger
from finqr_desktop.services.payments_write_off import write_off
from finqr_desktop.storage import migrate
from finqr_desktop.storage.models import (
    AuditEventRow,
    CustomerCreditRow,
    CustomerRow,
    InvoiceRow,
    PaymentAllocationRow,
    PaymentRow,
    WriteOffRow,
)

from ..conftest import sample_company, sample_customers
from ..services.report_ledger import issue, line, pay


def build(database) -> None:
    """Full credit of a paid invoice, two partial credits of one, a credit larger than the
    rest of a part-paid one, and a credit that makes a write-off needless."""
    with database.writing() as session:
        company_service.save_company(session, sample_company())
        for customer in sample_customers():
            customer_service.add_customer(session, customer)
        full = issue(session, "1001", "2026-10-01", [line("9468.00", "25")])
        halves = issue(session, "1002", "2026-10-02",
                       [line("1000.00", "25"), line("287.56", "25")])  # fmt: skip
        part = issue(session, "1001", "2026-10-03", [line("9468.00", "25")])
        written = issue(session, "1001", "2026-10-04", [line("1000.00", "25")])
        pay(session, full, "5000.00", "2026-10-20")
        pay(session, full, "6835.00", "2026-10-25")
        pay(session, halves, "1609.45", "2026-10-05")
        pay(session, part, "5000.00", "2026-10-20")
        pay(session, written, "1245.00", "2026-10-20")
        write_off(session, written.id, on_date=dt.date(2026, 10, 21))
        for invoice, price, day in (
            (full, None, "2026-11-05"),
            (halves, "200.00", "2026-11-05"),
            (halves, "87.56", "2026-11-06"),
            (part, "6400.00", "2026-11-07"),
            (written, "200.00", "2026-11-08"),
        ):
            lines = None
            if price:
                data = {"customer": "1001", "lines": [line(price, "25")]}
                lines = list(draft_from_data(session, data)[0].lines)
            credit_invoice(session, invoice.id, lines=lines, issue_date=dt.date.fromisoformat(day),
                           archive=False, email=False)  # fmt: skip


def snapshot(database) -> dict:
    with database.reading() as session:
        transfers = select(PaymentRow.id).where(PaymentRow.method == "credit_note")
        return {
            "invoices": session.execute(
                select(InvoiceRow.number, InvoiceRow.credited_minor, InvoiceRow.paid_minor)
                .where(InvoiceRow.kind == "invoice").order_by(InvoiceRow.id)
            ).all(),
            "credit": session.execute(
                select(CustomerCreditRow.customer_id, CustomerCreditRow.kind,
                       CustomerCreditRow.amount_minor, CustomerCreditRow.entry_date,
                       CustomerCreditRow.note).order_by(CustomerCreditRow.id)
            ).all(),
            "transfers": session.execute(
                select(PaymentRow.payment_date, PaymentRow.kind, PaymentRow.amount_minor,
                       PaymentRow.reference, PaymentRow.unallocated_minor, PaymentRow.note)
                .where(PaymentRow.method == "credit_note").order_by(PaymentRow.id)
            ).all(),
            "allocations": session.execute(
                select(PaymentAllocationRow.invoice_id, PaymentAllocationRow.amount_minor)
                .where(PaymentAllocationRow.payment_id.in_(transfers))
                .order_by(PaymentAllocationRow.id)
            ).all(),
            "write_offs": session.execute(
                select(WriteOffRow.invoice_id, WriteOffRow.amount_minor,
                       WriteOffRow.write_off_date, WriteOffRow.reason).order_by(WriteOffRow.id)
            ).all(),
            "audit": session.execute(
                select(AuditEventRow.action, AuditEventRow.invoice_id)
                .where(AuditEventRow.action.in_(("customer credit", "write-off")))
                .order_by(AuditEventRow.invoice_id, AuditEventRow.action)
            ).all(),
            "balances": {
                number: customer_credit.balances(session, customer_id)
                for customer_id, number in session.execute(
                    select(CustomerRow.id, CustomerRow.number)
                )
            },
        }  # fmt: skip


def back_to(database, revision: str) -> None:
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": revision})


@pytest.fixture
def now_ledger(tmp_path):
    """The same ledger built by this version, for reference (always SQLite)."""
    database = open_ledger(f"sqlite:///{tmp_path / 'now.sqlite3'}")
    build(database)
    yield database
    database.dispose()


def test_old_credit_notes_on_paid_invoices_are_set_right(database, now_ledger, monkeypatch):
    with monkeypatch.context() as patched:
        # As the version before did: the credit note alone, the payments left in place.
        patched.setattr(credits, "move_overpaid", lambda *args: None)
        build(database)
    old = snapshot(database)
    assert old["transfers"] == [] and old["balances"]["1001"] == {}
    assert [paid for _, _, paid in old["invoices"]] == [1183500, 160945, 500000, 125000]

    back_to(database, "0010")
    migrate.run_alembic_upgrade(database)

    migrated, expected = snapshot(database), snapshot(now_ledger)
    # Audit rows are compared by what and where, not by text: the migration says so.
    assert migrated == expected
    assert migrated["balances"] == {
        "1001": {"SEK": Decimal("13245.00")},
        "1002": {"SEK": Decimal("359.45")},
    }
    assert [paid for _, _, paid in migrated["invoices"]] == [0, 125000, 383500, 100000]

    # Once set right, running it again changes nothing.
    back_to(database, "0010")
    migrate.run_alembic_upgrade(database)
    assert snapshot(database) == expected


def test_going_back_down_restores_the_old_rows(database, monkeypatch):
    with monkeypatch.context() as patched:
        patched.setattr(credits, "move_overpaid", lambda *args: None)
        build(database)
    old = snapshot(database)
    back_to(database, "0010")
    migrate.run_alembic_upgrade(database)

    config = migrate.alembic_config()
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0010")
    restored = snapshot(database)
    assert {key: value for key, value in restored.items() if key != "audit"} == {
        key: value for key, value in old.items() if key != "audit"
    }
