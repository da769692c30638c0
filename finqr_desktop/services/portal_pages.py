"""Each customer's portal page, gathered from the ledger as the portal's plain values.

Every query here is bound to one customer id, so a page can only ever hold that
customer's invoices, credit notes, payments and reminders. The PDFs are the archived ones
(``documents.archived_pdf``: exactly what the customer was sent), which is why a build runs
in a writing transaction: a document not yet archived is archived on first use. Customers
with no issued invoice or credit note get no page at all.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.money import from_minor
from ..domain.payment_qr import PaymentQrError, payment_qr_for
from ..domain.status import derive_status, remaining_amount
from ..domain.templates import Design
from ..portal.model import (
    Brand,
    Contact,
    CustomerPage,
    FaqEntry,
    PaymentInfo,
    PortalCreditNote,
    PortalInvoice,
    PortalPayment,
    PortalReminder,
)
from ..portal.site import safe_file_name
from ..portal.texts import language_of
from ..storage.models import (
    CustomerRow,
    InvoiceRow,
    MessageLogRow,
    PaymentAllocationRow,
    PaymentRow,
    PortalFaqRow,
)
from .company import require_company
from .documents import archived_pdf, document_data
from .payments_views import CREDIT_NOTE_METHOD
from .portal_tokens import ensure_token
from .templates import current_design

logger = logging.getLogger(__name__)

# Document file names per language: (invoice, credit note), as the e-mails name them.
FILE_STEMS = {"sv": ("Faktura_{number}", "Kreditfaktura_{number}"),
              "en": ("Invoice_{number}", "Credit_note_{number}")}  # fmt: skip
REMINDER_KINDS = ("reminder", "manual")


def customers_with_documents(session: Session) -> list[CustomerRow]:
    """The customers that have at least one issued invoice or credit note."""
    issued = select(InvoiceRow.customer_id).where(InvoiceRow.is_draft.is_(False))
    query = select(CustomerRow).where(CustomerRow.id.in_(issued)).order_by(CustomerRow.number)
    return list(session.scalars(query))


def customer_page(
    session: Session, customer: CustomerRow, today: dt.date, design: Design | None = None
) -> CustomerPage:
    """The customer's page in the default template's colours (``design``, read once per
    build by the caller) and the customer's language."""
    if design is None:
        _, design = current_design(session)
    language = language_of(customer.language)
    documents = list(
        session.scalars(
            select(InvoiceRow)
            .where(InvoiceRow.customer_id == customer.id, InvoiceRow.is_draft.is_(False))
            .order_by(InvoiceRow.issue_date.desc(), InvoiceRow.id.desc())
        )
    )
    files: dict[str, bytes] = {}
    invoices, credit_notes = [], []
    for record in documents:
        name = _file_name(record, language)
        files[name] = archived_pdf(session, record.id)
        if record.kind == "credit_note":
            credit_notes.append(_credit_note(record, name))
        else:
            invoices.append(_invoice(session, record, name, today))
    return CustomerPage(
        token=ensure_token(session, customer),
        language=language,
        customer_name=customer.name,
        customer_number=customer.number,
        contact=_contact(session, design.opening_hours),
        generated_on=today,
        invoices=tuple(invoices),
        credit_notes=tuple(credit_notes),
        payments=_payments(session, customer.id),
        reminders=_reminders(session, customer.id),
        faq=_faq(session, language),
        brand=Brand(primary=design.primary, accent=design.accent),
        files=files,
    )


def _file_name(record: InvoiceRow, language: str) -> str:
    invoice, credit = FILE_STEMS.get(language, FILE_STEMS["en"])
    stem = credit if record.kind == "credit_note" else invoice
    return safe_file_name(stem.format(number=record.number or record.id))


def _invoice(session: Session, record: InvoiceRow, name: str, today: dt.date) -> PortalInvoice:
    currency = record.currency
    total = from_minor(record.total_minor, currency)
    credited = from_minor(record.credited_minor, currency)
    paid = from_minor(record.paid_minor, currency)
    remaining = remaining_amount(total, credited, paid)
    status = derive_status(
        is_draft=False,
        is_credit_note=False,
        total=total,
        credited=credited,
        paid=paid,
        due_date=record.due_date,
        today=today,
    )
    payment = _payment_info(session, record, remaining) if remaining > 0 else None
    return PortalInvoice(
        number=record.number or "",
        issue_date=record.issue_date,
        due_date=record.due_date,
        currency=currency,
        total=total,
        paid=paid,
        credited=credited,
        remaining=remaining,
        status=str(status),
        pdf_name=name,
        payment=payment,
    )


