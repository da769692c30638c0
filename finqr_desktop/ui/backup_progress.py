"""The progress dialogs of File → Back up now… and Restore…: the work each one runs off the
GUI thread, what its steps say, and its closing words.

A backup's Cancel removes the unfinished file (``services.backups``). A restore is checked
first in a dialog of its own, so that even a large file never holds the window while the
clerk waits for the question; the restore itself can be cancelled until the ledger is
overwritten, and from then on its Cancel is disabled with the reason
(``services.restore``, ``CancelToken.commit``).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from ..services import backups, restore
from ..services.cancelling import Cancelled
from ..storage.database import Database
from .message_text import error_text
from .progress_dialog import ProgressDialog

logger = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("", text)


def backup_dialog(database: Database, folder: Path, parent=None) -> ProgressDialog:
    """Start a backup into ``folder``; the dialog's ``result`` is the backup's path."""
    dialog = ProgressDialog(
        _tr("Back up the ledger"),
        _tr("Cancel stops the backup and removes the unfinished file."),
        parent,
    )

    def work(report, cancel) -> Path:
        return backups.back_up(database, folder=folder, progress=report, cancel=cancel)

    def describe(share: float) -> tuple[str, float | None]:
        return _tr("Copying the ledger into {folder}…").format(folder=folder), share

    dialog.run(work, describe=describe, report=_backed_up)
    return dialog


def _backed_up(path: Path | None, error: Exception | None) -> str:
    if isinstance(error, Cancelled):
        return _tr("Backup cancelled. No backup file was left behind.")
    if error is not None:
        return _tr("No backup was taken: {error}").format(error=error_text(error))
    return _tr("The ledger is backed up to\n{path}").format(path=path)


def check_dialog(database: Database, file: Path, parent=None) -> ProgressDialog:
    """Check ``file`` before the question; ``result`` is (schema revision, what the ledger
    holds in words)."""
    dialog = ProgressDialog(
        _tr("Restore"), _tr("Cancel stops the check. Nothing has been changed."), parent
    )

    def work(_report, cancel) -> tuple[str, str]:
        # One step of unknown length: the dialog shows a busy bar and its first words.
        checked = restore.check(database, file), restore.ledger_content(database)
        cancel.check()  # a Cancel meanwhile means no question follows
        return checked

    dialog.step.setText(_tr("Checking the backup {file}…").format(file=file))
    dialog.run(work, describe=lambda _reported: ("", None), report=_checked)
    dialog.bar.setRange(0, 0)
    return dialog


def _checked(_result, error: Exception | None) -> str:
    if isinstance(error, Cancelled):
        return _tr("Check cancelled. Nothing has been changed.")
    if error is not None:
        return _tr("This file cannot be restored: {error}").format(error=error_text(error))
    return _tr("The backup can be restored.")


def restore_dialog(database: Database, file: Path, parent=None) -> ProgressDialog:
    """Start restoring ``file`` over the ledger (asked and confirmed before)."""
    dialog = ProgressDialog(
        _tr("Restore"),
        _tr(
            "Cancel stops the restore before the ledger is overwritten; the ledger then stays "
            "as it is."
        ),
        parent,
        commit_note=_tr(
            "The ledger is being overwritten with the backup. This cannot be stopped now; it "
            "takes a moment."
        ),
    )

    def work(report, cancel) -> restore.Restored:
        return restore.restore(database, file, force=True, progress=report, cancel=cancel)

    dialog.run(work, describe=_restore_step, report=_restored)
    return dialog


def _restore_step(step: restore.RestoreStep) -> tuple[str, float | None]:
    texts = {
        restore.CHECKING: _tr("Checking the backup…"),
        restore.MIGRATING: _tr("Bringing the backup to the current schema…"),
        restore.SAVING: _tr("Backing up the ledger as it is now…"),
        restore.REPLACING: _tr("Replacing the ledger with the backup…"),
    }
    return texts.get(step.phase, ""), step.share


def _restored(result: restore.Restored | None, error: Exception | None) -> str:
    if isinstance(error, Cancelled):
        return _tr("Restore cancelled: the ledger is unchanged.")
    if error is not None:
        return (
            _tr("Not restored: {error}").format(error=error_text(error))
            + "\n\n"
            + _tr("The ledger is unchanged.")
        )
    text = _tr("The backup is restored.")
    if result.migrated:
        text += " " + _tr("It was brought to the current schema.")
    if result.safety_backup is not None:
        text += "\n\n" + _tr("The ledger as it was before is in\n{path}").format(
            path=result.safety_backup
        )
    return text + "\n\n" + _tr("FINQR Desktop closes with this window; start it again.")
