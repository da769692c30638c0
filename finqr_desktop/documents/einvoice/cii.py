"""Factur-X / ZUGFeRD 2 EN 16931 profile: the UN/CEFACT Cross Industry Invoice (CII).

The same model as the UBL file, in CII's words and order (checked in the tests against
the Factur-X 1.0 EN 16931 schema). Bankgiro and Plusgiro have no CII element of their own;
they go in the creditor account's proprietary ID, the OCR number in the payment reference.
"""

from __future__ import annotations

import datetime as dt
import logging

from lxml import etree

from ...domain.einvoice import Category, EInvoice, Party
from ...domain.einvoice_rules import require_sums
from .required_texts import require_texts
from .xml_text import amount, clean, number, serialise, sub

logger = logging.getLogger(__name__)

GUIDELINE = "urn:cen.eu:en16931:2017"
RSM = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
QDT = "urn:un:unece:uncefact:data:standard:QualifiedDataType:100"
UDT = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"
NAMESPACES = {"rsm": RSM, "ram": RAM, "qdt": QDT, "udt": UDT}
F_TAX_TEXT = "Godkänd för F-skatt"


def ram(name: str) -> str:
    return f"{{{RAM}}}{name}"


def build_cii(invoice: EInvoice) -> bytes:
    """The factur-x.xml of ``invoice``; SumRuleError when its figures break EN 16931."""
    require_sums(invoice)
    require_texts(invoice)
    root = etree.Element(f"{{{RSM}}}CrossIndustryInvoice", nsmap=NAMESPACES)
    context = sub(root, f"{{{RSM}}}ExchangedDocumentContext")
    sub(sub(context, ram("GuidelineSpecifiedDocumentContextParameter")), ram("ID"), GUIDELINE)

    document = sub(root, f"{{{RSM}}}ExchangedDocument")
    sub(document, ram("ID"), invoice.number)
    sub(document, ram("TypeCode"), invoice.type_code)
    _date(sub(document, ram("IssueDateTime")), invoice.issue_date)
    if clean(invoice.note):
        sub(sub(document, ram("IncludedNote")), ram("Content"), invoice.note)
    if invoice.seller.f_tax:
        note = sub(document, ram("IncludedNote"))
        sub(note, ram("Content"), F_TAX_TEXT)
        sub(note, ram("SubjectCode"), "REG")

    transaction = sub(root, f"{{{RSM}}}SupplyChainTradeTransaction")
    for line in invoice.lines:
        _line(transaction, invoice, line)
    _agreement(transaction, invoice)
    delivery = sub(transaction, ram("ApplicableHeaderTradeDelivery"))
    if invoice.delivery_date or any(g.category.code == "K" for g in invoice.vat):
        if any(g.category.code == "K" for g in invoice.vat):
            ship_to = sub(delivery, ram("ShipToTradeParty"))
            address = sub(ship_to, ram("PostalTradeAddress"))
            sub(address, ram("CountryID"), invoice.buyer.country)
        event = sub(delivery, ram("ActualDeliverySupplyChainEvent"))
        _date(sub(event, ram("OccurrenceDateTime")), invoice.delivery_date or invoice.issue_date)
    _settlement(transaction, invoice)
    logger.debug("built CII %s with %d lines", invoice.number, len(invoice.lines))
    return serialise(root)


def _date(parent, day: dt.date) -> None:
    sub(parent, f"{{{UDT}}}DateTimeString", day.strftime("%Y%m%d"), format="102")


def _money(parent, name: str, value, invoice: EInvoice, *, currency: bool = False) -> None:
    attributes = {"currencyID": invoice.currency} if currency else {}
    sub(parent, ram(name), amount(value, invoice.exponent), **attributes)


