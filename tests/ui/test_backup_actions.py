"""File → Back up now…, Restore… and Backup settings…, and the start-up backup.

Back up now… and Restore… run in progress dialogs; test_backup_cancel.py cancels them."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMenu, QWidget

from finqr_desktop.services import backups
from finqr_desktop.services.backups import BackupSettings
from finqr_desktop.ui import backup_actions
from finqr_desktop.ui.backup_actions import BackupActions
from finqr_desktop.ui.backup_settings_dialog import BackupSettingsDialog

from ..backups.ledger_rows import all_rows
from ..services.helpers import issue_new


class Window(QWidget):
    def __init__(self):
        super().__init__()
        self.sending_stopped = self.closed = False


@pytest.fixture
def actions(context, qtbot):
    window = Window()
    qtbot.addWidget(window)
    made = BackupActions(
        context, window,
        stop_sending=lambda: setattr(window, "sending_stopped", True),
        close=lambda: setattr(window, "closed", True),
    )  # fmt: skip
    yield made
    made.wait()


def _trigger(actions, text: str) -> None:
    menu = QMenu()
    actions.add_to(menu)
    [action] = [a for a in menu.actions() if a.text().replace("&", "") == text]
    action.trigger()


def test_back_up_now_writes_the_backup_and_says_where(
    actions, boxes, qtbot, tmp_path, monkeypatch
):
    monkeypatch.setattr(backup_actions, "choose_folder", lambda *_: tmp_path / "chosen")

    _trigger(actions, "Back up now…")
    dialog = actions.dialog
    qtbot.waitUntil(lambda: not dialog.running, timeout=10_000)

    [backup] = (tmp_path / "chosen").iterdir()
    assert dialog.step.text() == f"The ledger is backed up to\n{backup}"
    assert dialog.bar.value() == dialog.bar.maximum()
    assert actions.last_backup == backup and boxes.said == []


def test_restore_asks_stops_sending_restores_and_closes(
    actions, context, boxes, qtbot, tmp_path, monkeypatch
):
    saved = backups.back_up(context.database, folder=tmp_path / "saved")
    before = all_rows(context.database)
    issue_new(context.database, customer="1001")
    monkeypatch.setattr(backup_actions, "choose_backup", lambda *_: saved)

    _trigger(actions, "Restore…")
    qtbot.waitUntil(lambda: bool(boxes.questions), timeout=20_000)
    dialog = actions.dialog
    qtbot.waitUntil(lambda: not dialog.running, timeout=20_000)

    [question] = boxes.questions
    assert str(saved) in question and "1 company, 2 customers, 1 invoice" in question
    assert actions.window.sending_stopped
    assert all_rows(context.database) == before
    assert dialog.step.text().startswith("The backup is restored.")
    assert "The ledger as it was before is in" in dialog.step.text()
    assert not actions.window.closed  # until the clerk has read it
    dialog.buttons.button(QDialogButtonBox.StandardButton.Close).click()
    assert actions.window.closed


def test_a_restore_declined_changes_nothing(actions, context, boxes, qtbot, tmp_path, monkeypatch):
    saved = backups.back_up(context.database, folder=tmp_path / "saved")
    issue_new(context.database, customer="1001")
    before = all_rows(context.database)
    monkeypatch.setattr(backup_actions, "choose_backup", lambda *_: saved)
    boxes.answer = False

    _trigger(actions, "Restore…")
    qtbot.waitUntil(lambda: bool(boxes.questions), timeout=20_000)

    assert not actions.window.sending_stopped
    assert all_rows(context.database) == before


def test_a_file_that_is_no_backup_is_refused_before_anything_stops(
    actions, boxes, qtbot, tmp_path, monkeypatch
):
    other = tmp_path / "letter.sqlite3"
    other.write_text("Dear customer")
    monkeypatch.setattr(backup_actions, "choose_backup", lambda *_: other)

    _trigger(actions, "Restore…")
    dialog = actions.dialog
    qtbot.waitUntil(lambda: not dialog.running, timeout=20_000)

    assert dialog.step.text().startswith("This file cannot be restored: ")
    assert str(other) in dialog.step.text() and dialog.isVisible()
    assert not boxes.questions and not actions.window.sending_stopped


def test_start_up_takes_the_daily_backup(actions, context, qtbot, tmp_path):
    with context.writing() as session:
        backups.save_settings(session, BackupSettings(folder=str(tmp_path / "auto")))

    actions.start()
    qtbot.waitUntil(lambda: (tmp_path / "auto").exists() and any((tmp_path / "auto").iterdir()))
    actions.wait()

    [backup] = (tmp_path / "auto").iterdir()
    assert backup.stem.endswith("-auto")


def test_the_settings_dialog_saves_and_refuses_a_relative_folder(context, qtbot):
    dialog = BackupSettingsDialog(context)
    qtbot.addWidget(dialog)
    assert dialog.keep.value() == 14 and dialog.automatic.isChecked()

    dialog.folder.setText("not/absolute")
    dialog.save()
    assert "folder: not an absolute path" in dialog.error.text()

    dialog.folder.setText("")
    dialog.keep.setValue(5)
    dialog.automatic.setChecked(False)
    dialog.save()
    with context.reading() as session:
        assert backups.load_settings(session) == BackupSettings(5, False, None)
