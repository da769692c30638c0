"""The SIE export's reminder charges, refunds and odd characters, read back from the bytes:
the fee and the late-payment compensation on their own accounts and rows, a refund's
note in its text, and each text code page 437 cannot hold named in a warning."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from finqr_desktop.domain.errors import ValidationFailed
from finqr_desktop.domain.parties import Customer
from finqr_desktop.domain.sie_reader import read_sie
from finqr_desktop.services import accounts, customer_credit, customers
from finqr_desktop.services.exchange_rates import add_rate
from finqr_desktop.services.sie_export import export_sie
from finqr_desktop.storage.models import CompanyRow, CustomerRow, OutboxRow

from .report_ledger import TODAY, issue, line, pay

D = Decimal
START, END = dt.date(2026, 12, 1), dt.date(2026, 12, 31)


def send_reminder(session, invoice, day: str, fee: str, compensation: str) -> None:
    """A level-1 reminder as the outbox leaves it after sending: fee and compensation apart."""
    sent = dt.datetime.combine(dt.date.fromisoformat(day), dt.time(8))
    session.add(
        OutboxRow(
            invoice_id=invoice.id,
            kind="reminder",
            level=1,
            planned_at=sent,
            status="sent",
            sent_at=sent,
            fee_minor=int(D(fee) * 100),
            compensation_minor=int(D(compensation) * 100),
        )
    )
    session.flush()


def export(database):
    with database.reading() as session:
        return export_sie(session, START, END, today=TODAY)


def rows(verification) -> list[tuple[str, Decimal, str]]:
    return [(t.account, t.amount, t.text) for t in verification.transactions]


def test_the_fee_and_the_compensation_are_booked_apart(ledger):
    with ledger.writing() as session:
        invoice = issue(session, "1001", "2026-11-01", [line("1000.00", "25")])
        send_reminder(session, invoice, "2026-12-11", "60.00", "390.00")
    number = invoice.number

    data = export(ledger).data
    (verification,) = read_sie(data).verifications

    assert verification.text == (
        f"Påminnelseavgift och förseningsersättning {number}, Nilsson & Söner Bygg AB"
    )
    assert rows(verification) == [
        ("1510", D("450.00"), ""),
        ("3590", D("-60.00"), f"Påminnelseavgift {number}"),
        ("3990", D("-390.00"), f"Förseningsersättning {number}"),
    ]
    assert (
        f'#TRANS 3990 {{}} -390.00 20261211 "Förseningsersättning {number}"\r\n'.encode("cp437")
        in data
    )
    assert read_sie(data).accounts["3990"] == "Övriga ersättningar och intäkter"


def test_a_reminder_with_only_one_of_the_two_books_only_that(ledger):
    with ledger.writing() as session:
        first = issue(session, "1001", "2026-11-01", [line("100.00", "25")])
        second = issue(session, "1001", "2026-11-02", [line("100.00", "25")])
        send_reminder(session, first, "2026-12-10", "0.00", "450.00")
        send_reminder(session, second, "2026-12-11", "60.00", "0.00")

    compensation, fee = read_sie(export(ledger).data).verifications

    assert compensation.text.startswith(f"Förseningsersättning {first.number}, ")
    assert rows(compensation) == [
        ("1510", D("450.00"), ""),
        ("3990", D("-450.00"), f"Förseningsersättning {first.number}"),
    ]
    assert fee.text.startswith(f"Påminnelseavgift {second.number}, ")
    assert rows(fee) == [
        ("1510", D("60.00"), ""),
        ("3590", D("-60.00"), f"Påminnelseavgift {second.number}"),
    ]


def test_the_compensation_account_is_configurable_and_may_be_the_fees(ledger):
    with ledger.writing() as session:
        invoice = issue(session, "1001", "2026-11-01", [line("1000.00", "25")])
        send_reminder(session, invoice, "2026-12-11", "60.00", "390.00")
        accounts.set_accounts(session, {"late_compensation": "3591"})

    (moved,) = read_sie(export(ledger).data).verifications
    assert [(a, amount) for a, amount, _ in rows(moved)] == [
        ("1510", D("450.00")),
        ("3590", D("-60.00")),
        ("3591", D("-390.00")),
    ]

    # Fee and compensation are one family: on one account they add up to one row.
    with ledger.writing() as session:
        accounts.set_accounts(session, {"late_compensation": "3590"})
    (together,) = read_sie(export(ledger).data).verifications
    assert rows(together) == [
        ("1510", D("450.00"), ""),
        (
            "3590",
            D("-450.00"),
            f"Påminnelseavgift {invoice.number}, Förseningsersättning {invoice.number}",
        ),
    ]


def test_the_compensation_cannot_share_the_receivables_account(ledger):
    with ledger.writing() as session, pytest.raises(ValidationFailed) as refused:
        accounts.set_accounts(session, {"late_compensation": "1510"})
    assert "late_compensation: account 1510 is also the receivables account" in str(refused.value)


def test_a_foreign_reminder_values_each_part_on_its_own(ledger):
    with ledger.writing() as session:
        add_rate(session, "EUR", dt.date(2026, 11, 1), D("11.33"))
        invoice = issue(session, "1002", "2026-11-02", [line("100.00", "25")], currency="EUR")
        send_reminder(session, invoice, "2026-12-11", "5.55", "34.45")

    (verification,) = read_sie(export(ledger).data).verifications

    # 5.55 × 11.33 = 62.8815 and 34.45 × 11.33 = 390.3185, each rounded to the öre.
    assert [(a, amount) for a, amount, _ in rows(verification)] == [
        ("1510", D("453.20")),
        ("3590", D("-62.88")),
        ("3990", D("-390.32")),
    ]


def test_a_refund_carries_its_note(ledger):
    with ledger.writing() as session:
        invoice = issue(session, "1001", "2026-11-01", [line("100.00", "25")])
        pay(session, invoice, "225.00", "2026-12-01")
        customer = session.scalar(select(CustomerRow).where(CustomerRow.number == "1001"))
        customer_credit.refund_credit(
            session,
            customer.id,
            D("100.00"),
            "SEK",
            on_date=dt.date(2026, 12, 2),
            note='Återbetalt "kvitto"',
        )

    refund = read_sie(export(ledger).data).verifications[-1]
    assert refund.text == 'Återbetalning, Nilsson & Söner Bygg AB, Återbetalt "kvitto"'
    assert rows(refund) == [("2420", D("100.00"), ""), ("1930", D("-100.00"), "")]


def test_texts_code_page_437_lacks_are_spelled_and_named(ledger):
    name = 'Łódź – "Q" € Ærø'
    with ledger.writing() as session:
        session.scalar(select(CompanyRow)).legal_name = "Bolag – “Citat” \\ AB"
        customers.add_customer(session, Customer(number="3001", name=name))
        invoice = issue(session, "3001", "2026-12-05", [line("100.00", "25")])

    made = export(ledger)

    assert '#FNAMN "Bolag - \\"Citat\\" \\\\ AB"\r\n'.encode("cp437") in made.data
    document = read_sie(made.data)
    assert document.first("#FNAMN") == ['Bolag - "Citat" \\ AB']
    assert document.verifications[0].text == f'Faktura {invoice.number}, Lódz - "Q" EUR Æro'
    assert b"?" not in made.data
    assert made.warnings == (
        'the company name: "Bolag – “Citat” \\ AB" is written as "Bolag - "Citat" \\ AB": '
        "the SIE file's code page 437 lacks some of its characters",
        f'verification A1: "Faktura {invoice.number}, {name}" is written as '
        f'"Faktura {invoice.number}, Lódz - "Q" EUR Æro": the SIE file\'s code page 437 '
        "lacks some of its characters",
    )
