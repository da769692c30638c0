"""EN 16931 sum rules on the ledger's own figures: every invoice the totals engine can
produce becomes an e-invoice whose sums add up, and tampered figures are refused by rule."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from finqr_desktop.domain.einvoice import EInvoice, Party
from finqr_desktop.domain.einvoice_figures import LedgerGroup, LedgerLine, figures
from finqr_desktop.domain.einvoice_rules import SumRuleError, check_sums, require_sums
from finqr_desktop.domain.totals import LineInput, compute_totals
from finqr_desktop.domain.vat import SWEDEN

DAY = dt.date(2026, 12, 4)
RATES = {
    code: SWEDEN.lookup(code, DAY)
    for code in ("25", "12", "6", "0", "reverse_charge", "intra_eu", "export")
}


def einvoice_of(lines, *, gross=False, discount="0", whole=False, credit=False) -> EInvoice:
    """The e-invoice of lines (quantity, price, discount %, rate code), the way the service
    makes it from stored rows, with the totals engine's figures as the ledger stores them."""
    inputs = [
        LineInput(Decimal(q), Decimal(p), RATES[code], Decimal(d)) for q, p, d, code in lines
    ]
    totals = compute_totals(
        inputs, "SEK", prices_include_vat=gross, invoice_discount=Decimal(discount),
        round_to_whole=whole,
    )  # fmt: skip
    if credit:
        inputs = [dataclasses.replace(i, quantity=-i.quantity) for i in inputs]
        totals = totals.negated()
    made = figures(
        [
            LedgerLine(
                f"Line {n}",
                i.quantity,
                "C62",
                i.unit_price,
                i.discount_percent,
                amount,
                i.rate.category,
                i.rate.percent,
            )
            for n, (i, amount) in enumerate(zip(inputs, totals.line_amounts, strict=True))
        ],  # fmt: skip
        [
            LedgerGroup(g.rate.category, g.rate.percent, g.lines, g.discount, g.net, g.vat)
            for g in totals.groups
        ],
        rounding=totals.rounding,
        total=totals.total,
        gross_prices=gross,
        credit_note=credit,
        exponent=2,
    )
    party = Party(name="X", country="SE")
    return EInvoice(
        type_code="381" if credit else "380", number="1", issue_date=DAY, currency="SEK",
        seller=party, buyer=party, lines=made.lines, allowances=made.allowances,
        vat=made.vat, totals=made.totals, gross_prices=gross,
    )  # fmt: skip


MIXED = [("10", "950.00", "0", "25"), ("3", "45.50", "10", "12"), ("1", "199.00", "0", "6")]


def test_mixed_rates_with_discounts_and_rounding_add_up_to_the_ledger_total():
    invoice = einvoice_of(MIXED, discount="100", whole=True)
    assert check_sums(invoice) == []
    totals = compute_totals(
        [LineInput(Decimal(q), Decimal(p), RATES[c], Decimal(d)) for q, p, d, c in MIXED],
        "SEK", invoice_discount=Decimal(100), round_to_whole=True,
    )  # fmt: skip
    assert invoice.totals.payable == totals.total
    assert invoice.totals.rounding == totals.rounding != 0
    assert invoice.totals.allowances == Decimal("100.00")
    assert [g.tax for g in invoice.vat] == [g.vat for g in totals.groups]


def test_a_line_discount_is_a_line_allowance():
    (line,) = einvoice_of([("3", "45.50", "10", "12")]).lines
    assert (line.net_price, line.allowance, line.net_amount) == (
        Decimal("45.50"), Decimal("13.65"), Decimal("122.85"),
    )  # fmt: skip


def test_gross_prices_become_net_figures_that_land_on_the_issued_net():
    invoice = einvoice_of(MIXED, gross=True, discount="33.33")
    assert check_sums(invoice) == []
    assert invoice.totals.tax_exclusive == sum(g.taxable for g in invoice.vat)


def test_a_credit_note_is_the_mirror_in_positive_figures():
    invoice = einvoice_of(MIXED, credit=True, discount="10")
    assert check_sums(invoice) == []
    assert invoice.totals.payable > 0
    assert all(line.quantity > 0 for line in invoice.lines)


amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999"), places=2)
# Mostly positive prices, some negative (a deduction line): the total must stay positive.
prices = st.one_of(amounts, amounts, amounts, amounts.map(lambda a: -(a / 10).quantize(a)))
quantities = st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("500"), places=4)
discounts = st.sampled_from(["0", "0", "10", "12.5", "33.33", "100"])
codes = st.sampled_from(list(RATES))


