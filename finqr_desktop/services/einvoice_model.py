"""An issued document as the EN 16931 model both e-invoice syntaxes are built from.

Everything comes from the stored rows: the figures as issued (``domain.einvoice_figures``),
the buyer as invoiced (the snapshot taken at issue, falling back to the customer record
for documents issued before the snapshot held e-invoice details), the company as it is
now. What a receiver needs and the ledger lacks is refused with what to add and where.
"""

from __future__ import annotations

import logging
import re

from sqlalchemy.orm import Session

from ..documents.einvoice.units import unit_code
from ..domain import einvoice as model
from ..domain.einvoice_figures import LedgerGroup, LedgerLine, figures
from ..domain.errors import Problem, RuleViolation
from ..domain.identifiers import IdentifierError
from ..domain.messages import error_message, msg
from ..domain.money import currency_exponent, from_minor
from ..domain.peppol_ids import endpoint_from_org_number, parse_endpoint
from ..storage.models import CompanyRow, InvoiceRow
from .company import require_company
from .documents import archived_pdf, document_data

logger = logging.getLogger(__name__)

_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def einvoice_of(
    session: Session, record: InvoiceRow, *, with_pdf: bool, peppol: bool = True
) -> model.EInvoice:
    """The EN 16931 view of an issued document, from its stored rows. ``peppol`` asks for
    both parties' Peppol addresses, which Peppol requires and Factur-X does not."""
    if record.is_draft:
        raise RuleViolation(msg("a draft has no e-invoice; issue it first"))
    company = require_company(session)
    credit = record.kind == "credit_note"
    original = record.credited_invoice if credit else None
    exponent = currency_exponent(record.currency)

    def money(minor: int):
        return from_minor(minor, record.currency)

    made = figures(
        [
            LedgerLine(
                description=line.description,
                quantity=line.quantity,
                unit_code=unit_code(line.unit),
                unit_price=money(line.unit_price_minor),
                discount_percent=line.discount_percent,
                amount=money(line.amount_minor),
                category=line.vat_category,
                percent=line.vat_percent,
            )
            for line in record.lines
        ],
        [
            LedgerGroup(
                category=group.vat_category,
                percent=group.vat_percent,
                lines=money(group.lines_minor),
                discount=money(group.discount_minor),
                net=money(group.net_minor),
                vat=money(group.vat_minor),
                note=group.note,
            )
            for group in record.vat_groups
        ],
        rounding=money(record.rounding_minor),
        total=money(record.total_minor),
        gross_prices=record.prices_include_vat,
        credit_note=credit,
        exponent=exponent,
    )
    logger.debug("e-invoice model of %s %s", record.kind, record.number)
    data = document_data(session, record)
    attachment = None
    if with_pdf:
        attachment = model.Attachment(f"{base_name(record)}.pdf", archived_pdf(session, record.id))
    return model.EInvoice(
        type_code=model.CREDIT_NOTE_TYPE if credit else model.INVOICE_TYPE,
        number=record.number or "",
        issue_date=record.issue_date,
        currency=record.currency,
        seller=_seller(company, {g.category.code for g in made.vat}, peppol=peppol),
        buyer=_buyer(record, peppol=peppol),
        lines=made.lines,
        allowances=made.allowances,
        vat=made.vat,
        totals=made.totals,
        buyer_reference=_buyer_reference(record, original),
        due_date=None if credit else record.due_date,
        delivery_date=record.delivery_date,
        payment_id="" if credit else (record.ocr or ""),
        accounts=() if credit else _accounts(company),
        payment_terms=data.payment_terms,
        note=record.notes,
        credited_number=(original.number or "") if original else "",
        credited_date=original.issue_date if original else None,
        attachment=attachment,
        gross_prices=record.prices_include_vat,
        exponent=exponent,
    )


def _buyer_reference(record: InvoiceRow, original: InvoiceRow | None) -> str:
    snapshot = record.buyer or {}
    for candidate in (
        record.your_reference,
        original.your_reference if original else "",
        snapshot.get("buyer_reference", ""),
        record.customer.buyer_reference,
    ):
        if candidate and candidate.strip():
            return candidate.strip()
    raise RuleViolation(
        msg(
            "{number}: {problem}",
            number=record.number,
            problem=missing_reference(record.customer.number),
        )
    )


def missing_reference(customer_number: str) -> str:
    return msg(
        "an e-invoice needs a buyer reference (Swedish public buyers require one; rule "
        "PEPPOL-EN16931-R003): write the buyer's reference in 'your reference', or set "
        "customer {number}'s buyer reference",
        number=customer_number,
    )


