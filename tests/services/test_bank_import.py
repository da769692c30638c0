"""Bank files imported into a real ledger: matched, suggested, flagged, never twice, and
all or nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from finqr_desktop.banking import BankFileError, read_bank_file
from finqr_desktop.domain.errors import RuleViolation
from finqr_desktop.services import outbox
from finqr_desktop.services.bank_import import import_bank_file, preview_import
from finqr_desktop.services.payments_unmatched import suggestions_for
from finqr_desktop.services.reminder_queue import queue
from finqr_desktop.storage.models import (
    BankImportRow,
    CustomerCreditRow,
    InvoiceRow,
    OutboxRow,
    PaymentAllocationRow,
    PaymentRow,
)

from ..banking.bgmax_builder import Payment, bgmax_file, information, name
from ..banking.samples import sample_params
from .helpers import issue_new

TODAY = dt.date(2026, 12, 4)
TABLES = (BankImportRow, PaymentRow, PaymentAllocationRow, CustomerCreditRow)


def overdue(database, **overrides) -> InvoiceRow:
    """An invoice issued in September, due in October; returned detached with its values."""
    number = issue_new(database, issue_date="2026-09-01", **overrides)
    with database.writing() as session:
        record = session.scalar(select(InvoiceRow).where(InvoiceRow.number == number))
        record.due_date = dt.date(2026, 10, 15)
        session.flush()
        session.expunge(record)
        return record


def counts(database) -> dict[str, int]:
    with database.reading() as session:
        return {
            table.__tablename__: session.scalar(select(func.count()).select_from(table))
            for table in TABLES
        }


def paid_minor(database, invoice_id: int) -> int:
    with database.reading() as session:
        return session.scalar(select(InvoiceRow.paid_minor).where(InvoiceRow.id == invoice_id))


def commit(database, data: bytes, **options):
    with database.writing() as session:
        return import_bank_file(session, data, "file.txt", **options)


@pytest.mark.parametrize("path", sample_params("bgmax") + sample_params("camt"))
def test_every_sample_file_imports_with_its_own_totals(ledger, path):
    data = path.read_bytes()
    bank_file = read_bank_file(data)
    done = commit(ledger, data, allow_test=True)

    assert len(done.lines) == len(bank_file.payments)
    assert done.sums == {c: str(total) for c, total in bank_file.sums().items()}
    with ledger.reading() as session:
        stored = session.scalar(select(func.count()).select_from(PaymentRow))
        assert stored == len(bank_file.payments)
        record = session.get(BankImportRow, done.import_id)
        assert record.sums == done.sums and record.payment_count == stored
        total = session.scalar(select(func.sum(PaymentRow.amount_minor)))
    if len(bank_file.sums()) == 1:
        (currency_total,) = bank_file.sums().values()
        assert Decimal(total or 0) / 100 == currency_total


def test_an_ocr_reference_matches_and_the_invoice_leaves_the_reminder_queue(ledger):
    invoice = overdue(ledger)
    with ledger.writing() as session:
        items = [i for i in queue(session, TODAY) if i.invoice_id == invoice.id]
        assert items
        outbox.approve(session, items)
    spaced = " ".join([invoice.ocr[:4], invoice.ocr[4:]])
    data = bgmax_file([Payment(invoice.total_minor, reference=spaced.replace(" ", ""))])

    with ledger.reading() as session:
        (line,) = preview_import(session, data).lines
    assert line.outcome == "matched" and "OCR" in line.reason
    assert counts(ledger)["payment"] == 0

    done = commit(ledger, data)
    assert done.count("matched") == 1
    assert paid_minor(ledger, invoice.id) == invoice.total_minor
    with ledger.reading() as session:
        # The bulk write moves the optimistic-lock version, as an ORM update would.
        version = session.scalar(select(InvoiceRow.version).where(InvoiceRow.id == invoice.id))
    assert version > invoice.version
    with ledger.reading() as session:
        assert [i for i in queue(session, TODAY) if i.invoice_id == invoice.id] == []
        row = session.scalar(select(OutboxRow))
        assert (row.status, row.skip_reason) == ("cancelled", "paid")


def test_a_wrong_check_digit_is_flagged_and_nothing_is_booked(ledger):
    invoice = overdue(ledger)
    wrong = invoice.ocr[:-1] + str((int(invoice.ocr[-1]) + 1) % 10)
    data = bgmax_file([Payment(invoice.total_minor, reference=wrong)])
    done = commit(ledger, data)

    (line,) = done.lines
    assert line.outcome == "flagged" and "check digit" in line.reason
    assert paid_minor(ledger, invoice.id) == 0
    with ledger.reading() as session:
        payment = session.scalar(select(PaymentRow))
        assert payment.unallocated_minor == invoice.total_minor
        assert "check digit" in payment.note


def test_an_invoice_number_in_the_message_matches(ledger):
    invoice = overdue(ledger)
    payment = Payment(
        50000,
        reference="",
        reference_code="1",
        details=[information(f"Betalning faktura {invoice.number}")],
    )
    done = commit(ledger, bgmax_file([payment]))

    (line,) = done.lines
    assert line.outcome == "matched" and "message" in line.reason
    assert paid_minor(ledger, invoice.id) == 50000


def test_amount_and_payer_are_only_suggested(ledger):
    invoice = overdue(ledger)
    payment = Payment(
        invoice.total_minor,
        reference="",
        reference_code="1",
        details=[name("NILSSON & SÖNER BYGG")],
    )
    done = commit(ledger, bgmax_file([payment]))

    (line,) = done.lines
    assert line.outcome == "suggested"
    assert [(s.invoice_id, s.reasons) for s in line.suggestions] == [
        (invoice.id, ("amount", "payer"))
    ]
    assert paid_minor(ledger, invoice.id) == 0
    with ledger.reading() as session:
        payment_id = session.scalar(select(PaymentRow.id))
        again = suggestions_for(session, payment_id)
    assert [(s.invoice_number, s.reasons) for s in again] == [
        (invoice.number, ("amount", "payer"))
    ]


def test_an_overpayment_in_a_file_becomes_credit(ledger):
    invoice = overdue(ledger)
    done = commit(
        ledger, bgmax_file([Payment(invoice.total_minor + 10000, reference=invoice.ocr)])
    )

    (line,) = done.lines
    assert line.to_credit == Decimal("100.00")
    with ledger.reading() as session:
        credit = session.scalar(select(CustomerCreditRow))
        assert (credit.customer_id, credit.amount_minor) == (invoice.customer_id, 10000)


def test_two_payments_of_one_file_for_one_invoice_see_each_other(ledger):
    invoice = overdue(ledger)
    half = invoice.total_minor // 2
    rest = invoice.total_minor - half
    data = bgmax_file(
        [
            Payment(half, reference=invoice.ocr),
            Payment(rest + 500, reference=invoice.ocr),
        ]
    )
    with ledger.reading() as session:
        shown = preview_import(session, data).lines
    done = commit(ledger, data)
    assert [line.to_credit for line in shown] == [0, Decimal("5.00")]
    assert [line.to_credit for line in done.lines] == [0, Decimal("5.00")]
    assert paid_minor(ledger, invoice.id) == invoice.total_minor


def test_a_deduction_waits_for_the_clerk(ledger):
    invoice = overdue(ledger)
    data = bgmax_file(
        [
            Payment(invoice.total_minor, reference=invoice.ocr),
            Payment(2000, reference=invoice.ocr, code="21"),
        ]
    )
    done = commit(ledger, data)

    assert [line.outcome for line in done.lines] == ["matched", "flagged"]
    assert "deduction" in done.lines[1].reason
    assert paid_minor(ledger, invoice.id) == invoice.total_minor
    with ledger.reading() as session:
        waiting = session.scalars(select(PaymentRow).where(PaymentRow.unallocated_minor != 0))
        assert [p.amount_minor for p in waiting] == [-2000]


def test_the_same_file_twice_registers_nothing_the_second_time(ledger):
    invoice = overdue(ledger)
    data = bgmax_file([Payment(10000, reference=invoice.ocr)])
    commit(ledger, data)
    before = counts(ledger)

    with pytest.raises(RuleViolation, match="imported on"):
        commit(ledger, data)
    assert counts(ledger) == before
    with ledger.reading() as session:
        assert preview_import(session, data).already_imported is not None
    assert paid_minor(ledger, invoice.id) == 10000


def test_the_same_transaction_in_another_file_is_a_duplicate(ledger):
    invoice = overdue(ledger)
    first = bgmax_file([Payment(10000, reference=invoice.ocr)])
    again = bgmax_file([Payment(10000, reference=invoice.ocr)], line_end="\n")
    assert first != again
    commit(ledger, first)
    done = commit(ledger, again)

    assert [line.outcome for line in done.lines] == ["duplicate"]
    assert counts(ledger)["payment"] == 1
    assert paid_minor(ledger, invoice.id) == 10000


@pytest.mark.parametrize("damage", ["truncated", "does_not_add_up", "garbage"])
def test_a_broken_file_is_rejected_with_nothing_written(ledger, damage):
    invoice = overdue(ledger)
    good = bgmax_file([Payment(10000, reference=invoice.ocr), Payment(500, reference="")])
    lines = good.split(b"\r\n")
    if damage == "truncated":
        data = b"\r\n".join(lines[:-3])
    elif damage == "does_not_add_up":
        data = good.replace(b"000000000000010000", b"000000000000010001", 1)
    else:
        data = b"hello, not a bank file"
    before = counts(ledger)

    with pytest.raises(BankFileError) as caught:
        commit(ledger, data)
    assert str(caught.value)
    if damage != "garbage":
        assert caught.value.line is not None or "line" in str(caught.value)
    assert counts(ledger) == before
    assert paid_minor(ledger, invoice.id) == 0


def test_a_test_file_needs_to_be_allowed(ledger):
    from ..banking.bgmax_builder import deposit, end, opening, start, transaction

    lines = [start("T"), opening(), transaction("20", 100), deposit(100, 1), end(1, 0, 0, 1)]
    data = ("\r\n".join(lines) + "\r\n").encode("iso-8859-1")
    with ledger.reading() as session:
        assert any("test file" in w for w in preview_import(session, data).warnings)
    with pytest.raises(RuleViolation, match="test file"):
        commit(ledger, data)
    assert counts(ledger)["payment"] == 0
    commit(ledger, data, allow_test=True)
    assert counts(ledger)["payment"] == 1


def test_progress_is_reported_up_to_the_end(ledger):
    seen = []
    data = bgmax_file([Payment(100 + n) for n in range(30)])
    commit(ledger, data, progress=seen.append)
    assert seen and seen[-1] == pytest.approx(1.0)
    assert seen == sorted(seen)


def test_a_file_for_another_bankgiro_is_shown_with_a_warning(ledger):
    invoice = overdue(ledger)
    payment = Payment(invoice.total_minor, reference=invoice.ocr)
    with ledger.reading() as session:
        theirs = preview_import(session, bgmax_file([payment], bankgiro="9912346"))
        ours = preview_import(session, bgmax_file([payment], bankgiro="54029681"))
    (warning,) = [w for w in theirs.warnings if "not the company's" in w]
    assert "for Bankgiro 991-2346, not the company's 5402-9681" in warning
    assert not [w for w in ours.warnings if "not the company's" in w]


def test_a_second_payment_of_a_paid_invoice_is_flagged_not_credited_in_silence(ledger):
    invoice = overdue(ledger)
    first = Payment(invoice.total_minor, reference=invoice.ocr, serial="000000000001")
    commit(ledger, bgmax_file([first], bankgiro="54029681"))
    assert paid_minor(ledger, invoice.id) == invoice.total_minor

    again = Payment(invoice.total_minor, reference=invoice.ocr, serial="000000000002")
    done = commit(ledger, bgmax_file([again], bankgiro="54029681"))
    (line,) = done.lines
    assert line.outcome == "flagged" and "already paid: possibly paid twice" in line.reason
    assert line.to_credit == 0 and line.allocations == ()
    assert counts(ledger)["customer_credit"] == 0
    with ledger.reading() as session:
        waiting = session.scalars(select(PaymentRow.unallocated_minor)).all()
    assert sorted(waiting) == [0, invoice.total_minor]
