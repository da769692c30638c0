"""Small builders for service tests: drafts from the JSON-like form the CLI reads."""

from __future__ import annotations

import datetime as dt

from finqr_desktop.domain import due_dates
from finqr_desktop.domain.due_dates import PaymentTerms
from finqr_desktop.services import invoices
from finqr_desktop.services.company import require_company
from finqr_desktop.services.invoice_input import draft_from_data
from finqr_desktop.services.issue_order import OutOfDateOrder
from finqr_desktop.storage.models import InvoiceRow


def draft_data(customer="1001", **overrides) -> dict:
    data = {
        "customer": customer,
        "currency": "SEK",
        "issue_date": "2026-12-04",
        "prices_include_vat": False,
        "round_to_whole": False,
        "invoice_discount": "0",
        "lines": [
            {
                "description": "Konsulttimmar",
                "quantity": "10",
                "unit": "h",
                "unit_price": "950.00",
                "vat_rate": "25",
                "discount_percent": "0",
            },
            {
                "description": "Kaffebröd",
                "quantity": "3",
                "unit": "st",
                "unit_price": "45.50",
                "vat_rate": "12",
                "discount_percent": "10",
            },
        ],
    }
    data.update(overrides)
    return data


def create_draft(database, **overrides) -> int:
    with database.writing() as session:
        draft, terms = draft_from_data(session, draft_data(**overrides))
        return invoices.save_draft(session, draft, payment_terms=terms).id


def issue_new(database, *, email: bool = False, **overrides) -> str:
    """Issue a new invoice and return its number. Without ``email`` its e-mail is not queued,
    so reminder tests find only reminders in the outbox (test_invoice_mail covers it)."""
    invoice_id = create_draft(database, **overrides)
    with database.writing() as session:
        moment = dt.datetime(2026, 12, 4, 9)
        return issue_in_history(session, invoice_id, now=moment, email=email).number


def issue_in_history(session, invoice_id: int, **options):
    """Issue a draft as ``invoices.issue_invoice`` does, also when it is dated before an
    invoice already issued: test ledgers are written in any order, where a real one was
    issued day by day. Such a draft is issued dated as the latest one (the only date the
    ledger accepts now), then given back its own date and the due date that follows from it,
    as a ledger kept before the date-order rule holds them."""
    try:
        return invoices.issue_invoice(session, invoice_id, **options)
    except OutOfDateOrder as refusal:
        record = session.get(InvoiceRow, invoice_id)
        wanted, due = record.issue_date, record.due_date
        record.issue_date = refusal.latest
        issued = invoices.issue_invoice(session, invoice_id, **options)
        issued.issue_date = wanted
        if due is None:
            terms = PaymentTerms.parse(issued.payment_terms)
            next_bank_day = require_company(session).due_date_next_bank_day
            issued.due_date = due_dates.due_date(wanted, terms, next_bank_day=next_bank_day)
        session.flush()
        return issued
