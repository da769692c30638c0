"""E-invoices of issued documents in a real ledger: the issued figures to the öre, valid
against the official schemas, and refused with a clear reason when something is missing."""

from __future__ import annotations

import base64
import dataclasses
import io
from decimal import Decimal

import pikepdf
import pytest
from sqlalchemy import select

from finqr_desktop.documents.einvoice.cii import build_cii
from finqr_desktop.domain.errors import RuleViolation, ValidationFailed
from finqr_desktop.domain.parties import Address, Customer
from finqr_desktop.services import credits, einvoice, einvoice_model, invoices
from finqr_desktop.services import customers as customer_service
from finqr_desktop.services.documents import archived_pdf
from finqr_desktop.storage.models import CompanyRow, CustomerRow, InvoiceRow

from ..documents.einvoice.schemas import (
    assert_valid_cii,
    assert_valid_ubl,
    cii_schematron_failures,
    ubl_schematron_failures,
)
from .helpers import create_draft, issue_new

NS = {
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}
ABROAD = Customer(
    number="2001", name="Müller Bau GmbH", vat_number="DE136695976",
    address=Address("Hauptstraße 1", "10115", "Berlin", "DE"), emails=["rechnung@mueller.example"],
    language="en", currency="EUR", peppol_id="9930:DE136695976", buyer_reference="PO-77",
)  # fmt: skip


@pytest.fixture
def eledger(ledger):
    with ledger.writing() as session:
        customer_service.add_customer(session, ABROAD)
    return ledger


def lines(*specs):
    return [
        {"description": text, "quantity": q, "unit": unit, "unit_price": price,
         "vat_rate": rate, "discount_percent": discount}
        for text, q, unit, price, rate, discount in specs
    ]  # fmt: skip


def record(session, number: str) -> InvoiceRow:
    return session.scalar(select(InvoiceRow).where(InvoiceRow.number == number))


def both_files(database, number: str):
    with database.writing() as session:
        ubl = einvoice.export_file(session, number, "ubl")
        facturx = einvoice.export_file(session, number, "facturx")
        row = record(session, number)
        ledger_view = (
            row.total_minor, row.vat_minor, row.rounding_minor,
            [(g.vat_category, g.vat_percent, g.net_minor, g.vat_minor) for g in row.vat_groups],
            archived_pdf(session, row.id),
        )  # fmt: skip
        xml = build_cii(einvoice.einvoice_of(session, row, with_pdf=False))
    return ubl, facturx, xml, ledger_view


def assert_ledger_figures(root, view, *, credit=False) -> None:
    total, vat, rounding, groups, _ = view
    sign = -1 if credit else 1

    def amount(path):
        element = root.find(path, NS)
        return None if element is None else int(Decimal(element.text) * 100)

    assert amount("cac:LegalMonetaryTotal/cbc:PayableAmount") == sign * total
    assert amount("cac:TaxTotal/cbc:TaxAmount") == sign * vat
    assert (amount("cac:LegalMonetaryTotal/cbc:PayableRoundingAmount") or 0) == sign * rounding
    subtotals = [
        (s.find("cac:TaxCategory/cbc:ID", NS).text,
         Decimal(s.find("cac:TaxCategory/cbc:Percent", NS).text),
         int(Decimal(s.find("cbc:TaxableAmount", NS).text) * 100),
         int(Decimal(s.find("cbc:TaxAmount", NS).text) * 100))
        for s in root.findall("cac:TaxTotal/cac:TaxSubtotal", NS)
    ]  # fmt: skip
    assert subtotals == [(c, p, sign * n, sign * v) for c, p, n, v in groups]


