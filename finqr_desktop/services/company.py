"""The company this ledger belongs to (one company per database)."""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.errors import ValidationFailed
from ..domain.messages import msg
from ..domain.parties import Address, Company, normalise_company
from ..storage.models import CompanyRow
from . import audit
from .customers import ADDRESS_FIELDS
from .inputs import Fields, only_new_fields

logger = logging.getLogger(__name__)

COMPANY_FIELDS = {
    "legal_name", "org_number", "vat_number", "street", "postal_code", "city", "country",
    "bankgiro", "plusgiro", "iban", "bic", "f_tax", "contact_person", "phone", "email",
    "website", "currency", "language", "address", "ocr_length_digit",
    "due_date_next_bank_day",
}  # fmt: skip


_COMPANY = "finqr_company"


def get_company(session: Session) -> CompanyRow | None:
    # Kept for the session: building one e-mail asks for the company several times, and the
    # session's identity map alone would let the row go between the asks.
    cached = session.info.get(_COMPANY)
    if cached is not None and cached in session:
        return cached
    company = session.scalar(select(CompanyRow).order_by(CompanyRow.id).limit(1))
    if company is not None:
        session.info[_COMPANY] = company
    return company


def require_company(session: Session) -> CompanyRow:
    company = get_company(session)
    if company is None:
        raise ValidationFailed.single("company", msg("no company yet: run `finqr init` first"))
    return company


def company_from_data(data: object) -> Company:
    fields = Fields(data)
    fields.reject_unknown(COMPANY_FIELDS)
    source = fields.nested("address", ADDRESS_FIELDS) or fields
    company = Company(
        legal_name=fields.text("legal_name", required=True),
        org_number=fields.text("org_number", max_len=20),
        vat_number=fields.text("vat_number", max_len=20),
        address=Address(
            source.text("street", max_len=500, multiline=True),
            source.text("postal_code", max_len=20),
            source.text("city", max_len=100),
            source.text("country", "SE", max_len=2).upper(),
        ),
        bankgiro=fields.text("bankgiro", max_len=20),
        plusgiro=fields.text("plusgiro", max_len=20),
        iban=fields.text("iban", max_len=40),
        bic=fields.text("bic", max_len=11),
        f_tax=fields.flag("f_tax"),
        contact_person=fields.text("contact_person"),
        phone=fields.text("phone", max_len=50),
        email=fields.text("email", max_len=254),
        website=fields.text("website"),
        currency=fields.text("currency", "SEK", max_len=3).upper(),
        language=fields.text("language", "sv", max_len=10),
        ocr_length_digit=fields.flag("ocr_length_digit", True),
        due_date_next_bank_day=fields.flag("due_date_next_bank_day"),
    )
    problems = fields.problems + (source.problems if source is not fields else [])
    problems += only_new_fields(problems, normalise_company(company))
    if problems:
        raise ValidationFailed(problems)
    return company


def save_company(session: Session, company: Company) -> CompanyRow:
    """Create the company, or update it when one exists."""
    problems = normalise_company(company)
    if problems:
        raise ValidationFailed(problems)
    record = get_company(session) or CompanyRow()
    record.legal_name = company.legal_name.strip()
    record.org_number = company.org_number
    record.vat_number = company.vat_number
    record.street = company.address.street
    record.postal_code = company.address.postal_code
    record.city = company.address.city
    record.country = company.address.country or "SE"
    record.bankgiro = company.bankgiro
    record.plusgiro = company.plusgiro
    record.iban = company.iban
    record.bic = company.bic
    record.f_tax = company.f_tax
    record.contact_person = company.contact_person
    record.phone = company.phone
    record.email = company.email
    record.website = company.website
    record.currency = company.currency
    record.language = company.language
    record.ocr_length_digit = company.ocr_length_digit
    record.due_date_next_bank_day = company.due_date_next_bank_day
    session.add(record)
    session.flush()
    audit.record(session, audit.SETTINGS, detail=f"company details of {record.legal_name} saved")
    logger.info("saved company %s", record.legal_name)
    return record


def to_domain(record: CompanyRow) -> Company:
    return Company(
        legal_name=record.legal_name,
        org_number=record.org_number,
        vat_number=record.vat_number,
        address=Address(record.street, record.postal_code, record.city, record.country),
        bankgiro=record.bankgiro,
        plusgiro=record.plusgiro,
        iban=record.iban,
        bic=record.bic,
        f_tax=record.f_tax,
        contact_person=record.contact_person,
        phone=record.phone,
        email=record.email,
        website=record.website,
        currency=record.currency,
        language=record.language,
        ocr_length_digit=record.ocr_length_digit,
        due_date_next_bank_day=record.due_date_next_bank_day,
    )
