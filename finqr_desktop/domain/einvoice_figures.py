"""The ledger's issued figures in EN 16931's terms: net amounts, allowances, positive sums.

Nothing is recomputed that the ledger decided: totals, VAT per rate and rounding are the
issued ones, to the öre. Two things need translating. A line discount becomes a line
allowance, so that quantity × net price − allowance is the line's net amount. And when the
invoice's prices include VAT, EN 16931 still wants net figures: each rate's issued net is
spread over its lines in proportion to their gross amounts, and the invoice discount's
share becomes that rate's net allowance, so every sum lands exactly on the issued net.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal

from .einvoice import Allowance, Category, Line, Totals, VatBreakdown
from .money import round_half_away

ZERO = Decimal(0)
HUNDRED = Decimal(100)
# Net prices derived from gross ones carry this many decimals (EN 16931 sets no limit).
PRICE_PLACES = 6
EXEMPTION_CODES = {"AE": "VATEX-EU-AE", "K": "VATEX-EU-IC", "G": "VATEX-EU-G"}
DEFAULT_REASONS = {
    "E": "Exempt from VAT",
    "AE": "Reverse charge",
    "K": "Intra-community supply",
    "G": "Export outside the EU",
}


@dataclass(frozen=True)
class LedgerLine:
    """An issued line as stored: amounts in the invoice's price basis, signed."""

    description: str
    quantity: Decimal
    unit_code: str
    unit_price: Decimal
    discount_percent: Decimal
    amount: Decimal
    category: str
    percent: Decimal


@dataclass(frozen=True)
class LedgerGroup:
    """One rate of the issued VAT summary: ``lines`` and ``discount`` in the price basis."""

    category: str
    percent: Decimal
    lines: Decimal
    discount: Decimal
    net: Decimal
    vat: Decimal
    note: str = ""


@dataclass(frozen=True)
class Figures:
    lines: tuple[Line, ...]
    allowances: tuple[Allowance, ...]
    vat: tuple[VatBreakdown, ...]
    totals: Totals


def figures(
    lines: list[LedgerLine],
    groups: list[LedgerGroup],
    *,
    rounding: Decimal,
    total: Decimal,
    gross_prices: bool,
    credit_note: bool,
    exponent: int,
) -> Figures:
    """EN 16931 figures of an issued document; a credit note's are turned positive."""
    sign = Decimal(-1) if credit_note else Decimal(1)
    categories = {(g.category, g.percent): _category(g) for g in groups}
    made_lines: list[Line] = []
    allowances: list[Allowance] = []
    breakdown: list[VatBreakdown] = []
    for group in groups:
        category = categories[(group.category, group.percent)]
        members = [
            (index, line)
            for index, line in enumerate(lines)
            if (line.category, line.percent) == (group.category, group.percent)
        ]
        net = sign * group.net
        if gross_prices:
            line_nets_total = _net_of_lines(group, sign, exponent)
            grosses = [sign * line.amount for _, line in members]
            nets = _spread(line_nets_total, grosses, group.percent, exponent)
            allowance = line_nets_total - net
        else:
            nets = [sign * line.amount for _, line in members]
            allowance = sign * group.discount
        for (index, line), line_net in zip(members, nets, strict=True):
            made_lines.append(_line(index, line, line_net, category, sign, gross_prices, exponent))
        if allowance:
            allowances.append(Allowance(allowance, category))
        breakdown.append(VatBreakdown(category, net, sign * group.vat))
    made_lines.sort(key=lambda line: int(line.line_id))

    zero = ZERO.scaleb(-exponent)
    line_extension = sum((line.net_amount for line in made_lines), zero)
    allowance_total = sum((a.amount for a in allowances), zero)
    tax_exclusive = line_extension - allowance_total
    tax = sum((group.tax for group in breakdown), zero)
    totals = Totals(
        line_extension=line_extension,
        allowances=allowance_total,
        charges=zero,
        tax_exclusive=tax_exclusive,
        tax=tax,
        tax_inclusive=tax_exclusive + tax,
        prepaid=zero,
        rounding=sign * rounding,
        payable=sign * total,
    )
    return Figures(
        tuple(_unsigned_zeros(line) for line in made_lines),
        tuple(_unsigned_zeros(allowance) for allowance in allowances),
        tuple(_unsigned_zeros(group) for group in breakdown),
        _unsigned_zeros(totals),
    )


