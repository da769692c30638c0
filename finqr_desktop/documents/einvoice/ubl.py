"""Peppol BIS Billing 3.0 in UBL 2.1: an Invoice, or a CreditNote for a credit note.

Elements are written in the order the UBL schema's sequences demand (the tests validate
every file against the official XSD). Swedish specifics follow the SE national rules:
the seller's organisation number as legal entity ID (SE-R-003), "Godkänd för F-skatt"
for F-tax holders (SE-R-005), and Bankgiro/Plusgiro as credit transfers with the branch
IDs SE:BANKGIRO and SE:PLUSGIRO, the OCR number as payment ID.
"""

from __future__ import annotations

import base64
import logging

from lxml import etree

from ...domain.einvoice import Category, EInvoice, Party
from ...domain.einvoice_rules import require_sums
from .required_texts import require_texts
from .xml_text import amount, clean, number, serialise, sub

logger = logging.getLogger(__name__)

CUSTOMIZATION = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
PROFILE = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
ROOTS = {
    False: ("Invoice", "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"),
    True: ("CreditNote", "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"),
}
F_TAX_TEXT = "Godkänd för F-skatt"
BRANCHES = {"bankgiro": "SE:BANKGIRO", "plusgiro": "SE:PLUSGIRO"}


def cac(name: str) -> str:
    return f"{{{CAC}}}{name}"


def cbc(name: str) -> str:
    return f"{{{CBC}}}{name}"


def build_ubl(invoice: EInvoice) -> bytes:
    """The UBL file of ``invoice``; SumRuleError when its figures break EN 16931."""
    require_sums(invoice)
    require_texts(invoice)
    credit = invoice.is_credit_note
    root_name, namespace = ROOTS[credit]
    root = etree.Element(
        f"{{{namespace}}}{root_name}", nsmap={None: namespace, "cac": CAC, "cbc": CBC}
    )
    money = _money(invoice)

    sub(root, cbc("CustomizationID"), CUSTOMIZATION)
    sub(root, cbc("ProfileID"), PROFILE)
    sub(root, cbc("ID"), invoice.number)
    sub(root, cbc("IssueDate"), invoice.issue_date.isoformat())
    if invoice.due_date and not credit:
        sub(root, cbc("DueDate"), invoice.due_date.isoformat())
    sub(root, cbc("CreditNoteTypeCode" if credit else "InvoiceTypeCode"), invoice.type_code)
    if clean(invoice.note):
        sub(root, cbc("Note"), invoice.note)
    sub(root, cbc("DocumentCurrencyCode"), invoice.currency)
    sub(root, cbc("BuyerReference"), invoice.buyer_reference)
    if invoice.credited_number:
        reference = sub(sub(root, cac("BillingReference")), cac("InvoiceDocumentReference"))
        sub(reference, cbc("ID"), invoice.credited_number)
        if invoice.credited_date:
            sub(reference, cbc("IssueDate"), invoice.credited_date.isoformat())
    if invoice.attachment is not None:
        _attachment(root, invoice)

    _party(sub(root, cac("AccountingSupplierParty")), invoice.seller, seller=True)
    _party(sub(root, cac("AccountingCustomerParty")), invoice.buyer, seller=False)
    _delivery(root, invoice)
    _payment(root, invoice)
    for allowance in invoice.allowances:
        charge = sub(root, cac("AllowanceCharge"))
        sub(charge, cbc("ChargeIndicator"), "false")
        sub(charge, cbc("AllowanceChargeReasonCode"), allowance.reason_code)
        sub(charge, cbc("AllowanceChargeReason"), allowance.reason)
        money(charge, "Amount", allowance.amount)
        _category(charge, "TaxCategory", allowance.category, reasons=False)

    tax_total = sub(root, cac("TaxTotal"))
    money(tax_total, "TaxAmount", invoice.totals.tax)
    for group in invoice.vat:
        subtotal = sub(tax_total, cac("TaxSubtotal"))
        money(subtotal, "TaxableAmount", group.taxable)
        money(subtotal, "TaxAmount", group.tax)
        _category(subtotal, "TaxCategory", group.category, reasons=True)
    _monetary_total(root, invoice, money)
    for line in invoice.lines:
        _line(root, invoice, line, money)
    logger.debug("built UBL %s with %d lines", invoice.number, len(invoice.lines))
    return serialise(root)


def _money(invoice: EInvoice):
    def write(parent, name: str, value) -> None:
        sub(parent, cbc(name), amount(value, invoice.exponent), currencyID=invoice.currency)

    return write


def _attachment(root, invoice: EInvoice) -> None:
    attachment = invoice.attachment
    reference = sub(root, cac("AdditionalDocumentReference"))
    sub(reference, cbc("ID"), invoice.number)
    sub(reference, cbc("DocumentDescription"), "Invoice as PDF")
    binary = sub(
        sub(reference, cac("Attachment")),
        cbc("EmbeddedDocumentBinaryObject"),
        mimeCode=attachment.mime_type,
        filename=attachment.file_name,
    )
    binary.text = base64.b64encode(attachment.content).decode("ascii")


