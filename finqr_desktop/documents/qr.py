"""Payment QR codes drawn as vector rectangles: sharp at any zoom and on any printer.

The symbol uses error correction M (as bank apps expect, never boosted, so the level is
predictable) and a quiet zone of four modules that the drawing leaves white. The PDF path
is built once per payload and reused: a batch of reminders often repeats one.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache

import segno
from reportlab.lib.colors import black, white
from reportlab.pdfgen.canvas import Canvas

logger = logging.getLogger(__name__)

QUIET_ZONE = 4


@dataclass(frozen=True)
class QrPath:
    """The dark modules as PDF rectangles in module units, and the symbol's full width."""

    modules: int
    path: str


@lru_cache(maxsize=64)
def qr_path(payload: str) -> QrPath:
    """Encode ``payload`` as UTF-8 bytes (EPC's character set 1; UsingQR is plain ASCII)."""
    symbol = segno.make(payload, error="m", boost_error=False, micro=False, encoding="utf-8")
    matrix = symbol.matrix
    size = len(matrix)
    total = size + 2 * QUIET_ZONE
    operators: list[str] = []
    for row_index, row in enumerate(matrix):
        # PDF's y grows upwards, the matrix's rows downwards.
        y = total - QUIET_ZONE - row_index - 1
        column = 0
        while column < size:
            if not row[column]:
                column += 1
                continue
            start = column
            while column < size and row[column]:
                column += 1
            # Runs of dark modules become one rectangle each: a fifth of the operators.
            operators.append(f"{start + QUIET_ZONE} {y} {column - start} 1 re")
    logger.debug("QR version %s for %d characters", symbol.version, len(payload))
    return QrPath(total, "\n".join(operators) + "\nf")


def draw_qr(canvas: Canvas, payload: str, x: float, y: float, size: float) -> None:
    """The symbol with its quiet zone in the square of side ``size`` at (x, y), bottom left."""
    symbol = qr_path(payload)
    module = size / symbol.modules
    canvas.saveState()
    canvas.setFillColor(white)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColor(black)
    canvas.translate(x, y)
    canvas.scale(module, module)
    canvas.addLiteral(symbol.path)
    canvas.restoreState()
