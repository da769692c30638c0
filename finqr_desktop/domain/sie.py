"""SIE 4 files: verifications (type 4I content, #SIETYP 4) as the bytes the format asks for.

SIE is line based: one record per line, fields separated by spaces, text in quotes, lines
ended by CR LF, the whole file in code page 437 ("#FORMAT PC8"). A text field can therefore
carry neither a line break nor an unescaped quote; ``quoted`` is the one place that makes
any text safe, and ``sie_file`` names every text it could not write exactly (a character
code page 437 lacks, spelled otherwise or as "?": ``cp437_text``). Amounts are in the
company's currency with a point and two decimals, debit positive and credit negative, and
every verification must sum to exactly zero: ``sie_file`` refuses one that does not rather
than write a file the receiving program would reject.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from .cp437_text import ENCODING, exact, flattened, one_line
from .errors import RuleViolation
from .messages import Message, msg

logger = logging.getLogger(__name__)

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
    # The row's own text (#TRANS transtext), where the verification's says too little:
    # the fee and the compensation of one reminder, booked on two accounts.
    text: str = ""


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


@dataclass(frozen=True)
class SieFile:
    data: bytes
    # Each text not written exactly, as a message that names where it is and how it reads.
    inexact: tuple[Message, ...]


def quoted(text: str) -> str:
    """``text`` as one SIE field: in quotes, with quotes and backslashes escaped.

    The text is first made one line of code page 437 characters (``cp437_text``: "–"
    is written "-", "ź" is "z", what has no spelling there "?"). A backslash is doubled so
    that a reader that takes the backslash as the escape character (as the format does for
    quotes) gets it back unchanged.
    """
    escaped = one_line(text).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped + '"'


def amount_text(amount: Decimal) -> str:
    """An amount as SIE writes it: "1250.00", "-0.40"."""
    value = amount.quantize(CENT)
    if value == 0:
        value = abs(value)
    return format(value, "f")


def sie_bytes(
    header: Header, accounts: Mapping[str, str], verifications: Iterable[Verification]
) -> bytes:
    """The whole file, as ``sie_file`` writes it."""
    return sie_file(header, accounts, verifications).data


def sie_file(
    header: Header, accounts: Mapping[str, str], verifications: Iterable[Verification]
) -> SieFile:
    """The whole file: header, the accounts with their names, then each verification,
    and the texts it could not hold exactly.

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
    inexact = _inexact(header, accounts, verifications)
    logger.debug("SIE file: %d verifications, %d inexact texts", len(verifications), len(inexact))
    return SieFile(text.encode(ENCODING), inexact)


def _inexact(
    header: Header, accounts: Mapping[str, str], verifications: list[Verification]
) -> tuple[Message, ...]:
    places = [(msg("the company name"), header.company_name)]
    places += [
        (msg("the name of account {account}", account=number), accounts[number])
        for number in sorted(accounts)
    ]
    for verification in verifications:
        where = msg(
            "verification {series}{number}",
            series=verification.series,
            number=verification.number,
        )
        places.append((where, verification.text))
        places += [
            (msg("{where}, account {account}", where=where, account=row.account), row.text)
            for row in verification.transactions
            if row.text
        ]
    return tuple(
        msg(
            '{place}: "{text}" is written as "{written}": the SIE '
            "file's code page 437 lacks some of its characters",
            place=place,
            text=flattened(text),
            written=one_line(text),
        )
        for place, text in places
        if not exact(text)
    )


def _verification_lines(verification: Verification) -> list[str]:
    day = _day(verification.date)
    head = (
        f"#VER {quoted(verification.series)} {verification.number} {day} "
        f"{quoted(verification.text)}"
    )
    return [head, "{", *(_transaction_line(t, day) for t in verification.transactions), "}"]


def _transaction_line(transaction: Transaction, day: str) -> str:
    line = f"#TRANS {transaction.account} {{}} {amount_text(transaction.amount)}"
    if not transaction.text:
        return line
    # The text is the field after the row's date; the date is written out (the
    # verification's own) rather than left empty, which not every reader accepts.
    return f"{line} {day} {quoted(transaction.text)}"


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
