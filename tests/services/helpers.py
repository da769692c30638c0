"""Small builders for service tests: drafts from the JSON-like form the CLI reads."""

from __future__ import annotations

import datetime as dt

from finqr_desktop.services import invoices
from finqr_desktop.services.invoice_input import draft_from_data


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
        return invoices.issue_invoice(session, invoice_id, now=moment, email=email).number
