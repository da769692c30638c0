"""Broken and truncated BgMax files are refused whole, with the line and the reason."""

from __future__ import annotations

import pytest

from finqr_desktop.banking import BankFileError, read_bank_file

from . import bgmax_builder as bg
from .samples import sample_bytes

NOISY = "ocr-check-and-length-digit_noisy.txt"


def _lines(data: bytes) -> list[str]:
    return data.decode("iso-8859-1").split("\r\n")


def _join(lines: list[str]) -> bytes:
    return "\r\n".join(lines).encode("iso-8859-1")


def _refused(data: bytes) -> BankFileError:
    with pytest.raises(BankFileError) as caught:
        read_bank_file(data)
    return caught.value


def _good() -> list[str]:
    return _lines(
        bg.bgmax_file(
            [bg.Payment(100000, "655969"), bg.Payment(50000, "89853", "3", code="21")],
            [bg.Payment(120000, "650861", details=[bg.information("Faktura 2026-0042")])],
        )
    )


def test_the_built_file_itself_is_accepted():
    bank_file = read_bank_file(_join(_good()))

    assert [report.total for report in bank_file.reports] == [500, 1200]
    assert bank_file.payments[2].message == "Faktura 2026-0042"


def test_end_record_counting_a_payment_too_many_is_refused():
    lines = _lines(sample_bytes("bgmax", NOISY))
    lines[49] = lines[49].replace("70000000060", "70000000070", 1)

    error = _refused(_join(lines))

    assert error.line == 50
    assert "counts 7 payment (20) records, the file has 6" in error.reason


def test_end_record_with_wrong_extra_reference_count_is_refused():
    lines = _good()
    lines[-2] = bg.end(2, 1, 5, 2)

    error = _refused(_join(lines))

    assert error.line == 10
    assert "extra reference (22 and 23)" in error.reason


def test_deposit_amount_that_does_not_add_up_is_refused():
    lines = _lines(sample_bytes("bgmax", NOISY))
    lines[22] = lines[22].replace("000000000000190000SEK", "000000000000190100SEK")

    error = _refused(_join(lines))

    assert error.line == 23
    assert "deposit amount is 1901.00 SEK" in error.reason
    assert "add up to 1900.00" in error.reason


def test_deposit_counting_the_wrong_number_of_payments_is_refused():
    lines = _good()
    lines[4] = bg.deposit(50000, 3)

    error = _refused(_join(lines))

    assert error.line == 5
    assert "counts 3 payment and deduction records" in error.reason
    assert "has 2" in error.reason


def test_a_file_cut_before_its_end_record_is_refused_as_incomplete():
    lines = _lines(sample_bytes("bgmax", NOISY))

    error = _refused(_join(lines[:49]))

    assert error.line == 49
    assert "without the end record (70)" in error.reason


def test_a_file_cut_inside_a_deposit_names_the_open_deposit():
    lines = _lines(sample_bytes("bgmax", NOISY))

    error = _refused(_join(lines[:30]))

    assert error.line == 30
    assert "inside the deposit opened on line 24" in error.reason


def test_a_file_without_line_ends_cut_mid_record_is_refused():
    data = sample_bytes("bgmax", "ocr-check-digit_no-line-ends.txt")

    error = _refused(data[:-100])

    assert error.line == 23
    assert "cut short" in error.reason


def test_a_payment_before_any_opening_record_is_refused():
    lines = _good()
    del lines[1]

    error = _refused(_join(lines))

    assert error.line == 2
    assert "outside a deposit" in error.reason


def test_an_extra_reference_without_its_payment_is_refused():
    lines = _good()
    lines.insert(2, bg.transaction("22", 0, reference="655969"))

    error = _refused(_join(lines))

    assert error.line == 3
    assert "must follow a payment (20) or deduction (21)" in error.reason


def test_a_second_opening_before_the_deposit_record_is_refused():
    lines = _good()
    lines.insert(3, bg.opening())

    error = _refused(_join(lines))

    assert error.line == 4
    assert "before the deposit record (15)" in error.reason


