"""camt payments in another currency than their invoice, imported into a real ledger: the
bank's rate from the file converts them, and without a usable rate they wait, saying why.
Last, the ledger's lookups for invoice numbers written loosely."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from finqr_desktop.domain.money import from_minor
from finqr_desktop.services.bank_import import preview_import
from finqr_desktop.storage.models import CustomerCreditRow, PaymentAllocationRow, PaymentRow

from ..banking.camt_builder import Fx, Ntry, Tx, camt
from .test_bank_import import commit, overdue, paid_minor

D = Decimal


def _file(invoice, booked: str, fx: list[Fx], *, version: int = 8) -> bytes:
    entry = Ntry(booked, transactions=[Tx(ocr=invoice.ocr, amount_details=fx)])
    return camt([entry], version=version)


def test_a_eur_invoice_paid_from_a_sek_credited_entry_is_converted_at_the_banks_rate(ledger):
    invoice = overdue(ledger, currency="EUR")
    due = from_minor(invoice.total_minor, "EUR")
    # The payer ordered the invoice's amount in EUR; the bank credited SEK at 10.00.
    data = _file(invoice, str(due * 10), [Fx(amount=str(due), rate="10.00")])

    with ledger.reading() as session:
        (shown,) = preview_import(session, data).lines
    assert shown.outcome == "matched"
    assert (shown.rate, shown.converted, shown.converted_currency) == (D("0.1"), due, "EUR")
    assert shown.difference == D("0.00")
    assert "at the bank's rate (1 EUR = 10.00 SEK)" in shown.reason

    (line,) = commit(ledger, data).lines
    assert line == shown
    assert paid_minor(ledger, invoice.id) == invoice.total_minor
    with ledger.reading() as session:
        payment = session.scalar(select(PaymentRow))
        assert (payment.currency, payment.amount_minor) == ("SEK", invoice.total_minor * 10)
        assert (payment.rate, payment.converted_currency) == (D("0.1"), "EUR")
        assert (payment.converted_minor, payment.unallocated_minor) == (invoice.total_minor, 0)
        allocation = session.scalar(select(PaymentAllocationRow))
        assert allocation.amount_minor == invoice.total_minor


def test_less_than_was_due_after_conversion_leaves_the_rest_and_shows_the_difference(ledger):
    invoice = overdue(ledger, currency="EUR")
    # Version 2, the rate given on the booked SEK amount itself (no instructed amount).
    fx = Fx(kind="TxAmt", amount="100000.00", currency="SEK", rate="11.50")
    data = _file(invoice, "100000.00", [fx], version=2)

    (line,) = commit(ledger, data).lines

    # 100 000 SEK at 0.0869565217391 EUR per SEK.
    assert (line.rate, line.converted) == (D("0.0869565217391"), D("8695.65"))
    assert line.difference == D("8695.65") - from_minor(invoice.total_minor, "EUR")
    assert [(a.amount, a.currency) for a in line.allocations] == [(D("8695.65"), "EUR")]
    assert paid_minor(ledger, invoice.id) == 869565
    with ledger.reading() as session:
        payment = session.scalar(select(PaymentRow))
        assert (payment.converted_minor, payment.unallocated_minor) == (869565, 0)


def test_more_than_was_due_after_conversion_becomes_credit_in_the_invoices_currency(ledger):
    invoice = overdue(ledger, currency="EUR")
    booked = from_minor(invoice.total_minor, "EUR") * 10 + D("500.00")  # 50 EUR too much
    fx = Fx(kind="TxAmt", amount=str(booked), currency="SEK", rate="10")
    data = _file(invoice, str(booked), [fx])

    (line,) = commit(ledger, data).lines

    assert (line.to_credit, line.difference) == (D("50.00"), D("50.00"))
    assert paid_minor(ledger, invoice.id) == invoice.total_minor
    with ledger.reading() as session:
        credit = session.scalar(select(CustomerCreditRow))
        assert (credit.currency, credit.amount_minor) == ("EUR", 5000)
        assert session.scalar(select(PaymentRow.unallocated_minor)) == 0


def test_without_a_rate_in_the_file_the_payment_waits_and_says_why(ledger):
    invoice = overdue(ledger, currency="EUR")
    data = _file(invoice, "1150.00", [Fx(source=None, target=None, rate=None)])

    (line,) = commit(ledger, data).lines

    assert line.outcome == "flagged" and line.converted is None
    assert (
        "the payment in SEK: the file gives no exchange rate (the payer ordered 100.00 EUR); "
        "place it by hand with the rate" in line.reason
    )
    assert [s.invoice_id for s in line.suggestions] == [invoice.id]
    assert paid_minor(ledger, invoice.id) == 0
    with ledger.reading() as session:
        payment = session.scalar(select(PaymentRow))
        assert (payment.rate, payment.converted_minor) == (None, None)
        assert payment.unallocated_minor == 115000


def test_a_rate_the_file_gives_wrongly_is_not_used_and_the_line_says_so(ledger):
    invoice = overdue(ledger, currency="EUR")
    # Written the wrong way round for the amounts: 100 EUR would be 8.70 SEK.
    data = _file(invoice, "1150.00", [Fx(rate="0.0869565")])

    with ledger.reading() as session:
        preview = preview_import(session, data)

    (line,) = preview.lines
    assert line.outcome == "flagged"
    assert "the file's exchange rate is not used (the rate 1 EUR = 0.0869565 SEK" in line.reason
    assert any("the rate is not used" in warning for warning in preview.warnings)


def test_a_rate_between_other_currencies_is_never_chained(ledger):
    invoice = overdue(ledger, currency="EUR")
    fx = Fx(amount="110.00", currency="USD", source="USD", rate="10.4545")
    data = _file(invoice, "1150.00", [fx])

    (line,) = commit(ledger, data).lines

    assert line.outcome == "flagged"
    assert "the file's rate (1 USD = 10.4545 SEK) is not between these two currencies" in (
        line.reason
    )
    assert paid_minor(ledger, invoice.id) == 0


def test_a_sek_invoice_paid_in_sek_after_a_eur_instruction_needs_no_rate(ledger):
    invoice = overdue(ledger)
    booked = str(from_minor(invoice.total_minor, "SEK"))
    data = _file(invoice, booked, [Fx(amount="100.00", rate=None, source=None, target=None)])

    (line,) = commit(ledger, data).lines

    assert line.outcome == "matched" and line.converted is None and line.rate is None
    assert paid_minor(ledger, invoice.id) == invoice.total_minor


# The ledger's lookups read invoice numbers loosely too (domain.payment_matching, rule 2).


def test_an_invoice_number_written_without_its_zeros_matches_an_open_invoice(ledger):
    invoice = overdue(ledger)
    year, serial = invoice.number.split("-")
    loose = f"Faktura {year}-{int(serial)}"
    assert loose != f"Faktura {invoice.number}"
    entry = Ntry("100.00", transactions=[Tx(message=loose)])

    (line,) = commit(ledger, camt([entry])).lines

    assert line.outcome == "matched"
    assert f"read as {invoice.number}" in line.reason
    assert paid_minor(ledger, invoice.id) == 10000
