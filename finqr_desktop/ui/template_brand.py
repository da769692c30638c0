"""The template's brand: name, colours, font, paper, margins, logo and opening hours.

The form reads back into the fields of ``Design`` (``values``) without judging them;
``check_design`` does that, and its problems are shown here through ``errors``. ``state``
is the same with the texts as typed (spaces and all), for the page's undo.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from ..domain.templates import Design
from .field_errors import FieldErrors
from .template_colour import ColourField

logger = logging.getLogger(__name__)

# Marked for lupdate here, translated where it is shown (BrandForm).
LOGO_FILTER = QT_TRANSLATE_NOOP("BrandForm", "Images (*.png *.jpg *.jpeg *.svg)")
MARGINS = ("margin_top", "margin_right", "margin_bottom", "margin_left")


class BrandForm(QWidget):
    changed = Signal()

    def __init__(self, errors: FieldErrors, parent=None):
        super().__init__(parent)
        self.errors = errors
        self.logo: bytes | None = None
        self.name = QLineEdit()
        self.primary = ColourField(self.tr("Primary colour"))
        self.accent = ColourField(self.tr("Accent colour"))
        self.font_family = QComboBox()
        self.font_family.addItem(self.tr("Sans-serif"), "sans")
        self.font_family.addItem(self.tr("Serif"), "serif")
        self.paper = QComboBox()
        for paper in ("A4", "Letter"):
            self.paper.addItem(paper, paper)
        self.margins = {name: self._margin() for name in MARGINS}
        self.logo_preview = QLabel()
        self.logo_preview.setMinimumHeight(36)
        self.upload_button = QPushButton(self.tr("Upload logo…"))
        self.upload_button.clicked.connect(self.choose_logo)
        self.remove_button = QPushButton(self.tr("Remove logo"))
        self.remove_button.clicked.connect(lambda: self.set_logo(None))
        self.logo_position = QComboBox()
        self.logo_position.addItem(self.tr("Left"), "left")
        self.logo_position.addItem(self.tr("Right"), "right")
        self.opening_hours = QPlainTextEdit()
        self.opening_hours.setTabChangesFocus(True)
        self.opening_hours.setUndoRedoEnabled(False)  # the page's undo covers every field
        self.opening_hours.setPlaceholderText(self.tr("Mon–Fri 8–17"))
        self.opening_hours.setFixedHeight(self.fontMetrics().lineSpacing() * 2 + 14)

        wrap = errors.wrap
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Name"), wrap("name", self.name))
        form.addRow(self.tr("Primary colour"), wrap("primary", self.primary))
        form.addRow(self.tr("Accent colour"), wrap("accent", self.accent))
        form.addRow(self.tr("Font"), wrap("font_family", self.font_family))
        form.addRow(self.tr("Paper"), wrap("paper", self.paper))
        form.addRow(self.tr("Margins"), wrap("margins", self._margin_grid(), *MARGINS))
        form.addRow(self.tr("Logo"), wrap("logo", self._logo_row()))
        form.addRow(self.tr("Logo position"), wrap("logo_position", self.logo_position))
        form.addRow(self.tr("Opening hours"), wrap("opening_hours", self.opening_hours))

        for field in (
            self.name.textChanged,
            self.primary.changed,
            self.accent.changed,
            self.font_family.currentIndexChanged,
            self.paper.currentIndexChanged,
            self.logo_position.currentIndexChanged,
            self.opening_hours.textChanged,
            *(spin.valueChanged for spin in self.margins.values()),
        ):
            field.connect(self.changed)
        self.set_logo(None)

    def _margin(self) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setRange(5.0, 40.0)
        spin.setDecimals(1)
        spin.setSingleStep(1.0)
        spin.setSuffix(" mm")
        return spin

    def _margin_grid(self) -> QWidget:
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        captions = (self.tr("Top"), self.tr("Right"), self.tr("Bottom"), self.tr("Left"))
        for index, (name, caption) in enumerate(zip(MARGINS, captions, strict=True)):
            row, column = divmod(index, 2)
            grid.addWidget(QLabel(caption), row, column * 2)
            grid.addWidget(self.margins[name], row, column * 2 + 1)
        grid.setColumnStretch(4, 1)
        return box

    def _logo_row(self) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.logo_preview, 1)
        row.addWidget(self.upload_button)
        row.addWidget(self.remove_button)
        return box

    def load(self, design: Design) -> None:
        """Show ``design`` without announcing each field as an edit."""
        self.set_state({name: getattr(design, name) for name in self.state()})

    def set_state(self, state: dict) -> None:
        """Show ``state`` (as ``state()`` gives it) without announcing each field; a text
        that is already shown is left alone, so its cursor stays where it was."""
        self.blockSignals(True)
        try:
            if self.name.text() != state["name"]:
                self.name.setText(state["name"])
            for name, colour in (("primary", self.primary), ("accent", self.accent)):
                if colour.text.text() != state[name]:
                    colour.set_value(state[name])
            for name in ("font_family", "paper"):
                box = getattr(self, name)
                box.setCurrentIndex(max(0, box.findData(state[name])))
            for name, spin in self.margins.items():
                spin.setValue(state[name])
            self.logo_position.setCurrentIndex(
                max(0, self.logo_position.findData(state["logo_position"]))
            )
            if self.opening_hours.toPlainText() != state["opening_hours"]:
                self.opening_hours.setPlainText(state["opening_hours"])
            if self.logo != (state["logo"] or None):
                self.set_logo(state["logo"])
        finally:
            self.blockSignals(False)

    def state(self) -> dict:
        """Every brand field of ``Design`` exactly as shown."""
        return {
            "name": self.name.text(),
            "primary": self.primary.text.text(),
            "accent": self.accent.text.text(),
            "font_family": self.font_family.currentData(),
            "paper": self.paper.currentData(),
            **{name: spin.value() for name, spin in self.margins.items()},
            "logo": self.logo,
            "logo_position": self.logo_position.currentData(),
            "opening_hours": self.opening_hours.toPlainText(),
        }

    def values(self) -> dict:
        """The brand fields of ``Design``, as typed but without spaces around the texts."""
        values = self.state()
        for name in ("name", "primary", "accent", "opening_hours"):
            values[name] = values[name].strip()
        return values

    def choose_logo(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose the logo"), "", self.tr(LOGO_FILTER)
        )
        if path:
            self.set_logo(Path(path).read_bytes())

    def set_logo(self, logo: bytes | None) -> None:
        self.logo = logo or None
        self.remove_button.setEnabled(self.logo is not None)
        pixmap = QPixmap()
        if self.logo and pixmap.loadFromData(self.logo):
            self.logo_preview.setPixmap(
                pixmap.scaled(
                    160,
                    36,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        elif self.logo:
            self.logo_preview.setText(self.tr("Logo ({size} kB)").format(size=len(logo) // 1024))
        else:
            self.logo_preview.setText(self.tr("No logo"))
        self.changed.emit()