def test_a_record_after_the_end_record_is_refused():
    lines = _good()
    lines.insert(len(lines) - 1, bg.information("trailing"))

    error = _refused(_join(lines))

    assert error.line == 11
    assert "after the end record (70) of line 10" in error.reason


def test_a_file_not_beginning_with_a_start_record_is_refused():
    lines = _good()
    lines[0], lines[1] = lines[1], lines[0]

    with pytest.raises(BankFileError, match="not a bank file"):
        read_bank_file(_join(lines))


def test_a_line_that_is_no_record_is_refused():
    lines = _good()
    lines.insert(3, "XX this is not a record")

    error = _refused(_join(lines))

    assert error.line == 4
    assert "not a BgMax record" in error.reason


def test_an_unknown_record_type_is_skipped_with_a_note():
    lines = _good()
    lines.insert(3, bg.record((1, "99"), (3, "some future record")))

    bank_file = read_bank_file(_join(lines))

    assert [str(note) for note in bank_file.notes] == [
        "line 4: record type 99 is unknown; skipped"
    ]
    assert len(bank_file.payments) == 3


def test_an_amount_with_a_letter_is_refused_naming_its_positions():
    lines = _good()
    lines[2] = lines[2][:50] + "X" + lines[2][51:]

    error = _refused(_join(lines))

    assert error.line == 3
    assert "the amount (positions 38-55) must be digits" in error.reason


def test_a_deposit_with_an_impossible_date_is_refused():
    lines = _good()
    lines[4] = bg.deposit(50000, 2, date="20261332")

    error = _refused(_join(lines))

    assert error.line == 5
    assert "not a date YYYYMMDD" in error.reason


def test_a_record_longer_than_80_characters_is_refused():
    lines = _good()
    lines[2] = lines[2].rstrip() + " " * 20 + "extra"

    error = _refused(_join(lines))

    assert error.line == 3
    assert "a BgMax record has 80" in error.reason


def test_a_control_character_inside_a_record_is_refused():
    lines = _good()
    lines[3] = lines[3][:10] + "\x00" + lines[3][11:]

    error = _refused(_join(lines))

    assert error.line == 4
    assert "control character" in error.reason


def test_a_deposit_in_another_currency_than_its_opening_is_refused():
    lines = _good()
    lines[4] = lines[4][:68] + "EUR" + lines[4][71:]

    error = _refused(_join(lines))

    assert error.line == 5
    assert "in EUR" in error.reason


def test_an_unsupported_layout_version_is_refused():
    lines = _good()
    lines[0] = lines[0][:22] + "02" + lines[0][24:]

    error = _refused(_join(lines))

    assert error.line == 1
    assert "version '02' is not supported" in error.reason


def test_an_empty_file_is_refused():
    with pytest.raises(BankFileError, match="empty"):
        read_bank_file(b"\r\n\r\n")


def test_error_text_names_line_and_reason():
    error = _refused(_join(_good()[:5]))

    assert str(error) == f"line 5: {error.reason}"


def test_a_test_file_is_marked_as_such():
    lines = _good()
    lines[0] = bg.start(test_mark="T")

    assert read_bank_file(_join(lines)).is_test


def test_a_reserved_reference_code_is_read_as_free_text_with_a_note():
    data = bg.bgmax_file([bg.Payment(100, "ABC 123", reference_code="7")])

    bank_file = read_bank_file(data)

    (reference,) = bank_file.payments[0].references
    assert (reference.kind.value, reference.value) == ("free", "ABC 123")
    assert [str(n) for n in bank_file.notes] == [
        "line 3: reference code 7 is reserved; the reference is read as free text"
    ]


def test_extra_reference_amounts_that_do_not_add_up_are_kept_but_noted():
    extras = [
        bg.transaction("22", 60000, reference="1230"),
        bg.transaction("23", 10000, reference="123455"),
    ]
    data = bg.bgmax_file([bg.Payment(100000, "", reference_code="0", details=extras)])

    bank_file = read_bank_file(data)

    assert [r.amount for r in bank_file.payments[0].references] == [600, -100]
    assert "add up to 500.00, not to the payment's 1000.00" in bank_file.notes[0].text
