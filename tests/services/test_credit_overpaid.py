"""Credit notes on invoices already (partly) paid, in a real ledger: what was paid beyond
what the credit leaves owing becomes the customer's credit, in the credit note's own
transaction, and every view (invoice, credit balance, statement, aging) agrees."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from finqr_desktop.domain.credit import Overpaid, overpaid_after_credit
from finqr_desktop.domain.errors import RuleViolation
from finqr_desktop.services import audit, credit_overpaid, customer_credit
from finqr_desktop.services.aging import aging_invoices
from finqr_desktop.services.aging_as_of import open_invoices_on
from finqr_desktop.services.credits import credit_invoice
from finqr_desktop.services.invoice_input import draft_from_data
from finqr_desktop.services.invoice_views import invoice_json
from finqr_desktop.services.payments import new_payment
from finqr_desktop.services.payments_unmatched import place_payment
from finqr_desktop.services.payments_write_off import write_off
from finqr_desktop.services.portal_pages import customer_page
from finqr_desktop.services.statement import customer_statement
from finqr_desktop.storage.models import (
    AuditEventRow,
    CustomerCreditRow,
    InvoiceRow,
    PaymentAllocationRow,
    PaymentRow,
    WriteOffRow,
)

from .report_ledger import TODAY, customer_id, issue, line, pay

D = Decimal
CREDIT_DAY = dt.date(2026, 11, 5)


def credit(session, invoice: InvoiceRow, *lines: dict, day: dt.date = CREDIT_DAY) -> InvoiceRow:
    """A credit note for ``lines`` (positive, what to take off), or for all that is left."""
    drafted = None
    if lines:
        drafted = list(
            draft_from_data(session, {"customer": "1001", "lines": list(lines)})[0].lines
        )
    return credit_invoice(
        session, invoice.id, lines=drafted, issue_date=day, reason="Fel pris",
        archive=False, email=False,
    )  # fmt: skip


def paid_in_full(database) -> int:
    """11 835.00 (9 468.00 + 25 %), paid as 5 000.00 and 6 835.00."""
    with database.writing() as session:
        invoice = issue(session, "1001", "2026-10-01", [line("9468.00", "25")])
        pay(session, invoice, "5000.00", "2026-10-20")
        pay(session, invoice, "6835.00", "2026-10-25", method="bankgiro")
        return invoice.id


def rows(session, model, **where):
    query = select(model).filter_by(**where).order_by(model.id)
    return list(session.scalars(query))


def test_the_split_between_credit_and_an_undone_write_off():
    assert overpaid_after_credit(owed=0, money_paid=11835, written_off=0) == Overpaid(11835, 0)
    assert overpaid_after_credit(owed=3835, money_paid=5000, written_off=0) == Overpaid(1165, 0)
    assert overpaid_after_credit(owed=1000, money_paid=1245, written_off=5) == Overpaid(245, 5)
    # Money short of what is owed: only the write-off the credit made needless comes back.
    assert overpaid_after_credit(owed=1248, money_paid=1245, written_off=5) == Overpaid(0, 2)
    assert not overpaid_after_credit(owed=1250, money_paid=1245, written_off=5)
    assert not overpaid_after_credit(owed=500, money_paid=200, written_off=0)


def test_a_full_credit_of_a_paid_invoice_gives_the_whole_amount_back_as_credit(ledger):
    invoice_id = paid_in_full(ledger)
    with ledger.writing() as session:
        note = credit(session, session.get(InvoiceRow, invoice_id))
        number = note.number

    with ledger.reading() as session:
        invoice = session.get(InvoiceRow, invoice_id)
        shown = invoice_json(invoice, TODAY)
        assert (shown["status"], shown["credited"], shown["paid"], shown["remaining"]) == (
            "credited", "11835.00", "0.00", "0.00",
        )  # fmt: skip
        assert shown["to_customer_credit"] == "11835.00"
        note_row = session.scalar(select(InvoiceRow).where(InvoiceRow.number == number))
        assert invoice_json(note_row, TODAY)["to_customer_credit"] == "11835.00"
        assert [(p["amount"], p["method"], p["reference"]) for p in shown["payments"]] == [
            ("5000.00", "manual", ""),
            ("6835.00", "bankgiro", ""),
            ("-11835.00", "credit_note", number),
        ]

        (moved,) = rows(session, CustomerCreditRow, kind="credit_note")
        assert (moved.amount_minor, moved.entry_date, moved.note) == (1183500, CREDIT_DAY, number)
        transfer = session.get(PaymentRow, moved.payment_id)
        assert (transfer.method, transfer.kind, transfer.amount_minor) == (
            "credit_note", "transfer", -1183500,
        )  # fmt: skip
        assert (transfer.payment_date, transfer.reference, transfer.unallocated_minor) == (
            CREDIT_DAY, number, 0,
        )  # fmt: skip
        (allocation,) = rows(session, PaymentAllocationRow, payment_id=transfer.id)
        assert (allocation.invoice_id, allocation.amount_minor) == (invoice_id, -1183500)
        (trail,) = rows(session, AuditEventRow, action=audit.CUSTOMER_CREDIT)
        assert trail.invoice_id == invoice_id and trail.customer_id == invoice.customer_id
        assert trail.detail == (
            f"credit note {number}: 11835.00 SEK paid beyond what is owed to the customer's credit"
        )
        assert customer_credit.balances(session, invoice.customer_id) == {"SEK": D("11835.00")}

    with ledger.writing() as session:
        customer = session.get(InvoiceRow, invoice_id).customer_id
        refunded = customer_credit.refund_credit(
            session, customer, D("11835"), "SEK", on_date=dt.date(2026, 11, 10)
        )
        assert refunded == D("11835.00")
        assert customer_credit.balances(session, customer) == {}


def test_the_statement_and_aging_agree_before_and_after_the_credit(ledger):
    invoice_id = paid_in_full(ledger)
    with ledger.writing() as session:
        credit(session, session.get(InvoiceRow, invoice_id))
    number = "1001"

    def section(end: dt.date):
        with ledger.reading() as session:
            found = customer_statement(
                session, customer_id(ledger, number), dt.date(2026, 10, 1), end
            )
        (only,) = found.sections
        return only

    before = section(dt.date(2026, 11, 4))
    assert (before.closing, before.open_items) == (D("0.00"), ())
    after = section(dt.date(2026, 11, 30))
    assert [(line.kind, line.amount) for line in after.lines] == [
        ("invoice", D("11835.00")),
        ("payment", D("-5000.00")),
        ("payment", D("-6835.00")),
        ("credit_note", D("-11835.00")),
    ]
    assert after.closing == D("-11835.00")
    # No negative invoice: the money is the customer's credit.
    assert [(item.kind, item.open) for item in after.open_items] == [
        ("customer_credit", D("-11835.00"))
    ]
    with ledger.reading() as session:
        for day in (dt.date(2026, 10, 30), CREDIT_DAY, TODAY):
            owed = open_invoices_on(day)
            assert session.execute(select(owed.c.id)).all() == [], day
        assert aging_invoices(session, TODAY, "not_due") == []


def test_two_partial_credits_on_an_invoice_paid_in_full(ledger):
    with ledger.writing() as session:
        # 1 287.56 + 25 % = 1 609.45, paid in full.
        lines = [line("500.00", "25"), line("500.00", "25"), line("287.56", "25")]
        invoice = issue(session, "1001", "2026-09-28", lines)
        pay(session, invoice, "1609.45", "2026-10-05")
        first = credit(session, invoice, line("200.00", "25"))
        second = credit(session, invoice, line("87.56", "25"), day=dt.date(2026, 11, 6))
        numbers = (first.number, second.number)
        invoice_id, customer = invoice.id, invoice.customer_id

    with ledger.reading() as session:
        moved = rows(session, CustomerCreditRow, kind="credit_note")
        assert [(row.amount_minor, row.note) for row in moved] == [
            (25000, numbers[0]),
            (10945, numbers[1]),
        ]
        assert customer_credit.balances(session, customer) == {"SEK": D("359.45")}
        shown = invoice_json(session.get(InvoiceRow, invoice_id), TODAY)
        assert (shown["status"], shown["credited"], shown["paid"], shown["remaining"]) == (
            "paid", "359.45", "1250.00", "0.00",
        )  # fmt: skip
        statement = customer_statement(session, customer, dt.date(2026, 9, 1), TODAY)
    (section,) = statement.sections
    assert [(item.kind, item.reference, item.open) for item in section.open_items] == [
        ("customer_credit", "", D("-359.45"))
    ]
    assert section.closing == D("-359.45")


def test_a_credit_larger_than_what_is_left_on_a_part_paid_invoice(ledger):
    with ledger.writing() as session:
        invoice = issue(session, "1001", "2026-10-01", [line("9468.00", "25")])
        pay(session, invoice, "5000.00", "2026-10-20")
        # 6 400.00 + 25 % = 8 000.00 off; 3 835.00 is owed, 5 000.00 was paid.
        credit(session, invoice, line("6400.00", "25"))
        other = issue(session, "1001", "2026-11-20", [line("800.00", "25")])
        invoice_id, other_id, customer = invoice.id, other.id, invoice.customer_id

    with ledger.reading() as session:
        shown = invoice_json(session.get(InvoiceRow, invoice_id), TODAY)
        assert (shown["status"], shown["paid"], shown["remaining"]) == ("paid", "3835.00", "0.00")
        assert shown["to_customer_credit"] == "1165.00"
        assert customer_credit.balances(session, customer) == {"SEK": D("1165.00")}

    with ledger.writing() as session:
        used = customer_credit.use_credit(
            session, customer, other_id, on_date=dt.date(2026, 11, 21)
        )
        assert used == D("1000.00")
        assert customer_credit.balances(session, customer) == {"SEK": D("165.00")}


def test_a_write_off_the_credit_made_needless_is_undone(ledger):
    with ledger.writing() as session:
        invoice = issue(session, "1001", "2026-10-01", [line("1000.00", "25")])
        pay(session, invoice, "1245.00", "2026-10-20")
        write_off(session, invoice.id, on_date=dt.date(2026, 10, 21), reason="öre")
        credit(session, invoice, line("200.00", "25"))
        invoice_id, customer = invoice.id, invoice.customer_id

    with ledger.reading() as session:
        record = session.get(InvoiceRow, invoice_id)
        assert (record.credited_minor, record.paid_minor) == (25000, 100000)
        assert [row.amount_minor for row in rows(session, WriteOffRow)] == [500, -500]
        assert invoice_json(record, TODAY)["written_off"] == "0.00"
        assert customer_credit.balances(session, customer) == {"SEK": D("245.00")}
        actions = [row.action for row in rows(session, AuditEventRow, invoice_id=invoice_id)]
        assert actions.count(audit.WRITE_OFF) == 2


def test_a_failure_after_the_credit_note_leaves_nothing_written(ledger, monkeypatch):
    invoice_id = paid_in_full(ledger)

    def refuse(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(credit_overpaid, "allocate", refuse)
    with pytest.raises(RuntimeError, match="disk full"), ledger.writing() as session:
        credit(session, session.get(InvoiceRow, invoice_id))

    with ledger.reading() as session:
        invoice = session.get(InvoiceRow, invoice_id)
        assert (invoice.credited_minor, invoice.paid_minor) == (0, 1183500)
        assert rows(session, InvoiceRow, kind="credit_note") == []
        assert rows(session, CustomerCreditRow) == []
        assert rows(session, PaymentRow, method="credit_note") == []


def test_a_reversal_cannot_take_back_money_that_became_credit(ledger):
    invoice_id = paid_in_full(ledger)
    with ledger.writing() as session:
        credit(session, session.get(InvoiceRow, invoice_id))
        reversal = new_payment(
            session, payment_date=dt.date(2026, 11, 8), kind="reversal",
            amount_minor=-683500, currency="SEK", method="bgmax",
        )  # fmt: skip
        reversal_id = reversal.id
    with pytest.raises(RuleViolation, match="was not paid that much"), ledger.writing() as s:
        place_payment(s, reversal_id, [(invoice_id, D("-6835.00"))])


def test_the_portal_page_lists_the_customers_payments_not_the_move(ledger):
    invoice_id = paid_in_full(ledger)
    with ledger.writing() as session:
        invoice = session.get(InvoiceRow, invoice_id)
        credit(session, invoice)
        page = customer_page(session, invoice.customer, TODAY)
    assert [(p.invoice_number, p.amount) for p in page.payments] == [
        (page.invoices[0].number, D("6835.00")),
        (page.invoices[0].number, D("5000.00")),
    ]
    (shown,) = page.invoices
    assert (shown.status, shown.paid, shown.remaining) == ("credited", D("0.00"), D("0.00"))
