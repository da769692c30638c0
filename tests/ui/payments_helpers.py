"""Invoices for the payment screens' tests: issued, overdue, with their OCR and total."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select

from finqr_desktop.storage.models import CustomerCreditRow, InvoiceRow, PaymentRow

from ..services.helpers import issue_new


@dataclass(frozen=True)
class Issued:
    id: int
    number: str
    ocr: str
    total: Decimal
    customer_id: int


def overdue_invoice(database, customer: str = "1001", **overrides) -> Issued:
    """An invoice issued in September and due in October, so it is in the reminder queue."""
    number = issue_new(database, customer=customer, issue_date="2026-09-01", **overrides)
    with database.writing() as session:
        record = session.scalar(select(InvoiceRow).where(InvoiceRow.number == number))
        record.due_date = dt.date(2026, 10, 15)
        return Issued(
            record.id, number, record.ocr, Decimal(record.total_minor) / 100, record.customer_id
        )


def invoice_row(database, invoice_id: int) -> InvoiceRow:
    with database.reading() as session:
        record = session.get(InvoiceRow, invoice_id)
        session.expunge(record)
        return record


def payment_count(database) -> int:
    with database.reading() as session:
        return session.scalar(select(func.count()).select_from(PaymentRow))


def credit_balance(database, customer_id: int) -> Decimal:
    with database.reading() as session:
        total = session.scalar(
            select(func.coalesce(func.sum(CustomerCreditRow.amount_minor), 0)).where(
                CustomerCreditRow.customer_id == customer_id
            )
        )
    return Decimal(total) / 100


class Announcements:
    """Records what the ledger context announced."""

    def __init__(self, context):
        self.seen: list[str] = []
        context.changed.connect(self.seen.append)
