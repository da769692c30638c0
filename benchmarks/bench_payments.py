"""Import a generated BgMax file of 10,000 payments into a ledger of 20,000 open invoices.

Nine payments in ten carry their invoice's OCR (one in five of those with a length digit
typed wrong, so flagged); the rest carry only a name, which sends them through the amount
and payer suggestions. Timed: the preview (read and match, nothing written) and the
import in one transaction, each on a fresh copy of the same ledger.

    .venv/bin/python benchmarks/bench_payments.py [--payments 10000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert  # noqa: E402

from finqr_desktop.domain.identifiers import make_ocr  # noqa: E402
from finqr_desktop.services.bank_import import import_bank_file, preview_import  # noqa: E402
from finqr_desktop.services.ledger import open_ledger  # noqa: E402
from finqr_desktop.storage.models import CustomerRow, InvoiceRow  # noqa: E402

CUSTOMERS = 500
TODAY = dt.date(2026, 12, 4)


def build(path: Path, invoices: int) -> None:
    database = open_ledger(f"sqlite:///{path}")
    with database.writing() as session:
        session.execute(
            insert(CustomerRow),
            [{"number": str(10001 + n), "name": f"Kund {n:05d} AB", "emails": [], "tags": []}
             for n in range(CUSTOMERS)],
        )  # fmt: skip
        session.execute(
            insert(InvoiceRow),
            [{"id": n, "kind": "invoice", "number": f"2026-{n:06d}", "is_draft": False,
              "customer_id": 1 + n % CUSTOMERS, "currency": "SEK",
              "issue_date": TODAY - dt.timedelta(days=40), "due_date": TODAY, "buyer": {},
              "total_minor": 10_000 + n, "ocr": make_ocr(str(n))}
             for n in range(1, invoices + 1)],
        )  # fmt: skip
    database.dispose()


def _record(*fields: tuple[int, str]) -> str:
    line = [" "] * 80
    for start, text in fields:
        line[start - 1 : start - 1 + len(text)] = text
    return "".join(line)


def bgmax(payments: int) -> bytes:
    lines = [_record((1, "01"), (3, "BGMAX"), (23, "01"), (25, "20261204060000000000"), (45, "P"))]
    lines.append(_record((1, "05"), (3, "0009912346"), (23, "SEK")))
    total = 0
    for n in range(1, payments + 1):
        ore = 10_000 + n
        total += ore
        ocr, code = make_ocr(str(n)), "2"
        if n % 10 == 0:
            ocr, code = "", "1"
        elif n % 50 == 1:
            ocr = ocr[:-1] + str((int(ocr[-1]) + 1) % 10)
        lines.append(
            _record((1, "20"), (3, "0003783511"), (13, ocr.rjust(25)), (38, str(ore).zfill(18)),
                    (56, code), (57, "1"), (58, str(n).zfill(12)), (70, "0"))
        )  # fmt: skip
        lines.append(_record((1, "26"), (3, f"KUND {n % CUSTOMERS:05d}")))
    lines.append(
        _record((1, "15"), (3, "5841000001009823".zfill(35)), (38, "20261204"), (46, "00001"),
                (51, str(total).zfill(18)), (69, "SEK"), (72, str(payments).zfill(8)))
    )  # fmt: skip
    lines.append(
        _record(
            (1, "70"),
            (3, str(payments).zfill(8)),
            (11, "0" * 8),
            (19, "0" * 8),
            (27, "1".zfill(8)),
        )
    )
    return ("\r\n".join(lines) + "\r\n").encode("iso-8859-1")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--payments", type=int, default=10_000)
    args = parser.parse_args()
    data = bgmax(args.payments)
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder) / "base.sqlite3"
        started = time.perf_counter()
        build(base, args.payments * 2)
        built = time.perf_counter() - started
        size = len(data) / 1e6
        print(f"built {args.payments * 2} open invoices in {built:.1f} s; file {size:.1f} MB")
        for name, write in (
            ("preview (nothing written)", False),
            ("import, one transaction", True),
        ):
            copy = Path(folder) / f"{name[:7]}.sqlite3"
            shutil.copy(base, copy)
            database = open_ledger(f"sqlite:///{copy}")
            started = time.perf_counter()
            with database.writing() as session:
                if write:
                    result = import_bank_file(session, data, "bench.txt")
                else:
                    result = preview_import(session, data, "bench.txt")
            seconds = time.perf_counter() - started
            counts = ", ".join(
                f"{result.count(o)} {o}" for o in ("matched", "suggested", "flagged")
            )
            print(f"  {name:27s} {seconds:6.2f} s  {args.payments / seconds:7.0f} payments/s"
                  f"  ({counts})")  # fmt: skip
            database.dispose()


if __name__ == "__main__":
    main()