@settings(max_examples=150, deadline=None)
@given(
    lines=st.lists(st.tuples(quantities, prices, discounts, codes), min_size=1, max_size=6),
    gross=st.booleans(),
    whole=st.booleans(),
    credit=st.booleans(),
    share=st.integers(min_value=0, max_value=90),
)
def test_every_invoice_the_ledger_can_issue_satisfies_the_sum_rules(
    lines, gross, whole, credit, share
):
    base = compute_totals(
        [LineInput(q, p, RATES[c], Decimal(d)) for q, p, d, c in lines], "SEK",
        prices_include_vat=gross,
    )  # fmt: skip
    discount = (
        (base.lines_total * share / 100).quantize(Decimal("0.01")) if base.lines_total > 0 else 0
    )
    text_lines = [(str(q), str(p), d, c) for q, p, d, c in lines]
    invoice = einvoice_of(text_lines, gross=gross, discount=str(discount), whole=whole,
                          credit=credit)  # fmt: skip
    assert check_sums(invoice) == []


def tampered(invoice: EInvoice, **changes) -> EInvoice:
    return dataclasses.replace(invoice, totals=dataclasses.replace(invoice.totals, **changes))


@pytest.mark.parametrize(
    ("field", "rule"),
    [
        ("line_extension", "BR-CO-10"),
        ("allowances", "BR-CO-11"),
        ("tax_exclusive", "BR-CO-13"),
        ("tax", "BR-CO-14"),
        ("tax_inclusive", "BR-CO-15"),
        ("payable", "BR-CO-16"),
    ],
)
def test_a_total_off_by_one_ore_is_refused_naming_the_rule_and_figures(field, rule):
    invoice = einvoice_of(MIXED, discount="100")
    wrong = getattr(invoice.totals, field) + Decimal("0.01")
    with pytest.raises(SumRuleError, match=rule) as refused:
        require_sums(tampered(invoice, **{field: wrong}))
    assert str(wrong) in str(refused.value)


def test_vat_that_is_not_taxable_times_rate_is_refused():
    invoice = einvoice_of(MIXED)
    first = invoice.vat[0]
    wrong = dataclasses.replace(first, tax=first.tax + Decimal("0.01"))
    invoice = dataclasses.replace(invoice, vat=(wrong, *invoice.vat[1:]))
    rules = {b.rule for b in check_sums(invoice)}
    assert "BR-CO-17" in rules


def test_a_line_whose_net_is_not_quantity_times_price_is_refused():
    invoice = einvoice_of(MIXED)
    line = dataclasses.replace(invoice.lines[0], net_amount=Decimal("9499.99"))
    invoice = dataclasses.replace(invoice, lines=(line, *invoice.lines[1:]))
    assert "PEPPOL-EN16931-R120" in {b.rule for b in check_sums(invoice)}


def test_more_than_two_decimals_is_refused():
    invoice = einvoice_of(MIXED)
    invoice = tampered(invoice, rounding=Decimal("0.001"))
    assert "BR-DEC-17" in {b.rule for b in check_sums(invoice)}


def test_a_zero_rate_category_with_vat_is_refused():
    invoice = einvoice_of([("1", "100.00", "0", "reverse_charge")])
    group = dataclasses.replace(invoice.vat[0], tax=Decimal("25.00"))
    invoice = dataclasses.replace(invoice, vat=(group,))
    assert "BR-AE-09" in {b.rule for b in check_sums(invoice)}


def test_a_negative_price_becomes_a_negative_quantity():
    invoice = einvoice_of([("2", "500.00", "0", "25"), ("1", "-120.00", "10", "25")])
    assert check_sums(invoice) == []
    refund = invoice.lines[1]
    assert refund.net_price == Decimal("120.00") and refund.quantity == -1
    assert refund.net_amount == Decimal("-108.00")


def test_with_gross_prices_a_negative_line_keeps_a_negative_net():
    invoice = einvoice_of([("1", "1000.00", "0", "25"), ("1", "-100.00", "0", "25")], gross=True)
    assert check_sums(invoice) == []
    assert [line.net_amount for line in invoice.lines] == [Decimal("800.00"), Decimal("-80.00")]


@pytest.mark.parametrize("code", ["0", "reverse_charge", "intra_eu", "export"])
@pytest.mark.parametrize("gross", [False, True])
def test_a_zero_rate_credit_note_has_no_negative_zero(code, gross):
    # −1 × 0.00 is Decimal('-0.00'): equal to 0, yet printed "-0.00", which validators fail.
    invoice = einvoice_of([("2", "100.00", "0", code), ("0", "5.00", "0", code)], credit=True,
                          gross=gross)  # fmt: skip
    assert check_sums(invoice) == []
    amounts = [invoice.totals.tax, *(g.tax for g in invoice.vat)]
    amounts += [v for line in invoice.lines for v in (line.quantity, line.net_amount)]
    assert [str(a) for a in amounts if a.is_signed()] == []


def test_a_negative_zero_vat_is_refused_by_rule():
    invoice = einvoice_of([("1", "100.00", "0", "0")], credit=True)
    group = dataclasses.replace(invoice.vat[0], tax=Decimal("-0.00"))
    invoice = dataclasses.replace(invoice, vat=(group,))
    breaks = check_sums(invoice)
    assert {b.rule for b in breaks} >= {"BR-E-09", "NEGATIVE-ZERO"}
    assert "VAT E is -0.00, a negative zero" in str(SumRuleError("1", breaks))
