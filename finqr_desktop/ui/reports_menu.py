"""The Reports menu of the main window: statements, the aging report and the SIE export."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow

from .context import LedgerContext
from .report_dialogs import AgingDialog, StatementDialog
from .sie_dialog import AccountsDialog, SieDialog

logger = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("", text)


def add_reports_menu(window: QMainWindow, context: LedgerContext) -> dict[str, QAction]:
    """Add the menu; returns its actions by name, for the tests and for shortcuts."""
    menu = window.menuBar().addMenu(_tr("&Reports"))
    dialogs = {
        "statement": (_tr("Customer &statement…"), StatementDialog),
        "aging": (_tr("&Aging report…"), AgingDialog),
        "sie": (_tr("SIE &export…"), SieDialog),
        "accounts": (_tr("SIE a&ccounts…"), AccountsDialog),
    }
    actions = {}
    for key, (text, dialog) in dialogs.items():
        action = QAction(text, window)
        action.triggered.connect(lambda _checked=False, d=dialog: d(context, window).exec())
        if key == "sie":
            menu.addSeparator()
        menu.addAction(action)
        actions[key] = action
    return actions
