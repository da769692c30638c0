"""The main window's keyboard: new invoice, sections, search and refresh, in menus.

Sections are reached with Ctrl+1…Ctrl+9 in list order and Ctrl+PgDown / Ctrl+PgUp for the
next and previous one; the View menu and the section list's tooltips show the keys.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLineEdit, QMainWindow, QMenu, QWidget

from .shortcut_text import sequences, with_keys

logger = logging.getLogger(__name__)

NEXT_SECTION = "Ctrl+PgDown"
PREVIOUS_SECTION = "Ctrl+PgUp"


def section_keys(row: int) -> str | None:
    """The shortcut of the section in list row ``row`` (the first nine have one)."""
    return f"Ctrl+{row + 1}" if row < 9 else None


class WindowKeys(QObject):
    """Adds File → New invoice and the View menu to ``window``; the pages stay unaware."""

    def __init__(self, window: QMainWindow, file_menu: QMenu):
        super().__init__(window)
        self.window = window
        self.new_invoice = self._action(self.tr("&New invoice…"), QKeySequence.StandardKey.New,
                                        self.open_new_invoice)  # fmt: skip
        file_menu.insertAction(file_menu.actions()[0], self.new_invoice)
        file_menu.insertSeparator(file_menu.actions()[1])

        view = window.menuBar().addMenu(self.tr("&View"))
        navigation = window.navigation
        self.section_actions: list[QAction] = []
        for row in range(navigation.count()):
            keys = section_keys(row)
            item = navigation.item(row)
            action = self._action(item.text(), keys, lambda r=row: navigation.setCurrentRow(r))
            view.addAction(action)
            self.section_actions.append(action)
            if keys:
                item.setToolTip(with_keys(item.text(), keys))
        view.addSeparator()
        view.addAction(self._action(self.tr("Ne&xt section"), NEXT_SECTION,
                                    lambda: self.step_section(1)))  # fmt: skip
        view.addAction(self._action(self.tr("&Previous section"), PREVIOUS_SECTION,
                                    lambda: self.step_section(-1)))  # fmt: skip
        view.addSeparator()
        self.find = self._action(self.tr("&Search"), QKeySequence.StandardKey.Find,
                                 self.focus_search)  # fmt: skip
        self.refresh = self._action(self.tr("&Refresh"), QKeySequence.StandardKey.Refresh,
                                    self.refresh_page)  # fmt: skip
        view.addAction(self.find)
        view.addAction(self.refresh)
        navigation.currentRowChanged.connect(lambda _row: self._update_enabled())
        self._update_enabled()

    def _action(self, text: str, keys, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self.window)
        if keys is not None:
            action.setShortcuts(sequences(keys))
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)  # the keys work with the menu bar closed or hidden
        return action

    def current_page(self) -> QWidget:
        return self.window.stack.currentWidget()

    def open_new_invoice(self) -> None:
        invoices = self.window.invoices
        self.window.navigation.setCurrentRow(self.window.stack.indexOf(invoices))
        invoices.open_editor(None)

    def step_section(self, step: int) -> None:
        navigation = self.window.navigation
        navigation.setCurrentRow((navigation.currentRow() + step) % navigation.count())

    def search_field(self) -> QLineEdit | None:
        field = getattr(self.current_page(), "search", None)
        return field if isinstance(field, QLineEdit) else None

    def focus_search(self) -> None:
        field = self.search_field()
        if field is not None:
            field.setFocus()
            field.selectAll()

    def refresher(self) -> Callable[[], object] | None:
        """How the current page reloads from the ledger; None where it has nothing to
        reload (Settings would throw away what is being typed)."""
        window, page = self.window, self.current_page()
        refreshers = {
            window.invoices: window.invoices.model.reload,
            window.customers: lambda: window.customers.model.reload(),
            window.reminders: window.reminders.reload,
            window.payments: window.payments.model.reload,
            window.dashboard: window.dashboard.refresh,
        }
        return refreshers.get(page)

    def refresh_page(self) -> None:
        refresher = self.refresher()
        if refresher is not None:
            logger.debug("refreshing %s", type(self.current_page()).__name__)
            refresher()

    def _update_enabled(self) -> None:
        self.find.setEnabled(self.search_field() is not None)
        self.refresh.setEnabled(self.refresher() is not None)
