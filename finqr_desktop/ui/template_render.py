"""One preview render, off the GUI thread: the real PDF, and its pages as images.

A job carries only plain values (a ``Design`` and a ``DocumentData``), never ORM objects,
so the worker needs no session; the PDF comes from the same call that renders issued
documents (``services.documents.render_pdf``), blocks chosen the same way.

QtPdf is not part of the PySide6 wheels on PyPI, so the pages are rasterised with
pypdfium2; PDFium is not thread-safe, hence its lock.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

import pypdfium2
import pypdfium2.raw as pdfium_c
from PySide6.QtCore import QObject, QRunnable, Signal
from PySide6.QtGui import QImage

from ..documents.model import DocumentData
from ..domain.templates import Design
from ..services.documents import render_pdf
from .message_text import error_text

logger = logging.getLogger(__name__)

PREVIEW_DPI = 110
_PDFIUM_LOCK = threading.Lock()


@dataclass(frozen=True)
class PreviewJob:
    serial: int
    design: Design
    data: DocumentData


@dataclass(frozen=True)
class PreviewResult:
    serial: int
    pdf: bytes
    pages: tuple[QImage, ...]
    milliseconds: float


def page_images(pdf: bytes, dpi: int = PREVIEW_DPI) -> tuple[QImage, ...]:
    """Every page of ``pdf`` as an image; QImage (unlike QPixmap) may be made off-thread."""
    images = []
    with _PDFIUM_LOCK:
        document = pypdfium2.PdfDocument(pdf)
        try:
            for page in document:
                # RGBX: four bytes a pixel in the order QImage reads, so no conversion.
                bitmap = page.render(
                    scale=dpi / 72,
                    force_bitmap_format=pdfium_c.FPDFBitmap_BGRx,
                    rev_byteorder=True,
                )
                image = QImage(
                    bytes(bitmap.buffer),
                    bitmap.width,
                    bitmap.height,
                    bitmap.stride,
                    QImage.Format.Format_RGBX8888,
                )
                # The pixels belong to the bytes object; the copy owns its own.
                images.append(image.copy())
                page.close()
        finally:
            document.close()
    return tuple(images)


class RenderSignals(QObject):
    finished = Signal(object)  # PreviewResult
    failed = Signal(int, str)  # serial, message


class RenderTask(QRunnable):
    """Renders one job and reports through ``signals``, which live on the GUI thread."""

    def __init__(self, job: PreviewJob, signals: RenderSignals):
        super().__init__()
        self.job = job
        self.signals = signals

    def run(self) -> None:
        started = time.perf_counter()
        try:
            pdf = render_pdf(self.job.data, self.job.design)
            pages = page_images(pdf)
        except Exception as error:  # noqa: BLE001 - any failure is shown in the preview
            logger.exception("preview %d failed", self.job.serial)
            self._emit(
                self.signals.failed, self.job.serial, error_text(error) or type(error).__name__
            )
            return
        elapsed = (time.perf_counter() - started) * 1000
        logger.debug("preview %d: %d pages in %.0f ms", self.job.serial, len(pages), elapsed)
        self._emit(self.signals.finished, PreviewResult(self.job.serial, pdf, pages, elapsed))

    @staticmethod
    def _emit(signal, *values) -> None:
        try:
            signal.emit(*values)
        except RuntimeError:  # the preview closed while this job ran
            logger.debug("preview closed before its render finished")
