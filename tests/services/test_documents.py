"""Issued documents as PDFs: the recorded template version, and an archive that holds."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import replace
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from finqr_desktop.domain.errors import RuleViolation
from finqr_desktop.services import credits, documents, invoices, templates
from finqr_desktop.storage.models import CustomerRow, DocumentArchiveRow, InvoiceRow
from tests.documents.reading import all_text, flat

from .helpers import create_draft, issue_new

NOW = dt.datetime(2026, 12, 4, 9)


def invoice(session, number: str) -> InvoiceRow:
    return invoices.get_by_number(session, number)


def archive_count(session) -> int:
    return session.scalar(select(func.count()).select_from(DocumentArchiveRow))


def test_issuing_records_the_version_and_archives_what_the_customer_gets(ledger):
    number = issue_new(ledger)
    with ledger.reading() as session:
        record = invoice(session, number)
        stored = session.scalar(select(DocumentArchiveRow))
        assert record.template_version_id == templates.default_version_id(session)
        assert stored.invoice_id == record.id
        assert stored.template_version_id == record.template_version_id
        assert stored.sha256 == hashlib.sha256(stored.pdf).hexdigest()
        ocr, pdf = record.ocr, stored.pdf

    text = flat(all_text(pdf))
    assert number in text and ocr in text
    assert "12 012,59 kr" in text
    assert "Nilsson & Söner Bygg AB" in text and "Exempel Handel AB" in text


def test_the_archive_outlives_a_template_change(ledger):
    first = issue_new(ledger)
    with ledger.writing() as session:
        old_version = invoice(session, first).template_version_id
        pdf, digest = documents.archive_pdf(session, invoice(session, first).id)
        template_id = templates.ensure_default_template(session).id
        changed = replace(templates.default_design(), primary="#8B0000", paper="Letter")
        new_version = templates.save_design(session, template_id, changed)

    second = issue_new(ledger)
    with ledger.writing() as session:
        first_id = invoice(session, first).id
        again = documents.archived_pdf(session, first_id)
        stored = session.scalar(
            select(DocumentArchiveRow.sha256).where(DocumentArchiveRow.invoice_id == first_id)
        )
        newer = invoice(session, second)
        assert newer.template_version_id == new_version != old_version
        assert invoice(session, first).template_version_id == old_version
        newer_pdf = documents.archived_pdf(session, newer.id)
    assert again == pdf and stored == digest == hashlib.sha256(again).hexdigest()
    assert newer_pdf != pdf


def test_a_batch_records_the_version_and_archives_on_first_use(ledger):
    ids = [create_draft(ledger), create_draft(ledger, customer="1002")]
    with ledger.writing() as session:
        issued = list(invoices.issue_invoices(session, ids, now=NOW))
        version_id = templates.default_version_id(session)
        assert [r.template_version_id for r in issued] == [version_id, version_id]
        assert archive_count(session) == 0

    with ledger.writing() as session:
        pdf = documents.archived_pdf(session, ids[1])
        assert archive_count(session) == 1
        assert documents.archived_pdf(session, ids[1]) == pdf
    text = flat(all_text(pdf))
    # The second customer reads English.
    assert "Anna Andersson" in text and "SEK" in text


def test_a_document_archived_late_still_uses_its_recorded_version(ledger):
    invoice_id = create_draft(ledger)
    with ledger.writing() as session:
        list(invoices.issue_invoices(session, [invoice_id], now=NOW))
        recorded = session.get(InvoiceRow, invoice_id).template_version_id
        template_id = templates.ensure_default_template(session).id
        templates.save_design(session, template_id, replace(templates.default_design(), name="Ny"))
        documents.archive_pdf(session, invoice_id)
        stored = session.scalar(select(DocumentArchiveRow.template_version_id))
    assert stored == recorded


def test_a_credit_note_is_archived_with_the_credited_invoice(ledger):
    number = issue_new(ledger)
    with ledger.writing() as session:
        original = invoice(session, number)
        note = credits.credit_invoice(
            session, original.id, issue_date=dt.date(2026, 12, 5), now=NOW
        )
        data = documents.document_data(session, note)
        assert note.template_version_id == templates.default_version_id(session)
        pdf = documents.archived_pdf(session, note.id)
        assert archive_count(session) == 2
    assert data.kind == "credit_note"
    assert (data.credited_number, data.credited_date) == (number, dt.date(2026, 12, 4))
    assert data.total == Decimal("-12012.59")
    text = flat(all_text(pdf))
    assert note.number in text and number in text and "−12 012,59 kr" in text


def test_document_data_shows_the_invoice_as_issued_even_after_a_payment(ledger):
    number = issue_new(ledger)
    with ledger.writing() as session:
        customer = session.scalar(select(CustomerRow).where(CustomerRow.number == "1001"))
        customer.name = "Nytt Namn AB"
        record = invoice(session, number)
        record.paid_minor = 200000
        data = documents.document_data(session, record)
    assert data.buyer.name == "Nilsson & Söner Bygg AB"
    assert data.buyer.address_lines == ("Byggvägen 5", "222 33 Lund")
    assert data.seller.address_lines == ("Storgatan 1", "111 22 Stockholm")
    assert data.reference == record.ocr and data.language == "sv"
    # Archived after a payment, the PDF still asks for what the invoice asked for.
    assert data.due == data.total == Decimal("12012.59")
    assert [(row.percent, row.vat) for row in data.vat_rows] == [
        (Decimal(25), Decimal("2375.00")),
        (Decimal(12), Decimal("14.74")),
    ]
    assert data.payment_terms == "30 dagar netto"


def test_a_draft_has_no_pdf(ledger):
    draft_id = create_draft(ledger)
    with ledger.writing() as session, pytest.raises(RuleViolation):
        documents.archived_pdf(session, draft_id)
