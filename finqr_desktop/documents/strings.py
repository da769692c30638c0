"""Every word a customer reads on a document, in Swedish and English, in one place.

Kept as one table so that it can move to gettext catalogues under ``translations/``
without touching the layout code. Placeholders are named, so a translation may reorder
them. A language without its own table falls back to English.
"""

from __future__ import annotations

from dataclasses import dataclass

_SV = {
    "invoice": "Faktura",
    "credit_note": "Kreditfaktura",
    "invoice_number": "Fakturanummer",
    "credit_number": "Kreditfakturanummer",
    "issue_date": "Fakturadatum",
    "credit_date": "Datum",
    "delivery_date": "Leveransdatum",
    "customer_number": "Kundnummer",
    "your_reference": "Er referens",
    "our_reference": "Vår referens",
    "buyer_vat": "Ert momsreg.nr",
    "payment_terms": "Betalningsvillkor",
    "credits": "Avser faktura",
    "credited": "{number} av {date}",
    "amount_due": "Att betala",
    "credit_total": "Att kreditera",
    "due_date": "Förfallodatum",
    "ocr": "OCR-nummer",
    "reference": "Referens",
    "bankgiro": "Bankgiro",
    "plusgiro": "Plusgiro",
    "iban": "IBAN",
    "bic": "BIC",
    "description": "Beskrivning",
    "quantity": "Antal",
    "unit": "Enhet",
    "unit_price": "À-pris",
    "discount": "Rabatt",
    "vat_percent": "Moms",
    "amount": "Belopp",
    "vat_rate": "Momssats",
    "vat_base": "Underlag",
    "vat_amount": "Moms",
    "net_total": "Summa exkl. moms",
    "invoice_discount": "Fakturarabatt",
    "vat_total": "Moms",
    "rounding": "Öresavrundning",
    "payment": "Betalning",
    "scan_qr": "Skanna QR-koden med din bankapp",
    "quote_reference": "Ange {label} vid betalning.",
    "questions": "Frågor om fakturan?",
    "phone": "Telefon",
    "email": "E-post",
    "web": "Webb",
    "org_number": "Org.nr",
    "vat_number": "Momsreg.nr",
    "registered_office": "Säte",
    "f_tax": "Godkänd för F-skatt",
    "page": "Sida {page} av {pages}",
    "notes": "Meddelande",
}

_EN = {
    "invoice": "Invoice",
    "credit_note": "Credit note",
    "invoice_number": "Invoice number",
    "credit_number": "Credit note number",
    "issue_date": "Invoice date",
    "credit_date": "Date",
    "delivery_date": "Delivery date",
    "customer_number": "Customer number",
    "your_reference": "Your reference",
    "our_reference": "Our reference",
    "buyer_vat": "Your VAT number",
    "payment_terms": "Payment terms",
    "credits": "Credits invoice",
    "credited": "{number} of {date}",
    "amount_due": "Amount due",
    "credit_total": "Credited amount",
    "due_date": "Due date",
    "ocr": "OCR reference",
    "reference": "Reference",
    "bankgiro": "Bankgiro",
    "plusgiro": "Plusgiro",
    "iban": "IBAN",
    "bic": "BIC",
    "description": "Description",
    "quantity": "Qty",
    "unit": "Unit",
    "unit_price": "Unit price",
    "discount": "Discount",
    "vat_percent": "VAT",
    "amount": "Amount",
    "vat_rate": "VAT rate",
    "vat_base": "Taxable amount",
    "vat_amount": "VAT",
    "net_total": "Total excl. VAT",
    "invoice_discount": "Invoice discount",
    "vat_total": "VAT",
    "rounding": "Rounding",
    "payment": "Payment",
    "scan_qr": "Scan the QR code with your banking app",
    "quote_reference": "Please quote the {label} with your payment.",
    "questions": "Any questions?",
    "phone": "Phone",
    "email": "E-mail",
    "web": "Web",
    "org_number": "Reg. no.",
    "vat_number": "VAT no.",
    "registered_office": "Registered office",
    "f_tax": "Approved for F-tax",
    "page": "Page {page} of {pages}",
    "notes": "Message",
}

_CATALOGUES = {"sv": _SV, "en": _EN}
# The Babel locale and date format each language's documents use: Swedish business
# documents write ISO dates, English ones the unambiguous "5 Jan 2026".
_LOCALES = {"sv": ("sv_SE", "short"), "en": ("en_GB", "medium")}


@dataclass(frozen=True)
class Strings:
    """The words of one language; ``get`` fills in named placeholders."""

    language: str
    locale: str
    date_format: str
    table: dict[str, str]

    def get(self, key: str, **values: object) -> str:
        text = self.table[key]
        return text.format(**values) if values else text


def strings_for(language: str) -> Strings:
    """The strings of ``language`` ("sv", "en", "sv_SE"); unknown languages get English."""
    code = (language or "en").replace("-", "_").split("_")[0].lower()
    if code not in _CATALOGUES:
        code = "en"
    locale, date_format = _LOCALES[code]
    return Strings(code, locale, date_format, _CATALOGUES[code])
