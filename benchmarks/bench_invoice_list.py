"""Open the invoice list on 100,000 invoices: time from creating the page to first paint.

Measured in the same run: the lazy model (ids up front, rows in blocks as drawn) and, for
comparison, loading every row up front the straightforward way. Target: ≤ 300 ms to first
paint for the lazy model.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_invoice_list.py [--count N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from big_ledger import build  # noqa: E402
from PySide6.QtWidgets import QApplication, QTableView  # noqa: E402

from finqr_desktop.services.invoice_list import ListQuery, invoice_ids, list_rows  # noqa: E402
from finqr_desktop.ui.context import LedgerContext  # noqa: E402
from finqr_desktop.ui.invoice_model import InvoiceListModel  # noqa: E402


def first_paint_lazy(context) -> tuple[float, int]:
    start = time.perf_counter()
    model = InvoiceListModel(context)
    model.reload()
    view = QTableView()
    view.setModel(model)
    view.resize(1200, 800)
    view.grab()  # renders the visible rows: what the clerk sees first
    elapsed = time.perf_counter() - start
    return elapsed, model.blocks_fetched


def load_everything(database, today) -> float:
    start = time.perf_counter()
    with database.reading() as session:
        ids = invoice_ids(session, ListQuery(), today)
        rows = list_rows(session, ids, today)
    assert len(rows) == len(ids)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        database = build(Path(folder) / "big.sqlite3", args.count)
        print(f"built a ledger of {args.count} invoices in {time.perf_counter() - started:.1f} s")
        context = LedgerContext(database)
        lazy = [first_paint_lazy(context) for _ in range(args.runs)]
        eager = [load_everything(database, context.today()) for _ in range(args.runs)]
        database.dispose()
    lazy_ms = statistics.median(t for t, _ in lazy) * 1000
    print(f"lazy model, first paint:       median {lazy_ms:7.1f} ms over {args.runs} runs "
          f"({lazy[0][1]} row blocks fetched)")  # fmt: skip
    print(f"all rows loaded up front:      median {statistics.median(eager) * 1000:7.1f} ms "
          "(query only, before any painting)")  # fmt: skip
    print("target: <= 300 ms to first paint")
    app.quit()


if __name__ == "__main__":
    main()
