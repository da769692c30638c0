"""Which facts a document shows, and in what words: the label and value pairs of each block.

Kept apart from the drawing so the choice of what an invoice must say (ML 17 kap. 24 §:
number, dates, both parties, VAT numbers; DOMAIN.md 5.1) can be read and tested on its own.
Every value passes through ``clean`` so that the drawing code only sees printable text.
"""

from __future__ import annotations

from collections.abc import Callable

from ..domain.identifiers import IdentifierError, format_bankgiro, format_iban, format_plusgiro
from .formatting import Formatter
from .model import DocumentData
from .strings import Strings

Clean = Callable[[str], str]
Pairs = tuple[tuple[str, str], ...]
PAYMENT_ROWS = 6


def _pairs(rows: list[tuple[str, str]], clean: Clean) -> Pairs:
    return tuple((label, clean(value)) for label, value in rows if value and value.strip())


def reference_label(data: DocumentData, strings: Strings) -> str:
    """ "OCR number" for a digits-only reference, plain "Reference" otherwise."""
    return strings.get("ocr" if data.reference.isdigit() else "reference")


def credited(data: DocumentData, strings: Strings, fmt: Formatter) -> str:
    """The credited invoice as the law wants it identified: its number and its date."""
    if not data.credited_number.strip() or data.credited_date is None:
        return data.credited_number
    return strings.get("credited", number=data.credited_number, date=fmt.date(data.credited_date))


def facts(data: DocumentData, strings: Strings, fmt: Formatter, clean: Clean) -> Pairs:
    get, buyer = strings.get, data.buyer
    if data.is_credit_note:
        rows = [
            (get("credit_number"), data.number),
            (get("credit_date"), fmt.date(data.issue_date)),
            (get("credits"), credited(data, strings, fmt)),
        ]
    else:
        rows = [
            (get("invoice_number"), data.number),
            (get("issue_date"), fmt.date(data.issue_date)),
            (reference_label(data, strings), data.reference),
        ]
    rows += [
        (get("delivery_date"), fmt.date(data.delivery_date)),
        (get("customer_number"), buyer.customer_number),
        (get("buyer_vat"), buyer.vat_number),
        (get("your_reference"), data.your_reference),
        (get("our_reference"), data.our_reference),
    ]
    if not data.is_credit_note:
        rows.append((get("payment_terms"), data.payment_terms))
    return _pairs(rows, clean)


def highlights(data: DocumentData, strings: Strings, fmt: Formatter, clean: Clean) -> Pairs:
    """The two facts printed large at the top: what to pay and by when."""
    get = strings.get
    if data.is_credit_note:
        return _pairs(
            [(get("credit_total"), fmt.money(data.total)), (get("credits"), data.credited_number)],
            clean,
        )
    return _pairs(
        [(get("amount_due"), fmt.money(data.due)), (get("due_date"), fmt.date(data.due_date))],
        clean,
    )


def _shown(formatter: Callable[[str], str], value: str) -> str:
    # A number the ledger let through but the rules reject is printed as stored rather
    # than hidden: the payer can still ask, and nothing crashes at issue time.
    try:
        return formatter(value) if value.strip() else ""
    except IdentifierError:
        return value


def accounts(data: DocumentData, strings: Strings) -> list[tuple[str, str]]:
    """The seller's accounts in the order a payer of this currency needs them."""
    seller, get = data.seller, strings.get
    giro = [
        (get("bankgiro"), _shown(format_bankgiro, seller.bankgiro)),
        (get("plusgiro"), _shown(format_plusgiro, seller.plusgiro)),
    ]
    iban = [(get("iban"), _shown(format_iban, seller.iban)), (get("bic"), seller.bic.strip())]
    return iban + giro if data.currency.upper() != "SEK" else giro + iban


def payment_accounts(data: DocumentData, strings: Strings) -> list[tuple[str, str]]:
    """The accounts the payment box offers: one way to pay, so the payer cannot pick wrong.

    SEK goes to Bankgiro or Plusgiro when there is one, other currencies to the IBAN; the
    footer still lists every account for payers abroad.
    """
    rows = [(label, value) for label, value in accounts(data, strings) if value]
    seller = data.seller
    giro = bool(seller.bankgiro.strip() or seller.plusgiro.strip())
    iban = bool(seller.iban.strip())
    if data.currency.upper() == "SEK" and giro:
        return rows[:2] if seller.bankgiro.strip() and seller.plusgiro.strip() else rows[:1]
    if iban:
        return rows[:2] if seller.bic.strip() else rows[:1]
    return rows


def payment_details(data: DocumentData, strings: Strings) -> str:
    """Where and how to pay in one line, as the payment box says it ("Bankgiro 5402-9681,
    OCR-nummer 202400198"), for an e-mail text that must not send the payer to the PDF."""
    rows = [*payment_accounts(data, strings)]
    if data.payment_reference:
        rows.append((reference_label(data, strings), data.payment_reference))
    return ", ".join(f"{label} {value}" for label, value in rows if value)


def payment_rows(data: DocumentData, strings: Strings, fmt: Formatter, clean: Clean) -> Pairs:
    get = strings.get
    if data.is_credit_note:
        rows = [
            (get("credits"), credited(data, strings, fmt)),
            (get("credit_total"), fmt.money(data.total)),
        ]
        return _pairs(rows, clean)
    rows = [
        (get("amount_due"), fmt.money(data.due)),
        (get("due_date"), fmt.date(data.due_date)),
        (reference_label(data, strings), data.payment_reference),
    ]
    return _pairs(rows + payment_accounts(data, strings), clean)[:PAYMENT_ROWS]


def contact_rows(data: DocumentData, strings: Strings, clean: Clean, hours: str = "") -> Pairs:
    """Whom to ask and how; the template's opening hours, one row per line typed."""
    seller, get = data.seller, strings.get
    rows = [
        ("", seller.contact_person),
        (get("phone"), seller.phone),
        (get("email"), seller.email),
        (get("web"), seller.website),
        (get("portal"), data.portal_url),
    ]
    hours_lines = [line.strip() for line in hours.splitlines() if line.strip()]
    for index, line in enumerate(hours_lines):
        rows.append((get("opening_hours") if index == 0 else "", line))
    return _pairs(rows, clean)


def footer_columns(
    data: DocumentData, strings: Strings, clean: Clean
) -> tuple[tuple[str, ...], ...]:
    """Who sent the document, its legal identity, and where to pay, on every page."""
    seller, get = data.seller, strings.get
    identity = [seller.name, *seller.address_lines]
    legal = [
        f"{get('org_number')} {seller.org_number}" if seller.org_number.strip() else "",
        f"{get('vat_number')} {seller.vat_number}" if seller.vat_number.strip() else "",
        f"{get('registered_office')} {seller.registered_office}"
        if seller.registered_office.strip()
        else "",
        get("f_tax") if seller.f_tax else "",
    ]
    bank = [f"{label} {value}" for label, value in accounts(data, strings) if value]
    contact = [seller.phone, seller.email, seller.website]
    columns = [identity, legal, bank, contact]
    return tuple(tuple(clean(line) for line in column if line.strip()) for column in columns)