def _party(holder, party: Party, *, seller: bool) -> None:
    element = sub(holder, cac("Party"))
    sub(element, cbc("EndpointID"), party.endpoint_id, schemeID=party.endpoint_scheme)
    if party.org_number and not seller:
        identification = sub(element, cac("PartyIdentification"))
        sub(identification, cbc("ID"), party.org_number)
    sub(sub(element, cac("PartyName")), cbc("Name"), party.name)
    address = sub(element, cac("PostalAddress"))
    streets = [clean(line) for line in party.street_lines if clean(line)]
    if streets:
        sub(address, cbc("StreetName"), streets[0])
    if len(streets) > 1:
        sub(address, cbc("AdditionalStreetName"), " ".join(streets[1:]))
    if clean(party.city):
        sub(address, cbc("CityName"), party.city)
    if clean(party.postal_code):
        sub(address, cbc("PostalZone"), party.postal_code)
    sub(sub(address, cac("Country")), cbc("IdentificationCode"), party.country)
    if party.vat_number:
        scheme = sub(element, cac("PartyTaxScheme"))
        sub(scheme, cbc("CompanyID"), party.vat_number)
        sub(sub(scheme, cac("TaxScheme")), cbc("ID"), "VAT")
    if seller and party.f_tax:
        scheme = sub(element, cac("PartyTaxScheme"))
        sub(scheme, cbc("CompanyID"), F_TAX_TEXT)
        sub(sub(scheme, cac("TaxScheme")), cbc("ID"), "TAX")
    legal = sub(element, cac("PartyLegalEntity"))
    sub(legal, cbc("RegistrationName"), party.name)
    if party.org_number:
        sub(legal, cbc("CompanyID"), party.org_number)
    if any(clean(v) for v in (party.contact_name, party.phone, party.email)):
        contact = sub(element, cac("Contact"))
        for name, value in (("Name", party.contact_name), ("Telephone", party.phone),
                            ("ElectronicMail", party.email)):  # fmt: skip
            if clean(value):
                sub(contact, cbc(name), value)


def _delivery(root, invoice: EInvoice) -> None:
    """The delivery date; an intra-EU supply must also name the country delivered to."""
    intra_eu = any(group.category.code == "K" for group in invoice.vat)
    if invoice.delivery_date is None and not intra_eu:
        return
    delivery = sub(root, cac("Delivery"))
    day = invoice.delivery_date or invoice.issue_date
    sub(delivery, cbc("ActualDeliveryDate"), day.isoformat())
    if intra_eu:
        address = sub(sub(delivery, cac("DeliveryLocation")), cac("Address"))
        sub(sub(address, cac("Country")), cbc("IdentificationCode"), invoice.buyer.country)


def _payment(root, invoice: EInvoice) -> None:
    if invoice.is_credit_note:
        return
    for index, account in enumerate(invoice.accounts):
        means = sub(root, cac("PaymentMeans"))
        # The means' name (BT-82) may occur once per document (UBL-SR-46), however many
        # accounts (Bankgiro and IBAN, say) are offered: it goes on the first only.
        named = {"name": "Credit transfer"} if index == 0 else {}
        sub(means, cbc("PaymentMeansCode"), "30", **named)
        if invoice.payment_id:
            sub(means, cbc("PaymentID"), invoice.payment_id)
        financial = sub(means, cac("PayeeFinancialAccount"))
        sub(financial, cbc("ID"), account.number)
        branch = BRANCHES.get(account.kind) or account.bic
        if branch:
            sub(sub(financial, cac("FinancialInstitutionBranch")), cbc("ID"), branch)
    if clean(invoice.payment_terms):
        sub(sub(root, cac("PaymentTerms")), cbc("Note"), invoice.payment_terms)


def _category(parent, name: str, category: Category, *, reasons: bool) -> None:
    element = sub(parent, cac(name))
    sub(element, cbc("ID"), category.code)
    sub(element, cbc("Percent"), number(category.percent))
    if reasons and category.exemption_code:
        sub(element, cbc("TaxExemptionReasonCode"), category.exemption_code)
    if reasons and category.exemption_reason:
        sub(element, cbc("TaxExemptionReason"), category.exemption_reason)
    sub(sub(element, cac("TaxScheme")), cbc("ID"), "VAT")


def _monetary_total(root, invoice: EInvoice, money) -> None:
    totals = invoice.totals
    element = sub(root, cac("LegalMonetaryTotal"))
    money(element, "LineExtensionAmount", totals.line_extension)
    money(element, "TaxExclusiveAmount", totals.tax_exclusive)
    money(element, "TaxInclusiveAmount", totals.tax_inclusive)
    if totals.allowances:
        money(element, "AllowanceTotalAmount", totals.allowances)
    if totals.prepaid:
        money(element, "PrepaidAmount", totals.prepaid)
    if totals.rounding:
        money(element, "PayableRoundingAmount", totals.rounding)
    money(element, "PayableAmount", totals.payable)


def _line(root, invoice: EInvoice, line, money) -> None:
    credit = invoice.is_credit_note
    element = sub(root, cac("CreditNoteLine" if credit else "InvoiceLine"))
    sub(element, cbc("ID"), line.line_id)
    quantity = "CreditedQuantity" if credit else "InvoicedQuantity"
    sub(element, cbc(quantity), number(line.quantity), unitCode=line.unit_code)
    money(element, "LineExtensionAmount", line.net_amount)
    for is_charge, value in ((False, line.allowance), (True, line.charge)):
        if value:
            charge = sub(element, cac("AllowanceCharge"))
            sub(charge, cbc("ChargeIndicator"), "true" if is_charge else "false")
            sub(charge, cbc("AllowanceChargeReason"), line.allowance_reason)
            money(charge, "Amount", value)
    item = sub(element, cac("Item"))
    if clean(line.description):
        sub(item, cbc("Description"), line.description)
    sub(item, cbc("Name"), line.name)
    _category(item, "ClassifiedTaxCategory", line.category, reasons=False)
    price = sub(element, cac("Price"))
    sub(price, cbc("PriceAmount"), number(line.net_price), currencyID=invoice.currency)
