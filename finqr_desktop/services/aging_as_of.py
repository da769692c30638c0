"""The invoices open at the end of an earlier day, for the aging as of that day.

The invoice row keeps only today's rest (``credited_minor``, ``paid_minor``), so the rest
on an earlier day is summed from the records dated up to it, as the customer statement
does: the invoice issued by then, less its credit notes issued by then, the payments
(money or customer credit) dated by then and the write-offs dated by then. That reads
every invoice issued up to the day, not only the open ones the partial index holds, so
today's figures keep using the stored rest (``figure_sets.open_invoices``). Amounts in
other currencies are still converted at the latest rates, not those of the day.
"""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import func, select
from sqlalchemy.orm import aliased
from sqlalchemy.sql import Subquery

from ..storage.models import InvoiceRow, PaymentAllocationRow, PaymentRow, WriteOffRow
from .figure_sets import open_invoices

logger = logging.getLogger(__name__)


def open_invoices_owed(day: dt.date, today: dt.date | None = None) -> Subquery:
    """The open invoices at the end of ``day``, with the columns of ``open_invoices``:
    the stored rest for today or a day to come (the only rest the ledger knows for it),
    the rest summed from the dated records for an earlier day."""
    if day >= (today or dt.date.today()):
        return open_invoices()
    return open_invoices_on(day)


def open_invoices_on(day: dt.date, name: str = "open_invoices") -> Subquery:
    """(id, number, customer_id, currency, due_date, remaining_minor) of every invoice with
    something left to pay at the end of ``day``."""
    credit_note = aliased(InvoiceRow)
    credited = (
        select(func.coalesce(func.sum(-credit_note.total_minor), 0))
        .where(credit_note.credits_id == InvoiceRow.id, credit_note.is_draft.is_(False))
        .where(credit_note.issue_date <= day)
        .scalar_subquery()
    )
    paid = (
        select(func.coalesce(func.sum(PaymentAllocationRow.amount_minor), 0))
        .join(PaymentRow, PaymentRow.id == PaymentAllocationRow.payment_id)
        .where(PaymentAllocationRow.invoice_id == InvoiceRow.id, PaymentRow.payment_date <= day)
        .scalar_subquery()
    )
    written_off = (
        select(func.coalesce(func.sum(WriteOffRow.amount_minor), 0))
        .where(WriteOffRow.invoice_id == InvoiceRow.id, WriteOffRow.write_off_date <= day)
        .scalar_subquery()
    )
    remaining = InvoiceRow.total_minor - credited - paid - written_off
    every = (
        select(
            InvoiceRow.id,
            InvoiceRow.number,
            InvoiceRow.customer_id,
            InvoiceRow.currency,
            InvoiceRow.due_date,
            remaining.label("remaining_minor"),
        )
        .where(InvoiceRow.is_draft.is_(False), InvoiceRow.kind == "invoice")
        .where(InvoiceRow.issue_date <= day)
        .subquery(f"{name}_all")
    )
    return select(every).where(every.c.remaining_minor > 0).subquery(name)
