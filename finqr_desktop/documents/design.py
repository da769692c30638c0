"""A template's ``Design`` (domain.templates) as the renderer's ``Style``.

The design is what the clerk saved; the style is what one rendering needs. Kept as one
small mapping so that a field added to the design has one place to reach the page.
"""

from __future__ import annotations

from ..domain.templates import Design
from .model import Style


def style_for(design: Design) -> Style:
    """The style that prints ``design``; its logo travels as the bytes it was saved with."""
    return Style(
        primary=design.primary,
        accent=design.accent,
        font_family=design.font_family,
        paper=design.paper,
        margin_top=design.margin_top,
        margin_right=design.margin_right,
        margin_bottom=design.margin_bottom,
        margin_left=design.margin_left,
        logo=design.logo,
        logo_position=design.logo_position,
        opening_hours=design.opening_hours,
    )
