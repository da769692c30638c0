"""Customer credit on the Payments page: who holds credit, in which currency, and the two
things a clerk does with it: settle another of the customer's invoices, or record that it
was paid back.

Each action is one transaction (services.customer_credit) and is announced, so the
invoice screens and the reminder queue reload.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import Problem, RuleViolation, ValidationFailed
from ..domain.number_text import format_amount, parse_decimal_input
from ..services import customer_credit, payments_screen
from ..services.payments_screen import CreditHolder
from .context import CUSTOMERS, INVOICES, LedgerContext
from .field_errors import FieldErrors, error_label
from .message_text import error_text
from .payments_register import announce_paid

logger = logging.getLogger(__name__)

USE, REFUND = "use", "refund"


class CreditPanel(QWidget):
    """The customers holding credit, with "Use on invoice…" and "Refund…"; it reloads on
    every payment (announced as INVOICES), since any of them may move a credit."""

    def __init__(self, context: LedgerContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.holders: list[CreditHolder] = []
        self.dialog: QDialog | None = None
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Customer"), self.tr("Currency"), self.tr("Credit")]
        )
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 70)
        self.table.setColumnWidth(2, 140)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.use_button = QPushButton(self.tr("Use on invoice…"))
        self.use_button.clicked.connect(lambda: self.act(USE))
        self.refund_button = QPushButton(self.tr("Refund…"))
        self.refund_button.clicked.connect(lambda: self.act(REFUND))
        self.empty = QLabel(
            self.tr("No customer has credit. A payment above what an invoice asks, or one "
                    "kept as credit with Place…, shows here.")
        )  # fmt: skip
        self.empty.setWordWrap(True)

        title = QLabel(self.tr("Customer credit"))
        title.setStyleSheet("font-weight: 600;")
        buttons = QHBoxLayout()
        buttons.addWidget(self.use_button)
        buttons.addWidget(self.refund_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        context.changed.connect(self._on_changed)
        self.reload()

    def reload(self) -> None:
        with self.context.reading() as session:
            self.holders = payments_screen.credit_holders(session)
        self.table.setRowCount(len(self.holders))
        for row, holder in enumerate(self.holders):
            amount = format_amount(holder.balance, holder.currency, self.context.locale)
            cells = (f"{holder.customer_number} · {holder.customer_name}", holder.currency, amount)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # the customer's name is often wider than its column
                if column == 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        if self.holders and self.table.currentRow() < 0:
            self.table.selectRow(0)
        self.empty.setVisible(not self.holders)
        # An empty table under the sentence only says the same thing twice.
        self.table.setVisible(bool(self.holders))
        self.use_button.setVisible(bool(self.holders))
        self.refund_button.setVisible(bool(self.holders))

    def _on_changed(self, what: str) -> None:
        if what in (INVOICES, CUSTOMERS):
            self.reload()

    def selected(self) -> CreditHolder | None:
        row = self.table.currentRow()
        return self.holders[row] if 0 <= row < len(self.holders) else None

    def act(self, mode: str) -> CreditDialog | None:
        """Open the dialog for the selected customer; it announces what it did."""
        holder = self.selected()
        if holder is None:
            return None
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = CreditDialog(self.context, holder, mode, self)
        self.dialog.open()
        return self.dialog


class CreditDialog(QDialog):
    """Use a customer's credit on one of their open invoices, or refund some of it."""

    def __init__(self, context: LedgerContext, holder: CreditHolder, mode: str, parent=None):
        super().__init__(parent)
        self.context = context
        self.holder = holder
        self.mode = mode
        locale = context.locale
        balance = format_amount(holder.balance, holder.currency, locale)
        title = self.tr("Use credit") if mode == USE else self.tr("Refund credit")
        self.setWindowTitle(title)
        self.setMinimumWidth(480)

        self.invoice = QComboBox()
        with context.reading() as session:
            for invoice in payments_screen.open_invoices_of(
                session, holder.customer_id, holder.currency
            ):
                left = format_amount(invoice.remaining, invoice.currency, locale)
                self.invoice.addItem(
                    self.tr("{number} · {left} left").format(number=invoice.number, left=left),
                    invoice.id,
                )
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(
            self.tr("as much as fits")
            if mode == USE
            else self.tr("e.g. {amount}").format(amount=balance)
        )
        self.note = QLineEdit()
        self.general = error_label()
        self.errors = FieldErrors(self.general)
        form = QFormLayout()
        form.addRow(
            self.tr("Customer"), QLabel(f"{holder.customer_number} · {holder.customer_name}")
        )
        form.addRow(self.tr("Credit"), QLabel(balance))
        if mode == USE:
            if not self.invoice.count():
                self.invoice.addItem(self.tr("No open invoice in {currency}").format(
                    currency=holder.currency), None)  # fmt: skip
            form.addRow(self.tr("Invoice"), self.errors.wrap("invoice", self.invoice))
        form.addRow(self.tr("Amount"), self.errors.wrap("amount", self.amount))
        if mode == REFUND:
            form.addRow(self.tr("Note"), self.errors.wrap("note", self.note))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Settle invoice") if mode == USE else self.tr("Record refund")
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general)
        layout.addWidget(buttons)

    def accept(self) -> None:
        amount = None
        problems = []
        if self.amount.text().strip():
            try:
                amount = parse_decimal_input(self.amount.text(), self.context.locale)
            except ValueError as error:
                problems.append(Problem("amount", error_text(error)))
        elif self.mode == REFUND:
            problems.append(Problem("amount", self.tr("enter the amount paid back")))
        if self.mode == USE and self.invoice.currentData() is None:
            problems.append(Problem("invoice", self.tr("the customer has no open invoice")))
        if problems:
            self.errors.show(problems)
            return
        try:
            with self.context.writing() as session:
                self._apply(session, amount)
        except ValidationFailed as error:
            self.errors.show(error.problems)
            return
        except RuleViolation as error:
            self.errors.show([Problem("", error_text(error))])
            return
        announce_paid(self.context)
        super().accept()

    def _apply(self, session, amount) -> None:
        holder, day = self.holder, self.context.today()
        if self.mode == USE:
            customer_credit.use_credit(
                session, holder.customer_id, self.invoice.currentData(), on_date=day, amount=amount
            )
        else:
            customer_credit.refund_credit(
                session, holder.customer_id, amount, holder.currency, on_date=day,
                note=self.note.text().strip(),
            )  # fmt: skip
