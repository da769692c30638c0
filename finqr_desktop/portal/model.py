"""What one customer's portal page shows, as plain values: the renderer's whole input.

Every figure arrives finished from the ledger (services.portal_pages); the page only
formats and arranges. A page holds one customer's data and nothing else, which is what
keeps another customer's invoice numbers off it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

# The statuses a customer sees (domain.status values); anything else shows as "unpaid".
STATUSES = ("unpaid", "partially_paid", "paid", "overdue", "credited")


@dataclass(frozen=True)
class PaymentInfo:
    """How to pay one open invoice: the payment box of its PDF, and its QR code's modules
    (rows of dark/light, no quiet zone) when the invoice has a payment QR code."""

    amount: Decimal
    due_date: dt.date | None
    reference: str
    reference_is_ocr: bool
    accounts: tuple[tuple[str, str], ...]
    qr_modules: tuple[tuple[bool, ...], ...] | None = None


@dataclass(frozen=True)
class PortalInvoice:
    number: str
    issue_date: dt.date
    due_date: dt.date | None
    currency: str
    total: Decimal
    paid: Decimal
    credited: Decimal
    remaining: Decimal
    status: str
    pdf_name: str
    payment: PaymentInfo | None = None


@dataclass(frozen=True)
class PortalCreditNote:
    number: str
    issue_date: dt.date
    credited_number: str
    currency: str
    amount: Decimal
    pdf_name: str


@dataclass(frozen=True)
class PortalPayment:
    """Money placed on one of the customer's invoices, in that invoice's currency."""

    payment_date: dt.date
    invoice_number: str
    currency: str
    amount: Decimal


@dataclass(frozen=True)
class PortalReminder:
    sent_on: dt.date
    invoice_number: str
    level: int


@dataclass(frozen=True)
class Contact:
    """The company's contact box."""

    name: str
    address_lines: tuple[str, ...] = ()
    contact_person: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    opening_hours: tuple[str, ...] = ()
    org_number: str = ""


@dataclass(frozen=True)
class FaqEntry:
    question: str
    answer: str


@dataclass(frozen=True)
class Brand:
    """The default template's colours as "#RRGGBB"; the renderer darkens them as needed."""

    primary: str = "#1D3557"
    accent: str = "#2A9D8F"


@dataclass(frozen=True)
class CustomerPage:
    token: str
    language: str
    customer_name: str
    customer_number: str
    contact: Contact
    generated_on: dt.date
    invoices: tuple[PortalInvoice, ...] = ()
    credit_notes: tuple[PortalCreditNote, ...] = ()
    payments: tuple[PortalPayment, ...] = ()
    reminders: tuple[PortalReminder, ...] = ()
    faq: tuple[FaqEntry, ...] = ()
    brand: Brand = Brand()
    # The documents next to the page: file name -> PDF bytes.
    files: dict[str, bytes] = field(default_factory=dict, compare=False)
