"""Plain-value reads for the desktop screens, so the ui never holds ORM rows across calls.

Each function runs in the caller's session and returns dataclasses or domain objects that
stay valid after the session closes.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session

from ..domain.invoice import InvoiceDraft
from ..domain.messages import msg
from ..domain.money import from_minor
from ..domain.parties import Company, Customer
from ..storage import location
from ..storage.models import CustomerRow, InvoiceRow
from . import company as company_service
from . import customers as customer_service
from . import demo
from .documents import archived_pdf
from .invoice_views import remaining_of, status_of
from .invoices import draft_of
from .payments_views import moved_to_credit
from .reminder_mail import FILE_NAMES

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CustomerChoice:
    """What the invoice editor needs to know about a customer it may invoice."""

    number: str
    name: str
    currency: str
    payment_terms: str


@dataclass(frozen=True)
class CustomerSummary:
    id: int
    number: str
    name: str
    kind: str
    org_number: str
    city: str
    emails: tuple[str, ...]
    payment_terms: str


@dataclass(frozen=True)
class InvoiceDetail:
    """An invoice as one screen shows it; ``draft`` holds what the clerk wrote."""

    id: int
    kind: str
    version: int
    is_draft: bool
    number: str | None
    ocr: str | None
    status: str
    customer_number: str
    customer_name: str
    payment_terms: str
    draft: InvoiceDraft
    total: Decimal
    credited: Decimal
    paid: Decimal
    remaining: Decimal
    credits_number: str | None
    disputed: bool = False
    # Paid beyond what credit notes left owing, moved to the customer's credit (for a
    # credit note: what it moved).
    to_customer_credit: Decimal = Decimal(0)


def demo_database_url() -> str:
    """Where the demo company lives: its own file beside the real ledger, never mixed in."""
    return location.demo_database_url()


def startup_database_url(explicit: str | None, remembered: str | None) -> str:
    """``--database`` wins, then FINQR_DATABASE_URL, then the database chosen last time."""
    if explicit:
        return location.resolve_database_url(explicit)
    if os.environ.get(location.DATABASE_ENV):
        return location.resolve_database_url(None)
    return location.resolve_database_url(remembered or None)


def missing_ledger_file(url: str) -> Path | None:
    """The SQLite file ``url`` names when it does not exist yet (a new or mistyped path)."""
    try:
        path = location.sqlite_file(url)
    except ArgumentError:
        return None  # opening it says what is wrong with the URL
    return path if path is not None and not path.exists() else None


def discard_new_ledger(path: Path) -> None:
    """Remove a ledger file made moments ago and never used, with SQLite's side files."""
    for name in (path.name, f"{path.name}-wal", f"{path.name}-shm"):
        (path.parent / name).unlink(missing_ok=True)
    logger.info("removed the unused new ledger %s", path)


def company_details(session: Session) -> Company | None:
    record = company_service.get_company(session)
    return company_service.to_domain(record) if record is not None else None


def due_date_next_bank_day(session: Session) -> bool:
    record = company_service.get_company(session)
    return bool(record and record.due_date_next_bank_day)


def customer_choices(session: Session) -> list[CustomerChoice]:
    rows = session.execute(
        select(
            CustomerRow.number, CustomerRow.name, CustomerRow.currency, CustomerRow.payment_terms
        ).order_by(CustomerRow.number)
    )
    return [CustomerChoice(*row) for row in rows]


def customer_summaries(session: Session, search: str = "") -> list[CustomerSummary]:
    return [
        CustomerSummary(
            id=record.id,
            number=record.number,
            name=record.name,
            kind=record.kind,
            org_number=record.org_number,
            city=record.city,
            emails=tuple(record.emails or ()),
            payment_terms=record.payment_terms,
        )
        for record in customer_service.list_customers(session, search)
    ]


def customer_details(session: Session, customer_id: int) -> Customer:
    record = session.get(CustomerRow, customer_id)
    if record is None:
        raise LookupError(msg("customer {id} does not exist", id=customer_id))
    return customer_service.to_domain(record)


def invoice_detail(session: Session, invoice_id: int, today: dt.date) -> InvoiceDetail:
    record = session.get(InvoiceRow, invoice_id)
    if record is None:
        raise LookupError(msg("invoice {id} does not exist", id=invoice_id))
    currency = record.currency
    buyer = record.buyer or {}
    return InvoiceDetail(
        id=record.id,
        kind=record.kind,
        version=record.version,
        is_draft=record.is_draft,
        number=record.number,
        ocr=record.ocr,
        status=status_of(record, today).value,
        customer_number=record.customer.number,
        customer_name=buyer.get("name") or record.customer.name,
        payment_terms=record.payment_terms,
        draft=draft_of(record),
        total=from_minor(record.total_minor, currency),
        credited=from_minor(record.credited_minor, currency),
        paid=from_minor(record.paid_minor, currency),
        remaining=remaining_of(record),
        credits_number=record.credited_invoice.number if record.credited_invoice else None,
        disputed=record.disputed,
        to_customer_credit=from_minor(
            moved_to_credit(session, record) if not record.is_draft else 0, currency
        ),
    )


def document_pdf(session: Session, invoice_id: int) -> tuple[str, bytes]:
    """(file name, PDF) of an issued document as the customer got it; archives it if it was
    not yet, so call it in a writing transaction."""
    record = session.get(InvoiceRow, invoice_id)
    if record is None or record.is_draft:
        raise LookupError(msg("invoice {id} is not issued", id=invoice_id))
    language = (record.buyer or {}).get("language") or record.customer.language
    names = FILE_NAMES.get(language, FILE_NAMES["en"])
    name = names[2 if record.kind == "credit_note" else 0].format(number=record.number)
    return name, archived_pdf(session, invoice_id)


def default_database_url() -> str:
    return location.default_database_url()


def database_label(url: str) -> str:
    """The database as the status bar shows it: a file path, or a URL without its password."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        return parsed.database
    return parsed.render_as_string(hide_password=True)


def build_demo_if_empty(database, *, today: dt.date) -> bool:
    """Fill an empty demo database with the demo company; True when it was built now."""
    with database.writing() as session:
        if company_service.get_company(session) is not None:
            return False
        demo.build_demo(session, today=today)
    logger.info("demo company built")
    return True
