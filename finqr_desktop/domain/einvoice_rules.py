"""The EN 16931 business rules on sums, checked before any e-invoice file is written.

A receiver's validator rejects a file whose figures do not add up, and by then the
customer has it. So the builders call ``require_sums`` first and refuse to produce a file
that breaks one of these rules; the message names the rule and the figures. The rule IDs
are EN 16931's (BR-CO-…, BR-DEC-…) and Peppol's (PEPPOL-EN16931-R120) own.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .einvoice import EInvoice, Line
from .errors import RuleViolation
from .messages import joined, msg
from .money import round_half_away

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class RuleBreak:
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.message}"

    @property
    def text(self) -> str:
        """``str(self)``, still translatable."""
        return msg("{rule}: {problem}", rule=self.rule, problem=self.message)


class SumRuleError(RuleViolation):
    """The figures break EN 16931; ``breaks`` lists every rule, not only the first."""

    def __init__(self, number: str, breaks: list[RuleBreak]):
        self.breaks = breaks
        text = joined([b.text for b in breaks])
        super().__init__(
            msg(
                "e-invoice {number} breaks the EN 16931 sum rules: {breaks}",
                number=number,
                breaks=text,
            )
        )


def require_sums(invoice: EInvoice) -> None:
    breaks = check_sums(invoice)
    if breaks:
        raise SumRuleError(invoice.number, breaks)


def check_sums(invoice: EInvoice) -> list[RuleBreak]:
    """Every broken sum rule of ``invoice``; an empty list when its figures add up."""
    breaks = _decimals(invoice)
    totals = invoice.totals
    zero = Decimal(0)

    def expect(rule: str, what: str, stated: Decimal, computed: Decimal, detail: str) -> None:
        if stated != computed:
            text = msg(
                "{what} is {stated} but {detail} is {computed}",
                what=what,
                stated=stated,
                detail=detail,
                computed=computed,
            )
            breaks.append(RuleBreak(rule, text))

    for line in invoice.lines:
        breaks.extend(_line_rule(line, invoice.exponent))
    lines_sum = sum((line.net_amount for line in invoice.lines), zero)
    expect("BR-CO-10", msg("the sum of line net amounts"), totals.line_extension, lines_sum,
           msg("the sum of the lines"))  # fmt: skip
    allowances = sum((a.amount for a in invoice.allowances), zero)
    expect("BR-CO-11", msg("the allowance total"), totals.allowances, allowances,
           msg("the sum of the document allowances"))  # fmt: skip
    expect("BR-CO-12", msg("the charge total"), totals.charges, zero,
           msg("the sum of document charges"))  # fmt: skip
    exclusive = totals.line_extension - totals.allowances + totals.charges
    expect("BR-CO-13", msg("the total without VAT"), totals.tax_exclusive, exclusive,
           msg("lines − allowances + charges"))  # fmt: skip
    tax = sum((group.tax for group in invoice.vat), zero)
    expect("BR-CO-14", msg("the VAT total"), totals.tax, tax,
           msg("the sum of the VAT breakdown"))  # fmt: skip
    inclusive = totals.tax_exclusive + totals.tax
    expect("BR-CO-15", msg("the total with VAT"), totals.tax_inclusive, inclusive,
           msg("the total without VAT + VAT"))  # fmt: skip
    payable = totals.tax_inclusive - totals.prepaid + totals.rounding
    expect("BR-CO-16", msg("the amount due"), totals.payable, payable,
           msg("the total with VAT − prepaid + rounding"))  # fmt: skip
    if not invoice.vat:
        breaks.append(RuleBreak("BR-CO-18", msg("the invoice has no VAT breakdown")))
    breaks.extend(_categories(invoice))
    breaks.extend(_negative_zeros(invoice))
    return breaks


def _negative_zeros(invoice: EInvoice) -> list[RuleBreak]:
    """No amount is a negative zero.

    The rules above compare numbers, and Decimal('-0.00') == 0, so a credit note's
    negated zero VAT passed them all; the file then said -0.00, and EN 16931's Schematron
    (which reads the text) failed it on BR-CO-14 and BR-E-09/BR-AE-09. This rule looks at
    the sign the file will print. The amounts are named by their EN 16931 fields, which
    stay as they are in any language."""
    amounts = {f"totals {name}": value for name, value in vars(invoice.totals).items()}
    for line in invoice.lines:
        for name in ("quantity", "net_price", "net_amount", "allowance", "charge"):
            amounts[f"line {line.line_id} {name}"] = getattr(line, name)
    for allowance in invoice.allowances:
        amounts[f"allowance {allowance.category.code}"] = allowance.amount
    for group in invoice.vat:
        amounts[f"taxable {group.category.code}"] = group.taxable
        amounts[f"VAT {group.category.code}"] = group.tax
    return [
        RuleBreak(
            "NEGATIVE-ZERO",
            msg(
                "{what} is {value}, a negative zero the file cannot carry", what=what, value=value
            ),
        )
        for what, value in amounts.items()
        if value.is_zero() and value.is_signed()
    ]


def _line_rule(line: Line, exponent: int) -> list[RuleBreak]:
    gross = round_half_away(line.quantity * line.net_price, exponent)
    expected = gross - line.allowance + line.charge
    if line.net_amount == expected:
        return []
    return [
        RuleBreak(
            "PEPPOL-EN16931-R120",
            msg(
                "line {line}: net amount {amount} is not quantity {quantity} × price {price} − "
                "allowance {allowance} + charge {charge} = {expected}",
                line=line.line_id,
                amount=line.net_amount,
                quantity=line.quantity,
                price=line.net_price,
                allowance=line.allowance,
                charge=line.charge,
                expected=expected,
            ),
        )
    ]


def _categories(invoice: EInvoice) -> list[RuleBreak]:
    """Per category: taxable = its lines − its allowances (BR-S-08 and siblings), and
    VAT = taxable × rate, rounded (BR-CO-17)."""
    breaks = []
    zero = Decimal(0)
    seen = {group.category.key for group in invoice.vat}
    used = {line.category.key for line in invoice.lines} | {
        a.category.key for a in invoice.allowances
    }
    for code, percent in sorted(used - seen):
        text = msg("category {code} {percent} % has no VAT breakdown", code=code, percent=percent)
        breaks.append(RuleBreak("BR-CO-18", text))
    # A gross-price invoice's VAT is the ledger's share of the gross sum (mervärdesskatt
    # computed on the price including it); EN 16931's own validator allows it one unit.
    tolerance = Decimal(1).scaleb(-invoice.exponent) if invoice.gross_prices else zero
    for group in invoice.vat:
        key = group.category.key
        lines = sum((ln.net_amount for ln in invoice.lines if ln.category.key == key), zero)
        off = sum((a.amount for a in invoice.allowances if a.category.key == key), zero)
        if group.taxable != lines - off:
            breaks.append(
                RuleBreak(
                    f"BR-{_rule_prefix(group.category.code)}-08",
                    msg(
                        "category {code} {percent} %: taxable amount {taxable} is not the lines "
                        "{lines} − allowances {allowances} = {expected}",
                        code=key[0],
                        percent=key[1],
                        taxable=group.taxable,
                        lines=lines,
                        allowances=off,
                        expected=lines - off,
                    ),
                )
            )
        due = round_half_away(group.taxable * group.category.percent / HUNDRED, invoice.exponent)
        if abs(group.tax - due) > tolerance:
            breaks.append(
                RuleBreak(
                    "BR-CO-17",
                    msg(
                        "category {code} {percent} %: VAT {tax} is not taxable {taxable} × "
                        "{percent} % rounded = {due}",
                        code=key[0],
                        percent=key[1],
                        tax=group.tax,
                        taxable=group.taxable,
                        due=due,
                    ),
                )
            )
        if group.category.code != "S" and (group.tax != 0 or group.tax.is_signed()):
            breaks.append(
                RuleBreak(
                    f"BR-{_rule_prefix(group.category.code)}-09",
                    msg(
                        "category {code} must carry no VAT, it has {tax}",
                        code=key[0],
                        tax=group.tax,
                    ),
                )
            )
    return breaks


def _rule_prefix(code: str) -> str:
    return {"S": "S", "Z": "Z", "E": "E", "AE": "AE", "K": "IC", "G": "G", "O": "O"}[code]


def _decimals(invoice: EInvoice) -> list[RuleBreak]:
    """BR-DEC: document amounts have at most two decimals (the currency's, if fewer)."""
    places = min(2, invoice.exponent)
    totals = invoice.totals
    amounts = {
        "line_extension (BR-DEC-09)": totals.line_extension,
        "allowance total (BR-DEC-10)": totals.allowances,
        "tax exclusive (BR-DEC-12)": totals.tax_exclusive,
        "VAT total (BR-DEC-13)": totals.tax,
        "tax inclusive (BR-DEC-14)": totals.tax_inclusive,
        "rounding (BR-DEC-17)": totals.rounding,
        "amount due (BR-DEC-18)": totals.payable,
    }
    for line in invoice.lines:
        amounts[f"line {line.line_id} net amount (BR-DEC-23)"] = line.net_amount
        amounts[f"line {line.line_id} allowance (BR-DEC-24)"] = line.allowance
    for group in invoice.vat:
        amounts[f"taxable {group.category.code} (BR-DEC-19)"] = group.taxable
        amounts[f"VAT {group.category.code} (BR-DEC-20)"] = group.tax
    breaks = []
    for what, value in amounts.items():
        if _places(value) > places:
            rule = what[what.index("(") + 1 : -1]
            breaks.append(
                RuleBreak(
                    rule,
                    msg(
                        "{what} {value} has too many decimals",
                        what=what[: what.index(" (")],
                        value=value,
                    ),
                )
            )
    return breaks


def _places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0
