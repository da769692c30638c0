"""The invoice editor without the mouse: its shortcuts, its Tab order and what Return does.

- Save is the platform's Save key (Ctrl+S, ⌘S), Issue is Ctrl+Return; a line is added with
  Ctrl+Shift+N, removed with Ctrl+Shift+Delete and moved with Alt+Shift+Up/Down (the line
  that has the focus). The editor is a window of its own, so none of these meet the main
  window's keys (``window_keys``). Each button's tooltip names its keys.
- Tab runs through the header as it reads (left column, then right), then line by line
  through the cells, then the line buttons, the notes and the bottom buttons. Tab in the
  last cell of the last line moves on to "Add line", so Tab then Space (or Return) gives
  a new line. A line is never added by Tab alone: an empty line added by accident would
  stop the save until it is filled in or removed.
- Return in an input moves on like Tab, as in most bookkeeping programs; it never presses
  a button the clerk did not choose (the dialog's default button would otherwise take it).
  In a description, Return starts a new line of text, as before.

Known shortcoming: on macOS, Option+Shift+Up/Down in a description selects text (the
platform's own binding wins there); the Move buttons still work.
"""

from __future__ import annotations

import logging
from itertools import pairwise

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QPlainTextEdit, QWidget

from .shortcut_text import bind_button

logger = logging.getLogger(__name__)

SAVE = QKeySequence.StandardKey.Save
ISSUE = ("Ctrl+Return", "Ctrl+Enter")
ADD_LINE = "Ctrl+Shift+N"
REMOVE_LINE = "Ctrl+Shift+Delete"
MOVE_UP = "Alt+Shift+Up"
MOVE_DOWN = "Alt+Shift+Down"


def bind_editor_keys(editor) -> None:
    """The shortcuts and Return's moving on; the Tab order is ``chain_focus``."""
    editor.installEventFilter(ReturnMovesOn(editor))
    for button, keys in (
        (editor.save_button, SAVE),
        (editor.issue_button, ISSUE),
        (editor.add_button, ADD_LINE),
        (editor.remove_button, REMOVE_LINE),
        (editor.up_button, MOVE_UP),
        (editor.down_button, MOVE_DOWN),
    ):
        bind_button(editor, button, keys)


def focus_order(editor) -> list[QWidget]:
    order = list(editor.header.focus_order())
    for row in range(editor.lines.line_count()):
        order += editor.lines.inputs(row)
    history = editor.undo.history
    order += [editor.add_button, editor.remove_button, editor.up_button, editor.down_button,
              history.undo_button, history.redo_button, editor.notes,
              editor.close_button, editor.save_button, editor.issue_button]  # fmt: skip
    return order


def chain_focus(editor) -> None:
    """Tab in reading order; lines added later would otherwise come after the buttons."""
    for first, second in pairwise(focus_order(editor)):
        QWidget.setTabOrder(first, second)


class ReturnMovesOn(QObject):
    """Sees the key presses the editor's inputs leave over (they reach the editor itself)
    before the dialog would give Return to its default button."""

    def __init__(self, editor: QWidget):
        super().__init__(editor)
        self.editor = editor

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (
            watched is self.editor
            and event.type() == QEvent.Type.KeyPress
            and enter_moves_on(event, self.editor.focusWidget())
        ):
            self.editor.focusNextChild()
            return True
        return False


def enter_moves_on(event: QKeyEvent, focus: QWidget | None) -> bool:
    """Whether this key press, left over by the input ``focus``, should move the focus on."""
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return (
        modifiers == Qt.KeyboardModifier.NoModifier
        and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        and focus is not None
        and not isinstance(focus, (QAbstractButton, QPlainTextEdit))
    )
