"""Document templates as the clerk designs them: brand, layout and message blocks.

A template is pure data. Storage keeps every saved version, an issued document records the
version it was rendered with, and the renderer gets a design plus the blocks that apply.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .messages import msg

SLOTS = ("top_banner", "above_lines", "below_totals", "footer")
FAMILIES = ("sans", "serif")
PAPERS = ("A4", "Letter")
LOGO_POSITIONS = ("left", "right")
# Document kinds a block can be limited to; reminders are "reminder_1", "reminder_2", ...
INVOICE, CREDIT_NOTE = "invoice", "credit_note"
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
_KIND = re.compile(r"invoice|credit_note|reminder_[1-9]")
_LANGUAGE = re.compile(r"[a-z]{2}")


class TemplateError(ValueError):
    """A design that cannot be printed; the message names the field."""


@dataclass(frozen=True)
class BlockConditions:
    """When a block is printed. An empty set means "any"; the dates are inclusive."""

    kinds: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()  # the customer has at least one of them
    languages: frozenset[str] = frozenset()
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None

    def matches(self, *, kind: str, tags: set[str] | frozenset[str], language: str,
                day: dt.date) -> bool:  # fmt: skip
        if self.kinds and kind not in self.kinds:
            return False
        if self.tags and not self.tags & set(tags):
            return False
        if self.languages and language not in self.languages:
            return False
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_until and day > self.valid_until)


@dataclass(frozen=True)
class MessageBlock:
    """A text of the clerk's own. ``body`` uses the small markup of ``domain.markup``."""

    title: str
    body: str
    slot: str = "below_totals"
    conditions: BlockConditions = field(default_factory=BlockConditions)


@dataclass(frozen=True)
class Design:
    """Everything a template decides. ``logo`` is the image file's bytes (PNG, JPEG or SVG)."""

    name: str = "Standard"
    primary: str = "#1D3557"
    accent: str = "#2A9D8F"
    font_family: str = "sans"
    paper: str = "A4"
    margin_top: float = 14.0
    margin_right: float = 18.0
    margin_bottom: float = 12.0
    margin_left: float = 22.0
    logo: bytes | None = None
    logo_position: str = "left"
    opening_hours: str = ""
    blocks: tuple[MessageBlock, ...] = ()


def check_design(design: Design) -> list[tuple[str, str]]:
    """Every problem as (field, message); empty when the design can be printed."""
    problems = []
    if not design.name.strip():
        problems.append(("name", msg("the template needs a name")))
    for name in ("primary", "accent"):
        if not _COLOUR.fullmatch(getattr(design, name)):
            problems.append((name, msg("a colour is written #RRGGBB")))
    if design.font_family not in FAMILIES:
        problems.append(("font_family", _choose_one_of(FAMILIES)))
    if design.paper not in PAPERS:
        problems.append(("paper", _choose_one_of(PAPERS)))
    if design.logo_position not in LOGO_POSITIONS:
        problems.append(("logo_position", _choose_one_of(LOGO_POSITIONS)))
    for name in ("margin_top", "margin_right", "margin_bottom", "margin_left"):
        if not 5 <= getattr(design, name) <= 40:
            problems.append((name, msg("margins are between 5 and 40 mm")))
    for index, block in enumerate(design.blocks):
        place = f"blocks[{index}]"
        if block.slot not in SLOTS:
            problems.append((f"{place}.slot", _choose_one_of(SLOTS)))
        if not (block.title.strip() or block.body.strip()):
            problems.append((place, msg("a block needs a title or a text")))
        for kind in block.conditions.kinds:
            if not _KIND.fullmatch(kind):
                problems.append(
                    (f"{place}.kinds", msg("unknown document kind {kind}", kind=repr(kind)))
                )
        for language in block.conditions.languages:
            if not _LANGUAGE.fullmatch(language):
                problems.append(
                    (
                        f"{place}.languages",
                        msg(
                            "write languages as codes such as sv, en: {language}",
                            language=repr(language),
                        ),
                    )
                )
        start, end = block.conditions.valid_from, block.conditions.valid_until
        if start and end and end < start:
            problems.append((f"{place}.valid_until", msg("the campaign ends before it starts")))
    return problems


def _choose_one_of(choices: tuple[str, ...]) -> str:
    return msg("choose one of {choices}", choices=", ".join(choices))


def blocks_for(
    design: Design, *, kind: str, tags: set[str] | frozenset[str], language: str, day: dt.date
) -> dict[str, tuple[MessageBlock, ...]]:
    """The blocks to print, by slot, in the template's order."""
    chosen: dict[str, list[MessageBlock]] = {slot: [] for slot in SLOTS}
    for block in design.blocks:
        if block.conditions.matches(kind=kind, tags=tags, language=language, day=day):
            chosen[block.slot].append(block)
    return {slot: tuple(blocks) for slot, blocks in chosen.items()}
