"""The customer list as a table model; customers are few enough to hold in full."""

from __future__ import annotations

import logging

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from ..services import ui_queries
from ..services.ui_queries import CustomerSummary
from .context import LedgerContext

logger = logging.getLogger(__name__)


class CustomerListModel(QAbstractTableModel):
    def __init__(self, context: LedgerContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.search = ""
        self._rows: list[CustomerSummary] = []
        # The clerk's order (a header click), kept across reloads and searches.
        self._sort_column = 0
        self._descending = False
        self._headers = [
            self.tr("Number"),
            self.tr("Name"),
            self.tr("Org. number"),
            self.tr("City"),
            self.tr("E-mail"),
            self.tr("Payment terms"),
        ]

    def reload(self, search: str | None = None) -> None:
        if search is not None:
            self.search = search.strip()
        with self.context.reading() as session:
            rows = ui_queries.customer_summaries(session, self.search)
        self.beginResetModel()
        self._rows = self._sorted(rows)
        self.endResetModel()

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column = column
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.layoutAboutToBeChanged.emit()
        self._rows = self._sorted(self._rows)
        self.layoutChanged.emit()

    def _sorted(self, rows: list[CustomerSummary]) -> list[CustomerSummary]:
        column = self._sort_column

        def key(customer: CustomerSummary):
            text = str(self._values(customer)[column] or "")
            # Customer numbers are usually digits: 2 before 10, then anything else by text.
            if column == 0 and text.isdigit():
                return (0, int(text), "")
            return (1, 0, text.casefold())

        return sorted(rows, key=key, reverse=self._descending)

    def customer_at(self, row: int) -> CustomerSummary:
        return self._rows[row]

    def row_of_number(self, number: str) -> int:
        return next((i for i, c in enumerate(self._rows) if c.number == number), -1)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's own signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self._values(self._rows[index.row()])[index.column()]

    @staticmethod
    def _values(customer: CustomerSummary) -> tuple:
        return (
            customer.number,
            customer.name,
            customer.org_number,
            customer.city,
            ", ".join(customer.emails),
            customer.payment_terms,
        )
