"""The window remembers its layout: section, column widths and the invoice list's order."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QSettings, Qt

from finqr_desktop.domain.invoice import DraftLine, InvoiceDraft
from finqr_desktop.domain.vat import SWEDEN
from finqr_desktop.services import invoices as invoice_service
from finqr_desktop.ui.invoice_model import COLUMNS
from finqr_desktop.ui.main_window import MainWindow


def _drafts(context, amounts):
    with context.writing() as session:
        for n, amount in enumerate(amounts):
            draft = InvoiceDraft(
                customer_number="1001",
                currency="SEK",
                issue_date=dt.date(2026, 11, 1) + dt.timedelta(days=n),
                lines=[DraftLine(f"Arbete {n}", Decimal(1), Decimal(amount),
                                 SWEDEN.lookup("25", dt.date(2026, 11, 1)))],
            )  # fmt: skip
            invoice_service.save_draft(session, draft)


def _open(qtbot, context) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    return window


def _totals(window) -> list[str]:
    model = window.invoices.model
    column = COLUMNS.index("total")
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_section_widths_and_sort_order_survive_a_restart(qtbot, context):
    _drafts(context, ["300", "100", "200"])
    window = _open(qtbot, context)
    header = window.invoices.view.horizontalHeader()
    total = COLUMNS.index("total")
    default_order = _totals(window)
    header.resizeSection(1, 237)
    header.setSortIndicator(total, Qt.SortOrder.AscendingOrder)
    ascending = _totals(window)
    assert ascending != default_order and len(ascending) == 3
    window.navigation.setCurrentRow(window.stack.indexOf(window.payments))
    window.close()

    again = _open(qtbot, context)
    header = again.invoices.view.horizontalHeader()
    assert again.stack.currentWidget() is again.payments
    assert header.sectionSize(1) == 237
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        total,
        Qt.SortOrder.AscendingOrder,
    )
    # The rows themselves are in the remembered order, not only the arrow in the header.
    assert _totals(again) == ascending


def test_a_stored_layout_of_another_shape_is_dropped(qtbot, context):
    window = _open(qtbot, context)
    window.invoices.view.horizontalHeader().resizeSection(1, 211)
    window.close()
    settings = QSettings()
    settings.setValue("layout/headers/invoices/list/columns", 99)  # an older version's table
    settings.sync()

    again = _open(qtbot, context)
    header = again.invoices.view.horizontalHeader()
    assert header.sectionSize(1) != 211
    assert QSettings().value("layout/headers/invoices/list/state") is None


def test_the_customer_list_sorts_by_a_clicked_column_and_keeps_it(qtbot, context):
    window = _open(qtbot, context)
    model = window.customers.model
    names = [model.customer_at(row).name for row in range(model.rowCount())]
    header = window.customers.view.horizontalHeader()
    header.setSortIndicator(1, Qt.SortOrder.AscendingOrder)
    by_name = [model.customer_at(row).name for row in range(model.rowCount())]
    assert by_name == sorted(names, key=str.casefold) and by_name != names
    model.reload()  # a change elsewhere reloads the list in the same order
    assert [model.customer_at(row).name for row in range(model.rowCount())] == by_name
    window.close()

    again = _open(qtbot, context)
    model = again.customers.model
    assert [model.customer_at(row).name for row in range(model.rowCount())] == by_name


def test_the_window_fits_a_1024_pixel_screen_in_swedish_too(qtbot, context):
    """Pages wider than that scroll inside themselves (the Portal and Templates pages)."""
    from finqr_desktop.ui import translation

    translation.install("sv")  # Swedish words run longest
    try:
        window = _open(qtbot, context)
        assert window.invoices.new_button.text() == "Ny faktura…"
        assert window.minimumSizeHint().width() <= 1024
    finally:
        translation.uninstall()
