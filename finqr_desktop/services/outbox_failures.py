"""The outbox items that stopped on a permanent failure, for the clerk to read and retry.

A permanent failure (a refused recipient, a wrong password, a customer without an address)
waits in the outbox until someone acts; ``outbox.approve`` with the row's id puts it back
in line. This is the list the GUI shows beside that Retry button.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..storage.models import CustomerRow, InvoiceRow, OutboxRow

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class FailedItem:
    """``kind`` is "invoice" (level 0) or "reminder"; ``attempts`` counts every try."""

    outbox_id: int
    invoice_number: str
    customer_name: str
    kind: str
    level: int
    error: str
    attempts: int
    planned_at: dt.datetime


def failed_items(session: Session) -> list[FailedItem]:
    """Every permanently failed item, oldest planned first; a short list in practice."""
    rows = session.execute(
        select(
            OutboxRow.id,
            InvoiceRow.number,
            CustomerRow.name,
            OutboxRow.kind,
            OutboxRow.level,
            OutboxRow.last_error,
            OutboxRow.attempts,
            OutboxRow.planned_at,
        )
        .join(InvoiceRow, InvoiceRow.id == OutboxRow.invoice_id)
        .join(CustomerRow, CustomerRow.id == InvoiceRow.customer_id)
        .where(OutboxRow.status == "failed")
        .order_by(OutboxRow.planned_at, OutboxRow.id)
    ).all()
    return [
        FailedItem(
            outbox_id=row[0],
            invoice_number=row[1] or "",
            customer_name=row[2],
            kind=row[3],
            level=row[4],
            error=row[5],
            attempts=row[6],
            planned_at=row[7].replace(tzinfo=dt.UTC),
        )
        for row in rows
    ]
