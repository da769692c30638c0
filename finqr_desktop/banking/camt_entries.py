"""One camt entry (``Ntry``) to the payments it holds.

What is taken: booked credit entries (money received), and booked debit entries marked as
reversals (``RvslInd`` true: an earlier payment returned, read as a negative payment for
the clerk to look at). What is left out, with a note: debit entries (money paid out is no
customer payment), reversed debits, and entries not yet booked (pending or information
only). A batched entry (several ``TxDtls``) gives one payment per transaction; their
amounts must add up to the entry's, and to the batch's own count and total where it gives
them, or the file is refused. What the payer ordered in another currency and the bank's
exchange rates are read beside the booked amounts (camt_exchange).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from finqr_desktop.domain.messages import msg
from finqr_desktop.domain.payment_matching import ReferenceKind, compact_reference

from .camt_exchange import Exchange, combined, read_exchange
from .camt_values import account_id, amount, code_or_text, date_of, indicator, signed
from .camt_xml import Node
from .model import BankPayment, BankReference, Note, Payer, PaymentKind

logger = logging.getLogger(__name__)


@dataclass
class EntryResult:
    """The payments an entry gives, and what the reader has to say about it."""

    payments: list[BankPayment] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    skipped: str = ""


@dataclass(frozen=True)
class Entry:
    node: Node
    amount: Decimal
    currency: str
    indicator: str
    reversal: bool
    status: str

    @property
    def signed_amount(self) -> Decimal:
        return signed(self.amount, self.indicator)


def read_entry_header(node: Node) -> Entry:
    value, currency = amount(node, "Amt")
    status = code_or_text(node, "Sts")
    if not status:
        raise node.fail(msg("the entry's status (Sts) is missing"), below="Sts")
    reversal = node.value("RvslInd").lower() in ("true", "1")
    return Entry(node, value, currency, indicator(node), reversal, status)


def read_entry(entry: Entry, account: str) -> EntryResult:
    node = entry.node
    if entry.status != "BOOK":
        return EntryResult(skipped=msg("not booked (status {status})", status=entry.status))
    if entry.indicator == "DBIT" and not entry.reversal:
        return EntryResult(skipped=msg("a debit (money paid out)"))
    if entry.indicator == "CRDT" and entry.reversal:
        return EntryResult(skipped=msg("a reversed debit"))
    booked = date_of(node, "BookgDt") or date_of(node, "ValDt")
    if booked is None:
        raise node.fail(
            msg("the entry has neither a booking date nor a value date"), below="BookgDt"
        )
    transactions = [tx for details in node.all("NtryDtls") for tx in details.all("TxDtls")]
    _check_batches(entry)
    result = EntryResult()
    exchange = read_exchange(node, entry.amount, entry.currency)
    result.notes += exchange.notes
    if len(transactions) <= 1:
        tx = transactions[0] if transactions else None
        if tx is not None:
            _note_differing_amount(entry, tx, result)
        own = _exchange(tx, entry.amount, entry, exchange, result, whole_entry=True)
        result.payments.append(_payment(entry, tx, entry.amount, booked, account, None, own))
        return result
    total = Decimal(0)
    for index, tx in enumerate(transactions, start=1):
        tx_amount = _transaction_amount(entry, tx)
        tx_indicator = indicator(tx, required=False) or entry.indicator
        total += signed(tx_amount, tx_indicator)
        if tx_indicator != entry.indicator:
            result.notes.append(
                Note(
                    tx.line,
                    msg(
                        "a {transaction} transaction inside a {entry} entry; left out",
                        transaction=tx_indicator,
                        entry=entry.indicator,
                    ),
                )
            )
            continue
        own = _exchange(tx, tx_amount, entry, exchange, result, whole_entry=False)
        result.payments.append(_payment(entry, tx, tx_amount, booked, account, index, own))
    if total != entry.signed_amount:
        raise node.fail(
            msg(
                "the entry's {count} transactions add up to {total} {currency}, the entry says "
                "{amount}",
                count=len(transactions),
                total=total,
                currency=entry.currency,
                amount=entry.signed_amount,
            )
        )
    return result


def _exchange(
    tx: Node | None,
    value: Decimal,
    entry: Entry,
    of_entry: Exchange,
    result: EntryResult,
    *,
    whole_entry: bool,
) -> Exchange:
    own = read_exchange(tx, value, entry.currency)
    found = combined(own, of_entry, whole_entry=whole_entry)
    result.notes += own.notes + found.notes
    return found


def _transaction_amount(entry: Entry, tx: Node) -> Decimal:
    found = amount(tx, "AmtDtls/TxAmt/Amt", required=False) or amount(tx, "Amt", required=False)
    if found is None:
        raise tx.fail(
            msg("a transaction of a batched entry has no amount (AmtDtls/TxAmt/Amt or Amt)")
        )
    value, currency = found
    if currency != entry.currency:
        raise tx.fail(
            msg(
                "the transaction is in {currency}, its entry in {entry_currency}; a batched "
                "entry's transactions must be in the entry's currency",
                currency=currency,
                entry_currency=entry.currency,
            )
        )
    return value


def _note_differing_amount(entry: Entry, tx: Node, result: EntryResult) -> None:
    found = amount(tx, "AmtDtls/TxAmt/Amt", required=False) or amount(tx, "Amt", required=False)
    if found is not None and found != (entry.amount, entry.currency):
        result.notes.append(
            Note(
                tx.line,
                msg(
                    "the transaction says {amount} {currency}, its entry {entry_amount} "
                    "{entry_currency}; the entry's booked amount is used",
                    amount=found[0],
                    currency=found[1],
                    entry_amount=entry.amount,
                    entry_currency=entry.currency,
                ),
            )
        )


def _check_batches(entry: Entry) -> None:
    for details in entry.node.all("NtryDtls"):
        transactions = details.all("TxDtls")
        if not transactions:
            continue  # a batch given as its summary only
        count = sum(count_of(batch, "NbOfTxs") or 0 for batch in details.all("Btch"))
        if details.all("Btch") and count and count != len(transactions):
            raise details.fail(
                msg(
                    "the batch says {count} transactions, the entry details hold {found}",
                    count=count,
                    found=len(transactions),
                )
            )
        for batch in details.all("Btch"):
            stated = amount(batch, "TtlAmt", required=False)
            # One transaction takes the entry's amount whatever it says itself (read_entry).
            if stated is None or len(details.all("Btch")) > 1 or len(transactions) < 2:
                continue
            parts = [_transaction_amount(entry, tx) for tx in transactions]
            if stated != (sum(parts), entry.currency):
                raise batch.fail(
                    msg(
                        "the batch total is {amount} {currency}, its transactions add up to "
                        "{total} {entry_currency}",
                        amount=stated[0],
                        currency=stated[1],
                        total=sum(parts),
                        entry_currency=entry.currency,
                    )
                )


def count_of(parent: Node, name: str) -> int | None:
    """A count element (``NbOfTxs``, ``NbOfNtries``), None when absent."""
    text = parent.value(name)
    if not text:
        return None
    if not (text.isascii() and text.isdigit()):
        raise parent.fail(msg("not a count: {text}", text=repr(text)), below=name)
    return int(text)


def _payment(
    entry: Entry,
    tx: Node | None,
    value: Decimal,
    booked: date,
    account: str,
    index: int | None,
    exchange: Exchange,
) -> BankPayment:
    node = entry.node
    source = tx if tx is not None else node
    reversal = entry.indicator == "DBIT"
    references = _references(tx) if tx is not None else ()
    message = _message(tx) if tx is not None else node.value("AddtlNtryInf")
    payer = _payer(tx, reversal) if tx is not None else Payer()
    bank_reference = (
        (tx.value("Refs/AcctSvcrRef") if tx is not None else "")
        or node.value("AcctSvcrRef")
        or (tx.value("Refs/EndToEndId") if tx is not None else "")
        or node.value("NtryRef")
    )
    return BankPayment(
        identity=_identity(entry, tx, value, booked, account, index, payer, message),
        kind=PaymentKind.REVERSAL if reversal else PaymentKind.PAYMENT,
        amount=-value if reversal else value,
        currency=entry.currency,
        booking_date=booked,
        value_date=date_of(node, "ValDt"),
        references=references,
        message=message,
        payer=payer,
        bank_reference=bank_reference,
        line=source.line,
        channel=_transaction_code(tx) or _transaction_code(node),
        instructed_amount=exchange.instructed[0] if exchange.instructed else None,
        instructed_currency=exchange.instructed[1] if exchange.instructed else "",
        exchange_rates=tuple(exchange.rates),
        rate_problem=exchange.problem,
    )


def _identity(
    entry: Entry,
    tx: Node | None,
    value: Decimal,
    booked: date,
    account: str,
    index: int | None,
    payer: Payer,
    message: str,
) -> str:
    """See model.py for the order in which references are preferred."""
    node = entry.node
    suffix = f"/{index}" if index is not None else ""
    kind = "reversal:" if entry.indicator == "DBIT" else ""
    end_to_end = tx.value("Refs/EndToEndId") if tx is not None else ""
    if tx is not None and tx.value("Refs/AcctSvcrRef"):
        reference = tx.value("Refs/AcctSvcrRef")
    elif node.value("AcctSvcrRef"):
        reference = node.value("AcctSvcrRef") + suffix
    elif node.value("NtryRef"):
        reference = node.value("NtryRef") + suffix
    elif end_to_end and end_to_end.upper() != "NOTPROVIDED":
        reference = f"{end_to_end}:{booked.isoformat()}:{value}"
    else:
        text = "|".join([booked.isoformat(), str(value), entry.currency, payer.name, message])
        reference = "sha1-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
    return f"camt:{account}:{kind}{reference}"


def _references(tx: Node) -> tuple[BankReference, ...]:
    references = []
    for structured in tx.find_all("RmtInf/Strd"):
        for creditor in structured.all("CdtrRefInf"):
            value = creditor.value("Ref")
            if value:
                # A proprietary type (Tp/CdOrPrtry/Prtry) counts as a code that is not SCOR.
                code = creditor.value("Tp/CdOrPrtry/Cd") or creditor.value("Tp/CdOrPrtry/Prtry")
                kind = _creditor_reference_kind(code, value)
                references.append(BankReference(kind, value, creditor.line))
        for document in structured.all("RfrdDocInf"):
            if document.value("Nb"):
                references.append(
                    BankReference(
                        ReferenceKind.INVOICE_NUMBER, document.value("Nb"), document.line
                    )
                )
    return tuple(references)


def _creditor_reference_kind(code: str, value: str) -> ReferenceKind:
    """SCOR (or an untyped reference) of digits is an OCR, one starting RF an RF reference;
    anything else (a proprietary type such as Swiss QRR, or letters) is free text."""
    compact = compact_reference(value)
    if code not in ("", "SCOR"):
        return ReferenceKind.FREE
    if compact.startswith("RF"):
        return ReferenceKind.RF
    return ReferenceKind.OCR if compact.isdigit() else ReferenceKind.FREE


def _message(tx: Node) -> str:
    parts = [node.text.strip() for node in tx.find_all("RmtInf/Ustrd")]
    parts += [node.text.strip() for node in tx.find_all("RmtInf/Strd/AddtlRmtInf")]
    parts.append(tx.value("AddtlTxInf"))
    return " ".join(part for part in parts if part)


def _payer(tx: Node, reversal: bool) -> Payer:
    # For a returned payment the customer is the creditor of the return, if the bank names
    # one; banks that repeat the original transaction's parties name it as the debtor.
    role = "Cdtr" if reversal and tx.find("RltdPties/Cdtr") is not None else "Dbtr"
    party = tx.find(f"RltdPties/{role}")
    if party is None:
        return Payer(account=account_id(tx, f"RltdPties/{role}Acct"))
    if party.child("Pty") is not None:  # version 8 wraps the party
        party = party.child("Pty")
    address = party.child("PstlAdr") or Node("PstlAdr", "", {}, party.line, party)
    lines = [node.text.strip() for node in address.all("AdrLine")]
    street = " ".join(filter(None, (address.value("StrtNm"), address.value("BldgNb"))))
    return Payer(
        name=party.value("Nm"),
        street=street or (lines[0] if lines else ""),
        postal_code=address.value("PstCd"),
        town=address.value("TwnNm") or (lines[1] if len(lines) > 1 else ""),
        country_code=address.value("Ctry"),
        org_number=party.value("Id/OrgId/Othr/Id"),
        account=account_id(tx, f"RltdPties/{role}Acct"),
    )


def _transaction_code(node: Node | None) -> str:
    if node is None:
        return ""
    parts = [node.value("BkTxCd/Domn/Cd"), node.value("BkTxCd/Domn/Fmly/Cd")]
    parts.append(node.value("BkTxCd/Domn/Fmly/SubFmlyCd"))
    return "/".join(part for part in parts if part) or node.value("BkTxCd/Prtry/Cd")
