"""Peppol BIS 3 UBL: valid against the official UBL 2.1 schema, the figures as issued."""

from __future__ import annotations

import base64
import dataclasses
from decimal import Decimal

import pytest

from finqr_desktop.documents.einvoice.ubl import build_ubl
from finqr_desktop.documents.einvoice.xml_text import clean
from finqr_desktop.domain.einvoice_rules import SumRuleError

from .samples import HOSTILE, full, hostile, shared_sample
from .schemas import assert_valid_ubl, ubl_schematron_failures

NS = {
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}


def text(root, path: str) -> list[str]:
    return [element.text for element in root.findall(path, NS)]


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"discount": "100", "whole": True},
        {"gross": True, "discount": "33.33"},
        {"credit": True},
        {"credit": True, "gross": True, "discount": "10"},
    ],
)
def test_every_kind_of_document_validates_against_the_ubl_schema(options):
    invoice = full(**options)
    xml = build_ubl(invoice)
    root = assert_valid_ubl(xml)
    assert ubl_schematron_failures(xml) == []
    totals = invoice.totals
    assert text(root, "cac:LegalMonetaryTotal/cbc:PayableAmount") == [str(totals.payable)]
    assert text(root, "cac:TaxTotal/cbc:TaxAmount") == [str(totals.tax)]
    line_tag = "cac:CreditNoteLine" if invoice.is_credit_note else "cac:InvoiceLine"
    assert len(root.findall(line_tag, NS)) == len(invoice.lines)


def test_an_invoice_carries_what_peppol_and_sweden_ask_for():
    root = assert_valid_ubl(build_ubl(full(discount="100", whole=True)))
    assert text(root, "cbc:CustomizationID") == [
        "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
    ]
    assert text(root, "cbc:InvoiceTypeCode") == ["380"]
    assert text(root, "cbc:BuyerReference") == ["Avd 12 / Eva"]
    seller = root.find("cac:AccountingSupplierParty/cac:Party", NS)
    assert seller.find("cbc:EndpointID", NS).get("schemeID") == "0007"
    assert text(seller, "cac:PartyTaxScheme/cbc:CompanyID") == [
        "SE556677889901", "Godkänd för F-skatt",
    ]  # fmt: skip
    assert text(seller, "cac:PartyLegalEntity/cbc:CompanyID") == ["5566778899"]
    means = root.findall("cac:PaymentMeans", NS)
    assert [m.find("cbc:PaymentMeansCode", NS).text for m in means] == ["30", "30", "30"]
    assert text(root, "cac:PaymentMeans/cbc:PaymentID") == ["2026004206"] * 3
    branch = "cac:PaymentMeans/cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID"
    assert text(root, branch) == [
        "SE:BANKGIRO", "SE:PLUSGIRO", "ESSESESS",
    ]  # fmt: skip
    assert text(root, "cac:LegalMonetaryTotal/cbc:PayableRoundingAmount") != []
    assert text(root, "cac:AllowanceCharge/cbc:AllowanceChargeReasonCode") == ["95"] * 3
    pdf = root.find(
        "cac:AdditionalDocumentReference/cac:Attachment/cbc:EmbeddedDocumentBinaryObject", NS
    )
    assert (pdf.get("mimeCode"), pdf.get("filename")) == (
        "application/pdf",
        "Invoice_2026-0042.pdf",
    )
    assert base64.b64decode(pdf.text) == b"%PDF-1.4 fake"


def test_a_credit_note_is_a_credit_note_document_that_refers_to_its_invoice():
    root = assert_valid_ubl(build_ubl(full(credit=True)))
    assert root.tag.endswith("}CreditNote")
    assert text(root, "cbc:CreditNoteTypeCode") == ["381"]
    assert text(root, "cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID") == ["2026-0041"]
    assert root.findall("cac:PaymentMeans", NS) == []
    quantities = text(root, "cac:CreditNoteLine/cbc:CreditedQuantity")
    assert all(Decimal(q) > 0 for q in quantities)


