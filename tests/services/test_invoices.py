"""Issuing, immutability, credit notes and the invoice's JSON view, on a real database."""

import datetime as dt
from decimal import Decimal as D

import pytest
from sqlalchemy import func, select

from finqr_desktop.domain.errors import RuleViolation, ValidationFailed
from finqr_desktop.domain.invoice import DraftLine
from finqr_desktop.domain.vat import SWEDEN
from finqr_desktop.services import credits, invoices
from finqr_desktop.services.invoice_input import draft_from_data
from finqr_desktop.services.invoice_views import invoice_json
from finqr_desktop.storage.models import CustomerRow, InvoiceRow

from .helpers import create_draft, draft_data, issue_new

TODAY = dt.date(2026, 12, 4)


def show(database, number, today=TODAY) -> dict:
    with database.reading() as session:
        return invoice_json(invoices.get_by_number(session, number), today)


def test_issue_assigns_number_ocr_due_date_and_totals(ledger):
    number = issue_new(ledger)
    shown = show(ledger, number)
    assert number == "2026-0001"
    assert shown["ocr"] == "2026000105"  # 20260001, length digit 0, Luhn check digit 5
    assert shown["status"] == "unpaid"
    assert shown["due_date"] == "2027-01-03"  # customer terms: 30 days net
    # 10 × 950.00 at 25 %; 3 × 45.50 less 10 % = 122.85 at 12 %
    assert shown["net_total"] == "9622.85"
    assert shown["vat_by_rate"] == [
        {
            "vat_rate": "25",
            "percent": "25",
            "category": "S",
            "net": "9500.00",
            "vat": "2375.00",
            "note": "",
        },
        {
            "vat_rate": "12",
            "percent": "12",
            "category": "S",
            "net": "122.85",
            "vat": "14.74",
            "note": "",
        },
    ]
    assert shown["vat_total"] == "2389.74"
    assert shown["total"] == shown["remaining"] == "12012.59"
    assert shown["rounding"] == "0.00"


def test_drafts_never_consume_numbers(ledger):
    for _ in range(3):
        create_draft(ledger)
    assert issue_new(ledger) == "2026-0001"
    assert issue_new(ledger) == "2026-0002"
    with ledger.reading() as session:
        drafts = session.scalar(select(func.count()).where(InvoiceRow.is_draft))
    assert drafts == 3


def test_numbering_restarts_each_year(ledger):
    assert issue_new(ledger, issue_date="2026-12-31") == "2026-0001"
    assert issue_new(ledger, issue_date="2027-01-01") == "2027-0001"
    assert issue_new(ledger, issue_date="2026-12-31") == "2026-0002"


def test_an_issued_invoice_cannot_change(ledger):
    number = issue_new(ledger)
    with ledger.writing() as session:
        record = invoices.get_by_number(session, number)
        draft, _ = draft_from_data(session, draft_data())
        with pytest.raises(RuleViolation, match="credit it instead"):
            invoices.save_draft(session, draft, invoice_id=record.id)
        with pytest.raises(RuleViolation):
            invoices.issue_invoice(session, record.id)


def test_bad_draft_names_every_field(ledger):
    data = draft_data()
    data["lines"][0]["quantity"] = "abc"
    data["lines"][1]["vat_rate"] = "19"
    data["customer"] = "9999"
    with ledger.writing() as session, pytest.raises(ValidationFailed) as caught:
        draft_from_data(session, data)
    fields = {p.field for p in caught.value.problems}
    assert fields == {"customer", "lines[0].quantity", "lines[1].vat_rate"}


def test_float_amounts_are_refused(ledger):
    data = draft_data()
    data["lines"][0]["unit_price"] = 0.1
    with ledger.writing() as session, pytest.raises(ValidationFailed, match="floats"):
        draft_from_data(session, data)


def test_issue_refuses_an_empty_invoice(ledger):
    invoice_id = create_draft(ledger, lines=[])
    with ledger.writing() as session, pytest.raises(ValidationFailed, match="at least one line"):
        invoices.issue_invoice(session, invoice_id)
    with ledger.reading() as session:
        assert session.get(InvoiceRow, invoice_id).number is None


