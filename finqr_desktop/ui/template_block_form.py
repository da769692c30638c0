"""One message block: its title and text, where it prints, and when it applies."""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import Problem
from ..domain.templates import BlockConditions, MessageBlock
from . import theme
from .field_errors import FieldErrors, error_label, mark_invalid
from .locale_text import qt_date_format

logger = logging.getLogger(__name__)

# Marked for lupdate here, translated where it is shown (BlockForm).
MARKUP_HINT = QT_TRANSLATE_NOOP(
    "BlockForm", "**bold**, *italic*, [text](https://…); a new line breaks the line"
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("", text)


def slot_names() -> list[tuple[str, str]]:
    return [
        ("top_banner", _tr("Top banner")),
        ("above_lines", _tr("Above the lines")),
        ("below_totals", _tr("Below the totals")),
        ("footer", _tr("Footer")),
    ]


def kind_names() -> list[tuple[str, str]]:
    return [
        ("invoice", _tr("Invoice")),
        ("credit_note", _tr("Credit note")),
        ("reminder_1", _tr("Reminder 1")),
        ("reminder_2", _tr("Reminder 2")),
        ("reminder_3", _tr("Reminder 3")),
    ]


def _words(text: str) -> frozenset[str]:
    return frozenset(word.strip() for word in text.split(",") if word.strip())


class OptionalDate(QWidget):
    """A date that may be left out: the check box says whether it counts."""

    changed = Signal()

    def __init__(self, caption: str, parent=None):
        super().__init__(parent)
        self.enabled = QCheckBox(caption)
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat(qt_date_format())
        self.date.setEnabled(False)
        self.enabled.toggled.connect(self.date.setEnabled)
        self.enabled.toggled.connect(self.changed)
        self.date.dateChanged.connect(self.changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.enabled)
        layout.addWidget(self.date)

    def value(self) -> dt.date | None:
        return self.date.date().toPython() if self.enabled.isChecked() else None

    def set_value(self, day: dt.date | None, default: dt.date) -> None:
        self.enabled.setChecked(day is not None)
        self.date.setDate(QDate(day or default))


class BlockForm(QWidget):
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.general_error = error_label()
        self.errors = FieldErrors(self.general_error)
        self.title = QLineEdit()
        self.body = QPlainTextEdit()
        self.body.setTabChangesFocus(True)
        self.body.setUndoRedoEnabled(False)  # the page's undo covers every field
        self.body.setFixedHeight(self.fontMetrics().lineSpacing() * 6 + 14)
        hint = QLabel(self.tr("Markup: {hint}").format(hint=self.tr(MARKUP_HINT)))
        theme.tint(hint, theme.MUTED)
        hint.setWordWrap(True)
        self.slot = QComboBox()
        for code, name in slot_names():
            self.slot.addItem(name, code)
        self.kinds = {code: QCheckBox(name) for code, name in kind_names()}
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(self.tr("any customer; or tags separated by commas"))
        self.languages = QLineEdit()
        self.languages.setPlaceholderText(self.tr("any language; or sv, en, …"))
        self.valid_from = OptionalDate(self.tr("from"))
        self.valid_until = OptionalDate(self.tr("until"))

        kinds = QWidget()
        kind_grid = QGridLayout(kinds)
        kind_grid.setContentsMargins(0, 0, 0, 0)
        for index, box in enumerate(self.kinds.values()):
            kind_grid.addWidget(box, *divmod(index, 3))
        kind_grid.setColumnStretch(3, 1)
        dates = QWidget()
        date_row = QHBoxLayout(dates)
        date_row.setContentsMargins(0, 0, 0, 0)
        date_row.addWidget(self.valid_from)
        date_row.addSpacing(12)
        date_row.addWidget(self.valid_until)
        date_row.addStretch(1)

        wrap = self.errors.wrap
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.general_error)
        form.addRow(self.tr("Title"), wrap("title", self.title))
        form.addRow(self.tr("Text"), wrap("body", self.body))
        form.addRow("", hint)
        form.addRow(self.tr("Where"), wrap("slot", self.slot))
        form.addRow(self.tr("Documents"), wrap("kinds", kinds))
        form.addRow(self.tr("Customer tags"), self.tags)
        form.addRow(self.tr("Languages"), self.languages)
        # The campaign's message goes beneath both dates, its mark on the end date only.
        self.campaign_error = error_label()
        campaign = QWidget()
        campaign_column = QVBoxLayout(campaign)
        campaign_column.setContentsMargins(0, 0, 0, 0)
        campaign_column.setSpacing(2)
        campaign_column.addWidget(dates)
        campaign_column.addWidget(self.campaign_error)
        form.addRow(self.tr("Campaign"), campaign)
        note = QLabel(self.tr("Nothing ticked or typed means: every document and customer."))
        theme.tint(note, theme.MUTED)
        note.setWordWrap(True)
        form.addRow("", note)

        for signal in (
            self.title.textChanged,
            self.body.textChanged,
            self.slot.currentIndexChanged,
            self.tags.textChanged,
            self.languages.textChanged,
            self.valid_from.changed,
            self.valid_until.changed,
            *(box.toggled for box in self.kinds.values()),
        ):
            signal.connect(self.changed)

    def load(self, block: MessageBlock, today: dt.date) -> None:
        self.blockSignals(True)
        try:
            self.show_problems([])
            self.title.setText(block.title)
            self.body.setPlainText(block.body)
            self.slot.setCurrentIndex(max(0, self.slot.findData(block.slot)))
            conditions = block.conditions
            for code, box in self.kinds.items():
                box.setChecked(code in conditions.kinds)
            self.tags.setText(", ".join(sorted(conditions.tags)))
            self.languages.setText(", ".join(sorted(conditions.languages)))
            self.valid_from.set_value(conditions.valid_from, today)
            self.valid_until.set_value(conditions.valid_until, today)
        finally:
            self.blockSignals(False)

    def show_problems(self, problems: list[Problem]) -> None:
        """Problems of this block, fields named without the ``blocks[i].`` prefix."""
        campaign = [p for p in problems if p.field in ("valid_from", "valid_until")]
        self.errors.show([p for p in problems if p not in campaign])
        message = campaign[0].message if campaign else ""
        self.campaign_error.setText(message)
        self.campaign_error.setVisible(bool(message))
        mark_invalid(self.valid_until.date, message or None)

    def block(self) -> MessageBlock:
        conditions = BlockConditions(
            kinds=frozenset(code for code, box in self.kinds.items() if box.isChecked()),
            tags=_words(self.tags.text()),
            languages=frozenset(word.lower() for word in _words(self.languages.text())),
            valid_from=self.valid_from.value(),
            valid_until=self.valid_until.value(),
        )
        return MessageBlock(
            title=self.title.text().strip(),
            body=self.body.toPlainText().strip(),
            slot=self.slot.currentData(),
            conditions=conditions,
        )
