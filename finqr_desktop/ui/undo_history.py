"""One editor's undo history: a QUndoStack with its keys, its two buttons, and typing merged.

Qt's text inputs keep an undo history of their own and claim Ctrl+Z before any shortcut
sees it (they accept the ShortcutOverride event). An editor with one history for all its
fields takes the undo and redo keys back from its inputs (``watch``), so Ctrl+Z undoes the
last step of the whole form, not the last characters of the field that has the focus.

Typing into one field is one step: consecutive edits of the same field merge until the
focus moves or an undo or redo runs (``epoch``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QPushButton, QWidget

from .shortcut_text import bind, with_keys

logger = logging.getLogger(__name__)

UNDO = QKeySequence.StandardKey.Undo
REDO = QKeySequence.StandardKey.Redo
_VALUE_EDIT_ID = 7001  # any id shared by every ValueEdit; mergeWith compares their keys


def _tr(text: str) -> str:
    return QCoreApplication.translate("", text)


class ValueEdit(QUndoCommand):
    """One value of a form going from ``old`` to ``new``; ``apply`` shows a value.

    The edit has already happened on screen when the command is made, so its first redo
    (from ``QUndoStack.push``) does nothing. A ``key`` makes it merge with the next edit of
    the same key in the same ``epoch``; an edit merged back to where it started is dropped.
    """

    def __init__(self, text: str, apply: Callable[[Any], None], old: Any, new: Any, *,
                 key: str | None = None, epoch: int = 0):  # fmt: skip
        super().__init__(text)
        self.apply, self.old, self.new = apply, old, new
        self.key, self.epoch = key, epoch
        self._shown = True

    def id(self) -> int:
        return _VALUE_EDIT_ID if self.key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, ValueEdit) or (other.key, other.epoch) != (self.key, self.epoch):
            return False
        self.new = other.new
        self.setObsolete(self.new == self.old)
        return True

    def redo(self) -> None:
        if self._shown:
            self._shown = False
            return
        self.apply(self.new)

    def undo(self) -> None:
        self.apply(self.old)


class UndoHistory(QObject):
    """The undo stack of ``owner`` (an editor window or page), its keys and buttons."""

    def __init__(self, owner: QWidget):
        super().__init__(owner)
        self.owner = owner
        self.stack = QUndoStack(self)
        self.epoch = 0
        self.undo_button = QPushButton(self.tr("Undo"))
        self.redo_button = QPushButton(self.tr("Redo"))
        for button in (self.undo_button, self.redo_button):
            button.setAutoDefault(False)
        self.undo_button.clicked.connect(self.undo)
        self.redo_button.clicked.connect(self.redo)
        # Bound to the owner's window: a page's keys only count while the page is shown.
        bind(owner, UNDO, self.undo)
        bind(owner, REDO, self.redo)
        # A method, not a lambda: the connection ends with this object, before the stack's
        # own destruction (which clears it and signals once more) could reach the buttons.
        self.stack.indexChanged.connect(self._update_buttons)
        self._update_buttons()

    def watch(self, *widgets: QWidget) -> None:
        """Take the undo keys from these inputs (and the inputs inside them)."""
        for widget in widgets:
            for each in (widget, *widget.findChildren(QWidget)):
                # Only what can take the focus ever gets the keys; labels and frames stay
                # unfiltered, so their painting never passes through Python here.
                if each.focusPolicy() != Qt.FocusPolicy.NoFocus:
                    each.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride and (event.matches(UNDO) or event.matches(REDO)):
            # Left unaccepted, the keys go on to this history's shortcuts.
            return True
        if kind == QEvent.Type.FocusIn:
            self.epoch += 1
        return False

    def push(self, command: QUndoCommand) -> None:
        self.stack.push(command)

    def undo(self) -> None:
        self.epoch += 1
        self.stack.undo()

    def redo(self) -> None:
        self.epoch += 1
        self.stack.redo()

    def clear(self) -> None:
        """Forget every step: another draft or template is on screen now."""
        self.stack.clear()
        self.epoch += 1
        self._update_buttons()

    def _update_buttons(self, _index: int = 0) -> None:
        stack = self.stack
        self.undo_button.setEnabled(stack.canUndo())
        self.redo_button.setEnabled(stack.canRedo())
        undo = _tr("Undo: {step}").format(step=stack.undoText()) if stack.canUndo() else ""
        redo = _tr("Redo: {step}").format(step=stack.redoText()) if stack.canRedo() else ""
        self.undo_button.setToolTip(with_keys(undo or self.tr("Undo"), UNDO))
        self.redo_button.setToolTip(with_keys(redo or self.tr("Redo"), REDO))
