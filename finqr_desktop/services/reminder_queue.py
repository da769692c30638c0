"""The reminder queue read from the ledger: what goes out today and in the coming days.

Only invoices that can fall due inside the window are read, through the partial index of
open invoices by due date, so the cost follows what is owed and due rather than the size
of the ledger. Planning itself is the domain's; this module gathers the facts for it and
lays any outbox row (approved, skipped, postponed...) over the plan.

Each invoice is planned with its customer's policy (a named one, or the ledger's), adapted
to the invoice's currency (``domain.reminder_policy.for_currency``): the outbox, the
e-mail and this queue therefore all agree on what a customer is sent and charged.

An invoice whose own e-mail is queued but not sent yet is planned as if that e-mail went out
on the first day it can: its reminder waits for it and then for the policy's gap.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import Connection, Row, Select, false, func, select, text
from sqlalchemy.orm import Session

from ..domain.money import currency_exponent, from_minor
from ..domain.reminder_plan import InvoiceFacts, ReminderReason, SentMessage
from ..domain.reminder_policy import ReminderPolicy, for_currency
from ..domain.reminder_queue import QUEUE_DAYS, ReminderCase, build_queue
from ..storage.models import (
    OPEN_INVOICE_SQL,
    CustomerCreditRow,
    CustomerRow,
    InvoiceRow,
    MessageLogRow,
    OutboxRow,
    PaymentAllocationRow,
    PaymentRow,
    WriteOffRow,
)
from .reminder_settings import PolicyBook, policy_book

logger = logging.getLogger(__name__)

CHUNK = 5_000
UTC = dt.UTC
# An invoice's own e-mail in these states has not reached the customer yet (a permanent
# failure waits for the clerk, and still has not).
MAIL_UNSENT = ("pending", "approved", "claimed", "postponed", "failed")


@dataclass(frozen=True)
class QueueItem:
    """One invoice's next reminder as the clerk reviews it; amounts in ``currency``."""

    invoice_id: int
    invoice_number: str
    customer_number: str
    customer_name: str
    currency: str
    level: int
    send_at: dt.datetime
    amount_due: Decimal
    fee: Decimal
    compensation: Decimal
    interest: Decimal
    reason: str
    caught_up: bool
    status: str | None = None
    outbox_id: int | None = None
    skip_reason: str = ""
    # Credit the customer holds in this currency: money of theirs the ledger already has,
    # which the clerk should place on the invoice (or pay back) before reminding them.
    customer_credit: Decimal = Decimal(0)
    # The reason as facts, for a screen that words it in the clerk's language.
    why: ReminderReason | None = None
    # When the plan itself would send it; ``send_at`` differs only for a postponed item.
    plan_send_at: dt.datetime | None = None


def queue(
    session: Session,
    today: dt.date,
    *,
    days: int = QUEUE_DAYS,
    policy: ReminderPolicy | None = None,
    invoice_id: int | None = None,
) -> list[QueueItem]:
    """Every open invoice's next reminder planned from ``today`` to ``days`` days later.

    ``policy`` stands in for the ledger's own policy (a what-if); customers who follow a
    named policy keep it, over that policy's ledger-wide settings. ``invoice_id`` plans
    that one invoice only (after a payment moved its figures).
    """
    book = policy_book(session)
    if policy is not None:
        book = book.with_default(policy)
    policy = book.default
    offsets = [
        level.days_after_due for p in (book.default, *book.named.values()) for level in p.levels
    ]
    if not offsets:
        return []
    due = _due_invoices(today, days, min(offsets))
    if invoice_id is not None:
        due = due.where(due.selected_columns.id == invoice_id)
    # Plain rows through the session's connection: nothing here needs ORM objects, and the
    # ORM's result machinery would cost more than the queries.
    connection = session.connection()
    rows = [_DueRow._make(row) for row in connection.execute(due)]
    # The same candidates again, as a subquery: SQLite finds them through the partial index
    # in a millisecond, where a list of thousands of ids costs more to bind than to run.
    due_ids = select(due.subquery().c.id)
    history = _history(connection, due_ids)
    payments = _payments(connection, due_ids)
    unsent = invoice_mail_unsent(connection, due_ids)
    customers = {}
    currencies = {}
    cases = []
    policies = _Policies(book)
    for row in rows:
        customers[row.id] = (row.customer_number, row.customer_name)
        currencies[row.id] = row.currency
        sent = history.get(row.id, ())
        chosen = policies.through_next(row.customer_policy, row.currency, sent)
        if chosen is not None:
            facts = _facts(row, payments.get(row.id, ()), unsent.get(row.id))
            cases.append(ReminderCase(facts, sent, chosen))
    planned = build_queue(cases, today, days=days)
    outbox = _outbox(connection, due_ids)
    credits = _credits(connection)
    logger.debug("queue for %s: %d candidates, %d planned", today, len(rows), len(planned))

    items = []
    for p in planned:
        row = outbox.get((p.invoice_id, p.level))
        number, name = customers[p.invoice_id]
        send_at = p.send_at
        if row is not None and row.status == "postponed":
            send_at = row.planned_at.replace(tzinfo=UTC).astimezone(policy.window.zone)
        items.append(
            QueueItem(
                invoice_id=p.invoice_id,
                invoice_number=p.invoice_number,
                customer_number=number,
                customer_name=name,
                currency=currencies[p.invoice_id],
                level=p.level,
                send_at=send_at,
                amount_due=p.amount_due,
                fee=p.fee,
                compensation=p.compensation,
                interest=p.interest,
                reason=p.reason,
                why=p.why,
                plan_send_at=p.send_at,
                caught_up=p.caught_up,
                status=row.status if row is not None else None,
                outbox_id=row.id if row is not None else None,
                skip_reason=row.skip_reason if row is not None else "",
                customer_credit=credits.get(
                    (number, currencies[p.invoice_id]), from_minor(0, currencies[p.invoice_id])
                ),
            )
        )
    return items


