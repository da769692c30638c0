"""The e-mail for one claimed outbox item: a reminder (or an issued invoice) with its PDF.

It is built inside one short read transaction from the claim's plain values and comes out
as a finished ``EmailMessage``, so the worker holds no ORM object while it talks to the
mail server. Subject and body are the policy's level texts in the customer's language;
the attached PDF is the reminder itself, rendered from the invoice's recorded template.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, replace
from decimal import Decimal
from email.message import EmailMessage

from sqlalchemy.orm import Session, selectinload

from ..documents.formatting import Formatter
from ..documents.model import DocumentData, Reminder
from ..documents.strings import strings_for
from ..domain.late_interest import first_late_day
from ..domain.money import from_minor
from ..domain.reminder_policy import render
from ..domain.send_window import local_day
from ..mail.html_body import html_body, text_body
from ..mail.message import build_message
from ..mail.settings import SmtpSettings
from ..storage.models import InvoiceRow
from .company import require_company
from .documents import archived_pdf, document_data, render_pdf
from .outbox import Claim
from .reminder_settings import reminder_policy
from .templates import default_version_id, version_design

logger = logging.getLogger(__name__)

# Days the customer is given to pay a reminder; it is the reminder's new due date.
PAY_WITHIN_DAYS = 10
FILE_NAMES = {"sv": ("Faktura_{number}.pdf", "Påminnelse_{number}.pdf"),
              "en": ("Invoice_{number}.pdf", "Reminder_{number}.pdf")}  # fmt: skip
INVOICE_TEXTS = {
    "sv": ("Faktura {invoice_number} från {company}",
           "Hej!\n\nHär kommer faktura {invoice_number} på {amount_due}, att betala senast "
           "{due_date}. Fakturan finns som bifogad PDF.\n\n{company}"),
    "en": ("Invoice {invoice_number} from {company}",
           "Hello,\n\nPlease find attached invoice {invoice_number} for {amount_due}, due on "
           "{due_date}.\n\n{company}"),
}  # fmt: skip


class NotSendable(Exception):
    """This item cannot become an e-mail until someone changes the ledger (no address...)."""


@dataclass(frozen=True)
class OutgoingMail:
    message: EmailMessage
    recipients: list[str]


def build_mail(
    session: Session, claim: Claim, settings: SmtpSettings, now: dt.datetime
) -> OutgoingMail:
    """The message for ``claim``; NotSendable says why there can be none."""
    record = session.get(
        InvoiceRow,
        claim.invoice_id,
        options=[selectinload(InvoiceRow.lines), selectinload(InvoiceRow.vat_groups)],
    )
    if record is None:
        raise NotSendable(f"invoice {claim.invoice_number} no longer exists")
    customer = record.customer
    addresses = [address for address in customer.emails or [] if address.strip()]
    if not addresses:
        raise NotSendable("no e-mail address")
    company = require_company(session)
    language = (record.buyer or {}).get("language") or customer.language or "sv"
    if claim.kind == "reminder":
        subject, body, values, pdf, name = _reminder(session, record, claim, language, now)
    else:
        subject, body, values, pdf, name = _invoice(session, record, language)
    values["company"] = company.legal_name
    subject, text = render(subject, values), render(body, values)
    paragraphs = text.split("\n\n")
    reply_to = settings.reply_to or company.email
    try:
        message = build_message(
            sender_name=settings.sender_name or company.legal_name,
            sender_address=settings.sender_address,
            to=[(customer.name, address) for address in addresses],
            reply_to=reply_to,
            subject=subject,
            text=text_body(paragraphs),
            html=html_body(paragraphs, heading=subject, language=language),
            attachments=[(name, pdf, "application/pdf")],
        )
    except ValueError as error:
        raise NotSendable(str(error)) from error
    recipients = [a.addr_spec for a in message["To"].addresses]
    logger.debug("built %s %s for invoice %s", claim.kind, claim.level, claim.invoice_number)
    return OutgoingMail(message, recipients)


def _reminder(session, record, claim: Claim, language: str, now: dt.datetime):
    policy = reminder_policy(session)
    level = policy.level(claim.level)
    texts = level.text_for(language) if level else None
    if texts is None:
        raise NotSendable(f"the policy has no text for reminder level {claim.level}")
    today = local_day(now, policy.window)
    late = Reminder(
        level=claim.level,
        invoice_number=record.number or "",
        invoice_date=record.issue_date,
        invoice_due_date=record.due_date,
        invoice_total=from_minor(record.total_minor, claim.currency),
        remaining=claim.amount_due,
        fee=claim.fee,
        interest=claim.interest,
        interest_rate=_rate(policy, today) if claim.interest else Decimal(0),
        interest_from=_late_from(record, policy) if claim.interest else None,
        interest_until=today if claim.interest else None,
    )
    data = replace(
        document_data(session, record),
        kind="reminder",
        issue_date=today,
        due_date=today + dt.timedelta(days=PAY_WITHIN_DAYS),
        lines=(),
        reminder=late,
    )
    version = record.template_version_id or default_version_id(session)
    pdf = render_pdf(data, version_design(session, version))
    values = _values(data, record.due_date, late.due_now)
    name = FILE_NAMES.get(language, FILE_NAMES["en"])[1].format(number=record.number)
    return texts.subject, texts.body, values, pdf, name


def _invoice(session, record, language: str):
    subject, body = INVOICE_TEXTS.get(language, INVOICE_TEXTS["en"])
    data = document_data(session, record)
    values = _values(data, record.due_date, data.total)
    pdf = archived_pdf(session, record.id)
    name = FILE_NAMES.get(language, FILE_NAMES["en"])[0].format(number=record.number)
    return subject, body, values, pdf, name


def _values(data: DocumentData, due_date, amount) -> dict:
    """The placeholders' values, formatted the way the PDF formats them."""
    fmt = Formatter(strings_for(data.language), data.currency)
    return {
        "invoice_number": data.number,
        "amount_due": fmt.money(amount),
        "due_date": fmt.date(due_date),
    }


def _rate(policy, day: dt.date):
    return policy.reference_rates.rate_on(day) + policy.interest_margin


def _late_from(record, policy) -> dt.date | None:
    if record.due_date is None:
        return None
    return first_late_day(record.due_date, bank_day_rule=policy.bank_day_rule)
