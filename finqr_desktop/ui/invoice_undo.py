"""Undo in the invoice editor: lines added, removed and moved, cells, the header, the notes.

The recorder keeps what the editor showed after the last step (``seen``); an edit the
clerk makes is pushed as a step from that to what is shown now. Lines are named by their
row: undo runs the steps back in order, so a row means the same line when it is undone
as when it was done. Every step ends with the editor refreshing its totals and messages.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QWidget

from .draft_reader import LineTexts
from .invoice_header import HeaderState
from .undo_history import UndoHistory, ValueEdit

logger = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("", text)


def header_steps() -> dict[str, tuple[str, str]]:
    """Per header field: the step's name and the input that shows it."""
    return {
        "customer_number": (_tr("Change the customer"), "customer"),
        "customer_text": (_tr("Change the customer"), "customer"),
        "issue_date": (_tr("Change the issue date"), "issue_date"),
        "has_delivery": (_tr("Change the delivery date"), "has_delivery"),
        "delivery_date": (_tr("Change the delivery date"), "delivery_date"),
        "due_date": (_tr("Change the due date"), "due_date"),
        "due_by_hand": (_tr("Change the due date"), "due_date"),
        "prices_include_vat": (_tr("Change whether prices include VAT"), "prices_include_vat"),
        "round_to_whole": (_tr("Change the rounding"), "round_to_whole"),
        "invoice_discount": (_tr("Change the invoice discount"), "invoice_discount"),
        "our_reference": (_tr("Change our reference"), "our_reference"),
        "your_reference": (_tr("Change your reference"), "your_reference"),
    }


def cell_steps() -> dict[str, str]:
    return {
        "description": _tr("Edit the description on line {line}"),
        "quantity": _tr("Change the quantity on line {line}"),
        "unit": _tr("Change the unit on line {line}"),
        "unit_price": _tr("Change the unit price on line {line}"),
        "discount_percent": _tr("Change the discount on line {line}"),
        "vat_rate": _tr("Change the VAT rate on line {line}"),
    }


# Typing goes into these one keystroke (or one arrow step) at a time: merged into one step.
_TYPED_HEADER = {"issue_date", "delivery_date", "due_date", "due_by_hand", "invoice_discount",
                 "our_reference", "your_reference"}  # fmt: skip
_TYPED_CELLS = {"description", "quantity", "unit", "unit_price", "discount_percent"}


def _changed_fields(old: HeaderState, new: HeaderState) -> list[str]:
    return [f.name for f in fields(HeaderState) if getattr(old, f.name) != getattr(new, f.name)]


@dataclass(frozen=True)
class Seen:
    header: HeaderState
    notes: str
    lines: tuple[LineTexts, ...]


class AddLine(QUndoCommand):
    def __init__(self, recorder: InvoiceUndo, row: int, texts: LineTexts):
        super().__init__(_tr("Add line {line}").format(line=row + 1))
        self.recorder, self.row, self.texts = recorder, row, texts

    def redo(self) -> None:
        self.recorder.put_line(self.row, self.texts)

    def undo(self) -> None:
        self.recorder.take_line(self.row)


class RemoveLine(QUndoCommand):
    def __init__(self, recorder: InvoiceUndo, row: int, texts: LineTexts):
        super().__init__(_tr("Remove line {line}").format(line=row + 1))
        self.recorder, self.row, self.texts = recorder, row, texts

    def redo(self) -> None:
        self.recorder.take_line(self.row)

    def undo(self) -> None:
        self.recorder.put_line(self.row, self.texts)


class MoveLine(QUndoCommand):
    def __init__(self, recorder: InvoiceUndo, row: int, target: int):
        text = _tr("Move line {line} up") if target < row else _tr("Move line {line} down")
        super().__init__(text.format(line=row + 1))
        self.recorder, self.row, self.target = recorder, row, target

    def redo(self) -> None:
        self.recorder.swap_lines(self.row, self.target, focus=self.target)

    def undo(self) -> None:
        self.recorder.swap_lines(self.row, self.target, focus=self.row)


