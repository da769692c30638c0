"""The reminder queue as a table model, filtered in memory.

The queue covers only today and the coming two weeks, so it is small: the model reads it
whole from the ledger on every reload and filters the list it holds, which keeps the
table and the database in step after each action without any cache to invalidate.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt

from ..domain.date_text import format_moment
from ..domain.number_text import format_amount
from ..services.reminder_queue import QueueItem, queue
from ..services.reminder_settings import reminder_mode
from .context import LedgerContext
from .reminder_reason_text import reason_text

logger = logging.getLogger(__name__)

# The reason comes last, stretched: it is the longest text and the one worth reading whole.
COLUMNS = ("number", "customer", "level", "amount_due", "fee", "interest", "send_at",
           "status", "reason")  # fmt: skip
_AMOUNTS = {"amount_due", "fee", "interest"}
WAITING = "waiting"
# Outbox statuses as the filter groups them; no outbox row yet means waiting for approval.
_GROUPS = {None: WAITING, "pending": WAITING}


def _tr(text: str) -> str:
    return QCoreApplication.translate("", text)


def status_filters() -> list[tuple[str | None, str]]:
    return [
        (None, _tr("All statuses")),
        (WAITING, _tr("Waiting for approval")),
        ("approved", _tr("Approved")),
        ("skipped", _tr("Skipped")),
        ("postponed", _tr("Postponed")),
    ]


def status_group(item: QueueItem) -> str:
    return _GROUPS.get(item.status, item.status or WAITING)


def review_status(item: QueueItem, *, automatic: bool = False, locale: str = "sv_SE") -> str:
    """The item's state as the clerk reads it; in automatic mode nothing waits for approval."""
    names = {
        WAITING: _tr("Goes out when due") if automatic else _tr("Waiting for approval"),
        "approved": _tr("Approved"),
        "skipped": _tr("Skipped"),
        "postponed": _tr("Postponed"),
        "claimed": _tr("Sending"),
        "sent": _tr("Sent"),
        "failed": _tr("Failed"),
    }
    group = status_group(item)
    name = names.get(group, group)
    if group == "skipped" and item.skip_reason:
        return f"{name}: {item.skip_reason}"
    if group == WAITING and item.customer_credit > 0:
        # The outbox holds these for review even in automatic mode (services.outbox).
        return _tr("Held: the customer has {amount} credit to place first").format(
            amount=format_amount(item.customer_credit, item.currency, locale)
        )
    return name


class ReminderModel(QAbstractTableModel):
    def __init__(self, context: LedgerContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.status: str | None = None
        self.level: int | None = None
        self.search = ""
        self.all_items: list[QueueItem] = []
        self._items: list[QueueItem] = []
        self.automatic = False
        self._headers = {
            "number": self.tr("Invoice"),
            "customer": self.tr("Customer"),
            "level": self.tr("Level"),
            "amount_due": self.tr("Amount due"),
            "fee": self.tr("Fee or compensation"),
            "interest": self.tr("Interest"),
            "send_at": self.tr("Planned"),
            "reason": self.tr("Reason"),
            "status": self.tr("Review"),
        }

    def reload(self) -> None:
        with self.context.reading() as session:
            items = queue(session, self.context.today())
            self.automatic = reminder_mode(session) == "automatic"
        self.all_items = items
        self._refilter()
        logger.debug("reminder queue: %d items, %d shown", len(items), len(self._items))

    def set_filter(self, **changes) -> None:
        for name, value in changes.items():
            setattr(self, name, value)
        self._refilter()

    def levels(self) -> list[int]:
        return sorted({item.level for item in self.all_items})

    def item_at(self, row: int) -> QueueItem:
        return self._items[row]

    def items(self) -> list[QueueItem]:
        return list(self._items)

    def _refilter(self) -> None:
        needle = self.search.strip().casefold()
        self.beginResetModel()
        self._items = [
            item
            for item in self.all_items
            if (self.status is None or status_group(item) == self.status)
            and (self.level is None or item.level == self.level)
            and (not needle or needle in f"{item.invoice_number} {item.customer_name} "
                 f"{item.customer_number}".casefold())
        ]  # fmt: skip
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's own signature
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[COLUMNS[section]]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        column = COLUMNS[index.column()]
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            right = column in _AMOUNTS or column == "level"
            horizontal = Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column in ("reason", "status", "fee"):
            return self._tooltip(item, column)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        return None

    def _money(self, item: QueueItem, amount) -> str:
        return format_amount(amount, item.currency, self.context.locale)

    def _text(self, item: QueueItem, column: str) -> str:
        if column == "number":
            return item.invoice_number
        if column == "customer":
            return item.customer_name
        if column == "level":
            return str(item.level)
        if column == "amount_due":
            return self._money(item, item.amount_due)
        if column == "fee":
            return self._money(item, item.fee + item.compensation)
        if column == "interest":
            return self._money(item, item.interest)
        if column == "send_at":
            return format_moment(item.send_at, self.context.locale)
        if column == "reason":
            return reason_text(item.why) if item.why is not None else item.reason
        return review_status(item, automatic=self.automatic, locale=self.context.locale)

    def _tooltip(self, item: QueueItem, column: str) -> str:
        if column == "fee" and item.compensation:
            # Not a fee: a business owes it by law (4 a §), and the reminder shows it apart.
            compensation = self._money(item, item.compensation)
            return self.tr(
                "Late payment compensation of {amount}, which a business owes by law; "
                "the reminder fee is set against it, not added"
            ).format(amount=compensation)
        return self._text(item, column) if column != "fee" else ""
