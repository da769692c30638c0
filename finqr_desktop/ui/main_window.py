"""The main window: section list on the left, the chosen section's page on the right."""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from ..services import ui_queries
from .backup_actions import BackupActions
from .context import COMPANY, LedgerContext
from .customers_page import CustomersPage
from .dashboard_page import DashboardPage
from .invoice_editor import InvoiceEditor
from .invoices_page import InvoicesPage
from .later_pages import LaterPage, later_pages
from .payments_page import PaymentsPage
from .portal_page import PortalPage
from .reminders_page import RemindersPage
from .reports_menu import add_reports_menu
from .sending_scheduler import SendingScheduler
from .sending_status import summary
from .settings_page import SettingsPage
from .smtp_passwords import SmtpPasswords
from .template_page import TemplatesPage
from .window_keys import WindowKeys
from .window_layout import remember_window_layout, save_window_layout

logger = logging.getLogger(__name__)

STYLE = """
QLabel#pageTitle { font-size: 17pt; font-weight: 600; padding: 2px 0 6px 0; }
QListWidget#navigation {
    font-size: 11pt; border: none; padding-top: 8px;
    background: palette(alternate-base); color: palette(window-text);
}
QListWidget#navigation::item { padding: 9px 14px; }
QListWidget#navigation::item:selected {
    background: palette(highlight); color: palette(highlighted-text);
}
"""
# Palette roles rather than fixed colours, so the section list reads in light and dark
# themes alike.


class MainWindow(QMainWindow):
    # "demo", "own" or a database URL (Settings → Database): the launcher reopens on it.
    switch_requested = Signal(str)
    # (language, formats) chosen in Settings → Language: the launcher rebuilds the window.
    language_requested = Signal(str, str)

    def __init__(self, context: LedgerContext, *, database_label: str = "", parent=None):
        super().__init__(parent)
        self.context = context
        self.resize(1200, 800)
        self.setStyleSheet(STYLE)

        self.invoices = InvoicesPage(context)
        self.customers = CustomersPage(context)
        # One password store for the settings form and the sending worker.
        self.passwords = SmtpPasswords(self)
        self.settings = SettingsPage(context, self.passwords)
        self.templates = TemplatesPage(context)
        self.reminders = RemindersPage(context)
        self.payments = PaymentsPage(context)
        self.portal = PortalPage(context)
        pages: list[tuple[str, QWidget]] = [
            (self.tr("Invoices"), self.invoices),
            (self.tr("Customers"), self.customers),
            (self.tr("Reminders"), self.reminders),
            (self.tr("Payments"), self.payments),
            (self.tr("Templates"), self.templates),
            (self.tr("Portal"), self.portal),
        ]
        self.dashboard = DashboardPage(context)
        pages.append((self.tr("Dashboard"), self.dashboard))
        pages += [(title, LaterPage(title, text)) for title, text in later_pages()]
        pages.append((self.tr("Settings"), self.settings))

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        # Room for the longest section name ("Inställningar" at 11 pt with its padding) and
        # no more: every pixel here is one the pages lack on a 1024-pixel screen.
        self.navigation.setFixedWidth(170)
        self.navigation.setIconSize(QSize(0, 0))
        self.stack = QStackedWidget()
        for title, page in pages:
            self.navigation.addItem(title)
            self.stack.addWidget(page)
        self.navigation.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.navigation.setCurrentRow(0)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.sending_label = QLabel()
        self.statusBar().addWidget(self.sending_label, 1)
        if database_label:
            self.statusBar().addPermanentWidget(QLabel(database_label))
        self.sending = SendingScheduler(context, self.passwords, parent=self)
        self.sending.status_changed.connect(
            lambda status: self.sending_label.setText(summary(status))
        )
        self.reminders.attach_scheduler(self.sending)
        self.settings.mail.saved.connect(self.sending.send_soon)
        self.settings.database.open_requested.connect(self.switch_requested.emit)
        self.settings.language.apply_requested.connect(self.language_requested.emit)
        self._add_menu()
        self.keys = WindowKeys(self, self.menuBar().actions()[0].menu())
        self.layout_memory = remember_window_layout(self)
        self.report_actions = add_reports_menu(self, context)
        context.changed.connect(self._on_changed)
        self._update_title()

    def _add_menu(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&File"))
        for text, which in ((self.tr("Open the &demo company"), "demo"),
                            (self.tr("Open my &own ledger"), "own")):  # fmt: skip
            action = QAction(text, self)
            action.triggered.connect(lambda _checked=False, w=which: self.switch_requested.emit(w))
            menu.addAction(action)
        menu.addSeparator()
        self.backups = BackupActions(
            self.context,
            self,
            stop_sending=self.sending.stop,
            close=self.close,
            resume_sending=self.sending.restart,
        )
        self.backups.add_to(menu)
        menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut("Ctrl+Q")
        quit_action.triggered.connect(self.close)
        menu.addAction(quit_action)

    def start_sending(self) -> None:
        """Start the background sending worker; the launcher does so once a ledger is open."""
        self.sending.start()
        self.backups.start()  # the automatic daily backup, when one is due

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # An invoice being written is offered for saving before the app goes (Cancel keeps
        # the window open), as closing the editor itself does.
        editor = self.invoices.dialog
        if isinstance(editor, InvoiceEditor) and editor.isVisible():
            editor.reject()
            if editor.isVisible():
                event.ignore()
                return
        save_window_layout(self.layout_memory, self)
        # The worker must be gone before the launcher disposes of the ledger's engine.
        self.sending.stop()
        self.settings.mail_test.wait()
        self.payments.wait()
        self.invoices.wait()
        self.dashboard.wait()
        self.portal.wait()
        self.backups.wait()
        super().closeEvent(event)

    def show_section(self, title: str) -> QWidget:
        for row in range(self.navigation.count()):
            if self.navigation.item(row).text() == title:
                self.navigation.setCurrentRow(row)
                return self.stack.widget(row)
        raise KeyError(title)

    def _on_changed(self, what: str) -> None:
        if what == COMPANY:
            self._update_title()

    def _update_title(self) -> None:
        with self.context.reading() as session:
            company = ui_queries.company_details(session)
        name = company.legal_name if company else ""
        self.setWindowTitle(f"FINQR Desktop — {name}" if name else "FINQR Desktop")
