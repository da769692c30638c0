"""What a bank file says, in one shape for BgMax and camt: plain frozen values.

The storage and service layers build on these, so every record keeps the line it came
from (for messages to the clerk) and every payment a stable ``identity`` that is the same
each time the same bank transaction is read, from the same file or another one:

* BgMax: ``bgmax:<payee bankgiro>:<deposit date YYYYMMDD>:<BGC serial number>``. The BGC
  serial number (TK20/TK21 positions 58-69) is Bankgirot's number of the payment.
* camt: ``camt:<account>:<reference>``, where the reference is the first one the bank gave
  of: the transaction's ``Refs/AcctSvcrRef``; the entry's ``AcctSvcrRef`` (with ``/n`` for
  the n-th transaction of a batched entry); the entry's ``NtryRef`` (likewise); the
  transaction's ``EndToEndId`` (unless ``NOTPROVIDED``) with booking date and amount; and
  last a digest of booking date, amount, payer and remittance text.

Should two payments of one file still get the same identity, the second and later ones get
``#2``, ``#3`` appended in file order, which is stable when the same file is read again.

A payment's ``amount`` is always what was booked on the account, in the account's currency.
What the payer ordered in another currency, and the bank's exchange rates, come beside it
(``instructed_amount``, ``exchange_rates``; camt_exchange.py says how they are read).
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal, localcontext

from finqr_desktop.domain.payment_matching import (
    PaymentReference,
    PaymentToMatch,
    ReferenceKind,
)

# Told the share of the file read so far (0.0 to 1.0), a few dozen times per file, for a
# progress bar; the reader still raises BankFileError if the rest turns out broken.
Progress = Callable[[float], None]

# As many significant digits as a payment's rate may have (services.payments accepts 12).
RATE_DIGITS = 12


class BankFormat(enum.StrEnum):
    BGMAX = "bgmax"
    CAMT053 = "camt.053"
    CAMT054 = "camt.054"


class PaymentKind(enum.StrEnum):
    # Money received from a payer (positive amount).
    PAYMENT = "payment"
    # BgMax TK21: a credit the payer took off, e.g. for a credit note (negative amount).
    DEDUCTION = "deduction"
    # camt: a credit returned to the payer, reversing an earlier payment (negative amount).
    REVERSAL = "reversal"


@dataclass(frozen=True)
class BankReference:
    """A reference as the file gave it. ``amount`` is the part of the payment the bank
    assigned to it (BgMax TK22 and, negative, TK23), None when it assigned none (a zero
    amount in the file means just that)."""

    kind: ReferenceKind
    value: str
    line: int
    amount: Decimal | None = None


@dataclass(frozen=True)
class Payer:
    name: str = ""
    extra_name: str = ""
    street: str = ""
    postal_code: str = ""
    town: str = ""
    country: str = ""
    country_code: str = ""
    org_number: str = ""
    # The payer's bankgiro number (BgMax) or account, IBAN or other id (camt); "" if unknown.
    account: str = ""


@dataclass(frozen=True)
class ExchangeRate:
    """A currency exchange the bank reported, its direction explicit: one ``unit`` is worth
    ``rate`` units of ``quoted`` (camt ``CcyXchg``: UnitCcy, XchgRate). ``source`` and
    ``target`` say which way the bank converted; ``amount_kind`` is the amount it came with
    (``InstdAmt``, ``TxAmt``, ``CntrValAmt``...)."""

    source: str
    target: str
    unit: str
    quoted: str
    rate: Decimal
    line: int
    amount_kind: str = ""
    contract: str = ""
    quoted_at: datetime | None = None

    def between(self, first: str, second: str) -> bool:
        return {self.unit, self.quoted} == {first, second}

    def factor(self, have: str, want: str) -> Decimal:
        """Units of ``want`` per one unit of ``have`` (both of this rate's currencies), to
        ``RATE_DIGITS`` significant digits: multiplied by an amount in ``have`` it gives
        the amount in ``want``."""
        if not self.between(have, want) or have == want:
            raise ValueError(f"the rate {self} is not between {have} and {want}")
        with localcontext(prec=RATE_DIGITS):
            value = +self.rate if have == self.unit else 1 / self.rate
        # 1 / 0.1 is 1E+1 at this precision; written out, it reads as the rate it is.
        return value if value.as_tuple().exponent <= 0 else value.quantize(Decimal(1))

    def __str__(self) -> str:
        return f"1 {self.unit} = {self.rate} {self.quoted}"


@dataclass(frozen=True)
class BankPayment:
    identity: str
    kind: PaymentKind
    amount: Decimal
    currency: str
    booking_date: date
    value_date: date | None
    references: tuple[BankReference, ...]
    message: str
    payer: Payer
    # The bank's own reference for the clerk: BGC serial number, AcctSvcrRef, EndToEndId.
    bank_reference: str
    line: int
    # BgMax payment channel code (1-4) or camt bank transaction code (PMNT/RCDT/ESCT).
    channel: str = ""
    # BgMax TK21 position 71; "" otherwise.
    deduction_code: str = ""
    # BgMax position 70: Bankgirot holds an image of the paper slip.
    has_image: bool = False
    # camt AmtDtls/InstdAmt: what the payer ordered, before charges, in the currency the
    # payer chose (may differ from ``currency``); None when the file does not say.
    instructed_amount: Decimal | None = None
    instructed_currency: str = ""
    # The bank's exchange rates for this payment, in the order camt_exchange prefers them.
    exchange_rates: tuple[ExchangeRate, ...] = ()
    # Why an exchange rate the file gave is not used ("" when none was refused).
    rate_problem: str = ""

    def rate_into(self, currency: str) -> ExchangeRate | None:
        """The bank's rate between exactly this payment's currency and ``currency``, None
        when the file gives none (a rate between other currencies is never chained)."""
        for rate in self.exchange_rates:
            if currency != self.currency and rate.between(self.currency, currency):
                return rate
        return None

    def for_matching(self) -> PaymentToMatch:
        """The payment as the domain's matching rules take it."""
        return PaymentToMatch(
            amount=self.amount,
            currency=self.currency,
            date=self.booking_date,
            references=tuple(
                PaymentReference(reference.kind, reference.value, reference.amount)
                for reference in self.references
            ),
            message=self.message,
            payer_name=" ".join(filter(None, (self.payer.name, self.payer.extra_name))),
        )


@dataclass(frozen=True)
class AccountReport:
    """One BgMax deposit section, or one camt statement or notification."""

    # The payee's bankgiro number (BgMax) or the account's IBAN or other id (camt).
    account: str
    currency: str
    # The deposit's payment date (BgMax), the statement's creation date (camt).
    date: date | None
    # The deposit serial number (BgMax), Stmt/Id or Ntfctn/Id (camt).
    identifier: str
    # BgMax: the deposit amount of TK15 (checked to equal the payments less deductions);
    # camt: the sum of the payments read (credits less reversals).
    total: Decimal
    payments: tuple[BankPayment, ...]
    line: int
    # BgMax TK15: the payee's bank account the deposit went to.
    bank_account: str = ""


@dataclass(frozen=True)
class Note:
    """Something the reader left out or tolerated, shown to the clerk with the preview."""

    line: int | None
    text: str

    def __str__(self) -> str:
        return self.text if self.line is None else f"line {self.line}: {self.text}"


@dataclass(frozen=True)
class BankFile:
    format: BankFormat
    # BgMax TK01 write time, camt GrpHdr/CreDtTm.
    created: datetime | None
    # BgMax test mark T; camt files carry none, so False.
    is_test: bool
    # camt GrpHdr/MsgId; "" for BgMax.
    message_id: str
    reports: tuple[AccountReport, ...]
    notes: tuple[Note, ...] = ()

    @property
    def payments(self) -> tuple[BankPayment, ...]:
        return tuple(payment for report in self.reports for payment in report.payments)

    def sums(self) -> dict[str, Decimal]:
        """Total of all payments (deductions and reversals subtracted) per currency."""
        sums: dict[str, Decimal] = defaultdict(Decimal)
        for payment in self.payments:
            sums[payment.currency] += payment.amount
        return dict(sums)


def with_unique_identities(reports: Sequence[AccountReport]) -> tuple[AccountReport, ...]:
    """The reports with ``#2``, ``#3``... appended to repeated payment identities, in order."""
    seen: dict[str, int] = defaultdict(int)
    result = []
    for report in reports:
        payments = []
        for payment in report.payments:
            seen[payment.identity] += 1
            count = seen[payment.identity]
            if count > 1:
                payment = replace(payment, identity=f"{payment.identity}#{count}")
            payments.append(payment)
        result.append(replace(report, payments=tuple(payments)))
    return tuple(result)
