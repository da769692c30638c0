"""The levels of one reminder policy: a table of when and what, and the texts per language.

The editor works on the policy document's own shape (``levels`` as the JSON file has them),
so what it hands back is checked by exactly the rules an imported file meets. Placeholders
are checked as the clerk types; everything else when the dialog saves.
"""

from __future__ import annotations

import logging
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import Problem
from ..domain.reminder_policy import PLACEHOLDERS, placeholder_errors
from .field_errors import error_label, mark_invalid
from .labels import languages
from .message_text import localized

logger = logging.getLogger(__name__)

COLUMNS = ("level", "days_after_due", "min_days_since_previous", "fee", "charge_interest")
_CELL = re.compile(r"^levels\[(\d+)\]\.(\w+)$")
_TEXT = re.compile(r"^levels\[(\d+)\]\.texts\[(\d+)\]\.(\w+)$")


def amount_text(value: str) -> str:
    """An amount as the clerk reads it: decimal comma."""
    return str(value).replace(".", ",")


def amount_data(text: str) -> str:
    """An amount as typed (``1 234,50``) in the document's form (``1234.50``)."""
    return text.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")


class LevelsEditor(QWidget):
    """Levels table, with the subject and body of the selected level in each language."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Level"), self.tr("Days after due"), self.tr("Min. gap (days)"),
             self.tr("Fee"), self.tr("Interest")]
        )  # fmt: skip
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.currentCellChanged.connect(lambda row, *_: self._show_texts(row))
        self.add_button = QPushButton(self.tr("Add level"))
        self.remove_button = QPushButton(self.tr("Remove level"))
        self.add_button.clicked.connect(self.add_level)
        self.remove_button.clicked.connect(self.remove_level)
        self.table_error = error_label()

        self.language = QComboBox()
        for code, name in languages():
            self.language.addItem(name, code)
        self.language.currentIndexChanged.connect(lambda _: self._show_texts(self._row))
        self.subject = QLineEdit()
        self.body = QPlainTextEdit()
        lines = self.fontMetrics().lineSpacing()
        self.body.setFixedHeight(lines * 7)
        self.table.setMinimumHeight(lines * 8)
        self.subject_error, self.body_error = error_label(), error_label()
        self.subject.textEdited.connect(self._text_edited)
        self.body.textChanged.connect(self._text_edited)
        hint = ", ".join("{" + name + "}" for name in PLACEHOLDERS)
        self.hint = QLabel(self.tr("Placeholders: %s") % hint)
        self.hint.setWordWrap(True)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        texts = QFormLayout()
        texts.addRow(self.tr("Language"), self.language)
        texts.addRow(self.tr("Subject"), self._with(self.subject, self.subject_error))
        texts.addRow(self.tr("Text"), self._with(self.body, self.body_error))
        texts.addRow("", self.hint)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.table_error)
        layout.addLayout(texts)

        self._texts: list[list[dict]] = []
        self._row = -1
        self._loading = False
        self._shown_language = self.language.currentData()

    @staticmethod
    def _with(widget: QWidget, label: QLabel) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(widget)
        layout.addWidget(label)
        return box

    def set_levels(self, levels: list[dict]) -> None:
        self._loading = True
        self.table.setRowCount(0)
        self._texts = []
        self._row = -1
        for level in levels:
            self._append(level)
        self._loading = False
        self.table.setCurrentCell(0 if levels else -1, 0)
        self._show_texts(0 if levels else -1)

    def levels(self) -> list[dict]:
        """The table as the document's ``levels``; cells are handed on as typed."""
        self._keep_text()
        result = []
        for row in range(self.table.rowCount()):
            cells = [self.table.item(row, column) for column in range(len(COLUMNS))]
            result.append(
                {
                    "level": cells[0].text().strip(),
                    "days_after_due": cells[1].text().strip(),
                    "min_days_since_previous": cells[2].text().strip(),
                    "fee": amount_data(cells[3].text()) or "0",
                    "charge_interest": cells[4].checkState() == Qt.CheckState.Checked,
                    "texts": [dict(text) for text in self._texts[row]],
                }
            )
        return result

    def add_level(self) -> None:
        """A new level after the last: one more than its number, two weeks later."""
        levels = self.levels()
        last = levels[-1] if levels else {"level": "0", "days_after_due": "0", "texts": []}
        number = int(last["level"]) + 1 if str(last["level"]).isdigit() else len(levels) + 1
        days = str(last["days_after_due"]).lstrip("-")
        later = int(last["days_after_due"]) + 14 if days.isdigit() else 8
        texts = [dict(text) for text in last["texts"]]
        self._append({"level": number, "days_after_due": max(later, 1),
                      "min_days_since_previous": 7, "fee": "0", "charge_interest": True,
                      "texts": texts})  # fmt: skip
        self.table.setCurrentCell(self.table.rowCount() - 1, 0)

    def remove_level(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        self._keep_text()
        self._row = -1
        self.table.removeRow(row)
        del self._texts[row]
        self._show_texts(self.table.currentRow())

    def show_problems(self, problems: list[Problem]) -> list[Problem]:
        """Mark the cells and texts the problems name; return the ones this cannot show."""
        self.clear_problems()
        left, table_messages = [], []
        for problem in problems:
            cell, text = _CELL.match(problem.field), _TEXT.match(problem.field)
            if cell and cell.group(2) in COLUMNS and int(cell.group(1)) < self.table.rowCount():
                item = self.table.item(int(cell.group(1)), COLUMNS.index(cell.group(2)))
                item.setBackground(Qt.GlobalColor.yellow)
                item.setToolTip(localized(problem.message))
                table_messages.append(self._row_message(problem))
            elif text or problem.field == "levels":
                table_messages.append(self._row_message(problem))
            else:
                left.append(problem)
        if table_messages:
            self.table_error.setText("\n".join(table_messages))
            self.table_error.show()
        return left

    def clear_problems(self) -> None:
        for row in range(self.table.rowCount()):
            for column in range(len(COLUMNS)):
                item = self.table.item(row, column)
                item.setBackground(Qt.GlobalColor.transparent)
                item.setToolTip("")
        self.table_error.clear()
        self.table_error.hide()

    def _row_message(self, problem: Problem) -> str:
        found = re.match(r"^levels\[(\d+)\]\.?(.*)$", problem.field)
        if not found:
            return localized(problem.message)
        row = int(found.group(1))
        number = self.table.item(row, 0).text() if row < self.table.rowCount() else row + 1
        where = found.group(2).replace("_", " ")
        return self.tr("Level %s, %s: %s") % (number, where, localized(problem.message))

    def _append(self, level: dict) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        values = [level.get("level", row + 1), level.get("days_after_due", ""),
                  level.get("min_days_since_previous", 0),
                  amount_text(level.get("fee", "0"))]  # fmt: skip
        for column, value in enumerate(values):
            item = QTableWidgetItem(str(value))
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, column, item)
        interest = QTableWidgetItem()
        interest.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled |
                          Qt.ItemFlag.ItemIsSelectable)  # fmt: skip
        checked = level.get("charge_interest", True)
        interest.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.table.setItem(row, 4, interest)
        self._texts.append([dict(text) for text in level.get("texts", [])])

    def _text_for(self, row: int, language: str) -> dict | None:
        return next((t for t in self._texts[row] if t.get("language") == language), None)

    def _keep_text(self) -> None:
        """Put the editors' subject and body back into the level they were showing."""
        if self._row < 0 or self._row >= len(self._texts) or self._loading:
            return
        language = self._shown_language
        subject, body = self.subject.text(), self.body.toPlainText()
        text = self._text_for(self._row, language)
        if text is None:
            if subject.strip() or body.strip():
                self._texts[self._row].append(
                    {"language": language, "subject": subject, "body": body}
                )
        elif not subject.strip() and not body.strip():
            self._texts[self._row].remove(text)  # both emptied: the language is dropped
        else:
            text.update(subject=subject, body=body)

    def _show_texts(self, row: int) -> None:
        if self._loading:
            return
        self._keep_text()
        self._row = row
        self._shown_language = self.language.currentData()
        text = self._text_for(row, self._shown_language) if 0 <= row < len(self._texts) else None
        self._loading = True
        self.subject.setText(text["subject"] if text else "")
        self.body.setPlainText(text["body"] if text else "")
        self._loading = False
        enabled = 0 <= row < len(self._texts)
        self.subject.setEnabled(enabled)
        self.body.setEnabled(enabled)
        self._text_edited()

    def _text_edited(self) -> None:
        """Placeholder mistakes beside the field, while typing."""
        if self._loading:
            return
        for editor, label, value in (
            (self.subject, self.subject_error, self.subject.text()),
            (self.body, self.body_error, self.body.toPlainText()),
        ):
            errors = placeholder_errors(value)
            if editor is self.subject and "\n" in value:
                errors.append(self.tr("must be one line"))
            label.setText("; ".join(errors))
            label.setVisible(bool(errors))
            mark_invalid(editor, "; ".join(errors) or None)
