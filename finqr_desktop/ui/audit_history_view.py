"""The "History" of one invoice: who did what to it, from which workstation, and when.

A small read-only table below the messages in the invoice view. It reads the audit trail
(services.audit) in one short transaction whenever it is pointed at an invoice or the
ledger changes; times show in local time, as the message history shows them.
"""

from __future__ import annotations

import logging

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
from ..services import audit
from . import theme
from .context import LedgerContext

logger = logging.getLogger(__name__)


class AuditHistoryPanel(QGroupBox):
    def __init__(self, context: LedgerContext, parent=None):
        super().__init__(self.tr("History"), parent)
        self.context = context
        self.invoice_id: int | None = None
        self.entries: list[audit.AuditEntry] = []

        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("Who"), self.tr("Action"), self.tr("Detail")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setMaximumHeight(170)
        self.empty = QLabel()
        theme.tint(self.empty, theme.MUTED)

        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.table)
        self.show_invoice(None)

    def show_invoice(self, invoice_id: int | None) -> None:
        self.invoice_id = invoice_id
        if invoice_id is None:
            self.entries = []
        else:
            with self.context.reading() as session:
                self.entries = audit.invoice_events(session, invoice_id)
        self._fill()

    def reload(self) -> None:
        self.show_invoice(self.invoice_id)

    def action_name(self, action: str) -> str:
        names = {
            audit.ISSUE: self.tr("Issued"),
            audit.CREDIT: self.tr("Credited"),
            audit.PAYMENT: self.tr("Payment"),
            audit.ALLOCATION: self.tr("Payment placed"),
            audit.WRITE_OFF: self.tr("Written off"),
            audit.CUSTOMER_CREDIT: self.tr("Customer credit"),
            audit.SEND: self.tr("Sent"),
            audit.DRAFT: self.tr("Draft"),
            audit.DISPUTE: self.tr("Dispute"),
            audit.REMINDER: self.tr("Reminder"),
            audit.TEMPLATE: self.tr("Template changed"),
            audit.CUSTOMER: self.tr("Customer changed"),
            audit.SETTINGS: self.tr("Settings changed"),
        }
        return names.get(action, action)

    def _fill(self) -> None:
        # Newest first, as the messages above are listed.
        shown = list(reversed(self.entries))
        self.table.setRowCount(len(shown))
        for row, entry in enumerate(shown):
            values = [
                format_moment(entry.at.astimezone(), self.context.locale),
                self.tr("{user} on {workstation}").format(
                    user=entry.user, workstation=entry.workstation
                ),
                self.action_name(entry.action),
                # The detail is written once, in English, when the action happens: a record
                # of what was done, not a text to translate afterwards.
                entry.detail,
            ]
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.table.setVisible(bool(shown))
        self.empty.setVisible(not shown)
        self.empty.setText(self.tr("Nothing is recorded about this invoice yet."))
