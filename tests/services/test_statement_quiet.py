"""Statement corners: a period with nothing in it still has its opening and closing
balance (in JSON, CSV and PDF), and a refund shows the clerk's note as its reference."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

from sqlalchemy import select

from finqr_desktop.services import customer_credit
from finqr_desktop.services.statement import customer_statement
from finqr_desktop.services.statement_files import statement_csv, statement_json, statement_pdf
from finqr_desktop.storage.models import CompanyRow, CustomerRow

from ..documents.reading import all_text, flat
from .report_ledger import customer_id, issue, line, pay

D = Decimal
FEBRUARY = (dt.date(2026, 2, 1), dt.date(2026, 2, 28))


def statement(database, start, end, number="1001"):
    with database.reading() as session:
        return customer_statement(session, customer_id(database, number), start, end)


def test_a_quiet_period_has_zero_opening_and_closing_rows(ledger):
    with ledger.writing() as session:
        # Issued and paid in full before the period: nothing owed at either end.
        invoice = issue(session, "1001", "2025-12-31", [line("1000.00", "25")])
        pay(session, invoice, "1250.00", "2026-01-15")

    result = statement(ledger, *FEBRUARY)

    assert statement_json(result)["sections"] == [
        {
            "currency": "SEK",
            "opening_balance": "0.00",
            "closing_balance": "0.00",
            "movements": [],
            "open_items": [],
        }
    ]
    rows = list(csv.DictReader(io.StringIO(statement_csv(result).decode("utf-8"))))
    assert [(r["record"], r["currency"], r["date"], r["balance"]) for r in rows] == [
        ("opening", "SEK", "2026-02-01", "0.00"),
        ("closing", "SEK", "2026-02-28", "0.00"),
    ]
    with ledger.reading() as session:
        text = flat(all_text(statement_pdf(session, result)))
    assert "Ingående saldo" in text and "Utgående saldo" in text
    assert "Inga händelser under perioden" in text


def test_a_customer_without_any_history_gets_its_own_currency(ledger):
    with ledger.writing() as session:
        customer = session.scalar(select(CustomerRow).where(CustomerRow.number == "1002"))
        customer.currency = "EUR"
    (section,) = statement(ledger, *FEBRUARY, number="1002").sections
    assert (section.currency, section.opening, section.closing) == ("EUR", D("0.00"), D("0.00"))
    assert section.lines == () and section.open_items == ()


def test_a_customer_without_a_currency_gets_the_companys(ledger):
    with ledger.writing() as session:
        session.scalar(select(CustomerRow).where(CustomerRow.number == "1002")).currency = ""
        assert session.scalar(select(CompanyRow)).currency == "SEK"
    (section,) = statement(ledger, *FEBRUARY, number="1002").sections
    assert (section.currency, section.closing) == ("SEK", D("0.00"))


def test_a_period_with_movements_keeps_only_its_own_currencies(ledger):
    with ledger.writing() as session:
        issue(session, "1001", "2026-02-10", [line("100.00", "25")], currency="EUR")
    sections = statement(ledger, *FEBRUARY).sections
    # No empty SEK section beside the EUR one the period has.
    assert [(s.currency, s.closing) for s in sections] == [("EUR", D("125.00"))]


def test_a_refund_shows_its_note_as_its_reference(ledger):
    with ledger.writing() as session:
        invoice = issue(session, "1001", "2026-02-02", [line("100.00", "25")])
        pay(session, invoice, "225.00", "2026-02-05")
        customer_credit.refund_credit(
            session,
            customer_id(ledger),
            D("100.00"),
            "SEK",
            on_date=dt.date(2026, 2, 9),
            note='Återbetalt "kvitto"',
        )

    result = statement(ledger, *FEBRUARY)

    refund = statement_json(result)["sections"][0]["movements"][-1]
    assert refund == {
        "date": "2026-02-09",
        "kind": "refund",
        "reference": 'Återbetalt "kvitto"',
        "amount": "100.00",
        "balance": "0.00",
    }
    rows = list(csv.DictReader(io.StringIO(statement_csv(result).decode("utf-8"))))
    assert [r["reference"] for r in rows if r["kind"] == "refund"] == ['Återbetalt "kvitto"']
    with ledger.reading() as session:
        text = flat(all_text(statement_pdf(session, result)))
    assert 'Tillgodohavande återbetalt (Återbetalt "kvitto")' in text
