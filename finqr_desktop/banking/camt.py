"""Reading ISO 20022 camt.053 (statements) and camt.054 (notifications), versions 2 to 8.

Elements are read by local name, so one reader serves every version; the namespace only
says which message and version the file is (DOMAIN.md 3.6). The file is refused whole when
it is not one of those messages, when a value is malformed, when a batched entry's
transactions do not add up, or when the totals the file carries itself disagree with its
entries: the transaction summary (``TxsSummry``: counts and sums of all, credit and debit
entries, and the net) and, in a statement, the opening plus the booked entries against the
closing balance.
"""

from __future__ import annotations

import logging
import re
from decimal import Decimal

from finqr_desktop.domain.messages import msg

from .camt_entries import Entry, count_of, read_entry, read_entry_header
from .camt_values import account_id, amount, code_or_text, datetime_of, indicator, signed
from .camt_xml import Node, parse_xml
from .errors import BankFileError
from .model import AccountReport, BankFile, BankFormat, Note, Progress, with_unique_identities

logger = logging.getLogger(__name__)

_NAMESPACE = re.compile(r"urn:iso:std:iso:20022:tech:xsd:camt\.(053|054)\.001\.(\d{2})")
_MESSAGES = {
    "053": (BankFormat.CAMT053, "BkToCstmrStmt", "Stmt"),
    "054": (BankFormat.CAMT054, "BkToCstmrDbtCdtNtfctn", "Ntfctn"),
}
SUPPORTED_VERSIONS = range(2, 9)


def read_camt(data: bytes, progress: Progress | None = None) -> BankFile:
    # Parsing is most of the work: it reports the first 80 %, the reports the rest.
    parsed = None if progress is None else (lambda share: progress(0.8 * share))
    root = parse_xml(data, parsed)
    match = _NAMESPACE.fullmatch(root.namespace)
    if root.name != "Document" or match is None:
        found = f"{{{root.namespace}}}{root.name}" if root.namespace else root.name
        raise BankFileError(
            msg(
                "this XML file is not a camt.053 or camt.054 bank file: its root element is "
                "{found}",
                found=found,
            ),
            line=root.line,
        )
    message, version = match.group(1), int(match.group(2))
    if version not in SUPPORTED_VERSIONS:
        raise BankFileError(
            msg(
                "camt.{message} version {version} is not supported; versions 2 to 8 are",
                message=message,
                version=version,
            ),
            line=root.line,
        )
    bank_format, wrapper_name, report_name = _MESSAGES[message]
    wrapper = root.child(wrapper_name)
    if wrapper is None:
        raise root.fail(
            msg("the message element {name} is missing", name=wrapper_name), below=wrapper_name
        )
    nodes = wrapper.all(report_name)
    if not nodes:
        raise wrapper.fail(msg("the file holds no {name}", name=report_name), below=report_name)
    notes: list[Note] = []
    reports = []
    for number, node in enumerate(nodes, start=1):
        reports.append(_report(node, notes, check_balances=message == "053"))
        if progress is not None:
            progress(0.8 + 0.2 * number / len(nodes))
    logger.debug("read %s version %d: %d reports", bank_format, version, len(reports))
    return BankFile(
        format=bank_format,
        created=datetime_of(wrapper, "GrpHdr/CreDtTm"),
        is_test=False,
        message_id=wrapper.value("GrpHdr/MsgId"),
        reports=with_unique_identities(reports),
        notes=tuple(notes),
    )


def _report(node: Node, notes: list[Note], *, check_balances: bool) -> AccountReport:
    account = account_id(node, "Acct")
    entries = [read_entry_header(entry) for entry in node.all("Ntry")]
    _check_summary(node, entries)
    if check_balances:
        _check_balances(node, entries, notes)
    currency = node.value("Acct/Ccy") or (entries[0].currency if entries else "")
    payments = []
    skipped: dict[str, int] = {}
    for entry in entries:
        result = read_entry(entry, account)
        payments += result.payments
        notes += result.notes
        if result.skipped:
            skipped[result.skipped] = skipped.get(result.skipped, 0) + 1
    for reason, count in skipped.items():
        if count == 1:
            text = msg("1 entry left out: {reason}", reason=reason)
        else:
            text = msg("{count} entries left out: {reason}", count=count, reason=reason)
        notes.append(Note(node.line, text))
    created = datetime_of(node, "CreDtTm")
    return AccountReport(
        account=account,
        currency=currency,
        date=created.date() if created else None,
        identifier=node.value("Id"),
        # Only the report's own currency is summed: the file's sums() has every currency.
        total=sum((p.amount for p in payments if p.currency == currency), Decimal(0)),
        payments=tuple(payments),
        line=node.line,
    )


