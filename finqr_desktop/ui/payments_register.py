"""Registering a payment by hand: the invoice by number, what is left on it, and the
payment's date, amount, currency (with the rate when it differs), method and reference.

Amounts and rates are typed the Swedish way (``1 234,56``). Every problem is shown beside
its field; the payment is booked in one transaction and the change announced, so the
invoice list, the invoice view and the reminder queue reload.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from ..domain.errors import Problem, RuleViolation, ValidationFailed
from ..domain.money import round_money
from ..domain.number_text import format_amount, parse_decimal_input
from ..services import payments, payments_screen
from ..services.payments import Registered
from ..services.payments_screen import InvoiceToPay
from .context import INVOICES, LedgerContext
from .field_errors import FieldErrors, error_label
from .locale_text import number_example, qt_date_format
from .message_text import error_text
from .sending_status import REMINDERS

logger = logging.getLogger(__name__)


def method_names() -> dict[str, str]:
    """The clerk's name of each way a payment may come (services.payments.MANUAL_METHODS)."""
    return {
        "manual": _tr("Manual"),
        "bankgiro": _tr("Bankgiro"),
        "plusgiro": _tr("Plusgiro"),
        "transfer": _tr("Bank transfer"),
        "swish": _tr("Swish"),
        "card": _tr("Card"),
        "cash": _tr("Cash"),
    }


def _tr(text: str) -> str:
    return QCoreApplication.translate("", text)


def announce_paid(context: LedgerContext) -> None:
    """A payment moved invoices: the invoice screens and the reminder queue reload."""
    context.announce(INVOICES)
    context.announce(REMINDERS)


