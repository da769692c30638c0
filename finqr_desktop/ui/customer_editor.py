"""Add or change a customer; every problem is shown beside the field it concerns."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from ..domain.errors import ValidationFailed
from ..domain.parties import Customer
from ..services import customers as customer_service
from ..services import reminder_settings, ui_queries
from ..services.conflicts import ConflictError
from . import messages
from .context import CUSTOMERS, LedgerContext
from .field_errors import FieldErrors, error_label
from .labels import CURRENCIES, customer_kinds, languages

logger = logging.getLogger(__name__)

_ADDRESS_FIELDS = ("street", "postal_code", "city", "country")


class CustomerEditor(QDialog):
    def __init__(self, context: LedgerContext, customer_id: int | None = None, parent=None):
        super().__init__(parent)
        self.context = context
        self.customer_id = customer_id
        self.saved_number: str | None = None
        # The version loaded, so that a save notices another clerk's save in between.
        self.version: int | None = None
        self.setWindowTitle(
            self.tr("New customer") if customer_id is None else self.tr("Customer")
        )
        self.setMinimumWidth(620)

        self.general_error = error_label()
        self.errors = FieldErrors(self.general_error)
        self.number = QLineEdit()
        self.kind = QComboBox()
        for code, name in customer_kinds():
            self.kind.addItem(name, code)
        self.name = QLineEdit()
        self.org_number = QLineEdit()
        self.org_number.setPlaceholderText("556036-0793")
        self.vat_number = QLineEdit()
        self.street = QPlainTextEdit()
        self.street.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.postal_code = QLineEdit()
        self.city = QLineEdit()
        self.country = QLineEdit("SE")
        self.country.setMaxLength(2)
        self.emails = QLineEdit()
        self.emails.setPlaceholderText(self.tr("several addresses separated by commas"))
        self.language = QComboBox()
        for code, name in languages():
            self.language.addItem(name, code)
        self.currency = QComboBox()
        self.currency.setEditable(True)
        self.currency.addItems(CURRENCIES)
        self.payment_terms = QLineEdit("30")
        self.payment_terms.setPlaceholderText(self.tr("30, net 30 or eom+30"))
        self.reminder_fee_agreed = QCheckBox(self.tr("A reminder fee was agreed"))
        self.reminders_paused = QCheckBox(self.tr("Pause reminders"))
        self.reminder_policy = QComboBox()
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(self.tr("separated by commas"))
        self.einvoice_format = QComboBox()
        for code, name in (("pdf", self.tr("PDF only")), ("pdf_ubl", self.tr("PDF + Peppol UBL")),
                           ("facturx", self.tr("Factur-X (PDF with XML inside)"))):  # fmt: skip
            self.einvoice_format.addItem(name, code)
        self.peppol_id = QLineEdit()
        self.peppol_id.setPlaceholderText(self.tr("0007:5560360793 (empty: the org. number)"))
        self.buyer_reference = QLineEdit()
        self.buyer_reference.setPlaceholderText(self.tr("required by public buyers"))

        wrap = self.errors.wrap
        form = QFormLayout()
        form.addRow(self.tr("Customer number *"), wrap("number", self.number))
        form.addRow(self.tr("Kind"), wrap("kind", self.kind))
        form.addRow(self.tr("Name *"), wrap("name", self.name))
        form.addRow(self.tr("Org. number"), wrap("org_number", self.org_number))
        form.addRow(self.tr("VAT number"), wrap("vat_number", self.vat_number))
        form.addRow(self.tr("Street"), wrap("street", self.street, "address.street"))
        place = QHBoxLayout()
        place.addWidget(wrap("postal_code", self.postal_code, "address.postal_code"), 1)
        place.addWidget(wrap("city", self.city, "address.city"), 3)
        place.addWidget(wrap("country", self.country, "address.country"), 1)
        form.addRow(self.tr("Postal code, city, country"), place)
        form.addRow(self.tr("E-mail"), wrap("emails", self.emails, "email"))
        form.addRow(self.tr("Language"), wrap("language", self.language))
        form.addRow(self.tr("Currency"), wrap("currency", self.currency))
        form.addRow(self.tr("Payment terms"), wrap("payment_terms", self.payment_terms))
        form.addRow("", wrap("reminder_fee_agreed", self.reminder_fee_agreed))
        form.addRow("", wrap("reminders_paused", self.reminders_paused))
        form.addRow(self.tr("Reminder policy"), wrap("policy", self.reminder_policy))
        form.addRow(self.tr("Tags"), wrap("tags", self.tags))
        carries = wrap("einvoice_format", self.einvoice_format)
        form.addRow(self.tr("Invoice e-mail carries"), carries)
        form.addRow(self.tr("Peppol endpoint ID"), wrap("peppol_id", self.peppol_id))
        form.addRow(self.tr("Buyer reference"), wrap("buyer_reference", self.buyer_reference))

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.general_error)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._load()

    def _load(self) -> None:
        with self.context.reading() as session:
            self._load_policies(session)
            if self.customer_id is None:
                self.number.setText(customer_service.next_customer_number(session))
                return
            customer = ui_queries.customer_details(session, self.customer_id)
            self.version = customer_service.customer_version(session, self.customer_id)
        self.set_customer(customer)

    def offer_reload(self, conflict: ConflictError) -> bool:
        """Another clerk saved this customer first: say who and when, offer to reload."""
        text = str(conflict)
        question = self.tr(
            "{conflict}\n\nReload the customer now? What you typed here is replaced by "
            "what is stored."
        ).format(conflict=text[:1].upper() + text[1:])
        if not messages.confirm(self, self.tr("Saved by someone else"), question):
            return False
        self.reminder_policy.clear()
        self._load()
        return True

    def _load_policies(self, session) -> None:
        """The ledger's policy first, then the named ones; the customer's own is chosen."""
        self.reminder_policy.addItem(self.tr("The ledger's policy"), None)
        for name in sorted(reminder_settings.policy_book(session).named):
            self.reminder_policy.addItem(name, name)
        if self.customer_id is not None:
            name = reminder_settings.customer_policy_name(session, self.customer_id)
            self.reminder_policy.setCurrentIndex(max(self.reminder_policy.findData(name), 0))

    def set_customer(self, customer: Customer) -> None:
        self.number.setText(customer.number)
        self.kind.setCurrentIndex(max(self.kind.findData(customer.kind), 0))
        self.name.setText(customer.name)
        self.org_number.setText(customer.org_number)
        self.vat_number.setText(customer.vat_number)
        self.street.setPlainText(customer.address.street)
        self.postal_code.setText(customer.address.postal_code)
        self.city.setText(customer.address.city)
        self.country.setText(customer.address.country)
        self.emails.setText(", ".join(customer.emails))
        self.language.setCurrentIndex(max(self.language.findData(customer.language), 0))
        self.currency.setCurrentText(customer.currency)
        self.payment_terms.setText(str(customer.payment_terms))
        self.reminder_fee_agreed.setChecked(customer.reminder_fee_agreed)
        self.reminders_paused.setChecked(customer.reminders_paused)
        self.tags.setText(", ".join(customer.tags))
        chosen = self.einvoice_format.findData(customer.einvoice_format)
        self.einvoice_format.setCurrentIndex(max(chosen, 0))
        self.peppol_id.setText(customer.peppol_id)
        self.buyer_reference.setText(customer.buyer_reference)

    def data(self) -> dict:
        return {
            "number": self.number.text().strip(),
            "kind": self.kind.currentData(),
            "name": self.name.text().strip(),
            "org_number": self.org_number.text().strip(),
            "vat_number": self.vat_number.text().strip(),
            "street": self.street.toPlainText().strip(),
            "postal_code": self.postal_code.text().strip(),
            "city": self.city.text().strip(),
            "country": self.country.text().strip(),
            "emails": self.emails.text(),
            "language": self.language.currentData(),
            "currency": self.currency.currentText().strip(),
            "payment_terms": self.payment_terms.text().strip(),
            "reminder_fee_agreed": self.reminder_fee_agreed.isChecked(),
            "reminders_paused": self.reminders_paused.isChecked(),
            "tags": self.tags.text(),
            "einvoice_format": self.einvoice_format.currentData(),
            "peppol_id": self.peppol_id.text().strip(),
            "buyer_reference": self.buyer_reference.text().strip(),
        }

    def save(self) -> bool:
        customer, problems = customer_service.customer_from_data(self.data())
        if problems:
            self.errors.show(problems)
            return False
        try:
            with self.context.writing() as session:
                if self.customer_id is None:
                    record = customer_service.add_customer(session, customer)
                else:
                    record = customer_service.update_customer(
                        session, self.customer_id, customer, expected_version=self.version
                    )
                policy = self.reminder_policy.currentData()
                reminder_settings.assign_policy(session, record, policy)
                self.customer_id = record.id
        except ValidationFailed as exc:
            self.errors.show(exc.problems)
            return False
        except ConflictError as exc:
            self.offer_reload(exc)
            return False
        self.saved_number = customer.number
        logger.info("customer %s saved from the editor", customer.number)
        self.context.announce(CUSTOMERS)
        self.accept()
        return True
