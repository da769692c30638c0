"""The dashboard's tables: aging buckets, late payers, reminder effect, and the list of the
invoices behind a clicked bar or row (double-click opens one, as in the invoice list)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.date_text import format_day
from ..services.aging import Aging, AgingInvoice
from ..services.forecast import ForecastInvoice
from ..services.payer_figures import LatePayer, ReminderEffect
from . import dashboard_text as text

logger = logging.getLogger(__name__)

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
ID_ROLE = Qt.ItemDataRole.UserRole


def _tr(source: str) -> str:
    return QCoreApplication.translate("", source)


def new_table(headers: list[str], stretch: int = 0) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def fill(table: QTableWidget, rows: list[list[str]], right: tuple[int, ...] = (),
         tips: list[str] | None = None) -> None:  # fmt: skip
    table.setRowCount(len(rows))
    for row, values in enumerate(rows):
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            if column in right:
                item.setTextAlignment(RIGHT)
            if tips:
                item.setToolTip(tips[row])
            table.setItem(row, column, item)
    table.clearSpans()
    if len(rows) == 1 and not any(rows[0][1:]):
        table.setSpan(0, 0, 1, table.columnCount())  # a sentence saying the table is empty
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(False)


def aging_table() -> QTableWidget:
    return new_table([_tr("Days overdue"), _tr("Invoices"), _tr("Still due")])


def show_aging(table: QTableWidget, aging: Aging, locale: str) -> None:
    rows = [
        [text.bucket_label(b.key), str(b.count), text.money(b.figure, locale)]
        for b in aging.buckets
    ]
    rows.append([_tr("Total"), str(aging.count), text.money(aging.total, locale)])
    tips = [text.conversion_note(b.figure, locale) or _tr("Click to list the invoices.")
            for b in aging.buckets]  # fmt: skip
    fill(table, rows, right=(1, 2), tips=[*tips, text.conversion_note(aging.total, locale)])
    total = table.item(len(rows) - 1, 0).font()
    total.setBold(True)
    for column in range(3):
        table.item(len(rows) - 1, column).setFont(total)
    table.resizeColumnsToContents()


def late_payers_table() -> QTableWidget:
    table = new_table([_tr("Customer"), _tr("Average days late"), _tr("Invoices counted"),
                       _tr("Overdue now")])  # fmt: skip
    table.setToolTip(_tr("Days late averaged over each customer's recent paid invoices (early "
                         "counts as on time) and its invoices overdue today."))  # fmt: skip
    rows = table.verticalHeader().defaultSectionSize()
    table.setMinimumHeight(rows * 11 + table.horizontalHeader().sizeHint().height())
    return table


def show_late_payers(table: QTableWidget, payers: tuple[LatePayer, ...], locale: str) -> None:
    rows = [[f"{p.number} {p.name}", text.days(p.late, locale), str(p.late.count),
             text.money(p.overdue, locale)] for p in payers]  # fmt: skip
    if not rows:
        rows = [[_tr("Nobody is paying late."), "", "", ""]]
    fill(table, rows, right=(1, 2, 3))


def reminder_table() -> QTableWidget:
    table = new_table([_tr("Reminder level"), _tr("Invoices reminded"),
                       _tr("Paid within 7 days"), _tr("Share")])  # fmt: skip
    table.setToolTip(_tr("Of the invoices reminded at each level in the last 90 days (up to "
                         "a week ago), how many were paid in full in the seven days after "
                         "the reminder went."))  # fmt: skip
    return table


def show_reminders(table: QTableWidget, effects: tuple[ReminderEffect, ...], locale: str) -> None:
    rows = [[str(e.level), str(e.reminded), str(e.paid_within), text.percent(e.share, locale)]
            for e in effects]  # fmt: skip
    if not rows:
        rows = [[_tr("No reminder went out in the last 90 days (up to a week ago)."), "", "", ""]]
    fill(table, rows, right=(1, 2, 3))


class InvoiceList(QWidget):
    """The invoices behind the bar or row clicked last; double-click opens one."""

    open_requested = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.heading = QLabel(_tr("Click a bar or a row above to list the invoices behind it."))
        self.heading.setWordWrap(True)
        headers = [_tr("Invoice"), _tr("Customer"), _tr("Due date"), "", _tr("Still due"),
                   _tr("In company currency")]  # fmt: skip
        self.table = new_table(headers, stretch=1)
        self.table.setMinimumHeight(180)
        self.table.doubleClicked.connect(self._open)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.table)

    def show_aging(self, heading: str, rows: list[AgingInvoice], currency: str, locale: str):
        self._header(_tr("Days overdue"))
        self._show(heading, rows, [str(r.days_overdue) for r in rows], currency, locale)

    def show_forecast(self, heading: str, rows: list[ForecastInvoice], currency: str, locale: str):
        self._header(_tr("Expected on"))
        days = [format_day(r.expected_on, locale) for r in rows]
        self._show(heading, rows, days, currency, locale)

    def invoice_ids(self) -> list[int]:
        return [self.table.item(row, 0).data(ID_ROLE) for row in range(self.table.rowCount())]

    def _header(self, label: str) -> None:
        self.table.setHorizontalHeaderItem(3, QTableWidgetItem(label))

    def _show(self, heading: str, rows, fourth: list[str], currency: str, locale: str) -> None:
        self.heading.setText(heading)
        fill(self.table, [
            [r.number, f"{r.customer_number} {r.customer_name}",
             format_day(r.due_date, locale), extra,
             text.amount(r.remaining, r.currency, locale),
             text.amount(r.converted, currency, locale) if r.converted is not None
             else _tr("no rate")]
            for r, extra in zip(rows, fourth, strict=True)
        ], right=(3, 4, 5))  # fmt: skip
        for row, record in enumerate(rows):
            self.table.item(row, 0).setData(ID_ROLE, record.id)
            self.table.item(row, 0).setToolTip(_tr("Double-click to open the invoice."))

    def _open(self, index) -> None:
        invoice_id = self.table.item(index.row(), 0).data(ID_ROLE)
        if invoice_id is not None:
            self.open_requested.emit(int(invoice_id))
