"""The Settings page: the company's details and numbering, and the e-mail settings.

Two tabs, each saved on its own in one transaction: "Company" and "E-mail"; a third,
"Database", opens another ledger (a shared one on PostgreSQL); a fourth, "Language", sets
the window's language and formats (stored in QSettings, applied by the launcher).
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..services import ui_queries
from .company_form import CompanyForm
from .context import LedgerContext
from .database_settings import DatabaseSettingsForm
from .language_form import LanguageForm
from .mail_settings_form import MailSettingsForm
from .mail_test import MailTestBox
from .numbering_form import NumberingForm
from .smtp_passwords import SmtpPasswords

logger = logging.getLogger(__name__)


class SettingsPage(QWidget):
    def __init__(
        self, context: LedgerContext, passwords: SmtpPasswords | None = None, parent=None
    ):
        super().__init__(parent)
        self.context = context
        heading = QLabel(self.tr("Settings"))
        heading.setObjectName("pageTitle")
        self.form = CompanyForm()
        self.numbering = NumberingForm(context)
        self.status = QLabel()
        self.save_button = QPushButton(self.tr("Save company details"))
        self.save_button.clicked.connect(self.save)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        company_tab = QWidget()
        company_layout = QVBoxLayout(company_tab)
        company_layout.addWidget(scroll, 1)
        company_layout.addLayout(buttons)
        company_layout.addWidget(self.numbering)

        # One password store for the app: the window passes the one its worker uses.
        self.passwords = passwords or SmtpPasswords(self)
        self.mail = MailSettingsForm(context, self.passwords)
        self.mail_test = MailTestBox(context, self.mail, self.passwords)
        mail_tab = QWidget()
        mail_layout = QVBoxLayout(mail_tab)
        mail_layout.addWidget(self.mail)
        mail_layout.addWidget(self.mail_test)
        mail_layout.addStretch(1)

        self.database = DatabaseSettingsForm(context.database.url)
        database_tab = QWidget()
        database_layout = QVBoxLayout(database_tab)
        database_layout.addWidget(self.database)
        database_layout.addStretch(1)

        self.language = LanguageForm()
        language_tab = QWidget()
        language_layout = QVBoxLayout(language_tab)
        language_layout.addWidget(self.language)
        language_layout.addStretch(1)

        self.tabs = QTabWidget()
        self.tabs.addTab(company_tab, self.tr("Company"))
        self.tabs.addTab(mail_tab, self.tr("E-mail"))
        self.tabs.addTab(database_tab, self.tr("Database"))
        self.tabs.addTab(language_tab, self.tr("Language"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.tabs, 1)
        self.reload()

    def has_unsaved_work(self) -> bool:
        typed_url = bool(self.database.url.text().strip())  # typed, not yet opened
        return typed_url or any(
            f.has_unsaved_work() for f in (self.form, self.numbering, self.mail)
        )

    def reload(self) -> None:
        with self.context.reading() as session:
            company = ui_queries.company_details(session)
        if company is not None:
            self.form.set_company(company)

    def save(self) -> bool:
        saved = self.form.save(self.context)
        self.status.setText(
            self.tr("Saved.") if saved else self.tr("Not saved: see the marked fields.")
        )
        return saved