def _check_summary(node: Node, entries: list[Entry]) -> None:
    summary = node.child("TxsSummry")
    if summary is None:
        return
    groups = {
        "TtlNtries": entries,
        "TtlCdtNtries": [e for e in entries if e.indicator == "CRDT"],
        "TtlDbtNtries": [e for e in entries if e.indicator == "DBIT"],
    }
    one_currency = len({entry.currency for entry in entries}) <= 1
    for name, group in groups.items():
        totals = summary.child(name)
        if totals is None:
            continue
        count = count_of(totals, "NbOfNtries")
        if count is not None and count != len(group):
            raise totals.fail(
                msg(
                    "the summary counts {count} entries, the {element} has {found}",
                    count=count,
                    element=node.name,
                    found=len(group),
                ),
                below="NbOfNtries",
            )
        stated = totals.value("Sum")
        if stated and one_currency:
            _compare(totals, "Sum", stated, sum((e.amount for e in group), Decimal(0)))
        net = totals.child("TtlNetNtry")  # versions 3 and later; version 2 has TtlNetNtryAmt
        net_text = net.value("Amt") if net is not None else totals.value("TtlNetNtryAmt")
        if name == "TtlNtries" and net_text and one_currency:
            direction = indicator(net if net is not None else totals, required=False) or "CRDT"
            found = sum((e.signed_amount for e in entries), Decimal(0))
            _compare(totals, msg("net"), net_text, signed(found, direction))


def _compare(place: Node, what: str, stated: str, found: Decimal) -> None:
    try:
        value = Decimal(stated)
    except ArithmeticError:
        raise place.fail(
            msg("the summary's {what} is not an amount: {stated}", what=what, stated=repr(stated))
        ) from None
    if value != found:
        raise place.fail(
            msg(
                "the summary's {what} is {stated}, the entries add up to {found}",
                what=what,
                stated=stated,
                found=found,
            )
        )


def _check_balances(node: Node, entries: list[Entry], notes: list[Note]) -> None:
    """Opening (or previous closing) balance plus the booked entries must give the closing
    balance. Left unchecked, with a note, where the statement cannot show it: one page of
    several, a balance missing or given twice, or balances and entries in other currencies."""
    if _is_partial_page(node):
        notes.append(
            Note(node.line, msg("one page of a statement of several: balances not checked"))
        )
        return
    balances: dict[str, list[tuple[Node, Decimal, str]]] = {}
    for balance in node.all("Bal"):
        code = code_or_text(balance, "Tp/CdOrPrtry")
        value, currency = amount(balance, "Amt")
        balances.setdefault(code, []).append(
            (balance, signed(value, indicator(balance)), currency)
        )
    opening = balances.get("OPBD") or balances.get("PRCD") or []
    closing = balances.get("CLBD") or []
    if len(opening) != 1 or len(closing) != 1:
        return
    (_, start, start_currency), (close_node, end, end_currency) = opening[0], closing[0]
    booked = [entry for entry in entries if entry.status == "BOOK"]
    if {start_currency, end_currency} | {entry.currency for entry in booked} != {end_currency}:
        notes.append(
            Note(
                close_node.line,
                msg("the balances are in other currencies than the entries; not checked"),
            )
        )
        return
    found = start + sum((entry.signed_amount for entry in booked), Decimal(0))
    if found != end:
        raise close_node.fail(
            msg(
                "the closing balance is {end} {currency}, but the opening balance {start} and "
                "the booked entries give {found}",
                end=end,
                currency=end_currency,
                start=start,
                found=found,
            )
        )


def _is_partial_page(node: Node) -> bool:
    page = node.child("StmtPgntn")
    if page is None:
        return False
    return page.value("PgNb") not in ("", "1") or page.value("LastPgInd").lower() != "true"
