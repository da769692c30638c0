"""Payment QR codes drawn as vector rectangles: sharp at any zoom and on any printer.

The symbol uses error correction M (as bank apps expect, never boosted, so the level is
predictable) and a quiet zone of four modules that the drawing leaves white. The PDF path
is built once per payload and reused: a batch of reminders often repeats one.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache

import segno
import zxingcpp
from reportlab.lib.colors import black, white
from reportlab.pdfgen.canvas import Canvas

logger = logging.getLogger(__name__)

QUIET_ZONE = 4
# zxing-cpp's image is black (0) on white (255); the rows here hold 1 for dark.
_DARK_PIXEL = bytes([1] + [0] * 255)
_DARK_RUN = re.compile(rb"\x01+")


@dataclass(frozen=True)
class QrPath:
    """The dark modules as PDF rectangles in module units, and the symbol's full width."""

    modules: int
    path: str


def symbol_matrix(payload: str) -> list[list[bool]]:
    """The symbol's modules, True for dark, row by row from the top, without quiet zone."""
    return [[module == 1 for module in row] for row in _dark_rows(payload)]


def _dark_rows(payload: str) -> list[bytes]:
    """The symbol's rows as bytes, 1 for a dark module and 0 for a light one.

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
        pixels = bytes(memoryview(image)).translate(_DARK_PIXEL)
        width = image.shape[1]
        return [pixels[start : start + width] for start in range(0, len(pixels), width)]
    symbol = segno.make(payload, error="m", boost_error=False, micro=False, encoding="utf-8")
    return [bytes(row) for row in symbol.matrix]


@lru_cache(maxsize=64)
def qr_path(payload: str) -> QrPath:
    rows = _dark_rows(payload)
    size = len(rows)
    total = size + 2 * QUIET_ZONE
    operators: list[str] = []
    for row_index, row in enumerate(rows):
        # PDF's y grows upwards, the matrix's rows downwards.
        y = total - QUIET_ZONE - row_index - 1
        # Runs of dark modules become one rectangle each: a fifth of the operators.
        for run in _DARK_RUN.finditer(row):
            start, end = run.span()
            operators.append(f"{start + QUIET_ZONE} {y} {end - start} 1 re")
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