def _line(transaction, invoice: EInvoice, line) -> None:
    item = sub(transaction, ram("IncludedSupplyChainTradeLineItem"))
    sub(sub(item, ram("AssociatedDocumentLineDocument")), ram("LineID"), line.line_id)
    product = sub(item, ram("SpecifiedTradeProduct"))
    sub(product, ram("Name"), line.name)
    if clean(line.description):
        sub(product, ram("Description"), line.description)
    agreement = sub(item, ram("SpecifiedLineTradeAgreement"))
    sub(sub(agreement, ram("NetPriceProductTradePrice")), ram("ChargeAmount"),
        number(line.net_price))  # fmt: skip
    delivery = sub(item, ram("SpecifiedLineTradeDelivery"))
    sub(delivery, ram("BilledQuantity"), number(line.quantity), unitCode=line.unit_code)
    settlement = sub(item, ram("SpecifiedLineTradeSettlement"))
    tax = sub(settlement, ram("ApplicableTradeTax"))
    sub(tax, ram("TypeCode"), "VAT")
    sub(tax, ram("CategoryCode"), line.category.code)
    sub(tax, ram("RateApplicablePercent"), number(line.category.percent))
    for is_charge, value in ((False, line.allowance), (True, line.charge)):
        if value:
            charge = sub(settlement, ram("SpecifiedTradeAllowanceCharge"))
            indicator = sub(charge, ram("ChargeIndicator"))
            sub(indicator, f"{{{UDT}}}Indicator", "true" if is_charge else "false")
            _money(charge, "ActualAmount", value, invoice)
            sub(charge, ram("Reason"), line.allowance_reason)
    summation = sub(settlement, ram("SpecifiedTradeSettlementLineMonetarySummation"))
    _money(summation, "LineTotalAmount", line.net_amount, invoice)


def _agreement(transaction, invoice: EInvoice) -> None:
    agreement = sub(transaction, ram("ApplicableHeaderTradeAgreement"))
    sub(agreement, ram("BuyerReference"), invoice.buyer_reference)
    _party(sub(agreement, ram("SellerTradeParty")), invoice.seller)
    _party(sub(agreement, ram("BuyerTradeParty")), invoice.buyer)


def _party(element, party: Party) -> None:
    sub(element, ram("Name"), party.name)
    if party.org_number:
        legal = sub(element, ram("SpecifiedLegalOrganization"))
        scheme = {"schemeID": "0007"} if party.country == "SE" else {}
        sub(legal, ram("ID"), party.org_number, **scheme)
    if any(clean(v) for v in (party.contact_name, party.phone, party.email)):
        contact = sub(element, ram("DefinedTradeContact"))
        if clean(party.contact_name):
            sub(contact, ram("PersonName"), party.contact_name)
        if clean(party.phone):
            sub(sub(contact, ram("TelephoneUniversalCommunication")), ram("CompleteNumber"),
                party.phone)  # fmt: skip
        if clean(party.email):
            sub(sub(contact, ram("EmailURIUniversalCommunication")), ram("URIID"), party.email)
    address = sub(element, ram("PostalTradeAddress"))
    if clean(party.postal_code):
        sub(address, ram("PostcodeCode"), party.postal_code)
    streets = [clean(line) for line in party.street_lines if clean(line)]
    for name, street in zip(("LineOne", "LineTwo"), streets, strict=False):
        sub(address, ram(name), street)
    if len(streets) > 2:
        sub(address, ram("LineThree"), " ".join(streets[2:]))
    if clean(party.city):
        sub(address, ram("CityName"), party.city)
    sub(address, ram("CountryID"), party.country)
    if party.endpoint_id:
        uri = sub(element, ram("URIUniversalCommunication"))
        sub(uri, ram("URIID"), party.endpoint_id, schemeID=party.endpoint_scheme)
    if party.vat_number:
        sub(sub(element, ram("SpecifiedTaxRegistration")), ram("ID"), party.vat_number,
            schemeID="VA")  # fmt: skip
    if party.f_tax:
        # The Swedish F-tax approval is the seller's tax registration (BT-32).
        sub(sub(element, ram("SpecifiedTaxRegistration")), ram("ID"), F_TAX_TEXT,
            schemeID="FC")  # fmt: skip