def test_full_credit_note_mirrors_and_credits_the_invoice(ledger):
    number = issue_new(ledger, round_to_whole=True, invoice_discount="100.00")
    with ledger.writing() as session:
        original = invoices.get_by_number(session, number)
        credit = credits.credit_invoice(session, original.id, issue_date=TODAY)
        credit_number = credit.number
    invoice = show(ledger, number)
    note = show(ledger, credit_number)
    assert credit_number == "2026-0002"
    assert note["credits"] == number
    assert note["status"] == "credit_note"
    for key in ("net_total", "vat_total", "rounding", "total", "invoice_discount"):
        assert D(note[key]) == -D(invoice[key]), key
    assert invoice["status"] == "credited"
    assert invoice["remaining"] == "0.00"


def test_partial_credits_never_exceed_what_is_left(ledger):
    number = issue_new(ledger)
    rate = SWEDEN.lookup("25", TODAY)
    with ledger.writing() as session:
        original_id = invoices.get_by_number(session, number).id
        credits.credit_invoice(
            session,
            original_id,
            lines=[DraftLine("Fel antal timmar", D(2), D("950.00"), rate)],
            issue_date=TODAY,
        )
    assert show(ledger, number)["remaining"] == "9637.59"  # 12012.59 − 2 × 950 × 1.25
    too_much = [DraftLine("Resten och lite till", D(9), D("950.00"), rate)]
    with ledger.writing() as session, pytest.raises(ValidationFailed, match="left to credit"):
        credits.credit_invoice(session, original_id, lines=too_much, issue_date=TODAY)
    assert show(ledger, number)["remaining"] == "9637.59"


def test_drafts_cannot_be_credited(ledger):
    invoice_id = create_draft(ledger)
    with ledger.writing() as session, pytest.raises(RuleViolation):
        credits.credit_invoice(session, invoice_id)


def test_second_save_of_a_stale_draft_is_a_conflict(ledger):
    invoice_id = create_draft(ledger)
    with ledger.reading() as session:
        loaded_version = session.get(InvoiceRow, invoice_id).version
    with ledger.writing() as session:
        # The first clerk saves exactly what was there: that still counts as a change.
        draft, _ = draft_from_data(session, draft_data())
        invoices.save_draft(session, draft, invoice_id=invoice_id, expected_version=loaded_version)
    with ledger.writing() as session, pytest.raises(invoices.ConflictError):
        draft, _ = draft_from_data(session, draft_data(notes="second clerk"))
        invoices.save_draft(session, draft, invoice_id=invoice_id, expected_version=loaded_version)
    with ledger.reading() as session:
        assert session.get(InvoiceRow, invoice_id).notes == ""


def test_overdue_is_derived_from_the_date(ledger):
    number = issue_new(ledger)
    assert show(ledger, number, today=dt.date(2027, 1, 3))["status"] == "unpaid"
    assert show(ledger, number, today=dt.date(2027, 1, 4))["status"] == "overdue"


def test_buyer_is_frozen_at_issue(ledger):
    from finqr_desktop.services import customers

    number = issue_new(ledger)
    with ledger.writing() as session:
        record = customers.find_customer(session, "1001")
        changed = customers.to_domain(record)
        changed.name = "Nytt Namn AB"
        customers.update_customer(session, record.id, changed)
    assert show(ledger, number)["customer_name"] == "Nilsson & Söner Bygg AB"


REVERSE_CHARGE_LINES = [
    {
        "description": "Rivning",
        "quantity": "8",
        "unit": "h",
        "unit_price": "600.00",
        "vat_rate": "reverse_charge",
    }
]


def _give_vat_number(ledger, number: str, vat_number: str) -> None:
    with ledger.writing() as session:
        session.scalar(
            select(CustomerRow).where(CustomerRow.number == number)
        ).vat_number = vat_number


