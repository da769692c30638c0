"""read_bank_file tells the format from the content and refuses anything else."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from finqr_desktop.banking import BankFileError, BankFormat, read_bank_file

from . import bgmax_builder as bg
from .camt_builder import Ntry, Tx, camt
from .samples import sample_bytes


def test_bgmax_and_camt_are_told_apart_by_content():
    bgmax = bg.bgmax_file([bg.Payment(12345, "1230")])
    # A UTF-8 byte order mark does not hide the format.
    xml = b"\xef\xbb\xbf" + camt([Ntry("10.00")], message="053")

    assert read_bank_file(bgmax).format is BankFormat.BGMAX
    assert read_bank_file(xml).format is BankFormat.CAMT053


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7\n...", b"number;name\n1;A\n", b"PK\x03\x04zipped", b"   "],
    ids=["pdf", "csv", "zip", "blank"],
)
def test_other_files_are_refused_saying_what_was_expected(data):
    with pytest.raises(BankFileError) as caught:
        read_bank_file(data)

    assert caught.value.line is None
    assert "BgMax" in str(caught.value) or "empty" in str(caught.value)


def test_utf16_text_is_refused_with_a_hint():
    with pytest.raises(BankFileError, match="UTF-16"):
        read_bank_file("01BGMAX".encode("utf-16"))


def test_an_e_invoice_is_refused_as_not_a_bank_file():
    data = sample_bytes("einvoice", "peppol-bis3-base-example.xml")

    with pytest.raises(BankFileError, match="not a camt.053 or camt.054 bank file"):
        read_bank_file(data)


_ore = st.integers(min_value=1, max_value=10**15)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.lists(st.tuples(_ore, st.booleans()), min_size=1, max_size=6), min_size=1, max_size=4
    )
)
def test_bgmax_amounts_round_trip_exactly(deposits):
    # A deposit is never negative, so each starts with a payment that covers its deductions.
    deposits = [[(1 + sum(o for o, ded in d if ded), False), *d] for d in deposits]
    built = [
        [bg.Payment(ore, "1230", code="20" if not deduction else "21") for ore, deduction in d]
        for d in deposits
    ]
    bank_file = read_bank_file(bg.bgmax_file(*built))

    read = [[(abs(p.amount), p.amount < 0) for p in r.payments] for r in bank_file.reports]
    assert read == [[(Decimal(ore) / 100, deduction) for ore, deduction in d] for d in deposits]
    totals = [sum(-o if ded else o for o, ded in d) for d in deposits]
    assert [r.total for r in bank_file.reports] == [Decimal(t) / 100 for t in totals]


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999999999.99"), places=2),
        min_size=2,
        max_size=8,
    )
)
def test_camt_batch_amounts_round_trip_exactly(amounts):
    total = sum(amounts)
    entry = Ntry(
        str(total), transactions=[Tx(str(a), bank_ref=f"B{i}") for i, a in enumerate(amounts)]
    )

    bank_file = read_bank_file(camt([entry], version=8))

    assert [p.amount for p in bank_file.payments] == amounts
    assert bank_file.sums() == {"SEK": total}


@pytest.mark.parametrize("kind", ["bgmax", "camt"])
def test_progress_is_reported_in_order_up_to_the_whole_file(kind):
    if kind == "bgmax":
        data = bg.bgmax_file([bg.Payment(100 + n, "1230") for n in range(400)])
    else:
        entries = [Ntry("10.00", ref=f"R{n}", transactions=[Tx(ocr="1230")]) for n in range(4000)]
        data = camt(entries)
    shares = []

    read_bank_file(data, progress=shares.append)

    assert len(shares) > 10
    assert shares == sorted(shares)
    assert shares[-1] == 1.0
    assert 0 < shares[0] < 0.5
