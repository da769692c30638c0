"""The company that invoices and the customers it invoices, with their validation."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from babel import Locale

from .due_dates import PaymentTerms
from .einvoice import FORMAT_PDF, FORMATS
from .email_address import encoded_word_problem, normalise_address
from .errors import Problem
from .identifiers import (
    IdentifierError,
    normalise_bankgiro,
    normalise_bic,
    normalise_iban,
    normalise_plusgiro,
    normalise_vat_number,
)
from .messages import error_message, msg
from .money import MoneyError, check_currency
from .peppol_ids import parse_endpoint
from .personal_numbers import normalise_org_number, normalise_personnummer
from .text_rules import identifier_problem, text_problem

CUSTOMER_KINDS = ("company", "person")


@dataclass
class Address:
    street: str = ""
    postal_code: str = ""
    city: str = ""
    country: str = "SE"

    def lines(self) -> list[str]:
        place = " ".join(p for p in (self.postal_code, self.city) if p)
        return [line for line in (*self.street.splitlines(), place) if line.strip()]


@dataclass
class Company:
    legal_name: str
    org_number: str = ""
    vat_number: str = ""
    address: Address = field(default_factory=Address)
    bankgiro: str = ""
    plusgiro: str = ""
    iban: str = ""
    bic: str = ""
    f_tax: bool = False
    contact_person: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    currency: str = "SEK"
    language: str = "sv"
    # OCR with the length digit passes every bank's control level, so it is the default.
    ocr_length_digit: bool = True
    due_date_next_bank_day: bool = False


@dataclass
class Customer:
    number: str
    name: str
    kind: str = "company"
    org_number: str = ""
    vat_number: str = ""
    address: Address = field(default_factory=Address)
    emails: list[str] = field(default_factory=list)
    language: str = "sv"
    currency: str = "SEK"
    payment_terms: PaymentTerms = field(default_factory=lambda: PaymentTerms(30))
    reminder_fee_agreed: bool = False
    reminders_paused: bool = False
    tags: list[str] = field(default_factory=list)
    # E-invoicing: Peppol address "scheme:id", the buyer's standing reference, and the
    # format the invoice e-mail carries (domain.einvoice.FORMATS).
    peppol_id: str = ""
    buyer_reference: str = ""
    einvoice_format: str = FORMAT_PDF


def normalise_company(company: Company) -> list[Problem]:
    """Validate and normalise identifiers in place; return every problem found."""
    problems: list[Problem] = []
    if not company.legal_name.strip():
        problems.append(Problem("legal_name", msg("the company needs its legal name")))
    elif why := encoded_word_problem(company.legal_name):
        problems.append(Problem("legal_name", why))
    country = company.address.country or "SE"
    _normalise(company, "org_number", problems, lambda v: _orgnr(v, country))
    _normalise(company, "vat_number", problems, lambda v: normalise_vat_number(v, country))
    _normalise(company, "bankgiro", problems, normalise_bankgiro)
    _normalise(company, "plusgiro", problems, normalise_plusgiro)
    _normalise(company, "iban", problems, normalise_iban)
    _normalise(company, "bic", problems, normalise_bic)
    if company.email.strip():
        company.email = company.email.strip()
        try:
            normalise_address(company.email)
        except ValueError as error:
            problems.append(Problem("email", error_message(error)))
    if company.bic and not company.iban:
        problems.append(Problem("iban", msg("a BIC was given without an IBAN")))
    problems.extend(_check_locale_codes(company))
    texts = {"legal_name": company.legal_name, "contact_person": company.contact_person,
             "phone": company.phone, "website": company.website}  # fmt: skip
    problems.extend(_text_problems(texts, company.address))
    return problems


def _text_problems(texts: dict[str, str], address: Address) -> list[Problem]:
    """The shared text rule for names and addresses, whichever way a party was entered (a
    form, JSON, CSV): each is printed, e-mailed and carried in e-invoice XML."""
    texts = {**texts, "postal_code": address.postal_code, "city": address.city}
    problems = [Problem(key, why) for key, value in texts.items() if (why := text_problem(value))]
    if why := text_problem(address.street, multiline=True):
        problems.append(Problem("street", why))
    return problems


def normalise_customer(customer: Customer) -> list[Problem]:
    problems: list[Problem] = []
    customer.number = customer.number.strip()
    customer.name = customer.name.strip()
    if not customer.number:
        problems.append(Problem("number", msg("the customer needs a customer number")))
    elif len(customer.number) > 40 or any(c.isspace() for c in customer.number):
        problems.append(Problem("number", msg("at most 40 characters, no spaces")))
    elif why := identifier_problem(customer.number):
        problems.append(Problem("number", why))
    if not customer.name:
        problems.append(Problem("name", msg("the customer needs a name")))
    elif why := encoded_word_problem(customer.name):
        problems.append(Problem("name", why))
    if customer.kind not in CUSTOMER_KINDS:
        problems.append(
            Problem(
                "kind", msg("must be 'company' or 'person', not {kind}", kind=repr(customer.kind))
            )
        )
    country = customer.address.country or "SE"
    # A person's "organisation number" is the personal identity number, in 10 or 12 digits.
    _normalise(customer, "org_number", problems, lambda v: _orgnr(v, country, customer.kind))
    _normalise(customer, "vat_number", problems, lambda v: normalise_vat_number(v, country))
    cleaned = []
    for index, email in enumerate(customer.emails):
        # Kept as typed (åkesson.se stays readable); the sender turns the domain into ASCII.
        email = email.strip()
        try:
            normalise_address(email)
        except ValueError as error:
            problems.append(Problem(f"emails[{index}]", error_message(error)))
        cleaned.append(email)
    customer.emails = cleaned
    customer.tags = sorted({t.strip() for t in customer.tags if t.strip()})
    problems.extend(_check_locale_codes(customer))
    problems.extend(_check_einvoicing(customer))
    problems.extend(_text_problems({"name": customer.name}, customer.address))
    return problems


def _check_einvoicing(customer: Customer) -> list[Problem]:
    problems = []
    customer.peppol_id = customer.peppol_id.strip()
    if customer.peppol_id:
        try:
            customer.peppol_id = str(parse_endpoint(customer.peppol_id))
        except IdentifierError as error:
            problems.append(Problem("peppol_id", error_message(error)))
    customer.buyer_reference = customer.buyer_reference.strip()
    if why := text_problem(customer.buyer_reference):
        problems.append(Problem("buyer_reference", why))
    elif len(customer.buyer_reference) > 200:
        problems.append(Problem("buyer_reference", msg("longer than {most} characters", most=200)))
    if customer.einvoice_format not in FORMATS:
        choices, chosen = ", ".join(FORMATS), customer.einvoice_format
        problems.append(
            Problem(
                "einvoice_format",
                msg(
                    "must be one of {choices}, not {chosen}", choices=choices, chosen=repr(chosen)
                ),
            )
        )
    return problems


def _check_locale_codes(party: Company | Customer) -> list[Problem]:
    """Currency, country and language must be codes that formatting and law lookups know."""
    problems = []
    try:
        party.currency = check_currency(party.currency)
    except MoneyError as exc:
        problems.append(Problem("currency", error_message(exc)))
    country = party.address.country.upper()
    if country not in _countries():
        problems.append(
            Problem(
                "address.country",
                msg("not an ISO 3166 country code: {country}", country=repr(country)),
            )
        )
    party.address.country = country
    if party.language not in _languages():
        problems.append(
            Problem(
                "language",
                msg(
                    "not a language code such as sv or en: {language}",
                    language=repr(party.language),
                ),
            )
        )
    return problems


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    return frozenset(
        code for code in Locale("en").territories if code.isalpha() and len(code) == 2
    )


@lru_cache(maxsize=1)
def _languages() -> frozenset[str]:
    return frozenset(code for code in Locale("en").languages if code.isalpha() and len(code) == 2)


def _orgnr(value: str, country: str, kind: str = "company") -> str:
    # Only Swedish numbers have a rule we can check; others are kept as typed.
    if country != "SE":
        return value.strip()
    return normalise_personnummer(value) if kind == "person" else normalise_org_number(value)


def _normalise(obj, attr: str, problems: list[Problem], normalise) -> None:
    value = getattr(obj, attr)
    if not value or not value.strip():
        setattr(obj, attr, "")
        return
    try:
        setattr(obj, attr, normalise(value))
    except IdentifierError as exc:
        problems.append(Problem(attr, error_message(exc)))