def _credits(connection: Connection) -> dict[tuple[str, str], Decimal]:
    """Every customer's credit balance per currency, where there is one.

    Credit movements are few (overpayments, refunds), so the whole table is summed rather
    than only the customers in the queue.
    """
    total = func.sum(CustomerCreditRow.amount_minor)
    query = (
        select(CustomerRow.number, CustomerCreditRow.currency, total)
        .join(CustomerRow, CustomerRow.id == CustomerCreditRow.customer_id)
        .group_by(CustomerRow.number, CustomerCreditRow.currency)
        .having(total > 0)
    )
    return {
        (number, currency): Decimal(int(minor)).scaleb(-currency_exponent(currency))
        for number, currency, minor in connection.execute(query)
    }


class _DueRow(NamedTuple):
    """A row of ``_due_invoices``; named-attribute access on SQLAlchemy's own Row is ten
    times slower than on a tuple, and the queue reads a dozen per invoice."""

    id: int
    number: str
    currency: str
    due_date: dt.date
    total_minor: int
    credited_minor: int
    paid_minor: int
    customer_number: str
    customer_name: str
    customer_kind: str
    reminder_fee_agreed: bool
    customer_policy: str | None


def _due_invoices(today: dt.date, days: int, earliest_offset: int):
    """Open invoices whose earliest level of any policy can fall inside the window, and their
    customers; ``earliest_offset`` is that level's days after the due date.

    The open-invoice condition is the partial index's own text, in a subquery over
    ``invoice`` alone, so SQLite recognises it and the names stay unambiguous.
    """
    latest_due = today + dt.timedelta(days=days - earliest_offset)
    open_due = (
        select(InvoiceRow)
        .where(text(OPEN_INVOICE_SQL))
        .where(InvoiceRow.due_date <= latest_due)
        .where(InvoiceRow.disputed == false())
        .subquery("open_due")
    )
    return (
        select(
            open_due.c.id,
            open_due.c.number,
            open_due.c.currency,
            open_due.c.due_date,
            open_due.c.total_minor,
            open_due.c.credited_minor,
            open_due.c.paid_minor,
            CustomerRow.number.label("customer_number"),
            CustomerRow.name.label("customer_name"),
            CustomerRow.kind.label("customer_kind"),
            CustomerRow.reminder_fee_agreed,
            CustomerRow.reminder_policy.label("customer_policy"),
        )
        .join(CustomerRow, CustomerRow.id == open_due.c.customer_id)
        .where(CustomerRow.reminders_paused == false())
    )


class _Policies:
    """Each customer's policy for one currency, cut after its next level, made once each."""

    def __init__(self, book: PolicyBook):
        self.book = book
        self.made: dict[tuple, ReminderPolicy | None] = {}

    def through_next(
        self, name: str | None, currency: str, sent: Iterable[SentMessage]
    ) -> ReminderPolicy | None:
        """The policy cut after the first reminder level not yet sent; None: nothing to plan.

        The queue shows one level per invoice, and planning a level never depends on the
        ones after it, so the cut policy plans the same first item without working out the
        interest of every later level (most of the queue's time over a few thousand
        invoices). Level 0 may be dropped by the planner, so the cut is after the first
        unsent level from 1 up.
        """
        done = max((m.what for m in sent if isinstance(m.what, int)), default=-1)
        key = (name, currency, max(done, 0))
        if key not in self.made:
            policy = for_currency(self.book.get(name), currency)
            count = next(
                (n for n, level in enumerate(policy.levels, 1) if level.level > max(done, 0)),
                len(policy.levels),
            )
            self.made[key] = replace(policy, levels=policy.levels[:count]) if count else None
        return self.made[key]


