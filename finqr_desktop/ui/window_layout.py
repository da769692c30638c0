"""Which parts of the main window keep their layout, and under which keys.

The keys name the page and the table, never a position in a translated list, so the
layout survives a language change and sections being reordered.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMainWindow, QSplitter

from .layout_memory import LayoutMemory

logger = logging.getLogger(__name__)

WINDOW_KEY = "main_window"
SECTION_KEY = "main_window/section"


def _page_key(page) -> str:
    return type(page).__name__


def remember_window_layout(window: QMainWindow) -> LayoutMemory:
    """Restore the window's geometry, tables, splitters and section; keep them saved."""
    memory = LayoutMemory(window)
    memory.restore_window(WINDOW_KEY, window)
    tables = {
        "invoices/list": window.invoices.view,
        "customers/list": window.customers.view,
        "payments/list": window.payments.view,
        "reminders/queue": window.reminders.view,
        "templates/list": window.templates.templates.table,
    }
    for key, view in tables.items():
        memory.remember_header(key, view.horizontalHeader())
    for page in (window.payments, window.templates):
        for number, splitter in enumerate(page.findChildren(QSplitter)):
            memory.remember_splitter(f"{_page_key(page)}/splitter{number}", splitter)
    _restore_section(memory, window)
    window.navigation.currentRowChanged.connect(lambda row: _save_section(memory, window, row))
    return memory


def save_window_layout(memory: LayoutMemory, window: QMainWindow) -> None:
    """On closing: the geometry (the rest is saved as it changes)."""
    memory.save_window(WINDOW_KEY, window)


def _restore_section(memory: LayoutMemory, window: QMainWindow) -> None:
    wanted = memory.value(SECTION_KEY)
    for row in range(window.stack.count()):
        if _page_key(window.stack.widget(row)) == wanted:
            window.navigation.setCurrentRow(row)
            return


def _save_section(memory: LayoutMemory, window: QMainWindow, row: int) -> None:
    page = window.stack.widget(row)
    if page is not None:
        memory.set_value(SECTION_KEY, _page_key(page))
