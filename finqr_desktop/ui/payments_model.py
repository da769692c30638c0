"""The payment list as a lazy table model: ids up front, rows fetched a block at a time.

Same shape as ui.invoice_model: one narrow id query per filter change, then only the
blocks the view draws, so a ledger with tens of thousands of bank payments opens at once.
"""

from __future__ import annotations

import logging
from collections import OrderedDict

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from ..domain.date_text import format_day
from ..domain.number_text import format_amount
from ..services import payments_screen
from ..services.payments_screen import PaymentListRow
from . import theme
from .context import LedgerContext
from .payments_register import method_names

logger = logging.getLogger(__name__)

BLOCK_SIZE = 200
MAX_BLOCKS = 50
COLUMNS = ("date", "amount", "currency", "method", "payer", "reference", "invoices", "status")
_RIGHT = {"amount"}


class PaymentListModel(QAbstractTableModel):
    def __init__(self, context: LedgerContext, parent=None, *, block_size: int = BLOCK_SIZE):
        super().__init__(parent)
        self.context = context
        self.block_size = block_size
        self.unmatched_only = False
        self.search = ""
        self.blocks_fetched = 0  # how many block queries ran; shows the laziness in tests
        self._ids: list[int] = []
        self._blocks: OrderedDict[int, dict[int, PaymentListRow]] = OrderedDict()
        self._headers = {
            "date": self.tr("Date"),
            "amount": self.tr("Amount"),
            "currency": self.tr("Currency"),
            "method": self.tr("Method"),
            "payer": self.tr("Payer"),
            "reference": self.tr("Reference"),
            "invoices": self.tr("Invoices"),
            "status": self.tr("Status"),
        }
        self._methods = {
            **method_names(),
            "bgmax": self.tr("BgMax file"),
            "camt": self.tr("camt file"),
            "credit": self.tr("From credit"),
            "credit_note": self.tr("To credit (credit note)"),
        }
        self._statuses = {
            payments_screen.MATCHED: self.tr("Matched"),
            payments_screen.UNMATCHED: self.tr("Unmatched"),
            payments_screen.CREDIT: self.tr("Credit"),
        }

    def set_filter(self, *, unmatched_only: bool | None = None, search: str | None = None):
        if unmatched_only is not None:
            self.unmatched_only = unmatched_only
        if search is not None:
            self.search = search
        self.reload()

    def reload(self) -> None:
        with self.context.reading() as session:
            ids = payments_screen.payment_ids(
                session, unmatched=self.unmatched_only, search=self.search
            )
        self.beginResetModel()
        self._ids = ids
        self._blocks.clear()
        self.endResetModel()
        logger.debug("payment list: %d ids", len(ids))

    def id_at(self, row: int) -> int:
        return self._ids[row]

    def row_at(self, row: int) -> PaymentListRow | None:
        """The row's data, fetched with its block if needed; None if it is gone."""
        block = row // self.block_size
        rows = self._blocks.get(block)
        if rows is None:
            rows = self._fetch(block)
        else:
            self._blocks.move_to_end(block)
        return rows.get(self._ids[row])

    def status_name(self, status: str) -> str:
        return self._statuses.get(status, status)

    def _fetch(self, block: int) -> dict[int, PaymentListRow]:
        start = block * self.block_size
        ids = self._ids[start : start + self.block_size]
        with self.context.reading() as session:
            rows = payments_screen.payment_rows(session, ids)
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
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            side = Qt.AlignmentFlag.AlignRight if column in _RIGHT else Qt.AlignmentFlag.AlignLeft
            return int(side | Qt.AlignmentFlag.AlignVCenter)
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        row = self.row_at(index.row())
        if row is None:
            return self.tr("(removed)") if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.ForegroundRole:
            waiting = column == "status" and row.status == payments_screen.UNMATCHED
            return theme.colour(theme.ERROR) if waiting else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.note or None
        return self._text(row, column)

    def _text(self, row: PaymentListRow, column: str) -> str:
        locale = self.context.locale
        if column == "date":
            return format_day(row.date, locale)
        if column == "amount":
            return format_amount(row.amount, row.currency, locale)
        if column == "currency":
            return row.currency
        if column == "method":
            return self._methods.get(row.method, row.method)
        if column == "payer":
            return row.payer_name
        if column == "reference":
            return row.reference
        if column == "invoices":
            return ", ".join(row.invoices)
        status = self.status_name(row.status)
        if row.status == payments_screen.UNMATCHED:
            left = format_amount(row.unplaced, row.booking_currency, locale)
            return self.tr("{status}: {amount} to place").format(status=status, amount=left)
        if row.status == payments_screen.CREDIT:
            credit = format_amount(row.to_credit, row.booking_currency, locale)
            return self.tr("{status}: {amount}").format(status=status, amount=credit)
        return status
