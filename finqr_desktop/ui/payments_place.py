"""Placing a payment the matching could not: on one invoice, split over several (an amount
per invoice), or as a customer's credit.

Suggestions (by amount, payer name, a reference read as text) are listed for the clerk to
take with "Use"; nothing is ever applied without the clerk pressing "Place". Each action
is one transaction, and the change is announced so every invoice screen reloads.
"""

from __future__ import annotations

import logging
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
)

from ..domain.date_text import format_day
from ..domain.errors import RuleViolation, ValidationFailed
from ..domain.number_text import format_amount, parse_decimal_input
from ..services import customer_credit, payments_screen, ui_queries
from ..services.payments_unmatched import place_payment, suggestions_for
from ..services.payments_views import get_payment
from .context import LedgerContext
from .field_errors import error_label, mark_invalid
from .message_text import error_text
from .payments_register import announce_paid

logger = logging.getLogger(__name__)


class PlacePaymentDialog(QDialog):
    def __init__(self, context: LedgerContext, payment_id: int, parent=None):
        super().__init__(parent)
        self.context = context
        self.payment_id = payment_id
        self.outcome = ""
        with context.reading() as session:
            self.payment = get_payment(session, payment_id)
            if self.payment is None:
                raise RuleViolation(f"no payment {payment_id}")
            self.suggestions = suggestions_for(session, payment_id)
            customers = ui_queries.customer_summaries(session)
            default_customer = payments_screen.customer_of_payment(session, payment_id)
            if default_customer is None and self.suggestions:
                first = payments_screen.invoice_by_id(session, self.suggestions[0].invoice_id)
                default_customer = first.customer_id if first else None
        self.setWindowTitle(self.tr("Place payment {id}").format(id=payment_id))
        self.resize(760, 600)

        payment, locale = self.payment, context.locale
        facts = QFormLayout()
        facts.addRow(self.tr("Date"), QLabel(format_day(payment.date, locale)))
        facts.addRow(self.tr("Amount"), QLabel(format_amount(payment.amount, payment.currency,
                                                             locale)))  # fmt: skip
        left = format_amount(payment.unallocated, payment.booking_currency, locale)
        self.left_label = QLabel(left)
        self.left_label.setStyleSheet("font-weight: 600;")
        facts.addRow(self.tr("Left to place"), self.left_label)
        for title, value in (
            (self.tr("Payer"), payment.payer_name),
            (self.tr("Reference"), payment.reference),
            (self.tr("Message"), payment.message),
            (self.tr("Note"), payment.note),
        ):
            if value:
                label = QLabel(value)
                label.setWordWrap(True)
                facts.addRow(title, label)

        self.suggestion_list = QListWidget()
        self.suggestion_list.setMaximumHeight(120)
        for suggestion in self.suggestions:
            remaining = format_amount(suggestion.remaining, payment.booking_currency, locale)
            text = self.tr("{number} · {customer} · {left} left · by {why}").format(
                number=suggestion.invoice_number,
                customer=suggestion.customer_name,
                left=remaining,
                why=", ".join(self._reason_text(reason) for reason in suggestion.reasons),
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, suggestion.invoice_number)
            self.suggestion_list.addItem(item)
        if not self.suggestions:
            self.suggestion_list.addItem(self.tr("No suggestions: type the invoice below."))
        use = QPushButton(self.tr("Use suggestion"))
        use.setEnabled(bool(self.suggestions))
        use.clicked.connect(self.use_suggestion)

        self.parts = QTableWidget(0, 2)
        self.parts.setHorizontalHeaderLabels([self.tr("Invoice number"), self.tr("Amount")])
        self.parts.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.parts.setColumnWidth(1, 180)
        self.parts.verticalHeader().hide()
        self.parts.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        add = QPushButton(self.tr("Add invoice"))
        add.clicked.connect(lambda: self.add_part())
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(self._remove_part)
        self.rate = QLineEdit()
        self.rate.setPlaceholderText(self.tr("other currency only"))
        self.rate.setToolTip(self.tr("Invoice currency per unit of the payment's currency"))
        self.rate.setMinimumWidth(170)
        self.error = error_label()

        self.customer = QComboBox()
        # No customer is taken for granted: for an unknown payer the clerk must choose, so
        # one click never turns a stranger's money into someone's credit.
        self.customer.addItem(self.tr("Choose a customer…"), None)
        for customer in customers:
            self.customer.addItem(f"{customer.number} · {customer.name}", customer.id)
            if customer.id == default_customer:
                self.customer.setCurrentIndex(self.customer.count() - 1)
        self.credit_button = QPushButton(self.tr("Turn into credit"))
        self.credit_button.clicked.connect(self.to_credit)
        self.credit_button.setEnabled(payment.unallocated > 0 and bool(customers))
        self.place_button = QPushButton(self.tr("Place on invoices"))
        self.place_button.setDefault(True)
        self.place_button.clicked.connect(self.place)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)

        part_buttons = QHBoxLayout()
        part_buttons.addWidget(add)
        part_buttons.addWidget(remove)
        part_buttons.addStretch(1)
        part_buttons.addWidget(QLabel(self.tr("Rate")))
        part_buttons.addWidget(self.rate)
        credit_row = QHBoxLayout()
        credit_row.addWidget(QLabel(self.tr("Or keep it for")))
        credit_row.addWidget(self.customer, 1)
        credit_row.addWidget(self.credit_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.place_button)
        if not self.suggestions:
            self.add_part()  # somewhere to type the invoice at once
        layout = QVBoxLayout(self)
        layout.addLayout(facts)
        layout.addWidget(QLabel(self.tr("Suggestions (applied only when you use them)")))
        layout.addWidget(self.suggestion_list)
        use_row = QHBoxLayout()
        use_row.addWidget(use)
        use_row.addStretch(1)
        layout.addLayout(use_row)
        layout.addWidget(QLabel(self.tr("Place on these invoices (an amount each to split)")))
        layout.addWidget(self.parts, 1)
        layout.addLayout(part_buttons)
        layout.addWidget(self.error)
        layout.addLayout(credit_row)
        layout.addLayout(buttons)

    def _reason_text(self, reason: str) -> str:
        """The matching rule's key (domain.payment_matching) in the clerk's words."""
        words = {
            "amount": self.tr("amount"),
            "payer": self.tr("payer"),
            "invoice_number": self.tr("invoice number"),
            "ocr": self.tr("OCR reference"),
        }
        return words.get(reason, reason)

    def add_part(self, number: str = "", amount: str = "") -> int:
        """A row of the split: the invoice's number and, as typed, the amount for it. An
        empty last row is filled instead of adding another below it."""
        row = self.parts.rowCount()
        if row and not any(self.parts.cellWidget(row - 1, c).text().strip() for c in (0, 1)):
            self.parts.cellWidget(row - 1, 0).setText(number)
            self.parts.cellWidget(row - 1, 1).setText(amount)
            return row - 1
        self.parts.insertRow(row)
        number_edit = QLineEdit(number)
        amount_edit = QLineEdit(amount)
        amount_edit.setPlaceholderText(self.tr("all that fits"))
        self.parts.setCellWidget(row, 0, number_edit)
        self.parts.setCellWidget(row, 1, amount_edit)
        return row

    def use_suggestion(self) -> None:
        item = self.suggestion_list.currentItem() or self.suggestion_list.item(0)
        number = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if number:
            self.add_part(number)

    def _remove_part(self) -> None:
        row = self.parts.currentRow()
        if row >= 0:
            self.parts.removeRow(row)

    def _parts(self, session) -> list[tuple[int, Decimal | None]]:
        """(invoice id, amount or None) per row; ValueError naming the row otherwise."""
        parts = []
        for row in range(self.parts.rowCount()):
            number_edit = self.parts.cellWidget(row, 0)
            amount_edit = self.parts.cellWidget(row, 1)
            mark_invalid(number_edit, None)
            mark_invalid(amount_edit, None)
            number = number_edit.text().strip()
            if not number and not amount_edit.text().strip():
                continue
            invoice = payments_screen.invoice_to_pay(session, number)
            if invoice is None:
                message = self.tr("Row {n}: no issued invoice {number}").format(
                    n=row + 1, number=number
                )
                mark_invalid(number_edit, message)
                raise ValueError(message)
            amount = None
            if amount_edit.text().strip():
                try:
                    amount = parse_decimal_input(amount_edit.text(), self.context.locale)
                except ValueError as error:
                    mark_invalid(amount_edit, error_text(error))
                    raise ValueError(
                        self.tr("Row {n}: {why}").format(n=row + 1, why=error)
                    ) from None
            parts.append((invoice.id, amount))
        if not parts:
            raise ValueError(self.tr("Enter at least one invoice number."))
        return parts

    def place(self) -> bool:
        rate = None
        try:
            if self.rate.text().strip():
                rate = parse_decimal_input(self.rate.text(), self.context.locale)
            with self.context.writing() as session:
                parts = self._parts(session)
                placed = place_payment(session, self.payment_id, parts, rate=rate)
        except (ValueError, RuleViolation, ValidationFailed) as error:
            self._say(error_text(error))
            return False
        self.outcome = "; ".join(
            self.tr("{amount} to {number}").format(
                amount=format_amount(part.amount, part.currency, self.context.locale),
                number=part.invoice_number,
            )
            for part in placed
        )
        announce_paid(self.context)
        self.accept()
        return True

    def to_credit(self) -> bool:
        customer_id = self.customer.currentData()
        if customer_id is None:
            self._say(self.tr("Choose the customer whose credit this becomes."))
            return False
        try:
            with self.context.writing() as session:
                amount = customer_credit.payment_to_credit(session, self.payment_id, customer_id)
        except (RuleViolation, ValidationFailed) as error:
            self._say(error_text(error))
            return False
        self.outcome = self.tr("{amount} is now {customer}'s credit").format(
            amount=format_amount(amount, self.payment.booking_currency, self.context.locale),
            customer=self.customer.currentText(),
        )
        announce_paid(self.context)
        self.accept()
        return True

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
