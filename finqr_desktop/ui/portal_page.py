"""The Portal page: the FAQ on the left, where and how to publish on the right.

It also publishes by itself when the settings say automatic: a change the screens
announce (an issued invoice, a payment, reminders sent) starts a publish a few seconds
later, once, however many changes came in between, and off the GUI thread.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ..services import portal_settings
from .context import INVOICES, LedgerContext
from .portal_faq_editor import FaqEditor
from .portal_publish_box import PublishBox
from .portal_settings_form import PortalSecrets, PortalSettingsForm
from .scrolling import scrolled
from .sending_status import REMINDERS

logger = logging.getLogger(__name__)

# What the screens announce after issuing, a payment, or a sending run.
REPUBLISH_ON = (INVOICES, REMINDERS)
AUTOMATIC_DELAY_MS = 4000


class PortalPage(QWidget):
    def __init__(self, context: LedgerContext, parent=None):
        super().__init__(parent)
        self.context = context
        heading = QLabel(self.tr("Customer portal"))
        heading.setObjectName("pageTitle")
        intro = QLabel(
            self.tr(
                "Each customer with invoices gets a private page with their invoices, "
                "payments and reminders, and the questions and answers below."
            )
        )
        intro.setWordWrap(True)
        self.secrets = PortalSecrets()
        self.faq = FaqEditor(context)
        self.settings = PortalSettingsForm(context, self.secrets)
        self.publisher = PublishBox(context, self.secrets)
        right = QVBoxLayout()
        right.addWidget(self.settings)
        right.addWidget(self.publisher)
        right.addStretch(1)
        content = QWidget()
        columns = QHBoxLayout(content)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addWidget(self.faq, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(scrolled(content), 1)

        self.automatic_timer = QTimer(self)
        self.automatic_timer.setSingleShot(True)
        self.automatic_timer.setInterval(AUTOMATIC_DELAY_MS)
        self.automatic_timer.timeout.connect(self.publish_if_automatic)
        context.changed.connect(self._on_changed)

    def has_unsaved_work(self) -> bool:
        return self.faq.has_unsaved_work() or self.settings.has_unsaved_work()

    def _on_changed(self, what: str) -> None:
        if what in REPUBLISH_ON and self._automatic():
            self.automatic_timer.start()

    def _automatic(self) -> bool:
        with self.context.reading() as session:
            settings = portal_settings.load_settings(session)
        return settings.automatic and settings.configured

    def publish_if_automatic(self) -> bool:
        if not self._automatic():
            return False
        if self.publisher.busy:
            # Changes came in while publishing: go again once this one is done.
            self.automatic_timer.start()
            return False
        return self.publisher.publish(automatic=True)

    def wait(self) -> None:
        self.automatic_timer.stop()
        self.publisher.wait()
