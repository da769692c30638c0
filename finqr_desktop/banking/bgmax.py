"""Reading a BgMax file (Bankgirot's incoming-payment report) into a ``BankFile``.

The file is taken whole or not at all: a record out of place, a deposit whose payments do
not add up to its amount, end-record counts that differ from the records present, or a file
that stops before its end record, each raise ``BankFileError`` with the line and the
reason. Record types the reader does not know are skipped with a note, as Bankgirot's
manual tells readers to do (DOMAIN.md 3.1); that cannot lose a payment unnoticed, since a
payment in such a record would still be counted in its deposit's amount and count, which
would then not add up.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from decimal import Decimal

from finqr_desktop.domain.messages import msg

from .bgmax_records import (
    Deposit,
    End,
    Opening,
    Start,
    Transaction,
    loose_digits,
    read_deposit,
    read_end,
    read_opening,
    read_start,
    read_transaction,
    stripped,
    text,
)
from .bgmax_text import RECORD_LENGTH, RawRecord, decode_bgmax, split_records
from .errors import BankFileError
from .model import (
    AccountReport,
    BankFile,
    BankFormat,
    BankPayment,
    BankReference,
    Note,
    Payer,
    PaymentKind,
    Progress,
    with_unique_identities,
)

logger = logging.getLogger(__name__)

_DETAIL_CODES = frozenset({"22", "23", "25", "26", "27", "28", "29"})
_KNOWN_CODES = frozenset({"01", "05", "15", "20", "21", "70"}) | _DETAIL_CODES


def read_bgmax(data: bytes, progress: Progress | None = None) -> BankFile:
    """The payments of a BgMax file, every deposit checked against its amount and count
    and the file against its end record."""
    text = decode_bgmax(data)
    notes: list[Note] = []
    reader = _Reader(notes)
    # Progress by position in the text: the records are read one at a time.
    size = max(len(text), 1)
    step = max(size // (50 * RECORD_LENGTH), 1)
    last_line = None
    for count, record in enumerate(split_records(text, notes), start=1):
        reader.take(record)
        last_line = record.line
        if progress is not None and count % step == 0:
            progress(min(count * RECORD_LENGTH / size, 0.99))
    bank_file = reader.finish(last_line)
    if progress is not None:
        progress(1.0)
    return bank_file


@dataclass
class _Payment:
    """A TK20 or TK21 with the records that follow it, until its deposit is known."""

    transaction: Transaction
    extras: list[Transaction] = field(default_factory=list)
    information: list[str] = field(default_factory=list)
    payer: dict[str, str] = field(default_factory=dict)


@dataclass
class _Section:
    opening: Opening
    payments: list[_Payment] = field(default_factory=list)


class _Reader:
    def __init__(self, notes: list[Note]):
        self.notes = notes
        self.start: Start | None = None
        self.end: End | None = None
        self.section: _Section | None = None
        self.reports: list[AccountReport] = []
        self.counts = {"20": 0, "21": 0, "22": 0, "23": 0, "15": 0}

    def take(self, record: RawRecord) -> None:
        code = record.code
        if not code.isdigit():
            raise BankFileError(
                msg(
                    "this is not a BgMax record: it starts with {code}, not a two-digit "
                    "transaction code",
                    code=repr(code),
                ),
                line=record.line,
            )
        if self.end is not None:
            raise BankFileError(
                msg(
                    "a record (type {code}) after the end record (70) of line {end}",
                    code=code,
                    end=self.end.line,
                ),
                line=record.line,
            )
        if self.start is None and code != "01":
            raise BankFileError(
                msg(
                    "a BgMax file begins with a start record (01), this one with type {code}",
                    code=code,
                ),
                line=record.line,
            )
        if code not in _KNOWN_CODES:
            self.notes.append(
                Note(record.line, msg("record type {code} is unknown; skipped", code=code))
            )
            return
        if code in self.counts:
            self.counts[code] += 1
        if code == "01":
            self._start(record)
        elif code == "05":
            self._open(record)
        elif code in ("20", "21"):
            self._transaction(record)
        elif code in _DETAIL_CODES:
            self._detail(record)
        elif code == "15":
            self._deposit(read_deposit(record))
        else:
            self._end(read_end(record))

    def _start(self, record: RawRecord) -> None:
        if self.start is not None:
            raise BankFileError(
                msg(
                    "a second start record (01); the first is on line {first}",
                    first=self.start.line,
                ),
                line=record.line,
            )
        self.start = read_start(record)

    def _open(self, record: RawRecord) -> None:
        if self.section is not None:
            raise BankFileError(
                msg(
                    "an opening record (05) before the deposit record (15) that closes the "
                    "deposit opened on line {opened}",
                    opened=self.section.opening.line,
                ),
                line=record.line,
            )
        self.section = _Section(read_opening(record))

    def _transaction(self, record: RawRecord) -> None:
        if self.section is None:
            raise BankFileError(
                msg(
                    "{record} ({code}) outside a deposit: no opening record (05) before it",
                    record=_NAMES[record.code],
                    code=record.code,
                ),
                line=record.line,
            )
        self.section.payments.append(_Payment(read_transaction(record)))

    def _detail(self, record: RawRecord) -> None:
        code = record.code
        if self.section is None or not self.section.payments:
            raise BankFileError(
                msg(
                    "{record} ({code}) must follow a payment (20) or deduction (21) record",
                    record=_NAMES[code],
                    code=code,
                ),
                line=record.line,
            )
        payment = self.section.payments[-1]
        if code in ("22", "23"):
            payment.extras.append(read_transaction(record))
        elif code == "25":
            payment.information.append(stripped(record, 3, 52))
        elif code == "26":
            payment.payer.setdefault("name", stripped(record, 3, 37))
            payment.payer.setdefault("extra_name", stripped(record, 38, 72))
        elif code == "27":
            payment.payer.setdefault("street", stripped(record, 3, 37))
            payment.payer.setdefault("postal_code", stripped(record, 38, 46))
        elif code == "28":
            payment.payer.setdefault("town", stripped(record, 3, 37))
            payment.payer.setdefault("country", stripped(record, 38, 72))
            payment.payer.setdefault("country_code", text(record, 73, 74).strip())
        else:
            number = loose_digits(record, 3, 14, msg("the payer's organisation number"))
            payment.payer.setdefault("org_number", number)

    def _deposit(self, deposit: Deposit) -> None:
        section = self.section
        if section is None:
            raise BankFileError(
                msg("a deposit record (15) without an opening record (05) before it"),
                line=deposit.line,
            )
        opening = section.opening
        if deposit.currency != opening.currency:
            raise BankFileError(
                msg(
                    "the deposit is in {currency}, but its opening record (line {opened}) says "
                    "{opening_currency}",
                    currency=deposit.currency,
                    opened=opening.line,
                    opening_currency=opening.currency,
                ),
                line=deposit.line,
            )
        if deposit.payment_count != len(section.payments):
            raise BankFileError(
                msg(
                    "the deposit record counts {said} payment and deduction records, the "
                    "deposit opened on line {opened} has {found}",
                    said=deposit.payment_count,
                    opened=opening.line,
                    found=len(section.payments),
                ),
                line=deposit.line,
            )
        total = sum((p.transaction.amount for p in section.payments), Decimal("0.00"))
        if total != deposit.amount:
            raise BankFileError(
                msg(
                    "the deposit amount is {amount} {currency}, but the payments less "
                    "deductions from line {opened} add up to {total}",
                    amount=deposit.amount,
                    currency=deposit.currency,
                    opened=opening.line,
                    total=total,
                ),
                line=deposit.line,
            )
        payments = [self._payment(p, opening, deposit) for p in section.payments]
        self.reports.append(
            AccountReport(
                account=opening.bankgiro,
                currency=opening.currency,
                date=deposit.payment_date,
                identifier=deposit.serial,
                total=deposit.amount,
                payments=tuple(payments),
                line=opening.line,
                bank_account=deposit.bank_account,
            )
        )
        self.section = None

    def _payment(self, draft: _Payment, opening: Opening, deposit: Deposit) -> BankPayment:
        main = draft.transaction
        references = []
        if main.reference_kind is not None:
            references.append(BankReference(main.reference_kind, main.reference, main.line))
        for extra in draft.extras:
            if extra.reference_kind is not None and extra.reference:
                # A zero amount means the bank did not split the payment (DOMAIN.md 3.3).
                part = extra.amount or None
                references.append(
                    BankReference(extra.reference_kind, extra.reference, extra.line, part)
                )
        for transaction in (main, *draft.extras):
            if transaction.reference_code not in "012345":
                self.notes.append(
                    Note(
                        transaction.line,
                        msg(
                            "reference code {code} is reserved; the reference is read as free "
                            "text",
                            code=transaction.reference_code,
                        ),
                    )
                )
        self._check_split(draft)
        return BankPayment(
            identity=f"bgmax:{opening.bankgiro}:{deposit.payment_date:%Y%m%d}:{main.serial}",
            kind=PaymentKind.PAYMENT if main.code == "20" else PaymentKind.DEDUCTION,
            amount=main.amount,
            currency=opening.currency,
            booking_date=deposit.payment_date,
            value_date=None,
            references=tuple(references),
            message="\n".join(filter(None, draft.information)),
            payer=Payer(account=main.payer_bankgiro, **draft.payer),
            bank_reference=main.serial,
            line=main.line,
            channel=main.channel,
            deduction_code=main.deduction_code,
            has_image=main.has_image,
        )

    def _check_split(self, draft: _Payment) -> None:
        parts = [extra.amount for extra in draft.extras]
        if parts and all(parts) and sum(parts) != draft.transaction.amount:
            self.notes.append(
                Note(
                    draft.transaction.line,
                    msg(
                        "the extra references' amounts add up to {total}, not to the payment's "
                        "{amount}; the split is not used",
                        total=sum(parts),
                        amount=draft.transaction.amount,
                    ),
                )
            )

    def _end(self, end: End) -> None:
        if self.section is not None:
            raise BankFileError(
                msg(
                    "the end record (70) comes before the deposit record (15) of the deposit "
                    "opened on line {opened}",
                    opened=self.section.opening.line,
                ),
                line=end.line,
            )
        expected = {
            msg("payment (20)"): (end.payments, self.counts["20"]),
            msg("deduction (21)"): (end.deductions, self.counts["21"]),
            msg("extra reference (22 and 23)"): (
                end.extra_references,
                self.counts["22"] + self.counts["23"],
            ),
            msg("deposit (15)"): (end.deposits, self.counts["15"]),
        }
        for name, (said, found) in expected.items():
            if said != found:
                raise BankFileError(
                    msg(
                        "the end record counts {said} {record} records, the file has {found}",
                        said=said,
                        record=name,
                        found=found,
                    ),
                    line=end.line,
                )
        self.end = end

    def finish(self, last_line: int | None) -> BankFile:
        if self.start is None:
            raise BankFileError(msg("the file is empty"))
        if self.end is None:
            if self.section is not None:
                where = msg(
                    "inside the deposit opened on line {opened}", opened=self.section.opening.line
                )
            else:
                where = msg("after the last deposit")
            raise BankFileError(
                msg(
                    "the file ends {where}, without the end record (70): it is incomplete",
                    where=where,
                ),
                line=last_line,
            )
        reports = with_unique_identities(self.reports)
        logger.debug("read BgMax file: %d deposits", len(reports))
        return BankFile(
            format=BankFormat.BGMAX,
            created=self.start.written,
            is_test=self.start.is_test,
            message_id="",
            reports=tuple(reports),
            notes=tuple(self.notes),
        )


# Whole phrases ("a payment record", not "a payment" + " record"), so that a translation
# can place the word for record where its language wants it.
_NAMES = {
    "20": msg("a payment record"),
    "21": msg("a deduction record"),
    "22": msg("an extra reference record"),
    "23": msg("an extra reference record"),
    "25": msg("an information record"),
    "26": msg("a name record"),
    "27": msg("an address record"),
    "28": msg("an address record"),
    "29": msg("an organisation number record"),
}
