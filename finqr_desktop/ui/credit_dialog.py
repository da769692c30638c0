"""Choosing what a credit note takes off: everything left, or some of the invoice's lines.

The clerk types how much of each line to take off (quantity, in the invoice's own units);
the lines keep the invoice's price, discount and VAT rate, so a credit can only reverse
what was invoiced.
"""

from __future__ import annotations

import dataclasses
import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..domain.invoice import DraftLine
from ..domain.number_text import format_amount, format_decimal_plain, parse_decimal_input
from ..domain.text_rules import text_problem
from ..services.ui_queries import InvoiceDetail
from .field_errors import error_label, mark_invalid
from .message_text import error_text

logger = logging.getLogger(__name__)


class CreditDialog(QDialog):
    def __init__(self, detail: InvoiceDetail, locale: str, parent=None):
        super().__init__(parent)
        self.detail = detail
        self.locale = locale
        self.setWindowTitle(self.tr("Credit invoice {number}").format(number=detail.number))
        self.resize(760, 420)
        left = format_amount(detail.total - detail.credited, detail.draft.currency, locale)
        self.everything = QRadioButton(
            self.tr("Everything that is left ({amount})").format(amount=left)
        )
        self.chosen = QRadioButton(self.tr("Only what I enter below"))
        self.everything.setChecked(True)
        self.table = QTableWidget(len(detail.draft.lines), 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Description"), self.tr("Invoiced"), self.tr("Unit price"),
             self.tr("Quantity to credit")]
        )  # fmt: skip
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 110), (2, 120), (3, 160)):
            self.table.setColumnWidth(column, width)
        self.table.verticalHeader().hide()
        self.edits: list[QLineEdit] = []
        for row, line in enumerate(detail.draft.lines):
            self._fill_row(row, line)
        self.reason = QLineEdit()
        self.reason.setObjectName("credit_reason")
        self.reason.setPlaceholderText(self.tr("e.g. Returned goods, wrong price"))
        self.error = error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Issue credit note"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("What should the credit note take off?")))
        layout.addWidget(self.everything)
        layout.addWidget(self.chosen)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel(self.tr("Reason, printed on the credit note")))
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _fill_row(self, row: int, line: DraftLine) -> None:
        invoiced = f"{format_decimal_plain(line.quantity, self.locale)} {line.unit}".strip()
        price = format_amount(line.unit_price, self.detail.draft.currency, self.locale)
        for column, text in enumerate((line.description, invoiced, price)):
            item = QTableWidgetItem(text)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            if column:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, column, item)
        edit = QLineEdit()
        edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        edit.setPlaceholderText("0")
        edit.textEdited.connect(lambda _text: self.chosen.setChecked(True))
        self.table.setCellWidget(row, 3, edit)
        self.edits.append(edit)

    def credit_lines(self) -> list[DraftLine] | None:
        """None for "everything left"; the chosen lines otherwise. Raises ValueError with a
        message naming the line when a quantity cannot be read."""
        if self.everything.isChecked():
            return None
        lines = []
        for index, (line, edit) in enumerate(
            zip(self.detail.draft.lines, self.edits, strict=True)
        ):
            text = edit.text().strip()
            mark_invalid(edit, None)
            if not text:
                continue
            try:
                quantity = parse_decimal_input(text, self.locale)
            except ValueError as exc:
                mark_invalid(edit, error_text(exc))
                raise ValueError(self.tr("Line {n}: {why}").format(n=index + 1, why=exc)) from None
            if quantity < 0 or quantity > line.quantity:
                message = self.tr("Line {n}: enter between 0 and {most}").format(
                    n=index + 1, most=format_decimal_plain(line.quantity, self.locale)
                )
                mark_invalid(edit, message)
                raise ValueError(message)
            if quantity:
                lines.append(dataclasses.replace(line, quantity=quantity))
        if not lines:
            raise ValueError(self.tr("Enter a quantity to credit on at least one line."))
        return lines

    def reason_text(self) -> str:
        return self.reason.text().strip()

    def accept(self) -> None:
        try:
            self.credit_lines()
            why = text_problem(self.reason_text())
            mark_invalid(self.reason, why)
            if why:
                raise ValueError(self.tr("Reason: {why}").format(why=why))
        except ValueError as exc:
            self.error.setText(error_text(exc))
            self.error.show()
            return
        super().accept()
