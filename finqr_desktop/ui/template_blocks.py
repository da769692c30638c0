"""The template's message blocks in print order: add, remove, move, and edit the chosen one.

Problems from ``check_design`` name a block by index (``blocks[2].slot``); the chosen
block's are shown beside its fields, the others' in the list (marked) and in one line.
"""

from __future__ import annotations

import datetime as dt
import logging
import re

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import Problem
from ..domain.templates import MessageBlock
from . import theme
from .field_errors import error_label
from .message_text import localized
from .template_block_form import BlockForm, slot_names

logger = logging.getLogger(__name__)

_PLACE = re.compile(r"blocks\[(\d+)\](?:\.(\w+))?")


class BlockList(QWidget):
    changed = Signal()

    def __init__(self, today: dt.date, parent=None):
        super().__init__(parent)
        self.today = today
        self.blocks: list[MessageBlock] = []
        self._problems: list[Problem] = []
        self.list = QListWidget()
        self.list.setMaximumHeight(96)
        self.list.currentRowChanged.connect(self._on_row)
        self.add_button = QPushButton(self.tr("Add block"))
        self.add_button.clicked.connect(self.add_block)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self.remove_block)
        self.up_button = QPushButton(self.tr("Move up"))
        self.up_button.clicked.connect(lambda: self.move_block(-1))
        self.down_button = QPushButton(self.tr("Move down"))
        self.down_button.clicked.connect(lambda: self.move_block(1))
        self.others_error = error_label()
        self.form = BlockForm()
        self.form.changed.connect(self._on_form)

        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.empty = QLabel(self.tr("No message blocks yet: add one for a greeting or an offer."))
        theme.tint(self.empty, theme.MUTED)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.list)
        layout.addWidget(self.empty)
        layout.addWidget(self.others_error)
        layout.addWidget(self.form)
        self._refresh(-1)

    def load(self, blocks: tuple[MessageBlock, ...]) -> None:
        self.blocks = list(blocks)
        self._refresh(0 if blocks else -1)

    def state(self) -> tuple[tuple[MessageBlock, ...], int]:
        """The blocks and the chosen one's row, for the page's undo."""
        return tuple(self.blocks), self.list.currentRow()

    def set_state(self, state: tuple[tuple[MessageBlock, ...], int]) -> None:
        """Show these blocks with that one chosen, announcing nothing."""
        blocks, row = state
        self.blocks = list(blocks)
        self._refresh(min(row, len(self.blocks) - 1))

    def add_block(self) -> None:
        self.blocks.append(MessageBlock(title=self.tr("New message"), body=""))
        self._refresh(len(self.blocks) - 1)
        self.form.title.setFocus()
        self.form.title.selectAll()
        self.changed.emit()

    def remove_block(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        del self.blocks[row]
        self._refresh(min(row, len(self.blocks) - 1))
        self.changed.emit()

    def move_block(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < len(self.blocks):
            return
        self.blocks[row], self.blocks[target] = self.blocks[target], self.blocks[row]
        self._refresh(target)
        self.changed.emit()

    def show_problems(self, problems: list[Problem]) -> None:
        """Mark the blocks the problems name; the chosen block's go beside its fields."""
        self._problems = list(problems)
        current = self.list.currentRow()
        mine, others, marked = [], [], set()
        for problem in problems:
            match = _PLACE.fullmatch(problem.field)
            if not match:
                continue
            index = int(match.group(1))
            marked.add(index)
            if index == current:
                mine.append(Problem(match.group(2) or "title", localized(problem.message)))
            else:
                text = self.tr("Block {n}: {message}")
                others.append(text.format(n=index + 1, message=localized(problem.message)))
        self.form.show_problems(mine)
        self.others_error.setText("\n".join(others))
        self.others_error.setVisible(bool(others))
        for row in range(self.list.count()):
            item = self.list.item(row)
            marked_colour = theme.colour(theme.ERROR)
            item.setForeground(marked_colour if row in marked else self.palette().text().color())

    def _label(self, block: MessageBlock) -> str:
        slot = dict(slot_names()).get(block.slot, block.slot)
        title = block.title or (block.body.splitlines() or [""])[0]
        return f"{title or self.tr('(untitled)')} — {slot}"

    def _refresh(self, row: int) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for block in self.blocks:
            self.list.addItem(self._label(block))
        self.list.setCurrentRow(row)
        self.list.blockSignals(False)
        self._on_row(row)

    def _on_row(self, row: int) -> None:
        has = 0 <= row < len(self.blocks)
        self.form.setVisible(has)
        self.list.setVisible(bool(self.blocks))
        self.empty.setVisible(not self.blocks)
        self.remove_button.setEnabled(has)
        self.up_button.setEnabled(has and row > 0)
        self.down_button.setEnabled(has and row + 1 < len(self.blocks))
        if has:
            self.form.load(self.blocks[row], self.today)
        self.show_problems(self._problems)

    def _on_form(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        self.blocks[row] = self.form.block()
        self.list.item(row).setText(self._label(self.blocks[row]))
        self.changed.emit()
