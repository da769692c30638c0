"""Invoice totals by EN 16931: line amounts rounded, VAT once per rate on the rate's sum.

Amounts are computed in integer minor units so nothing is lost between steps; the result
is given back as Decimals in the currency's precision.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .messages import msg
from .money import MoneyError, allocate, currency_exponent, from_minor, round_half_away, to_minor
from .vat import VatRate

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class LineInput:
    quantity: Decimal
    unit_price: Decimal
    rate: VatRate
    discount_percent: Decimal = Decimal(0)


@dataclass(frozen=True)
class VatGroup:
    """One row of the VAT summary. ``lines`` and ``discount`` are in the price basis of the
    invoice (including VAT when prices include VAT); ``net`` and ``vat`` never are."""

    rate: VatRate
    lines: Decimal
    discount: Decimal
    net: Decimal
    vat: Decimal


@dataclass(frozen=True)
class Totals:
    currency: str
    line_amounts: tuple[Decimal, ...]
    groups: tuple[VatGroup, ...]
    invoice_discount: Decimal
    net_total: Decimal
    vat_total: Decimal
    rounding: Decimal
    total: Decimal  # the amount to pay, after rounding

    @property
    def lines_total(self) -> Decimal:
        return sum(self.line_amounts, Decimal(0)).quantize(self.total)

    def negated(self) -> Totals:
        return Totals(
            self.currency,
            tuple(-a for a in self.line_amounts),
            tuple(VatGroup(g.rate, -g.lines, -g.discount, -g.net, -g.vat) for g in self.groups),
            -self.invoice_discount,
            -self.net_total,
            -self.vat_total,
            -self.rounding,
            -self.total,
        )


def line_amount(line: LineInput, currency: str) -> Decimal:
    """quantity × unit price less the line discount, rounded to the currency's minor unit."""
    factor = (HUNDRED - line.discount_percent) / HUNDRED
    return round_half_away(line.quantity * line.unit_price * factor, currency_exponent(currency))


def compute_totals(
    lines: list[LineInput],
    currency: str,
    *,
    prices_include_vat: bool = False,
    invoice_discount: Decimal = Decimal(0),
    round_to_whole: bool = False,
) -> Totals:
    """Totals of an invoice or credit note.

    The invoice-level discount is an amount in the price basis; it lowers every rate's base in
    proportion to that rate's share of the lines. Rounding to whole units (öresavrundning)
    only changes the amount to pay and shows as its own figure; VAT is left as computed.
    """
    exponent = currency_exponent(currency)
    amounts = [line_amount(line, currency) for line in lines]
    minor_amounts = [to_minor(a, currency) for a in amounts]

    group_rates: list[VatRate] = []
    group_sums: list[int] = []
    for line, minor in zip(lines, minor_amounts, strict=True):
        if line.rate in group_rates:
            group_sums[group_rates.index(line.rate)] += minor
        else:
            group_rates.append(line.rate)
            group_sums.append(minor)

    # The VAT summary reads highest rate first, as invoices and VAT returns list them.
    order = sorted(
        range(len(group_rates)), key=lambda i: (-group_rates[i].percent, group_rates[i].code)
    )
    group_rates = [group_rates[i] for i in order]
    group_sums = [group_sums[i] for i in order]

    discount_minor = to_minor(round_half_away(invoice_discount, exponent), currency)
    if discount_minor and abs(discount_minor) > abs(sum(group_sums)):
        raise MoneyError(msg("the invoice discount is larger than the lines it applies to"))
    shares = allocate(discount_minor, group_sums) if group_rates else []

    groups = []
    for rate, lines_minor, share in zip(group_rates, group_sums, shares, strict=True):
        base = Decimal(lines_minor - share).scaleb(-exponent)
        if prices_include_vat:
            vat = round_half_away(base * rate.percent / (HUNDRED + rate.percent), exponent)
            net = base - vat
        else:
            vat = round_half_away(base * rate.percent / HUNDRED, exponent)
            net = base
        groups.append(
            VatGroup(
                rate,
                from_minor(lines_minor, currency),
                from_minor(share, currency),
                net.quantize(vat),
                vat,
            )
        )

    zero = from_minor(0, currency)
    net_total = sum((g.net for g in groups), zero)
    vat_total = sum((g.vat for g in groups), zero)
    unrounded = net_total + vat_total
    rounding = zero
    if round_to_whole and exponent > 0:
        rounding = round_half_away(unrounded, 0).quantize(zero) - unrounded
    return Totals(
        currency=currency,
        line_amounts=tuple(amounts),
        groups=tuple(groups),
        invoice_discount=from_minor(discount_minor, currency),
        net_total=net_total,
        vat_total=vat_total,
        rounding=rounding,
        total=unrounded + rounding,
    )
