"""An issued document as EN 16931 sees it: the plain values both e-invoice syntaxes print.

UBL (Peppol BIS Billing 3) and CII (Factur-X) say the same things in different words, so
one model feeds both builders, and the sum rules (``einvoice_rules``) are checked on it
once. Amounts are positive the way EN 16931 wants them: a credit note's figures are the
ledger's negated, its type code says that it credits. Every amount is net of VAT.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

ZERO = Decimal(0)
INVOICE_TYPE = "380"
CREDIT_NOTE_TYPE = "381"
# Formats a customer can choose for the documents it is e-mailed.
FORMAT_PDF = "pdf"
FORMAT_PDF_UBL = "pdf_ubl"
FORMAT_FACTURX = "facturx"
FORMATS = (FORMAT_PDF, FORMAT_PDF_UBL, FORMAT_FACTURX)


@dataclass(frozen=True)
class Party:
    name: str
    country: str
    street_lines: tuple[str, ...] = ()
    postal_code: str = ""
    city: str = ""
    org_number: str = ""  # digits only for a Swedish one
    vat_number: str = ""
    endpoint_scheme: str = ""
    endpoint_id: str = ""
    contact_name: str = ""
    phone: str = ""
    email: str = ""
    f_tax: bool = False


@dataclass(frozen=True)
class Category:
    """A VAT category (UNCL 5305) with its rate and, for zero rates, why there is no VAT."""

    code: str
    percent: Decimal
    exemption_code: str = ""
    exemption_reason: str = ""

    @property
    def key(self) -> tuple[str, Decimal]:
        return (self.code, self.percent)


@dataclass(frozen=True)
class Line:
    """One line. ``net_amount`` = round(quantity × ``net_price``) − ``allowance`` + ``charge``:
    a line discount, or the öre a gross price lost in becoming net, is an allowance (or, on
    a negative line, a charge); ``allowance_reason`` names either."""

    line_id: str
    name: str
    description: str
    quantity: Decimal
    unit_code: str
    net_price: Decimal
    net_amount: Decimal
    category: Category
    allowance: Decimal = ZERO
    charge: Decimal = ZERO
    allowance_reason: str = "Discount"


@dataclass(frozen=True)
class Allowance:
    """A document-level allowance (the invoice discount's share of one VAT category)."""

    amount: Decimal
    category: Category
    reason: str = "Discount"
    reason_code: str = "95"


@dataclass(frozen=True)
class VatBreakdown:
    category: Category
    taxable: Decimal
    tax: Decimal


@dataclass(frozen=True)
class Totals:
    line_extension: Decimal
    allowances: Decimal
    charges: Decimal
    tax_exclusive: Decimal
    tax: Decimal
    tax_inclusive: Decimal
    prepaid: Decimal
    rounding: Decimal
    payable: Decimal


@dataclass(frozen=True)
class Account:
    """Where to pay: ``kind`` is "bankgiro", "plusgiro" or "iban" (``bic`` beside it)."""

    kind: str
    number: str
    bic: str = ""


@dataclass(frozen=True)
class Attachment:
    file_name: str
    content: bytes
    mime_type: str = "application/pdf"


@dataclass(frozen=True)
class EInvoice:
    type_code: str
    number: str
    issue_date: dt.date
    currency: str
    seller: Party
    buyer: Party
    lines: tuple[Line, ...]
    allowances: tuple[Allowance, ...]
    vat: tuple[VatBreakdown, ...]
    totals: Totals
    buyer_reference: str = ""
    due_date: dt.date | None = None
    delivery_date: dt.date | None = None
    payment_id: str = ""
    accounts: tuple[Account, ...] = ()
    payment_terms: str = ""
    note: str = ""
    credited_number: str = ""
    credited_date: dt.date | None = None
    attachment: Attachment | None = None
    # A gross-price invoice: VAT per category is the ledger's, computed from the gross sum,
    # which may differ by one minor unit from taxable × rate (see einvoice_rules).
    gross_prices: bool = False
    # Decimals of the currency's minor unit (2 for SEK, 0 for JPY).
    exponent: int = 2

    @property
    def is_credit_note(self) -> bool:
        return self.type_code == CREDIT_NOTE_TYPE
