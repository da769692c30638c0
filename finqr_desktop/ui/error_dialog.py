"""One error dialog for the whole UI: a sentence for the clerk, details for support.

Expected errors (a service refusing, a file unreadable, a server away) and unexpected ones
look the same to the clerk: what went wrong in plain words first, then what to do next.
The technical part (exception, traceback, app version, platform, log file) sits folded
under "Details" with a button that copies it, so a support request carries everything
without the clerk having to read it.
"""

from __future__ import annotations

import logging
import platform
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..storage.database import LedgerBusy, LedgerGone
from . import theme
from .message_text import error_text

logger = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("", text)


def log_file() -> Path | None:
    """The rotating log file the entry point configured, if any."""
    for handler in logging.getLogger().handlers:
        name = getattr(handler, "baseFilename", None)
        if name and getattr(handler, "_finqr", False):
            return Path(name)
    return None


def details_text(
    summary: str, error: BaseException | None = None, *, with_traceback: bool = False
) -> str:
    """The text support needs: what the clerk saw, the exception, version, platform, log."""
    lines = [summary, ""]
    if error is not None:
        lines.append(f"{type(error).__module__}.{type(error).__qualname__}: {error}")
        if with_traceback:
            lines.append("")
            lines.append("".join(traceback.format_exception(error)).rstrip())
        lines.append("")
    lines.append(f"FINQR Desktop {__version__}")
    lines.append(f"Python {platform.python_version()} on {platform.platform()}")
    where = log_file()
    lines.append(f"Log file: {where}" if where else "Log file: none (the folder is not writable)")
    return "\n".join(lines)


class ErrorDialog(QDialog):
    """A sentence, what to do next, and folded technical details with "Copy details"."""

    def __init__(
        self,
        parent: QWidget | None,
        summary: str,
        *,
        next_step: str = "",
        details: str = "",
        title: str = "",
    ):
        super().__init__(parent)
        self.setWindowTitle(title or self.tr("FINQR Desktop"))
        self.setMinimumWidth(460)
        self.details = details

        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(size)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        self.next_step = QLabel(next_step)
        self.next_step.setWordWrap(True)
        self.next_step.setVisible(bool(next_step))

        self.details_box = QPlainTextEdit(details)
        self.details_box.setReadOnly(True)
        self.details_box.setMinimumHeight(160)
        self.details_box.setVisible(False)
        theme.tint(self.details_box, theme.MUTED)

        self.toggle = QPushButton(self.tr("Show details"))
        self.toggle.setCheckable(True)
        self.toggle.toggled.connect(self._show_details)
        self.copy = QPushButton(self.tr("Copy details"))
        self.copy.clicked.connect(self.copy_details)
        self.copied = QLabel()
        theme.tint(self.copied, theme.SUCCESS)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)

        text = QVBoxLayout()
        text.addWidget(self.summary)
        text.addWidget(self.next_step)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(text, 1)
        row = QHBoxLayout()
        row.addWidget(self.toggle)
        row.addWidget(self.copy)
        row.addWidget(self.copied, 1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addSpacing(6)
        layout.addLayout(row)
        layout.addWidget(self.details_box, 1)
        self.toggle.setVisible(bool(details))
        self.copy.setVisible(bool(details))

    def _show_details(self, shown: bool) -> None:
        self.details_box.setVisible(shown)
        self.toggle.setText(self.tr("Hide details") if shown else self.tr("Show details"))
        self.adjustSize()

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copied.setText(self.tr("Copied: paste it into your message to support."))


def show_error(
    parent: QWidget | None,
    summary: str,
    *,
    next_step: str = "",
    error: BaseException | None = None,
    title: str = "",
) -> None:
    """Show an expected error (the clerk can act on it) and write it to the log."""
    if error is not None:
        logger.warning("%s (%s: %s)", summary, type(error).__name__, error)
    else:
        logger.warning("%s", summary)
    if QApplication.instance() is None:
        return
    dialog = ErrorDialog(
        parent,
        summary,
        next_step=next_step,
        details=details_text(summary, error),
        title=title,
    )
    dialog.exec()


def unexpected_error_dialog(parent: QWidget | None, error: BaseException) -> ErrorDialog:
    """The dialog for an exception nobody expected; the caller shows it and logs it.

    A ledger that was busy or whose file vanished is no bug: any save can meet it, so it
    is said plainly wherever it happens rather than caught at every save."""
    if isinstance(error, (LedgerBusy, LedgerGone)):
        summary = error_text(error)
        next_step = _tr("Nothing of the last action was saved; your typing is still here.")
        return ErrorDialog(parent, summary, next_step=next_step,
                           details=details_text(summary, error))  # fmt: skip
    summary = _tr("Something went wrong inside FINQR Desktop.")
    next_step = _tr(
        "Work saved before this is safe. Check that your last action did what you meant, "
        "and try it again. If it keeps happening, press Copy details and send the text "
        "to support."
    )
    details = details_text(summary, error, with_traceback=True)
    return ErrorDialog(parent, summary, next_step=next_step, details=details)
