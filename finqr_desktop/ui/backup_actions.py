"""The File menu's backup actions, and the automatic daily backup while the app runs.

"Back up now…" and "Restore…" run off the GUI thread (a large ledger takes seconds) in
progress dialogs that can be cancelled (``backup_progress``). A restore first checks the
file and asks; only then is sending stopped, so that no message is in flight while the
ledger underneath it is replaced. The restored ledger is then opened
afresh by starting the app again: every page, and the sending worker, would otherwise hold
what they read from the ledger that is gone. The automatic backup runs at start-up and is
looked at again every hour; it is taken when the newest backup is a day old.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from ..services import backups
from . import messages
from .background_call import BackgroundCall
from .backup_progress import backup_dialog, check_dialog, restore_dialog
from .backup_settings_dialog import BackupSettingsDialog
from .context import LedgerContext
from .message_text import localized
from .progress_dialog import ProgressDialog

logger = logging.getLogger(__name__)

CHECK_INTERVAL_MS = 60 * 60 * 1000
# Marked for lupdate here (context ""), translated where the file dialog opens.
FILE_PATTERN = QT_TRANSLATE_NOOP("", "FINQR backups (*.sqlite3 *.dump);;All files (*)")


def choose_folder(parent: QWidget, title: str, start: Path) -> Path | None:
    chosen = QFileDialog.getExistingDirectory(parent, title, str(start))
    return Path(chosen) if chosen else None


def choose_backup(parent: QWidget, title: str, start: Path) -> Path | None:
    pattern = QCoreApplication.translate("", FILE_PATTERN)
    chosen, _ = QFileDialog.getOpenFileName(parent, title, str(start), pattern)
    return Path(chosen) if chosen else None


class BackupActions(QObject):
    """``stop_sending`` is called right before a restore overwrites the ledger; ``close``
    once it is done (the window closes, and the app with it); ``resume_sending`` when a
    restore was cancelled or failed and the ledger stayed as it was."""

    def __init__(
        self,
        context: LedgerContext,
        window: QWidget,
        *,
        stop_sending: Callable[[], None],
        close: Callable[[], None],
        resume_sending: Callable[[], None] = lambda: None,
    ):
        super().__init__(window)
        self.context, self.window = context, window
        self._stop_sending, self._close = stop_sending, close
        self._resume_sending = resume_sending
        self.dialog: ProgressDialog | None = None
        self.automatic = BackgroundCall(self)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.back_up_if_due)
        self.last_backup: Path | None = None

    def add_to(self, menu: QMenu) -> None:
        for text, slot in (
            (self.tr("&Back up now…"), self.back_up_now),
            (self.tr("&Restore…"), self.restore_from_file),
            (self.tr("Backup &settings…"), self.edit_settings),
        ):
            action = QAction(text, self.window)
            action.triggered.connect(lambda _checked=False, s=slot: s())
            menu.addAction(action)

    def start(self) -> None:
        """The start-up backup (when due) and the hourly look."""
        self.back_up_if_due()
        self.timer.start()

    def wait(self) -> None:
        """Stop what can stop (a backup, a restore not yet overwriting) and block until the
        work has ended (the window is closing)."""
        self.timer.stop()
        if self.dialog is not None:
            self.dialog.wait()
        self.automatic.wait()

    def back_up_if_due(self) -> None:
        database = self.context.database
        self.automatic.start(lambda: backups.daily_backup_safely(database))

    def back_up_now(self) -> ProgressDialog | None:
        database = self.context.database
        folder = choose_folder(
            self.window, self.tr("Back up the ledger into"), backups.backup_folder(database)
        )
        if folder is None or not self._free():
            return None
        dialog = self._show(backup_dialog(database, folder, self.window))
        dialog.completed.connect(self._backed_up)
        return dialog

    def restore_from_file(self) -> ProgressDialog | None:
        """Check the chosen file in a dialog; the question and the restore follow."""
        database = self.context.database
        file = choose_backup(
            self.window, self.tr("Restore a backup"), backups.backup_folder(database)
        )
        if file is None or not self._free():
            return None
        dialog = self._show(check_dialog(database, file, self.window))

        def checked(result, error) -> None:
            if error is None:
                dialog.accept()
                self._ask_and_restore(file, *result)

        dialog.completed.connect(checked)
        return dialog

    def _ask_and_restore(self, file: Path, revision: str, content: str) -> None:
        question = self.tr(
            "Restore {file} (schema {revision})?\n\nIt replaces the ledger{content}. A backup "
            "of the ledger as it is now is taken first. FINQR Desktop closes afterwards; "
            "start it again to work on the restored ledger."
        ).format(
            file=file, revision=revision, content=f" ({localized(content)})" if content else ""
        )
        if not messages.confirm(self.window, self.tr("Restore"), question):
            return
        self._stop_sending()
        dialog = self._show(restore_dialog(self.context.database, file, self.window))
        dialog.completed.connect(self._restored)

    def edit_settings(self) -> None:
        BackupSettingsDialog(self.context, self.window).exec()

    def _free(self) -> bool:
        if self.dialog is not None and self.dialog.running:
            messages.inform(self.window, self.tr("Backup"), self.tr("A backup is running."))
            return False
        return True

    def _show(self, dialog: ProgressDialog) -> ProgressDialog:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        return dialog

    def _backed_up(self, path: Path | None, error: Exception | None) -> None:
        if error is None:
            self.last_backup = path
        else:
            logger.warning("back up now: %s", error)

    def _restored(self, _result, error: Exception | None) -> None:
        """The restored ledger is read afresh by a new start: the app closes with the
        dialog that says so. A restore that was cancelled or failed left the ledger as it
        was, so sending goes on."""
        if error is not None:
            logger.warning("restore: %s", error)
            self._resume_sending()
            return
        self.dialog.finished.connect(lambda _code: self._close())
