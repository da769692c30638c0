"""Invoice numbering on the Settings page: the pattern, the yearly restart, a preview."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
)

from ..domain.numbering import NumberPattern, PatternError
from ..services import numbering
from .context import LedgerContext
from .field_errors import error_label, mark_invalid
from .message_text import error_text
from .unsaved_work import Baseline

logger = logging.getLogger(__name__)


class NumberingForm(QGroupBox):
    def __init__(self, context: LedgerContext, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("Invoice numbering"))
        self.context = context
        self.pattern = QLineEdit()
        self.pattern.setObjectName("number_pattern")
        hint = QLabel(
            self.tr("Fields: {year}, {yy}, {seq}; {seq:04} pads the count to four digits.")
        )
        hint.setWordWrap(True)
        self.yearly_restart = QCheckBox(self.tr("Start again at 1 every year"))
        self.preview = QLabel()
        self.error = error_label()
        self.save_button = QPushButton(self.tr("Save numbering"))
        self.save_button.clicked.connect(self.save)
        self.pattern.textChanged.connect(self._update_preview)
        self.yearly_restart.toggled.connect(self._update_preview)

        form = QFormLayout(self)
        form.addRow(self.tr("Pattern"), self.pattern)
        form.addRow("", hint)
        form.addRow("", self.yearly_restart)
        form.addRow(self.tr("Next number"), self.preview)
        form.addRow("", self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        form.addRow("", buttons)
        self.baseline = Baseline(self)
        self.reload()

    def reload(self) -> None:
        with self.context.writing() as session:
            current = numbering.current_pattern(session)
        self.pattern.setText(current.pattern)
        self.yearly_restart.setChecked(current.yearly_restart)
        self._update_preview()
        self.baseline.take()

    def has_unsaved_work(self) -> bool:
        return self.baseline.differs()

    def _read(self) -> NumberPattern | None:
        try:
            pattern = NumberPattern(self.pattern.text().strip(), self.yearly_restart.isChecked())
        except PatternError as exc:
            self.error.setText(error_text(exc))
            self.error.show()
            mark_invalid(self.pattern, error_text(exc))
            return None
        self.error.hide()
        mark_invalid(self.pattern, None)
        return pattern

    def _update_preview(self) -> None:
        pattern = self._read()
        # The real next number: the count goes on past every number already taken.
        if pattern is None:
            self.preview.setText("—")
        else:
            with self.context.reading() as session:
                year = self.context.today().year
                self.preview.setText(numbering.preview_next(session, "invoice", pattern, year))
        self.save_button.setEnabled(pattern is not None)

    def save(self) -> bool:
        pattern = self._read()
        if pattern is None:
            return False
        with self.context.writing() as session:
            numbering.set_pattern(session, "invoice", pattern)
        logger.info("number pattern set to %s", pattern)
        self.error.hide()
        self._update_preview()
        self.baseline.take()
        return True