SCENARIOS = {
    "mixed rates and a line discount": {},
    "invoice discount and öre rounding": {"invoice_discount": "100", "round_to_whole": True},
    "gross prices": {"prices_include_vat": True, "invoice_discount": "33.33"},
    "mixed 25/12/6 with odd quantities": {
        "lines": lines(
            ("Konsult", "7.5", "tim", "1150.00", "25", "0"),
            ("Bok", "3", "st", "199.00", "6", "10"),
            ("Lunch", "0.3333", "st", "89.90", "12", "12.5"),
        ),  # fmt: skip
        "round_to_whole": True,
    },
}


@pytest.mark.parametrize("options", SCENARIOS.values(), ids=SCENARIOS.keys())
def test_a_domestic_invoice_is_valid_and_carries_the_ledger_figures(ledger, options):
    number = issue_new(ledger, your_reference="Eva Ek", **options)
    ubl, facturx, xml, view = both_files(ledger, number)

    root = assert_valid_ubl(ubl.content)
    assert_ledger_figures(root, view)
    embedded = root.find("cac:AdditionalDocumentReference/cac:Attachment/"
                         "cbc:EmbeddedDocumentBinaryObject", NS)  # fmt: skip
    assert base64.b64decode(embedded.text) == view[4]
    assert_valid_cii(xml)
    assert cii_schematron_failures(xml) == []
    with pikepdf.open(io.BytesIO(facturx.content)) as document:
        (spec,) = document.Root.AF
        assert spec.EF.F.read_bytes() == xml


@pytest.mark.parametrize(("code", "category"), [("reverse_charge", "AE"), ("intra_eu", "K"),
                                                ("export", "G")])  # fmt: skip
def test_zero_rated_supplies_abroad_carry_their_category_and_reason(eledger, code, category):
    number = issue_new(
        eledger, customer="2001", currency="EUR",
        lines=lines(("Montage", "12", "h", "85.00", code, "0"),
                    ("Material", "1", "", "410.50", code, "5")),
    )  # fmt: skip
    ubl, _, xml, view = both_files(eledger, number)
    root = assert_valid_ubl(ubl.content)
    assert_ledger_figures(root, view)
    (reason,) = root.findall("cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory", NS)
    assert reason.find("cbc:ID", NS).text == category
    assert reason.find("cbc:TaxExemptionReason", NS).text
    assert root.find("cbc:DocumentCurrencyCode", NS).text == "EUR"
    buyer = root.find("cac:AccountingCustomerParty/cac:Party", NS)
    assert buyer.find("cbc:EndpointID", NS).get("schemeID") == "9930"
    assert root.find("cbc:BuyerReference", NS).text == "PO-77"
    assert cii_schematron_failures(xml) == []


def test_a_credit_note_is_valid_and_mirrors_the_ledger(ledger):
    number = issue_new(ledger, your_reference="Eva Ek", invoice_discount="50")
    with ledger.writing() as session:
        note = credits.credit_invoice(session, record(session, number).id, reason="Fel pris")
        credit_number = note.number
    ubl, _, xml, view = both_files(ledger, credit_number)
    root = assert_valid_ubl(ubl.content)
    assert root.tag.endswith("}CreditNote")
    assert_ledger_figures(root, view, credit=True)
    billing = root.find("cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID", NS)
    assert billing.text == number
    # The credit note's reference is the credited invoice's.
    assert root.find("cbc:BuyerReference", NS).text == "Eva Ek"
    assert cii_schematron_failures(xml) == []


HOSTILE = "Bygg <b>&amp; \"Söner\" 'AB' ]]> </cbc:Name> " + "å" * 150


