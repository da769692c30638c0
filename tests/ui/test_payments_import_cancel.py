"""Cancelling a bank file's preview or import: the work runs off the GUI thread, Cancel says
"Cancelling…", and a cancelled import books nothing (its transaction rolls back)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import func, select

from finqr_desktop.storage.models import BankImportRow
from finqr_desktop.ui import payments_import
from finqr_desktop.ui.payments_page import PaymentsPage

from ..banking.bgmax_builder import Payment, bgmax_file
from .held_work import Held
from .payments_helpers import invoice_row, overdue_invoice, payment_count

WAIT_MS = 30_000


@pytest.fixture
def page(qtbot, context):
    widget = PaymentsPage(context)
    qtbot.addWidget(widget)
    yield widget
    widget.wait()


def _import_count(ledger) -> int:
    with ledger.reading() as session:
        return session.scalar(select(func.count()).select_from(BankImportRow))


def _bank_file(ledger, tmp_path):
    invoices = [overdue_invoice(ledger), overdue_invoice(ledger, customer="1002")]
    path = tmp_path / "bgmax.txt"
    payments = [Payment(int(i.total * 100), reference=i.ocr) for i in invoices]
    path.write_bytes(bgmax_file(payments + [Payment(5000, reference="no such ref")]))
    return invoices, path


def test_cancel_during_the_import_books_nothing_and_says_so(
    qtbot, page, ledger, tmp_path, monkeypatch
):
    invoices, path = _bank_file(ledger, tmp_path)
    dialog = page.import_file(path)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=WAIT_MS)
    # Held once every payment is written into the transaction (booking reports 1.0 after
    # its batch), before the commit.
    held = Held(payments_import.import_bank_file, lambda share: share >= 0.99)
    monkeypatch.setattr(payments_import, "import_bank_file", held)

    dialog.import_button.click()
    try:
        qtbot.waitUntil(held.reached.is_set, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: dialog.progress.value() >= 990, timeout=WAIT_MS)
        assert dialog.status.text() == "Importing bgmax.txt: booking the payments…"
        assert dialog.worker.busy and not dialog.import_button.isEnabled()

        dialog.reject()  # Escape while importing: a request to stop, not a closed dialog
        assert dialog.isVisible()
        assert dialog.status.text() == "Cancelling… nothing will be imported."
        assert not dialog.cancel_button.isEnabled()
    finally:
        held.release()
    qtbot.waitUntil(lambda: not dialog.worker.busy, timeout=WAIT_MS)

    assert held.ran_off_the_gui_thread
    assert threading.current_thread() is threading.main_thread()
    assert dialog.status.text().startswith("Import cancelled: nothing was booked")
    assert dialog.imported is None
    assert payment_count(ledger) == 0 and _import_count(ledger) == 0
    assert [invoice_row(ledger, i.id).paid_minor for i in invoices] == [0, 0]
    assert dialog.cancel_button.isEnabled() and dialog.import_button.isEnabled()

    # Nothing half-written stands in the way: the same file imports whole afterwards.
    monkeypatch.setattr(payments_import, "import_bank_file", held.function)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: not dialog.worker.busy, timeout=WAIT_MS)
    assert dialog.imported is not None
    assert payment_count(ledger) == 3 and _import_count(ledger) == 1
    paid = invoice_row(ledger, invoices[0].id)
    assert paid.paid_minor == paid.total_minor
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Close"


def test_cancel_while_the_file_is_read_shows_no_preview(
    qtbot, page, ledger, tmp_path, monkeypatch
):
    _invoices, path = _bank_file(ledger, tmp_path)
    held = Held(payments_import.preview_import, lambda share: share > 0)
    monkeypatch.setattr(payments_import, "preview_import", held)

    dialog = page.import_file(path)
    try:
        qtbot.waitUntil(held.reached.is_set, timeout=WAIT_MS)
        assert dialog.status.text() == "Reading bgmax.txt…"
        dialog.cancel_button.click()
        assert dialog.isVisible() and dialog.worker.busy
        assert dialog.status.text() == "Cancelling… nothing will be imported."
    finally:
        held.release()
    qtbot.waitUntil(lambda: not dialog.worker.busy, timeout=WAIT_MS)

    assert held.ran_off_the_gui_thread
    assert dialog.status.text() == "Reading the file was cancelled. Nothing was imported."
    assert dialog.preview is None and dialog.model.rowCount() == 0
    assert not dialog.import_button.isEnabled()
    dialog.cancel_button.click()  # nothing runs now: Cancel closes
    assert not dialog.isVisible()
    assert payment_count(ledger) == 0 and _import_count(ledger) == 0
