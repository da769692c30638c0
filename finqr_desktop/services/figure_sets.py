"""The two sets of invoices the dashboard's figures count, as SQL: the open ones, and the
recently paid ones with how late each was paid.

Open: issued invoices (not credit notes) with something left after credit notes, payments
and write-offs, read through the same text as the partial index ix_invoice_open_amounts
(storage.models.OPEN_AMOUNTS_SQL), which holds every column the figures sum: their cost
follows what is open, not the size of the ledger, and no invoice's row is visited.

Paid: the ledger keeps no "paid on" date. An invoice is paid once its allocations and
write-offs reach what the credit notes left of its total, and its settling day is taken as
the latest day money reached it (the payment date of its latest allocation, or its latest
write-off). Delay is that day minus the due date, in days; negative when paid early. Only
money of the last HISTORY_DAYS days is read, from the payment-date index, so a ledger's
old years cost nothing.

The figures' queries name the tables' columns (``INVOICE``, ...), not the mapped classes':
they read plain rows, and a statement without mapped classes neither sets up the ORM's
mappers nor goes through its compilation, which on the first refresh in a process cost
more than the queries themselves (benchmarks/README.md, the dashboard).
"""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import (
    Column,
    Date,
    Integer,
    MetaData,
    Table,
    and_,
    func,
    insert,
    select,
    text,
    union_all,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql import Subquery

from ..storage.models import (
    OPEN_AMOUNTS_SQL,
    InvoiceRow,
    PaymentAllocationRow,
    PaymentRow,
    WriteOffRow,
)
from .figure_sql import days_between

logger = logging.getLogger(__name__)

INVOICE = InvoiceRow.__table__
PAYMENT = PaymentRow.__table__
ALLOCATION = PaymentAllocationRow.__table__
WRITE_OFF = WriteOffRow.__table__

# A customer's payment habit: its last HISTORY invoices settled in the last HISTORY_DAYS.
HISTORY = 10
HISTORY_DAYS = 120


def open_invoices(name: str = "open_invoices") -> Subquery:
    """(id, number, customer_id, currency, due_date, remaining_minor) of every open invoice."""
    return (
        select(
            INVOICE.c.id,
            INVOICE.c.number,
            INVOICE.c.customer_id,
            INVOICE.c.currency,
            INVOICE.c.due_date,
            (INVOICE.c.total_minor - INVOICE.c.credited_minor - INVOICE.c.paid_minor).label(
                "remaining_minor"
            ),
        )
        .where(text(OPEN_AMOUNTS_SQL))
        .subquery(name)
    )


def paid_filter():
    """Issued invoices paid in full by money (not credited away)."""
    return and_(
        ~INVOICE.c.is_draft,
        INVOICE.c.kind == "invoice",
        INVOICE.c.paid_minor > 0,
        INVOICE.c.total_minor - INVOICE.c.credited_minor - INVOICE.c.paid_minor <= 0,
        INVOICE.c.due_date.is_not(None),
    )


def money_in_since(since: dt.date, until: dt.date | None = None) -> Subquery:
    """(invoice_id, day): the latest day money reached each invoice that had some on or
    after ``since`` (which is then its latest day of all), or from ``since`` to ``until``
    for the ledger as it was at the end of ``until``."""
    paid_on, written_on = PAYMENT.c.payment_date, WRITE_OFF.c.write_off_date
    money = (
        select(ALLOCATION.c.invoice_id.label("invoice_id"), paid_on.label("day"))
        .select_from(PAYMENT)
        .join(ALLOCATION, ALLOCATION.c.payment_id == PAYMENT.c.id)
        .where(paid_on >= since, ALLOCATION.c.amount_minor > 0)
    )
    written = select(WRITE_OFF.c.invoice_id.label("invoice_id"), written_on.label("day"))
    written = written.where(written_on >= since)
    if until is not None:
        money, written = money.where(paid_on <= until), written.where(written_on <= until)
    arrivals = union_all(money, written).subquery("arrivals")
    return (
        select(arrivals.c.invoice_id, func.max(arrivals.c.day).label("day"))
        .group_by(arrivals.c.invoice_id)
        .subquery("money_in")
    )


def recent_settlements(session: Session, today: dt.date) -> Table:
    """Every invoice settled in the last HISTORY_DAYS days, written once per refresh into a
    temporary table keyed by invoice: (invoice_id, customer_id, day, delay).

    Both the customers' delays and the reminders' effect read it, so the grouping of the
    recent payments, the costliest step of the dashboard, runs once. The table lives in
    the session's transaction: dropped first in case a pooled connection kept one, and
    gone with the reading session's rollback (on PostgreSQL also at commit).
    """
    money_in = money_in_since(today - dt.timedelta(days=HISTORY_DAYS))
    return write_settlements(session, settlements(money_in).where(paid_filter()))


def settlements(money_in: Subquery):
    """(invoice id, customer id, day, delay) of the invoices ``money_in`` reached, to be
    narrowed to those it paid in full."""
    return (
        select(
            INVOICE.c.id,
            INVOICE.c.customer_id,
            money_in.c.day,
            days_between(money_in.c.day, INVOICE.c.due_date),
        )
        .select_from(money_in)
        .join(INVOICE, INVOICE.c.id == money_in.c.invoice_id)
    )


def write_settlements(session: Session, settled) -> Table:
    """The rows of ``settled`` (see settlements) into the temporary SETTLED table."""
    connection = session.connection()
    connection.execute(text(f"DROP TABLE IF EXISTS {SETTLED.name}"))
    SETTLED.create(connection)
    connection.execute(insert(SETTLED).from_select(
        ["invoice_id", "customer_id", "day", "delay"], settled))  # fmt: skip
    # Each customer's settlements in order, for recent_delays to pick its latest ones;
    # built once the rows are in, which costs less than keeping it up to date row by row.
    connection.execute(text(f"CREATE INDEX {SETTLED.name}_customer ON {SETTLED.name} "
                            "(customer_id, day, invoice_id)"))  # fmt: skip
    return SETTLED


SETTLED = Table(
    "finqr_recent_settled",
    MetaData(),
    Column("invoice_id", Integer, primary_key=True, autoincrement=False),
    Column("customer_id", Integer, nullable=False),
    Column("day", Date, nullable=False),
    Column("delay", Integer, nullable=False),
    prefixes=["TEMPORARY"],
    postgresql_on_commit="DROP",
)


def recent_delays(
    session: Session, today: dt.date, settled: Table | None = None
) -> dict[int, list[int]]:
    """Per customer, the delays of its last HISTORY invoices settled in the last
    HISTORY_DAYS days (in no particular order).

    Each customer's latest are found through the temporary table's index by customer, a
    few index steps per customer; numbering every settlement with a window function and
    keeping the first ones cost twice as much (benchmarks/README.md, the dashboard).
    """
    settled = recent_settlements(session, today) if settled is None else settled
    payers = select(settled.c.customer_id).distinct().subquery("payers")
    later = settled.alias("later")
    latest = (
        select(later.c.invoice_id)
        .where(later.c.customer_id == payers.c.customer_id)
        .order_by(later.c.day.desc(), later.c.invoice_id.desc())
        .limit(HISTORY)
    )
    query = (
        select(settled.c.customer_id, settled.c.delay)
        .select_from(payers)
        .join(settled, settled.c.invoice_id.in_(latest))
    )
    samples: dict[int, list[int]] = {}
    for customer_id, delay in session.execute(query).all():
        samples.setdefault(customer_id, []).append(delay)
    return samples
