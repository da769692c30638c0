"""Whether a form holds edits that are not saved: what its fields show now against what
they showed when the form was last loaded or saved.

Forms mark that moment with ``Baseline.take()``; ``Baseline.differs()`` then answers
``has_unsaved_work()`` for them. Comparing the fields themselves, rather than counting edit
signals, also means that typing a value back to what it was counts as no change.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

logger = logging.getLogger(__name__)


def field_values(root: QWidget) -> tuple:
    """The value of every field the clerk can change under ``root``, in widget order."""
    values: list[object] = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLineEdit) and not widget.isReadOnly():
            values.append(widget.text())
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)) and not widget.isReadOnly():
            values.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            values.append((widget.currentIndex(), widget.currentText()))
        elif isinstance(widget, QAbstractSpinBox) and not widget.isReadOnly():
            values.append(widget.text())
        elif isinstance(widget, QAbstractButton) and widget.isCheckable():
            values.append(widget.isChecked())
    return tuple(values)


class Baseline:
    """The fields of ``root`` as they were at the last load or save."""

    def __init__(self, root: QWidget):
        self.root = root
        self.values: tuple = field_values(root)

    def take(self) -> None:
        self.values = field_values(self.root)

    def differs(self) -> bool:
        return field_values(self.root) != self.values
