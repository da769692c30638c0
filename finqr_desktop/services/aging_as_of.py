"""The invoices open at the end of an earlier day, and those recently settled by then, for
the aging and the cash forecast as of that day.

The invoice row keeps only today's rest (``credited_minor``, ``paid_minor``), so the rest
on an earlier day is summed from the records dated up to it, as the customer statement
does: the invoice issued by then, less its credit notes issued by then, the payments
(money or customer credit) dated by then and the write-offs dated by then. That reads
every invoice issued up to the day, not only the open ones the partial index holds, so
today's figures keep using the stored rest (``figure_sets.open_invoices``). Amounts in
other currencies are converted at the rates in force on the day (exchange_rates.rates_on),
so entering a newer rate leaves an earlier day's figures as they were.

The forecast as of an earlier day also takes its customers' delays from the ledger as it
was then: the invoices paid in full by the end of the day, by payments dated up to it.
"""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import Table, and_, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Subquery

from .figure_sets import (
    ALLOCATION,
    HISTORY_DAYS,
    INVOICE,
    PAYMENT,
    WRITE_OFF,
    money_in_since,
    open_invoices,
    recent_delays,
    recent_settlements,
    settlements,
    write_settlements,
)

logger = logging.getLogger(__name__)


def in_the_past(day: dt.date, today: dt.date | None = None) -> bool:
    """Whether ``day`` ended before ``today`` (the wall clock's by default): only then do
    its figures differ from the ledger as it stands."""
    return day < (today or dt.date.today())


def open_invoices_owed(
    day: dt.date, today: dt.date | None = None, name: str = "open_invoices"
) -> Subquery:
    """The open invoices at the end of ``day``, with the columns of ``open_invoices``:
    the stored rest for today or a day to come (the only rest the ledger knows for it),
    the rest summed from the dated records for an earlier day."""
    if in_the_past(day, today):
        return open_invoices_on(day, name)
    return open_invoices(name)


def open_invoices_on(day: dt.date, name: str = "open_invoices") -> Subquery:
    """(id, number, customer_id, currency, due_date, remaining_minor) of every invoice with
    something left to pay at the end of ``day``."""
    every = (
        select(
            INVOICE.c.id,
            INVOICE.c.number,
            INVOICE.c.customer_id,
            INVOICE.c.currency,
            INVOICE.c.due_date,
            rest_on(day).label("remaining_minor"),
        )
        .where(INVOICE.c.is_draft.is_(False), INVOICE.c.kind == "invoice")
        .where(INVOICE.c.issue_date <= day)
        .subquery(f"{name}_all")
    )
    return select(every).where(every.c.remaining_minor > 0).subquery(name)


def delays_owed(
    session: Session, day: dt.date, today: dt.date | None = None
) -> dict[int, list[int]]:
    """figure_sets.recent_delays as the ledger stood at the end of ``day``."""
    return recent_delays(session, day, settlements_owed(session, day, today))


def settlements_owed(session: Session, day: dt.date, today: dt.date | None = None) -> Table:
    """figure_sets.recent_settlements as the ledger stood at the end of ``day``: for an
    earlier day, the invoices its payments and write-offs of the HISTORY_DAYS days up to
    it had paid in full (the stored rest cannot tell, since later money counts in it)."""
    if not in_the_past(day, today):
        return recent_settlements(session, day)
    money_in = money_in_since(day - dt.timedelta(days=HISTORY_DAYS), until=day)
    paid_then = and_(
        INVOICE.c.is_draft.is_(False),
        INVOICE.c.kind == "invoice",
        INVOICE.c.due_date.is_not(None),
        settled_by(day) > 0,
        rest_on(day) <= 0,
    )
    return write_settlements(session, settlements(money_in).where(paid_then))


def rest_on(day: dt.date):
    """SQL for what was left to pay on the invoice of the enclosing query (over
    ``INVOICE``) at the end of ``day``."""
    return INVOICE.c.total_minor - credited_by(day) - settled_by(day)


def credited_by(day: dt.date):
    """What the invoice's credit notes issued by the end of ``day`` took off it."""
    credit_note = INVOICE.alias("credit_note")
    # "IS NOT true", not "= false": SQLite would look the credit notes up through the
    # (is_draft, due_date) index, every issued invoice once per invoice, not by credits_id.
    return (
        select(func.coalesce(func.sum(-credit_note.c.total_minor), 0))
        .where(credit_note.c.credits_id == INVOICE.c.id, credit_note.c.is_draft.is_not(True))
        .where(credit_note.c.issue_date <= day)
        .scalar_subquery()
    )


def settled_by(day: dt.date):
    """What reached the invoice by the end of ``day``: payments (money or customer credit)
    and write-offs, which the stored ``paid_minor`` counts alike."""
    paid = (
        select(func.coalesce(func.sum(ALLOCATION.c.amount_minor), 0))
        .select_from(ALLOCATION)
        .join(PAYMENT, PAYMENT.c.id == ALLOCATION.c.payment_id)
        .where(ALLOCATION.c.invoice_id == INVOICE.c.id, PAYMENT.c.payment_date <= day)
        .scalar_subquery()
    )
    written_off = (
        select(func.coalesce(func.sum(WRITE_OFF.c.amount_minor), 0))
        .where(WRITE_OFF.c.invoice_id == INVOICE.c.id, WRITE_OFF.c.write_off_date <= day)
        .scalar_subquery()
    )
    return paid + written_off
