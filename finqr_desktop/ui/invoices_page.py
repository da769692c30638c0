"""The Invoices page: the lazy list with status filter and search; opens drafts and invoices."""

from __future__ import annotations

import logging
from decimal import Decimal

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.number_text import format_decimal_plain
from ..domain.status import Status
from .batch_issue_dialog import issue_selected
from .context import CUSTOMERS, INVOICES, LedgerContext
from .invoice_editor import InvoiceEditor
from .invoice_model import COLUMNS, InvoiceListModel
from .invoice_view import InvoiceView
from .labels import statuses
from .progress_dialog import ProgressDialog

logger = logging.getLogger(__name__)

SEARCH_DELAY_MS = 200
_WIDTHS = {"number": 110, "customer": 260, "issue_date": 100, "due_date": 100,
           "total": 130, "remaining": 130}  # fmt: skip


class InvoicesPage(QWidget):
    def __init__(self, context: LedgerContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.dialog: QDialog | None = None
        self.batch: ProgressDialog | None = None
        self.model = InvoiceListModel(context, self)

        title = QLabel(self.tr("Invoices"))
        title.setObjectName("pageTitle")
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("All statuses"), None)
        for code, name in statuses():
            self.status_filter.addItem(name, code)
        self.status_filter.currentIndexChanged.connect(self._apply_status)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search number, customer or OCR"))
        self.search.setClearButtonEnabled(True)
        self.search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self._apply_search)
        self.search.textChanged.connect(self.search_timer.start)
        self.new_button = QPushButton(self.tr("New invoice…"))
        self.new_button.clicked.connect(lambda: self.open_editor(None))
        self.issue_button = QPushButton(self.tr("Issue selected…"))
        self.issue_button.setToolTip(self.tr("Issue the selected drafts, one after another"))
        self.issue_button.setEnabled(False)
        self.issue_button.clicked.connect(lambda: self.issue_selected())
        self.count = QLabel()

        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several rows at once: drafts to issue together (Issue selected…).
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        vertical = self.view.verticalHeader()
        vertical.hide()
        # Fixed row heights: the view then never asks every row for its size.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        for column, key in enumerate(COLUMNS):
            if key in _WIDTHS:
                self.view.setColumnWidth(column, _WIDTHS[key])
        self.view.doubleClicked.connect(lambda index: self.open_row(index.row()))

        bar = QHBoxLayout()
        bar.addWidget(title)
        bar.addStretch(1)
        bar.addWidget(self.status_filter)
        bar.addWidget(self.search, 2)
        bar.addWidget(self.issue_button)
        bar.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view)
        layout.addWidget(self.count)

        self.model.modelReset.connect(self._update_count)
        self.model.modelReset.connect(self._update_issue_button)
        self.view.selectionModel().selectionChanged.connect(self._update_issue_button)
        context.changed.connect(self._on_changed)
        self.model.reload()
        # The indicator is set first so that enabling sorting asks for the order the model
        # already has, instead of loading the ids twice more.
        header.setSortIndicator(COLUMNS.index("issue_date"), Qt.SortOrder.DescendingOrder)
        self.view.setSortingEnabled(True)

    def _apply_status(self) -> None:
        self.model.set_query(status=self.status_filter.currentData())

    def _apply_search(self) -> None:
        self.model.set_query(search=self.search.text())

    def _update_count(self) -> None:
        rows = self.model.rowCount()
        count = format_decimal_plain(Decimal(rows), self.context.locale)
        text = self.tr("1 invoice") if rows == 1 else self.tr("{count} invoices")
        self.count.setText(text.format(count=count))

    def _on_changed(self, what: str) -> None:
        if what in (INVOICES, CUSTOMERS):
            self.model.reload()

    def open_row(self, row: int) -> QDialog | None:
        listed = self.model.row_at(row)
        if listed is None:
            return None
        if listed.status == Status.DRAFT:
            return self.open_editor(listed.id)
        return self._show(InvoiceView(self.context, listed.id, self))

    def open_editor(self, invoice_id: int | None) -> InvoiceEditor:
        return self._show(InvoiceEditor(self.context, invoice_id, self))

    def _show(self, dialog: QDialog) -> QDialog:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.open()
        return dialog

    def selected_drafts(self) -> list[int]:
        """The ids of the selected rows that are drafts, in the list's order."""
        rows = sorted(index.row() for index in self.view.selectionModel().selectedRows())
        listed = (self.model.row_at(row) for row in rows)
        return [row.id for row in listed if row is not None and row.status == Status.DRAFT]

    def issue_selected(self) -> QDialog | None:
        drafts = self.selected_drafts()
        if not drafts:
            return None
        if self.batch is not None and not self.batch.running:
            self.batch.deleteLater()
        # Not through _show: that would delete a dialog whose work may still be running.
        self.batch = issue_selected(self.context, drafts, self)
        return self.batch

    def wait(self) -> None:
        """Stop a batch issue after the invoice in progress and block until it has (the
        window is closing)."""
        if self.batch is not None:
            self.batch.wait()

    def _update_issue_button(self) -> None:
        self.issue_button.setEnabled(bool(self.selected_drafts()))
