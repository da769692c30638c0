"""Every word a customer reads on a document, by key, translated through gettext.

The layout code asks for a key ("due_date"); ``MESSAGES`` gives its English source text,
which is the msgid of the catalogues under ``translations/documents/`` (see
``catalogues``). Placeholders are named, so a translation may reorder them. A language
without a catalogue falls back to English.
"""

from __future__ import annotations

import gettext
import logging
from dataclasses import dataclass

from .catalogues import LANGUAGES, translations

logger = logging.getLogger(__name__)

MESSAGES = {
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
    "prices_include_vat": "prices include VAT",
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
    "portal": "Your customer page",
    "org_number": "Reg. no.",
    "vat_number": "VAT no.",
    "registered_office": "Registered office",
    "f_tax": "Approved for F-tax",
    "page": "Page {page} of {pages}",
    "notes": "Message",
    "reminder": "Payment reminder",
    "reminder_again": "Reminder {level}",
    "reminder_number": "Reminder no.",
    "reminder_date": "Reminder date",
    "overdue_invoice": "Overdue invoice",
    "invoice_due_date": "Was due",
    "reminder_intro": (
        "We have not yet received payment for invoice {number} of {date}, "
        "which fell due on {due_date}."
    ),
    "reminder_intro_undated": "We have not yet received payment for invoice {number} of {date}.",
    "reminder_request": (
        "Please pay {amount} by {due_date}. "
        "If you have paid in the last few days, please disregard this reminder."
    ),
    "reminder_request_again": (
        "This is reminder number {level}. "
        "Please pay {amount} by {due_date} to avoid further measures."
    ),
    "invoice_total": "Invoice amount",
    "remaining": "Still to pay on the invoice",
    "reminder_fee": "Reminder fee",
    "compensation": "Late payment compensation",
    "compensation_law": "Act (1981:739) on compensation for collection costs, section 4 a",
    "interest": "Late-payment interest",
    "interest_period": "{rate} a year, {start} to {end}",
    "due_now": "Due now",
    "opening_hours": "Opening hours",
    # Account statements and the aging report (documents.statement_pdf, documents.aging_pdf).
    "statement": "Account statement",
    "statement_period": "Period",
    "statement_date": "Date",
    "opening_balance": "Opening balance",
    "closing_balance": "Closing balance",
    "balance": "Balance",
    "movement_invoice": "Invoice {number}",
    "movement_credit_note": "Credit note {number}",
    "movement_payment": "Payment, thank you",
    "movement_fee": "Reminder fee, invoice {number}",
    "movement_write_off": "Written off, invoice {number}",
    "movement_credit_used": "Your credit used: {amount}",
    "movement_refund": "Credit paid back to you",
    "customer_credit": "Your credit",
    "no_movements": "No movements in the period.",
    "open_items": "Open items on {date}",
    "open_amount": "Open",
    "days_overdue": "Days late",
    "open_total": "Total open",
    "aging_report": "Aging report",
    "as_of": "As of",
    "customer": "Customer",
    "total": "Total",
    "bucket_not_due": "Not yet due",
    "bucket_1_30": "1–30 days",
    "bucket_31_60": "31–60 days",
    "bucket_61_90": "61–90 days",
    "bucket_over_90": "Over 90 days",
    "converted_at": "In {currency} at the latest rates",
    "no_rate": "No exchange rate for {currencies}: not in the totals",
    "invoices": "Invoices",
    "due_on": "Due",
}

# The Babel locale and date format each language's documents use: Swedish business
# documents write ISO dates, English ones the unambiguous "5 Jan 2026".
_LOCALES = {"sv": ("sv_SE", "short"), "en": ("en_GB", "medium")}


@dataclass(frozen=True)
class Strings:
    """The words of one language; ``get`` fills in named placeholders."""

    language: str
    locale: str
    date_format: str
    catalogue: gettext.NullTranslations

    def get(self, key: str, **values: object) -> str:
        text = self.catalogue.gettext(MESSAGES[key])
        return text.format(**values) if values else text


def strings_for(language: str) -> Strings:
    """The strings of ``language`` ("sv", "en", "sv_SE"); unknown languages get English."""
    code = (language or "en").replace("-", "_").split("_")[0].lower()
    if code not in LANGUAGES:
        code = "en"
    locale, date_format = _LOCALES[code]
    return Strings(code, locale, date_format, translations(code))
