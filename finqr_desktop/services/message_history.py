"""What was e-mailed about an invoice: every message sent and every failed attempt.

Read from ``message_log``, where the worker writes a row for each send and each failure, so
the history is what happened, not what was planned. "E-mailed at" is the last *successful*
send of the document e-mail: a failed attempt never counts as the invoice having gone out.
A temporary failure (the server away or busy) is no failure to the clerk: the worker tries
again by itself, and the history says when.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.messages import Message, msg
from ..storage.models import MessageLogRow, OutboxRow

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class HistoryEntry:
    """One attempt. ``at`` is aware UTC; ``recipients`` is empty for a failure, which the
    log records without them; ``kind`` is "invoice" (the document itself, a credit note's
    too), "reminder" or "manual". ``status`` is "sent", "failed" (for good: it waits for the
    clerk) or "deferred" (a temporary failure). ``retry_at`` (aware UTC) is set on the
    latest attempt of a message the worker will try again, whatever the log called it."""

    at: dt.datetime
    kind: str
    level: int
    status: str
    recipients: tuple[str, ...]
    message_id: str
    error: str
    retry_at: dt.datetime | None = None

    @property
    def sent(self) -> bool:
        return self.status == "sent"

    @property
    def temporary(self) -> bool:
        """Not sent, but not for good either: the worker tried, or tries, again."""
        return self.status == "deferred" or self.retry_at is not None


def history(session: Session, invoice_id: int) -> list[HistoryEntry]:
    """Every attempt for the invoice, newest first (the log's order breaks ties)."""
    rows = session.execute(
        select(MessageLogRow, OutboxRow.status, OutboxRow.next_attempt_at)
        .outerjoin(OutboxRow, OutboxRow.id == MessageLogRow.outbox_id)
        .where(MessageLogRow.invoice_id == invoice_id)
        .order_by(MessageLogRow.sent_at.desc(), MessageLogRow.id.desc())
    ).all()
    entries = []
    latest_seen: set[int | None] = set()
    for row, outbox_status, next_attempt_at in rows:
        latest = row.outbox_id not in latest_seen
        latest_seen.add(row.outbox_id)
        # The newest failed attempt of a message still waiting to be tried again: older
        # ledgers logged such a temporary failure as "failed", so the outbox row decides.
        waiting = outbox_status in ("approved", "claimed") and next_attempt_at is not None
        retry = latest and row.status != "sent" and waiting and row.outbox_id is not None
        entries.append(
            HistoryEntry(
                at=row.sent_at.replace(tzinfo=dt.UTC),
                kind=row.kind,
                level=row.level,
                status=row.status,
                recipients=tuple(row.recipients or ()),
                message_id=row.message_id or "",
                error=row.error or "",
                retry_at=next_attempt_at.replace(tzinfo=dt.UTC) if retry else None,
            )
        )
    return entries


def emailed_at(session: Session, invoice_id: int) -> dt.datetime | None:
    """When the invoice (or credit note) itself last reached the mail server, or None."""
    moment = session.scalar(
        select(MessageLogRow.sent_at)
        .where(
            MessageLogRow.invoice_id == invoice_id,
            MessageLogRow.kind.in_(("invoice", "manual")),
            MessageLogRow.status == "sent",
        )
        .order_by(MessageLogRow.sent_at.desc())
        .limit(1)
    )
    return moment.replace(tzinfo=dt.UTC) if moment is not None else None


def describe(entry: HistoryEntry) -> str:
    """What the message was, in the clerk's words: "invoice", "reminder 2"..."""
    if entry.kind == "reminder":
        return f"reminder {entry.level}" if entry.level else "payment notice"
    if entry.kind == "manual":
        return "sent again"
    return entry.kind


def result_text(entry: HistoryEntry) -> Message:
    """How the attempt ended, in the clerk's words; a retry's time in UTC, as the command
    line's history shows every time."""
    if entry.sent:
        return msg("sent")
    if entry.retry_at is not None:
        time = entry.retry_at.strftime("%Y-%m-%d %H:%M")
        return msg("waiting to be retried at {time}", time=time)
    if entry.temporary:
        return msg("not sent: a temporary failure")
    return msg("failed")


def entry_json(entry: HistoryEntry) -> dict:
    """The JSON form `finqr invoice history --json` prints (keys are a promise to scripts)."""
    return {
        "at": entry.at.isoformat(),
        "kind": entry.kind,
        "level": entry.level,
        "status": entry.status,
        "recipients": list(entry.recipients),
        "message_id": entry.message_id,
        "error": entry.error,
        "retry_at": entry.retry_at.isoformat() if entry.retry_at is not None else None,
    }
