"""Cancelling Back up now… and Restore…: the copy runs off the GUI thread page by page, a
cancelled backup leaves no file, a restore stops untouched until it overwrites the ledger,
and from then on its Cancel is disabled with the reason."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from finqr_desktop.services import backups, restore
from finqr_desktop.storage import sqlite_copy
from finqr_desktop.ui import backup_actions
from finqr_desktop.ui.backup_actions import BackupActions

from ..backups.ledger_rows import all_rows
from ..services.helpers import issue_new
from .held_work import Held

# The steps and the cancel points are SQLite's page-by-page copy; a PostgreSQL backup is one
# pg_dump that cannot be stopped midway (services/backups.py says so).
pytestmark = pytest.mark.sqlite_only

WAIT_MS = 30_000


class Window(QWidget):
    def __init__(self):
        super().__init__()
        self.sending_stopped = self.sending_resumed = self.closed = False


@pytest.fixture
def actions(context, qtbot, monkeypatch):
    # One page a step, so that even the small test ledger is copied in many steps.
    monkeypatch.setattr(sqlite_copy, "STEP_PAGES", 1)
    window = Window()
    qtbot.addWidget(window)
    made = BackupActions(
        context, window,
        stop_sending=lambda: setattr(window, "sending_stopped", True),
        close=lambda: setattr(window, "closed", True),
        resume_sending=lambda: setattr(window, "sending_resumed", True),
    )  # fmt: skip
    yield made
    made.wait()


def _files(folder) -> list[str]:
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def test_a_cancelled_backup_removes_its_unfinished_file(actions, qtbot, tmp_path, monkeypatch):
    folder = tmp_path / "chosen"
    monkeypatch.setattr(backup_actions, "choose_folder", lambda *_: folder)
    held = Held(backups.back_up, lambda share: share > 0)
    monkeypatch.setattr(backups, "back_up", held)

    dialog = actions.back_up_now()
    try:
        qtbot.waitUntil(held.reached.is_set, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: dialog.bar.value() > 0, timeout=WAIT_MS)
        assert dialog.step.text() == f"Copying the ledger into {folder}…"
        # The copy is under way: its unfinished file (and SQLite's journal beside it).
        assert [name for name in _files(folder) if name.endswith(".sqlite3.partial")]

        dialog.cancel_button.click()
        assert dialog.step.text() == "Cancelling…"
        assert dialog.note.text() == "Cancel stops the backup and removes the unfinished file."
    finally:
        held.release()
    qtbot.waitUntil(lambda: not dialog.running, timeout=WAIT_MS)

    assert held.ran_off_the_gui_thread
    assert dialog.step.text() == "Backup cancelled. No backup file was left behind."
    assert _files(folder) == [] and actions.last_backup is None
    assert dialog.bar.value() < dialog.bar.maximum()


@pytest.fixture
def saved(context, tmp_path, monkeypatch):
    """A backup of the ledger, then one more invoice in the ledger: restoring changes it."""
    backup = backups.back_up(context.database, folder=tmp_path / "saved")
    issue_new(context.database, customer="1001")
    monkeypatch.setattr(backup_actions, "choose_backup", lambda *_: backup)
    return backup


def _start_restore(actions, boxes, qtbot):
    actions.restore_from_file()
    qtbot.waitUntil(lambda: bool(boxes.questions), timeout=WAIT_MS)
    return actions.dialog


def test_a_restore_cancelled_during_the_safety_backup_leaves_the_ledger_as_it_was(
    actions, context, boxes, qtbot, saved, monkeypatch
):
    before = all_rows(context.database)
    safety_folder = backups.backup_folder(context.database)
    held = Held(restore.restore, lambda step: step.phase == restore.SAVING and step.share)
    monkeypatch.setattr(restore, "restore", held)

    dialog = _start_restore(actions, boxes, qtbot)
    try:
        qtbot.waitUntil(held.reached.is_set, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: "as it is now" in dialog.step.text(), timeout=WAIT_MS)
        assert dialog.step.text() == "Backing up the ledger as it is now…"
        assert [name for name in _files(safety_folder) if "before-restore" in name]
        assert dialog.cancel_button.isEnabled()

        dialog.reject()  # Escape: the same request as Cancel
        assert dialog.isVisible() and dialog.step.text() == "Cancelling…"
    finally:
        held.release()
    qtbot.waitUntil(lambda: not dialog.running, timeout=WAIT_MS)

    assert held.ran_off_the_gui_thread
    assert dialog.step.text() == "Restore cancelled: the ledger is unchanged."
    assert actions.window.sending_resumed  # the ledger stayed: its mail goes on going out
    assert all_rows(context.database) == before
    assert not [name for name in _files(safety_folder) if "before-restore" in name]
    dialog.buttons.button(QDialogButtonBox.StandardButton.Close).click()
    assert not actions.window.closed


def test_once_the_ledger_is_overwritten_cancel_is_disabled_with_the_reason(
    actions, context, boxes, qtbot, saved, monkeypatch
):
    restored_rows = _rows_of(saved)
    held = Held(restore.restore, lambda step: step.phase == restore.REPLACING)
    monkeypatch.setattr(restore, "restore", held)

    dialog = _start_restore(actions, boxes, qtbot)
    try:
        qtbot.waitUntil(held.reached.is_set, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: not dialog.cancel_button.isEnabled(), timeout=WAIT_MS)
        qtbot.waitUntil(lambda: "Replacing" in dialog.step.text(), timeout=WAIT_MS)
        assert dialog.note.text().startswith("The ledger is being overwritten with the backup.")
        dialog.reject()  # refused: the overwrite runs to its end
        assert dialog.isVisible() and not dialog.token.requested
    finally:
        held.release()
    qtbot.waitUntil(lambda: not dialog.running, timeout=WAIT_MS)

    assert held.ran_off_the_gui_thread
    assert dialog.step.text().startswith("The backup is restored.")
    assert all_rows(context.database) == restored_rows
    dialog.buttons.button(QDialogButtonBox.StandardButton.Close).click()
    assert actions.window.closed


def _rows_of(backup):
    """What the ledger holds once ``backup`` is restored, read from a scratch restore."""
    from finqr_desktop.storage import migrate
    from finqr_desktop.storage.database import Database

    scratch = Database(f"sqlite:///{backup.parent / 'scratch.sqlite3'}")
    try:
        migrate.upgrade(scratch)
        restore.restore(scratch, backup)
        return all_rows(scratch)
    finally:
        scratch.dispose()
