"""Every BgMax sample parses, and what was read adds up to the file's own trailer figures."""

from __future__ import annotations

from decimal import Decimal

import pytest

from finqr_desktop.banking import BankFileError, BankFormat, PaymentKind, read_bank_file
from finqr_desktop.domain.payment_matching import (
    Flagged,
    InvoiceLookups,
    Matched,
    OpenInvoice,
    ReferenceKind,
    match_payment,
)

from .samples import sample_bytes, sample_params


def _trailer_figures(data: bytes) -> tuple[list[Decimal], list[int], tuple[int, ...]]:
    """Deposit amounts and counts (TK15) and the end record's counts (TK70), read with
    nothing but slicing, independently of the reader under test."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("iso-8859-1")
    lines = (
        text.splitlines() if "\n" in text else [text[i : i + 80] for i in range(0, len(text), 80)]
    )
    deposits = [line for line in lines if line.startswith("15")]
    (end,) = [line for line in lines if line.startswith("70")]
    amounts = [Decimal(int(line[50:68])) / 100 for line in deposits]
    counts = [int(line[71:79]) for line in deposits]
    return amounts, counts, tuple(int(end[i : i + 8]) for i in (2, 10, 18, 26))


@pytest.mark.parametrize("path", sample_params("bgmax"))
def test_every_sample_parses_and_adds_up_to_its_trailers(path):
    data = path.read_bytes()
    bank_file = read_bank_file(data)
    amounts, counts, (payments, deductions, _extras, deposit_count) = _trailer_figures(data)

    assert bank_file.format is BankFormat.BGMAX
    assert [report.total for report in bank_file.reports] == amounts
    assert [sum(p.amount for p in report.payments) for report in bank_file.reports] == amounts
    assert [len(report.payments) for report in bank_file.reports] == counts
    assert len(bank_file.reports) == deposit_count
    kinds = [payment.kind for payment in bank_file.payments]
    assert kinds.count(PaymentKind.PAYMENT) == payments
    assert kinds.count(PaymentKind.DEDUCTION) == deductions
    assert bank_file.sums() == {"SEK": sum(amounts)}
    identities = [payment.identity for payment in bank_file.payments]
    assert len(set(identities)) == len(identities)


def test_the_noisy_copy_reads_exactly_like_the_clean_utf8_copy():
    noisy = read_bank_file(sample_bytes("bgmax", "ocr-check-and-length-digit_noisy.txt"))
    clean = read_bank_file(sample_bytes("bgmax", "ocr-check-and-length-digit_utf8.txt"))

    assert noisy.reports == clean.reports
    assert any("tab" in note.text for note in noisy.notes)


def test_latin1_names_and_the_tab_displaced_reference_are_read_right():
    bank_file = read_bank_file(sample_bytes("bgmax", "ocr-check-and-length-digit_noisy.txt"))
    first, deduction, split = bank_file.reports[0].payments

    assert first.payer.name == "Kalles Plåt AB"
    assert first.payer.town == "Storåker"
    assert first.payer.org_number == "5500001234"
    assert first.payer.account == "3783511"
    assert first.references[0].kind is ReferenceKind.OCR
    assert first.references[0].value == "655969"
    assert deduction.kind is PaymentKind.DEDUCTION
    assert deduction.amount == Decimal("-500.00")
    assert deduction.deduction_code == "0"
    # The reference on the line with the tabs lands in its columns again.
    assert [r.value for r in split.references] == [
        "657866 658765 657767",
        "657866",
        "658765",
        "657767",
        "657965",
    ]
    assert split.message == "Betalning med extra refnr 657965"
    assert bank_file.reports[1].payments[3].message == "Faktura 658369\nFaktura 658468"


def test_a_file_without_line_ends_is_read_as_80_character_records():
    bank_file = read_bank_file(sample_bytes("bgmax", "ocr-check-digit_no-line-ends.txt"))

    (report,) = bank_file.reports
    assert report.total == Decimal("2100.00")
    assert report.date.isoformat() == "2004-05-25"
    assert report.account == "9912346"
    assert [p.line for p in report.payments] == [3, 4, 9, 17]
    assert report.payments[3].message == "Faktura65581 Kundnr1233"
    assert "no line ends" in bank_file.notes[0].text


def test_extended_form_registration_keeps_the_banks_split_of_a_payment():
    bank_file = read_bank_file(
        sample_bytes("bgmax", "ocr-extended-form-registration_no-line-ends.txt")
    )
    split = bank_file.reports[1].payments[0]
    mixed = bank_file.reports[2].payments[3]

    assert [(r.value, r.amount) for r in split.references] == [
        ("573964", Decimal("1700.00")),
        ("573865", Decimal("300.00")),
    ]
    assert [r.kind for r in mixed.references] == [
        ReferenceKind.INCORRECT,
        ReferenceKind.OCR,
        ReferenceKind.INCORRECT,
        ReferenceKind.OCR,
    ]
    # TK23 is a negative extra reference.
    assert mixed.references[3].amount == Decimal("-500.00")
    assert sum(r.amount for r in mixed.references) == mixed.amount


def test_the_minimal_sample_gives_its_one_payment_with_the_write_time():
    bank_file = read_bank_file(sample_bytes("bgmax", "minimal.txt"))

    (payment,) = bank_file.payments
    assert payment.identity == "bgmax:9912346:20040525:000000000012"
    assert payment.amount == Decimal("1100.00")
    assert payment.channel == "1"
    assert bank_file.created.isoformat() == "2004-05-25T17:30:35.010331"
    assert not bank_file.is_test


def test_sample_payments_match_invoices_by_their_ocr_references():
    bank_file = read_bank_file(sample_bytes("bgmax", "ocr-check-and-length-digit_noisy.txt"))
    ocrs = ["655969", "657866", "658765", "657767", "657965"]
    invoices = [
        OpenInvoice(n, f"F{n}", ocr, Decimal("280.00"), "Kalles Plåt AB", "SEK")
        for n, ocr in enumerate(ocrs, start=1)
    ]
    lookups = InvoiceLookups.from_invoices(invoices)
    first, deduction, split = bank_file.reports[0].payments

    single = match_payment(first.for_matching(), lookups)
    several = match_payment(split.for_matching(), lookups)
    # The deduction's reference 89853 is free text that names no invoice.
    unplaced = match_payment(deduction.for_matching(), lookups)

    assert isinstance(single, Matched)
    assert [a.invoice.id for a in single.allocations] == [1]
    assert isinstance(several, Matched)
    assert [a.invoice.id for a in several.allocations] == [2, 3, 4, 5]
    assert sum(a.amount for a in several.allocations) == Decimal("1120.00")
    assert several.unallocated == Decimal("280.00")
    assert not isinstance(unplaced, Matched | Flagged)


def _records(data: bytes) -> tuple[list[str], str, str]:
    """The records of a sample, with the line end and encoding to write them back."""
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = data.decode("iso-8859-1"), "iso-8859-1"
    if "\n" not in text:
        return [text[i : i + 80] for i in range(0, len(text), 80)], "", encoding
    end = "\r\n" if "\r\n" in text else "\n"
    return text.rstrip(end).split(end), end, encoding


def _write(records: list[str], end: str, encoding: str) -> bytes:
    return end.join(records).encode(encoding)


@pytest.mark.parametrize("path", sample_params("bgmax"))
def test_every_sample_cut_short_is_refused_at_its_last_line(path):
    records, end, encoding = _records(path.read_bytes())

    with pytest.raises(BankFileError) as caught:
        read_bank_file(_write(records[:-1], end, encoding))

    assert caught.value.line == len(records) - 1
    assert "without the end record (70)" in caught.value.reason


@pytest.mark.parametrize("path", sample_params("bgmax"))
def test_every_sample_missing_a_payment_record_is_refused_at_its_deposit(path):
    records, end, encoding = _records(path.read_bytes())
    # The first payment goes, with the name, address and reference records that follow it.
    first = next(i for i, r in enumerate(records) if r.startswith("20"))
    after = next(i for i in range(first + 1, len(records)) if records[i][:2] in ("20", "21", "15"))
    deposit = next(i for i, r in enumerate(records) if r.startswith("15") and i > first)
    extras = sum(1 for r in records[first:after] if r[:2] in ("22", "23"))
    del records[first:after]
    trailer = records[-1]
    # The end record is made to agree, so that only the deposit's count is wrong.
    records[-1] = (
        trailer[:2]
        + str(int(trailer[2:10]) - 1).zfill(8)
        + trailer[10:18]
        + str(int(trailer[18:26]) - extras).zfill(8)
        + trailer[26:]
    )

    with pytest.raises(BankFileError) as caught:
        read_bank_file(_write(records, end, encoding))

    # Lines after the removed ones move up.
    assert caught.value.line == deposit + 1 - (after - first)
    assert "the deposit record counts" in caught.value.reason


@pytest.mark.parametrize("path", sample_params("bgmax"))
def test_every_sample_with_a_deposit_count_too_many_in_its_end_record_is_refused(path):
    records, end, encoding = _records(path.read_bytes())
    trailer = records[-1]
    records[-1] = trailer[:26] + str(int(trailer[26:34]) + 1).zfill(8) + trailer[34:]

    with pytest.raises(BankFileError) as caught:
        read_bank_file(_write(records, end, encoding))

    assert caught.value.line == len(records)
    assert "deposit (15) records" in caught.value.reason