def test_hostile_text_in_every_field_comes_out_escaped_and_valid(ledger):
    with ledger.writing() as session:
        customer_service.add_customer(session, Customer(
            number="3001", name=HOSTILE, org_number="556036-0793",
            address=Address(HOSTILE + "\n" + HOSTILE, "123 45", HOSTILE[:100], "SE"),
            buyer_reference=HOSTILE[:200],
        ))  # fmt: skip
    description = (HOSTILE + "\n") * 12
    number = issue_new(
        ledger, customer="3001", your_reference=HOSTILE[:200], our_reference=HOSTILE[:200],
        notes=HOSTILE, lines=lines((description[:2000], "1", "<st>", "10.00", "25", "0")),
    )  # fmt: skip
    ubl, _, xml, _ = both_files(ledger, number)
    root = assert_valid_ubl(ubl.content)
    name = root.find("cac:AccountingCustomerParty/cac:Party/cac:PartyName/cbc:Name", NS)
    assert name.text == HOSTILE.strip()
    assert root.find("cbc:Note", NS).text == HOSTILE.strip()
    assert b"<b>" not in ubl.content and b"<b>" not in xml
    assert_valid_cii(xml)
    assert cii_schematron_failures(xml) == []


def test_issuing_for_an_e_invoice_customer_without_a_buyer_reference_is_refused(ledger):
    with ledger.writing() as session:
        session.scalar(
            select(CustomerRow).where(CustomerRow.number == "1001")
        ).einvoice_format = "pdf_ubl"
    draft = create_draft(ledger)
    with pytest.raises(ValidationFailed) as refused, ledger.writing() as session:
        invoices.issue_invoice(session, draft)
    (problem,) = refused.value.problems
    assert problem.field == "your_reference"
    assert "PEPPOL-EN16931-R003" in problem.message and "customer 1001" in problem.message
    with ledger.reading() as session:
        assert session.get(InvoiceRow, draft).is_draft


def test_exporting_without_a_buyer_reference_says_where_to_add_one(ledger):
    number = issue_new(ledger)
    with pytest.raises(RuleViolation, match="buyer reference") as refused, ledger.writing() as s:
        einvoice.export_file(s, number, "ubl")
    assert "customer 1001" in str(refused.value)


def test_a_buyer_without_a_peppol_address_gets_factur_x_but_no_peppol_file(ledger):
    number = issue_new(ledger, customer="1002", your_reference="Anna")
    with pytest.raises(RuleViolation, match="Peppol endpoint ID"), ledger.writing() as session:
        einvoice.export_file(session, number, "ubl")
    with ledger.writing() as session:
        xml = build_cii(einvoice.einvoice_of(session, record(session, number), with_pdf=False,
                                             peppol=False))  # fmt: skip
    assert_valid_cii(xml)
    assert cii_schematron_failures(xml) == []
    # A person's identity number is never sent.
    assert b"URIUniversalCommunication" not in xml.split(b"BuyerTradeParty")[1]


def test_a_shifted_vat_invoice_needs_the_company_vat_number(eledger):
    shifted = lines(("Montage", "1", "h", "85.00", "reverse_charge", "0"))
    number = issue_new(eledger, customer="2001", currency="EUR", lines=shifted)
    with eledger.writing() as session:
        session.scalar(select(CompanyRow)).vat_number = ""
    with pytest.raises(RuleViolation, match="category AE needs the company's VAT number"):
        with eledger.writing() as session:
            einvoice.export_file(session, number, "ubl")


def test_the_buyer_is_the_one_invoiced_whatever_changed_since(ledger):
    with ledger.writing() as session:
        customer = customer_service.find_customer(session, "1001")
        customer.peppol_id = "0088:7300010000001"
    number = issue_new(ledger, your_reference="Eva")
    with ledger.writing() as session:
        customer = customer_service.find_customer(session, "1001")
        customer.peppol_id, customer.name = "0007:5560360793", "Renamed AB"
    ubl, _, _, _ = both_files(ledger, number)
    root = assert_valid_ubl(ubl.content)
    party = root.find("cac:AccountingCustomerParty/cac:Party", NS)
    endpoint = party.find("cbc:EndpointID", NS)
    assert (endpoint.get("schemeID"), endpoint.text) == ("0088", "7300010000001")
    assert party.find("cac:PartyName/cbc:Name", NS).text == "Nilsson & Söner Bygg AB"