def test_zero_rates_carry_their_exemption_reason():
    invoice = full([("2", "500.00", "0", "reverse_charge"), ("1", "100.00", "0", "0")])
    root = assert_valid_ubl(build_ubl(invoice))
    categories = root.findall("cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory", NS)
    found = {c.find("cbc:ID", NS).text: c for c in categories}
    assert set(found) == {"AE", "E"}
    assert found["AE"].find("cbc:TaxExemptionReasonCode", NS).text == "VATEX-EU-AE"
    assert found["E"].find("cbc:TaxExemptionReason", NS).text


@pytest.mark.parametrize(("code", "category"), [("intra_eu", "K"), ("export", "G")])
def test_intra_eu_and_export_supplies_validate_and_name_the_delivery(code, category):
    root = assert_valid_ubl(build_ubl(full([("2", "500.00", "0", code)])))
    assert text(root, "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:ID") == [category]
    if category == "K":
        country = (
            "cac:Delivery/cac:DeliveryLocation/cac:Address/cac:Country/cbc:IdentificationCode"
        )
        assert text(root, country) == ["SE"]
        assert text(root, "cac:Delivery/cbc:ActualDeliveryDate") == ["2026-12-04"]


def test_hostile_text_in_every_field_is_escaped_and_kept():
    xml = build_ubl(hostile(full(discount="10")))
    root = assert_valid_ubl(xml)
    expected = clean(HOSTILE)
    assert "<b>" in expected and "\x00" not in expected and "\x1b" not in expected
    assert text(root, "cac:AccountingCustomerParty/cac:Party/cac:PartyName/cbc:Name") == [expected]
    assert text(root, "cbc:BuyerReference") == [expected]
    assert set(text(root, "cac:InvoiceLine/cac:Item/cbc:Name")) == {expected}
    assert b"<b>" not in xml and b"<x/>" not in xml


def test_figures_that_do_not_add_up_produce_no_file():
    invoice = full()
    broken = dataclasses.replace(
        invoice, totals=dataclasses.replace(invoice.totals, payable=Decimal("1.00"))
    )
    with pytest.raises(SumRuleError, match=r"BR-CO-16: the amount due is 1.00"):
        build_ubl(broken)


@pytest.mark.parametrize("make", [full, lambda: hostile(full(discount="10"))])
def test_no_element_is_empty(make):
    # PEPPOL-EN16931-R008: a receiver's validator rejects empty elements.
    root = assert_valid_ubl(build_ubl(make()))
    empty = [element.tag for element in root.iter() if len(element) == 0 and not element.text]
    assert empty == []


def test_the_published_peppol_example_passes_the_same_check_and_shares_our_profile():
    sample = assert_valid_ubl(shared_sample("peppol-bis3-base-example.xml"))
    ours = assert_valid_ubl(build_ubl(full()))
    for path in ("cbc:CustomizationID", "cbc:ProfileID", "cbc:InvoiceTypeCode"):
        assert text(ours, path) == text(sample, path)


def test_bankgiro_and_iban_name_the_payment_means_once():
    # UBL-SR-46 is fatal: two PaymentMeansCode names in one document are refused.
    for accounts in (full().accounts, full().accounts[::2]):
        xml = build_ubl(dataclasses.replace(full(), accounts=accounts))
        root = assert_valid_ubl(xml)
        codes = root.findall("cac:PaymentMeans/cbc:PaymentMeansCode", NS)
        assert [code.text for code in codes] == ["30"] * len(accounts)
        assert [code.get("name") for code in codes if code.get("name")] == ["Credit transfer"]
        assert ubl_schematron_failures(xml) == []


@pytest.mark.parametrize("code", ["reverse_charge", "intra_eu", "export", "0"])
def test_a_zero_rate_credit_note_says_0_00_vat_not_minus_zero(code):
    xml = build_ubl(full([("2", "500.00", "0", code), ("1", "100.00", "10", code)], credit=True))
    root = assert_valid_ubl(xml)
    assert set(text(root, ".//cbc:TaxAmount")) == {"0.00"}
    assert b">-0" not in xml
    assert ubl_schematron_failures(xml) == []
