"""The Reminders page's parts: the queue table, the mode switch, and the two questions.

The questions (why skip, until when to postpone) are module functions so tests can answer
them without a blocking dialog.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .column_widths import set_widths
from .locale_text import qt_date_format
from .reminder_model import COLUMNS, ReminderModel

_WIDTHS = {"number": 85, "customer": 180, "level": 45, "amount_due": 105, "fee": 85,
           "interest": 85, "send_at": 120, "status": 160}  # fmt: skip


def _tr(text: str) -> str:
    return QCoreApplication.translate("", text)


def ask_reason(parent: QWidget | None) -> str | None:
    """The reason for skipping, or None if the clerk cancelled or gave none."""
    text, ok = QInputDialog.getText(
        parent, _tr("Skip reminder"), _tr("Why is this reminder skipped?")
    )
    return text.strip() if ok and text.strip() else None


class PostponeDialog(QDialog):
    def __init__(self, today: dt.date, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Postpone reminder"))
        self.date = QDateEdit(QDate(today + dt.timedelta(days=7)))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat(qt_date_format())
        self.date.setMinimumDate(QDate(today + dt.timedelta(days=1)))
        note = QLabel(self.tr("The reminder waits until the send window opens on that day."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Postpone until"), self.date)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def chosen(self) -> dt.date:
        return self.date.date().toPython()


def ask_date(parent: QWidget | None, today: dt.date) -> dt.date | None:
    """The day to postpone to, or None if the clerk cancelled."""
    dialog = PostponeDialog(today, parent)
    return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None


def queue_view(model: ReminderModel) -> QTableView:
    """The queue table: whole rows, several at once, the reason stretched at the end."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    vertical = view.verticalHeader()
    vertical.hide()
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.horizontalHeader().setStretchLastSection(True)
    set_widths(view, {n: _WIDTHS[key] for n, key in enumerate(COLUMNS) if key in _WIDTHS})
    return view


class ModeSwitch(QWidget):
    """Manual or automatic sending, with one line saying what the choice means."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.combo = QComboBox()
        self.combo.addItem(self.tr("Manual"), "manual")
        self.combo.addItem(self.tr("Automatic"), "automatic")
        self.note = QLabel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Sending mode:")))
        layout.addWidget(self.combo)
        layout.addWidget(self.note, 1)

    def show_mode(self, mode: str) -> None:
        self.combo.setCurrentIndex(self.combo.findData(mode))
        self.note.setText(
            self.tr("Reminders that fall due go out by themselves.")
            if mode == "automatic"
            else self.tr("Only the reminders you approve here are sent.")
        )
