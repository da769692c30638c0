"""A colour input: a swatch button that opens the colour dialog, beside the #RRGGBB text.

The text is the value: whatever the clerk types is passed on as it is, so a half-typed
colour reaches ``check_design`` and is reported there, next to this field.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QHBoxLayout, QLineEdit, QPushButton, QWidget

logger = logging.getLogger(__name__)

SWATCH = "QPushButton {{ background: {colour}; border: 1px solid #7a7f87; border-radius: 3px; }}"


class ColourField(QWidget):
    changed = Signal()

    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.title = title
        self.button = QPushButton()
        self.button.setFixedSize(44, 26)
        self.button.setToolTip(self.tr("Choose a colour…"))
        self.button.clicked.connect(self.choose)
        self.text = QLineEdit()
        self.text.setPlaceholderText("#RRGGBB")
        self.text.setMaxLength(7)
        self.text.setFixedWidth(96)
        self.text.textChanged.connect(self._on_text)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button)
        layout.addWidget(self.text)
        layout.addStretch(1)

    def value(self) -> str:
        return self.text.text().strip()

    def set_value(self, colour: str) -> None:
        self.text.setText(colour)

    def choose(self) -> None:
        current = QColor(self.value())
        chosen = QColorDialog.getColor(
            current if current.isValid() else QColor("#000000"), self, self.title
        )
        if chosen.isValid():
            self.text.setText(chosen.name().upper())

    def _on_text(self, text: str) -> None:
        colour = QColor(text) if len(text) == 7 else QColor()
        swatch = colour.name() if colour.isValid() else "transparent"
        self.button.setStyleSheet(SWATCH.format(colour=swatch))
        self.changed.emit()
