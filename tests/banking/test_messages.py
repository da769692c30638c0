"""A bank file's errors and notes are Messages: the window shows them in the clerk's language."""

from __future__ import annotations

import pytest

from finqr_desktop.banking import BankFileError, read_bank_file
from finqr_desktop.domain.messages import Message

from . import bgmax_builder as bg


def test_a_file_that_is_no_bank_file_is_refused_with_a_template():
    with pytest.raises(BankFileError) as refused:
        read_bank_file(b"Date;Amount\n2026-12-04;100\n")

    assert refused.value.reason.template.startswith("this is not a bank file FINQR can read")


def test_a_record_out_of_place_names_it_in_a_whole_phrase():
    lines = [bg.start(), bg.transaction("20", 10000), bg.end(1, 0, 0, 0)]

    with pytest.raises(BankFileError) as refused:
        read_bank_file(("\r\n".join(lines) + "\r\n").encode("iso-8859-1"))

    reason = refused.value.reason
    assert str(refused.value) == (
        "line 2: a payment record (20) outside a deposit: no opening record (05) before it"
    )
    assert (
        reason.template == "{record} ({code}) outside a deposit: no opening record (05) before it"
    )
    assert reason.values["record"].template == "a payment record"


def test_a_note_on_a_skipped_record_is_a_message():
    payments = bg.bgmax_file([bg.Payment(10000, reference="20260042")]).decode("iso-8859-1")
    lines = payments.split("\r\n")
    lines.insert(2, bg.record((1, "99"), (3, "some future record")))

    bank_file = read_bank_file("\r\n".join(lines).encode("iso-8859-1"))

    (note,) = bank_file.notes
    assert isinstance(note.text, Message)
    assert note.text.template == "record type {code} is unknown; skipped"
    assert str(note) == "line 3: record type 99 is unknown; skipped"