class RegisterPaymentDialog(QDialog):
    def __init__(self, context: LedgerContext, invoice_number: str = "", parent=None):
        super().__init__(parent)
        self.context = context
        self.invoice: InvoiceToPay | None = None
        self.registered: Registered | None = None
        self.setWindowTitle(self.tr("Register payment"))
        self.setMinimumWidth(520)

        self.number = QLineEdit(invoice_number)
        self.number.setPlaceholderText(self.tr("Invoice number"))
        self.number.editingFinished.connect(self._look_up)
        self.invoice_facts = QLabel()
        self.invoice_facts.setWordWrap(True)
        today = context.today()
        self.date = QDateEdit(QDate(today.year, today.month, today.day))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat(qt_date_format(context.locale))
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(number_example("1234.56", context.locale))
        self.amount.textChanged.connect(self._show_difference)
        self.currency = QLineEdit()
        self.currency.setMaxLength(3)
        self.currency.textChanged.connect(self._currency_changed)
        self.rate = QLineEdit()
        self.rate.setPlaceholderText(self.tr("invoice currency per unit"))
        self.rate.textChanged.connect(self._show_difference)
        self.difference = QLabel()
        self.difference.setWordWrap(True)
        self.method = QComboBox()
        names = method_names()
        for code in payments.MANUAL_METHODS:
            self.method.addItem(names.get(code, code), code)
        self.reference = QLineEdit()
        self.reference.setMaxLength(100)

        self.general = error_label()
        self.errors = FieldErrors(self.general)
        form = QFormLayout()
        form.addRow(self.tr("Invoice"), self.errors.wrap("invoice", self.number))
        form.addRow("", self.invoice_facts)
        form.addRow(self.tr("Date"), self.errors.wrap("date", self.date))
        form.addRow(self.tr("Amount"), self.errors.wrap("amount", self.amount))
        form.addRow(self.tr("Currency"), self.errors.wrap("currency", self.currency))
        form.addRow(self.tr("Rate"), self.errors.wrap("rate", self.rate))
        form.addRow("", self.difference)
        form.addRow(self.tr("Method"), self.errors.wrap("method", self.method))
        form.addRow(self.tr("Reference"), self.errors.wrap("reference", self.reference))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Register"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self._look_up()

    def _look_up(self) -> InvoiceToPay | None:
        number = self.number.text().strip()
        self.invoice = None
        if number:
            with self.context.reading() as session:
                self.invoice = payments_screen.invoice_to_pay(session, number)
        if self.invoice is None:
            self.invoice_facts.setText(
                self.tr("No issued invoice {number}.").format(number=number) if number else ""
            )
        else:
            left = format_amount(self.invoice.remaining, self.invoice.currency, self.locale)
            self.invoice_facts.setText(
                self.tr("{customer} · {left} left to pay").format(
                    customer=self.invoice.customer_name, left=left
                )
            )
            if not self.currency.text().strip():
                self.currency.setText(self.invoice.currency)
        self._currency_changed()
        return self.invoice

    @property
    def locale(self) -> str:
        return self.context.locale

    def _other_currency(self) -> bool:
        code = self.currency.text().strip().upper()
        return self.invoice is not None and bool(code) and code != self.invoice.currency

    def _currency_changed(self) -> None:
        other = self._other_currency()
        self.rate.setEnabled(other)
        if not other:
            self.rate.clear()
        self._show_difference()

    def _show_difference(self) -> None:
        """The converted amount and how far it is from what is left, as the clerk types."""
        self.difference.clear()
        if not self._other_currency():
            return
        try:
            amount = parse_decimal_input(self.amount.text(), self.locale)
            rate = parse_decimal_input(self.rate.text(), self.locale)
        except ValueError:
            return
        invoice = self.invoice
        converted = round_money(amount * rate, invoice.currency)
        gap = converted - invoice.remaining
        self.difference.setText(
            self.tr("= {converted}; {gap} against what is left").format(
                converted=format_amount(converted, invoice.currency, self.locale),
                gap=("+" if gap > 0 else "") + format_amount(gap, invoice.currency, self.locale),
            )
        )

    def _values(self) -> tuple[dict, list[Problem]]:
        problems: list[Problem] = []
        if self._look_up() is None:
            problems.append(Problem("invoice", self.tr("enter the number of an issued invoice")))
        values: dict = {
            "payment_date": self.date.date().toPython(),
            "currency": self.currency.text().strip().upper() or None,
            "method": self.method.currentData(),
            "reference": self.reference.text(),
        }
        try:
            values["amount"] = parse_decimal_input(self.amount.text(), self.locale)
        except ValueError as error:
            problems.append(Problem("amount", error_text(error)))
        values["rate"] = None
        # An empty rate is left to the service, which says why one is needed.
        if self._other_currency() and self.rate.text().strip():
            try:
                values["rate"] = parse_decimal_input(self.rate.text(), self.locale)
            except ValueError as error:
                problems.append(Problem("rate", error_text(error)))
        return values, problems

    def accept(self) -> None:
        values, problems = self._values()
        if problems:
            self.errors.show(problems)
            return
        try:
            with self.context.writing() as session:
                self.registered = payments.register_payment(
                    session, self.invoice.id, today=self.context.today(), **values
                )
        except ValidationFailed as error:
            self.errors.show(error.problems)
            return
        except RuleViolation as error:
            self.errors.show([])
            self.general.setText(error_text(error))
            self.general.show()
            return
        logger.info("registered payment %s", self.registered.payment_id)
        announce_paid(self.context)
        super().accept()

    def outcome_text(self) -> str:
        """What the registration did, in a sentence for the clerk."""
        done = self.registered
        if done is None:
            return ""
        text = self.tr("{applied} to invoice {number}; {left} left.").format(
            applied=format_amount(done.applied, done.currency, self.locale),
            number=done.invoice_number,
            left=format_amount(done.remaining, done.currency, self.locale),
        )
        if done.to_credit:
            text += " " + self.tr("{credit} became the customer's credit.").format(
                credit=format_amount(done.to_credit, done.currency, self.locale)
            )
        return text
