"""The payment list: thousands of bank payments held as ids and drawn in blocks, searched
and filtered; the main window shows it as its Payments section."""

from __future__ import annotations

from finqr_desktop.services.bank_import import import_bank_file
from finqr_desktop.ui.main_window import MainWindow
from finqr_desktop.ui.payments_model import COLUMNS
from finqr_desktop.ui.payments_page import PaymentsPage

from ..banking.bgmax_builder import Payment, bgmax_file, name
from .payments_helpers import overdue_invoice

COUNT = 1500


def test_thousands_of_payments_load_lazily_and_filter(qtbot, context, ledger):
    invoice = overdue_invoice(ledger)
    waiting = [
        Payment(10000 + n, reference=f"ref {n}", reference_code="3",
                details=[name("Lindqvist Bygg" if n == 7 else f"Payer {n}")])
        for n in range(COUNT)
    ]  # fmt: skip
    with ledger.writing() as session:
        import_bank_file(session, bgmax_file(waiting, [Payment(5000, reference=invoice.ocr)]), "f")
    page = PaymentsPage(context)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()

    assert page.model.rowCount() == COUNT + 1
    assert page.model.blocks_fetched <= 2  # only what the view drew
    page.view.scrollToBottom()
    last = page.model.row_at(COUNT)
    assert last is not None
    assert page.model.blocks_fetched <= 4
    assert page.count.text() == f"1\xa0501 payments, {COUNT} waiting to be placed"

    page.search.setText("lindqvist")
    qtbot.waitUntil(lambda: page.model.search == "lindqvist")
    assert page.model.rowCount() == 1
    assert page.model.row_at(0).payer_name == "Lindqvist Bygg"
    page.search.setText(invoice.number)
    qtbot.waitUntil(lambda: page.model.search == invoice.number)
    assert page.model.rowCount() == 1
    row = page.model.row_at(0)
    assert row.invoices == (invoice.number,) and row.status == "matched"
    status = page.model.index(0, COLUMNS.index("status")).data()
    assert status == "Matched"


def test_the_window_has_a_real_payments_section(qtbot, context):
    window = MainWindow(context)
    qtbot.addWidget(window)
    page = window.show_section("Payments")
    assert isinstance(page, PaymentsPage)
    assert page.register_button.text() == "Register payment…"
