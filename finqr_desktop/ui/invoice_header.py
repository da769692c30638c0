"""The invoice editor's header: customer, dates, price basis, discount and references.

The due date follows the customer's payment terms until the clerk changes it by hand;
from then on it stays as typed (the "From terms" button puts it back). ``state`` and
``set_state`` take and put back everything shown, for the editor's undo.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from PySide6.QtCore import QDate, QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ..domain.due_dates import PaymentTerms, due_date
from ..domain.invoice import InvoiceDraft
from ..domain.number_text import format_decimal_plain
from ..services.ui_queries import CustomerChoice
from .customer_chooser import CustomerChooser
from .field_errors import FieldErrors
from .locale_text import number_example, qt_date_format

logger = logging.getLogger(__name__)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date_edit(day: dt.date, locale: str) -> QDateEdit:
    edit = QDateEdit(_qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(qt_date_format(locale))
    return edit


@dataclass(frozen=True)
class HeaderState:
    """Everything the header shows, so an undo puts it back exactly."""

    customer_number: str
    customer_text: str  # what is typed in the chooser (kept when it names no customer)
    issue_date: dt.date
    has_delivery: bool
    delivery_date: dt.date
    due_date: dt.date
    due_by_hand: bool
    prices_include_vat: bool
    round_to_whole: bool
    invoice_discount: str
    our_reference: str
    your_reference: str


class InvoiceHeader(QWidget):
    edited = Signal(str)  # the field the clerk changed

    def __init__(self, customers: list[CustomerChoice], today: dt.date, *, next_bank_day: bool,
                 errors: FieldErrors, locale: str, parent=None):  # fmt: skip
        super().__init__(parent)
        self.customers = {c.number: c for c in customers}
        self.next_bank_day = next_bank_day
        self.locale = locale
        self.due_by_hand = False
        self._setting_due = False

        self.customer = CustomerChooser(customers, self.tr("Choose a customer…"))
        self.customer.setToolTip(self.tr("Type part of the customer's number or name"))
        self.issue_date = _date_edit(today, locale)
        self.has_delivery = QCheckBox()
        self.delivery_date = _date_edit(today, locale)
        self.delivery_date.setEnabled(False)
        self.due_date = _date_edit(today, locale)
        self.from_terms = QPushButton(self.tr("From terms"))
        self.terms_label = QLabel()
        self.prices_include_vat = QCheckBox(self.tr("Prices include VAT"))
        self.round_to_whole = QCheckBox(self.tr("Round the total to whole kronor"))
        self.invoice_discount = QLineEdit()
        self.invoice_discount.setPlaceholderText(number_example("0.00", locale))
        self.our_reference = QLineEdit()
        self.your_reference = QLineEdit()

        delivery = QHBoxLayout()
        delivery.addWidget(self.has_delivery)
        delivery.addWidget(self.delivery_date, 1)
        due = QHBoxLayout()
        due.addWidget(errors.wrap("due_date", self.due_date), 1)
        due.addWidget(self.from_terms)
        due.addWidget(self.terms_label)
        left = QFormLayout()
        left.addRow(self.tr("Customer"), errors.wrap("customer", self.customer))
        left.addRow(self.tr("Issue date"), errors.wrap("issue_date", self.issue_date))
        left.addRow(self.tr("Delivery date"), delivery)
        left.addRow(self.tr("Due date"), due)
        right = QFormLayout()
        right.addRow(self.tr("Our reference"), self.our_reference)
        # Beside it, the refusal to issue an e-invoice without the buyer's reference.
        right.addRow(self.tr("Your reference"), errors.wrap("your_reference", self.your_reference))
        right.addRow(
            self.tr("Invoice discount"), errors.wrap("invoice_discount", self.invoice_discount)
        )
        right.addRow("", self.prices_include_vat)
        right.addRow("", self.round_to_whole)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 1)
        layout.addSpacing(24)
        layout.addLayout(right, 1)

        self.customer.chosen.connect(self._customer_changed)
        self.issue_date.dateChanged.connect(lambda _d: self._dates_changed("issue_date"))
        self.has_delivery.toggled.connect(self._delivery_toggled)
        self.delivery_date.dateChanged.connect(lambda _d: self.edited.emit("delivery_date"))
        self.due_date.dateChanged.connect(lambda _d: self._due_edited())
        self.from_terms.clicked.connect(self._due_from_terms)
        for name in ("prices_include_vat", "round_to_whole"):
            getattr(self, name).toggled.connect(lambda _on, n=name: self.edited.emit(n))
        for name in ("invoice_discount", "our_reference", "your_reference"):
            getattr(self, name).textEdited.connect(lambda _t, n=name: self.edited.emit(n))

    @property
    def customer_number(self) -> str:
        return self.customer.number()

    def focus_order(self) -> list[QWidget]:
        """The inputs as the eye reads them: the left column, then the right one."""
        return [self.customer, self.issue_date, self.has_delivery, self.delivery_date,
                self.due_date, self.from_terms, self.our_reference, self.your_reference,
                self.invoice_discount, self.prices_include_vat, self.round_to_whole]  # fmt: skip

    def terms(self) -> PaymentTerms | None:
        choice = self.customers.get(self.customer_number)
        try:
            return PaymentTerms.parse(choice.payment_terms) if choice else None
        except ValueError:
            return None

    def choose_customer(self, number: str) -> None:
        self.customer.choose(number)
        self._customer_changed()

    def draft(self) -> InvoiceDraft:
        """The header as a draft without lines or discount (the editor reads those)."""
        choice = self.customers.get(self.customer_number)
        return InvoiceDraft(
            customer_number=self.customer_number,
            currency=choice.currency if choice else "SEK",
            issue_date=self.issue_date.date().toPython(),
            delivery_date=self.delivery_date.date().toPython()
            if self.has_delivery.isChecked()
            else None,
            due_date=self.due_date.date().toPython(),
            prices_include_vat=self.prices_include_vat.isChecked(),
            round_to_whole=self.round_to_whole.isChecked(),
            our_reference=self.our_reference.text().strip(),
            your_reference=self.your_reference.text().strip(),
        )

    def state(self) -> HeaderState:
        return HeaderState(
            customer_number=self.customer_number,
            customer_text=self.customer.typed_text(),
            issue_date=self.issue_date.date().toPython(),
            has_delivery=self.has_delivery.isChecked(),
            delivery_date=self.delivery_date.date().toPython(),
            due_date=self.due_date.date().toPython(),
            due_by_hand=self.due_by_hand,
            prices_include_vat=self.prices_include_vat.isChecked(),
            round_to_whole=self.round_to_whole.isChecked(),
            invoice_discount=self.invoice_discount.text(),
            our_reference=self.our_reference.text(),
            your_reference=self.your_reference.text(),
        )

    def set_state(self, state: HeaderState) -> None:
        """Show ``state`` as it was, announcing nothing (the editor refreshes itself)."""
        inputs = [self.customer, self.issue_date, self.has_delivery, self.delivery_date,
                  self.due_date, self.prices_include_vat, self.round_to_whole,
                  self.invoice_discount, self.our_reference, self.your_reference]  # fmt: skip
        blockers = [QSignalBlocker(widget) for widget in inputs]
        try:
            self.customer.choose(state.customer_number)
            self.customer.set_typed_text(state.customer_text)
            self.issue_date.setDate(_qdate(state.issue_date))
            self.has_delivery.setChecked(state.has_delivery)
            self.delivery_date.setDate(_qdate(state.delivery_date))
            self.due_date.setDate(_qdate(state.due_date))
            self.prices_include_vat.setChecked(state.prices_include_vat)
            self.round_to_whole.setChecked(state.round_to_whole)
            for name in ("invoice_discount", "our_reference", "your_reference"):
                edit = getattr(self, name)
                if edit.text() != getattr(state, name):
                    edit.setText(getattr(state, name))
        finally:
            for blocker in blockers:
                blocker.unblock()
        self.delivery_date.setEnabled(state.has_delivery)
        self.due_by_hand = state.due_by_hand
        self._show_terms()

    def set_draft(self, draft: InvoiceDraft) -> None:
        self.customer.choose(draft.customer_number)
        self.issue_date.setDate(_qdate(draft.issue_date))
        self.has_delivery.setChecked(draft.delivery_date is not None)
        if draft.delivery_date:
            self.delivery_date.setDate(_qdate(draft.delivery_date))
        self.prices_include_vat.setChecked(draft.prices_include_vat)
        self.round_to_whole.setChecked(draft.round_to_whole)
        if draft.invoice_discount:
            self.invoice_discount.setText(
                format_decimal_plain(draft.invoice_discount, self.locale)
            )
        self.our_reference.setText(draft.our_reference)
        self.your_reference.setText(draft.your_reference)
        self._show_terms()
        computed = self._computed_due()
        self.due_by_hand = draft.due_date is not None and draft.due_date != computed
        self._set_due(draft.due_date or computed)

    def _customer_changed(self) -> None:
        self._show_terms()
        self._name_rounding()
        if not self.due_by_hand:
            self._set_due(self._computed_due())
        self.edited.emit("customer")

    def _name_rounding(self) -> None:
        """Kronor for a Swedish invoice; for another currency its code, since rounding
        takes off that currency's cents alike (domain/totals.py)."""
        choice = self.customers.get(self.customer_number)
        currency = choice.currency if choice else "SEK"
        if currency == "SEK":
            self.round_to_whole.setText(self.tr("Round the total to whole kronor"))
        else:
            self.round_to_whole.setText(
                self.tr("Round the total to whole {currency}").format(currency=currency)
            )

    def _dates_changed(self, name: str) -> None:
        if not self.due_by_hand:
            self._set_due(self._computed_due())
        self.edited.emit(name)

    def _delivery_toggled(self, on: bool) -> None:
        self.delivery_date.setEnabled(on)
        self.edited.emit("delivery_date")

    def _show_terms(self) -> None:
        terms = self.terms()
        if terms is None:
            text = ""
        elif terms.end_of_month:
            text = self.tr("end of month + {days} days").format(days=terms.days)
        else:
            text = self.tr("{days} days net").format(days=terms.days)
        self.terms_label.setText(text)

    def _computed_due(self) -> dt.date | None:
        terms = self.terms()
        if terms is None:
            return None
        issue = self.issue_date.date().toPython()
        return due_date(issue, terms, next_bank_day=self.next_bank_day)

    def _set_due(self, day: dt.date | None) -> None:
        if day is None:
            return
        self._setting_due = True
        try:
            self.due_date.setDate(_qdate(day))
        finally:
            self._setting_due = False

    def _due_edited(self) -> None:
        if not self._setting_due:
            self.due_by_hand = True
        self.edited.emit("due_date")

    def _due_from_terms(self) -> None:
        self.due_by_hand = False
        self._set_due(self._computed_due())
        self.edited.emit("due_date")
