"""The ledger's tables.

Amounts are integer minor units (``*_minor``), rates and quantities exact decimals. An
issued invoice's rows are written once, in the issuing transaction, and never updated.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    func,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from .types import ExactDecimal

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class CompanyRow(Base):
    __tablename__ = "company"

    id: Mapped[int] = mapped_column(primary_key=True)
    legal_name: Mapped[str] = mapped_column(String(200))
    org_number: Mapped[str] = mapped_column(String(20), default="")
    vat_number: Mapped[str] = mapped_column(String(20), default="")
    street: Mapped[str] = mapped_column(Text, default="")
    postal_code: Mapped[str] = mapped_column(String(20), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    country: Mapped[str] = mapped_column(String(2), default="SE")
    bankgiro: Mapped[str] = mapped_column(String(10), default="")
    plusgiro: Mapped[str] = mapped_column(String(10), default="")
    iban: Mapped[str] = mapped_column(String(34), default="")
    bic: Mapped[str] = mapped_column(String(11), default="")
    f_tax: Mapped[bool] = mapped_column(Boolean, default=False)
    contact_person: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    website: Mapped[str] = mapped_column(String(200), default="")
    currency: Mapped[str] = mapped_column(String(3), default="SEK")
    language: Mapped[str] = mapped_column(String(10), default="sv")
    ocr_length_digit: Mapped[bool] = mapped_column(Boolean, default=True)
    due_date_next_bank_day: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


class CustomerRow(Base):
    __tablename__ = "customer"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(10), default="company")
    name: Mapped[str] = mapped_column(String(200), index=True)
    org_number: Mapped[str] = mapped_column(String(20), default="")
    vat_number: Mapped[str] = mapped_column(String(20), default="")
    street: Mapped[str] = mapped_column(Text, default="")
    postal_code: Mapped[str] = mapped_column(String(20), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    country: Mapped[str] = mapped_column(String(2), default="SE")
    emails: Mapped[list] = mapped_column(JSON, default=list)
    language: Mapped[str] = mapped_column(String(10), default="sv")
    currency: Mapped[str] = mapped_column(String(3), default="SEK")
    payment_terms: Mapped[str] = mapped_column(String(20), default="30")
    reminder_fee_agreed: Mapped[bool] = mapped_column(Boolean, default=False)
    reminders_paused: Mapped[bool] = mapped_column(Boolean, default=False)
    # A named reminder policy (services.reminder_settings); None follows the ledger's own.
    reminder_policy: Mapped[str | None] = mapped_column(String(40), default=None)
    # E-invoicing (migration 0009): the Peppol address "scheme:id" (empty: the Swedish
    # org. number under 0007), the buyer reference public buyers ask for on every invoice,
    # and what the invoice e-mail carries: "pdf", "pdf_ubl" or "facturx".
    peppol_id: Mapped[str] = mapped_column(String(60), default="", server_default="")
    buyer_reference: Mapped[str] = mapped_column(String(200), default="", server_default="")
    einvoice_format: Mapped[str] = mapped_column(String(10), default="pdf", server_default="pdf")
    tags: Mapped[list] = mapped_column(JSON, default=list)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    # The secret part of the customer's portal address (migration 0008); None until the
    # first portal build or portal link gives one (services.portal_tokens).
    portal_token: Mapped[str | None] = mapped_column(
        String(64), unique=True, index=True, default=None
    )

    __mapper_args__ = {"version_id_col": version}


class NumberSeriesRow(Base):
    """A numbering series; ``counters`` hold the last number handed out per year."""

    __tablename__ = "number_series"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(20), unique=True)
    pattern: Mapped[str] = mapped_column(String(60))
    yearly_restart: Mapped[bool] = mapped_column(Boolean, default=True)


class NumberCounterRow(Base):
    __tablename__ = "number_counter"
    __table_args__ = (UniqueConstraint("series_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    series_id: Mapped[int] = mapped_column(ForeignKey("number_series.id"))
    year: Mapped[int] = mapped_column(Integer)
    last_value: Mapped[int] = mapped_column(Integer, default=0)


# Issued invoices with something left to pay, in words both databases read the same way. The
# reminder queue repeats this text exactly, which is what lets SQLite use the partial index.
OPEN_INVOICE_SQL = (
    "is_draft = false AND kind = 'invoice' AND total_minor - credited_minor - paid_minor > 0"
)
# The same invoices in other words, those of ix_invoice_open_amounts. SQLite takes a partial
# index only for a query that repeats its condition, so each query picks its index by the
# words it uses; and "NOT is_draft", unlike "is_draft = false", leaves SQLite no way into
# ix_invoice_status_due, which without statistics it would prefer to a wider index.
OPEN_AMOUNTS_SQL = (
    "kind = 'invoice' AND NOT is_draft AND total_minor - credited_minor - paid_minor > 0"
)


class InvoiceRow(Base):
    """A draft, an issued invoice or a credit note (``credits_id`` set)."""

    __tablename__ = "invoice"
    __table_args__ = (
        Index("ix_invoice_status_due", "is_draft", "due_date"),
        Index("ix_invoice_customer_issue", "customer_id", "issue_date"),
        # Only invoices still owed: the reminder queue reads these by due date, so its cost
        # follows what is open, not the size of the ledger (see services.reminder_queue).
        # Shaped like ix_invoice_status_due so that SQLite, without statistics, prefers it.
        Index(
            "ix_invoice_open_due",
            "is_draft",
            "due_date",
            sqlite_where=text(OPEN_INVOICE_SQL),
            postgresql_where=text(OPEN_INVOICE_SQL),
        ),
        # The same invoices with every column the dashboard sums, so its figures are read
        # from the index alone; by currency and due date, the order the aging sums them in
        # (services.figure_sets, services.aging; migration 0010).
        Index(
            "ix_invoice_open_amounts",
            "currency",
            "due_date",
            "customer_id",
            "total_minor",
            "credited_minor",
            "paid_minor",
            sqlite_where=text(OPEN_AMOUNTS_SQL),
            postgresql_where=text(OPEN_AMOUNTS_SQL),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(12), default="invoice")
    number: Mapped[str | None] = mapped_column(String(40), unique=True)
    series_key: Mapped[str] = mapped_column(String(20), default="invoice")
    is_draft: Mapped[bool] = mapped_column(Boolean, default=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    credits_id: Mapped[int | None] = mapped_column(ForeignKey("invoice.id"), index=True)
    currency: Mapped[str] = mapped_column(String(3))
    issue_date: Mapped[dt.date] = mapped_column(Date, index=True)
    delivery_date: Mapped[dt.date | None] = mapped_column(Date)
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    payment_terms: Mapped[str] = mapped_column(String(20), default="30")
    prices_include_vat: Mapped[bool] = mapped_column(Boolean, default=False)
    round_to_whole: Mapped[bool] = mapped_column(Boolean, default=False)
    invoice_discount_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    ocr: Mapped[str | None] = mapped_column(String(25), index=True)
    our_reference: Mapped[str] = mapped_column(String(200), default="")
    your_reference: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # The buyer as invoiced: a later change of the customer record leaves this alone.
    buyer: Mapped[dict] = mapped_column(JSON, default=dict)
    net_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    vat_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    rounding_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    total_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    # Running sums kept in the same transaction as the credit note or payment that moves
    # them, so the list and the status never need to add up rows.
    credited_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    paid_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    issued_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # The template version the issued document is rendered with, recorded at issue.
    template_version_id: Mapped[int | None] = mapped_column(ForeignKey("template_version.id"))
    # The customer contests the invoice: no reminders until the clerk clears the flag.
    disputed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    customer: Mapped[CustomerRow] = relationship(lazy="joined")
    credited_invoice: Mapped[InvoiceRow | None] = relationship(remote_side=[id])
    lines: Mapped[list[InvoiceLineRow]] = relationship(
        back_populates="invoice",
        order_by="InvoiceLineRow.position",
        cascade="all, delete-orphan",
    )
    vat_groups: Mapped[list[InvoiceVatRow]] = relationship(
        order_by="InvoiceVatRow.position", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}


class InvoiceLineRow(Base):
    __tablename__ = "invoice_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(
        ForeignKey("invoice.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text)
    quantity: Mapped[Decimal] = mapped_column(ExactDecimal)
    unit: Mapped[str] = mapped_column(String(20), default="")
    unit_price_minor: Mapped[int] = mapped_column(BigInteger)
    discount_percent: Mapped[Decimal] = mapped_column(ExactDecimal, default=Decimal(0))
    vat_code: Mapped[str] = mapped_column(String(20))
    vat_percent: Mapped[Decimal] = mapped_column(ExactDecimal)
    vat_category: Mapped[str] = mapped_column(String(2), default="S")
    amount_minor: Mapped[int] = mapped_column(BigInteger, default=0)

    invoice: Mapped[InvoiceRow] = relationship(back_populates="lines")


class InvoiceVatRow(Base):
    """The VAT summary as computed at issue (or at the last save of a draft)."""

    __tablename__ = "invoice_vat"

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(
        ForeignKey("invoice.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    vat_code: Mapped[str] = mapped_column(String(20))
    vat_percent: Mapped[Decimal] = mapped_column(ExactDecimal)
    vat_category: Mapped[str] = mapped_column(String(2))
    lines_minor: Mapped[int] = mapped_column(BigInteger)
    discount_minor: Mapped[int] = mapped_column(BigInteger)
    net_minor: Mapped[int] = mapped_column(BigInteger)
    vat_minor: Mapped[int] = mapped_column(BigInteger)
    # The mandatory text for this rate (reverse charge, export...) in the buyer's language.
    note: Mapped[str] = mapped_column(Text, default="")


class SettingRow(Base):
    """Small typed settings of the ledger (JSON values), declared in services.settings."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[dict | list | str | int | bool | None] = mapped_column(JSON)


