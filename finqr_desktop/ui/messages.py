"""Message boxes in one place, so tests can answer them without a blocking dialog.

Warnings go through the one error dialog (error_dialog.py): the clerk's sentence first,
details to copy for support, and a line in the log.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from .error_dialog import show_error


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


def inform(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


def ask_save(parent: QWidget | None, title: str, text: str) -> str:
    """Save, Discard or Cancel, for unsaved work about to be closed; Escape cancels."""
    buttons = (
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    answer = QMessageBox.question(parent, title, text, buttons, QMessageBox.StandardButton.Save)
    if answer == QMessageBox.StandardButton.Save:
        return SAVE
    return DISCARD if answer == QMessageBox.StandardButton.Discard else CANCEL


def warn(parent: QWidget | None, title: str, text: str) -> None:
    show_error(parent, text, title=title)