def party_problems(session: Session, record: InvoiceRow, *, peppol: bool) -> list[Problem]:
    """What the e-invoice of draft ``record`` would be refused for on the seller's or the
    buyer's side; checked when issuing, so the e-mail does not fail later instead."""
    problems = []
    codes = {line.vat_category for line in record.lines}
    for field, check in (
        ("company", lambda: _seller(require_company(session), codes, peppol=peppol)),
        ("customer", lambda: _buyer(record, peppol=peppol)),
    ):
        try:
            check()
        except RuleViolation as refused:
            problems.append(Problem(field, error_message(refused)))
    return problems


def _seller(company: CompanyRow, codes: set[str], *, peppol: bool) -> model.Party:
    """The company, with what EN 16931 needs of it for the VAT categories (``codes``)
    invoiced."""
    endpoint = endpoint_from_org_number(company.org_number)
    if endpoint is None and (peppol or not company.vat_number):
        raise RuleViolation(
            msg(
                "an e-invoice needs the company's organisation number (its Peppol address, "
                "scheme 0007): add it in the company settings"
            )
        )
    shifted = sorted(codes & {"AE", "K", "G"})
    if shifted and not company.vat_number:
        # BR-AE-02, BR-IC-02, BR-G-02: the seller's VAT number must be on such an invoice.
        raise RuleViolation(
            msg(
                "an e-invoice in VAT category {categories} needs the company's VAT "
                "number: add it in the company settings",
                categories=", ".join(shifted),
            )
        )
    if not (company.vat_number or company.f_tax):
        # BR-S-02 and siblings: a VAT number, or the F-tax approval as tax registration.
        raise RuleViolation(
            msg(
                "an e-invoice needs the company's VAT number or its F-tax approval: add one in "
                "the company settings"
            )
        )
    return model.Party(
        name=company.legal_name,
        country=company.country or "SE",
        street_lines=tuple((company.street or "").splitlines()),
        postal_code=company.postal_code,
        city=company.city,
        org_number=endpoint.identifier if endpoint else "",
        vat_number=company.vat_number,
        endpoint_scheme=endpoint.scheme if endpoint else "",
        endpoint_id=endpoint.identifier if endpoint else "",
        contact_name=company.contact_person,
        phone=company.phone,
        email=company.email,
        f_tax=company.f_tax,
    )


def _buyer(record: InvoiceRow, *, peppol: bool) -> model.Party:
    """The buyer as invoiced (the snapshot at issue), with its Peppol address."""
    customer = record.customer
    snapshot = record.buyer or {}

    def field(name: str) -> str:
        value = snapshot.get(name)
        return value if value is not None else (getattr(customer, name, "") or "")

    country = (field("country") or "SE").upper()
    company_buyer = field("kind") != "person"
    org_number = field("org_number")
    # A person's "organisation number" is the personal identity number: never sent.
    digits = "".join(c for c in org_number if c.isalnum()) if company_buyer else ""
    written = field("peppol_id") or customer.peppol_id
    try:
        endpoint = parse_endpoint(written) if written else None
    except IdentifierError as error:
        raise RuleViolation(
            msg(
                "customer {number}: {problem}",
                number=customer.number,
                problem=error_message(error),
            )
        ) from None
    if endpoint is None and country == "SE" and company_buyer:
        endpoint = endpoint_from_org_number(org_number)
    if endpoint is None and peppol:
        raise RuleViolation(
            msg(
                "a Peppol e-invoice needs the buyer's Peppol address: set customer "
                "{number}'s Peppol endpoint ID (e.g. 0007:5560360793, or 0088 and a GLN)",
                number=customer.number,
            )
        )
    return model.Party(
        name=field("name"),
        country=country,
        street_lines=tuple(field("street").splitlines()),
        postal_code=field("postal_code"),
        city=field("city"),
        org_number=digits,
        vat_number=field("vat_number"),
        endpoint_scheme=endpoint.scheme if endpoint else "",
        endpoint_id=endpoint.identifier if endpoint else "",
    )


def _accounts(company: CompanyRow) -> tuple[model.Account, ...]:
    accounts = []
    if company.bankgiro:
        accounts.append(model.Account("bankgiro", _digits(company.bankgiro)))
    if company.plusgiro:
        accounts.append(model.Account("plusgiro", _digits(company.plusgiro)))
    if company.iban:
        accounts.append(model.Account("iban", company.iban.replace(" ", ""), company.bic))
    return tuple(accounts)


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def base_name(record: InvoiceRow) -> str:
    kind = "Credit_note" if record.kind == "credit_note" else "Invoice"
    return f"{kind}_{_UNSAFE_NAME.sub('_', record.number or str(record.id))}"
