"""Late-payment interest: DOMAIN.md 5.4's worked examples, payments, rate changes, leap years."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from finqr_desktop.domain.late_interest import (
    DEFAULT_REFERENCE_RATES,
    DayCount,
    ReferenceRateTable,
    first_late_day,
    late_interest,
)

D = dt.date
TEN_THOUSAND = Decimal(10000)


def test_worked_example_87_days_at_ten_percent():
    # DOMAIN.md counts from the calendar due date (a Saturday), hence the rule off.
    interest = late_interest(TEN_THOUSAND, D(2025, 11, 15), D(2026, 2, 10), bank_day_rule=False)
    assert interest == Decimal("238.36")


def test_worked_example_across_the_july_rate_change():
    interest = late_interest(TEN_THOUSAND, D(2025, 5, 31), D(2025, 7, 31), bank_day_rule=False)
    assert interest == Decimal("171.23")


def test_rate_change_is_piecewise_and_rounded_once():
    june = late_interest(TEN_THOUSAND, D(2025, 5, 31), D(2025, 6, 30), bank_day_rule=False)
    assert june == Decimal("86.30")  # 30 days at 10.5 % (86.301...)
    # July alone is 84.93 (84.931...); the whole period is not the sum of rounded parts.
    whole = late_interest(TEN_THOUSAND, D(2025, 5, 31), D(2025, 7, 31), bank_day_rule=False)
    assert whole == Decimal("171.23") == june + Decimal("84.93")


def test_saturday_due_date_moves_the_first_late_day_past_the_next_bank_day():
    assert first_late_day(D(2025, 11, 15)) == D(2025, 11, 18)
    assert first_late_day(D(2025, 11, 15), bank_day_rule=False) == D(2025, 11, 16)
    # 85 days instead of 87: Sunday and Monday are not late.
    expected = TEN_THOUSAND * Decimal("0.10") * 85 / 365
    assert late_interest(TEN_THOUSAND, D(2025, 11, 15), D(2026, 2, 10)) == round(expected, 2)


def test_christmas_due_date_waits_for_the_28th():
    assert first_late_day(D(2026, 12, 24)) == D(2026, 12, 29)


def test_nothing_before_the_first_late_day():
    assert late_interest(TEN_THOUSAND, D(2026, 3, 2), D(2026, 3, 2)) == Decimal("0.00")
    assert late_interest(TEN_THOUSAND, D(2026, 3, 2), D(2026, 2, 1)) == Decimal("0.00")


def test_a_partial_payment_lowers_the_balance_from_the_next_day():
    # Due Mon 2026-03-02; 10 days on 10 000, then 10 days on 4 000, all at 10 %.
    payments = [(D(2026, 3, 12), Decimal(6000))]
    interest = late_interest(TEN_THOUSAND, D(2026, 3, 2), D(2026, 3, 22), payments=payments)
    expected = (TEN_THOUSAND * 10 + Decimal(4000) * 10) * Decimal("0.10") / 365
    assert interest == round(expected, 2) == Decimal("38.36")


def test_payment_on_or_before_the_due_date_lowers_the_principal_from_the_start():
    early = [(D(2026, 2, 20), Decimal(4000))]
    interest = late_interest(TEN_THOUSAND, D(2026, 3, 2), D(2026, 3, 12), payments=early)
    assert interest == late_interest(Decimal(6000), D(2026, 3, 2), D(2026, 3, 12))


def test_full_payment_stops_interest_and_overpayment_never_goes_negative():
    payments = [(D(2026, 3, 7), Decimal(12000))]
    later = late_interest(TEN_THOUSAND, D(2026, 3, 2), D(2026, 6, 1), payments=payments)
    assert later == late_interest(TEN_THOUSAND, D(2026, 3, 2), D(2026, 3, 7))


def test_leap_year_actual_365_counts_29_february_as_one_more_365th():
    rates = ReferenceRateTable(((D(2024, 1, 1), Decimal(2)),))
    # 2024-02-01 .. 2024-03-01 is 30 days including the 29th.
    interest = late_interest(
        Decimal(36500), D(2024, 1, 31), D(2024, 3, 1), rates=rates, bank_day_rule=False
    )
    assert interest == Decimal("300.00")  # 36 500 x 10 % x 30 / 365


def test_leap_year_actual_actual_divides_by_366_and_splits_at_new_year():
    rates = ReferenceRateTable(((D(2023, 1, 1), Decimal(2)),))
    interest = late_interest(
        Decimal(36600),
        D(2023, 12, 21),
        D(2024, 1, 10),
        rates=rates,
        day_count=DayCount.ACTUAL_ACTUAL,
        bank_day_rule=False,
    )
    # 10 days of 2023 over 365, 10 days of 2024 over 366.
    expected = Decimal(3660) * (Decimal(10) / 365 + Decimal(10) / 366)
    assert interest == round(expected, 2) == Decimal("200.27")


def test_rounding_happens_once_at_the_end():
    # 1 kr at 10 % for one day is 0.027 öre: zero per day, but not zero over a year.
    rates = ReferenceRateTable(((D(2025, 1, 1), Decimal(2)),))
    year = late_interest(
        Decimal(1), D(2025, 1, 1), D(2026, 1, 1), rates=rates, bank_day_rule=False
    )
    assert year == Decimal("0.10")


def test_rounding_is_half_away_from_zero():
    rates = ReferenceRateTable(((D(2025, 1, 1), Decimal(-7)),))  # 1 % a year
    # 182.5 kr x 1 % x 1/365 = 0.005 exactly: half an öre rounds up.
    interest = late_interest(
        Decimal("182.5"), D(2025, 1, 6), D(2025, 1, 7), rates=rates, bank_day_rule=False
    )
    assert interest == Decimal("0.01")


def test_default_table_and_margin_give_ten_percent_in_2026():
    assert DEFAULT_REFERENCE_RATES.rate_on(D(2026, 3, 1)) + 8 == Decimal("10.00")
    assert DEFAULT_REFERENCE_RATES.rate_on(D(2025, 6, 30)) == Decimal("2.50")


def test_the_table_refuses_unordered_entries_and_dates_before_it():
    with pytest.raises(ValueError):
        ReferenceRateTable(((D(2025, 7, 1), Decimal(2)), (D(2025, 1, 1), Decimal(2))))
    with pytest.raises(ValueError, match="no reference rate"):
        DEFAULT_REFERENCE_RATES.rate_on(D(2020, 1, 1))
