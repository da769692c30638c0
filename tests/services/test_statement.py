"""A customer statement over the hand-worked ledger of report_ledger: balances, movements
in order, period edges, open items, and the PDF and CSV a clerk sends on."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest

from finqr_desktop.domain.errors import ValidationFailed
from finqr_desktop.services.statement import customer_statement
from finqr_desktop.services.statement_files import statement_csv, statement_json, statement_pdf

from ..documents.reading import all_text, flat, page_texts
from . import report_ledger
from .report_ledger import END, START, customer_id

D = Decimal


@pytest.fixture
def books(ledger):
    return report_ledger.build(ledger)


def statement(database, start=START, end=END, number="1001"):
    with database.reading() as session:
        return customer_statement(session, customer_id(database, number), start, end)


def test_the_balances_and_movements_are_the_hand_worked_ones(ledger, books):
    (section,) = statement(ledger).sections

    assert section.currency == "SEK"
    assert section.opening == D("-100.00")
    assert [(line.date.isoformat(), line.kind, line.amount, line.balance)
            for line in section.lines] == [
        ("2026-10-01", "invoice", D("1250.00"), D("1150.00")),
        ("2026-10-15", "payment", D("-500.00"), D("650.00")),
        ("2026-10-20", "invoice", D("554.00"), D("1204.00")),
        ("2026-11-05", "credit_note", D("-250.00"), D("954.00")),
        ("2026-11-10", "fee", D("60.00"), D("1014.00")),
        ("2026-11-20", "payment", D("-500.00"), D("514.00")),
        ("2026-11-25", "payment", D("-553.00"), D("-39.00")),
        ("2026-11-26", "write_off", D("-1.00"), D("-40.00")),
        ("2026-11-30", "invoice", D("1000.00"), D("960.00")),
        ("2026-11-30", "credit_used", D("0.00"), D("960.00")),
    ]  # fmt: skip
    assert section.closing == D("960.00")
    used = section.lines[-1]
    assert (used.reference, used.info) == (books["C"].number, D("100.00"))
    assert section.lines[1].reference == books["A"].number


def test_the_open_items_add_up_to_the_closing_balance(ledger, books):
    (section,) = statement(ledger).sections

    assert [(item.kind, item.reference, item.open, item.days_overdue)
            for item in section.open_items] == [
        ("invoice", books["C"].number, D("900.00"), 0),
        ("fee", books["B"].number, D("60.00"), 0),
    ]  # fmt: skip
    assert sum(item.open for item in section.open_items) == section.closing


def test_period_edges_count_a_day_once(ledger, books):
    # Ending the day before C: C, the credit used on it, and nothing later are left out.
    (section,) = statement(ledger, end=dt.date(2026, 11, 29)).sections
    assert section.closing == D("-40.00")
    assert section.lines[-1].kind == "write_off"
    # The customer's credit is open again: it was used only on 11-30.
    assert [(i.kind, i.open) for i in section.open_items] == [
        ("fee", D("60.00")),
        ("customer_credit", D("-100.00")),
    ]

    # Starting on 11-30: everything before is the opening balance.
    (later,) = statement(ledger, start=dt.date(2026, 11, 30)).sections
    assert later.opening == D("-40.00")
    assert [line.kind for line in later.lines] == ["invoice", "credit_used"]


def test_a_part_paid_invoice_is_open_with_its_rest_and_days_late(ledger, books):
    (section,) = statement(ledger, end=dt.date(2026, 11, 10)).sections

    items = {item.reference: item for item in section.open_items if item.kind == "invoice"}
    a, b = items[books["A"].number], items[books["B"].number]
    # A: 1250 - 500 paid - 250 credited; due 10-31, so ten days late on 11-10.
    assert (a.amount, a.open, a.days_overdue) == (D("1250.00"), D("500.00"), 10)
    assert (b.open, b.days_overdue) == (D("554.00"), 0)
    assert sum(item.open for item in section.open_items) == section.closing == D("1014.00")


def test_a_payment_after_the_period_and_another_customer_stay_out(ledger, books):
    (section,) = statement(ledger, end=dt.date(2026, 12, 31)).sections
    assert section.lines[-1].kind == "payment"
    assert section.closing == D("60.00")

    (other,) = statement(ledger, number="1002").sections
    assert [line.reference for line in other.lines] == [books["other"].number]


def test_a_period_that_ends_before_it_starts_is_refused(ledger, books):
    with pytest.raises(ValidationFailed, match="before the start"):
        statement(ledger, start=END, end=START)


def test_the_pdf_says_it_in_the_customer_language(ledger, books):
    result = statement(ledger)
    with ledger.reading() as session:
        pdf = statement_pdf(session, result)

    text = flat(all_text(pdf))
    assert "Kontoutdrag" in text
    assert "Nilsson & Söner Bygg AB" in text
    assert "Ingående saldo" in text and "−100,00" in text
    assert f"Påminnelseavgift, faktura {books['B'].number}" in text
    assert f"Inbetalning, tack ({books['A'].number})" in text
    assert "Utgående saldo" in text and "960,00" in text
    assert "ÖPPNA POSTER PER 2026-11-30" in text
    assert "Summa öppna poster" in text
    # Nothing is cut short in the open items either.
    assert text.count(f"Påminnelseavgift, faktura {books['B'].number}") == 2


def test_an_english_customer_gets_an_english_statement(ledger, books):
    with ledger.reading() as session:
        result = customer_statement(session, customer_id(ledger, "1002"), START, END)
        text = flat(all_text(statement_pdf(session, result)))
    assert "Account statement" in text
    assert f"Invoice {books['other'].number}" in text
    assert "Closing balance" in text


def test_the_csv_parses_back_to_the_same_figures(ledger, books):
    rows = list(csv.DictReader(io.StringIO(statement_csv(statement(ledger)).decode("utf-8"))))

    assert rows[0]["record"] == "opening" and rows[0]["balance"] == "-100.00"
    movements = [row for row in rows if row["record"] == "movement"]
    assert len(movements) == 10
    assert sum(D(row["amount"]) for row in movements) == D("1060.00")
    closing = next(row for row in rows if row["record"] == "closing")
    assert closing["balance"] == "960.00"
    opened = [row for row in rows if row["record"] == "open_item"]
    assert [(row["kind"], row["open"]) for row in opened] == [
        ("invoice", "900.00"),
        ("fee", "60.00"),
    ]
    assert movements[-1]["credit_used"] == "100.00"


def test_the_json_keeps_amounts_as_decimal_text(ledger, books):
    data = statement_json(statement(ledger))
    (section,) = data["sections"]
    assert (section["opening_balance"], section["closing_balance"]) == ("-100.00", "960.00")
    assert section["movements"][0] == {
        "date": "2026-10-01",
        "kind": "invoice",
        "reference": books["A"].number,
        "amount": "1250.00",
        "balance": "1150.00",
    }


def test_a_long_statement_runs_over_pages_with_every_line(ledger):
    from .report_ledger import issue, line

    with ledger.writing() as session:
        numbers = [
            issue(session, "1001", f"2026-10-{day:02d}", [line("10.00", "25")]).number
            for day in range(1, 29)
            for _ in range(2)
        ]
    result = statement(ledger)
    with ledger.reading() as session:
        pdf = statement_pdf(session, result)

    pages = page_texts(pdf)
    assert len(pages) >= 2
    text = flat(" ".join(pages))
    assert all(f"Faktura {number}" in text for number in numbers)
    # The column header heads each part of each table: movements, then open items.
    assert all("SALDO" in page or "KVAR" in page for page in pages)
    assert text.count("DAGAR SEN") == len([p for p in pages if "KVAR" in p])
    assert result.sections[0].closing == D("12.50") * len(numbers)


def test_each_currency_has_its_own_section(ledger, books):
    from .report_ledger import issue, line

    with ledger.writing() as session:
        euro = issue(session, "1001", "2026-11-02", [line("100.00", "25")], currency="EUR")
    sections = statement(ledger).sections

    assert [section.currency for section in sections] == ["EUR", "SEK"]
    (line_,) = sections[0].lines
    assert (line_.reference, line_.amount, sections[0].opening) == (
        euro.number,
        D("125.00"),
        D("0.00"),
    )
    assert sections[1].closing == D("960.00")
    with ledger.reading() as session:
        text = flat(all_text(statement_pdf(session, statement(ledger))))
    # A heading per currency, each section with its own balances.
    assert text.index("EUR") < text.index(f"Faktura {euro.number}") < text.index("SEK")
    assert text.count("Utgående saldo") == 3  # the box at the top, and one per section
