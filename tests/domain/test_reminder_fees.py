"""Agreed fees, and the B2B 450 kr förseningsersättning with fees set against it."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from finqr_desktop.domain.reminder_fees import (
    Charge,
    agreed_fee,
    set_off_against_compensation,
)

D = Decimal


def test_fee_only_where_agreed():
    assert agreed_fee(D(60), fee_agreed=True) == 60
    assert agreed_fee(D(60), fee_agreed=False) == 0


def test_first_reminder_claims_450_less_its_fee_and_later_fees_are_covered():
    assert set_off_against_compensation([D(60), D(60)]) == [Charge(D(60), D(390)), Charge(D(0))]


def test_no_agreed_fee_claims_the_full_450_once():
    assert set_off_against_compensation([D(0), D(0)]) == [Charge(D(0), D(450)), Charge()]


def test_fees_above_450_are_charged_for_the_excess_only():
    charges = set_off_against_compensation([D(300), D(300)])
    assert charges == [Charge(D(300), D(150)), Charge(D(150))]
    assert sum(c.total for c in charges) == 600


def test_a_single_fee_above_450_leaves_no_compensation():
    assert set_off_against_compensation([D(500)]) == [Charge(D(500), D(0))]


def test_no_reminders_no_claim():
    assert set_off_against_compensation([]) == []


@given(st.lists(st.integers(0, 400).map(D), max_size=8))
def test_fees_and_compensation_never_exceed_450_unless_fees_alone_do(fees):
    charges = set_off_against_compensation(fees)
    total = sum((c.total for c in charges), D(0))
    if fees:
        assert total == max(D(450), sum(fees))
        assert sum(1 for c in charges if c.compensation) <= 1
    assert all(c.fee >= 0 and c.compensation >= 0 for c in charges)
