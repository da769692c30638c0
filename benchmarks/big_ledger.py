"""A ledger of many issued invoices, written with bulk inserts so benchmarks start fast.

The rows are what issuing would have stored (numbers, OCR, totals); lines are left out
because nothing a list shows reads them.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert  # noqa: E402

from finqr_desktop.domain.identifiers import make_ocr  # noqa: E402
from finqr_desktop.domain.parties import Address, Company  # noqa: E402
from finqr_desktop.services import company  # noqa: E402
from finqr_desktop.services.ledger import open_ledger  # noqa: E402
from finqr_desktop.storage.models import CustomerRow, InvoiceRow  # noqa: E402


def build(path: Path, invoices: int, *, customers: int = 500, seed: int = 7):
    database = open_ledger(f"sqlite:///{path}")
    rng = random.Random(seed)
    start = dt.date(2026, 12, 4) - dt.timedelta(days=730)
    with database.writing() as session:
        company.save_company(
            session, Company("Stor Handel AB", org_number="556677-8899", bankgiro="5402-9681",
                             address=Address("Storgatan 1", "111 22", "Stockholm"))
        )  # fmt: skip
        session.execute(
            insert(CustomerRow),
            [
                {"number": str(10001 + n), "name": f"Kund {n:05d} AB", "emails": [], "tags": []}
                for n in range(customers)
            ],
        )
        rows = []
        for n in range(invoices):
            issued = start + dt.timedelta(days=n * 730 // invoices)
            total = rng.randint(10_000, 5_000_000)
            number = f"{issued.year}-{n + 1:06d}"
            rows.append(
                {
                    "kind": "invoice",
                    "number": number,
                    "is_draft": False,
                    "customer_id": 1 + rng.randrange(customers),
                    "currency": "SEK",
                    "issue_date": issued,
                    "due_date": issued + dt.timedelta(days=30),
                    "ocr": make_ocr(number),
                    "buyer": {},
                    "net_minor": total * 4 // 5,
                    "vat_minor": total - total * 4 // 5,
                    "total_minor": total,
                    "paid_minor": total if rng.random() < 0.8 else 0,
                }
            )
            if len(rows) == 10_000:
                session.execute(insert(InvoiceRow), rows)
                rows = []
        if rows:
            session.execute(insert(InvoiceRow), rows)
    return database
