"""Undo in the template designer: the brand's fields, and blocks added, removed, moved and
edited.

Both halves of the design are small immutable values (the brand's fields as typed, the
tuple of ``MessageBlock``), so each step keeps the half it changed as it was before and
after, and undoing shows the "before" again. The step's name comes from what differs.
The preview follows because every step ends with the page checking the design again.
"""

from __future__ import annotations

import logging
from dataclasses import fields

from PySide6.QtCore import QCoreApplication, QObject

from ..domain.templates import BlockConditions, MessageBlock
from .template_brand import MARGINS
from .undo_history import UndoHistory, ValueEdit

logger = logging.getLogger(__name__)

BRAND_TAB, BLOCKS_TAB = 0, 1
_TYPED_BRAND = {"name", "primary", "accent", *MARGINS, "opening_hours"}
_TYPED_BLOCK = {"title", "body", "tags", "languages", "valid_from", "valid_until"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("", text)


def brand_steps() -> dict[str, str]:
    margins = _tr("Change the margins")
    return {
        "name": _tr("Edit the template's name"),
        "primary": _tr("Change the primary colour"),
        "accent": _tr("Change the accent colour"),
        "font_family": _tr("Change the font"),
        "paper": _tr("Change the paper"),
        **dict.fromkeys(MARGINS, margins),
        "logo": _tr("Change the logo"),
        "logo_position": _tr("Change the logo position"),
        "opening_hours": _tr("Edit the opening hours"),
    }


def block_steps() -> dict[str, str]:
    dates = _tr("Change the block's campaign dates")
    return {
        "title": _tr("Edit the block's title"),
        "body": _tr("Edit the block's text"),
        "slot": _tr("Change where the block is printed"),
        "kinds": _tr("Change the block's documents"),
        "tags": _tr("Change the block's customer tags"),
        "languages": _tr("Change the block's languages"),
        "valid_from": dates,
        "valid_until": dates,
    }


def block_change(old: tuple[MessageBlock, ...], new: tuple[MessageBlock, ...]
                 ) -> tuple[str, str | None] | None:  # fmt: skip
    """What happened to the blocks: the step's name and its merge key (None: never
    merged), or None when nothing did."""
    if len(new) != len(old):
        return (_tr("Add block") if len(new) > len(old) else _tr("Remove block")), None
    changed = [index for index, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
    if not changed:
        return None
    first, last = changed[0], changed[-1]
    if len(changed) == 2 and (old[first], old[last]) == (new[last], new[first]):
        return _tr("Move block"), None
    field = _changed_field(old[first], new[first])
    key = f"blocks[{first}].{field}" if field in _TYPED_BLOCK else None
    return block_steps()[field], key


def _changed_field(old: MessageBlock, new: MessageBlock) -> str:
    for name in ("title", "body", "slot"):
        if getattr(old, name) != getattr(new, name):
            return name
    for condition in fields(BlockConditions):
        if getattr(old.conditions, condition.name) != getattr(new.conditions, condition.name):
            return condition.name
    return "title"


class TemplateUndo(QObject):
    """The designer's undo history, fed by the brand form's and the block list's changes."""

    def __init__(self, page):
        super().__init__(page)
        self.page = page
        self.history = UndoHistory(page)
        self.stack = self.history.stack
        self.seen_brand = page.brand.state()
        self.seen_blocks = page.blocks.state()
        page.brand.changed.connect(self.brand_changed)
        page.blocks.changed.connect(self.blocks_changed)
        page.blocks.list.currentRowChanged.connect(self._block_chosen)

    def reset(self) -> None:
        """Another template is on screen: nothing before it can be undone."""
        self.history.watch(self.page)
        self.history.clear()
        self.seen_brand = self.page.brand.state()
        self.seen_blocks = self.page.blocks.state()

    def brand_changed(self) -> None:
        old, new = self.seen_brand, self.page.brand.state()
        changed = [name for name in new if new[name] != old[name]]
        self.seen_brand = new
        if not changed:
            return
        field = changed[0]
        key = field if field in _TYPED_BRAND else None
        self.history.push(ValueEdit(brand_steps()[field], self._show_brand, old, new, key=key,
                                    epoch=self.history.epoch))  # fmt: skip

    def blocks_changed(self) -> None:
        old, new = self.seen_blocks, self.page.blocks.state()
        self.seen_blocks = new
        change = block_change(old[0], new[0])
        if change is None:
            return
        text, key = change
        self.history.push(ValueEdit(text, self._show_blocks, old, new, key=key,
                                    epoch=self.history.epoch))  # fmt: skip

    def _block_chosen(self, row: int) -> None:
        # A step on the chosen block must show that block again when it is undone.
        self.seen_blocks = (self.seen_blocks[0], row)

    def _show_brand(self, state: dict) -> None:
        self.page.brand.set_state(state)
        self.seen_brand = self.page.brand.state()
        self.page.tabs.setCurrentIndex(BRAND_TAB)
        self.page.edited()

    def _show_blocks(self, state) -> None:
        self.page.blocks.set_state(state)
        self.seen_blocks = self.page.blocks.state()
        self.page.tabs.setCurrentIndex(BLOCKS_TAB)
        self.page.edited()
