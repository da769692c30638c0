"""What was e-mailed about an invoice: every message sent and every failed attempt.

Read from ``message_log``, where the worker writes a row for each send and each failure, so
the history is what happened, not what was planned. "E-mailed at" is the last *successful*
send of the document e-mail: a failed attempt never counts as the invoice having gone out.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..storage.models import MessageLogRow

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class HistoryEntry:
    """One attempt. ``at`` is aware UTC; ``recipients`` is empty for a failure, which the
    log records without them; ``kind`` is "invoice" (the document itself, a credit note's
    too), "reminder" or "manual"."""

    at: dt.datetime
    kind: str
    level: int
    status: str
    recipients: tuple[str, ...]
    message_id: str
    error: str

    @property
    def sent(self) -> bool:
        return self.status == "sent"


def history(session: Session, invoice_id: int) -> list[HistoryEntry]:
    """Every attempt for the invoice, newest first (the log's order breaks ties)."""
    rows = session.scalars(
        select(MessageLogRow)
        .where(MessageLogRow.invoice_id == invoice_id)
        .order_by(MessageLogRow.sent_at.desc(), MessageLogRow.id.desc())
    )
    return [
        HistoryEntry(
            at=row.sent_at.replace(tzinfo=dt.UTC),
            kind=row.kind,
            level=row.level,
            status=row.status,
            recipients=tuple(row.recipients or ()),
            message_id=row.message_id or "",
            error=row.error or "",
        )
        for row in rows
    ]


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
    }
