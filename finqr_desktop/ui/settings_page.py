"""The Settings page: the company's details, edited and saved in one transaction."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from ..services import ui_queries
from .company_form import CompanyForm
from .context import LedgerContext
from .numbering_form import NumberingForm

logger = logging.getLogger(__name__)


class SettingsPage(QWidget):
    def __init__(self, context: LedgerContext, parent=None):
        super().__init__(parent)
        self.context = context
        heading = QLabel(self.tr("Settings: your company"))
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
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.numbering)
        self.reload()

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
