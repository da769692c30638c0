"""A small hand-made ledger for the dashboard figures: invoices with chosen due dates,
payments on chosen days, credit notes and a rate, so every figure can be worked out by hand.

Every invoice is one line of 1000.00 (or ``net``) at 25 % VAT, so its total is 1.25 times
the net: 1250.00 by default.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select

from finqr_desktop.domain.parties import Customer
from finqr_desktop.services import credits, customers, payments
from finqr_desktop.storage.models import InvoiceRow

from .helpers import issue_new

TODAY = dt.date(2026, 12, 4)


def line(net: str) -> dict:
    return {"description": "Arbete", "quantity": "1", "unit": "st", "unit_price": net,
            "vat_rate": "25", "discount_percent": "0"}  # fmt: skip


def invoice(
    ledger,
    customer: str,
    due: dt.date,
    *,
    net: str = "1000.00",
    currency="SEK",
    issue: dt.date | None = None,
    delivered: dt.date | None = None,
) -> int:
    """An issued invoice due on ``due`` (issued 30 days before, never after today)."""
    issue = issue or min(due - dt.timedelta(days=30), TODAY)
    extra = {"delivery_date": delivered.isoformat()} if delivered else {}
    number = issue_new(ledger, customer=customer, currency=currency,
                       issue_date=issue.isoformat(), lines=[line(net)], **extra)  # fmt: skip
    with ledger.writing() as session:
        record = session.scalar(select(InvoiceRow).where(InvoiceRow.number == number))
        record.due_date = due
        return record.id


def pay(ledger, invoice_id: int, amount: str, day: dt.date, **options) -> None:
    with ledger.writing() as session:
        payments.register_payment(session, invoice_id, Decimal(amount), payment_date=day,
                                  today=TODAY, **options)  # fmt: skip


def pay_rest(ledger, invoice_id: int, day: dt.date) -> None:
    with ledger.writing() as session:
        payments.mark_paid(session, invoice_id, payment_date=day, today=TODAY)


def credit(ledger, invoice_id: int, net: str | None = None) -> None:
    """Credit the invoice in full, or ``net`` of it (before VAT)."""
    from finqr_desktop.domain.invoice import DraftLine
    from finqr_desktop.domain.vat import SWEDEN

    lines = None
    if net is not None:
        lines = [DraftLine("Avdrag", Decimal(1), Decimal(net), SWEDEN.lookup("25", TODAY))]
    with ledger.writing() as session:
        credits.credit_invoice(session, invoice_id, lines=lines, issue_date=TODAY, email=False)


def add_customer(ledger, number: str, name: str) -> int:
    with ledger.writing() as session:
        return customers.add_customer(session, Customer(number=number, name=name)).id


def customer_id(ledger, number: str) -> int:
    with ledger.reading() as session:
        return customers.find_customer(session, number).id
