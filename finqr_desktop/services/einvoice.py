"""E-invoices of issued documents: Peppol BIS 3 UBL, and Factur-X (PDF/A-3 with CII XML).

The model is the issued document as stored (``einvoice_model``), the PDF the archived one,
and the builders refuse figures that break the EN 16931 sum rules. The customer's format
decides what its invoice e-mail carries; a customer that gets e-invoices cannot be issued
an invoice without the buyer reference public buyers require.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session, selectinload

from ..domain import einvoice as model
from ..domain.errors import Problem, RuleViolation, ValidationFailed
from ..domain.messages import msg
from ..storage.models import InvoiceRow
from .company import require_company
from .documents import archived_pdf
from .einvoice_model import base_name, einvoice_of, missing_reference, party_problems

logger = logging.getLogger(__name__)

UBL = "ubl"
FACTURX = "facturx"
EXPORT_FORMATS = (UBL, FACTURX)
UBL_MIME = "application/xml"


@dataclass(frozen=True)
class EFile:
    file_name: str
    content: bytes
    mime_type: str


def export_file(session: Session, number: str, file_format: str) -> EFile:
    """The e-invoice of issued invoice or credit note ``number`` in ``file_format``."""
    if file_format not in EXPORT_FORMATS:
        raise ValidationFailed.single(
            "format",
            msg(
                "must be {formats}, not {given}",
                formats=" or ".join(EXPORT_FORMATS),
                given=repr(file_format),
            ),
        )
    record = session.scalar(
        select(InvoiceRow)
        .where(InvoiceRow.number == number, ~InvoiceRow.is_draft)
        .options(selectinload(InvoiceRow.lines), selectinload(InvoiceRow.vat_groups))
    )
    if record is None:
        raise RuleViolation(
            msg("there is no issued invoice or credit note {number}", number=repr(number))
        )
    return ubl_file(session, record) if file_format == UBL else facturx_file(session, record)


def ubl_file(session: Session, record: InvoiceRow) -> EFile:
    """The Peppol BIS 3 file, with the archived PDF embedded in it."""
    # The builders are imported where used: every `finqr` command imports this module
    # (issuing checks a reference), and few of them write an e-invoice.
    from ..documents.einvoice.ubl import build_ubl

    invoice = einvoice_of(session, record, with_pdf=True)
    return EFile(f"{base_name(record)}.xml", build_ubl(invoice), UBL_MIME)


def facturx_file(session: Session, record: InvoiceRow) -> EFile:
    """The archived PDF made a Factur-X hybrid (PDF/A-3 with factur-x.xml inside)."""
    from ..documents.einvoice.cii import build_cii
    from ..documents.einvoice.pdfa import HybridInfo, make_facturx_pdf

    invoice = einvoice_of(session, record, with_pdf=False, peppol=False)
    xml = build_cii(invoice)
    company = require_company(session)
    kind = "Credit note" if invoice.is_credit_note else "Invoice"
    info = HybridInfo(
        title=f"{kind} {record.number}",
        author=company.legal_name,
        issue_date=record.issue_date,
        subject=f"{kind} {record.number} from {company.legal_name}",
    )
    pdf = make_facturx_pdf(archived_pdf(session, record.id), xml, info)
    return EFile(f"{base_name(record)}.pdf", pdf, "application/pdf")


def mail_format(record: InvoiceRow) -> str:
    return record.customer.einvoice_format or model.FORMAT_PDF


def issue_problems(record: InvoiceRow) -> list[Problem]:
    """What a draft lacks for the e-invoice its customer gets; checked when issuing: the
    buyer reference, and both parties' identifiers (the buyer's Peppol address for a UBL
    file, the company's organisation number)."""
    customer = record.customer
    chosen = mail_format(record)
    if chosen == model.FORMAT_PDF:
        return []
    problems = party_problems(
        object_session(record), record, peppol=chosen == model.FORMAT_PDF_UBL
    )
    if not (record.your_reference.strip() or customer.buyer_reference.strip()):
        problems.append(Problem("your_reference", missing_reference(customer.number)))
    return problems


def mail_attachments(
    session: Session, record: InvoiceRow, pdf_name: str, pdf: bytes
) -> list[tuple[str, bytes, str]]:
    """What the invoice e-mail carries for the customer's format: the PDF; the PDF and the
    UBL file; or, for Factur-X, the hybrid PDF instead of the plain one."""
    chosen = mail_format(record)
    if chosen == model.FORMAT_PDF_UBL:
        xml = ubl_file(session, record)
        return [(pdf_name, pdf, "application/pdf"), (xml.file_name, xml.content, xml.mime_type)]
    if chosen == model.FORMAT_FACTURX:
        return [(pdf_name, facturx_file(session, record).content, "application/pdf")]
    return [(pdf_name, pdf, "application/pdf")]
