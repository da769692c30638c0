"""Changing the window's language without losing work.

Every text of the window is translated when its widget is built, so a new language means a
new main window on the same open ledger (the launcher builds it; ui/app.py). Before that,
the old window is asked what would be lost: an open invoice editor with changes is saved as
a draft and reopened in the new window; any other unsaved edit (a template, a Settings
form) is listed and the clerk decides whether to go on. The section, the window's size and
the passwords typed this session carry over.

Known shortcoming: other dialogs open at the time (a customer editor, an invoice view) are
closed with the old window and not reopened. They are modal, so the clerk cannot reach
Settings while one is open; only an invoice editor is carried, as it is the one the
clerk is most likely to have open for long.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QCoreApplication

from . import messages
from .invoice_editor import InvoiceEditor
from .progress_dialog import ProgressDialog

logger = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("", text)


@dataclass(frozen=True)
class Carried:
    """What the new window takes over from the old one."""

    section: int
    geometry: QByteArray
    editor_open: bool
    draft_id: int | None
    # The tab the Settings page showed (the language is chosen on one of them).
    settings_tab: int = 0


def unsaved_sections(window) -> list[str]:
    """The titles of the sections whose page holds edits that are not saved."""
    titles = []
    for row in range(window.stack.count()):
        check = getattr(window.stack.widget(row), "has_unsaved_work", None)
        if check is not None and check():
            titles.append(window.navigation.item(row).text())
    return titles


def open_editor(window) -> InvoiceEditor | None:
    dialog = window.invoices.dialog
    return dialog if isinstance(dialog, InvoiceEditor) and dialog.isVisible() else None


def prepare(window) -> Carried | None:
    """Save the open draft and ask about other unsaved work; None when the clerk would
    rather keep it, or long work is still running (the language then stays as it is)."""
    if any(dialog.running for dialog in window.findChildren(ProgressDialog)):
        messages.inform(
            window,
            _tr("Change language"),
            _tr("Work is still running in this window. Change the language when it is done."),
        )
        return None
    lost = [
        _tr("{section}: changes that are not saved").format(section=title)
        for title in unsaved_sections(window)
    ]
    editor = open_editor(window)
    if editor is not None and editor.has_unsaved_work() and not editor.save_draft():
        lost.append(_tr("The invoice being edited: it cannot be saved as a draft yet"))
    if lost:
        question = _tr(
            "The window is rebuilt in the new language, and this would be lost:\n\n{lost}"
            "\n\nChange the language now anyway?"
        ).format(lost="\n".join(f"• {item}" for item in lost))
        if not messages.confirm(window, _tr("Change language"), question):
            logger.info("language change put off: unsaved work in %s", lost)
            return None
    return Carried(
        section=window.navigation.currentRow(),
        geometry=window.saveGeometry(),
        editor_open=editor is not None,
        draft_id=editor.invoice_id if editor is not None else None,
        settings_tab=window.settings.tabs.currentIndex(),
    )


def take_over(old, new, carried: Carried) -> None:
    """Give the new window (not shown yet) the old one's place, section and session
    passwords."""
    new.restoreGeometry(carried.geometry)
    new.navigation.setCurrentRow(carried.section)
    new.settings.tabs.setCurrentIndex(carried.settings_tab)
    # Passwords typed this session live only in memory (no keyring); the clerk should not
    # be asked for them again just because the language changed.
    new.passwords._memory.update(old.passwords._memory)
    new.portal.secrets._memory.update(old.portal.secrets._memory)


def reopen(new, carried: Carried) -> None:
    """Reopen the invoice editor that was open (on its saved draft), once ``new`` shows."""
    if carried.editor_open:
        new.invoices.open_editor(carried.draft_id)
