"""The template's logo, prepared once per image content and kept for the next render.

A logo that cannot be read must not stop an invoice from going out: the document is
rendered without it, with a warning in the log that names the file and the reason.

Logos arrive as large PNGs with transparency; the prepared copy is scaled to print
resolution and laid on white (the paper's colour), which drops the separate transparency
mask. ReportLab's ``drawImage`` would hash and compress those pixels anew for every
document (a few milliseconds, a third of a one-page invoice), so they are compressed once,
here, and each document gets an image XObject around the same bytes. An SVG logo stays
vector graphics, through svglib. Prepared logos are keyed by the image's SHA-256 (bytes
from a template) or by path, modification time and size (a file), so a changed logo is
read anew and an unchanged one costs nothing.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import threading
import zlib
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.pdfbase.pdfdoc import PDFImageXObject
from reportlab.pdfgen.canvas import Canvas

logger = logging.getLogger(__name__)

PRINT_DPI = 300
MM_PER_INCH = 25.4


@dataclass(frozen=True)
class Pixels:
    """An RGB raster, compressed once, as an image XObject's stream needs it.

    ``name`` is what ``Canvas.drawImage`` would call the image (an MD5 of the pixels and
    the mask, "None"), so the file is the same, byte for byte, as when it drew the image.
    """

    name: str
    width: int
    height: int
    stream: bytes

    def xobject(self) -> PDFImageXObject:
        """A new XObject per document (ReportLab stores per-document references on it)."""
        image = PDFImageXObject(self.name)
        image.width, image.height = self.width, self.height
        image.bitsPerComponent = 8
        image.colorSpace = "DeviceRGB"
        image._filters = ("FlateDecode",)
        image.streamContent = self.stream
        image.mask = None
        return image


def _pixels(paper: Image.Image) -> Pixels:
    raw = paper.tobytes()
    name = hashlib.md5(raw + b"None", usedforsecurity=False).hexdigest()
    # zlib's default level, as PDFImageXObject.loadImageFromSRC uses.
    return Pixels(name, paper.width, paper.height, zlib.compress(raw))


def draw_pixels(canvas: Canvas, pixels: Pixels, x: float, y: float, w: float, h: float) -> None:
    """What ``Canvas.drawImage`` does for an ImageReader without a mask, minus the hashing
    and compressing of the pixels: register the XObject once per document, then draw it."""
    document = canvas._doc
    registered = document.getXObjectName(pixels.name)
    if registered not in document.idToObject:
        image = pixels.xobject()
        canvas._setXObjects(image)
        document.Reference(image, registered)
        document.addForm(pixels.name, image)
    canvas._currentPageHasImages = 1
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(w, h)
    canvas._code.append(f"/{registered} Do")
    canvas.restoreState()
    canvas._formsinuse.append(pixels.name)


@dataclass(frozen=True)
class Logo:
    """A prepared logo: a raster image or an SVG drawing, with its natural size."""

    width: float
    height: float
    image: Pixels | None = None
    drawing: Drawing | None = None

    def draw(self, canvas: Canvas, x: float, y: float, scale: float) -> None:
        """At (x, y), its bottom left corner, ``scale`` times its natural size."""
        if self.image is not None:
            draw_pixels(canvas, self.image, x, y, self.width * scale, self.height * scale)
            return
        canvas.saveState()
        canvas.translate(x, y)
        canvas.scale(scale, scale)
        renderPDF.draw(self.drawing, canvas, 0, 0)
        canvas.restoreState()


def _is_svg(head: bytes) -> bool:
    start = head.lstrip()[:512].lower()
    return start.startswith(b"<?xml") and b"<svg" in start or start.startswith(b"<svg")


def _raster(source: Image.Image, box_mm: tuple[float, float]) -> Logo:
    source.load()
    image = source.convert("RGBA")
    limit = tuple(round(side / MM_PER_INCH * PRINT_DPI) for side in box_mm)
    scale = min(limit[0] / image.width, limit[1] / image.height, 1.0)
    if scale < 1.0:
        target = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        image = image.resize(target, Image.Resampling.LANCZOS)
    paper = Image.new("RGB", image.size, (255, 255, 255))
    paper.paste(image, mask=image.getchannel("A"))
    return Logo(paper.width, paper.height, image=_pixels(paper))


def _svg(content: bytes) -> Logo:
    # svglib is an optional dependency: without it an SVG logo is skipped with a warning.
    from svglib.svglib import svg2rlg

    drawing = svg2rlg(io.BytesIO(content))  # entities are not resolved (its default)
    if drawing is None or drawing.width <= 0 or drawing.height <= 0:
        raise ValueError("not a readable SVG image")
    return Logo(drawing.width, drawing.height, drawing=drawing)


def _from_bytes(content: bytes, box_mm: tuple[float, float]) -> Logo:
    if _is_svg(content):
        return _svg(content)
    with Image.open(io.BytesIO(content)) as source:
        return _raster(source, box_mm)


@lru_cache(maxsize=8)
def _prepared_file(path: str, modified: int, size: int, box_mm: tuple[float, float]) -> Logo:
    with open(path, "rb") as handle:
        return _from_bytes(handle.read(), box_mm)


_BY_DIGEST: dict[tuple[str, tuple[float, float]], Logo] = {}
# The preview thread and a batch may prepare logos at once; eviction must not race.
_BY_DIGEST_LOCK = threading.Lock()


def _prepared_bytes(content: bytes, box_mm: tuple[float, float]) -> Logo:
    key = (hashlib.sha256(content).hexdigest(), box_mm)
    logo = _BY_DIGEST.get(key)
    if logo is None:
        logo = _from_bytes(content, box_mm)
        with _BY_DIGEST_LOCK:
            if len(_BY_DIGEST) >= 8:
                _BY_DIGEST.pop(next(iter(_BY_DIGEST)))
            _BY_DIGEST[key] = logo
    return logo


def load_logo(
    path: str | os.PathLike[str] | None,
    box_mm: tuple[float, float],
    content: bytes | None = None,
) -> Logo | None:
    """The logo (``content`` bytes, else the file at ``path``) prepared for a box of
    ``box_mm``, or None, with a warning when there was one that could not be read."""
    try:
        if content:
            return _prepared_bytes(bytes(content), box_mm)
        if not path:
            return None
        info = os.stat(path)
        return _prepared_file(os.fspath(path), info.st_mtime_ns, info.st_size, box_mm)
    except Exception as error:  # noqa: BLE001 - any unreadable image: render without it
        logger.warning("logo %s not used: %s", path or "from the template", error)
        return None
