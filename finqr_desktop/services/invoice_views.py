"""What the clerk and scripts see of an invoice: status, remaining amount, JSON form.

The JSON keys are a promise to scripts and the bookkeeper's tools: add keys, never rename.
Amounts are decimal strings in the invoice currency.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import and_, case, literal, or_
from sqlalchemy.orm import object_session
from sqlalchemy.sql.elements import ColumnElement

from ..domain.money import from_minor
from ..domain.status import Status, derive_status, remaining_amount
from ..storage.models import InvoiceRow
from .message_history import emailed_at
from .payments_views import invoice_payments_json, moved_to_credit, written_off


def status_of(record: InvoiceRow, today: dt.date | None = None) -> Status:
    currency = record.currency
    return derive_status(
        is_draft=record.is_draft,
        is_credit_note=record.kind == "credit_note",
        total=from_minor(record.total_minor, currency),
        credited=from_minor(record.credited_minor, currency),
        paid=from_minor(record.paid_minor, currency),
        due_date=record.due_date,
        today=today or dt.date.today(),
    )


def remaining_of(record: InvoiceRow) -> Decimal:
    if record.is_draft or record.kind == "credit_note":
        return from_minor(0, record.currency)
    currency = record.currency
    return remaining_amount(
        from_minor(record.total_minor, currency),
        from_minor(record.credited_minor, currency),
        from_minor(record.paid_minor, currency),
    )


def status_sql(today: dt.date) -> ColumnElement[str]:
    """The same rules as domain.status.derive_status, as SQL, for filtering and sorting
    lists of any size without loading rows. A test checks both agree on every status."""
    remaining = InvoiceRow.total_minor - InvoiceRow.credited_minor - InvoiceRow.paid_minor
    return case(
        (InvoiceRow.is_draft, literal(Status.DRAFT.value)),
        (InvoiceRow.kind == "credit_note", literal(Status.ISSUED_CREDIT.value)),
        (
            and_(InvoiceRow.total_minor > 0, InvoiceRow.credited_minor >= InvoiceRow.total_minor),
            literal(Status.CREDITED.value),
        ),
        (remaining <= 0, literal(Status.PAID.value)),
        (
            and_(InvoiceRow.due_date.is_not(None), InvoiceRow.due_date < today),
            literal(Status.OVERDUE.value),
        ),
        (InvoiceRow.paid_minor > 0, literal(Status.PARTIALLY_PAID.value)),
        else_=literal(Status.UNPAID.value),
    )


def status_filter(status: str, today: dt.date) -> ColumnElement[bool]:
    return status_sql(today) == Status(status).value


def open_filter() -> ColumnElement[bool]:
    remaining = InvoiceRow.total_minor - InvoiceRow.credited_minor - InvoiceRow.paid_minor
    not_credited = or_(
        InvoiceRow.total_minor <= 0, InvoiceRow.credited_minor < InvoiceRow.total_minor
    )
    return and_(~InvoiceRow.is_draft, InvoiceRow.kind == "invoice", remaining > 0, not_credited)


def invoice_json(record: InvoiceRow, today: dt.date | None = None) -> dict:
    currency = record.currency

    def money(minor: int) -> str:
        return str(from_minor(minor, currency))

    buyer = record.buyer or {}
    return {
        "id": record.id,
        # What `invoice update --if-version` compares: the draft as this output saw it.
        "version": record.version,
        "kind": record.kind,
        "number": record.number,
        "ocr": record.ocr,
        "status": status_of(record, today).value,
        "customer": record.customer.number,
        "customer_name": buyer.get("name") or record.customer.name,
        "currency": currency,
        "issue_date": record.issue_date.isoformat(),
        "delivery_date": record.delivery_date.isoformat() if record.delivery_date else None,
        "due_date": record.due_date.isoformat() if record.due_date else None,
        "payment_terms": record.payment_terms,
        "prices_include_vat": record.prices_include_vat,
        "round_to_whole": record.round_to_whole,
        "invoice_discount": money(record.invoice_discount_minor),
        "credits": record.credited_invoice.number if record.credited_invoice else None,
        "our_reference": record.our_reference,
        "your_reference": record.your_reference,
        "notes": record.notes,
        "lines": [
            {
                "description": line.description,
                "quantity": str(line.quantity),
                "unit": line.unit,
                "unit_price": money(line.unit_price_minor),
                "discount_percent": str(line.discount_percent),
                "vat_rate": line.vat_code,
                "vat_percent": str(line.vat_percent),
                "vat_category": line.vat_category,
                "amount": money(line.amount_minor),
            }
            for line in record.lines
        ],
        "vat_by_rate": [
            {
                "vat_rate": group.vat_code,
                "percent": str(group.vat_percent),
                "category": group.vat_category,
                "net": money(group.net_minor),
                "vat": money(group.vat_minor),
                "note": group.note,
            }
            for group in record.vat_groups
        ],
        "net_total": money(record.net_minor),
        "vat_total": money(record.vat_minor),
        "rounding": money(record.rounding_minor),
        "total": money(record.total_minor),
        "credited": money(record.credited_minor),
        "paid": money(record.paid_minor),
        "remaining": str(remaining_of(record)),
        # When the document itself last reached the mail server (ISO, UTC); a failed
        # attempt leaves it null, as does a customer who gets it by post.
        "emailed_at": _emailed_at(record),
        # Each payment's part that went to this invoice, and what was written off; both
        # are in ``paid``.
        "payments": _payments(record),
        "written_off": money(_written_off(record)),
        # What was paid beyond what credit notes left owing and went to the customer's
        # credit (for a credit note: what it moved); a negative payment in ``payments``.
        "to_customer_credit": money(_moved_to_credit(record)),
    }


def _payments(record: InvoiceRow) -> list[dict]:
    session = object_session(record)
    if record.is_draft or record.id is None or session is None:
        return []
    return invoice_payments_json(session, record)


def _written_off(record: InvoiceRow) -> int:
    session = object_session(record)
    if record.is_draft or record.id is None or session is None:
        return 0
    return written_off(session, record.id)


def _moved_to_credit(record: InvoiceRow) -> int:
    session = object_session(record)
    if record.is_draft or record.id is None or session is None:
        return 0
    return moved_to_credit(session, record)


def _emailed_at(record: InvoiceRow) -> str | None:
    session = object_session(record)
    if record.is_draft or record.id is None or session is None:
        return None
    moment = emailed_at(session, record.id)
    return moment.isoformat() if moment else None