def test_reverse_charge_needs_the_buyers_vat_number(ledger):
    draft_id = create_draft(ledger, lines=REVERSE_CHARGE_LINES)
    with pytest.raises(ValidationFailed) as caught, ledger.writing() as session:
        invoices.issue_invoice(session, draft_id)
    (problem,) = caught.value.problems
    assert problem.field == "customer"
    assert "line 1 is reverse charge" in problem.message and "customer 1001" in problem.message
    with ledger.reading() as session:
        assert session.get(InvoiceRow, draft_id).is_draft


def test_reverse_charge_carries_its_mandatory_note_in_the_buyers_language(ledger):
    _give_vat_number(ledger, "1001", "SE556036079301")
    number = issue_new(ledger, lines=REVERSE_CHARGE_LINES)
    shown = show(ledger, number)
    assert shown["vat_by_rate"] == [
        {
            "vat_rate": "reverse_charge",
            "percent": "0",
            "category": "AE",
            "net": "4800.00",
            "vat": "0.00",
            "note": "Omvänd betalningsskyldighet",
        }
    ]
    assert shown["total"] == "4800.00"


def test_a_partial_credit_of_a_rounded_invoice_takes_off_exactly_its_lines(ledger):
    number = issue_new(ledger, round_to_whole=True)
    rate = SWEDEN.lookup("12", TODAY)
    with ledger.writing() as session:
        original = invoices.get_by_number(session, number)
        credit = credits.credit_invoice(
            session,
            original.id,
            lines=[DraftLine("Kaffebröd", D(1), D("45.50"), rate)],
            issue_date=TODAY,
        )
        credit_number = credit.number
    note = show(ledger, credit_number)
    assert (note["total"], note["rounding"]) == ("-50.96", "0.00")  # 45.50 + 5.46, not 51


def test_a_credit_reverses_only_vat_the_invoice_charged(ledger):
    number = issue_new(ledger)  # 9500.00 at 25 %, 122.85 at 12 %
    with ledger.writing() as session:
        original_id = invoices.get_by_number(session, number).id
    never_invoiced = [DraftLine("Annat", D(1), D("100.00"), SWEDEN.lookup("6", TODAY))]
    with ledger.writing() as session, pytest.raises(ValidationFailed) as caught:
        credits.credit_invoice(session, original_id, lines=never_invoiced, issue_date=TODAY)
    assert str(caught.value) == "lines[0].vat_rate: the invoice has no 6 % lines to credit"

    # Under the invoice total, but more 12 % sales than the invoice had.
    too_much_food = [DraftLine("Kaffebröd", D(5), D("45.50"), SWEDEN.lookup("12", TODAY))]
    with ledger.writing() as session, pytest.raises(ValidationFailed, match="122.85"):
        credits.credit_invoice(session, original_id, lines=too_much_food, issue_date=TODAY)
    assert show(ledger, number)["credited"] == "0.00"


def test_crediting_the_rest_after_a_partial_credit_clears_a_rounded_invoice(ledger):
    number = issue_new(ledger, round_to_whole=True)  # 12012.59 rounds to 12013.00
    rate = SWEDEN.lookup("25", TODAY)
    with ledger.writing() as session:
        original_id = invoices.get_by_number(session, number).id
        credits.credit_invoice(
            session, original_id, lines=[DraftLine("Timmar", D(2), D("950.00"), rate)],
            issue_date=TODAY,
        )  # fmt: skip
        rest = credits.credit_invoice(session, original_id, issue_date=TODAY)
        rest_number = rest.number
    assert show(ledger, number)["status"] == "credited"
    note = show(ledger, rest_number)
    # 12013.00 − 2375.00 = 9638.00 left; 7600.00 + 1900.00 at 25 %, 122.85 + 14.74 at 12 %
    assert note["total"] == "-9638.00"
    assert note["rounding"] == "-0.41"
    assert [(g["vat_rate"], g["net"]) for g in note["vat_by_rate"]] == [
        ("25", "-7600.00"),
        ("12", "-122.85"),
    ]
    with ledger.writing() as session, pytest.raises(RuleViolation, match="fully credited"):
        credits.credit_invoice(session, original_id, issue_date=TODAY)
