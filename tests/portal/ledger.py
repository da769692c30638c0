"""A ledger with several customers for portal tests: invoices, a payment, a credit note,
a sent reminder, FAQ entries, and a customer whose every text field is hostile."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from finqr_desktop.domain.parties import Address, Customer
from finqr_desktop.services import credits, customers, payments, portal_faq
from finqr_desktop.storage.models import CustomerRow, InvoiceRow, MessageLogRow
from tests.services.helpers import create_draft, issue_in_history

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> & "Söner"'
TODAY = dt.date(2026, 12, 4)


@dataclass(frozen=True)
class PortalLedger:
    # customer number -> the numbers of its invoices and credit notes
    numbers: dict[str, list[str]]
    paid_invoice: str
    credited_invoice: str
    credit_note: str
    reminded_invoice: str


def _issue(database, customer: str, day: str = "2026-11-02") -> str:
    invoice_id = create_draft(database, customer=customer, issue_date=day)
    with database.writing() as session:
        moment = dt.datetime(2026, 11, 2, 9)
        return issue_in_history(session, invoice_id, now=moment, email=False).number


def _invoice(session, number: str) -> InvoiceRow:
    return session.scalar(select(InvoiceRow).where(InvoiceRow.number == number))


def portal_ledger(ledger) -> PortalLedger:
    """Customers 1001 (sv), 1002 (en), 1003 (hostile, sv) with documents; 1004 with none."""
    with ledger.writing() as session:
        customers.add_customer(
            session,
            Customer(
                number="1003",
                name=HOSTILE,
                address=Address(HOSTILE, "111 11", "Ort", "SE"),
                emails=["hostile@example.org"],
            ),  # fmt: skip
        )
        customers.add_customer(session, Customer(number="1004", name="Utan Fakturor AB"))
    first = _issue(ledger, "1001", "2026-10-01")
    paid = _issue(ledger, "1001")
    english = _issue(ledger, "1002")
    credited = _issue(ledger, "1002", "2026-11-05")
    hostile = _issue(ledger, "1003")
    with ledger.writing() as session:
        record = _invoice(session, paid)
        payments.register_payment(
            session, record.id, Decimal("5000.00"), payment_date=dt.date(2026, 11, 20)
        )
        note = credits.credit_invoice(
            session,
            _invoice(session, credited).id,
            reason="Returned",
            now=dt.datetime(2026, 11, 21, 10),
            email=False,
        ).number
        session.add(
            MessageLogRow(
                invoice_id=_invoice(session, first).id,
                kind="reminder",
                level=1,
                recipients=["ekonomi@nilsson.example"],
                sent_at=dt.datetime(2026, 11, 15, 8),
                status="sent",
            )
        )
        portal_faq.add_faq(session, "sv", "Hur betalar jag?", "Med bankgiro.\n\nEller QR-kod.")
        portal_faq.add_faq(session, "sv", "Vem svarar?", "Eva på telefon.")
        portal_faq.add_faq(session, "en", "How do I pay?", "By Bankgiro or the QR code.")
        portal_faq.add_faq(session, "sv", HOSTILE, HOSTILE)
    return PortalLedger(
        numbers={"1001": [first, paid], "1002": [english, credited, note], "1003": [hostile]},
        paid_invoice=paid,
        credited_invoice=credited,
        credit_note=note,
        reminded_invoice=first,
    )


def tokens(database) -> dict[str, str | None]:
    with database.reading() as session:
        return dict(session.execute(select(CustomerRow.number, CustomerRow.portal_token)).all())
