"""The first run: create your company, or open the demo company to look around first."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
)

from .company_form import CompanyForm
from .context import LedgerContext

logger = logging.getLogger(__name__)

CREATED = "created"
DEMO = "demo"


class FirstRunDialog(QDialog):
    def __init__(self, context: LedgerContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.choice: str | None = None
        self.setWindowTitle(self.tr("Welcome to FINQR Desktop"))
        self.resize(920, 640)

        heading = QLabel(self.tr("Create your company"))
        heading.setStyleSheet("font-size: 16pt; font-weight: 600;")
        intro = QLabel(
            self.tr(
                "Your invoices carry these details. Only the legal name is required now; "
                "you can change everything later under Settings. Or open the demo company "
                "to try the app on 20 customers and 200 invoices first."
            )
        )
        intro.setWordWrap(True)
        self.form = CompanyForm()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        self.demo_button = QPushButton(self.tr("Open the demo company"))
        self.create_button = QPushButton(self.tr("Create company"))
        self.create_button.setDefault(True)
        self.demo_button.clicked.connect(self.open_demo)
        self.create_button.clicked.connect(self.create)
        buttons = QHBoxLayout()
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)

    def create(self) -> bool:
        if not self.form.save(self.context):
            return False
        self.choice = CREATED
        logger.info("company created on first run")
        self.accept()
        return True

    def open_demo(self) -> None:
        """The demo lives in its own database; the application opens it after this closes."""
        self.choice = DEMO
        self.accept()
