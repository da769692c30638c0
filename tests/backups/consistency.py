"""What a ledger must look like after any crash, kill or backup taken mid-write, and the
worker process that writes it (issue_worker.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from finqr_desktop.domain.identifiers import make_ocr
from finqr_desktop.services import invoices
from finqr_desktop.services.invoice_input import draft_from_data
from finqr_desktop.storage.models import (
    InvoiceLineRow,
    InvoiceRow,
    InvoiceVatRow,
    NumberCounterRow,
    OutboxRow,
)

from ..services.helpers import draft_data

WORKER = Path(__file__).with_name("issue_worker.py")
ROOT = Path(__file__).resolve().parents[2]


def make_drafts(database, count: int) -> None:
    with database.writing() as session:
        for n in range(count):
            draft, terms = draft_from_data(session, draft_data(customer=("1001", "1002")[n % 2]))
            invoices.save_draft(session, draft, payment_terms=terms)


def start_worker(url: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(WORKER), url],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip


def wait_for(process: subprocess.Popen, count: int) -> int:
    """Read the worker's reports until ``count`` are issued; the last count reported."""
    reported = 0
    for line in process.stdout:
        reported = int(line.split()[1])
        if reported >= count:
            break
    return reported


def kill(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL, process.stderr.read()


def assert_sound(database, *, sqlite: bool) -> int:
    """Check every guarantee on ``database`` and return how many invoices are issued:
    integrity (SQLite), gapless numbers in draft order, every issued invoice complete with
    its lines, VAT groups, number, OCR and queued e-mail, every draft untouched."""
    if sqlite:
        with database.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    with database.reading() as session:
        rows = session.scalars(select(InvoiceRow).order_by(InvoiceRow.id)).all()
        issued = [row for row in rows if not row.is_draft]
        drafts = [row for row in rows if row.is_draft]

        sequence = sorted(int(row.number.rsplit("-", 1)[1]) for row in issued)
        assert sequence == list(range(1, len(issued) + 1))
        counter = session.scalar(select(NumberCounterRow.last_value)) or 0
        assert counter == len(issued)
        assert [row.id for row in issued] == [row.id for row in rows[: len(issued)]]

        lines, groups = _per_invoice(session, InvoiceLineRow), _per_invoice(session, InvoiceVatRow)
        queued = _per_invoice(session, OutboxRow)
        for row in issued:
            assert row.ocr == make_ocr(row.number, length_digit=True)
            assert row.due_date and row.issued_at and row.buyer and row.template_version_id
            assert (lines.get(row.id), groups.get(row.id)) == (2, 2), row.number
            assert queued.get(row.id) == 1, row.number  # its e-mail
        for row in drafts:
            assert row.number is None and row.ocr is None and row.issued_at is None
            assert (lines.get(row.id), queued.get(row.id)) == (2, None)
    return len(issued)


def _per_invoice(session, model) -> dict[int, int]:
    query = select(model.invoice_id, func.count()).group_by(model.invoice_id)
    return dict(session.execute(query).all())
