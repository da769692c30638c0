"""A realistic sample invoice, for the template designer's preview, tests and benchmarks.

Its figures are computed by the domain's totals rules, so the sample never shows VAT or
a rounding that a real invoice could not have.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from ..domain.totals import LineInput, compute_totals
from ..domain.vat import SWEDEN
from .model import Buyer, DocumentData, Line, Reminder, Seller, VatRow

ISSUED = dt.date(2026, 1, 5)

SAMPLE_SELLER = Seller(
    name="Exempel Handel AB",
    org_number="556677-8899",
    vat_number="SE556677889901",
    address_lines=("Storgatan 1", "111 22 Stockholm"),
    registered_office="Stockholm",
    phone="08-123 456 78",
    email="faktura@exempel.se",
    website="www.exempel.se",
    bankgiro="5402-9681",
    iban="SE45 5000 0000 0583 9825 7466",
    bic="ESSESESS",
    f_tax=True,
    contact_person="Eva Ek",
)

SAMPLE_BUYER = Buyer(
    name="Nilsson & Söner Bygg AB",
    address_lines=("Att: Ekonomiavdelningen", "Byggvägen 5", "222 33 Lund"),
    customer_number="1001",
)

_ITEMS = (
    ("Konsulttimmar, projektledning\nVecka 1–2, enligt avtal", "12", "h", "950.00", "25", "0"),
    ("Installation av nätverksutrustning", "1", "st", "4500.00", "25", "10"),
    ("Kabel Cat6, 305 m", "2", "st", "1290.00", "25", "0"),
    ("Facklitteratur: Nätverk i praktiken", "3", "st", "349.00", "6", "0"),
    ("Resa Stockholm–Lund, tåg", "1", "st", "1150.00", "6", "0"),
    ("Serviceavtal, januari", "1", "mån", "1495.00", "25", "0"),
    ("Switch 24 portar", "2", "st", "2390.00", "25", "5"),
    ("Lunchmöte med beställaren", "4", "st", "125.00", "12", "0"),
    ("Dokumentation och överlämning", "3.5", "h", "950.00", "25", "0"),
    ("Frakt", "1", "st", "295.00", "25", "0"),
)


def sample_document(line_count: int = 10, **changes: object) -> DocumentData:
    """The sample with ``line_count`` lines (the ten items repeated); ``changes`` override."""
    day = ISSUED
    lines: list[Line] = []
    inputs: list[LineInput] = []
    for index in range(line_count):
        text, quantity, unit, price, code, discount = _ITEMS[index % len(_ITEMS)]
        rate = SWEDEN.lookup(code, day)
        item = LineInput(Decimal(quantity), Decimal(price), rate, Decimal(discount))
        inputs.append(item)
        lines.append(
            Line(
                text,
                item.quantity,
                item.unit_price,
                Decimal(0),
                rate.percent,
                unit,
                item.discount_percent,
            )
        )
    totals = compute_totals(inputs, "SEK", round_to_whole=True)
    lines = [
        replace(line, amount=amount)
        for line, amount in zip(lines, totals.line_amounts, strict=True)
    ]
    document = DocumentData(
        kind="invoice",
        number="2024001",
        issue_date=day,
        seller=SAMPLE_SELLER,
        buyer=SAMPLE_BUYER,
        lines=tuple(lines),
        vat_rows=tuple(
            VatRow(group.rate.percent, group.net, group.vat, group.rate.note_for("sv"))
            for group in totals.groups
        ),
        net_total=totals.net_total,
        vat_total=totals.vat_total,
        rounding=totals.rounding,
        total=totals.total,
        delivery_date=dt.date(2026, 1, 2),
        due_date=dt.date(2026, 2, 4),
        reference="202400198",
        payment_terms="30 dagar netto",
        our_reference="Eva Ek",
        your_reference="Per Nilsson",
    )
    return replace(document, **changes) if changes else document


def sample_reminder(level: int = 1, **changes: object) -> DocumentData:
    """A reminder for the sample invoice, with a fee and eight days of interest."""
    invoice = sample_document()
    late = Reminder(
        level=level,
        invoice_number=invoice.number,
        invoice_date=invoice.issue_date,
        invoice_due_date=invoice.due_date,
        invoice_total=invoice.total,
        remaining=Decimal("17496.00"),
        fee=Decimal("60.00"),
        interest=Decimal("42.17"),
        interest_rate=Decimal("11"),
        interest_from=dt.date(2026, 2, 5),
        interest_until=dt.date(2026, 2, 12),
    )
    document = replace(
        invoice,
        kind="reminder",
        issue_date=dt.date(2026, 2, 12),
        due_date=dt.date(2026, 2, 22),
        lines=(),
        reminder=late,
    )
    return replace(document, **changes) if changes else document
