"""The totals beside the invoice lines: lines, discount, net, VAT per rate, rounding, total."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout

from ..domain.number_text import format_amount
from ..domain.totals import Totals
from . import theme
from .labels import vat_rate_name

logger = logging.getLogger(__name__)

UNKNOWN = "—"


class TotalsPanel(QFrame):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(340)
        self.grid = QGridLayout()
        self.grid.setColumnStretch(0, 1)
        self.grid.setHorizontalSpacing(16)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        theme.tint(self.hint, theme.MUTED)
        layout = QVBoxLayout(self)
        layout.addLayout(self.grid)
        layout.addWidget(self.hint)
        layout.addStretch(1)

        self.lines_value = self._row(0, self.tr("Lines"))
        self.discount_value = self._row(1, self.tr("Invoice discount"))
        self.net_value = self._row(2, self.tr("Net"))
        self.vat_rows: list[tuple[QLabel, QLabel]] = []
        self.rounding_value = self._row(20, self.tr("Rounding"))
        self.total_value = self._row(21, self.tr("Total"))
        bold = self.total_value.font()
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        self.total_value.setFont(bold)
        self.grid.itemAtPosition(21, 0).widget().setFont(bold)

    def _row(self, row: int, title: str) -> QLabel:
        value = QLabel(UNKNOWN)
        value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.grid.addWidget(QLabel(title), row, 0)
        self.grid.addWidget(value, row, 1)
        return value

    def vat_texts(self) -> list[tuple[str, str]]:
        return [(name.text(), value.text()) for name, value in self.vat_rows]

    def show_totals(self, totals: Totals | None, locale: str, *, hint: str = "") -> None:
        for pair in self.vat_rows:
            for label in pair:
                # Hidden at once: deleteLater only runs when the event loop gets back.
                self.grid.removeWidget(label)
                label.hide()
                label.deleteLater()
        self.vat_rows = []
        self.hint.setText(hint)
        if totals is None:
            for label in self._values():
                label.setText(UNKNOWN)
            return

        def money(amount):
            return format_amount(amount, totals.currency, locale)

        self.lines_value.setText(money(totals.lines_total))
        self.discount_value.setText(money(-totals.invoice_discount))
        self.net_value.setText(money(totals.net_total))
        for offset, group in enumerate(totals.groups):
            title = self.tr("VAT {rate} on {base}").format(
                rate=vat_rate_name(group.rate, locale), base=money(group.net)
            )
            name, value = QLabel(title), QLabel(money(group.vat))
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.grid.addWidget(name, 3 + offset, 0)
            self.grid.addWidget(value, 3 + offset, 1)
            self.vat_rows.append((name, value))
        self.rounding_value.setText(money(totals.rounding))
        self.total_value.setText(money(totals.total))

    def _values(self) -> list[QLabel]:
        return [
            self.lines_value,
            self.discount_value,
            self.net_value,
            self.rounding_value,
            self.total_value,
        ]
