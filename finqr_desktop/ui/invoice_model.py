"""The invoice list as a lazy table model: it holds ids, and fetches rows in blocks.

Only the ids of the filtered, sorted list are loaded up front (one narrow query). The rows
a view draws are fetched a block at a time and cached, with the oldest blocks dropped, so a
ledger of 100,000 invoices opens as fast as one of 100.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from ..domain.date_text import format_day
from ..domain.number_text import format_amount
from ..domain.status import Status
from ..services import invoice_list
from ..services.invoice_list import ListQuery, ListRow
from . import theme
from .context import LedgerContext
from .labels import status_name

logger = logging.getLogger(__name__)

BLOCK_SIZE = 200
MAX_BLOCKS = 50
COLUMNS = ("number", "customer", "issue_date", "due_date", "total", "remaining", "status")
_AMOUNTS = {"total", "remaining"}


class InvoiceListModel(QAbstractTableModel):
    def __init__(self, context: LedgerContext, parent=None, *, block_size: int = BLOCK_SIZE):
        super().__init__(parent)
        self.context = context
        self.block_size = block_size
        self.query = ListQuery()
        self.blocks_fetched = 0  # how many block queries ran; shows the laziness in tests
        self._ids: list[int] = []
        self._blocks: OrderedDict[int, dict[int, ListRow]] = OrderedDict()
        self._today = context.today()
        self._headers = {
            "number": self.tr("Number"),
            "customer": self.tr("Customer"),
            "issue_date": self.tr("Issued"),
            "due_date": self.tr("Due"),
            "total": self.tr("Total"),
            "remaining": self.tr("Remaining"),
            "status": self.tr("Status"),
        }

    def set_query(self, **changes) -> None:
        self.query = replace(self.query, **changes)
        self.reload()

    def reload(self) -> None:
        self._today = self.context.today()
        with self.context.reading() as session:
            ids = invoice_list.invoice_ids(session, self.query, self._today)
        self.beginResetModel()
        self._ids = ids
        self._blocks.clear()
        self.endResetModel()
        logger.debug("invoice list: %d ids for %s", len(ids), self.query)

    def id_at(self, row: int) -> int:
        return self._ids[row]

    def row_at(self, row: int) -> ListRow | None:
        """The row's data, fetched with its block if needed; None if it was deleted."""
        block = row // self.block_size
        rows = self._blocks.get(block)
        if rows is None:
            rows = self._fetch(block)
        else:
            self._blocks.move_to_end(block)
        return rows.get(self._ids[row])

    def _fetch(self, block: int) -> dict[int, ListRow]:
        start = block * self.block_size
        ids = self._ids[start : start + self.block_size]
        with self.context.reading() as session:
            rows = invoice_list.list_rows(session, ids, self._today)
        self.blocks_fetched += 1
        found = {row.id: row for row in rows}
        self._blocks[block] = found
        while len(self._blocks) > MAX_BLOCKS:
            self._blocks.popitem(last=False)
        return found

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's own signature
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[COLUMNS[section]]
        if role == Qt.ItemDataRole.TextAlignmentRole and COLUMNS[section] in _AMOUNTS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (
                Qt.AlignmentFlag.AlignRight if column in _AMOUNTS else Qt.AlignmentFlag.AlignLeft
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole):
            return None
        row = self.row_at(index.row())
        if role == Qt.ItemDataRole.ForegroundRole:
            overdue = row is not None and row.status == Status.OVERDUE and column == "status"
            return theme.colour(theme.ERROR) if overdue else None
        if row is None:
            return self.tr("(removed)") if column == "number" else ""
        return self._text(row, column)

    def _text(self, row: ListRow, column: str) -> str:
        if column == "number":
            return row.number or self.tr("Draft")
        if column == "customer":
            return row.customer_name
        if column == "issue_date":
            return format_day(row.issue_date, self.context.locale)
        if column == "due_date":
            return format_day(row.due_date, self.context.locale)
        if column in _AMOUNTS:
            amount = row.total if column == "total" else row.remaining
            return format_amount(amount, row.currency, self.context.locale)
        return status_name(row.status)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column]
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) != (self.query.sort, self.query.descending) or not self._ids:
            self.set_query(sort=key, descending=descending)
