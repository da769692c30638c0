"""Who did what: an ``audit_event`` row for every action that changes the ledger.

When three clerks and two schedulers share one database, "who issued this, and when?" needs
an answer the ledger itself keeps. Each row names the operating-system user and the
workstation (host name) of the process that acted, and the time in UTC. The row is added to
the caller's session, so it is written in the same transaction as the action: an action that
rolls back leaves no trace, and one that commits always has its row.
"""

from __future__ import annotations

import datetime as dt
import functools
import getpass
import logging
import os
import socket
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import insert, or_, select
from sqlalchemy.orm import Session

from ..storage.models import AuditEventRow, InvoiceRow

logger = logging.getLogger(__name__)

# The actions, as the History lists and `finqr invoice audit --json` name them.
ISSUE = "issue"
CREDIT = "credit"
PAYMENT = "payment"
ALLOCATION = "allocation"
WRITE_OFF = "write-off"
CUSTOMER_CREDIT = "customer credit"
SEND = "send"
DRAFT = "draft"
DISPUTE = "dispute"
REMINDER = "reminder"
TEMPLATE = "template change"
CUSTOMER = "customer change"
SETTINGS = "settings change"

DETAIL_LIMIT = 500


@dataclass(frozen=True)
class Actor:
    user: str
    workstation: str


@dataclass(frozen=True)
class AuditEntry:
    """One recorded action as plain values; ``at`` is an aware UTC time."""

    at: dt.datetime
    user: str
    workstation: str
    action: str
    invoice_number: str | None
    detail: str

    def to_json(self) -> dict:
        return {
            "at": self.at.isoformat(),
            "user": self.user,
            "workstation": self.workstation,
            "action": self.action,
            "invoice": self.invoice_number,
            "detail": self.detail,
        }


@functools.cache
def actor() -> Actor:
    """This process's user and host, looked up once (neither changes while it runs)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError, ImportError):
        # getpass fails in a container whose uid has no passwd entry and no $USER (and,
        # before Python 3.13, on Windows without %USERNAME% it fails importing pwd).
        uid = getattr(os, "getuid", None)
        user = f"uid {uid()}" if uid else "unknown"
    return Actor(user=user[:120], workstation=(socket.gethostname() or "unknown")[:255])


def record(
    session: Session,
    action: str,
    *,
    invoice_id: int | None = None,
    customer_id: int | None = None,
    detail: str = "",
) -> None:
    """Add the action's row to the caller's transaction; it is written with the next flush."""
    session.add(AuditEventRow(**_values(action, invoice_id, customer_id, detail)))


def record_many(session: Session, action: str, events: Iterable[tuple[int | None, str]]) -> None:
    """One row per (invoice id, detail), in one statement: for the bulk bank import."""
    rows = [_values(action, invoice_id, None, detail) for invoice_id, detail in events]
    if rows:
        session.execute(insert(AuditEventRow), rows)


def invoice_events(session: Session, invoice_id: int) -> list[AuditEntry]:
    """Everything recorded about the invoice, oldest first; a credit note's own issue is
    listed with the invoice it credits."""
    credit_notes = select(InvoiceRow.id).where(InvoiceRow.credits_id == invoice_id)
    query = (
        select(AuditEventRow, InvoiceRow.number)
        .outerjoin(InvoiceRow, InvoiceRow.id == AuditEventRow.invoice_id)
        .where(
            or_(
                AuditEventRow.invoice_id == invoice_id,
                AuditEventRow.invoice_id.in_(credit_notes),
            )
        )
        .order_by(AuditEventRow.at, AuditEventRow.id)
    )
    return [_entry(row, number) for row, number in session.execute(query)]


def last_change(
    session: Session, *, invoice_id: int | None = None, customer_id: int | None = None
) -> AuditEntry | None:
    """The newest row about the invoice or the customer: who saved it last, and when."""
    query = select(AuditEventRow).order_by(AuditEventRow.id.desc()).limit(1)
    if invoice_id is not None:
        query = query.where(AuditEventRow.invoice_id == invoice_id)
    else:
        query = query.where(
            AuditEventRow.customer_id == customer_id, AuditEventRow.action == CUSTOMER
        )
    row = session.scalar(query)
    return None if row is None else _entry(row, None)


def _values(action: str, invoice_id, customer_id, detail: str) -> dict:
    who = actor()
    text = " ".join(detail.split())
    return {
        "at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
        "os_user": who.user,
        "workstation": who.workstation,
        "action": action,
        "invoice_id": invoice_id,
        "customer_id": customer_id,
        "detail": text if len(text) <= DETAIL_LIMIT else text[: DETAIL_LIMIT - 1] + "…",
    }


def _entry(row: AuditEventRow, number: str | None) -> AuditEntry:
    return AuditEntry(
        at=row.at.replace(tzinfo=dt.UTC),
        user=row.os_user,
        workstation=row.workstation,
        action=row.action,
        invoice_number=number,
        detail=row.detail,
    )