class InvoiceUndo(QObject):
    """The editor's undo history, fed by the editor's edit signals."""

    def __init__(self, editor):
        super().__init__(editor)
        self.editor = editor
        self.history = UndoHistory(editor)
        self.stack = self.history.stack
        self.history.watch(editor)
        self._applying = False
        self.seen = self._capture()

    def _capture(self) -> Seen:
        editor = self.editor
        return Seen(editor.header.state(), editor.notes.toPlainText(),
                    tuple(editor.lines.texts()))  # fmt: skip

    def reset(self) -> None:
        """Another draft is on screen: nothing before it can be undone."""
        self.history.watch(self.editor)
        self.history.clear()
        self.seen = self._capture()

    # What the clerk did: each becomes one step (or merges into the last one).

    def header_edited(self, _name: str) -> None:
        if self._applying:
            return
        old, new = self.seen.header, self.editor.header.state()
        changed = _changed_fields(old, new)
        if not changed:
            return
        field = changed[0]  # the cause: a customer or issue date comes before its due date
        text, _input = header_steps()[field]
        key = f"header.{field}" if field in _TYPED_HEADER else None
        self._push(ValueEdit(text, self._show_header, old, new, key=key,
                             epoch=self.history.epoch))  # fmt: skip

    def cell_edited(self, row: int, name: str) -> None:
        if self._applying or row >= len(self.seen.lines):
            return
        field = "vat_code" if name == "vat_rate" else name
        old = getattr(self.seen.lines[row], field)
        new = getattr(self.editor.lines.line_texts(row), field)
        if old == new:
            return
        text = cell_steps()[name].format(line=row + 1)
        key = f"lines[{row}].{name}" if name in _TYPED_CELLS else None

        def show(value: str, row=row, name=name) -> None:
            self._show_cell(row, name, value)

        self._push(ValueEdit(text, show, old, new, key=key, epoch=self.history.epoch))

    def notes_edited(self) -> None:
        if self._applying:
            return
        old, new = self.seen.notes, self.editor.notes.toPlainText()
        if old != new:
            self._push(ValueEdit(_tr("Edit the notes"), self._show_notes, old, new,
                                 key="notes", epoch=self.history.epoch))  # fmt: skip

    def add_line(self) -> int:
        row = self.editor.lines.line_count()
        self._push(AddLine(self, row, LineTexts()))
        return row

    def remove_line(self, row: int) -> None:
        if 0 <= row < self.editor.lines.line_count():
            self._push(RemoveLine(self, row, self.editor.lines.line_texts(row)))

    def move_line(self, row: int, step: int) -> None:
        count = self.editor.lines.line_count()
        if 0 <= row < count and 0 <= row + step < count:
            self._push(MoveLine(self, row, row + step))

    def _push(self, command: QUndoCommand) -> None:
        self.history.push(command)
        self.seen = self._capture()

    # What a step shows: called by the commands, on redo and undo alike.

    def put_line(self, row: int, texts: LineTexts) -> None:
        with self._showing():
            self.editor.lines.insert_line(row, texts)
            self.editor.renumber_touched(lambda index: index + 1 if index >= row else index)
            self.history.watch(*self.editor.lines.inputs(row))
        self._focus(self.editor.lines.widget(row, "description"))

    def take_line(self, row: int) -> None:
        with self._showing():
            self.editor.lines.remove_line(row)
            self.editor.renumber_touched(
                lambda index: None if index == row else index - (index > row)
            )
        count = self.editor.lines.line_count()
        if count:
            self._focus(self.editor.lines.widget(min(row, count - 1), "description"))

    def swap_lines(self, row: int, target: int, *, focus: int) -> None:
        lines = self.editor.lines
        with self._showing():
            first, second = lines.line_texts(row), lines.line_texts(target)
            lines.set_line_texts(row, second)
            lines.set_line_texts(target, first)
            swapped = {row: target, target: row}
            self.editor.renumber_touched(lambda index: swapped.get(index, index))
        self._focus(lines.widget(focus, "description"))

    def _show_header(self, state: HeaderState) -> None:
        before = self.editor.header.state()
        with self._showing():
            self.editor.header.set_state(state)
        changed = _changed_fields(before, state)
        if changed:
            self._focus(getattr(self.editor.header, header_steps()[changed[0]][1]))

    def _show_cell(self, row: int, name: str, value: str) -> None:
        with self._showing():
            self.editor.lines.set_cell(row, name, value)
        self._focus(self.editor.lines.widget(row, name))

    def _show_notes(self, text: str) -> None:
        with self._showing():
            self.editor.notes.setPlainText(text)
        self._focus(self.editor.notes)

    @contextmanager
    def _showing(self) -> Iterator[None]:
        """While a step is shown, the editor's own edit signals record nothing; then what
        is shown is taken as seen and the editor refreshes its order, totals and messages."""
        self._applying = True
        try:
            yield
        finally:
            self._applying = False
            self.seen = self._capture()
            self.editor.lines_changed()

    def _focus(self, widget: QWidget) -> None:
        """Put the focus where the step happened, so the clerk sees what changed."""
        if self.editor.isVisible():
            widget.setFocus()
