"""The invoice e-mail carries the customer's e-invoice format, as a real SMTP server on
loopback receives it: the PDF alone, the PDF and the UBL file, or the Factur-X PDF."""

from __future__ import annotations

import dataclasses
import io

import pikepdf
import pytest
from sqlalchemy import select

from finqr_desktop.services import invoices
from finqr_desktop.services.documents import archived_pdf
from finqr_desktop.services.scheduler import send_due
from finqr_desktop.storage.models import CompanyRow, CustomerRow, OutboxRow

from ..documents.einvoice.schemas import assert_valid_cii, assert_valid_ubl
from .helpers import create_draft
from .test_invoice_mail import ISSUED
from .test_mail_preview import configure
from .test_scheduler import NOW


def choose(database, file_format: str, reference: str = "Avd 12") -> None:
    with database.writing() as session:
        customer = session.scalar(select(CustomerRow).where(CustomerRow.number == "1001"))
        customer.einvoice_format = file_format
        customer.buyer_reference = reference


def issue_and_send(database, smtp) -> tuple[str, list]:
    controller, handler = smtp()
    configure(database, controller.port)
    invoice_id = create_draft(database)
    with database.writing() as session:
        number = invoices.issue_invoice(session, invoice_id, now=ISSUED).number
    report = send_due(database, now=NOW, owner="test", password=None)
    assert report.sent == len(handler.received)
    return number, handler.received


def archived(database, number: str) -> bytes:
    with database.writing() as session:
        return archived_pdf(session, invoices.get_by_number(session, number).id)


def test_pdf_only_is_the_default(ledger, smtp):
    number, (received,) = issue_and_send(ledger, smtp)
    (attachment,) = received.message.iter_attachments()
    assert attachment.get_content() == archived(ledger, number)


def test_pdf_and_ubl_attaches_a_valid_ubl_file_beside_the_pdf(ledger, smtp):
    choose(ledger, "pdf_ubl")
    number, (received,) = issue_and_send(ledger, smtp)
    pdf, xml = received.message.iter_attachments()
    assert (pdf.get_filename(), pdf.get_content_type()) == (
        f"Faktura_{number}.pdf",
        "application/pdf",
    )
    assert pdf.get_content() == archived(ledger, number)
    assert xml.get_filename() == f"Invoice_{number}.xml"
    assert xml.get_content_type() == "application/xml"
    root = assert_valid_ubl(xml.get_payload(decode=True))
    ns = {"cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"}
    assert root.find("cbc:ID", ns).text == number
    assert root.find("cbc:BuyerReference", ns).text == "Avd 12"


def test_factur_x_sends_the_hybrid_pdf_instead_of_the_plain_one(ledger, smtp):
    choose(ledger, "facturx")
    number, (received,) = issue_and_send(ledger, smtp)
    (attachment,) = received.message.iter_attachments()
    assert attachment.get_filename() == f"Faktura_{number}.pdf"
    data = attachment.get_content()
    assert data != archived(ledger, number)
    with pikepdf.open(io.BytesIO(data)) as document:
        assert list(document.attachments) == ["factur-x.xml"]
        xml = document.attachments["factur-x.xml"].get_file().read_bytes()
        assert "pdfaid:part" in str(document.open_metadata())
    assert_valid_cii(xml)


@pytest.mark.parametrize("file_format", ["pdf_ubl", "facturx"])
def test_an_e_invoice_that_cannot_be_made_waits_with_its_reason(ledger, smtp, file_format):
    controller, handler = smtp()
    configure(ledger, controller.port)
    invoice_id = create_draft(ledger, your_reference="Eva")
    with ledger.writing() as session:
        invoices.issue_invoice(session, invoice_id, now=ISSUED)
    # The company's identifiers were cleared after the invoice was issued.
    choose(ledger, file_format, reference="")
    with ledger.writing() as session:
        company = session.scalar(select(CompanyRow))
        company.org_number = company.vat_number = ""
    send_due(ledger, now=NOW, owner="test", password=None)
    assert handler.received == []
    with ledger.reading() as session:
        (row,) = session.execute(select(OutboxRow.status, OutboxRow.last_error)).all()
    assert row.status != "sent"
    assert "the company's organisation number" in row.last_error


def test_an_e_invoice_whose_sums_fail_is_not_mailed(ledger, smtp, monkeypatch):
    # A negative zero VAT (as credit notes of 0 % lines once had) breaks the rules in code.
    from finqr_desktop.services import einvoice_model

    real = einvoice_model.figures

    def negative_zero_vat(*args, **kwargs):
        made = real(*args, **kwargs)
        groups = tuple(dataclasses.replace(g, tax=-g.tax * 0) for g in made.vat)
        return dataclasses.replace(made, vat=groups)

    monkeypatch.setattr(einvoice_model, "figures", negative_zero_vat)
    controller, handler = smtp()
    configure(ledger, controller.port)
    choose(ledger, "pdf_ubl")
    invoice_id = create_draft(ledger)
    with ledger.writing() as session:
        invoices.issue_invoice(session, invoice_id, now=ISSUED)
    send_due(ledger, now=NOW, owner="test", password=None)
    assert handler.received == []
    with ledger.reading() as session:
        (row,) = session.execute(select(OutboxRow.status, OutboxRow.last_error)).all()
    assert row.status != "sent"
    assert "NEGATIVE-ZERO" in row.last_error