def _payment_info(session: Session, record: InvoiceRow, remaining: Decimal) -> PaymentInfo:
    """The PDF's payment box for what is left: the same accounts, reference and QR code."""
    # Imported here: the PDF side loads ReportLab, which a build needs anyway but a
    # `finqr portal faq list` does not.
    from ..documents.content import payment_accounts
    from ..documents.invoice_pdf import payment_request
    from ..documents.qr import symbol_matrix
    from ..documents.strings import strings_for

    data = document_data(session, record)
    strings = strings_for(data.language)
    labels = {strings.get(key): key for key in ("bankgiro", "plusgiro", "iban", "bic")}
    accounts = tuple(
        (labels.get(label, "bankgiro"), value) for label, value in payment_accounts(data, strings)
    )
    request = dataclasses.replace(payment_request(data), amount=remaining)
    modules = None
    try:
        qr = payment_qr_for(request)
    except PaymentQrError as error:
        logger.info("no portal QR code for %s: %s", record.number, error)
        qr = None
    if qr is not None:
        modules = tuple(tuple(row) for row in symbol_matrix(qr.payload))
    return PaymentInfo(
        amount=remaining,
        due_date=record.due_date,
        reference=data.payment_reference,
        reference_is_ocr=data.reference.isdigit(),
        accounts=accounts,
        qr_modules=modules,
    )


def _credit_note(record: InvoiceRow, name: str) -> PortalCreditNote:
    credited = record.credited_invoice
    return PortalCreditNote(
        number=record.number or "",
        issue_date=record.issue_date,
        credited_number=(credited.number or "") if credited else "",
        currency=record.currency,
        amount=abs(from_minor(record.total_minor, record.currency)),
        pdf_name=name,
    )


def _payments(session: Session, customer_id: int) -> tuple[PortalPayment, ...]:
    rows = session.execute(
        select(PaymentRow.payment_date, InvoiceRow.number, InvoiceRow.currency,
               PaymentAllocationRow.amount_minor)
        .join(PaymentAllocationRow, PaymentAllocationRow.payment_id == PaymentRow.id)
        .join(InvoiceRow, InvoiceRow.id == PaymentAllocationRow.invoice_id)
        .where(InvoiceRow.customer_id == customer_id)
        # A credit note's move of what was paid to the customer's credit is no payment of
        # theirs; the page shows the credit note and the invoice's status instead.
        .where(PaymentRow.method != CREDIT_NOTE_METHOD)
        .order_by(PaymentRow.payment_date.desc(), PaymentAllocationRow.id.desc())
    )  # fmt: skip
    return tuple(
        PortalPayment(day, number or "", currency, from_minor(minor, currency))
        for day, number, currency, minor in rows
    )


def _reminders(session: Session, customer_id: int) -> tuple[PortalReminder, ...]:
    rows = session.execute(
        select(MessageLogRow.sent_at, InvoiceRow.number, MessageLogRow.level)
        .join(InvoiceRow, InvoiceRow.id == MessageLogRow.invoice_id)
        .where(
            InvoiceRow.customer_id == customer_id,
            MessageLogRow.kind.in_(REMINDER_KINDS),
            MessageLogRow.status == "sent",
        )
        .order_by(MessageLogRow.sent_at.desc(), MessageLogRow.id.desc())
    )
    return tuple(
        PortalReminder(sent_at.date(), number or "", level) for sent_at, number, level in rows
    )


def _faq(session: Session, language: str) -> tuple[FaqEntry, ...]:
    rows = session.scalars(
        select(PortalFaqRow)
        .where(PortalFaqRow.language == language)
        .order_by(PortalFaqRow.position, PortalFaqRow.id)
    )
    return tuple(FaqEntry(row.question, row.answer) for row in rows)


def _contact(session: Session, opening_hours: str) -> Contact:
    company = require_company(session)
    address = [line.strip() for line in (company.street or "").splitlines() if line.strip()]
    town = f"{company.postal_code or ''} {company.city or ''}".strip()
    return Contact(
        name=company.legal_name,
        address_lines=tuple(address + ([town] if town else [])),
        contact_person=company.contact_person,
        phone=company.phone,
        email=company.email,
        website=company.website,
        opening_hours=tuple(line.strip() for line in opening_hours.splitlines() if line.strip()),
        org_number=company.org_number,
    )
