"""Every camt sample parses; what it books adds up to its own balances where it has them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from finqr_desktop.banking import BankFormat, PaymentKind, read_bank_file
from finqr_desktop.domain.payment_matching import ReferenceKind

from .samples import sample_bytes, sample_params


@pytest.mark.parametrize("path", sample_params("camt"))
def test_every_sample_parses_into_one_report_per_statement_or_notification(path):
    data = path.read_bytes()
    bank_file = read_bank_file(data)

    expected = BankFormat.CAMT053 if path.name.startswith("camt053") else BankFormat.CAMT054
    assert bank_file.format is expected
    wrapper = b"<Stmt>" if expected is BankFormat.CAMT053 else b"<Ntfctn>"
    assert len(bank_file.reports) == data.count(wrapper)
    for report in bank_file.reports:
        assert report.total == sum(p.amount for p in report.payments)
        assert all(p.kind is PaymentKind.PAYMENT and p.amount > 0 for p in report.payments)


def test_the_multi_statement_balances_agree_with_what_was_read():
    # Statement 1: opening 18.15 + credit 8.85 = closing 27.00; statement 2: 27.00 - 7.00
    # (a debit, left out as money paid out) = 20.00. Both are checked by the reader.
    bank_file = read_bank_file(sample_bytes("camt", "camt053.v2.multi.statement.xml"))
    first, second = bank_file.reports

    assert first.total == Decimal("8.85")
    assert second.payments == ()
    assert [str(note) for note in bank_file.notes] == [
        "line 112: 1 entry left out: a debit (money paid out)"
    ]
    (payment,) = first.payments
    assert payment.message == "Transaction Description 1"
    assert payment.bank_reference == "000000001"
    assert payment.identity == "camt:NL26VAYB8060476890:000000001:2014-12-31:8.85"


@pytest.mark.parametrize("name", ["camt053.v2.minimal.xml", "camt053.v4.xml", "camt053.v8.xml"])
def test_the_statement_credit_with_its_structured_reference_reads_alike_in_every_version(name):
    bank_file = read_bank_file(sample_bytes("camt", name))

    (payment,) = bank_file.payments
    assert payment.amount == Decimal("8.85")
    assert payment.currency == "EUR"
    assert payment.booking_date.isoformat() == "2014-12-31"
    assert payment.value_date.isoformat() == "2015-01-02"
    assert payment.payer.name == "NAME NAME"
    assert payment.payer.account == "NL56AGDH9619008421"
    assert [(r.kind, r.value) for r in payment.references] == [
        (ReferenceKind.OCR, "4654654654654654")
    ]
    assert bank_file.sums() == {"EUR": Decimal("8.85")}


def test_v8_status_code_wrapping_and_booking_time_are_read():
    bank_file = read_bank_file(sample_bytes("camt", "camt053.v8.xml"))

    (payment,) = bank_file.payments
    assert payment.identity == "camt:NL26VAYB8060476890:AAAASESS-FP-CN_98765/01"
    assert payment.channel == "PMNT/RCDT/BOOK"
    assert any("the entry's booked amount is used" in note.text for note in bank_file.notes)


@pytest.mark.parametrize("name", ["camt054.v2.xml", "camt054.v4.xml", "camt054.v8.xml"])
def test_notifications_of_money_paid_out_give_no_payments(name):
    bank_file = read_bank_file(sample_bytes("camt", name))

    assert bank_file.payments == ()
    assert bank_file.message_id == "AAAASESS-FP-ACCR001"
    assert [note.text for note in bank_file.notes] == [
        "1 entry left out: a debit (money paid out)"
    ]