def _settlement(transaction, invoice: EInvoice) -> None:
    settlement = sub(transaction, ram("ApplicableHeaderTradeSettlement"))
    if invoice.payment_id:
        sub(settlement, ram("PaymentReference"), invoice.payment_id)
    sub(settlement, ram("InvoiceCurrencyCode"), invoice.currency)
    if not invoice.is_credit_note:
        for account in invoice.accounts:
            means = sub(settlement, ram("SpecifiedTradeSettlementPaymentMeans"))
            sub(means, ram("TypeCode"), "30")
            # BT-82 must read the same in every payment means (CII-SR-468).
            sub(means, ram("Information"), "Credit transfer")
            creditor = sub(means, ram("PayeePartyCreditorFinancialAccount"))
            if account.kind == "iban":
                sub(creditor, ram("IBANID"), account.number)
            else:
                sub(creditor, ram("ProprietaryID"), account.number)
            if account.kind == "iban" and account.bic:
                institution = sub(means, ram("PayeeSpecifiedCreditorFinancialInstitution"))
                sub(institution, ram("BICID"), account.bic)
    for group in invoice.vat:
        tax = sub(settlement, ram("ApplicableTradeTax"))
        _money(tax, "CalculatedAmount", group.tax, invoice)
        sub(tax, ram("TypeCode"), "VAT")
        if group.category.exemption_reason:
            sub(tax, ram("ExemptionReason"), group.category.exemption_reason)
        _money(tax, "BasisAmount", group.taxable, invoice)
        sub(tax, ram("CategoryCode"), group.category.code)
        if group.category.exemption_code:
            sub(tax, ram("ExemptionReasonCode"), group.category.exemption_code)
        sub(tax, ram("RateApplicablePercent"), number(group.category.percent))
    for allowance in invoice.allowances:
        charge = sub(settlement, ram("SpecifiedTradeAllowanceCharge"))
        sub(sub(charge, ram("ChargeIndicator")), f"{{{UDT}}}Indicator", "false")
        _money(charge, "ActualAmount", allowance.amount, invoice)
        sub(charge, ram("ReasonCode"), allowance.reason_code)
        sub(charge, ram("Reason"), allowance.reason)
        _category_tax(charge, allowance.category)
    if not invoice.is_credit_note and (invoice.due_date or clean(invoice.payment_terms)):
        terms = sub(settlement, ram("SpecifiedTradePaymentTerms"))
        if clean(invoice.payment_terms):
            sub(terms, ram("Description"), invoice.payment_terms)
        if invoice.due_date:
            _date(sub(terms, ram("DueDateDateTime")), invoice.due_date)
    _summation(settlement, invoice)
    if invoice.credited_number:
        reference = sub(settlement, ram("InvoiceReferencedDocument"))
        sub(reference, ram("IssuerAssignedID"), invoice.credited_number)
        if invoice.credited_date:
            issued = sub(reference, ram("FormattedIssueDateTime"))
            sub(issued, f"{{{QDT}}}DateTimeString", invoice.credited_date.strftime("%Y%m%d"),
                format="102")  # fmt: skip


def _category_tax(parent, category: Category) -> None:
    tax = sub(parent, ram("CategoryTradeTax"))
    sub(tax, ram("TypeCode"), "VAT")
    sub(tax, ram("CategoryCode"), category.code)
    sub(tax, ram("RateApplicablePercent"), number(category.percent))


def _summation(settlement, invoice: EInvoice) -> None:
    totals = invoice.totals
    summation = sub(settlement, ram("SpecifiedTradeSettlementHeaderMonetarySummation"))
    _money(summation, "LineTotalAmount", totals.line_extension, invoice)
    _money(summation, "ChargeTotalAmount", totals.charges, invoice)
    _money(summation, "AllowanceTotalAmount", totals.allowances, invoice)
    _money(summation, "TaxBasisTotalAmount", totals.tax_exclusive, invoice)
    _money(summation, "TaxTotalAmount", totals.tax, invoice, currency=True)
    if totals.rounding:
        _money(summation, "RoundingAmount", totals.rounding, invoice)
    _money(summation, "GrandTotalAmount", totals.tax_inclusive, invoice)
    _money(summation, "TotalPrepaidAmount", totals.prepaid, invoice)
    _money(summation, "DuePayableAmount", totals.payable, invoice)
