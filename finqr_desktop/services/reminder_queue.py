"""The reminder queue read from the ledger: what goes out today and in the coming days.

Only invoices that can fall due inside the window are read, through the partial index of
open invoices by due date, so the cost follows what is owed and due rather than the size
of the ledger. Planning itself is the domain's; this module gathers the facts for it and
lays any outbox row (approved, skipped, postponed...) over the plan.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal

from sqlalchemy import false, select, text
from sqlalchemy.orm import Session

from ..domain.money import from_minor
from ..domain.reminder_plan import InvoiceFacts, SentMessage
from ..domain.reminder_policy import ReminderPolicy
from ..domain.reminder_queue import QUEUE_DAYS, ReminderCase, build_queue
from ..storage.models import (
    OPEN_INVOICE_SQL,
    CustomerRow,
    InvoiceRow,
    MessageLogRow,
    OutboxRow,
)
from .reminder_settings import reminder_policy

logger = logging.getLogger(__name__)

CHUNK = 5_000
UTC = dt.UTC


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


def queue(
    session: Session,
    today: dt.date,
    *,
    days: int = QUEUE_DAYS,
    policy: ReminderPolicy | None = None,
) -> list[QueueItem]:
    """Every open invoice's next reminder planned from ``today`` to ``days`` days later."""
    policy = policy or reminder_policy(session)
    if not policy.levels:
        return []
    rows = session.execute(_due_invoices(today, days, policy)).all()
    ids = [row.id for row in rows]
    history = _history(session, ids)
    customers = {}
    cases = []
    truncated: dict[int, ReminderPolicy] = {}
    for row in rows:
        customers[row.id] = (row.customer_number, row.customer_name)
        sent = history.get(row.id, ())
        cases.append(ReminderCase(_facts(row), sent, _through_next(policy, sent, truncated)))
    planned = build_queue(cases, today, days=days)
    outbox = _outbox(session, [p.invoice_id for p in planned])
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
                currency=policy.currency,
                level=p.level,
                send_at=send_at,
                amount_due=p.amount_due,
                fee=p.fee,
                compensation=p.compensation,
                interest=p.interest,
                reason=p.reason,
                caught_up=p.caught_up,
                status=row.status if row is not None else None,
                outbox_id=row.id if row is not None else None,
                skip_reason=row.skip_reason if row is not None else "",
            )
        )
    return items


def _due_invoices(today: dt.date, days: int, policy: ReminderPolicy):
    """Open invoices whose earliest level can fall inside the window, and their customers.

    The open-invoice condition is the partial index's own text, in a subquery over
    ``invoice`` alone, so SQLite recognises it and the names stay unambiguous.
    """
    earliest_offset = min(level.days_after_due for level in policy.levels)
    latest_due = today + dt.timedelta(days=days - earliest_offset)
    open_due = (
        select(InvoiceRow)
        .where(text(OPEN_INVOICE_SQL))
        .where(InvoiceRow.due_date <= latest_due)
        .where(InvoiceRow.disputed == false())
        .where(InvoiceRow.currency == policy.currency)
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
        )
        .join(CustomerRow, CustomerRow.id == open_due.c.customer_id)
        .where(CustomerRow.reminders_paused == false())
    )


def _through_next(
    policy: ReminderPolicy, sent: Iterable[SentMessage], cache: dict[int, ReminderPolicy]
) -> ReminderPolicy:
    """The policy cut after the first reminder level not yet sent.

    The queue shows one level per invoice, and planning a level never depends on the ones
    after it, so the cut policy plans the same first item without working out the interest
    of every later level (most of the queue's time over a few thousand invoices). Level 0
    may be dropped by the planner, so the cut is after the first unsent level from 1 up.
    """
    done = max((m.what for m in sent if isinstance(m.what, int)), default=-1)
    count = next(
        (n for n, level in enumerate(policy.levels, start=1) if level.level > max(done, 0)),
        len(policy.levels),
    )
    if count not in cache:
        cache[count] = replace(policy, levels=policy.levels[:count])
    return cache[count]


def _facts(row) -> InvoiceFacts:
    # The ledger keeps the paid sum, not dated payments, so interest runs on what is still
    # unpaid from the due date; paid parts earn no interest for the days they were late.
    remaining = row.total_minor - row.credited_minor - row.paid_minor
    return InvoiceFacts(
        id=row.id,
        number=row.number,
        customer_kind=row.customer_kind,
        fee_agreed=row.reminder_fee_agreed,
        paused=False,
        disputed=False,
        due_date=row.due_date,
        total=from_minor(row.total_minor, row.currency),
        remaining=from_minor(remaining, row.currency),
    )


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _history(session: Session, ids: list[int]) -> dict[int, list[SentMessage]]:
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


def _outbox(session: Session, ids: list[int]) -> dict[tuple[int, int], OutboxRow]:
    found = {}
    for chunk in _chunks(ids):
        query = select(OutboxRow).where(
            OutboxRow.invoice_id.in_(chunk), OutboxRow.kind == "reminder"
        )
        for row in session.scalars(query):
            found[(row.invoice_id, row.level)] = row
    return found
