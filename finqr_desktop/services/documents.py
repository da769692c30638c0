"""Issued invoices and credit notes as the PDFs the customer gets, and their archive.

The archive rule: a document is rendered from the template version recorded on it, once,
and those bytes are kept in ``document_archive`` with their SHA-256. Issuing one invoice
(``issue_invoice``) or a credit note archives the PDF in the issuing transaction; issuing a
batch (``issue_invoices``) records the version only and the PDF is archived on first use
(``archived_pdf``: shown, written, sent), as does an issue with ``archive=False`` for
callers that issue hundreds at once (the demo ledger). From then on the archived bytes are
what is shown, whatever changed in the template since. A document archived on first use
shows the company details and the amount still due as they are at that moment.
"""

from __future__ import annotations

import hashlib
import logging

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..documents.model import Buyer, DocumentData, Line, Seller, VatRow
from ..domain.due_dates import PaymentTerms
from ..domain.errors import RuleViolation
from ..domain.messages import msg
from ..domain.money import from_minor
from ..domain.templates import Design
from ..storage.models import CompanyRow, DocumentArchiveRow, InvoiceRow
from .company import require_company
from .portal_tokens import customer_portal_url
from .templates import default_version_id, version_design

logger = logging.getLogger(__name__)

# The payment terms in words; the rest of a document's text comes from its catalogue.
TERMS = {
    "sv": ("{days} dagar netto", "{days} dagar efter månadens slut"),
    "en": ("{days} days net", "{days} days after the end of the month"),
}


def archived_pdf(session: Session, invoice_id: int) -> bytes:
    """The PDF the customer got: the archived bytes, or archived now if there are none."""
    return archive_pdf(session, invoice_id)[0]


def archive_pdf(session: Session, invoice_id: int) -> tuple[bytes, str]:
    """Render an issued document with its recorded template version and archive it, in the
    caller's transaction; a document archived before keeps its bytes. Returns (PDF, hash)."""
    stored = session.scalar(
        select(DocumentArchiveRow).where(DocumentArchiveRow.invoice_id == invoice_id)
    )
    if stored is not None:
        return stored.pdf, stored.sha256
    record = session.get(
        InvoiceRow,
        invoice_id,
        options=[selectinload(InvoiceRow.lines), selectinload(InvoiceRow.vat_groups)],
    )
    if record is None or record.is_draft:
        raise RuleViolation(msg("only an issued invoice or credit note has a PDF to archive"))
    if record.template_version_id is None:
        record.template_version_id = default_version_id(session)
    design = version_design(session, record.template_version_id)
    # Archiving always writes, so this is where a customer's portal token is first made
    # when the portal has an address: the archived PDF then carries the page for good.
    customer_portal_url(session, record.customer, create=True)
    pdf = render_pdf(document_data(session, record), design)
    digest = hashlib.sha256(pdf).hexdigest()
    session.add(
        DocumentArchiveRow(
            invoice_id=record.id,
            pdf=pdf,
            sha256=digest,
            template_version_id=record.template_version_id,
        )
    )
    session.flush()
    logger.info("archived %s %s (%d bytes)", record.kind, record.number, len(pdf))
    return pdf, digest


def render_pdf(data: DocumentData, design: Design) -> bytes:
    """The one place that calls the renderer; it picks the blocks that apply itself."""
    # Imported here: ReportLab takes a third of a second to load, which every `finqr`
    # command would pay even when it renders nothing.
    from ..documents.invoice_pdf import render_document

    return render_document(data, design)


def document_data(session: Session, record: InvoiceRow) -> DocumentData:
    """Everything an issued document prints, from the stored rows: the buyer as invoiced,
    the figures as issued, the amount still due now."""
    company = require_company(session)
    currency = record.currency
    buyer = record.buyer or {}
    language = buyer.get("language") or record.customer.language

    def money(minor: int):
        return from_minor(minor, currency)

    credited = record.credited_invoice if record.kind == "credit_note" else None
    return DocumentData(
        kind=record.kind,
        number=record.number or "",
        issue_date=record.issue_date,
        seller=seller_of(company, language),
        buyer=Buyer(
            name=buyer.get("name") or record.customer.name,
            address_lines=address_lines(buyer, company.country, language),
            customer_number=buyer.get("number") or record.customer.number,
            vat_number=buyer.get("vat_number", ""),
            tags=frozenset(record.customer.tags or ()),
        ),
        lines=tuple(
            Line(
                description=line.description,
                quantity=line.quantity,
                unit_price=money(line.unit_price_minor),
                amount=money(line.amount_minor),
                vat_percent=line.vat_percent,
                unit=line.unit,
                discount_percent=line.discount_percent,
            )
            for line in record.lines
        ),
        vat_rows=tuple(
            VatRow(group.vat_percent, money(group.net_minor), money(group.vat_minor), group.note)
            for group in record.vat_groups
        ),
        net_total=money(record.net_minor),
        vat_total=money(record.vat_minor),
        total=money(record.total_minor),
        currency=currency,
        language=language,
        delivery_date=record.delivery_date,
        due_date=record.due_date,
        reference=record.ocr or "",
        invoice_discount=money(record.invoice_discount_minor),
        rounding=money(record.rounding_minor),
        # The invoice as issued, whenever it is first archived: a PDF archived later (batch
        # issue, demo) must not show a balance the customer was never sent. What is left
        # after payments and credits is the reminder's business.
        amount_due=None,
        payment_terms="" if credited else _terms(record.payment_terms, language),
        credited_number=(credited.number or "") if credited else "",
        credited_date=credited.issue_date if credited else None,
        our_reference=record.our_reference,
        your_reference=record.your_reference,
        notes=record.notes,
        prices_include_vat=record.prices_include_vat,
        portal_url=customer_portal_url(session, record.customer, create=False),
    )


def seller_of(company: CompanyRow, language: str) -> Seller:
    address = {"street": company.street, "postal_code": company.postal_code,
               "city": company.city, "country": company.country}  # fmt: skip
    return Seller(
        name=company.legal_name,
        org_number=company.org_number,
        vat_number=company.vat_number,
        address_lines=address_lines(address, company.country, language),
        # The ledger keeps no separate registered office; a small company's is its city.
        registered_office=company.city,
        phone=company.phone,
        email=company.email,
        website=company.website,
        bankgiro=company.bankgiro,
        plusgiro=company.plusgiro,
        iban=company.iban,
        bic=company.bic,
        f_tax=company.f_tax,
        contact_person=company.contact_person,
    )


def address_lines(parts: dict, home_country: str, language: str) -> tuple[str, ...]:
    """Street lines, then "postal code city", then the country when it is abroad."""
    lines = [line.strip() for line in (parts.get("street") or "").splitlines() if line.strip()]
    town = f"{parts.get('postal_code') or ''} {parts.get('city') or ''}".strip()
    if town:
        lines.append(town)
    country = (parts.get("country") or home_country).upper()
    if country != home_country.upper():
        lines.append(_country_name(country, language))
    return tuple(lines)


def _country_name(code: str, language: str) -> str:
    # Only for a buyer abroad; not worth loading Babel's locale data on every command.
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(language).territories.get(code, code)
    except (UnknownLocaleError, ValueError):
        return code


def _terms(text: str, language: str) -> str:
    try:
        terms = PaymentTerms.parse(text)
    except ValueError:
        return text
    net, month_end = TERMS.get(language, TERMS["en"])
    return (month_end if terms.end_of_month else net).format(days=terms.days)
