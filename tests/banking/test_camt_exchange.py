"""camt currency exchange details (AmtDtls with CcyXchg): instructed amounts, the bank's
rates with their direction, and rates that are refused with a note."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from finqr_desktop.banking import read_bank_file

from .camt_builder import Fx, Ntry, Tx, camt

D = Decimal


def _one(entry: Ntry, version: int = 2):
    bank_file = read_bank_file(camt([entry], version=version))
    (payment,) = bank_file.payments
    return payment, [note.text for note in bank_file.notes]


@pytest.mark.parametrize("message", ["053", "054"])
@pytest.mark.parametrize("version", [2, 8])
def test_a_eur_instruction_credited_in_sek_keeps_the_booked_amount_and_the_rate(message, version):
    fx = Fx(contract="FX-991", quoted="2026-12-02T10:00:00")
    entry = Ntry("1150.00", transactions=[Tx(amount_details=[fx])])

    bank_file = read_bank_file(camt([entry], message=message, version=version))

    (payment,) = bank_file.payments
    assert (payment.amount, payment.currency) == (D("1150.00"), "SEK")
    assert (payment.instructed_amount, payment.instructed_currency) == (D("100.00"), "EUR")
    (rate,) = payment.exchange_rates
    assert (rate.source, rate.target, rate.unit, rate.quoted) == ("EUR", "SEK", "EUR", "SEK")
    assert (rate.rate, rate.contract, rate.amount_kind) == (D("11.50"), "FX-991", "InstdAmt")
    assert rate.quoted_at == datetime(2026, 12, 2, 10)
    assert str(rate) == "1 EUR = 11.50 SEK"
    assert payment.rate_into("EUR") is rate
    assert rate.factor("SEK", "EUR") == D("0.0869565217391")
    assert rate.factor("EUR", "SEK") == D("11.50")
    assert payment.rate_into("USD") is None and payment.rate_problem == ""
    assert bank_file.notes == ()


def test_a_unit_currency_turns_the_direction_round():
    fx = Fx(unit="SEK", rate="0.0869565")
    payment, notes = _one(Ntry("1150.00", transactions=[Tx(amount_details=[fx])]), version=8)

    (rate,) = payment.exchange_rates
    assert (rate.unit, rate.quoted, str(rate)) == ("SEK", "EUR", "1 SEK = 0.0869565 EUR")
    assert rate.factor("SEK", "EUR") == D("0.0869565")
    assert notes == []


def test_the_entrys_amount_details_serve_an_entry_without_transactions():
    fx = Fx(kind="CntrValAmt", amount="1150.00", currency="SEK", target=None)
    entry = Ntry("1150.00", amount_details=[Fx(kind="InstdAmt", source=None), fx])

    payment, _ = _one(entry)

    assert payment.instructed_amount == D("100.00")
    (rate,) = payment.exchange_rates
    # Without TrgtCcy the target is the currency of the amount the exchange came with.
    assert (rate.source, rate.target, rate.amount_kind) == ("EUR", "SEK", "CntrValAmt")


def test_the_entrys_rate_applies_to_every_transaction_of_a_batch_but_not_its_instruction():
    entry = Ntry(
        "1725.00",
        amount_details=[Fx(amount="150.00")],
        transactions=[Tx("1150.00", bank_ref="B1"), Tx("575.00", bank_ref="B2")],
    )

    payments = read_bank_file(camt([entry])).payments

    assert [p.rate_into("EUR").rate for p in payments] == [D("11.50"), D("11.50")]
    assert [p.instructed_amount for p in payments] == [None, None]


@pytest.mark.parametrize(
    ("fx", "problem"),
    [
        (Fx(rate=None), "InstdAmt: the exchange rate (XchgRate) is missing"),
        (Fx(rate="11,50"), "InstdAmt: the exchange rate '11,50' is not a number"),
        (Fx(rate="0"), "InstdAmt: the exchange rate 0 is not above zero"),
        (Fx(source=None), "the exchange names no source currency (SrcCcy)"),
        (Fx(target="EURO"), "TrgtCcy 'EURO' is not a currency code"),
        (Fx(unit="USD"), "InstdAmt: the unit currency USD is neither EUR nor SEK"),
        (Fx(source="SEK", target="SEK"), "InstdAmt: a rate of 11.50 from SEK into SEK"),
        # Written the wrong way round: 100 EUR would be 8.70 SEK, not the 1 150 booked.
        (
            Fx(rate="0.0869565"),
            "the rate 1 EUR = 0.0869565 SEK makes 100.00 EUR 8.70 SEK, but the file gives "
            "1150.00 SEK",
        ),
    ],
)
def test_a_rate_that_cannot_be_used_is_ignored_with_a_note(fx, problem):
    payment, notes = _one(Ntry("1150.00", transactions=[Tx(amount_details=[fx])]), version=8)

    assert payment.exchange_rates == ()
    assert payment.rate_into("EUR") is None
    assert payment.rate_problem == problem
    assert any(note == f"{problem}; the rate is not used" for note in notes)
    # The payment itself is kept, as booked.
    assert (payment.amount, payment.currency) == (D("1150.00"), "SEK")


def test_two_rates_that_disagree_are_both_refused():
    fx = [Fx(), Fx(kind="CntrValAmt", amount="1150.00", currency="SEK", rate="11.40")]

    payment, notes = _one(Ntry("1150.00", transactions=[Tx(amount_details=fx)]))

    assert payment.exchange_rates == ()
    assert "the file gives two rates, 1 EUR = 11.50 SEK and 1 EUR = 11.40 SEK" in (
        payment.rate_problem
    )
    assert notes


def test_charges_within_the_margin_keep_the_rate_and_a_malformed_amount_is_left_out():
    fx = [Fx(amount="100.00"), Fx(kind="CntrValAmt", amount="ten", currency="SEK", rate=None)]

    payment, notes = _one(Ntry("1100.00", transactions=[Tx(amount_details=fx)]))

    assert payment.rate_into("EUR").rate == D("11.50")
    assert any("CntrValAmt: not an amount: 'ten'" in note for note in notes)


def test_a_same_currency_rate_of_one_says_nothing_and_no_details_give_nothing():
    same = Fx(currency="SEK", amount="1150.00", source="SEK", target="SEK", rate="1")
    payment, notes = _one(Ntry("1150.00", transactions=[Tx(amount_details=[same])]))
    plain, _ = _one(Ntry("1150.00", transactions=[Tx()]))

    assert payment.exchange_rates == () and payment.rate_problem == "" and notes == []
    assert (plain.instructed_amount, plain.exchange_rates, plain.rate_problem) == (None, (), "")
