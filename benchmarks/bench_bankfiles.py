"""Read large generated bank files and print the time taken and the rate.

A BgMax file of 100,000 payments (each with name, address and organisation number
records, 10 deposits, about 40 MB) and a camt.054 notification of 20,000 credit entries.
For comparison, the same run times a bare split of the BgMax file into records, the least
any reader has to do.

    .venv/bin/python benchmarks/bench_bankfiles.py [--payments 100000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from finqr_desktop.banking import read_bank_file  # noqa: E402
from finqr_desktop.domain.identifiers import make_ocr  # noqa: E402


def _record(*fields: tuple[int, str]) -> str:
    line = [" "] * 80
    for start, text in fields:
        line[start - 1 : start - 1 + len(text)] = text
    return "".join(line)


def bgmax(payments: int, deposits: int = 10) -> bytes:
    lines = [_record((1, "01"), (3, "BGMAX"), (23, "01"), (25, "20261204060000000000"), (45, "P"))]
    per_deposit = payments // deposits
    for deposit in range(deposits):
        lines.append(_record((1, "05"), (3, "0009912346"), (23, "SEK")))
        total = 0
        for n in range(per_deposit):
            serial = deposit * per_deposit + n + 1
            ore = 10_000 + serial % 100_000
            total += ore
            lines += [
                _record(
                    (1, "20"),
                    (3, "0003783511"),
                    (13, make_ocr(str(serial)).rjust(25)),
                    (38, str(ore).zfill(18)),
                    (56, "21"),
                    (58, str(serial).zfill(12)),
                    (70, "0"),
                ),
                _record((1, "26"), (3, f"Kund {serial} AB")),
                _record((1, "27"), (3, "Storgatan 2"), (38, "12345")),
                _record((1, "28"), (3, "Storåker")),
                _record((1, "29"), (3, "005500001234")),
            ]
        lines.append(
            _record(
                (1, "15"),
                (3, "5841000001009823".zfill(35)),
                (38, "20261204"),
                (46, str(deposit + 1).zfill(5)),
                (51, str(total).zfill(18)),
                (69, "SEK"),
                (72, str(per_deposit).zfill(8)),
            )
        )
    count = per_deposit * deposits
    lines.append(
        _record((1, "70"), (3, str(count).zfill(8)), (11, "0" * 16), (27, f"{deposits:08d}"))
    )
    return ("\r\n".join(lines) + "\r\n").encode("iso-8859-1")


def camt054(entries: int) -> bytes:
    body = "".join(
        f'<Ntry><Amt Ccy="SEK">{100 + n % 1000}.50</Amt><CdtDbtInd>CRDT</CdtDbtInd>'
        f"<Sts>BOOK</Sts><BookgDt><Dt>2026-12-04</Dt></BookgDt><AcctSvcrRef>R{n}</AcctSvcrRef>"
        f"<NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Kund {n}</Nm></Dbtr></RltdPties><RmtInf><Strd>"
        f"<CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>{make_ocr(str(n + 1))}"
        f"</Ref></CdtrRefInf></Strd></RmtInf></TxDtls></NtryDtls></Ntry>\n"
        for n in range(entries)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02">'
        "<BkToCstmrDbtCdtNtfctn><GrpHdr><MsgId>M</MsgId></GrpHdr><Ntfctn><Id>N</Id>"
        f"<Acct><Id><Othr><Id>9912346</Id></Othr></Id></Acct>\n{body}</Ntfctn>"
        "</BkToCstmrDbtCdtNtfctn></Document>\n"
    ).encode()


def _timed(label: str, count: int, action) -> None:
    started = time.perf_counter()
    action()
    seconds = time.perf_counter() - started
    print(f"  {label:<38} {seconds:7.2f} s  {count / seconds:>9,.0f} payments/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--payments", type=int, default=100_000)
    parser.add_argument("--camt-entries", type=int, default=20_000)
    args = parser.parse_args()

    data = bgmax(args.payments)
    print(f"BgMax file: {args.payments:,} payments, {len(data) / 1e6:.1f} MB")
    _timed("read_bank_file", args.payments, lambda: read_bank_file(data))
    text = data.decode("iso-8859-1")
    _timed("bare split into lines (comparison)", args.payments, lambda: text.splitlines())

    xml = camt054(args.camt_entries)
    print(f"camt.054 file: {args.camt_entries:,} entries, {len(xml) / 1e6:.1f} MB")
    _timed("read_bank_file", args.camt_entries, lambda: read_bank_file(xml))


if __name__ == "__main__":
    main()
