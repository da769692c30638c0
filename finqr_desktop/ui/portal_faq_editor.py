"""The portal's FAQ as the clerk edits it: one language at a time, in the customers' order.

Each button is one transaction (add, save, remove, move up or down); the list reloads
from the ledger afterwards, so what it shows is what the next build publishes.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from ..domain.errors import RuleViolation
from ..services import portal_faq
from .context import LedgerContext
from .message_text import error_text

logger = logging.getLogger(__name__)

LANGUAGES = (("sv", "Svenska"), ("en", "English"))


class FaqEditor(QGroupBox):
    changed = Signal()

    def __init__(self, context: LedgerContext, parent=None):
        super().__init__(self.tr("Questions and answers"), parent)
        self.context = context
        self.language = QComboBox()
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.entries = QListWidget()
        self.entries.setAccessibleName(self.tr("Questions"))
        self.question = QLineEdit()
        self.answer = QPlainTextEdit()
        self.answer.setPlaceholderText(self.tr("A blank line starts a new paragraph."))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.empty = QLabel(
            self.tr("No questions in this language yet. Write a question and its answer "
                    "below and press Add as new; the customers' pages list them in this "
                    "order.")
        )  # fmt: skip
        self.empty.setWordWrap(True)

        self.add_button = QPushButton(self.tr("Add as new"))
        self.save_button = QPushButton(self.tr("Save changes"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.up_button = QPushButton(self.tr("Move up"))
        self.down_button = QPushButton(self.tr("Move down"))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.save_button, self.remove_button,
                       self.up_button, self.down_button):  # fmt: skip
            buttons.addWidget(button)
        buttons.addStretch(1)

        # The language first: it chooses which questions the list shows.
        choice = QFormLayout()
        choice.addRow(self.tr("Language"), self.language)
        form = QFormLayout()
        form.addRow(self.tr("Question"), self.question)
        form.addRow(self.tr("Answer"), self.answer)
        layout = QVBoxLayout(self)
        layout.addLayout(choice)
        layout.addWidget(self.empty)
        layout.addWidget(self.entries, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.status)

        self.language.currentIndexChanged.connect(self.reload)
        self.entries.currentRowChanged.connect(self._show_entry)
        self.add_button.clicked.connect(self.add)
        self.save_button.clicked.connect(self.save)
        self.remove_button.clicked.connect(self.remove)
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(1))
        self.reload()

    def current_language(self) -> str:
        return self.language.currentData()

    def selected_id(self) -> int | None:
        item = self.entries.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def reload(self, _index: int = 0, select: int | None = None) -> None:
        with self.context.reading() as session:
            items = portal_faq.list_faq(session, self.current_language())
        self._items = {item.id: item for item in items}
        self.entries.clear()
        for item in items:
            row = QListWidgetItem(f"{item.position}. {item.question}")
            row.setData(Qt.ItemDataRole.UserRole, item.id)
            self.entries.addItem(row)
            if item.id == select:
                self.entries.setCurrentItem(row)
        self.empty.setVisible(not items)
        self._update_buttons()

    def _show_entry(self, _row: int) -> None:
        item = self._items.get(self.selected_id())
        if item is not None:
            self.question.setText(item.question)
            self.answer.setPlainText(item.answer)
        self._update_buttons()

    def has_unsaved_work(self) -> bool:
        """A question or answer typed and not yet added or saved."""
        item = self._items.get(self.selected_id())
        saved = (item.question, item.answer) if item is not None else ("", "")
        shown = (self.question.text(), self.answer.toPlainText())
        return tuple(text.strip() for text in shown) != tuple(text.strip() for text in saved)

    def _update_buttons(self) -> None:
        chosen = self.selected_id() is not None
        for button in (self.save_button, self.remove_button, self.up_button, self.down_button):
            button.setEnabled(chosen)

    def add(self) -> bool:
        return self._run(
            lambda session: portal_faq.add_faq(
                session, self.current_language(), self.question.text(),
                self.answer.toPlainText(),
            ).id,
            self.tr("Added."),
        )  # fmt: skip

    def save(self) -> bool:
        faq_id = self.selected_id()
        if faq_id is None:
            return False
        return self._run(
            lambda session: (
                portal_faq.edit_faq(
                    session, faq_id, self.question.text(), self.answer.toPlainText()
                ).id
            ),
            self.tr("Saved."),
        )

    def remove(self) -> bool:
        faq_id = self.selected_id()
        if faq_id is None:
            return False
        return self._run(
            lambda session: portal_faq.remove_faq(session, faq_id), self.tr("Removed.")
        )

    def move(self, step: int) -> bool:
        faq_id = self.selected_id()
        if faq_id is None:
            return False
        target = max(1, min(len(self._items), self._items[faq_id].position + step))
        return self._run(
            lambda session: portal_faq.move_faq(session, faq_id, target).id, self.tr("Moved.")
        )

    def _run(self, action, done_text: str) -> bool:
        try:
            with self.context.writing() as session:
                selected = action(session)
        except RuleViolation as error:
            self.status.setText(error_text(error))
            return False
        self.status.setText(done_text)
        self.reload(select=selected)
        self.changed.emit()
        return True
