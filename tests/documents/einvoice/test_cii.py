"""Factur-X EN 16931 CII: valid against the official schema and its Schematron (run
offline), the figures as issued."""

from __future__ import annotations

from decimal import Decimal

import pytest

from finqr_desktop.documents.einvoice.cii import build_cii
from finqr_desktop.documents.einvoice.xml_text import clean

from .samples import HOSTILE, full, hostile, shared_sample
from .schemas import assert_valid_cii, cii_schematron_failures

NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
}
SUMMATION = (
    "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/"
    "ram:SpecifiedTradeSettlementHeaderMonetarySummation/"
)


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
def test_every_kind_of_document_passes_the_schema_and_the_schematron(options):
    invoice = full(**options)
    xml = build_cii(invoice)
    root = assert_valid_cii(xml)
    assert cii_schematron_failures(xml) == []
    due = root.find(SUMMATION + "ram:DuePayableAmount", NS).text
    assert Decimal(due) == invoice.totals.payable
    type_code = root.find("rsm:ExchangedDocument/ram:TypeCode", NS).text
    assert type_code == ("381" if invoice.is_credit_note else "380")


@pytest.mark.parametrize("credit", [False, True])
@pytest.mark.parametrize("code", ["reverse_charge", "intra_eu", "export", "0"])
def test_zero_rate_categories_pass_the_schematron(code, credit):
    lines = [("2", "500.00", "0", code), ("1", "100.00", "10", code)]
    xml = build_cii(full(lines, credit=credit))
    assert_valid_cii(xml)
    # A credit note's negated zero VAT once came out as -0.00 (BR-CO-14, BR-E-09 failed).
    assert b">-0" not in xml
    assert cii_schematron_failures(xml) == []


def test_the_profile_is_en_16931():
    root = assert_valid_cii(build_cii(full()))
    guideline = root.find(
        "rsm:ExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID", NS
    )
    assert guideline.text == "urn:cen.eu:en16931:2017"


def test_hostile_text_is_escaped_and_kept():
    xml = build_cii(hostile(full(discount="10")))
    root = assert_valid_cii(xml)
    names = root.findall(".//ram:SpecifiedTradeProduct/ram:Name", NS)
    assert {n.text for n in names} == {clean(HOSTILE)}
    assert b"<x/>" not in xml


def test_the_published_zugferd_example_passes_the_same_checks_and_shares_our_profile():
    sample = shared_sample("zugferd-2.1-en16931-simple.xml")
    assert_valid_cii(sample)
    assert cii_schematron_failures(sample) == []
    path = "rsm:ExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID"
    ours = assert_valid_cii(build_cii(full()))
    assert ours.find(path, NS).text == assert_valid_cii(sample).find(path, NS).text
