"""EN 16931 totals: the values other products get wrong, and properties over random invoices."""

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from finqr_desktop.domain.money import MoneyError, allocate
from finqr_desktop.domain.totals import LineInput, compute_totals
from finqr_desktop.domain.vat import SWEDEN, VatRate


def rate(percent: str) -> VatRate:
    return VatRate(percent, D(percent))


def test_vat_once_per_rate_on_the_summed_net():
    lines = [LineInput(D(1), D("55.55"), rate("23")), LineInput(D(1), D("11.11"), rate("23"))]
    totals = compute_totals(lines, "SEK")
    assert totals.vat_total == D("15.33")
    assert totals.total == D("81.99")


def test_line_discount_rounds_the_line_net_first():
    totals = compute_totals([LineInput(D(16), D("348.35"), rate("22"), D(4))], "SEK")
    assert totals.line_amounts == (D("5350.66"),)
    assert totals.total == D("6527.81")


def test_prices_including_vat_take_vat_out_of_the_rate_sum():
    totals = compute_totals(
        [LineInput(D(6), D("10.00"), rate("7"))], "SEK", prices_include_vat=True
    )
    assert totals.total == D("60.00")
    assert totals.vat_total == D("3.93")
    assert totals.net_total == D("56.07")


def test_whole_krona_rounding_is_its_own_line_and_leaves_vat_alone():
    totals = compute_totals([LineInput(D(1), D("219.00"), rate("25"))], "SEK", round_to_whole=True)
    assert (totals.vat_total, totals.rounding, totals.total) == (
        D("54.75"),
        D("0.25"),
        D("274.00"),
    )


def test_skatteverket_example_rounds_vat_by_the_third_decimal_and_pays_whole_kronor():
    totals = compute_totals([LineInput(D(1), D("4467.75"), rate("25"))], "SEK")
    assert totals.vat_total == D("1116.94")  # Skatteverket's own example
    rounded = compute_totals(
        [LineInput(D(1), D("4467.75"), rate("25"))], "SEK", round_to_whole=True
    )
    assert rounded.rounding == D("0.31")  # 5 584,69 is paid as 5 585
    assert rounded.total == D("5585.00")


def test_zero_decimal_currency():
    totals = compute_totals([LineInput(D(3), D("333"), rate("10"))], "JPY")
    assert totals.vat_total == D("100")
    assert str(totals.total) == "1099"


def test_invoice_discount_lowers_every_rate_in_proportion():
    lines = [
        LineInput(D(1), D("300.00"), SWEDEN.lookup("25", _day())),
        LineInput(D(1), D("100.00"), SWEDEN.lookup("12", _day())),
    ]
    totals = compute_totals(lines, "SEK", invoice_discount=D("40.00"))
    high, low = totals.groups
    assert (high.discount, low.discount) == (D("30.00"), D("10.00"))
    assert (high.net, high.vat) == (D("270.00"), D("67.50"))
    assert (low.net, low.vat) == (D("90.00"), D("10.80"))
    assert totals.total == D("438.30")


def test_discount_larger_than_the_lines_is_refused():
    with pytest.raises(MoneyError):
        compute_totals([LineInput(D(1), D("10"), rate("25"))], "SEK", invoice_discount=D(11))


def test_negative_amounts_round_by_size_then_sign():
    credit = compute_totals([LineInput(D(-1), D("0.05"), rate("25"))], "SEK")
    invoice = compute_totals([LineInput(D(1), D("0.05"), rate("25"))], "SEK")
    assert invoice.vat_total == D("0.01")
    assert credit.vat_total == D("-0.01")


def test_allocation_is_exact_and_reproducible():
    assert allocate(100, [1, 1, 1]) == [34, 33, 33]
    assert allocate(-100, [1, 1, 1]) == [-34, -33, -33]
    assert sum(allocate(999, [7, 0, 13, 2])) == 999


def _day():
    import datetime as dt

    return dt.date(2026, 12, 4)


amounts = st.decimals(min_value=D("-99999.99"), max_value=D("99999.99"), places=2)
quantities = st.decimals(min_value=D("0.01"), max_value=D("999"), places=2)
percents = st.sampled_from(["25", "12", "6", "0", "7", "23.5"])
line_strategy = st.builds(
    LineInput,
    quantity=quantities,
    unit_price=amounts,
    rate=percents.map(rate),
    discount_percent=st.decimals(min_value=D(0), max_value=D(100), places=1),
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(line_strategy, min_size=1, max_size=12),
    st.booleans(),
    st.booleans(),
)
def test_total_is_net_plus_vat_plus_rounding(lines, include_vat, round_whole):
    totals = compute_totals(
        lines, "SEK", prices_include_vat=include_vat, round_to_whole=round_whole
    )
    assert totals.total == totals.net_total + totals.vat_total + totals.rounding
    assert sum((g.net for g in totals.groups), D(0)) == totals.net_total
    assert sum((g.lines - g.discount for g in totals.groups), D(0)) == sum(
        totals.line_amounts, D(0)
    )
    assert abs(totals.rounding) <= D("0.50")
    if include_vat:
        assert totals.net_total + totals.vat_total == sum(totals.line_amounts, D(0))


@settings(max_examples=300, deadline=None)
@given(st.lists(line_strategy, min_size=1, max_size=12), st.booleans(), st.booleans())
def test_a_credit_note_mirrors_its_invoice(lines, include_vat, round_whole):
    invoice = compute_totals(
        lines, "SEK", prices_include_vat=include_vat, round_to_whole=round_whole
    )
    mirrored = [
        LineInput(-line.quantity, line.unit_price, line.rate, line.discount_percent)
        for line in lines
    ]
    credit = compute_totals(
        mirrored, "SEK", prices_include_vat=include_vat, round_to_whole=round_whole
    )
    assert credit == invoice.negated()


def test_the_vat_summary_lists_the_highest_rate_first():
    lines = [LineInput(D(1), D("10"), rate(p)) for p in ("6", "25", "12", "25")]
    totals = compute_totals(lines, "SEK")
    assert [g.rate.code for g in totals.groups] == ["25", "12", "6"]
