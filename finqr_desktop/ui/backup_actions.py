"""The File menu's backup actions, and the automatic daily backup while the app runs.

"Back up now…" and "Restore…" run off the GUI thread (a large ledger takes seconds). A
restore first checks the file and asks; only then is sending stopped, so that no message is
in flight while the ledger underneath it is replaced. The restored ledger is then opened
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

from ..services import backups, restore
from . import messages
from .background_call import BackgroundCall
from .backup_settings_dialog import BackupSettingsDialog
from .context import LedgerContext
from .message_text import error_text

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
    once it is done (the window closes, and the app with it)."""

    def __init__(
        self,
        context: LedgerContext,
        window: QWidget,
        *,
        stop_sending: Callable[[], None],
        close: Callable[[], None],
    ):
        super().__init__(window)
        self.context, self.window = context, window
        self._stop_sending, self._close = stop_sending, close
        self.call = BackgroundCall(self)
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
        self.timer.stop()
        self.call.wait()
        self.automatic.wait()

    def back_up_if_due(self) -> None:
        database = self.context.database
        self.automatic.start(lambda: backups.daily_backup_safely(database))

    def back_up_now(self) -> None:
        database = self.context.database
        folder = choose_folder(
            self.window, self.tr("Back up the ledger into"), backups.backup_folder(database)
        )
        if folder is None or not self._free():
            return
        self._run(lambda: backups.back_up(database, folder=folder), self._backed_up)

    def restore_from_file(self) -> None:
        database = self.context.database
        file = choose_backup(
            self.window, self.tr("Restore a backup"), backups.backup_folder(database)
        )
        if file is None or not self._free():
            return
        try:
            revision = restore.check(database, file)
            content = restore.ledger_content(database)
        except ValueError as error:  # NotALedger and the other refusals are RuleViolations
            messages.warn(self.window, self.tr("Restore"), error_text(error))
            return
        question = self.tr(
            "Restore {file} (schema {revision})?\n\nIt replaces the ledger{content}. A backup "
            "of the ledger as it is now is taken first. FINQR Desktop closes afterwards; "
            "start it again to work on the restored ledger."
        ).format(file=file, revision=revision, content=f" ({content})" if content else "")
        if not messages.confirm(self.window, self.tr("Restore"), question):
            return
        self._stop_sending()
        note = self.tr("Sending is paused until FINQR Desktop is started again.")
        self._run(lambda: restore.restore(database, file, force=True), self._restored, note)

    def edit_settings(self) -> None:
        BackupSettingsDialog(self.context, self.window).exec()

    def _free(self) -> bool:
        if self.call.busy:
            messages.inform(self.window, self.tr("Backup"), self.tr("A backup is running."))
            return False
        return True

    def _run(self, call: Callable[[], object], then: Callable[[object], None], note="") -> None:
        def finished(result, error) -> None:
            self.call.done.disconnect(finished)
            if error is not None:
                logger.warning("backup action failed: %s", error)
                messages.warn(self.window, self.tr("Backup"), f"{error}\n\n{note}".strip())
                return
            then(result)

        self.call.done.connect(finished)
        self.call.start(call)

    def _backed_up(self, path: Path) -> None:
        self.last_backup = path
        messages.inform(
            self.window,
            self.tr("Backup"),
            self.tr("The ledger is backed up to\n{path}").format(path=path),
        )

    def _restored(self, result: restore.Restored) -> None:
        text = self.tr("The backup is restored.")
        if result.migrated:
            text += " " + self.tr("It was brought to the current schema.")
        if result.safety_backup is not None:
            text += "\n\n" + self.tr("The ledger as it was before is in\n{path}").format(
                path=result.safety_backup
            )
        text += "\n\n" + self.tr("FINQR Desktop closes now; start it again.")
        messages.inform(self.window, self.tr("Restore"), text)
        self._close()
