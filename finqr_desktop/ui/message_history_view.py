"""The messages about one invoice, newest first: what went out, to whom, and what failed.

A small read-only table for the invoice view and the Reminders page; it reads the history
in one short transaction whenever it is pointed at an invoice or the ledger changes.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..domain.date_text import format_moment
from ..services.message_history import HistoryEntry, history
from . import theme
from .context import LedgerContext

logger = logging.getLogger(__name__)


class MessageHistoryPanel(QGroupBox):
    def __init__(self, context: LedgerContext, parent=None):
        super().__init__(self.tr("Messages"), parent)
        self.context = context
        self.invoice_id: int | None = None
        self.credit_note = False
        self.entries: list[HistoryEntry] = []

        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("Message"), self.tr("Result"), self.tr("To"),
             self.tr("Message-ID or error")]
        )  # fmt: skip
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        # A handful of rows; the panel shares its page with the list it explains.
        self.table.setMaximumHeight(170)
        self.empty = QLabel()
        theme.tint(self.empty, theme.MUTED)

        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.table)
        self.show_invoice(None)

    def show_invoice(self, invoice_id: int | None, *, credit_note: bool = False) -> None:
        """Show the history of ``invoice_id``; None shows that nothing is chosen."""
        self.invoice_id = invoice_id
        self.credit_note = credit_note
        if invoice_id is None:
            self.entries = []
        else:
            with self.context.reading() as session:
                self.entries = history(session, invoice_id)
        self._fill()

    def reload(self) -> None:
        self.show_invoice(self.invoice_id, credit_note=self.credit_note)

    def _fill(self) -> None:
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            values = [
                format_moment(entry.at.astimezone(), self.context.locale),
                self._what(entry),
                self._result(entry),
                ", ".join(entry.recipients),
                entry.message_id if entry.sent else entry.error,
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if not entry.sent:
                    # Only a failure for good is an error: a retry is the worker's own job.
                    tint = theme.WARNING if entry.temporary else theme.ERROR
                    item.setForeground(QBrush(theme.colour(tint)))
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.setVisible(bool(self.entries))
        if self.invoice_id is None:
            self.empty.setText(self.tr("Choose an invoice to see its messages."))
        else:
            self.empty.setText(self.tr("Nothing has been e-mailed about this invoice yet."))
        self.empty.setVisible(not self.entries)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignLeft)

    def _result(self, entry: HistoryEntry) -> str:
        if entry.sent:
            return self.tr("Sent")
        if entry.retry_at is not None:
            when = format_moment(entry.retry_at.astimezone(), self.context.locale)
            return self.tr("Waiting to be retried at {time}").format(time=when)
        if entry.temporary:
            return self.tr("Not sent: a temporary failure")
        return self.tr("Failed")

    def _what(self, entry: HistoryEntry) -> str:
        if entry.kind == "reminder":
            if entry.level == 0:
                return self.tr("Payment notice")
            return self.tr("Reminder {level}").format(level=entry.level)
        if entry.kind == "invoice":
            return self.tr("Credit note") if self.credit_note else self.tr("Invoice")
        return self.tr("Manual message")
