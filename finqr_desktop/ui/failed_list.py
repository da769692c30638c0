"""Messages that stopped on a permanent failure, with their error and a Retry button.

Retry puts the chosen outbox rows back to approved (``outbox.approve`` by id) in one
transaction; the next run sends them. The list reloads from the ledger on the change
announcements that can touch the outbox, so it shows what the outbox holds.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..services import outbox
from ..services.outbox_failures import FailedItem, failed_items
from .context import CUSTOMERS, INVOICES, LedgerContext
from .sending_status import REMINDERS

logger = logging.getLogger(__name__)

_COLUMNS = ("invoice", "message", "customer", "attempts", "error")


class FailedList(QGroupBox):
    retried = Signal(int)  # how many items went back in line

    def __init__(self, context: LedgerContext, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("Not sent: needs your attention"))
        self.context = context
        self.items: list[FailedItem] = []
        self.table = QTableWidget(0, len(_COLUMNS))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Invoice"), self.tr("Message"), self.tr("Customer"), self.tr("Tries"),
             self.tr("Error")]
        )  # fmt: skip
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            len(_COLUMNS) - 1, QHeaderView.ResizeMode.Stretch
        )
        for column, width in enumerate((85, 110, 170, 45)):
            self.table.setColumnWidth(column, width)
        self.table.setMaximumHeight(120)
        self.retry_button = QPushButton(self.tr("Retry selected"))
        self.retry_button.clicked.connect(self.retry_selected)
        self.table.itemSelectionChanged.connect(self._update_button)
        context.changed.connect(self._on_changed)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.retry_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        with self.context.reading() as session:
            self.items = failed_items(session)
        self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            cells = (item.invoice_number, self._what(item), item.customer_name,
                     str(item.attempts), item.error)  # fmt: skip
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.table.setItem(row, column, cell)
        self.setVisible(bool(self.items))
        self._update_button()

    def select_rows(self, *rows: int) -> None:
        self.table.clearSelection()
        for row in rows:
            self.table.selectRow(row)

    def retry_selected(self) -> int:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        ids = [self.items[row].outbox_id for row in rows]
        if not ids:
            return 0
        with self.context.writing() as session:
            changed = outbox.approve(session, ids)
        logger.info("retry: %d failed items approved again", changed)
        self.context.announce(REMINDERS)
        self.retried.emit(changed)
        return changed

    def _what(self, item: FailedItem) -> str:
        if item.kind == "invoice":
            return self.tr("Invoice e-mail")
        return self.tr("Reminder {level}").format(level=item.level)

    def _on_changed(self, what: str) -> None:
        if what in (REMINDERS, INVOICES, CUSTOMERS):
            self.reload()

    def _update_button(self) -> None:
        self.retry_button.setEnabled(self.table.selectionModel().hasSelection())
