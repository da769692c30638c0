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
import zxingcpp
from reportlab.lib.colors import black, white
from reportlab.pdfgen.canvas import Canvas

logger = logging.getLogger(__name__)

QUIET_ZONE = 4


@dataclass(frozen=True)
class QrPath:
    """The dark modules as PDF rectangles in module units, and the symbol's full width."""

    modules: int
    path: str


def symbol_matrix(payload: str) -> list[list[bool]]:
    """The symbol's modules, True for dark, row by row from the top, without quiet zone.

    An ASCII payload (UsingQR always is: its JSON escapes every other character) goes
    through zxing-cpp's C++ encoder: the same ISO 18004 symbol, with the mask of lowest
    penalty, in under a millisecond, where segno's pure-Python mask search took most of a
    reminder's rendering time. Other text (an EPC code with "Åkesson") stays with segno,
    which writes it as UTF-8 bytes without an ECI header, as EPC's character set 1 asks and
    bank apps read; zxing-cpp would pick ISO-8859-1 for it.
    """
    if payload.isascii():
        barcode = zxingcpp.create_barcode(payload, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
        image = barcode.to_image(scale=1, add_quiet_zones=False)
        return [[value == 0 for value in row] for row in memoryview(image).tolist()]
    symbol = segno.make(payload, error="m", boost_error=False, micro=False, encoding="utf-8")
    return [[bool(value) for value in row] for row in symbol.matrix]


@lru_cache(maxsize=64)
def qr_path(payload: str) -> QrPath:
    matrix = symbol_matrix(payload)
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
    logger.debug("QR version %d for %d characters", (size - 17) // 4, len(payload))
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
