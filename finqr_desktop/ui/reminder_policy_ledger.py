"""What every reminder policy of the ledger shares: the send window and reference rates.

Shown once, beside whichever policy is being edited, because changing it changes all of
them. Values go into the policy document as typed; the save checks them.
"""

from __future__ import annotations

import logging
import re

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
)

from ..domain.errors import Problem
from .field_errors import FieldErrors, error_label
from .message_text import localized
from .reminder_policy_levels import amount_data, amount_text

logger = logging.getLogger(__name__)

_RATE = re.compile(r"^reference_rates(\[(\d+)\])?")


class LedgerSettingsForm(QGroupBox):
    def __init__(self, parent=None):
        super().__init__(self.tr("For every policy of the ledger"), parent)
        self.start = QTimeEdit()
        self.start.setDisplayFormat("HH:mm")
        self.timezone = QLineEdit()
        self.timezone.setPlaceholderText("Europe/Stockholm")
        self.country = QLineEdit()
        self.country.setMaxLength(2)
        self.country.setToolTip(self.tr("Reminders go on bank days: no weekends, no public "
                                        "holidays of this country"))  # fmt: skip
        self.rates = QTableWidget(0, 2)
        self.rates.setHorizontalHeaderLabels([self.tr("From"), self.tr("Reference rate %")])
        self.rates.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.rates.verticalHeader().hide()
        self.add_rate = QPushButton(self.tr("Add rate"))
        self.remove_rate = QPushButton(self.tr("Remove rate"))
        self.add_rate.clicked.connect(lambda: self._append_rate("", ""))
        self.remove_rate.clicked.connect(self._remove_rate)
        self.rates_error = error_label()
        self.general = error_label()
        self.errors = FieldErrors(self.general)

        wrap = self.errors.wrap
        form = QFormLayout()
        form.addRow(self.tr("Send from"), wrap("window.start", self.start))
        form.addRow(self.tr("Time zone"), wrap("window.timezone", self.timezone, "window"))
        form.addRow(self.tr("Holidays of"), wrap("window.country", self.country))
        rate_buttons = QHBoxLayout()
        rate_buttons.addWidget(self.add_rate)
        rate_buttons.addWidget(self.remove_rate)
        rate_buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.rates)
        layout.addLayout(rate_buttons)
        layout.addWidget(self.rates_error)
        layout.addWidget(self.general)

    def set_data(self, document: dict) -> None:
        window = document["window"]
        self.start.setTime(QTime.fromString(window["start"][:5], "HH:mm"))
        self.timezone.setText(window["timezone"])
        self.country.setText(window["country"])
        self.rates.setRowCount(0)
        for day, rate in document["reference_rates"]:
            self._append_rate(day, amount_text(rate))

    def apply_to(self, document: dict) -> None:
        document["window"] = {
            **document["window"],
            "start": self.start.time().toString("HH:mm"),
            "timezone": self.timezone.text().strip(),
            "country": self.country.text().strip().upper(),
        }
        document["reference_rates"] = [
            [self.rates.item(row, 0).text().strip(), amount_data(self.rates.item(row, 1).text())]
            for row in range(self.rates.rowCount())
        ]

    def show_problems(self, problems: list[Problem]) -> list[Problem]:
        """Show the window's and the rates' problems here; return the others."""
        self.errors.clear()
        self.rates_error.clear()
        self.rates_error.hide()
        mine, rates, left = [], [], []
        for problem in problems:
            if problem.field.startswith("window"):
                mine.append(problem)
            elif found := _RATE.match(problem.field):
                row = found.group(2)
                where = self.tr("Rate %s: ") % (int(row) + 1) if row is not None else ""
                rates.append(where + localized(problem.message))
            else:
                left.append(problem)
        self.errors.show(mine)
        if rates:
            self.rates_error.setText("\n".join(rates))
            self.rates_error.show()
        return left

    def _append_rate(self, day: str, rate: str) -> None:
        row = self.rates.rowCount()
        self.rates.insertRow(row)
        self.rates.setItem(row, 0, QTableWidgetItem(day))
        item = QTableWidgetItem(rate)
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.rates.setItem(row, 1, item)
        if not day:
            self.rates.setCurrentCell(row, 0)

    def _remove_rate(self) -> None:
        if self.rates.currentRow() >= 0:
            self.rates.removeRow(self.rates.currentRow())
