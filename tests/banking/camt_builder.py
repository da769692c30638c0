"""camt.053 and camt.054 files written by the tests, element by element."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Fx:
    """One amount of AmtDtls (``kind``: InstdAmt, TxAmt, CntrValAmt...) with its CcyXchg;
    a part given as None is left out of the file."""

    kind: str = "InstdAmt"
    amount: str = "100.00"
    currency: str = "EUR"
    source: str | None = "EUR"
    target: str | None = "SEK"
    unit: str | None = None
    rate: str | None = "11.50"
    contract: str | None = None
    quoted: str | None = None


def _amount_details(tx_amount: str | None, currency: str, details: list[Fx]) -> str:
    amounts = list(details)
    if tx_amount is not None:
        amounts.append(Fx("TxAmt", tx_amount, currency, None, None, None, None))
    if not amounts:
        return ""
    parts = ["<AmtDtls>"]
    for fx in amounts:
        parts.append(f'<{fx.kind}><Amt Ccy="{fx.currency}">{fx.amount}</Amt>')
        exchange = [
            (name, value)
            for name, value in (
                ("SrcCcy", fx.source),
                ("TrgtCcy", fx.target),
                ("UnitCcy", fx.unit),
                ("XchgRate", fx.rate),
                ("CtrctId", fx.contract),
                ("QtnDt", fx.quoted),
            )
            if value is not None
        ]
        if exchange:
            inner = "".join(f"<{name}>{value}</{name}>" for name, value in exchange)
            parts.append(f"<CcyXchg>{inner}</CcyXchg>")
        parts.append(f"</{fx.kind}>")
    parts.append("</AmtDtls>")
    return "".join(parts)


@dataclass
class Tx:
    amount: str | None = None
    ocr: str = ""
    reference_type: str = "SCOR"
    message: str = ""
    invoice_number: str = ""
    payer: str = "Kalles Plåt AB"
    end_to_end: str = "NOTPROVIDED"
    bank_ref: str = ""
    indicator: str = ""
    amount_details: list[Fx] = field(default_factory=list)


@dataclass
class Ntry:
    amount: str
    indicator: str = "CRDT"
    status: str = "BOOK"
    reversal: bool = False
    currency: str = "SEK"
    booked: str = "2026-12-03"
    ref: str = "REF1"
    transactions: list[Tx] = field(default_factory=list)
    batch_count: int | None = None
    batch_total: str | None = None
    amount_details: list[Fx] = field(default_factory=list)


def _status(code: str, version: int) -> str:
    return f"<Sts><Cd>{code}</Cd></Sts>" if version >= 6 else f"<Sts>{code}</Sts>"


def _party(name: str, version: int) -> str:
    inner = f"<Nm>{name}</Nm>"
    return f"<Dbtr><Pty>{inner}</Pty></Dbtr>" if version >= 8 else f"<Dbtr>{inner}</Dbtr>"


def _tx(tx: Tx, currency: str, version: int) -> str:
    parts = ["<TxDtls>", f"<Refs><EndToEndId>{tx.end_to_end}</EndToEndId>"]
    if tx.bank_ref:
        parts.append(f"<AcctSvcrRef>{tx.bank_ref}</AcctSvcrRef>")
    parts.append("</Refs>")
    parts.append(_amount_details(tx.amount, currency, tx.amount_details))
    if tx.indicator:
        parts.append(f"<CdtDbtInd>{tx.indicator}</CdtDbtInd>")
    parts.append(f"<RltdPties>{_party(tx.payer, version)}</RltdPties><RmtInf>")
    if tx.message:
        parts.append(f"<Ustrd>{tx.message}</Ustrd>")
    if tx.ocr or tx.invoice_number:
        parts.append("<Strd>")
        if tx.invoice_number:
            parts.append(f"<RfrdDocInf><Nb>{tx.invoice_number}</Nb></RfrdDocInf>")
        if tx.ocr:
            kind = "Cd" if tx.reference_type == "SCOR" else "Prtry"
            parts.append(
                f"<CdtrRefInf><Tp><CdOrPrtry><{kind}>{tx.reference_type}</{kind}></CdOrPrtry>"
                f"</Tp><Ref>{tx.ocr}</Ref></CdtrRefInf>"
            )
        parts.append("</Strd>")
    parts.append("</RmtInf></TxDtls>")
    return "".join(parts)


def _entry(entry: Ntry, version: int) -> str:
    parts = [
        "<Ntry>",
        f'<Amt Ccy="{entry.currency}">{entry.amount}</Amt>',
        f"<CdtDbtInd>{entry.indicator}</CdtDbtInd>",
    ]
    if entry.reversal:
        parts.append("<RvslInd>true</RvslInd>")
    parts += [
        _status(entry.status, version),
        f"<BookgDt><Dt>{entry.booked}</Dt></BookgDt>",
        f"<ValDt><Dt>{entry.booked}</Dt></ValDt>",
    ]
    if entry.ref:
        parts.append(f"<AcctSvcrRef>{entry.ref}</AcctSvcrRef>")
    parts.append(
        "<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>DMCT</SubFmlyCd></Fmly>"
        "</Domn></BkTxCd>"
    )
    parts.append(_amount_details(None, entry.currency, entry.amount_details))
    if entry.transactions or entry.batch_count is not None:
        parts.append("<NtryDtls>")
        if entry.batch_count is not None or entry.batch_total is not None:
            parts.append("<Btch>")
            if entry.batch_count is not None:
                parts.append(f"<NbOfTxs>{entry.batch_count}</NbOfTxs>")
            if entry.batch_total is not None:
                parts.append(f'<TtlAmt Ccy="{entry.currency}">{entry.batch_total}</TtlAmt>')
            parts.append("</Btch>")
        parts += [_tx(tx, entry.currency, version) for tx in entry.transactions]
        parts.append("</NtryDtls>")
    parts.append("</Ntry>")
    return "".join(parts)


def camt(
    entries: list[Ntry],
    *,
    message: str = "054",
    version: int = 2,
    summary: str = "",
    balances: tuple[str, str] | None = None,
) -> bytes:
    """A one-report camt file; ``balances`` is (opening, closing), both CRDT in SEK."""
    wrapper, report = (
        ("BkToCstmrStmt", "Stmt") if message == "053" else ("BkToCstmrDbtCdtNtfctn", "Ntfctn")
    )
    namespace = f"urn:iso:std:iso:20022:tech:xsd:camt.{message}.001.{version:02d}"
    balance_xml = ""
    if balances:
        balance_xml = "".join(
            f"<Bal><Tp><CdOrPrtry><Cd>{code}</Cd></CdOrPrtry></Tp>"
            f'<Amt Ccy="SEK">{value}</Amt><CdtDbtInd>CRDT</CdtDbtInd>'
            f"<Dt><Dt>2026-12-03</Dt></Dt></Bal>"
            for code, value in zip(("OPBD", "CLBD"), balances, strict=True)
        )
    body = "\n".join(_entry(entry, version) for entry in entries)
    text = f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="{namespace}">
<{wrapper}>
<GrpHdr><MsgId>MSG-1</MsgId><CreDtTm>2026-12-04T06:00:00+01:00</CreDtTm></GrpHdr>
<{report}>
<Id>REPORT-1</Id>
<CreDtTm>2026-12-04T06:00:00+01:00</CreDtTm>
<Acct><Id><Othr><Id>9912346</Id><SchmeNm><Prtry>BGNR</Prtry></SchmeNm></Othr></Id>
<Ccy>SEK</Ccy></Acct>
{balance_xml}{summary}
{body}
</{report}>
</{wrapper}>
</Document>
"""
    return text.encode("utf-8")
