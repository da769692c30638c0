"""The small, safe markup of the clerk's message blocks: bold, italic, links, paragraphs.

``**bold**``, ``*italic*`` and ``[text](https://example.se)`` are the only marks; a blank
line starts a new paragraph and a single line break is kept as one. Nothing else has a
meaning: ``<b>``, ``&amp;`` and ``5 < 10`` print as typed, a marker without its partner
prints as itself, and a link to anything but http, https or mailto stays plain text, so
a block can never smuggle script or a file link into a customer's PDF.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

logger = logging.getLogger(__name__)

SCHEMES = ("http://", "https://", "mailto:")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
# Link text holds no brackets; the address no spaces or parentheses.
_LINK = re.compile(r"\[([^\[\]\n]+)\]\(([^()\s]+)\)")


@dataclass(frozen=True)
class Run:
    """A stretch of text in one style; ``href`` is the link target or empty."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str = ""


@dataclass(frozen=True)
class Paragraph:
    """Runs in reading order; a ``\\n`` inside a run's text is a line break."""

    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


def parse_markup(body: str) -> tuple[Paragraph, ...]:
    """The paragraphs of ``body``; never fails, whatever the text."""
    text = str(body).replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    if not text.strip():
        return ()
    return tuple(Paragraph(tuple(_runs(part))) for part in _PARAGRAPH_BREAK.split(text))


def is_safe_link(href: str) -> bool:
    return href.lower().startswith(SCHEMES) and len(href) > len("http://")


def _runs(text: str) -> list[Run]:
    """Links first (their text may carry emphasis), then emphasis in what lies between."""
    runs: list[Run] = []
    position = 0
    for match in _LINK.finditer(text):
        label, href = match.group(1), match.group(2)
        if not is_safe_link(href):
            continue
        runs += _emphasis(text[position : match.start()], "")
        runs += _emphasis(label, href)
        position = match.end()
    runs += _emphasis(text[position:], "")
    return _merged(runs)


def _emphasis(text: str, href: str) -> list[Run]:
    """``**`` and ``*`` pairs. As in Markdown, an opening marker is followed by a non-space,
    a closing one follows a non-space, and a marker is taken only when its partner exists."""
    runs: list[Run] = []
    bold = italic = False
    current: list[str] = []
    index = 0
    while index < len(text):
        marker = "**" if text.startswith("**", index) else text[index]
        if marker in ("**", "*"):
            on = bold if marker == "**" else italic
            after = text[index + len(marker) : index + len(marker) + 1]
            closing = on and bool(current) and not current[-1].isspace()
            opening = not on and after.strip() != "" and _closes(text, index + len(marker), marker)
            if closing or opening:
                runs.append(Run("".join(current), bold, italic, href))
                current = []
                if marker == "**":
                    bold = not bold
                else:
                    italic = not italic
            else:
                current.append(marker)  # no partner: the marker is text
            index += len(marker)
            continue
        current.append(text[index])
        index += 1
    runs.append(Run("".join(current), bold, italic, href))
    return _balanced(runs, text, href)


def _closes(text: str, start: int, marker: str) -> bool:
    """A partner for ``marker`` further on: right after a non-space, and for ``*`` alone."""
    pattern = r"(?<=[^\s*])\*\*" if marker == "**" else r"(?<=[^\s*])\*(?!\*)"
    return re.search(pattern, text[start:]) is not None


def _balanced(runs: list[Run], text: str, href: str) -> list[Run]:
    # The look-ahead pairs markers, but a bold pair can swallow an italic's partner
    # ("*a **b* c**"); when a style is left open at the end, the stretch prints as typed.
    last = runs[-1] if runs else None
    if last is not None and (last.bold or last.italic):
        logger.debug("unbalanced emphasis kept literally")
        return [Run(text, False, False, href)]
    return runs


def _merged(runs: list[Run]) -> list[Run]:
    """Empty runs dropped and neighbours of one style joined, so the output is minimal."""
    out: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        if out and (out[-1].bold, out[-1].italic, out[-1].href) == (
            run.bold,
            run.italic,
            run.href,
        ):
            out[-1] = Run(out[-1].text + run.text, run.bold, run.italic, run.href)
        else:
            out.append(run)
    return out
