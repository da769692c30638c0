"""A plain, accessible HTML body in the brand's colours, and the text body it mirrors.

Mail clients strip style sheets and block remote content, so the HTML uses inline styles,
a single-column layout table marked as presentation, no images and no external resources.
Every piece of text is escaped; the colours are checked because they go into styles.
The brand colours are the template's; one too light to read on white is replaced (see
``readable``), so a pale brand never makes a heading disappear.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Sequence

from ..domain.messages import msg

logger = logging.getLogger(__name__)

DEFAULT_PRIMARY = "#1D3557"
DEFAULT_ACCENT = "#2A9D8F"
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
_TEXT_COLOUR = "#1F2933"
_FONTS = "Arial, Helvetica, sans-serif"
_WHITE = "#FFFFFF"
# The WCAG 2 contrast minimum for text on the white page.
TEXT_CONTRAST = 4.5


def html_body(
    paragraphs: Sequence[str],
    *,
    heading: str = "",
    footer: Sequence[str] = (),
    primary: str = DEFAULT_PRIMARY,
    accent: str = DEFAULT_ACCENT,
    language: str = "sv",
) -> str:
    """An HTML document: the heading in ``primary``, a rule in ``accent``, paragraphs in a
    dark text colour (brand colours may lack contrast for body text) and a small footer.

    A line break inside a paragraph stays a line break. A primary too pale to read on
    white gives the heading the accent instead, or the default primary if that is pale too;
    the accent rule is decoration only, so it keeps the brand's colour whatever it is.
    """
    for name, colour in (("primary", primary), ("accent", accent)):
        if not _COLOUR.fullmatch(colour):
            raise ValueError(
                msg(
                    "{name}: a colour is written #RRGGBB, not {colour}",
                    name=name,
                    colour=repr(colour),
                )
            )
    ink = readable(primary, TEXT_CONTRAST, readable(accent, TEXT_CONTRAST, None))
    lang = html.escape(language, quote=True)
    title = html.escape(heading or (paragraphs[0] if paragraphs else ""))
    parts = []
    if heading:
        parts.append(
            f'<h1 style="margin:0 0 16px;font-size:20px;line-height:1.3;color:{ink};">'
            f"{_escape(heading)}</h1>"
        )
    parts += [f'<p style="margin:0 0 14px;">{_escape(text)}</p>' for text in paragraphs]
    if footer:
        lines = "<br>".join(_escape(line) for line in footer)
        parts.append(
            f'<p style="margin:24px 0 0;padding-top:12px;border-top:2px solid {accent};'
            f'font-size:13px;color:#52606D;">{lines}</p>'
        )
    content = "\n".join(parts)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n</head>\n"
        f'<body style="margin:0;padding:0;background:#FFFFFF;">\n'
        '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">'
        '<tr><td style="padding:24px 16px;">\n'
        f'<div style="max-width:600px;margin:0 auto;font-family:{_FONTS};font-size:15px;'
        f'line-height:1.5;color:{_TEXT_COLOUR};">\n{content}\n</div>\n'
        "</td></tr></table>\n</body>\n</html>\n"
    )


def text_body(paragraphs: Sequence[str], *, heading: str = "", footer: Sequence[str] = ()) -> str:
    """The plain-text alternative of ``html_body`` with the same words."""
    blocks = ([heading] if heading else []) + list(paragraphs)
    if footer:
        blocks.append("-- \n" + "\n".join(footer))
    return "\n\n".join(blocks) + "\n"


def readable(colour: str, minimum: float, fallback: str | None) -> str:
    """``colour`` when it stands out enough on white, else ``fallback`` (the default primary
    when that is None)."""
    if contrast(colour, _WHITE) >= minimum:
        return colour
    chosen = fallback or DEFAULT_PRIMARY
    logger.debug("brand colour %s is too pale on white; using %s", colour, chosen)
    return chosen


def contrast(first: str, second: str) -> float:
    """The WCAG 2 contrast ratio of two #RRGGBB colours, from 1 to 21."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: str) -> float:
    def channel(hex_pair: str) -> float:
        value = int(hex_pair, 16) / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _escape(text: str) -> str:
    return "<br>".join(html.escape(line) for line in text.splitlines())
