"""The clerk's preview: the exact e-mail, PDF included, that will go out for a queue item.

The message comes from ``reminder_mail.build_mail``, the function the worker sends with,
fed the values the worker would feed it: the outbox row's figures when the item has one
(that is what a claim reads), the queue item's otherwise (what its row will be given). Only
the Date and Message-ID headers differ from what the worker then sends; the MIME
boundaries are derived from the content (``mail.message``), so even the bytes agree.

An item planned for later is previewed as it would go out at its planned time, so the
reminder's date and interest are the ones the customer will see if nothing changes.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from email.message import EmailMessage

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.errors import RuleViolation
from ..domain.messages import msg
from ..domain.money import from_minor
from ..domain.send_window import local_day
from ..storage.models import InvoiceRow, OutboxRow
from .invoices import get_by_number
from .mail_settings import smtp_settings
from .reminder_mail import MailRequest, build_mail, request_for_item
from .reminder_queue import QueueItem, queue
from .reminder_settings import reminder_policy

logger = logging.getLogger(__name__)

# Outbox states whose message has yet to go out (a failed one goes again once approved).
WAITING = ("pending", "approved", "claimed", "postponed", "failed")


@dataclass(frozen=True)
class MailPreview:
    """A built message as the clerk reads it; ``at`` is the moment it was built for."""

    invoice_number: str
    kind: str
    level: int
    at: dt.datetime
    message: EmailMessage
    recipients: tuple[str, ...]
    # The message exactly as it would go on the wire (CRLF line ends).
    data: bytes = b""

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    @property
    def to(self) -> str:
        return str(self.message["To"])

    @property
    def reply_to(self) -> str:
        return str(self.message["Reply-To"] or "")

    @property
    def text(self) -> str:
        return self.message.get_body(("plain",)).get_content()

    @property
    def html(self) -> str:
        body = self.message.get_body(("html",))
        return body.get_content() if body is not None else ""

    @property
    def attachment(self) -> tuple[str, bytes]:
        """The attached PDF's file name and bytes."""
        part = next(self.message.iter_attachments())
        return part.get_filename() or "", part.get_content()


def preview_item(session: Session, item: QueueItem, now: dt.datetime) -> MailPreview:
    """The message the worker would send for ``item``; RuleViolation says why there is none
    (no SMTP settings) and NotSendable why the item cannot be sent (no address...)."""
    at = max(now, item.send_at)
    request = _outbox_request(session, item.outbox_id) if item.outbox_id else None
    return _build(session, request or request_for_item(item), at)


def preview_number(session: Session, number: str, now: dt.datetime) -> MailPreview:
    """The next message for invoice ``number``: its reminder in the queue, else its own
    e-mail still waiting in the outbox."""
    record = get_by_number(session, number.strip())
    if record is None or record.is_draft:
        raise RuleViolation(msg("no issued invoice with number {number}", number=repr(number)))
    policy = reminder_policy(session)
    items = [i for i in queue(session, local_day(now, policy.window)) if i.invoice_id == record.id]
    if items:
        return preview_item(session, items[0], now)
    waiting = session.scalar(
        select(OutboxRow.id)
        .where(
            OutboxRow.invoice_id == record.id,
            OutboxRow.kind == "invoice",
            OutboxRow.status.in_(WAITING),
        )
        .limit(1)
    )
    if waiting is None:
        raise RuleViolation(
            msg(
                "nothing about {number} waits to be e-mailed: no reminder is planned "
                "in the coming days and its own e-mail is not waiting",
                number=record.number,
            )
        )
    return _build(session, _outbox_request(session, waiting), now)


def _build(session: Session, request: MailRequest, at: dt.datetime) -> MailPreview:
    settings = smtp_settings(session)
    if settings is None:
        raise RuleViolation(
            msg(
                "no SMTP settings: set them with `finqr settings smtp` (the sender is part of "
                "the message)"
            )
        )
    mail = build_mail(session, request, settings, at)
    logger.debug("previewed %s %s of %s", request.kind, request.level, request.invoice_number)
    return MailPreview(
        request.invoice_number, request.kind, request.level, at, mail.message,
        tuple(mail.recipients), mail.data,
    )  # fmt: skip


def _outbox_request(session: Session, outbox_id: int) -> MailRequest | None:
    """The request a claim of this row would make (``outbox._as_claim``): the row's fee and
    interest, the amount the invoice has left now."""
    found = session.execute(
        select(OutboxRow, InvoiceRow)
        .join(InvoiceRow, InvoiceRow.id == OutboxRow.invoice_id)
        .where(OutboxRow.id == outbox_id)
    ).first()
    if found is None:
        return None
    row, invoice = found
    currency = invoice.currency
    remaining = invoice.total_minor - invoice.credited_minor - invoice.paid_minor
    return MailRequest(
        invoice_id=invoice.id,
        invoice_number=invoice.number or "",
        kind=row.kind,
        level=row.level,
        currency=currency,
        amount_due=from_minor(remaining, currency),
        fee=from_minor(row.fee_minor, currency),
        interest=from_minor(row.interest_minor, currency),
        compensation=from_minor(row.compensation_minor, currency),
    )
