"""The company's details as a form: used on the first run and on the Settings page."""

from __future__ import annotations

import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import ValidationFailed
from ..domain.identifiers import format_bankgiro, format_iban, format_plusgiro
from ..domain.parties import Company
from ..services import company as company_service
from .context import COMPANY, LedgerContext
from .field_errors import FieldErrors, error_label
from .labels import CURRENCIES, languages
from .unsaved_work import Baseline

logger = logging.getLogger(__name__)

# (field, label, placeholder), in the order the clerk reads them off their letterhead. The
# labels are marked for lupdate here and translated when the form is built.
_IDENTITY = [
    ("legal_name", QT_TRANSLATE_NOOP("CompanyForm", "Legal name *"), "Exempel Handel AB"),
    ("org_number", QT_TRANSLATE_NOOP("CompanyForm", "Organisation number"), "556677-8899"),
    ("vat_number", QT_TRANSLATE_NOOP("CompanyForm", "VAT number"), "SE556677889901"),
    ("contact_person", QT_TRANSLATE_NOOP("CompanyForm", "Contact person"), ""),
    ("phone", QT_TRANSLATE_NOOP("CompanyForm", "Phone"), ""),
    ("email", QT_TRANSLATE_NOOP("CompanyForm", "E-mail"), "faktura@exempel.se"),
    ("website", QT_TRANSLATE_NOOP("CompanyForm", "Website"), "https://"),
]
_ADDRESS = [
    ("street", QT_TRANSLATE_NOOP("CompanyForm", "Street"), ""),
    ("postal_code", QT_TRANSLATE_NOOP("CompanyForm", "Postal code"), "111 22"),
    ("city", QT_TRANSLATE_NOOP("CompanyForm", "City"), ""),
    ("country", QT_TRANSLATE_NOOP("CompanyForm", "Country"), "SE"),
    ("bankgiro", "Bankgiro", "5402-9681"),
    ("plusgiro", "Plusgiro", ""),
    ("iban", "IBAN", ""),
    ("bic", "BIC", ""),
]


class CompanyForm(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.general_error = error_label()
        self.errors = FieldErrors(self.general_error)
        self.edits: dict[str, QLineEdit] = {}
        self.f_tax = QCheckBox(self.tr("Approved for F-tax (F-skatt)"))
        self.ocr_length_digit = QCheckBox(self.tr("OCR references with a length digit"))
        self.ocr_length_digit.setToolTip(
            self.tr("Needed when your bank checks OCR length (control level 3); accepted by all.")
        )
        self.ocr_length_digit.setChecked(True)
        self.next_bank_day = QCheckBox(self.tr("Move due dates off weekends and holidays"))
        self.currency = QComboBox()
        self.currency.setEditable(True)
        self.currency.addItems(CURRENCIES)
        self.language = QComboBox()
        for code, name in languages():
            self.language.addItem(name, code)

        identity = self._group(self.tr("Company"), _IDENTITY)
        identity.layout().addRow("", self.f_tax)
        address = self._group(self.tr("Address and payment"), _ADDRESS)
        address.layout().addRow(self.tr("Currency"), self.errors.wrap("currency", self.currency))
        address.layout().addRow(self.tr("Language"), self.errors.wrap("language", self.language))
        address.layout().addRow("", self.ocr_length_digit)
        address.layout().addRow("", self.next_bank_day)

        columns = QHBoxLayout()
        columns.addWidget(identity, 1)
        columns.addWidget(address, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.general_error)
        layout.addLayout(columns)
        layout.addStretch(1)
        self.baseline = Baseline(self)

    def _group(self, title: str, fields) -> QGroupBox:
        group = QGroupBox(title)
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name, label, placeholder in fields:
            edit = QLineEdit()
            edit.setPlaceholderText(placeholder)
            edit.setObjectName(name)
            self.edits[name] = edit
            form.addRow(self.tr(label), self.errors.wrap(name, edit, f"address.{name}"))
        return group

    def set_company(self, company: Company) -> None:
        values = {
            "legal_name": company.legal_name,
            "org_number": company.org_number,
            "vat_number": company.vat_number,
            "street": company.address.street,
            "postal_code": company.address.postal_code,
            "city": company.address.city,
            "country": company.address.country,
            # Stored as digits; shown the way they are printed on paper.
            "bankgiro": format_bankgiro(company.bankgiro) if company.bankgiro else "",
            "plusgiro": format_plusgiro(company.plusgiro) if company.plusgiro else "",
            "iban": format_iban(company.iban) if company.iban else "",
            "bic": company.bic,
            "contact_person": company.contact_person,
            "phone": company.phone,
            "email": company.email,
            "website": company.website,
        }
        for name, value in values.items():
            self.edits[name].setText(value)
        self.f_tax.setChecked(company.f_tax)
        self.ocr_length_digit.setChecked(company.ocr_length_digit)
        self.next_bank_day.setChecked(company.due_date_next_bank_day)
        self.currency.setCurrentText(company.currency)
        index = self.language.findData(company.language)
        self.language.setCurrentIndex(max(index, 0))
        self.baseline.take()

    def has_unsaved_work(self) -> bool:
        return self.baseline.differs()

    def data(self) -> dict:
        data = {name: edit.text().strip() for name, edit in self.edits.items()}
        data["f_tax"] = self.f_tax.isChecked()
        data["ocr_length_digit"] = self.ocr_length_digit.isChecked()
        data["due_date_next_bank_day"] = self.next_bank_day.isChecked()
        data["currency"] = self.currency.currentText().strip()
        data["language"] = self.language.currentData()
        return data

    def save(self, context: LedgerContext) -> bool:
        """Validate and store the company in one transaction; show problems by their field."""
        try:
            company = company_service.company_from_data(self.data())
            with context.writing() as session:
                company_service.save_company(session, company)
        except ValidationFailed as exc:
            self.errors.show(exc.problems)
            return False
        self.errors.clear()
        self.set_company(company)
        context.announce(COMPANY)
        return True
