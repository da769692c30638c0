"""The Customers page: searchable list, new customer, double-click to edit."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .context import CUSTOMERS, LedgerContext
from .customer_editor import CustomerEditor
from .customer_model import CustomerListModel

logger = logging.getLogger(__name__)

SEARCH_DELAY_MS = 200


class CustomersPage(QWidget):
    def __init__(self, context: LedgerContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.editor: CustomerEditor | None = None
        self.model = CustomerListModel(context, self)

        title = QLabel(self.tr("Customers"))
        title.setObjectName("pageTitle")
        self.new_button = QPushButton(self.tr("New customer…"))
        self.new_button.clicked.connect(lambda: self.open_editor(None))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search name, number or org. number"))
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(lambda: self.model.reload(self.search.text()))
        self.search.textChanged.connect(self._search_timer.start)

        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.view.doubleClicked.connect(lambda index: self.open_row(index.row()))

        bar = QHBoxLayout()
        bar.addWidget(title)
        bar.addStretch(1)
        bar.addWidget(self.search, 2)
        bar.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view)

        context.changed.connect(self._on_changed)
        self.model.reload()
        self._size_columns()
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)

    def _size_columns(self) -> None:
        for column, width in enumerate((80, 260, 120, 130, 300)):
            self.view.setColumnWidth(column, width)

    def _on_changed(self, what: str) -> None:
        if what == CUSTOMERS:
            self.model.reload()

    def open_row(self, row: int) -> CustomerEditor:
        return self.open_editor(self.model.customer_at(row).id)

    def open_editor(self, customer_id: int | None) -> CustomerEditor:
        """Open the editor without blocking (``open``), so the list stays usable."""
        if self.editor is not None:
            self.editor.deleteLater()
        self.editor = CustomerEditor(self.context, customer_id, self)
        self.editor.open()
        return self.editor
