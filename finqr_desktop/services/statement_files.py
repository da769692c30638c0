"""A customer statement as the files it leaves the program in: PDF, CSV and JSON.

The PDF is printed with the default template, in the customer's language, with the
company and the customer as an invoice names them. CSV and JSON are for spreadsheets and
scripts: amounts as plain decimals ("1250.00"), dates as ISO, one row per movement and per
open item (``record`` says which), UTF-8.
"""

from __future__ import annotations

import logging

from sqlalchemy.orm import Session

from ..documents.model import Buyer
from ..documents.report_model import Movement, OpenEntry, StatementDocument, StatementSection
from ..storage.models import CustomerRow
from .company import require_company
from .documents import address_lines, seller_of
from .report_csv import csv_bytes
from .statement import Statement
from .templates import current_design

logger = logging.getLogger(__name__)

CSV_COLUMNS = (
    "record",
    "currency",
    "date",
    "kind",
    "reference",
    "due_date",
    "days_overdue",
    "amount",
    "balance",
    "open",
    "credit_used",
)


def statement_pdf(session: Session, statement: Statement) -> bytes:
    # Imported here, as services.documents does: ReportLab is slow to load.
    from ..documents.statement_pdf import render_statement

    return render_statement(statement_document(session, statement), current_design(session)[1])


def statement_document(session: Session, statement: Statement) -> StatementDocument:
    company = require_company(session)
    customer = session.get(CustomerRow, statement.customer_id)
    language = statement.language
    address = {
        "street": customer.street,
        "postal_code": customer.postal_code,
        "city": customer.city,
        "country": customer.country,
    }
    buyer = Buyer(
        name=customer.name,
        address_lines=address_lines(address, company.country, language),
        customer_number=customer.number,
        vat_number=customer.vat_number,
        tags=frozenset(customer.tags or ()),
    )
    sections = tuple(
        StatementSection(
            section.currency,
            section.opening,
            tuple(
                Movement(
                    line.date, line.kind, line.reference, line.amount, line.balance, line.info
                )
                for line in section.lines
            ),
            section.closing,
            tuple(
                OpenEntry(
                    item.kind,
                    item.reference,
                    item.date,
                    item.due_date,
                    item.days_overdue,
                    item.amount,
                    item.open,
                )
                for item in section.open_items
            ),
        )
        for section in statement.sections
    )
    return StatementDocument(
        seller=seller_of(company, language),
        buyer=buyer,
        language=language,
        start=statement.start,
        end=statement.end,
        sections=sections,
    )


def statement_json(statement: Statement) -> dict:
    """The statement for scripts: amounts as decimal strings, dates as ISO text."""
    return {
        "customer": statement.customer_number,
        "customer_name": statement.customer_name,
        "from": statement.start.isoformat(),
        "to": statement.end.isoformat(),
        "sections": [
            {
                "currency": section.currency,
                "opening_balance": str(section.opening),
                "closing_balance": str(section.closing),
                "movements": [
                    {
                        "date": line.date.isoformat(),
                        "kind": line.kind,
                        "reference": line.reference,
                        "amount": str(line.amount),
                        "balance": str(line.balance),
                        **({"credit_used": str(line.info)} if line.info is not None else {}),
                    }
                    for line in section.lines
                ],
                "open_items": [
                    {
                        "kind": item.kind,
                        "reference": item.reference,
                        "date": item.date.isoformat() if item.date else None,
                        "due_date": item.due_date.isoformat() if item.due_date else None,
                        "days_overdue": item.days_overdue,
                        "amount": str(item.amount),
                        "open": str(item.open),
                    }
                    for item in section.open_items
                ],
            }
            for section in statement.sections
        ],
    }


def statement_csv(statement: Statement) -> bytes:
    rows = []
    for section in statement.sections:
        currency = section.currency
        rows.append(
            {
                "record": "opening",
                "currency": currency,
                "date": statement.start.isoformat(),
                "balance": section.opening,
            }
        )
        for line in section.lines:
            rows.append(
                {
                    "record": "movement",
                    "currency": currency,
                    "date": line.date.isoformat(),
                    "kind": line.kind,
                    "reference": line.reference,
                    "amount": line.amount,
                    "balance": line.balance,
                    "credit_used": "" if line.info is None else line.info,
                }
            )
        rows.append(
            {
                "record": "closing",
                "currency": currency,
                "date": statement.end.isoformat(),
                "balance": section.closing,
            }
        )
        for item in section.open_items:
            rows.append(
                {
                    "record": "open_item",
                    "currency": currency,
                    "date": item.date.isoformat() if item.date else "",
                    "kind": item.kind,
                    "reference": item.reference,
                    "due_date": item.due_date.isoformat() if item.due_date else "",
                    "days_overdue": item.days_overdue,
                    "amount": item.amount,
                    "open": item.open,
                }
            )
    return csv_bytes(CSV_COLUMNS, rows)
