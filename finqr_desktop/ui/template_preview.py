"""The live preview: the real PDF, re-rendered off the GUI thread shortly after each edit.

Edits are collected for ``DEBOUNCE_MS``, then one job goes to a private single-thread pool.
An edit that arrives while a job renders is not lost: the newest values are rendered as
soon as that job finishes, and results older than the shown one are dropped.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..documents.model import DocumentData
from ..domain.templates import Design
from . import theme
from .template_render import PreviewJob, PreviewResult, RenderSignals, RenderTask
from .worker_pool import WorkerPool

logger = logging.getLogger(__name__)

DEBOUNCE_MS = 90  # with a ~40 ms render, the page is on screen within 150 ms
PAGE_STYLE = "background: #8a9099;"


class PreviewPane(QWidget):
    rendered = Signal(object)  # PreviewResult, once it is on screen

    def __init__(self, parent=None):
        super().__init__(parent)
        # A Python thread, not a QThreadPool child: see worker_pool.py for the freeze that
        # a pool destroyed with the window caused.
        self.pool = WorkerPool("finqr-preview")
        self.signals = RenderSignals(self)
        self.signals.finished.connect(self._on_finished)
        self.signals.failed.connect(self._on_failed)
        self.timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self.timer.timeout.connect(self._start)

        self.result: PreviewResult | None = None
        self.page_index = 0
        self._serial = 0
        self._wanted: PreviewJob | None = None
        self._running = False

        self.page = QLabel()
        self.page.setStyleSheet("background: white;")
        self.page.hide()
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.page)
        self.scroll.setStyleSheet(PAGE_STYLE)
        self.scroll.setWidgetResizable(False)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.status = QLabel(self.tr("Rendering…"))
        self.previous_button = QPushButton(self.tr("◀ Previous"))
        self.previous_button.clicked.connect(lambda: self.show_page(self.page_index - 1))
        self.next_button = QPushButton(self.tr("Next ▶"))
        self.next_button.clicked.connect(lambda: self.show_page(self.page_index + 1))
        self.page_label = QLabel()
        self.page_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("Page 888 of 888"))
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        switcher = QHBoxLayout()
        switcher.addWidget(self.status, 1)
        switcher.addWidget(self.previous_button)
        switcher.addWidget(self.page_label)
        switcher.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(switcher)
        layout.addWidget(self.scroll, 1)
        self._update_switcher()

    def request(self, design: Design, data: DocumentData) -> None:
        """Render these values soon; a later request before then replaces them."""
        self._serial += 1
        self._wanted = PreviewJob(self._serial, design, data)
        # A hidden preview waits: the window builds every section at start-up, and the
        # first render (fonts loading) costs a third of a second.
        if self.isVisible():
            self.timer.start()

    def hold(self, reason: str) -> None:
        """Render nothing until the next request: the design cannot be printed as it is."""
        self.timer.stop()
        self._wanted = None
        self.status.setText(reason)
        theme.tint(self.status, theme.ERROR)

    def is_idle(self) -> bool:
        return not (self._running or self.timer.isActive() or self._wanted)

    def _start(self) -> None:
        if self._running or self._wanted is None:
            return
        job, self._wanted = self._wanted, None
        self._running = True
        self.status.setText(self.tr("Rendering…"))
        theme.tint(self.status, None)
        self.pool.start(RenderTask(job, self.signals).run)

    def _on_finished(self, result: PreviewResult) -> None:
        self._running = False
        if self.result is None or result.serial > self.result.serial:
            self.result = result
            self.show_page(min(self.page_index, len(result.pages) - 1))
            self.status.setText(
                self.tr("Rendered in {ms} ms").format(ms=round(result.milliseconds))
            )
            self.rendered.emit(result)
        self._start()

    def _on_failed(self, serial: int, message: str) -> None:
        self._running = False
        self.status.setText(self.tr("The preview failed: {message}").format(message=message))
        self._start()

    def show_page(self, index: int) -> None:
        pages = self.result.pages if self.result else ()
        if not pages:
            return
        self.page_index = max(0, min(index, len(pages) - 1))
        self._show_image()
        self._update_switcher()

    def _show_image(self) -> None:
        if not self.result:
            return
        image = self.result.pages[self.page_index]
        width = max(200, self.scroll.viewport().width() - 24)
        pixmap = QPixmap.fromImage(image)
        if pixmap.width() > width:
            pixmap = pixmap.scaledToWidth(width, mode=Qt.TransformationMode.SmoothTransformation)
        self.page.setPixmap(pixmap)
        self.page.resize(pixmap.size())
        self.page.show()

    def _update_switcher(self) -> None:
        count = len(self.result.pages) if self.result else 0
        self.page_label.setText(
            self.tr("Page {page} of {count}").format(page=self.page_index + 1, count=count)
            if count
            else ""
        )
        self.previous_button.setEnabled(self.page_index > 0)
        self.next_button.setEnabled(self.page_index + 1 < count)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._wanted is not None:
            self.timer.start()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._show_image()
