"""A small ledger whose statement and bookkeeping are worked out by hand in the tests.

Customer 1001, period 2026-10-01 to 2026-11-30 (the figures the tests expect):

    before  D 2026-09-01 +200.00 (VAT exempt); paid 300.00 on 09-20: 100.00 credit
    10-01   invoice A +1250.00 (1000 + 25 %)
    10-15   payment on A  -500.00
    10-20   invoice B  +554.00 (400 + 12 %, 99.90 + 6 %, rounded up by 0.11)
    11-05   credit note on A, 200 + 25 %: -250.00
    11-10   reminder fee on B  +60.00
    11-20   payment on A  -500.00 (A is paid)
    11-25   payment on B  -553.00
    11-26   B's last 1.00 written off
    11-30   invoice C +1000.00 (800 + 25 %); 100.00 of the credit used on it
    after   12-02 payment on C 900.00: not in the period

Opening -100.00, closing 960.00; open at the end: C 900.00 and the fee 60.00.
Customer 1002 has one invoice in the same period, which 1001's statement must not show.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select

from finqr_desktop.services import customer_credit, invoices, payments
from finqr_desktop.services.credits import credit_invoice
from finqr_desktop.services.invoice_input import draft_from_data
from finqr_desktop.services.payments_write_off import write_off
from finqr_desktop.storage.models import CustomerRow, InvoiceRow, OutboxRow

from .helpers import issue_in_history

START = dt.date(2026, 10, 1)
END = dt.date(2026, 11, 30)
TODAY = dt.date(2026, 12, 4)


def line(price: str, rate: str, description: str = "Konsulttid") -> dict:
    return {"description": description, "quantity": "1", "unit_price": price, "vat_rate": rate}


def issue(session, customer: str, day: str, lines: list[dict], **extra) -> InvoiceRow:
    data = {"customer": customer, "issue_date": day, "lines": lines, **extra}
    draft, terms = draft_from_data(session, data)
    draft_id = invoices.save_draft(session, draft, payment_terms=terms).id
    moment = dt.datetime.combine(dt.date.fromisoformat(day), dt.time(9))
    return issue_in_history(session, draft_id, now=moment, archive=False, email=False)


def pay(session, invoice: InvoiceRow, amount: str, day: str, **options):
    return payments.register_payment(
        session,
        invoice.id,
        Decimal(amount),
        payment_date=dt.date.fromisoformat(day),
        today=TODAY,
        **options,
    )


def charge_fee(session, invoice: InvoiceRow, fee: str, day: str) -> None:
    """A sent reminder that charged ``fee``, as the outbox leaves it after sending."""
    sent = dt.datetime.combine(dt.date.fromisoformat(day), dt.time(8))
    session.add(
        OutboxRow(
            invoice_id=invoice.id,
            kind="reminder",
            level=1,
            planned_at=sent,
            status="sent",
            sent_at=sent,
            fee_minor=int(Decimal(fee) * 100),
        )
    )
    session.flush()


def build(database) -> dict[str, InvoiceRow]:
    """The ledger above, in one transaction; returns the invoices by letter."""
    with database.writing() as session:
        found = {}
        found["D"] = issue(session, "1001", "2026-09-01", [line("200.00", "0")])
        pay(session, found["D"], "300.00", "2026-09-20")
        found["A"] = issue(session, "1001", "2026-10-01", [line("1000.00", "25")])
        pay(session, found["A"], "500.00", "2026-10-15")
        found["B"] = issue(
            session,
            "1001",
            "2026-10-20",
            [line("400.00", "12", "Kurs"), line("99.90", "6", "Bok")],
            round_to_whole=True,
        )
        credit_lines = draft_from_data(
            session, {"customer": "1001", "lines": [line("200.00", "25")]}
        )[0].lines
        found["credit"] = credit_invoice(
            session,
            found["A"].id,
            lines=list(credit_lines),
            issue_date=dt.date(2026, 11, 5),
            reason="Fel antal timmar",
            archive=False,
            email=False,
        )
        charge_fee(session, found["B"], "60.00", "2026-11-10")
        pay(session, found["A"], "500.00", "2026-11-20")
        pay(session, found["B"], "553.00", "2026-11-25")
        write_off(session, found["B"].id, on_date=dt.date(2026, 11, 26), reason="öresrest")
        found["C"] = issue(session, "1001", "2026-11-30", [line("800.00", "25")])
        customer = session.scalar(select(CustomerRow).where(CustomerRow.number == "1001"))
        customer_credit.use_credit(
            session, customer.id, found["C"].id, on_date=dt.date(2026, 11, 30)
        )
        pay(session, found["C"], "900.00", "2026-12-02")
        found["other"] = issue(session, "1002", "2026-10-10", [line("50.00", "25")])
        return found


def customer_id(database, number: str = "1001") -> int:
    with database.reading() as session:
        return session.scalar(select(CustomerRow.id).where(CustomerRow.number == number))
