"""A template design as plain JSON data, and the checks a design must pass to be saved.

The same form is stored in ``template_version.design`` (without the logo) and written to an
exported template file (with the logo as base64). Reading it back checks every field and
reports every problem with its place (``blocks[1].slot``), so a broken file is refused
whole instead of half imported.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import io
import logging
from dataclasses import fields as dataclass_fields
from decimal import Decimal

from ..domain.errors import Problem, ValidationFailed
from ..domain.messages import msg
from ..domain.templates import BlockConditions, Design, MessageBlock, check_design
from ..domain.text_rules import text_problem
from .inputs import Fields, only_new_fields

logger = logging.getLogger(__name__)

MAX_LOGO_BYTES = 2 * 1024 * 1024
MARGINS = ("margin_top", "margin_right", "margin_bottom", "margin_left")
DESIGN_KEYS = {f.name for f in dataclass_fields(Design)}
BLOCK_KEYS = {"title", "body", "slot", "conditions"}
CONDITION_KEYS = {"kinds", "tags", "languages", "valid_from", "valid_until"}
_DEFAULT = Design()


def logo_type(data: bytes) -> str | None:
    """ "png", "jpeg" or "svg" by the file's first bytes (never by a name), else None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<svg") or (head.startswith((b"<?xml", b"<!--", b"<!doctype svg"))
                                    and b"<svg" in head):  # fmt: skip
        return "svg"
    return None


def unreadable_logo(data: bytes) -> str | None:
    """Why the image cannot be drawn, or None. A file that only starts like an image (cut
    off in a download, an SVG that points at other files) would print an empty logo area."""
    kind = logo_type(data)
    if kind in ("png", "jpeg"):
        from PIL import Image, UnidentifiedImageError

        try:
            with Image.open(io.BytesIO(data)) as image:
                image.load()
        except (OSError, UnidentifiedImageError, ValueError) as exc:
            return msg(
                "the {kind} image cannot be read: {reason}", kind=kind.upper(), reason=str(exc)
            )
        return None
    if kind == "svg":
        lowered = data.lower()
        if b"<image" in lowered or b"xlink:href" in lowered or b"<use" in lowered:
            return msg(
                "the SVG refers to other files or images; save it as one self-contained SVG"
            )
        from svglib.svglib import svg2rlg

        try:
            drawing = svg2rlg(io.BytesIO(data))
        except Exception as exc:  # svglib raises whatever its XML parser raises
            return msg("the SVG cannot be read: {reason}", reason=str(exc))
        if drawing is None or not drawing.width or not drawing.height:
            return msg("the SVG has no size or nothing to draw")
    return None


def design_problems(design: Design) -> list[Problem]:
    """Everything that keeps ``design`` from being saved, each with its field."""
    problems = [Problem(name, message) for name, message in check_design(design)]
    if design.logo is not None:
        if len(design.logo) > MAX_LOGO_BYTES:
            problems.append(Problem("logo", msg("the logo is larger than 2 MB")))
        elif logo_type(design.logo) is None:
            problems.append(Problem("logo", msg("the logo is not a PNG, JPEG or SVG image")))
        elif why := unreadable_logo(design.logo):
            problems.append(Problem("logo", why))
    texts = [("name", design.name, False), ("opening_hours", design.opening_hours, True)]
    for index, block in enumerate(design.blocks):
        texts += [(f"blocks[{index}].title", block.title, False),
                  (f"blocks[{index}].body", block.body, True)]  # fmt: skip
    for name, value, multiline in texts:
        if why := text_problem(value, multiline=multiline):
            problems.append(Problem(name, why))
    return problems


def design_to_data(design: Design, *, with_logo: bool = True) -> dict:
    """The design as JSON-able data: dates ISO, sets as sorted lists, the logo base64."""
    data: dict = {
        "name": design.name,
        "primary": design.primary,
        "accent": design.accent,
        "font_family": design.font_family,
        "paper": design.paper,
        **{name: getattr(design, name) for name in MARGINS},
        "logo_position": design.logo_position,
        "opening_hours": design.opening_hours,
        "blocks": [_block_data(block) for block in design.blocks],
    }
    if with_logo:
        data["logo"] = base64.b64encode(design.logo).decode("ascii") if design.logo else None
    return data


def _block_data(block: MessageBlock) -> dict:
    conditions = block.conditions
    return {
        "title": block.title,
        "body": block.body,
        "slot": block.slot,
        "conditions": {
            "kinds": sorted(conditions.kinds),
            "tags": sorted(conditions.tags),
            "languages": sorted(conditions.languages),
            "valid_from": _iso(conditions.valid_from),
            "valid_until": _iso(conditions.valid_until),
        },
    }


def design_from_data(data: object, *, extra_keys: frozenset[str] = frozenset()) -> Design:
    """The design ``data`` describes; ValidationFailed lists every problem with its field.

    Missing keys take the defaults of ``Design``; unknown keys are refused, except
    ``extra_keys`` that the caller reads itself (a file's format marker).
    """
    fields = Fields(data)
    fields.reject_unknown(DESIGN_KEYS | extra_keys)
    design = Design(
        name=fields.text("name", required=True),
        primary=fields.text("primary", _DEFAULT.primary, max_len=7),
        accent=fields.text("accent", _DEFAULT.accent, max_len=7),
        font_family=fields.text("font_family", _DEFAULT.font_family, max_len=20),
        paper=fields.text("paper", _DEFAULT.paper, max_len=20),
        **{name: _margin(fields, name) for name in MARGINS},
        logo=_logo(fields),
        logo_position=fields.text("logo_position", _DEFAULT.logo_position, max_len=20),
        opening_hours=fields.text("opening_hours", max_len=500, multiline=True),
        blocks=_blocks(fields),
    )
    problems = fields.problems + only_new_fields(fields.problems, design_problems(design))
    if problems:
        raise ValidationFailed(problems)
    return design


def _margin(fields: Fields, name: str) -> float:
    value = fields.data.get(name, getattr(_DEFAULT, name))
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        fields.fail(name, msg("expected a number of millimetres"))
        return getattr(_DEFAULT, name)
    return float(value)


def _logo(fields: Fields) -> bytes | None:
    value = fields.data.get("logo")
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        fields.fail("logo", msg("expected the image as base64 text"))
        return None
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        fields.fail("logo", msg("not valid base64"))
        return None


def _blocks(fields: Fields) -> tuple[MessageBlock, ...]:
    value = fields.data.get("blocks") or []
    if not isinstance(value, list):
        fields.fail("blocks", msg("expected a list of blocks"))
        return ()
    blocks = []
    for index, item in enumerate(value):
        block = Fields(item, prefix=f"blocks[{index}].")
        block.reject_unknown(BLOCK_KEYS)
        conditions = Fields(block.data.get("conditions") or {}, prefix=f"blocks[{index}].")
        conditions.reject_unknown(CONDITION_KEYS)
        blocks.append(
            MessageBlock(
                title=block.text("title"),
                body=block.text("body", max_len=5000, multiline=True),
                slot=block.text("slot", "below_totals", max_len=40),
                conditions=BlockConditions(
                    kinds=frozenset(conditions.text_list("kinds")),
                    tags=frozenset(conditions.text_list("tags")),
                    languages=frozenset(conditions.text_list("languages")),
                    valid_from=conditions.date("valid_from"),
                    valid_until=conditions.date("valid_until"),
                ),
            )
        )
        fields.problems += block.problems + conditions.problems
    return tuple(blocks)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
