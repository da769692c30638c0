"""The exact e-mail a queue item will be: sender and recipients, both bodies, and the PDF.

The message is built by ``services.mail_preview`` (the worker's own function) and its PDF's
pages are rasterised with pypdfium2, both on a pool thread: rendering a reminder and its
pages takes longer than a GUI frame, the first one (fonts loading) a good part of a second.
The job carries a plain ``QueueItem`` and makes its own session, so no ORM object crosses
threads; the result comes back through a signal.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRunnable, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..domain.date_text import format_moment
from ..services.mail_preview import MailPreview, preview_item
from ..services.reminder_queue import QueueItem
from . import theme
from .message_text import error_text
from .template_render import page_images
from .translation import ui_locale
from .worker_pool import WorkerPool

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PreviewOutcome:
    preview: MailPreview | None
    pages: tuple[QImage, ...]
    error: str


class PreviewSignals(QObject):
    done = Signal(object)  # PreviewOutcome


class PreviewTask(QRunnable):
    def __init__(self, database, item: QueueItem, now: dt.datetime, signals: PreviewSignals):
        super().__init__()
        self.database, self.item, self.now, self.signals = database, item, now, signals

    def run(self) -> None:
        try:
            with self.database.reading() as session:
                preview = preview_item(session, self.item, self.now)
            outcome = PreviewOutcome(preview, page_images(preview.attachment[1]), "")
        except Exception as error:  # noqa: BLE001 - every reason is shown to the clerk
            logger.info("no preview for %s: %s", self.item.invoice_number, error)
            outcome = PreviewOutcome(None, (), error_text(error) or type(error).__name__)
        try:
            self.signals.done.emit(outcome)
        except RuntimeError:  # the dialog closed while the preview was built
            logger.debug("preview dialog closed before its preview was ready")


class MailPreviewDialog(QDialog):
    """Opens at once with "Building…", fills in when the pool thread is done."""

    ready = Signal()

    def __init__(
        self,
        database,
        item: QueueItem,
        *,
        now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
        parent=None,
    ):
        super().__init__(parent)
        self.item = item
        self.outcome: PreviewOutcome | None = None
        self.setWindowTitle(
            self.tr("E-mail for invoice {number}").format(number=item.invoice_number)
        )
        self.resize(900, 760)
        # A Python thread, not a QThreadPool child: see worker_pool.py.
        self.pool = WorkerPool("finqr-mail-preview")
        self.signals = PreviewSignals(self)
        self.signals.done.connect(self._show)

        self.status = QLabel(self.tr("Building the e-mail…"))
        self.status.setWordWrap(True)
        self.fields = QFormLayout()
        self.subject, self.to, self.reply_to, self.when, self.file = (
            self._field(name)
            for name in (
                self.tr("Subject"), self.tr("To"), self.tr("Reply-To"),
                self.tr("Goes at"), self.tr("Attachment"),
            )
        )  # fmt: skip
        self.text = QPlainTextEdit(readOnly=True)
        self.html = QTextBrowser()
        self.html.setOpenLinks(False)
        self.pdf_pages = QVBoxLayout()
        pages = QWidget()
        pages.setLayout(self.pdf_pages)
        self.pdf = QScrollArea()
        self.pdf.setWidget(pages)
        self.pdf.setWidgetResizable(True)
        self.pdf.setStyleSheet("background: #8a9099;")
        self.tabs = QTabWidget()
        self.tabs.addTab(self.html, self.tr("E-mail"))
        self.tabs.addTab(self.text, self.tr("Plain text"))
        self.tabs.addTab(self.pdf, self.tr("PDF"))
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(self.fields)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        self.tabs.setEnabled(False)
        self.pool.start(PreviewTask(database, item, now(), self.signals).run)

    def _field(self, title: str) -> QLabel:
        label = QLabel()
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setTextFormat(Qt.TextFormat.PlainText)
        self.fields.addRow(title, label)
        return label

    def _show(self, outcome: PreviewOutcome) -> None:
        self.outcome = outcome
        shown = outcome.preview
        if shown is None:
            self.status.setText(self.tr("No e-mail can be built: {reason}").format(
                reason=outcome.error))  # fmt: skip
            theme.tint(self.status, theme.ERROR)
            self.ready.emit()
            return
        self.status.setText(self.tr("Exactly what will be sent, but for its Date and Message-ID."))
        self.subject.setText(shown.subject)
        self.to.setText(shown.to)
        self.reply_to.setText(shown.reply_to)
        self.when.setText(format_moment(shown.at.astimezone(), ui_locale()))
        name, pdf = shown.attachment
        self.file.setText(f"{name} ({len(pdf) // 1024 + 1} kB)")
        self.text.setPlainText(shown.text)
        # The HTML is our own: inline styles, no images, nothing remote to fetch.
        self.html.setHtml(shown.html)
        for image in outcome.pages:
            page = QLabel()
            page.setPixmap(QPixmap.fromImage(image))
            page.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.pdf_pages.addWidget(page)
        self.tabs.setEnabled(True)
        self.ready.emit()

    def done(self, result: int) -> None:
        self.pool.wait()
        super().done(result)