def _unsigned_zeros(item):
    """``item`` with every amount that is a negative zero made a plain zero.

    A credit note's figures are the ledger's times −1, and Decimal keeps the sign of a
    zero: −1 × 0.00 is −0.00. Python compares it equal to 0, but a file saying -0.00 VAT
    fails EN 16931's validators (BR-E-09, BR-AE-09, BR-CO-14), so none leaves here.
    """
    changes = {
        field.name: value.copy_abs()
        for field in dataclasses.fields(item)
        if isinstance(value := getattr(item, field.name), Decimal)
        and value.is_zero()
        and value.is_signed()
    }
    return dataclasses.replace(item, **changes) if changes else item


def _category(group: LedgerGroup) -> Category:
    if group.category in ("S", "Z"):
        return Category(group.category, group.percent)
    reason = group.note.strip() or DEFAULT_REASONS.get(group.category, "")
    return Category(group.category, group.percent, EXEMPTION_CODES.get(group.category, ""), reason)


def _net_of_lines(group: LedgerGroup, sign: Decimal, exponent: int) -> Decimal:
    """The rate's lines without VAT: its net before the invoice discount came off."""
    base = group.lines - group.discount
    if base:
        value = group.lines * group.net / base
    else:
        value = group.lines * HUNDRED / (HUNDRED + group.percent)
    return sign * round_half_away(value, exponent)


def _line(index, line: LedgerLine, net: Decimal, category, sign, gross_prices, exponent) -> Line:
    quantity = sign * line.quantity
    if gross_prices and not line.discount_percent and quantity:
        # No discount to show: the price is the line's own net per unit.
        price = round_half_away(net / quantity, PRICE_PLACES)
    elif gross_prices:
        price = line.unit_price * HUNDRED / (HUNDRED + line.percent)
        price = round_half_away(price, PRICE_PLACES)
    else:
        price = line.unit_price
    if price < 0:
        # EN 16931 allows no negative price (BR-27): a negative line is a negative quantity.
        price, quantity = -price, -quantity
    gross = round_half_away(quantity * price, exponent)
    difference = gross - net
    name, _, rest = line.description.strip().partition("\n")
    return Line(
        line_id=str(index + 1),
        name=name.strip() or line.description.strip(),
        description=line.description.strip() if rest.strip() else "",
        quantity=quantity,
        unit_code=line.unit_code,
        net_price=price,
        net_amount=net,
        category=category,
        allowance=difference if difference > 0 else ZERO,
        charge=-difference if difference < 0 else ZERO,
        allowance_reason="Discount" if line.discount_percent else "Rounding of the net price",
    )


def _spread(total: Decimal, grosses: list[Decimal], percent: Decimal, exponent: int):
    """``total`` (the rate's net of lines) over lines by their gross amounts, each keeping
    its sign; the öre that rounding leaves over go to the largest lines, one each."""
    if not grosses:
        return []
    whole = sum(grosses, ZERO)
    ratio = total / whole if whole else HUNDRED / (HUNDRED + percent)
    nets = [round_half_away(gross * ratio, exponent) for gross in grosses]
    unit = Decimal(1).scaleb(-exponent)
    left = int((total - sum(nets, ZERO)) / unit)
    largest = sorted(range(len(grosses)), key=lambda i: (-abs(grosses[i]), i))
    for step in range(abs(left)):
        nets[largest[step % len(largest)]] += unit if left > 0 else -unit
    return nets
