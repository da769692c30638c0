"""Saving a report to a file the clerk chooses, with the work off the GUI thread.

A report dialog asks for the path on the GUI thread, then hands a plain function of the
database to a ``BackgroundCall``: the worker opens its own session, builds the bytes and
writes them, so neither the session nor an ORM object ever crosses threads. The dialog
says where the file went, or why it did not.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths
from PySide6.QtWidgets import QDateEdit, QDialog, QFileDialog, QLabel

from ..domain.errors import RuleViolation, ValidationFailed
from . import messages
from .background_call import BackgroundCall
from .context import LedgerContext
from .locale_text import qt_date_format
from .message_text import error_text

logger = logging.getLogger(__name__)

DOCUMENTS = QStandardPaths.StandardLocation.DocumentsLocation
# Refusals the clerk can act on (no rate for a currency, a reversed period); anything else
# is logged with its traceback and shown as a failure.
EXPECTED = (RuleViolation, ValidationFailed, OSError)


def date_edit(day: dt.date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(qt_date_format())
    return edit


def picked(edit: QDateEdit) -> dt.date:
    return edit.date().toPython()


class SavingDialog(QDialog):
    """A dialog whose buttons save files; ``status`` tells the outcome of the last one."""

    def __init__(self, context: LedgerContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.worker = BackgroundCall(self)
        self.worker.done.connect(self._saved)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.last_path: Path | None = None

    def save(self, title: str, pattern: str, name: str, build: Callable[..., bytes]) -> bool:
        """Ask where, then run ``build(session)`` off the GUI thread and write its bytes.

        False when the clerk cancelled or a save is still running.
        """
        if self.worker.busy:
            return False
        start = str(Path(QStandardPaths.writableLocation(DOCUMENTS)) / name)
        path, _ = QFileDialog.getSaveFileName(self, title, start, pattern)
        if not path:
            return False
        database = self.context.database
        target = Path(path)

        def run() -> Path:
            with database.reading() as session:
                data = build(session)
            target.write_bytes(data)
            return target

        self.status.setText(self.tr("Saving {name}…").format(name=target.name))
        return self.worker.start(run)

    def _saved(self, result: Path | None, error: Exception | None) -> None:
        if error is None:
            self.last_path = result
            self.status.setText(self.tr("Saved to {path}").format(path=result))
            logger.info("saved a report to %s", result)
            return
        if isinstance(error, OSError):
            text = f"{error.filename or ''}: {error.strerror or error}".lstrip(": ")
        else:
            text = error_text(error)
        if not isinstance(error, EXPECTED):
            logger.error("saving a report failed", exc_info=error)
        self.status.setText(self.tr("Not saved: {reason}").format(reason=text))
        messages.warn(self, self.tr("Not saved"), text)

    def done(self, code: int) -> None:  # noqa: D401 - Qt's name
        # A save in flight finishes first: its thread must not outlive the dialog.
        self.worker.wait()
        super().done(code)
