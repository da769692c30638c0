"""The reminder queue: what goes out today and in the coming days, over many invoices.

Each invoice brings its own policy, so a customer's override needs no special case here.
Only the next level of each invoice is listed: the one after it depends on this one
actually going out, and is planned again once it has.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from finqr_desktop.domain.reminder_plan import InvoiceFacts, PlannedReminder, SentMessage, plan
from finqr_desktop.domain.reminder_policy import ReminderPolicy

QUEUE_DAYS = 14


@dataclass(frozen=True)
class ReminderCase:
    """One invoice with its message history and the policy that applies to its customer."""

    facts: InvoiceFacts
    history: Sequence[SentMessage]
    policy: ReminderPolicy


def build_queue(
    cases: Iterable[ReminderCase], today: dt.date, *, days: int = QUEUE_DAYS
) -> list[PlannedReminder]:
    """The next reminder of every invoice planned from ``today`` to ``days`` days later.

    Sorted by send time, then invoice number, so the clerk reads it in the order it goes.
    """
    if days < 0:
        raise ValueError("the queue cannot look back in time")
    horizon = today + dt.timedelta(days=days)
    queue = []
    for case in cases:
        planned = plan(case.facts, case.history, case.policy, today, until=horizon)
        if planned:
            queue.append(planned[0])
    queue.sort(key=lambda item: (item.send_at.timestamp(), item.invoice_number, item.invoice_id))
    return queue
