"""The invoice's customer, found by typing any part of its number or name.

The clerk types ("nils", "1001"), the list beneath shows the customers that contain it,
and Down/Return or a click takes one. Leaving the field with a text that names exactly one
customer takes that customer too; a text that names none or several leaves the invoice
without a customer, so its "choose a customer" message shows beside the typed text.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter

from ..services.ui_queries import CustomerChoice

logger = logging.getLogger(__name__)


def choice_text(choice: CustomerChoice) -> str:
    return f"{choice.number} · {choice.name}"


class CustomerChooser(QComboBox):
    chosen = Signal()  # the clerk took another customer (or none)

    def __init__(self, customers: list[CustomerChoice], placeholder: str, parent=None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.lineEdit().setPlaceholderText(placeholder)
        for choice in customers:
            self.addItem(choice_text(choice), choice.number)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.setCurrentIndex(-1)
        self._last = self.number()
        self.activated.connect(lambda _index: self._announce())
        self.lineEdit().editingFinished.connect(self._take_typed)

    def number(self) -> str:
        return self.currentData() or ""

    def choose(self, number: str) -> None:
        """Show customer ``number`` (none if it is not in the list), without announcing it."""
        self.setCurrentIndex(self.findData(number) if number else -1)
        self._last = self.number()

    def typed_text(self) -> str:
        return self.lineEdit().text()

    def set_typed_text(self, text: str) -> None:
        """Put back a text that named no customer (undo restores what was typed)."""
        if self.currentIndex() < 0:
            self.lineEdit().setText(text)

    def matches(self, text: str) -> list[int]:
        """The rows whose number or name contain ``text``; an exact number or text wins."""
        wanted = text.strip().casefold()
        if not wanted:
            return []
        rows = range(self.count())
        texts = [self.itemText(row).casefold() for row in rows]
        exact = [row for row in rows if wanted in (texts[row], str(self.itemData(row)).casefold())]
        if exact:
            return exact[:1]
        return [row for row in rows if wanted in texts[row]]

    def _take_typed(self) -> None:
        text = self.typed_text()
        current = self.currentIndex()
        if text == (self.itemText(current) if current >= 0 else ""):
            return
        found = self.matches(text)
        if len(found) == 1:
            self.setCurrentIndex(found[0])
            self.lineEdit().setText(self.itemText(found[0]))  # also when it was chosen before
            self._announce()
            return
        self.setCurrentIndex(-1)
        self.lineEdit().setText(text)  # kept, so the clerk sees what did not match
        self._announce(always=True)

    def _announce(self, *, always: bool = False) -> None:
        number = self.number()
        if always or number != self._last:
            self._last = number
            logger.debug("customer chosen: %r", number)
            self.chosen.emit()
