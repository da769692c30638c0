"""The template's logo, prepared once per file version and kept for the next render.

A logo that cannot be read must not stop an invoice from going out: the document is
rendered without it, with a warning in the log that names the file and the reason.

Logos arrive as large PNGs with transparency; ReportLab compresses the pixels anew for
every document, so the prepared copy is scaled to print resolution and laid on white
(the paper's colour), which drops the separate transparency mask.
"""

from __future__ import annotations

import logging
import os
from functools import lru_cache

from PIL import Image
from reportlab.lib.utils import ImageReader

logger = logging.getLogger(__name__)

PRINT_DPI = 300
MM_PER_INCH = 25.4


@lru_cache(maxsize=8)
def _prepare(path: str, modified: int, size: int, box_mm: tuple[float, float]) -> ImageReader:
    # The modification time and size are part of the key, so a replaced logo is re-read.
    with Image.open(path) as source:
        source.load()
        image = source.convert("RGBA")
    limit = tuple(round(side / MM_PER_INCH * PRINT_DPI) for side in box_mm)
    scale = min(limit[0] / image.width, limit[1] / image.height, 1.0)
    if scale < 1.0:
        target = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        image = image.resize(target, Image.Resampling.LANCZOS)
    paper = Image.new("RGB", image.size, (255, 255, 255))
    paper.paste(image, mask=image.getchannel("A"))
    return ImageReader(paper)


def load_logo(
    path: str | os.PathLike[str] | None, box_mm: tuple[float, float]
) -> ImageReader | None:
    """The logo at ``path`` prepared for a box of ``box_mm``, or None (with a warning)."""
    if not path:
        return None
    try:
        info = os.stat(path)
        return _prepare(os.fspath(path), info.st_mtime_ns, info.st_size, box_mm)
    except Exception as error:  # noqa: BLE001 - any unreadable image: render without it
        logger.warning("logo %s not used: %s", path, error)
        return None
