"""Validation messages shown next to the field they name, from ``Problem.field``.

A form registers each input under the problem field name the services use (``org_number``,
``address.city``); problems that name no registered field go to the form's general label,
so no message is ever dropped.
"""

from __future__ import annotations

import re

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ..domain.errors import Problem
from . import theme
from .message_text import localized

INVALID_PROPERTY = "invalid"

_INDEX = re.compile(r"\[\d+\]$")


def error_label() -> QLabel:
    label = QLabel()
    theme.tint(label, theme.ERROR)
    label.setWordWrap(True)
    label.hide()
    return label


def mark_invalid(widget: QWidget, message: str | None) -> None:
    widget.setProperty(INVALID_PROPERTY, bool(message))
    widget.setToolTip(message or "")
    widget.setStyleSheet(theme.invalid_css() if message else "")


class FieldErrors:
    def __init__(self, general: QLabel):
        self.general = general
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}

    def wrap(self, name: str, widget: QWidget, *aliases: str) -> QWidget:
        """The widget with its message label beneath, ready for a form row."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        label = error_label()
        layout.addWidget(label)
        for key in (name, *aliases):
            self._fields[key] = (widget, label)
        return box

    def message(self, name: str) -> str:
        widget_label = self._fields.get(name)
        return widget_label[1].text() if widget_label else ""

    def clear(self) -> None:
        for widget, label in self._fields.values():
            label.clear()
            label.hide()
            mark_invalid(widget, None)
        self.general.clear()
        self.general.hide()

    def show(self, problems: list[Problem]) -> None:
        self.clear()
        general = []
        for problem in problems:
            target = self._fields.get(problem.field) or self._fields.get(
                _INDEX.sub("", problem.field)
            )
            if target is None:
                general.append(str(problem))
                continue
            widget, label = target
            # One message per field: parsing and the domain rules may both object to the
            # same empty field, and the clerk needs to read it once.
            if label.text():
                continue
            label.setText(localized(problem.message))
            label.show()
            mark_invalid(widget, localized(problem.message))
        if general:
            self.general.setText("\n".join(general))
            self.general.show()
