"""Issuing several selected drafts, one transaction each, so a stop keeps what was issued.

Unlike ``invoices.issue_invoices`` (a whole batch in one transaction, for imports), the
clerk's "Issue selected…" may be stopped or hit a draft that cannot be issued: every
invoice issued before then stays issued with its number, and numbers stay gapless because
a draft's number is drawn inside its own transaction and rolled back with it. The draft
that fails is named with the reason, and the rest are left as drafts.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from ..domain.errors import RuleViolation, ValidationFailed
from ..domain.messages import error_message
from ..storage.database import Database
from ..storage.models import CustomerRow, InvoiceRow
from .cancelling import CancelToken, Step, StepReport
from .invoices import issue_invoice

logger = logging.getLogger(__name__)


@dataclass
class BatchIssued:
    """What a batch did: the numbers issued in order, and why it stopped early if it did."""

    total: int
    numbers: list[str] = field(default_factory=list)
    cancelled: bool = False
    failed_draft: int | None = None
    failure: str = ""

    @property
    def left(self) -> int:
        return self.total - len(self.numbers)


def issue_drafts(
    database: Database,
    invoice_ids: list[int],
    *,
    now: dt.datetime | None = None,
    cancel: CancelToken | None = None,
    progress: StepReport | None = None,
) -> BatchIssued:
    """Issue each draft in its own transaction, in the order given.

    ``cancel`` is asked before each draft, so a stop finishes the invoice in progress and
    issues no more. A draft that cannot be issued (RuleViolation, ValidationFailed) stops the
    batch with its reason; what was issued before it stays.
    """
    result = BatchIssued(total=len(invoice_ids))
    for index, invoice_id in enumerate(invoice_ids):
        if cancel is not None and cancel.requested:
            result.cancelled = True
            break
        if progress is not None:
            progress(Step(index, len(invoice_ids), _customer_name(database, invoice_id)))
        try:
            with database.writing() as session:
                record = issue_invoice(session, invoice_id, now=now)
                result.numbers.append(record.number)
        except (RuleViolation, ValidationFailed) as error:
            logger.info("batch issue stopped at draft %s: %s", invoice_id, error)
            result.failed_draft, result.failure = invoice_id, error_message(error)
            break
    if progress is not None:
        progress(Step(len(result.numbers), len(invoice_ids)))
    logger.info("batch issue: %d of %d issued", len(result.numbers), len(invoice_ids))
    return result


def _customer_name(database: Database, invoice_id: int) -> str:
    with database.reading() as session:
        record = session.get(InvoiceRow, invoice_id)
        if record is None:
            return ""
        customer = session.get(CustomerRow, record.customer_id)
        return customer.name if customer is not None else ""
