"""SIE 4 files: verifications (type 4I content, #SIETYP 4) as the bytes the format asks for.

SIE is line based: one record per line, fields separated by spaces, text in quotes, lines
ended by CR LF, the whole file in code page 437 ("#FORMAT PC8"). A text field can therefore
carry neither a line break nor an unescaped quote; ``quoted`` is the one place that makes
any text safe. Amounts are in the company's currency with a point and two decimals, debit
positive and credit negative, and every verification must sum to exactly zero: ``sie_bytes``
refuses one that does not rather than write a file the receiving program would reject.
"""

from __future__ import annotations

import datetime as dt
import logging
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from .errors import RuleViolation
from .messages import msg

logger = logging.getLogger(__name__)

ENCODING = "cp437"
NEWLINE = "\r\n"
CENT = Decimal("0.01")
# The chart the BAS account plan has been published under since 1997; the receiving
# program only uses it as a hint.
CHART_TYPE = "EUBAS97"


class SieError(RuleViolation):
    """A verification that cannot be written as it stands (it does not balance, say)."""


@dataclass(frozen=True)
class Transaction:
    """One row of a verification: debit positive, credit negative, in the company currency."""

    account: str
    amount: Decimal


@dataclass(frozen=True)
class Verification:
    series: str
    number: int
    date: dt.date
    text: str
    transactions: tuple[Transaction, ...]

    @property
    def imbalance(self) -> Decimal:
        return sum((t.amount for t in self.transactions), Decimal(0))


@dataclass(frozen=True)
class Header:
    """The identification records every SIE file starts with."""

    program: str
    version: str
    generated: dt.date
    company_name: str
    org_number: str
    # Financial years as (start, end), the current one first (#RAR 0, -1, ...).
    years: tuple[tuple[dt.date, dt.date], ...]
    currency: str = "SEK"


def quoted(text: str) -> str:
    """``text`` as one SIE field: in quotes, with quotes and backslashes escaped.

    Line breaks, tabs and other control characters become spaces (a record is one line);
    characters code page 437 lacks fall back to their base letter ("é" is in it, "ő"
    becomes "o") or, failing that, to "?". A backslash is doubled so that a reader that
    takes the backslash as the escape character (as the format does for quotes) gets it
    back unchanged.
    """
    out = []
    for char in unicodedata.normalize("NFC", str(text)):
        if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
            char = " "
        elif char == "\\":
            char = "\\\\"
        elif char == '"':
            char = '\\"'
        elif not _encodable(char):
            char = _fallback(char)
        out.append(char)
    return '"' + "".join(out) + '"'


def amount_text(amount: Decimal) -> str:
    """An amount as SIE writes it: "1250.00", "-0.40"."""
    value = amount.quantize(CENT)
    if value == 0:
        value = abs(value)
    return format(value, "f")


def sie_bytes(
    header: Header, accounts: Mapping[str, str], verifications: Iterable[Verification]
) -> bytes:
    """The whole file: header, the accounts with their names, then each verification.

    ``accounts`` maps account number to name; every account a transaction uses must be
    in it, so the receiving program can create any it lacks.
    """
    verifications = list(verifications)
    for verification in verifications:
        _check(verification, accounts)
    lines = [
        "#FLAGGA 0",
        "#FORMAT PC8",
        "#SIETYP 4",
        f"#PROGRAM {quoted(header.program)} {quoted(header.version)}",
        f"#GEN {_day(header.generated)}",
        f"#FNAMN {quoted(header.company_name)}",
    ]
    if header.org_number.strip():
        lines.append(f"#ORGNR {header.org_number.strip()}")
    for index, (start, end) in enumerate(header.years):
        lines.append(f"#RAR {-index} {_day(start)} {_day(end)}")
    lines += [f"#KPTYP {CHART_TYPE}", f"#VALUTA {header.currency}"]
    for number in sorted(accounts):
        lines.append(f"#KONTO {number} {quoted(accounts[number])}")
    for verification in verifications:
        lines += _verification_lines(verification)
    text = NEWLINE.join(lines) + NEWLINE
    logger.debug("SIE file: %d verifications", len(verifications))
    return text.encode(ENCODING)


def _verification_lines(verification: Verification) -> list[str]:
    day = _day(verification.date)
    head = (
        f"#VER {quoted(verification.series)} {verification.number} {day} "
        f"{quoted(verification.text)}"
    )
    rows = [f"#TRANS {t.account} {{}} {amount_text(t.amount)}" for t in verification.transactions]
    return [head, "{", *rows, "}"]


def _check(verification: Verification, accounts: Mapping[str, str]) -> None:
    where = msg(
        "verification {series}{number} ({text})",
        series=verification.series,
        number=verification.number,
        text=verification.text,
    )
    if not verification.transactions:
        raise SieError(msg("{where} has no transactions", where=where))
    if all(transaction.amount == 0 for transaction in verification.transactions):
        # Rows that summed to zero per account: one account served two roles in it.
        used = ", ".join(sorted({t.account for t in verification.transactions}))
        raise SieError(
            msg(
                "{where}: its amounts cancel to nothing on account {used}; does one account "
                "serve two roles?",
                where=where,
                used=used,
            )
        )
    for transaction in verification.transactions:
        if transaction.amount != transaction.amount.quantize(CENT):
            raise SieError(
                msg(
                    "{where}: {amount} is not in whole öre", where=where, amount=transaction.amount
                )
            )
        if transaction.account not in accounts:
            raise SieError(
                msg(
                    "{where}: account {account} is not in the chart",
                    where=where,
                    account=transaction.account,
                )
            )
    if verification.imbalance != 0:
        raise SieError(
            msg(
                "{where} does not balance: off by {imbalance}",
                where=where,
                imbalance=verification.imbalance,
            )
        )


def _day(value: dt.date) -> str:
    return value.strftime("%Y%m%d")


def _encodable(char: str) -> bool:
    try:
        char.encode(ENCODING)
    except UnicodeEncodeError:
        return False
    return True


def _fallback(char: str) -> str:
    base = unicodedata.normalize("NFKD", char)
    kept = "".join(c for c in base if not unicodedata.combining(c) and _encodable(c))
    return kept if kept and kept.isprintable() else "?"
