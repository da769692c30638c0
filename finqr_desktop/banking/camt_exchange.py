"""The currency exchange details of a camt payment: what the payer ordered, the bank's rates.

ISO 20022 gives them in ``AmtDtls``, of the transaction (``TxDtls``) and of the entry
(``Ntry``), alike in versions 2 to 8: each of ``InstdAmt``, ``TxAmt``, ``CntrValAmt``,
``AnncdPstngAmt`` and ``PrtryAmt`` (any other child holding an ``Amt`` is read the same way)
carries an amount and perhaps a ``CcyXchg`` of ``SrcCcy``, ``TrgtCcy``, ``UnitCcy``,
``XchgRate``, ``CtrctId`` and ``QtnDt``.

The rule:

* The payment's amount stays what was booked on the account (``Ntry/Amt``, or the
  transaction's part of a batch), in the account's currency: that is the money that came
  in. ``InstdAmt`` is kept beside it as what the payer ordered (100 EUR, say, for an entry
  booked as 1 150 SEK); the transaction's, or for an entry of one transaction the entry's.
* A rate says that one ``UnitCcy`` is ``XchgRate`` units of the pair's other currency
  (``SrcCcy``, ``TrgtCcy``). Without ``UnitCcy`` the unit is ``SrcCcy``: the rate is the
  factor that turns the source amount into the target amount, as ISO defines XchgRate.
  Without ``TrgtCcy`` the target is the currency of the amount the exchange came with or,
  if that is ``SrcCcy``, the booked currency.
* Where the same ``AmtDtls`` (with the booked amount) give an amount in each currency of
  the pair, the rate must fit them within 10 % (room for charges the banks took): a rate
  written the other way round is then refused, never used inverted.
* The transaction's rates come before the entry's; the entry's apply to each of its
  transactions (a batch converted at one rate). Within one ``AmtDtls``: InstdAmt, TxAmt,
  CntrValAmt, then the others in file order. Two rates between the same two currencies
  that disagree are both refused.
* Which rate an invoice needs is the import planning's choice: one between exactly the
  booked currency and the invoice's (``BankPayment.rate_into``), never a chain of two.

A rate that cannot be used (a part missing or malformed, ``UnitCcy`` outside the pair, a
misfit as above) is ignored with a note on the file, shown with the preview, and in the
payment's ``rate_problem``; the payment is kept and, needing a rate, waits for the clerk.
The exchange details never make the file refused: they are information beside the booked
amounts, which are checked as before.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from finqr_desktop.domain.messages import error_message, msg
from finqr_desktop.domain.money import MoneyError, check_currency

from .camt_values import amount, datetime_of
from .camt_xml import Node
from .errors import BankFileError
from .model import ExchangeRate, Note

logger = logging.getLogger(__name__)

_PREFERRED = ("InstdAmt", "TxAmt", "CntrValAmt")
# How far the amounts of one AmtDtls may be from what the rate makes of them.
MISFIT_SHARE = Decimal("0.10")


@dataclass
class Exchange:
    """What one ``AmtDtls`` says; ``problem`` is the first reason a rate was refused."""

    instructed: tuple[Decimal, str] | None = None
    rates: list[ExchangeRate] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    problem: str = ""

    def refuse(self, line: int, reason: str) -> None:
        self.notes.append(Note(line, msg("{reason}; the rate is not used", reason=reason)))
        self.problem = self.problem or reason


class _Refused(Exception):
    pass


def read_exchange(parent: Node | None, booked: Decimal, currency: str) -> Exchange:
    """The exchange details of ``parent`` (a ``TxDtls`` or ``Ntry``) whose booked amount is
    ``booked`` in ``currency``."""
    found = Exchange()
    details = parent.child("AmtDtls") if parent is not None else None
    if details is None:
        return found
    amounts: list[tuple[Node, Decimal, str]] = []
    for child in sorted(details.children, key=_preference):
        if child.child("Amt") is None:
            continue
        try:
            value, code = amount(child, "Amt")
        except BankFileError as error:
            note = msg("{element}: {reason}; left out", element=child.name, reason=error.reason)
            found.notes.append(Note(child.line, note))
            continue
        amounts.append((child, value, code))
        if child.name == "InstdAmt" and found.instructed is None:
            found.instructed = (value, code)
    for child, _, code in amounts:
        node = child.child("CcyXchg")
        if node is None:
            continue
        try:
            rate = _rate(node, child.name, code, currency, found)
            if rate is not None:
                _check_fit(rate, [(v, c) for _, v, c in amounts] + [(booked, currency)])
                found.rates.append(rate)
        except _Refused as refused:
            found.refuse(node.line, error_message(refused))
    return found


def combined(own: Exchange, entry: Exchange, *, whole_entry: bool) -> Exchange:
    """A transaction's exchange details with its entry's: see the module docstring."""
    result = Exchange(
        instructed=own.instructed or (entry.instructed if whole_entry else None),
        problem=own.problem or entry.problem,
    )
    for rate in own.rates + entry.rates:
        same = [r for r in result.rates if r.between(rate.unit, rate.quoted)]
        if not same:
            result.rates.append(rate)
            continue
        first = same[0].factor(rate.unit, rate.quoted)
        if abs(first - rate.factor(rate.unit, rate.quoted)) > first * Decimal("1e-6"):
            result.rates = [r for r in result.rates if r is not same[0]]
            result.refuse(
                rate.line,
                msg("the file gives two rates, {first} and {second}", first=same[0], second=rate),
            )
    return result


def _preference(node: Node) -> int:
    return _PREFERRED.index(node.name) if node.name in _PREFERRED else len(_PREFERRED)


def _rate(
    node: Node, kind: str, amount_currency: str, booked_currency: str, found: Exchange
) -> ExchangeRate | None:
    source = _currency(node, "SrcCcy", required=True)
    target = _currency(node, "TrgtCcy")
    if not target:
        target = amount_currency if amount_currency != source else booked_currency
    unit = _currency(node, "UnitCcy") or source
    text = node.value("XchgRate")
    if not text:
        raise _Refused(msg("{kind}: the exchange rate (XchgRate) is missing", kind=kind))
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise _Refused(
            msg("{kind}: the exchange rate {rate} is not a number", kind=kind, rate=repr(text))
        ) from None
    if not value.is_finite() or value <= 0:
        raise _Refused(
            msg("{kind}: the exchange rate {rate} is not above zero", kind=kind, rate=text)
        )
    if source == target:
        if value == 1:
            return None  # a currency against itself says nothing
        raise _Refused(
            msg(
                "{kind}: a rate of {rate} from {currency} into {currency}",
                kind=kind,
                rate=text,
                currency=source,
            )
        )
    if unit not in (source, target):
        raise _Refused(
            msg(
                "{kind}: the unit currency {unit} is neither {source} nor {target}",
                kind=kind,
                unit=unit,
                source=source,
                target=target,
            )
        )
    quoted_at = None
    try:
        quoted_at = datetime_of(node, "QtnDt")
    except BankFileError as error:
        note = msg("{kind}: {reason}; the date is left out", kind=kind, reason=error.reason)
        found.notes.append(Note(node.line, note))
    return ExchangeRate(
        source=source,
        target=target,
        unit=unit,
        quoted=target if unit == source else source,
        rate=value,
        line=node.line,
        amount_kind=kind,
        contract=node.value("CtrctId"),
        quoted_at=quoted_at,
    )


def _currency(node: Node, name: str, *, required: bool = False) -> str:
    text = node.value(name)
    if not text:
        if required:
            raise _Refused(msg("the exchange names no source currency ({name})", name=name))
        return ""
    try:
        return check_currency(text)
    except MoneyError:
        raise _Refused(
            msg("{name} {text} is not a currency code", name=name, text=repr(text))
        ) from None


def _check_fit(rate: ExchangeRate, amounts: list[tuple[Decimal, str]]) -> None:
    have = next((value for value, code in amounts if code == rate.unit), None)
    want = next((value for value, code in amounts if code == rate.quoted), None)
    if have is None or not want:
        return
    expected = have * rate.rate
    if abs(expected - want) > want * MISFIT_SHARE:
        raise _Refused(
            msg(
                "the rate {rate} makes {have} {unit} {expected} {quoted}, but the file gives "
                "{want} {quoted}",
                rate=rate,
                have=have,
                unit=rate.unit,
                expected=f"{expected:.2f}",
                quoted=rate.quoted,
                want=want,
            )
        )
