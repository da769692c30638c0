"""The demo company: a believable Swedish ledger to try the app and the CLI on.

Everything goes through the same services a clerk uses (company, customers, drafts, issue,
credit), so the demo can never hold an invoice the real rules would refuse. It is
deterministic for a seed, which keeps screenshots, tests and support answers reproducible.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from ..domain.due_dates import PaymentTerms
from ..domain.errors import RuleViolation
from ..domain.identifiers import luhn_check_digit
from ..domain.invoice import DraftLine, InvoiceDraft
from ..domain.money import to_minor
from ..domain.parties import Address, Company, Customer
from ..storage.models import InvoiceRow
from . import company as company_service
from . import customers as customer_service
from . import invoices as invoice_service
from .vat_rates import vat_table

logger = logging.getLogger(__name__)

INVOICE_COUNT = 200
PERIOD_DAYS = 182


@dataclass(frozen=True)
class Article:
    """One thing the demo company sells; ``price`` is excluding VAT unless ``gross``."""

    sv: str
    en: str
    unit_sv: str
    unit_en: str
    price: str
    vat: str
    quantities: tuple[str, ...]
    gross: bool = False


# Consulting and training with a small course venue: 25 % on services and hardware,
# 12 % on lodging, 6 % on books (mervärdesskattelagen's reduced rates).
BUSINESS = (
    Article("Konsulttid systemutveckling", "Software development consulting", "tim", "h",
            "1150", "25", ("4", "6.5", "8", "12", "16", "22.5", "32", "40")),
    Article("Projektledning", "Project management", "tim", "h", "1250", "25",
            ("2", "4", "6", "8", "10.5")),
    Article("Teknisk rådgivning", "Technical advisory", "tim", "h", "1400", "25",
            ("1", "1.5", "2", "3", "5")),
    Article("Support och underhåll, månadsavgift", "Support and maintenance, monthly fee",
            "mån", "month", "4500", "25", ("1",)),
    Article("Workshop, halvdag", "Workshop, half day", "st", "pcs", "9800", "25", ("1", "2")),
    Article("Utbildning, per deltagare", "Training, per participant", "st", "pcs", "2950",
            "25", ("3", "5", "8", "12")),
    Article("Dockningsstation USB-C", "USB-C docking station", "st", "pcs", "1890", "25",
            ("1", "2", "4", "10")),
    Article("Bildskärm 27 tum", "27-inch monitor", "st", "pcs", "3490", "25", ("1", "2", "6")),
    Article("Nätverkskabel Cat6, 5 m", "Cat6 network cable, 5 m", "st", "pcs", "89.50", "25",
            ("5", "10", "20")),
    Article("Logi på kursgården, enkelrum", "Lodging at the course venue, single room",
            "natt", "night", "1290", "12", ("1", "2", "4", "8")),
    Article("Kursbok: Praktisk systemdesign", "Course book: Practical systems design", "st",
            "pcs", "389", "6", ("3", "5", "8", "12")),
    Article("Handbok i informationssäkerhet", "Handbook of information security", "st", "pcs",
            "455", "6", ("1", "2", "5")),
)  # fmt: skip

# Private persons see prices including VAT, as consumer law expects.
CONSUMER = (
    Article("Datorsupport på distans", "Remote computer support", "tim", "h", "795", "25",
            ("0.5", "1", "1.5", "2"), gross=True),
    Article("Kvällskurs: Bokföring för nybörjare", "Evening course: Bookkeeping basics", "st",
            "pcs", "2495", "25", ("1",), gross=True),
    Article("Trådlöst tangentbord", "Wireless keyboard", "st", "pcs", "999", "25", ("1", "2"),
            gross=True),
    Article("Logi på kursgården, enkelrum", "Lodging at the course venue, single room",
            "natt", "night", "1190", "12", ("1", "2"), gross=True),
    Article("Kursbok: Praktisk systemdesign", "Course book: Practical systems design", "st",
            "pcs", "349", "6", ("1",), gross=True),
)  # fmt: skip

# number, name, kind, street, postal code, city, language, terms, reminder fee agreed
CUSTOMERS = (
    ("1001", "Nilsson & Söner Bygg AB", "company", "Byggvägen 5", "222 33", "Lund", "sv", "30", True),
    ("1002", "Bergström Redovisning AB", "company", "Drottninggatan 12", "111 51", "Stockholm", "sv", "30", True),
    ("1003", "Åkerlund Fastigheter AB", "company", "Kungsgatan 44", "411 19", "Göteborg", "sv", "20", True),
    ("1004", "Hälsinge Snickeri AB", "company", "Industrivägen 8", "824 34", "Hudiksvall", "sv", "30", False),
    ("1005", "Café Lindan HB", "company", "Storgatan 3", "753 20", "Uppsala", "sv", "15", False),
    ("1006", "Mälardalens Elinstallation AB", "company", "Verkstadsgatan 17", "721 30", "Västerås", "sv", "30", True),
    ("1007", "Öresund Logistik AB", "company", "Hamngatan 2", "211 22", "Malmö", "sv", "eom+30", True),
    ("1008", "Fjällvind Turism AB", "company", "Åre torg 1", "830 13", "Åre", "sv", "30", False),
    ("1009", "Sundsvalls Tryckeri AB", "company", "Esplanaden 9", "852 31", "Sundsvall", "sv", "30", True),
    ("1010", "Lagom Design AB", "company", "Södra Förstadsgatan 20", "211 43", "Malmö", "sv", "20", False),
    ("1011", "Vättern Marin AB", "company", "Strandvägen 4", "561 33", "Huskvarna", "sv", "30", True),
    ("1012", "Nordic Cloud Partners AB", "company", "Vasagatan 28", "111 20", "Stockholm", "en", "30", True),
    ("1013", "Brightwater Games AB", "company", "Första Långgatan 19", "413 27", "Göteborg", "en", "30", False),
    ("1014", "Polar Robotics Sweden AB", "company", "Teknikringen 10", "583 30", "Linköping", "en", "eom+30", True),
    ("1015", "Gotlands Ekologiska Gårdar AB", "company", "Hamnplan 6", "621 57", "Visby", "sv", "30", False),
    ("1016", "Anna Andersson", "person", "Lilla gatan 2", "352 31", "Växjö", "sv", "10", False),
    ("1017", "Erik Johansson", "person", "Tallvägen 14", "903 38", "Umeå", "sv", "15", False),
    ("1018", "Maria Lindqvist", "person", "Repslagargatan 7", "602 25", "Norrköping", "sv", "10", False),
    ("1019", "Oskar Eriksson", "person", "Björkstigen 3", "871 31", "Härnösand", "sv", "15", False),
    ("1020", "James Whitfield", "person", "Götgatan 61", "116 21", "Stockholm", "en", "15", False),
)  # fmt: skip

ROUNDING_ACCEPTED = "üåäöé"  # letters folded away when a name becomes an e-mail address


def build_demo(session: Session, *, today: dt.date, seed: int = 2026) -> None:
    """Fill an empty ledger with the demo company, ~20 customers and ~200 invoices.

    Runs in the caller's transaction. Refuses a ledger that already has a company, so the
    demo can never be mixed into real books.
    """
    if company_service.get_company(session) is not None:
        raise RuleViolation("this database already has a company; the demo needs an empty one")
    rng = random.Random(seed)
    company_service.save_company(session, _company(rng))
    customers = [_customer(rng, *row) for row in CUSTOMERS]
    for customer in customers:
        customer_service.add_customer(session, customer)

    plans = sorted(
        (_plan(rng, customers, today) for _ in range(INVOICE_COUNT)),
        key=lambda plan: plan[1].issue_date,
    )
    credits: list[tuple[dt.date, int, list[DraftLine] | None, str]] = []
    issued: list[InvoiceRow] = []
    for pending in _chronological(plans, credits):
        if isinstance(pending, tuple) and len(pending) == 2:
            customer, draft = pending
            record = _issue(session, draft)
            issued.append(record)
            credit = _maybe_credit(rng, record, draft, today)
            if credit:
                credits.append(credit)
        else:
            day, invoice_id, lines, reason = pending
            invoice_service.credit_invoice(
                session, invoice_id, lines=lines, issue_date=day, reason=reason,
                now=_at(day, 15),
            )  # fmt: skip
    for record in issued:
        _pay(rng, record, today)
    session.flush()
    logger.info("demo ledger built: %d customers, %d invoices", len(customers), len(issued))


def _chronological(plans, credits):
    """Invoices and credit notes in date order, so the shared number series runs with time.

    Credit notes are only known once their invoice is issued, hence the growing list.
    """
    index = 0
    while index < len(plans) or credits:
        credits.sort(key=lambda credit: credit[0])
        next_invoice = plans[index][1].issue_date if index < len(plans) else None
        if credits and (next_invoice is None or credits[0][0] < next_invoice):
            yield credits.pop(0)
        else:
            yield plans[index]
            index += 1


def _company(rng: random.Random) -> Company:
    org = _org_number(rng, "559")
    return Company(
        legal_name="Norrsken Konsult & Kurs AB",
        org_number=org,
        vat_number=f"SE{org.replace('-', '')}01",
        address=Address("Kungsängsgatan 21", "753 22", "Uppsala", "SE"),
        bankgiro="5402-9681",
        iban="SE4550000000058398257466",
        bic="ESSESESS",
        f_tax=True,
        contact_person="Karin Norberg",
        phone="018-12 34 56",
        email="faktura@norrsken-konsult.example",
        website="https://norrsken-konsult.example",
    )


def _customer(rng, number, name, kind, street, postal, city, language, terms, fee) -> Customer:
    org = vat = ""
    if kind == "company":
        # Handelsbolag have organisation numbers starting with 9, limited companies with 5.
        org = _org_number(rng, "969" if name.endswith(" HB") else "556")
        vat = f"SE{org.replace('-', '')}01" if rng.random() < 0.85 else ""
        email = f"ekonomi@{_slug(name.removesuffix(' AB').removesuffix(' HB'))}.example"
    else:
        email = f"{_slug(name).replace('-', '.')}@example.com"
    return Customer(
        number=number,
        name=name,
        kind=kind,
        org_number=org,
        vat_number=vat,
        address=Address(street, postal, city, "SE"),
        emails=[email],
        language=language,
        payment_terms=PaymentTerms.parse(terms),
        reminder_fee_agreed=fee,
        tags=["privat"] if kind == "person" else [],
    )


def _org_number(rng: random.Random, prefix: str) -> str:
    body = prefix + "".join(str(rng.randrange(10)) for _ in range(9 - len(prefix)))
    digits = body + luhn_check_digit(body)
    return f"{digits[:6]}-{digits[6:]}"


def _slug(name: str) -> str:
    folded = name.lower().translate(str.maketrans("åäöéü", "aaoeu"))
    words = "".join(c if c.isalnum() else " " for c in folded).split()
    return "-".join(words)


def _plan(rng: random.Random, customers: list[Customer], today: dt.date):
    """One invoice to issue: a weekday in the period, lines that suit the customer."""
    customer = rng.choices(customers, weights=[3 if c.kind == "company" else 1 for c in customers])[0]
    day = today - dt.timedelta(days=rng.randrange(PERIOD_DAYS))
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    person = customer.kind == "person"
    english = customer.language == "en"
    catalogue = CONSUMER if person else BUSINESS
    table = _rates_cache(day)
    lines = []
    for article in rng.sample(catalogue, k=min(len(catalogue), rng.choice((1, 1, 2, 2, 3, 4)))):
        discount = Decimal(0)
        if not person and rng.random() < 0.15:
            discount = Decimal(rng.choice(("5", "10", "15")))
        lines.append(
            DraftLine(
                description=article.en if english else article.sv,
                quantity=Decimal(rng.choice(article.quantities)),
                unit_price=Decimal(article.price),
                rate=table[article.vat],
                unit=article.unit_en if english else article.unit_sv,
                discount_percent=discount,
            )
        )
    draft = InvoiceDraft(
        customer_number=customer.number,
        currency="SEK",
        issue_date=day,
        lines=lines,
        delivery_date=day,
        prices_include_vat=person,
        # Consumers pay whole kronor; a few companies asked for it too.
        round_to_whole=person or rng.random() < 0.15,
        invoice_discount=Decimal("500.00") if not person and rng.random() < 0.04 else Decimal(0),
        our_reference="Karin Norberg",
        your_reference="" if person else rng.choice(("", "Inköp", "Projekt 24", "PO 4471")),
    )
    if draft.invoice_discount and draft.totals().lines_total < 5000:
        draft.invoice_discount = Decimal(0)
    return customer, draft


_RATES: dict[str, object] = {}


def _rates_cache(day: dt.date) -> dict:
    # The Swedish table's codes do not change within the demo period; look them up once.
    if not _RATES:
        from ..domain.vat import SWEDEN

        for code in ("25", "12", "6"):
            _RATES[code] = SWEDEN.lookup(code, day)
    return _RATES


def _issue(session: Session, draft: InvoiceDraft) -> InvoiceRow:
    record = invoice_service.save_draft(session, draft)
    return invoice_service.issue_invoice(session, record.id, now=_at(draft.issue_date, 9))


def _maybe_credit(rng, record: InvoiceRow, draft: InvoiceDraft, today: dt.date):
    """About one invoice in thirty gets a credit note a few days later: all of it, or a line."""
    if rng.random() >= 0.035:
        return None
    day = min(today, draft.issue_date + dt.timedelta(days=rng.randrange(2, 15)))
    if len(draft.lines) > 1 and rng.random() < 0.5:
        line = draft.lines[-1]
        partial = DraftLine(line.description, line.quantity, line.unit_price, line.rate,
                            line.unit, line.discount_percent)  # fmt: skip
        return day, record.id, [partial], "Raden levererades inte"
    return day, record.id, None, "Fakturerad till fel mottagare"


def _pay(rng: random.Random, record: InvoiceRow, today: dt.date) -> None:
    """Mark what the customer has paid, so the demo has paid, partly paid and overdue bills.

    The ledger has no payment records yet, so the running sum that the status reads is set
    directly; it is what a payment would move.
    """
    left = record.total_minor - record.credited_minor
    if left <= 0:
        return
    draw = rng.random()
    if record.due_date < today:
        share = 1 if draw < 0.84 else (0.5 if draw < 0.88 else 0)
    else:
        share = 1 if draw < 0.25 else 0
    if share:
        record.paid_minor = left if share == 1 else to_minor(Decimal(left // 200), "SEK")


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0))


__all__ = ["build_demo", "vat_table"]
