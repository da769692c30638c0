"""Reading the typed values of a camt file: amounts with currency, dates, codes."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

from finqr_desktop.domain.messages import error_message, msg
from finqr_desktop.domain.money import MoneyError, check_currency, quantum, to_minor

from .camt_xml import Node

# ISO 20022 amounts: up to 18 digits, of which at most 5 after the point; no sign.
_AMOUNT = re.compile(r"\d{1,18}(?:\.\d{1,5})?")


def amount(parent: Node, name: str, *, required: bool = True) -> tuple[Decimal, str] | None:
    """The amount and currency of the element ``name`` under ``parent`` (``Amt Ccy=..``)."""
    node = parent.find(name)
    if node is None:
        if required:
            raise parent.fail(msg("the amount ({name}) is missing", name=name), below=name)
        return None
    text = node.text.strip()
    if not _AMOUNT.fullmatch(text):
        raise node.fail(
            msg("not an amount: {text} (digits with a decimal point, no sign)", text=repr(text))
        )
    code = node.attributes.get("Ccy", "").strip()
    try:
        currency = check_currency(code)
        value = Decimal(text)
        to_minor(value, currency)
    except MoneyError as error:
        raise node.fail(
            msg(
                "the amount {amount} {currency} is not valid: {problem}",
                amount=text,
                currency=code,
                problem=error_message(error),
            )
        ) from None
    return value.quantize(quantum(currency)), currency


def signed(value: Decimal, indicator: str) -> Decimal:
    return -value if indicator == "DBIT" else value


def indicator(parent: Node, *, required: bool = True) -> str:
    """CRDT or DBIT (``CdtDbtInd``)."""
    value = parent.value("CdtDbtInd")
    if value in ("CRDT", "DBIT"):
        return value
    if not value and not required:
        return ""
    raise parent.fail(
        msg("the credit/debit indicator must be CRDT or DBIT, found {found}", found=repr(value)),
        below="CdtDbtInd",
    )


def date_of(parent: Node, name: str) -> date | None:
    """The date in ``name/Dt`` or ``name/DtTm`` (the date as written, before any offset)."""
    node = parent.find(name)
    if node is None:
        return None
    text = node.value("Dt")
    try:
        if text:
            return date.fromisoformat(text)
        text = node.value("DtTm")
        if text:
            return datetime.fromisoformat(text).date()
    except ValueError:
        raise node.fail(msg("not a date: {text}", text=repr(text))) from None
    raise node.fail(msg("the date (Dt or DtTm) is missing"))


def datetime_of(parent: Node, name: str) -> datetime | None:
    value = parent.value(name)
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise parent.fail(
            msg("not a date and time: {text}", text=repr(value)), below=name
        ) from None


def code_or_text(parent: Node, name: str) -> str:
    """A code given as ``<Sts>BOOK</Sts>`` (up to version 5) or ``<Sts><Cd>BOOK</Cd></Sts>``."""
    node = parent.find(name)
    if node is None:
        return ""
    return node.text.strip() or node.value("Cd") or node.value("Prtry")


def account_id(parent: Node, name: str) -> str:
    """An account's IBAN or other id (``Acct/Id/IBAN`` or ``Acct/Id/Othr/Id``)."""
    node = parent.find(name)
    if node is None:
        return ""
    return node.value("Id/IBAN") or node.value("Id/Othr/Id")
