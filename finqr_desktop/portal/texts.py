"""Every word of the portal in the customer's language, and figures and dates through Babel.

The English source text is the message id; ``translations/portal/<language>/LC_MESSAGES/
finqr_portal.po`` holds the translations and is read as it is, through Babel, when the
portal is built (a build reads it once), so there is no compiled file to keep in step.
Placeholders are named. A language without a catalogue gets English.
"""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal
from functools import cache
from importlib.resources import files

from babel.dates import format_date
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from ..domain.money import currency_exponent, round_money

logger = logging.getLogger(__name__)

DOMAIN = "finqr_portal"
LANGUAGES = ("sv", "en")
MINUS = "\u2212"
NBSP = "\u00a0"

# Locale and date format per language, as the PDFs write them (documents.strings).
_LOCALES = {"sv": ("sv_SE", "short"), "en": ("en_GB", "medium")}

MESSAGES = {
    "title": "Your invoices from {company}",
    "greeting": "Customer page for {customer}",
    "customer_number": "Customer number {number}",
    "summary": "Summary",
    "to_pay": "To pay now",
    "nothing_to_pay": "You have nothing left to pay. Thank you!",
    "invoices": "Invoices",
    "invoices_caption": "Your invoices, newest first",
    "number": "Number",
    "date": "Date",
    "due_date": "Due date",
    "amount": "Amount",
    "paid": "Paid",
    "remaining": "Remaining",
    "status": "Status",
    "document": "Document",
    "pdf": "PDF {number}",
    "status_unpaid": "Unpaid",
    "status_partially_paid": "Partially paid",
    "status_paid": "Paid",
    "status_overdue": "Overdue",
    "status_credited": "Credited",
    "how_to_pay": "How to pay",
    "pay_invoice": "Invoice {number}",
    "reference_ocr": "OCR reference",
    "reference": "Reference",
    "qr_label": "Payment QR code for invoice {number}",
    "scan_qr": "Scan the QR code with your banking app",
    "credit_notes": "Credit notes",
    "credits_invoice": "Credits invoice",
    "payments": "Payments received",
    "invoice": "Invoice",
    "reminders": "Reminders sent",
    "reminder_level": "Reminder {level}",
    "level": "Reminder",
    "faq": "Questions and answers",
    "contact": "Contact",
    "contact_person": "Contact person",
    "phone": "Phone",
    "email": "E-mail",
    "web": "Web",
    "opening_hours": "Opening hours",
    "org_number": "Reg. no.",
    "updated": "Updated {date}",
    "private": "This page is for you only. Please do not share its address.",
    "bankgiro": "Bankgiro",
    "plusgiro": "Plusgiro",
    "iban": "IBAN",
    "bic": "BIC",
    "nothing_here": "Nothing here",
    "nothing_here_text": "Use the address on your invoice to see your customer page.",
}


def language_of(code: str) -> str:
    """The portal language for a customer's language code ("sv", "en_GB"); else English."""
    short = (code or "en").replace("-", "_").split("_")[0].lower()
    return short if short in LANGUAGES else "en"


@cache
def _catalogue(language: str) -> dict[str, str]:
    source = files("finqr_desktop.translations") / "portal" / language / "LC_MESSAGES"
    try:
        with (source / f"{DOMAIN}.po").open("rb") as handle:
            catalogue = read_po(handle, locale=language, domain=DOMAIN)
    except (FileNotFoundError, OSError):
        return {}
    return {str(m.id): str(m.string) for m in catalogue if m.id and m.string}


class Texts:
    """The words, amounts and dates of one page's language."""

    def __init__(self, language: str):
        self.language = language_of(language)
        self.locale, self.date_format = _LOCALES[self.language]
        self._translated = _catalogue(self.language)

    def get(self, key: str, **values: object) -> str:
        source = MESSAGES[key]
        text = self._translated.get(source, source)
        return text.format(**values) if values else text

    def money(self, amount: Decimal, currency: str) -> str:
        """ "1 234,56 kr" in Swedish, "SEK 1,234.56" in English, as the PDFs print them."""
        code = currency.upper()
        places = currency_exponent(code)
        value = round_money(Decimal(amount), code)
        if value == 0:
            value = abs(value)
        pattern = "#,##0." + "0" * places if places else "#,##0"
        number = format_decimal(value, format=pattern, locale=self.locale).replace("-", MINUS)
        if self.language == "sv" and code == "SEK":
            return f"{number}{NBSP}kr"
        return f"{code}{NBSP}{number}"

    def date(self, day: dt.date | None) -> str:
        return format_date(day, self.date_format, locale=self.locale) if day else ""