def test_unknown_numbers_drafts_and_formats_are_refused(ledger):
    create_draft(ledger)
    with ledger.writing() as session:
        with pytest.raises(RuleViolation, match="no issued invoice"):
            einvoice.export_file(session, "2026-9999", "ubl")
        with pytest.raises(ValidationFailed, match="ubl or facturx"):
            einvoice.export_file(session, "2026-9999", "svefaktura")


def test_figures_that_break_a_sum_rule_produce_no_file(ledger, monkeypatch):
    number = issue_new(ledger, your_reference="Eva")
    real = einvoice_model.figures

    def off_by_one_ore(*args, **kwargs):
        made = real(*args, **kwargs)
        totals = dataclasses.replace(made.totals, payable=made.totals.payable + Decimal("0.01"))
        return dataclasses.replace(made, totals=totals)

    monkeypatch.setattr(einvoice_model, "figures", off_by_one_ore)
    with pytest.raises(RuleViolation, match="BR-CO-16"), ledger.writing() as session:
        einvoice.export_file(session, number, "ubl")


@pytest.mark.parametrize("rate", ["reverse_charge", "0"])
def test_a_zero_rate_credit_note_passes_both_schematrons(eledger, rate):
    zero = lines(("Montage", "3", "h", "85.00", rate, "0"))
    number = issue_new(eledger, customer="2001", currency="EUR", lines=zero)
    with eledger.writing() as session:
        note = credits.credit_invoice(session, record(session, number).id, reason="Retur")
        credit_number = note.number
    ubl, _, xml, view = both_files(eledger, credit_number)
    root = assert_valid_ubl(ubl.content)
    assert_ledger_figures(root, view, credit=True)
    assert b">-0.00<" not in ubl.content and b">-0.00<" not in xml
    assert ubl_schematron_failures(ubl.content) == []
    assert cii_schematron_failures(xml) == []


def test_issuing_a_ubl_invoice_for_a_buyer_without_a_peppol_address_is_refused(ledger):
    # Customer 1002 is a person: no organisation number to derive an address from.
    with ledger.writing() as session:
        customer = session.scalar(select(CustomerRow).where(CustomerRow.number == "1002"))
        customer.einvoice_format, customer.buyer_reference = "pdf_ubl", "Anna"
    draft = create_draft(ledger, customer="1002")
    with pytest.raises(ValidationFailed) as refused, ledger.writing() as session:
        invoices.issue_invoice(session, draft)
    (problem,) = refused.value.problems
    assert problem.field == "customer"
    assert "needs the buyer's Peppol address: set customer 1002's Peppol endpoint ID" in str(
        problem
    )
    with ledger.reading() as session:
        assert session.get(InvoiceRow, draft).is_draft
    # Factur-X carries no Peppol address: the same invoice may be issued in that format.
    with ledger.writing() as session:
        session.scalar(
            select(CustomerRow).where(CustomerRow.number == "1002")
        ).einvoice_format = "facturx"
    with ledger.writing() as session:
        assert invoices.issue_invoice(session, draft).number


@pytest.mark.parametrize("file_format", ["pdf_ubl", "facturx"])
def test_issuing_an_e_invoice_without_the_company_org_number_is_refused(ledger, file_format):
    with ledger.writing() as session:
        customer = session.scalar(select(CustomerRow).where(CustomerRow.number == "1001"))
        customer.einvoice_format, customer.buyer_reference = file_format, "Eva"
        company = session.scalar(select(CompanyRow))
        company.org_number = company.vat_number = ""
    draft = create_draft(ledger)
    with pytest.raises(ValidationFailed) as refused, ledger.writing() as session:
        invoices.issue_invoice(session, draft)
    fields = {p.field: p.message for p in refused.value.problems}
    assert "the company's organisation number" in fields["company"]
    with ledger.reading() as session:
        assert session.get(InvoiceRow, draft).is_draft
