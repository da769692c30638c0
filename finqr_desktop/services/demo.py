"""The demo company: a believable Swedish ledger to try the app and the CLI on.

Everything goes through the same services a clerk uses (company, customers, drafts, issue,
credit), so the demo can never hold an invoice the real rules would refuse. It is
deterministic for a seed, which keeps screenshots, tests and support answers reproducible.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
import logging
import random
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain.due_dates import PaymentTerms
from ..domain.errors import RuleViolation
from ..domain.identifiers import luhn_check_digit
from ..domain.invoice import DraftLine, InvoiceDraft
from ..domain.messages import msg
from ..domain.money import from_minor
from ..domain.parties import Address, Company, Customer
from ..domain.vat import VatTable
from ..storage.models import CustomerRow, InvoiceRow
from . import company as company_service
from . import credits as credit_service
from . import customers as customer_service
from . import invoices as invoice_service
from . import payments, reminder_settings
from .vat_rates import vat_table

logger = logging.getLogger(__name__)

INVOICE_COUNT = 200
PERIOD_DAYS = 182


@dataclass(frozen=True)
class Article:
    """One thing the demo company sells, with its Swedish and English wording."""

    sv: str
    en: str
    unit_sv: str
    unit_en: str
    price: str
    vat: str
    quantities: tuple[str, ...]


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

# Private persons are quoted prices including VAT (prisinformationslagen), so these are gross.
CONSUMER = (
    Article("Datorsupport på distans", "Remote computer support", "tim", "h", "795", "25",
            ("0.5", "1", "1.5", "2")),
    Article("Kvällskurs: Bokföring för nybörjare", "Evening course: Bookkeeping basics", "st",
            "pcs", "2495", "25", ("1",)),
    Article("Trådlöst tangentbord", "Wireless keyboard", "st", "pcs", "999", "25", ("1", "2")),
    Article("Logi på kursgården, enkelrum", "Lodging at the course venue, single room",
            "natt", "night", "1190", "12", ("1", "2")),
    Article("Kursbok: Praktisk systemdesign", "Course book: Practical systems design", "st",
            "pcs", "349", "6", ("1",)),
)  # fmt: skip

# name | street | postal code | city | language | payment terms | reminder fee agreed.
# Customer numbers count from 1001 in this order. Names ending in AB or HB are companies.
CUSTOMERS = """
Nilsson & Söner Bygg AB       | Byggvägen 5            | 222 33 | Lund       | sv | 30     | fee
Bergström Redovisning AB      | Drottninggatan 12      | 111 51 | Stockholm  | sv | 30     | fee
Åkerlund Fastigheter AB       | Kungsgatan 44          | 411 19 | Göteborg   | sv | 20     | fee
Hälsinge Snickeri AB          | Industrivägen 8        | 824 34 | Hudiksvall | sv | 30     |
Café Lindan HB                | Storgatan 3            | 753 20 | Uppsala    | sv | 15     |
Mälardalens Elinstallation AB | Verkstadsgatan 17      | 721 30 | Västerås   | sv | 30     | fee
Öresund Logistik AB           | Hamngatan 2            | 211 22 | Malmö      | sv | eom+30 | fee
Fjällvind Turism AB           | Åre torg 1             | 830 13 | Åre        | sv | 30     |
Sundsvalls Tryckeri AB        | Esplanaden 9           | 852 31 | Sundsvall  | sv | 30     | fee
Lagom Design AB               | Södra Förstadsgatan 20 | 211 43 | Malmö      | sv | 20     |
Vättern Marin AB              | Strandvägen 4          | 561 33 | Huskvarna  | sv | 30     | fee
Nordic Cloud Partners AB      | Vasagatan 28           | 111 20 | Stockholm  | en | 30     | fee
Brightwater Games AB          | Första Långgatan 19    | 413 27 | Göteborg   | en | 30     |
Polar Robotics Sweden AB      | Teknikringen 10        | 583 30 | Linköping  | en | eom+30 | fee
Gotlands Ekologiska Gårdar AB | Hamnplan 6             | 621 57 | Visby      | sv | 30     |
Anna Andersson                | Lilla gatan 2          | 352 31 | Växjö      | sv | 10     |
Erik Johansson                | Tallvägen 14           | 903 38 | Umeå       | sv | 15     |
Maria Lindqvist               | Repslagargatan 7       | 602 25 | Norrköping | sv | 10     |
Oskar Eriksson                | Björkstigen 3          | 871 31 | Härnösand  | sv | 15     |
James Whitfield               | Götgatan 61            | 116 21 | Stockholm  | en | 15     |
"""


def build_demo(session: Session, *, today: dt.date, seed: int = 2026) -> None:
    """Fill an empty ledger with the demo company, ~20 customers and ~200 invoices.

    Runs in the caller's transaction. Refuses a ledger that already has a company,
    customers or invoices, so the demo can never be mixed into real books.
    """
    if company_service.get_company(session) is not None:
        raise RuleViolation(
            msg("this database already has a company; the demo needs an empty one")
        )
    if session.scalar(select(func.count()).select_from(CustomerRow)):
        raise RuleViolation(
            msg("this database already has customers; the demo needs an empty one")
        )
    rng = random.Random(seed)
    company_service.save_company(session, _company(rng))
    # The demo runs its reminders automatically, so a new user sees the whole flow at once;
    # a real company starts in manual mode and approves what goes out.
    reminder_settings.set_reminder_mode(session, "automatic")
    customers = [
        _customer(rng, str(1001 + index), row)
        for index, row in enumerate(CUSTOMERS.strip().splitlines())
    ]
    for customer in customers:
        customer_service.add_customer(session, customer)

    table = vat_table(session)
    # Invoices and credit notes share one number series, so they are issued in date order
    # (the sequence number breaks ties between events of one day).
    order = itertools.count()
    events: list[tuple[dt.date, int, InvoiceDraft | _Credit]] = []
    for _ in range(INVOICE_COUNT):
        draft = _invoice_draft(rng, customers, today, table)
        heapq.heappush(events, (draft.issue_date, next(order), draft))
    issued: list[InvoiceRow] = []
    while events:
        day, _, event = heapq.heappop(events)
        if isinstance(event, _Credit):
            credit_service.credit_invoice(
                session, event.invoice_id, lines=event.lines, issue_date=day,
                reason=event.reason, now=_at(day, 15), archive=False, email=False,
            )  # fmt: skip
            continue
        record = invoice_service.save_draft(session, event)
        # The demo's PDFs are archived when first opened: rendering 200 at once would
        # make opening the demo take many seconds. Its invoices are history, e-mailed
        # long ago, so none is queued to go out now.
        invoice_service.issue_invoice(
            session, record.id, now=_at(day, 9), archive=False, email=False
        )
        issued.append(record)
        credit = _maybe_credit(rng, record, event, today)
        if credit is not None:
            heapq.heappush(events, (credit.day, next(order), credit))
    for record in issued:
        _pay(session, rng, record, today)
    session.flush()
    logger.info("demo ledger built: %d customers, %d invoices", len(customers), len(issued))


@dataclass(frozen=True)
class _Credit:
    day: dt.date
    invoice_id: int
    lines: list[DraftLine] | None
    reason: str


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


def _customer(rng: random.Random, number: str, row: str) -> Customer:
    name, street, postal, city, language, terms, fee = (
        part.strip() for part in (row + " |").split("|")[:7]
    )
    kind = "company" if name.endswith((" AB", " HB")) else "person"
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
        reminder_fee_agreed=fee == "fee",
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


def _invoice_draft(rng, customers: list[Customer], today: dt.date, table: VatTable):
    """One invoice: a weekday in the period, and lines that suit the customer."""
    weights = [3 if c.kind == "company" else 1 for c in customers]
    customer = rng.choices(customers, weights=weights)[0]
    day = today - dt.timedelta(days=rng.randrange(PERIOD_DAYS))
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    person = customer.kind == "person"
    english = customer.language == "en"
    catalogue = CONSUMER if person else BUSINESS
    count = min(len(catalogue), rng.choice((1, 1, 2, 2, 3, 4)))
    lines = []
    for article in rng.sample(catalogue, k=count):
        discount = "0"
        if not person and rng.random() < 0.15:
            discount = rng.choice(("5", "10", "15"))
        lines.append(
            DraftLine(
                description=article.en if english else article.sv,
                quantity=Decimal(rng.choice(article.quantities)),
                unit_price=Decimal(article.price),
                rate=table.lookup(article.vat, day),
                unit=article.unit_en if english else article.unit_sv,
                discount_percent=Decimal(discount),
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
        our_reference="Karin Norberg",
        your_reference="" if person else rng.choice(("", "", "Inköp", "Projekt 24", "PO 4471")),
    )
    # A loyalty discount on a few larger business invoices.
    if not person and rng.random() < 0.05 and draft.totals().lines_total >= 10000:
        draft.invoice_discount = Decimal("500.00")
    return draft


def _maybe_credit(rng, record: InvoiceRow, draft: InvoiceDraft, today: dt.date) -> _Credit | None:
    """About one invoice in thirty gets a credit note days later: all of it, or its last line."""
    if rng.random() >= 0.035:
        return None
    day = min(today, draft.issue_date + dt.timedelta(days=rng.randrange(2, 15)))
    # A line alone can exceed what is left after an invoice discount, so those get a full one.
    if len(draft.lines) > 1 and not draft.invoice_discount and rng.random() < 0.5:
        return _Credit(day, record.id, [draft.lines[-1]], "Raden levererades inte")
    return _Credit(day, record.id, None, "Fakturerad till fel mottagare")


def _pay(session, rng: random.Random, record: InvoiceRow, today: dt.date) -> None:
    """Pay some invoices, as bank files would have, so the demo has paid, partly paid and
    overdue bills, each payment dated and listed like a real one."""
    left = record.total_minor - record.credited_minor
    if left <= 0:
        return
    draw = rng.random()
    half = (left // 200) * 100  # a round part payment, as customers make them
    if record.due_date < today:
        paid = left if draw < 0.84 else half if draw < 0.88 else 0
    else:
        paid = left if draw < 0.2 else half if draw < 0.26 else 0
    if not paid:
        return
    # Most pay around the due date, a few early, none in the future.
    day = record.due_date + dt.timedelta(days=rng.randrange(-12, 6))
    day = max(record.issue_date, min(day, today))
    payments.register_payment(
        session,
        record.id,
        from_minor(paid, record.currency),
        payment_date=day,
        method="bankgiro",
        reference=record.ocr or "",
        payer_name=record.customer.name,
        today=today,
    )


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0))
