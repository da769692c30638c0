"""The invoice list: filtered, sorted id lists and the rows behind them, in blocks.

A list of any length is held as ids only; a view asks for the rows it is about to draw.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ..domain.money import from_minor
from ..storage.models import CustomerRow, InvoiceRow
from ..storage.search import contains_pattern, folded
from .invoice_views import open_filter, status_sql

OPEN = "open"  # a list filter, not a status: unpaid, partially paid and overdue together

SORT_COLUMNS = {
    "number": InvoiceRow.number,
    "customer": CustomerRow.name,
    "issue_date": InvoiceRow.issue_date,
    "due_date": InvoiceRow.due_date,
    "total": InvoiceRow.total_minor,
    "remaining": InvoiceRow.total_minor - InvoiceRow.credited_minor - InvoiceRow.paid_minor,
    "status": None,  # filled per query: the status expression depends on today
}


@dataclass(frozen=True)
class ListQuery:
    status: str | None = None
    search: str = ""
    customer_number: str | None = None
    sort: str = "issue_date"
    descending: bool = True


@dataclass(frozen=True)
class ListRow:
    id: int
    kind: str
    number: str | None
    customer_number: str
    customer_name: str
    issue_date: dt.date
    due_date: dt.date | None
    currency: str
    total: Decimal
    remaining: Decimal
    status: str


def invoice_ids(session: Session, query: ListQuery, today: dt.date) -> list[int]:
    status = status_sql(today)
    statement = select(InvoiceRow.id)
    # The customer table is joined only when the query needs it: on 100,000 invoices the
    # join alone costs more than the rest of the query.
    needs_customer = bool(
        query.search.strip() or query.customer_number or query.sort == "customer"
    )
    if needs_customer:
        statement = statement.join(CustomerRow, InvoiceRow.customer_id == CustomerRow.id)
    if query.status == OPEN:
        statement = statement.where(open_filter())
    elif query.status:
        statement = statement.where(status == query.status)
    if query.customer_number:
        statement = statement.where(CustomerRow.number == query.customer_number)
    if query.search.strip():
        pattern = contains_pattern(query.search)
        # Customers are matched once each, not once per invoice: folding text in Python
        # for every row of 100,000 invoices would triple the search time.
        matching_customers = select(CustomerRow.id).where(
            or_(
                folded(CustomerRow.name).like(pattern, escape="\\"),
                folded(CustomerRow.number).like(pattern, escape="\\"),
            )
        )
        statement = statement.where(
            or_(
                InvoiceRow.customer_id.in_(matching_customers),
                func.lower(func.coalesce(InvoiceRow.number, "")).like(pattern, escape="\\"),
                func.coalesce(InvoiceRow.ocr, "").like(pattern, escape="\\"),
            )
        )
    column = status if query.sort == "status" else SORT_COLUMNS.get(query.sort)
    if column is None:
        raise ValueError(f"cannot sort invoices by {query.sort!r}")
    order = column.desc() if query.descending else column.asc()
    tie = InvoiceRow.id.desc() if query.descending else InvoiceRow.id.asc()
    # Plain Core rows: a list of ints needs no ORM identity bookkeeping.
    return list(session.connection().execute(statement.order_by(order, tie)).scalars())


def list_rows(session: Session, ids: list[int], today: dt.date) -> list[ListRow]:
    """The rows for ``ids``, in the order of ``ids``; missing ids are left out."""
    if not ids:
        return []
    status = status_sql(today).label("status")
    statement = (
        select(
            InvoiceRow.id,
            InvoiceRow.kind,
            InvoiceRow.number,
            CustomerRow.number,
            CustomerRow.name,
            InvoiceRow.issue_date,
            InvoiceRow.due_date,
            InvoiceRow.currency,
            InvoiceRow.total_minor,
            InvoiceRow.credited_minor,
            InvoiceRow.paid_minor,
            InvoiceRow.is_draft,
            status,
        )  # fmt: skip
        .join(CustomerRow, InvoiceRow.customer_id == CustomerRow.id)
        .where(InvoiceRow.id.in_(ids))
    )
    found = {}
    for row in session.execute(statement):
        (id_, kind, number, cust_no, cust_name, issued, due, currency,
         total, credited, paid, is_draft, status_value) = row  # fmt: skip
        remaining = 0 if is_draft or kind == "credit_note" else max(0, total - credited - paid)
        found[id_] = ListRow(
            id_, kind, number, cust_no, cust_name, issued, due, currency,
            from_minor(total, currency), from_minor(remaining, currency), status_value,
        )  # fmt: skip
    return [found[i] for i in ids if i in found]