def _facts(
    row, payments: Iterable[tuple[dt.date, int]] = (), mail_waiting: dt.datetime | None = None
) -> InvoiceFacts:
    # ``payments`` are the invoice's dated payments and write-offs in minor units (they add
    # up to its paid sum), so interest runs day by day on what was unpaid each day.
    remaining = row.total_minor - row.credited_minor - row.paid_minor
    # What from_minor gives (value and exponent alike), minus its second rounding step,
    # which an integer number of minor units never needs: thousands of rows a queue.
    exponent = -currency_exponent(row.currency)
    dated = tuple(sorted((day, Decimal(minor).scaleb(exponent)) for day, minor in payments))
    return InvoiceFacts(
        id=row.id,
        number=row.number,
        customer_kind=row.customer_kind,
        fee_agreed=row.reminder_fee_agreed,
        paused=False,
        disputed=False,
        due_date=row.due_date,
        total=Decimal(row.total_minor).scaleb(exponent),
        remaining=Decimal(remaining).scaleb(exponent),
        payments=dated,
        invoice_mail_waiting=mail_waiting,
    )


def _chunks(ids: list[int] | Select) -> Iterable[list[int] | Select]:
    """A list of ids in slices a database takes as parameters; a SELECT of them as it is."""
    if not isinstance(ids, list):
        yield ids
        return
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _history(
    session: Session | Connection, ids: list[int] | Select
) -> dict[int, list[SentMessage]]:
    """Messages that went out, per invoice; failures count for nothing."""
    history: dict[int, list[SentMessage]] = defaultdict(list)
    for chunk in _chunks(ids):
        query = select(
            MessageLogRow.invoice_id,
            MessageLogRow.kind,
            MessageLogRow.level,
            MessageLogRow.sent_at,
        ).where(MessageLogRow.invoice_id.in_(chunk), MessageLogRow.status == "sent")
        for invoice_id, kind, level, sent_at in session.execute(query):
            what = level if kind == "reminder" else "invoice" if kind == "invoice" else "manual"
            history[invoice_id].append(SentMessage(sent_at.replace(tzinfo=UTC), what))
    return history


def invoice_mail_unsent(connection: Connection, ids: list[int] | Select) -> dict[int, dt.datetime]:
    """Per invoice whose own e-mail is queued but has not gone out: when it can go at the
    earliest (aware UTC), after any pause before its next attempt. An invoice with no such
    row was e-mailed already, or is not e-mailed at all (the customer has no address)."""
    found = {}
    for chunk in _chunks(ids):
        query = select(
            OutboxRow.invoice_id, OutboxRow.planned_at, OutboxRow.next_attempt_at
        ).where(
            OutboxRow.invoice_id.in_(chunk),
            OutboxRow.kind == "invoice",
            OutboxRow.status.in_(MAIL_UNSENT),
        )
        for invoice_id, planned_at, next_attempt_at in connection.execute(query):
            earliest = max(planned_at, next_attempt_at or planned_at)
            found[invoice_id] = earliest.replace(tzinfo=UTC)
    return found


def _payments(connection: Connection, ids: list[int] | Select) -> dict[int, list[tuple]]:
    """Dated payments (allocations and write-offs) per candidate invoice, as (date, minor
    units); _facts makes amounts of them in the invoice's currency."""
    found: dict[int, list[tuple[dt.date, int]]] = defaultdict(list)
    for chunk in _chunks(ids):
        allocations = (
            select(
                PaymentAllocationRow.invoice_id,
                PaymentRow.payment_date,
                PaymentAllocationRow.amount_minor,
            )
            .join(PaymentRow, PaymentRow.id == PaymentAllocationRow.payment_id)
            .where(PaymentAllocationRow.invoice_id.in_(chunk))
        )
        write_offs = select(
            WriteOffRow.invoice_id, WriteOffRow.write_off_date, WriteOffRow.amount_minor
        ).where(WriteOffRow.invoice_id.in_(chunk))
        for query in (allocations, write_offs):
            for invoice_id, day, minor in connection.execute(query):
                found[invoice_id].append((day, minor))
    return found


def _outbox(connection: Connection, ids: list[int] | Select) -> dict[tuple[int, int], Row]:
    """The clerk's decisions so far (approved, skipped, postponed...) per (invoice, level)."""
    found = {}
    for chunk in _chunks(ids):
        query = select(
            OutboxRow.id,
            OutboxRow.invoice_id,
            OutboxRow.level,
            OutboxRow.status,
            OutboxRow.planned_at,
            OutboxRow.skip_reason,
        ).where(OutboxRow.invoice_id.in_(chunk), OutboxRow.kind == "reminder")
        for row in connection.execute(query):
            found[(row.invoice_id, row.level)] = row
    return found
