"""The fields of each BgMax record type (DOMAIN.md 3.2), read from one 80-character record.

Positions are 1-based and inclusive, as in Bankgirot's manual. Numbers the file uses for
checking (amounts, counts, dates) must be exactly what the layout says; numbers that only
describe the payer (bankgiro, organisation number) are read leniently, because Bankgirot's
own example files have them misaligned by a blank.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import NamedTuple

from finqr_desktop.domain.messages import msg
from finqr_desktop.domain.money import MoneyError, check_currency
from finqr_desktop.domain.payment_matching import ReferenceKind

from .bgmax_text import RawRecord
from .errors import BankFileError

OERE = Decimal("0.01")

# BgMax reference codes (position 56) and how the reference is read (DOMAIN.md 3.2).
_REFERENCE_KINDS = {
    "2": ReferenceKind.OCR,
    "3": ReferenceKind.FREE,
    "4": ReferenceKind.FREE,
    "5": ReferenceKind.INCORRECT,
}
NO_REFERENCE_CODES = frozenset("01")


def text(record: RawRecord, start: int, end: int) -> str:
    return record.text[start - 1 : end]


def stripped(record: RawRecord, start: int, end: int) -> str:
    return text(record, start, end).strip()


def number(record: RawRecord, start: int, end: int, label: str) -> int:
    """A zero-filled number that must fill its field."""
    field = text(record, start, end)
    if not field.isascii() or not field.isdigit():
        problem = _not_digits(label, start, end, field.strip())
        if record.length < end:
            problem = msg(
                "{problem}; the record has only {length} characters: is the file cut short?",
                problem=problem,
                length=record.length,
            )
        raise BankFileError(problem, line=record.line)
    return int(field)


def loose_digits(record: RawRecord, start: int, end: int, label: str) -> str:
    """Digits of a descriptive number, leading zeros and surrounding blanks dropped."""
    field = stripped(record, start, end)
    if field and not (field.isascii() and field.isdigit()):
        raise BankFileError(_not_digits(label, start, end, field), line=record.line)
    return field.lstrip("0")


def _not_digits(label: str, start: int, end: int, found: str) -> str:
    return msg(
        "{label} (positions {start}-{end}) must be digits, found {found}",
        label=label,
        start=start,
        end=end,
        found=repr(found),
    )


def amount(record: RawRecord, start: int, end: int, label: str = msg("the amount")) -> Decimal:
    return (Decimal(number(record, start, end, label)) * OERE).quantize(OERE)


def yyyymmdd(record: RawRecord, start: int, end: int, label: str) -> date:
    field = text(record, start, end)
    try:
        if not field.isdigit():
            raise ValueError
        return date(int(field[:4]), int(field[4:6]), int(field[6:8]))
    except ValueError:
        raise BankFileError(
            msg(
                "{label} (positions {start}-{end}) is not a date YYYYMMDD: {found}",
                label=label,
                start=start,
                end=end,
                found=repr(field.strip()),
            ),
            line=record.line,
        ) from None


def currency(record: RawRecord, start: int, end: int) -> str:
    field = stripped(record, start, end)
    try:
        return check_currency(field)
    except MoneyError:
        raise BankFileError(
            msg(
                "the currency (positions {start}-{end}) is not a currency code: {found}",
                start=start,
                end=end,
                found=repr(field),
            ),
            line=record.line,
        ) from None


@dataclass(frozen=True)
class Start:
    line: int
    written: datetime
    is_test: bool


def read_start(record: RawRecord) -> Start:
    layout = stripped(record, 3, 22)
    if layout != "BGMAX":
        raise BankFileError(
            msg("the layout name is {layout}, not BGMAX", layout=repr(layout)), line=record.line
        )
    version = text(record, 23, 24)
    if version != "01":
        raise BankFileError(
            msg(
                "BgMax version {version} is not supported, only version 01",
                version=repr(version.strip()),
            ),
            line=record.line,
        )
    stamp = text(record, 25, 44)
    try:
        if not stamp.isdigit():
            raise ValueError
        written = datetime.strptime(stamp[:14], "%Y%m%d%H%M%S").replace(
            microsecond=int(stamp[14:])
        )
    except ValueError:
        raise BankFileError(
            msg(
                "the write time (positions 25-44) is not YYYYMMDDHHMMSS and microseconds: {found}",
                found=repr(stamp.strip()),
            ),
            line=record.line,
        ) from None
    mark = text(record, 45, 45)
    if mark not in ("T", "P"):
        raise BankFileError(
            msg("the test mark (position 45) must be T or P, found {found}", found=repr(mark)),
            line=record.line,
        )
    return Start(record.line, written, mark == "T")


@dataclass(frozen=True)
class Opening:
    line: int
    bankgiro: str
    plusgiro: str
    currency: str


def read_opening(record: RawRecord) -> Opening:
    bankgiro = loose_digits(record, 3, 12, msg("the payee's bankgiro number"))
    if not bankgiro:
        raise BankFileError(msg("the payee's bankgiro number is missing"), line=record.line)
    plusgiro = loose_digits(record, 13, 22, msg("the payee's plusgiro number"))
    return Opening(record.line, bankgiro, plusgiro, currency(record, 23, 25))


class Transaction(NamedTuple):
    """TK20 (payment), TK21 (deduction), TK22 and TK23 (extra references)."""

    line: int
    code: str
    payer_bankgiro: str
    reference_kind: ReferenceKind | None
    reference: str
    reference_code: str
    # Signed: TK21 and TK23 amounts are negative.
    amount: Decimal
    channel: str
    serial: str
    has_image: bool
    deduction_code: str


def read_transaction(record: RawRecord) -> Transaction:
    code = record.code
    value = amount(record, 38, 55)
    reference_code = text(record, 56, 56)
    if not reference_code.isdigit():
        raise BankFileError(
            msg(
                "the reference code (position 56) must be a digit, found {found}",
                found=repr(reference_code),
            ),
            line=record.line,
        )
    kind = None
    reference = ""
    if reference_code not in NO_REFERENCE_CODES:
        # Codes 6-9 are reserved; what they hold is kept as free text.
        kind = _REFERENCE_KINDS.get(reference_code, ReferenceKind.FREE)
        reference = stripped(record, 13, 37)
    serial = text(record, 58, 69)
    if code in ("20", "21") and not serial.strip():
        raise BankFileError(
            msg("the BGC serial number (positions 58-69) is missing"), line=record.line
        )
    return Transaction(
        line=record.line,
        code=code,
        payer_bankgiro=loose_digits(record, 3, 12, msg("the payer's bankgiro number")),
        reference_kind=kind,
        reference=reference,
        reference_code=reference_code,
        amount=-value if code in ("21", "23") else value,
        channel=text(record, 57, 57).strip(),
        serial=serial.strip(),
        has_image=text(record, 70, 70) == "1",
        deduction_code=text(record, 71, 71).strip() if code == "21" else "",
    )


@dataclass(frozen=True)
class Deposit:
    line: int
    bank_account: str
    payment_date: date
    serial: str
    amount: Decimal
    currency: str
    payment_count: int
    deposit_type: str


def read_deposit(record: RawRecord) -> Deposit:
    return Deposit(
        line=record.line,
        bank_account=loose_digits(record, 3, 37, msg("the payee's bank account number")),
        payment_date=yyyymmdd(record, 38, 45, msg("the payment date")),
        serial=stripped(record, 46, 50),
        amount=amount(record, 51, 68, msg("the deposit amount")),
        currency=currency(record, 69, 71),
        payment_count=number(record, 72, 79, msg("the number of payment records")),
        deposit_type=text(record, 80, 80).strip(),
    )


@dataclass(frozen=True)
class End:
    line: int
    payments: int
    deductions: int
    extra_references: int
    deposits: int


def read_end(record: RawRecord) -> End:
    return End(
        line=record.line,
        payments=number(record, 3, 10, msg("the number of payment records")),
        deductions=number(record, 11, 18, msg("the number of deduction records")),
        extra_references=number(record, 19, 26, msg("the number of extra reference records")),
        deposits=number(record, 27, 34, msg("the number of deposit records")),
    )