class TemplateRow(Base):
    """A document template; its looks live in its versions, the newest one is current."""

    __tablename__ = "template"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)


class TemplateVersionRow(Base):
    """One saved state of a template, written once and never changed, so an issued
    document can always be traced to the exact design it was rendered with."""

    __tablename__ = "template_version"
    __table_args__ = (UniqueConstraint("template_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("template.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    # Every Design field but the logo, as services.templates writes it.
    design: Mapped[dict] = mapped_column(JSON)
    logo: Mapped[bytes | None] = mapped_column(LargeBinary)
    logo_type: Mapped[str] = mapped_column(String(20), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


class DocumentArchiveRow(Base):
    """The PDF of an issued document as the customer got it, with its SHA-256 in hex."""

    __tablename__ = "document_archive"

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoice.id"), unique=True)
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    template_version_id: Mapped[int | None] = mapped_column(ForeignKey("template_version.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


# Reminders; as OPEN_INVOICE_SQL, a query repeats the text to use the partial index.
REMINDER_SQL = "kind = 'reminder'"


class OutboxRow(Base):
    """One message to send: an invoice e-mail (level 0) or a reminder level.

    The unique (invoice, kind, level) is what makes sending idempotent: however often the
    worker runs, a level and its fee exist once. Times are naive UTC.
    """

    __tablename__ = "outbox"
    __table_args__ = (
        UniqueConstraint("invoice_id", "kind", "level"),
        Index("ix_outbox_status_planned", "status", "planned_at"),
        # Reminders by status and the time they went, with what the dashboard's reminder
        # effect reads (services.payer_figures).
        Index(
            "ix_outbox_reminder_sent",
            "status",
            "sent_at",
            "level",
            "invoice_id",
            sqlite_where=text(REMINDER_SQL),
            postgresql_where=text(REMINDER_SQL),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoice.id"))
    kind: Mapped[str] = mapped_column(String(12))
    level: Mapped[int] = mapped_column(Integer, default=0)
    planned_at: Mapped[dt.datetime] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(12), default="pending")
    lease_owner: Mapped[str | None] = mapped_column(String(120))
    lease_until: Mapped[dt.datetime | None] = mapped_column(DateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_error: Mapped[str] = mapped_column(Text, default="")
    message_id: Mapped[str] = mapped_column(String(255), default="")
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    fee_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    # The B2B late-payment compensation, which is not a reminder fee (migration 0005).
    compensation_minor: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    interest_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    amount_due_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    skip_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


class MessageLogRow(Base):
    """Every e-mail about an invoice, sent or failed, manual ones included.

    The planner counts a reminder level as sent only from a "sent" row here, so a failed
    attempt adds no level and no fee.
    """

    __tablename__ = "message_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoice.id"), index=True)
    outbox_id: Mapped[int | None] = mapped_column(ForeignKey("outbox.id"))
    kind: Mapped[str] = mapped_column(String(12))
    level: Mapped[int] = mapped_column(Integer, default=0)
    recipients: Mapped[list] = mapped_column(JSON, default=list)
    message_id: Mapped[str] = mapped_column(String(255), default="")
    sent_at: Mapped[dt.datetime] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(10), default="sent")
    error: Mapped[str] = mapped_column(Text, default="")


class BankImportRow(Base):
    """One bank file taken into the ledger; its SHA-256 ``digest`` keeps it from being
    taken twice. ``sums`` are the file's totals per currency as decimal strings."""

    __tablename__ = "bank_import"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_name: Mapped[str] = mapped_column(String(255), default="")
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    format: Mapped[str] = mapped_column(String(12))
    is_test: Mapped[bool] = mapped_column(Boolean, default=False)
    payment_count: Mapped[int] = mapped_column(Integer, default=0)
    matched_count: Mapped[int] = mapped_column(Integer, default=0)
    unmatched_count: Mapped[int] = mapped_column(Integer, default=0)
    duplicate_count: Mapped[int] = mapped_column(Integer, default=0)
    sums: Mapped[dict] = mapped_column(JSON, default=dict)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


# Payments that came in another currency than the one they were booked in.
CONVERTED_PAYMENT_SQL = "rate IS NOT NULL AND converted_currency IS NOT NULL"


class PaymentRow(Base):
    """Money received (or, negative, a bank's deduction or reversal), as it arrived.

    ``bank_identity`` is the bank's stable id of the transaction (banking.model); unique,
    so the same transaction is never registered twice; None for a payment typed by hand.
    When the money came in another currency than the invoice's, ``rate`` converted it into
    ``converted_minor`` of ``converted_currency``. ``unallocated_minor`` is what no invoice
    or customer credit has taken yet, in the booking currency (the converted one if any):
    the unmatched list is the payments where it is not zero.
    """

    __tablename__ = "payment"
    __table_args__ = (
        Index("ix_payment_unallocated", "unallocated_minor"),
        # The few converted payments, whose rates services.exchange_rates reads.
        Index(
            "ix_payment_converted",
            "currency",
            "converted_currency",
            "payment_date",
            sqlite_where=text(CONVERTED_PAYMENT_SQL),
            postgresql_where=text(CONVERTED_PAYMENT_SQL),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_date: Mapped[dt.date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(12), default="payment")
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    method: Mapped[str] = mapped_column(String(12), default="manual")
    reference: Mapped[str] = mapped_column(String(100), default="")
    message: Mapped[str] = mapped_column(Text, default="")
    payer_name: Mapped[str] = mapped_column(String(200), default="")
    bank_identity: Mapped[str | None] = mapped_column(String(200), unique=True)
    import_id: Mapped[int | None] = mapped_column(ForeignKey("bank_import.id"), index=True)
    rate: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    converted_minor: Mapped[int | None] = mapped_column(BigInteger)
    converted_currency: Mapped[str | None] = mapped_column(String(3))
    unallocated_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    # Why the payment went where it did, or why it waits ("wrong check digit"...).
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


class PaymentAllocationRow(Base):
    """The part of a payment that settles one invoice, in the invoice's currency. The
    invoice's ``paid_minor`` is the sum of these and of its write-offs."""

    __tablename__ = "payment_allocation"

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payment.id"), index=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoice.id"), index=True)
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


class CustomerCreditRow(Base):
    """One movement of a customer's credit: positive from an overpayment or a payment
    turned into credit, negative when used on an invoice or refunded. The balance is the
    sum per customer and currency."""

    __tablename__ = "customer_credit"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    currency: Mapped[str] = mapped_column(String(3))
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(12))
    entry_date: Mapped[dt.date] = mapped_column(Date)
    # The payment the credit came from, or (kind "used") the credit payment that used it.
    payment_id: Mapped[int | None] = mapped_column(ForeignKey("payment.id"), index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


class WriteOffRow(Base):
    """A small remainder the company chose not to collect; counted in ``paid_minor``."""

    __tablename__ = "write_off"

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoice.id"), index=True)
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    write_off_date: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


class AuditEventRow(Base):
    """Who did what: one row per action that changes the ledger (services.audit).

    ``at`` is naive UTC; ``os_user`` and ``workstation`` are the operating-system account and
    host name of the process that acted. ``invoice_id`` and ``customer_id`` carry no foreign
    key on purpose: the trail must outlive a deleted draft and never block deleting one.
    """

    __tablename__ = "audit_event"
    __table_args__ = (
        Index("ix_audit_event_invoice", "invoice_id", "id"),
        Index("ix_audit_event_customer", "customer_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    os_user: Mapped[str] = mapped_column(String(120))
    workstation: Mapped[str] = mapped_column(String(255))
    action: Mapped[str] = mapped_column(String(40))
    invoice_id: Mapped[int | None] = mapped_column(Integer)
    customer_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str] = mapped_column(Text, default="")


class PortalFaqRow(Base):
    """One question and answer the clerk wrote for the customer portal, in one language;
    ``position`` orders the questions of a language (migration 0008)."""

    __tablename__ = "portal_faq"
    __table_args__ = (Index("ix_portal_faq_language", "language", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    language: Mapped[str] = mapped_column(String(10))
    position: Mapped[int] = mapped_column(Integer)
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
