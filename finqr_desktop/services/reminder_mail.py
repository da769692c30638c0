"""The e-mail about one invoice: the invoice (or credit note) itself, or a reminder, with its PDF.

One function builds it, ``build_mail``, from plain values (a ``MailRequest``): the worker
makes the request from its claimed outbox row, the clerk's preview from the queue item it
shows, so the preview is the message the worker would send at that moment. It is built
inside one short read transaction and comes out as a finished ``EmailMessage``, so the
worker holds no ORM object while it talks to the mail server. Subject and body are the
policy's level texts in the customer's language; the attached PDF is the reminder itself,
rendered from the invoice's recorded template, or the archived invoice.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, replace
from decimal import Decimal
from email.message import EmailMessage
from functools import cached_property

from sqlalchemy.orm import Session, selectinload

from ..documents.content import payment_details
from ..documents.formatting import Formatter
from ..documents.model import DocumentData, Reminder
from ..documents.strings import strings_for
from ..domain.errors import RuleViolation
from ..domain.late_interest import first_late_day
from ..domain.messages import error_message, msg
from ..domain.money import from_minor
from ..domain.reminder_policy import render
from ..domain.send_window import local_day
from ..domain.templates import Design
from ..mail.html_body import html_body, text_body
from ..mail.message import compose, parsed
from ..mail.settings import SmtpSettings
from ..storage.models import InvoiceRow
from .company import require_company
from .documents import archived_pdf, document_data, render_pdf
from .einvoice import mail_attachments
from .outbox import Claim
from .portal_tokens import customer_portal_url
from .reminder_queue import QueueItem
from .reminder_settings import reminder_policy
from .templates import default_version_id, version_design

logger = logging.getLogger(__name__)

# Days the customer is given to pay a reminder; it is the reminder's new due date.
PAY_WITHIN_DAYS = 10
# (invoice, reminder, credit note) attachment names per language.
FILE_NAMES = {"sv": ("Faktura_{number}.pdf", "Påminnelse_{number}.pdf",
                     "Kreditfaktura_{number}.pdf"),
              "en": ("Invoice_{number}.pdf", "Reminder_{number}.pdf",
                     "Credit_note_{number}.pdf")}  # fmt: skip
INVOICE_TEXTS = {
    "sv": ("Faktura {invoice_number} från {company}",
           "Hej!\n\nHär kommer faktura {invoice_number} på {amount_due}, att betala senast "
           "{due_date} till {payment_details}. Fakturan finns som bifogad PDF.\n\n{company}"),
    "en": ("Invoice {invoice_number} from {company}",
           "Hello,\n\nPlease find attached invoice {invoice_number} for {amount_due}, due on "
           "{due_date}, to be paid to {payment_details}.\n\n{company}"),
}  # fmt: skip
# ``{credited}`` is filled before the policy's placeholders: it is no placeholder a clerk
# can write, these texts are fixed.
CREDIT_TEXTS = {
    "sv": ("Kreditfaktura {invoice_number} från {company}",
           "Hej!\n\nHär kommer kreditfaktura {invoice_number}, som krediterar faktura "
           "{credited} med {amount_due}. Kreditfakturan finns som bifogad PDF.\n\n{company}"),
    "en": ("Credit note {invoice_number} from {company}",
           "Hello,\n\nPlease find attached credit note {invoice_number}, which credits "
           "invoice {credited} by {amount_due}.\n\n{company}"),
}  # fmt: skip


# Added to the invoice e-mail, and to a reminder whose text does not place {portal_url}
# itself, when the customer has a portal page.
PORTAL_LINES = {
    "sv": "Alla dina fakturor och betalningar finns på din kundsida: {portal_url}",
    "en": "All your invoices and payments are on your customer page: {portal_url}",
}


class NotSendable(Exception):
    """This item cannot become an e-mail until someone changes the ledger (no address...)."""


@dataclass(frozen=True)
class MailRequest:
    """What one message is about, as plain values; amounts in ``currency``.

    ``kind`` is "invoice" (the document e-mail, a credit note's too) or "reminder";
    ``fee`` is the reminder fee; ``compensation`` the B2B late-payment compensation, which
    the reminder shows apart from the fee.
    """

    invoice_id: int
    invoice_number: str
    kind: str
    level: int
    currency: str
    amount_due: Decimal
    fee: Decimal
    interest: Decimal
    compensation: Decimal = Decimal(0)


@dataclass(frozen=True)
class OutgoingMail:
    """A built message: the bytes that go on the wire, and the same read back for a look."""

    data: bytes
    recipients: list[str]
    message_id: str

    @cached_property
    def message(self) -> EmailMessage:
        return parsed(self.data)

    def wire(self) -> WireMail:
        """The message as SMTP sends it: cheap to hand between processes."""
        return WireMail(self.data, list(self.recipients), self.message_id)


@dataclass(frozen=True)
class WireMail:
    """A built message as bytes for the wire, its envelope recipients and Message-ID."""

    data: bytes
    recipients: list[str]
    message_id: str


def request_for_claim(claim: Claim) -> MailRequest:
    return MailRequest(
        invoice_id=claim.invoice_id,
        invoice_number=claim.invoice_number,
        kind=claim.kind,
        level=claim.level,
        currency=claim.currency,
        amount_due=claim.amount_due,
        fee=claim.fee,
        interest=claim.interest,
        compensation=claim.compensation,
    )


def request_for_item(item: QueueItem) -> MailRequest:
    """The request for a queue item not yet in the outbox, with the figures its outbox row
    would get (``outbox._row_for``)."""
    return MailRequest(
        invoice_id=item.invoice_id,
        invoice_number=item.invoice_number,
        kind="reminder",
        level=item.level,
        currency=item.currency,
        amount_due=item.amount_due,
        fee=item.fee,
        interest=item.interest,
        compensation=item.compensation,
    )


def build_mail(
    session: Session,
    request: MailRequest | Claim,
    settings: SmtpSettings,
    now: dt.datetime,
) -> OutgoingMail:
    """The message for ``request`` (a claim is taken as its request); NotSendable says why
    there can be none."""
    if isinstance(request, Claim):
        request = request_for_claim(request)
    record = session.get(
        InvoiceRow,
        request.invoice_id,
        options=[selectinload(InvoiceRow.lines), selectinload(InvoiceRow.vat_groups)],
    )
    if record is None:
        raise NotSendable(msg("invoice {number} no longer exists", number=request.invoice_number))
    customer = record.customer
    addresses = [address for address in customer.emails or [] if address.strip()]
    if not addresses:
        raise NotSendable(msg("no e-mail address"))
    company = require_company(session)
    language = (record.buyer or {}).get("language") or customer.language or "sv"
    if request.kind == "reminder":
        subject, body, values, pdf, name = _reminder(session, record, request, language, now)
    else:
        subject, body, values, pdf, name = _document(session, record, language)
    attachments = [(name, pdf, "application/pdf")]
    if request.kind != "reminder":
        attachments = _with_einvoice(session, record, name, pdf)
    values["company"] = company.legal_name
    values["portal_url"] = customer_portal_url(session, customer, create=False)
    body = _with_portal_line(body, values["portal_url"], language)
    subject, text = render(subject, values), render(body, values)
    paragraphs = text.split("\n\n")
    footer = _footer(company)
    design = _design(session, record)
    reply_to = settings.reply_to or company.email
    try:
        composed = compose(
            sender_name=settings.sender_name or company.legal_name,
            sender_address=settings.sender_address,
            to=[(customer.name, address) for address in addresses],
            reply_to=reply_to,
            subject=subject,
            text=text_body(paragraphs, heading=subject, footer=footer),
            html=html_body(
                paragraphs,
                heading=subject,
                footer=footer,
                primary=design.primary,
                accent=design.accent,
                language=language,
            ),
            attachments=attachments,
        )
    except ValueError as error:
        raise NotSendable(error_message(error)) from error
    logger.debug("built %s %s for invoice %s", request.kind, request.level, request.invoice_number)
    return OutgoingMail(composed.data, composed.recipients, composed.message_id)


def _reminder(session, record, request: MailRequest, language: str, now: dt.datetime):
    policy = reminder_policy(session, record.customer.reminder_policy)
    level = policy.level(request.level)
    texts = level.text_for(language) if level else None
    if texts is None:
        raise NotSendable(
            msg("the policy has no text for reminder level {level}", level=request.level)
        )
    today = local_day(now, policy.window)
    late = Reminder(
        level=request.level,
        invoice_number=record.number or "",
        invoice_date=record.issue_date,
        invoice_due_date=record.due_date,
        invoice_total=from_minor(record.total_minor, request.currency),
        remaining=request.amount_due,
        fee=request.fee,
        compensation=request.compensation,
        interest=request.interest,
        interest_rate=_rate(policy, today) if request.interest else Decimal(0),
        interest_from=_late_from(record, policy) if request.interest else None,
        interest_until=today if request.interest else None,
    )
    data = replace(
        document_data(session, record),
        kind="reminder",
        issue_date=today,
        due_date=today + dt.timedelta(days=PAY_WITHIN_DAYS),
        lines=(),
        reminder=late,
    )
    pdf = render_pdf(data, _design(session, record))
    values = _values(data, record.due_date, late.due_now)
    name = _names(language)[1].format(number=record.number)
    return texts.subject, texts.body, values, pdf, name


def _document(session, record, language: str):
    """The issued invoice or credit note itself, with its archived PDF."""
    data = document_data(session, record)
    pdf = archived_pdf(session, record.id)
    if record.kind == "credit_note":
        subject, body = CREDIT_TEXTS.get(language, CREDIT_TEXTS["en"])
        body = body.replace("{credited}", data.credited_number)
        values = _values(data, record.due_date, abs(data.total))
        name = _names(language)[2].format(number=record.number)
        return subject, body, values, pdf, name
    subject, body = INVOICE_TEXTS.get(language, INVOICE_TEXTS["en"])
    values = _values(data, record.due_date, data.total)
    name = _names(language)[0].format(number=record.number)
    return subject, body, values, pdf, name


def _with_einvoice(session, record, name: str, pdf: bytes):
    """The attachments for the customer's e-invoice format; an e-invoice that cannot be
    made (no buyer reference, say) keeps the e-mail waiting with the reason."""
    try:
        return mail_attachments(session, record, name, pdf)
    except RuleViolation as error:  # SumRuleError among them
        raise NotSendable(msg("e-invoice: {problem}", problem=error_message(error))) from error


def _with_portal_line(body: str, url: str, language: str) -> str:
    """The body with the portal line before its last paragraph (the signature), unless
    there is no page or the text already places the address."""
    if not url or "{portal_url}" in body:
        return body
    line = PORTAL_LINES.get(language, PORTAL_LINES["en"])
    head, _, signature = body.rpartition("\n\n")
    return f"{head}\n\n{line}\n\n{signature}" if head else f"{body}\n\n{line}"


def _names(language: str) -> tuple[str, str, str]:
    return FILE_NAMES.get(language, FILE_NAMES["en"])


def _design(session, record) -> Design:
    """The design the invoice was issued with: its colours brand the e-mail as well."""
    version = record.template_version_id or default_version_id(session)
    return version_design(session, version)


def _footer(company) -> list[str]:
    """The company's name and how to reach it, the same words in both bodies."""
    contact = " · ".join(part for part in (company.phone, company.email, company.website) if part)
    return [line for line in (company.legal_name, contact) if line]


def _values(data: DocumentData, due_date, amount) -> dict:
    """The placeholders' values, formatted the way the PDF formats them."""
    strings = strings_for(data.language)
    fmt = Formatter(strings, data.currency)
    return {
        "invoice_number": data.number,
        "amount_due": fmt.money(amount),
        "due_date": fmt.date(due_date),
        "pay_by": fmt.date(data.due_date),
        "payment_details": payment_details(data, strings),
    }


def _rate(policy, day: dt.date):
    return policy.reference_rates.rate_on(day) + policy.interest_margin


def _late_from(record, policy) -> dt.date | None:
    if record.due_date is None:
        return None
    return first_late_day(record.due_date, bank_day_rule=policy.bank_day_rule)
