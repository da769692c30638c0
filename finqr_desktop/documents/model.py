"""What a document shows, as plain values: the renderer's whole input.

The renderer computes nothing that the ledger decides. Totals, VAT per rate, the amount
due and a reminder's fee and interest arrive finished, so the PDF can only ever show the
issued figures. A template's ``Design`` maps onto ``Style`` (``design.style_for``); issued
invoices and reminders map onto ``DocumentData`` in the services layer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

INVOICE = "invoice"
CREDIT_NOTE = "credit_note"
REMINDER = "reminder"
KINDS = (INVOICE, CREDIT_NOTE, REMINDER)
ZERO = Decimal(0)


@dataclass(frozen=True)
class Seller:
    name: str
    org_number: str = ""
    vat_number: str = ""
    address_lines: tuple[str, ...] = ()
    registered_office: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    bankgiro: str = ""
    plusgiro: str = ""
    iban: str = ""
    bic: str = ""
    f_tax: bool = False
    contact_person: str = ""


@dataclass(frozen=True)
class Buyer:
    name: str
    address_lines: tuple[str, ...] = ()
    customer_number: str = ""
    vat_number: str = ""
    # The customer's tags, which decide the template's message blocks.
    tags: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Line:
    """One invoice line; ``description`` may have several lines, ``amount`` is final."""

    description: str
    quantity: Decimal
    unit_price: Decimal
    amount: Decimal
    vat_percent: Decimal
    unit: str = ""
    discount_percent: Decimal = ZERO


@dataclass(frozen=True)
class VatRow:
    """One rate of the VAT summary; ``note`` is the text the law asks for at that rate."""

    percent: Decimal
    net: Decimal
    vat: Decimal
    note: str = ""


@dataclass(frozen=True)
class Reminder:
    """What a reminder says about the late invoice, with the figures the ledger decided.

    ``interest`` is the late-payment interest already computed for ``interest_from`` to
    ``interest_until`` at ``interest_rate`` percent a year; zero leaves its row out.
    """

    level: int
    invoice_number: str
    invoice_date: dt.date
    invoice_due_date: dt.date | None
    invoice_total: Decimal
    remaining: Decimal
    fee: Decimal = ZERO
    interest: Decimal = ZERO
    # The B2B late-payment compensation (förseningsersättning): not a fee, shown on its own.
    compensation: Decimal = ZERO
    interest_rate: Decimal = ZERO
    interest_from: dt.date | None = None
    interest_until: dt.date | None = None

    @property
    def due_now(self) -> Decimal:
        return self.remaining + self.fee + self.compensation + self.interest


@dataclass(frozen=True)
class DocumentData:
    kind: str
    number: str
    issue_date: dt.date
    seller: Seller
    buyer: Buyer
    lines: tuple[Line, ...]
    vat_rows: tuple[VatRow, ...]
    net_total: Decimal
    vat_total: Decimal
    total: Decimal
    currency: str = "SEK"
    language: str = "sv"
    delivery_date: dt.date | None = None
    due_date: dt.date | None = None
    # OCR number for Bankgiro, RF reference for IBAN payments; empty: the number is quoted.
    reference: str = ""
    invoice_discount: Decimal = ZERO
    rounding: Decimal = ZERO
    # What is still to pay when the document is printed; None means the total.
    amount_due: Decimal | None = None
    payment_terms: str = ""
    credited_number: str = ""
    credited_date: dt.date | None = None
    our_reference: str = ""
    your_reference: str = ""
    notes: str = ""
    # Unit prices and line amounts are gross; the line table says so in its header.
    prices_include_vat: bool = False
    # Set on reminders only: the late invoice; ``due_date`` is then the new due date.
    reminder: Reminder | None = None
    # The customer's own portal page (issue 6), printed in the contact box when set.
    portal_url: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"document kind must be one of {', '.join(KINDS)}: {self.kind!r}")
        if (self.kind == REMINDER) != (self.reminder is not None):
            raise ValueError("a reminder, and only a reminder, carries its Reminder facts")

    @property
    def is_reminder(self) -> bool:
        return self.reminder is not None

    @property
    def block_kind(self) -> str:
        """The kind message-block conditions name: "invoice", "credit_note", "reminder_2"."""
        return f"reminder_{self.reminder.level}" if self.reminder else self.kind

    @property
    def is_credit_note(self) -> bool:
        return self.kind == CREDIT_NOTE

    @property
    def due(self) -> Decimal:
        if self.reminder is not None:
            return self.reminder.due_now
        return self.total if self.amount_due is None else self.amount_due

    @property
    def payment_reference(self) -> str:
        return self.reference or self.number


@dataclass(frozen=True)
class Style:
    """How a template looks: colours as "#RRGGBB", family "sans" or "serif", margins in mm.

    The logo is a file (``logo_path``, re-read when it changes) or the image's bytes
    (``logo``, as a template stores it); the bytes win when both are set.
    """

    primary: str = "#1D3557"
    accent: str = "#2A9D8F"
    font_family: str = "sans"
    paper: str = "A4"
    margin_top: float = 14.0
    margin_right: float = 18.0
    margin_bottom: float = 12.0
    margin_left: float = 22.0
    logo_path: str | None = None
    logo: bytes | None = None
    logo_position: str = "left"
    opening_hours: str = ""
