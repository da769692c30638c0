"""A payment QR code as inline SVG: one path of unit squares, crisp on any screen.

The modules come from the same encoder as the PDF's code (documents.qr, through the
services layer), so the page and the paper carry the same symbol.
"""

from __future__ import annotations

from markupsafe import Markup, escape

QUIET_ZONE = 4


def qr_svg(modules: tuple[tuple[bool, ...], ...], label: str) -> Markup:
    """The symbol with its quiet zone; ``label`` is its accessible name (role img)."""
    size = len(modules) + 2 * QUIET_ZONE
    runs: list[str] = []
    for row_index, row in enumerate(modules):
        column = 0
        while column < len(row):
            if not row[column]:
                column += 1
                continue
            start = column
            while column < len(row) and row[column]:
                column += 1
            # A run of dark modules is one rectangle: a fifth of the path of single squares.
            x, y = start + QUIET_ZONE, row_index + QUIET_ZONE
            runs.append(f"M{x} {y}h{column - start}v1h-{column - start}z")
    return Markup(
        '<svg xmlns="http://www.w3.org/2000/svg" class="qr" role="img" '
        f'viewBox="0 0 {size} {size}" aria-label="{escape(label)}" shape-rendering="crispEdges">'
        f"<title>{escape(label)}</title>"
        f'<rect width="{size}" height="{size}" fill="#FFFFFF"/>'
        f'<path fill="#000000" d="{"".join(runs)}"/></svg>'
    )
