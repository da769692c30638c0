"""The one error dialog: copying details, and unexpected exceptions that never close the app."""

from __future__ import annotations

import logging
import sys
import threading

import pytest
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QPushButton

from finqr_desktop import __version__
from finqr_desktop.ui import crash, error_dialog, messages
from finqr_desktop.ui.error_dialog import ErrorDialog, details_text


class _Boom(QObject):
    fired = Signal()


def _raise_in_slot() -> None:
    raise ValueError("the slot broke")


@pytest.fixture
def hooks(monkeypatch, qapp):
    """Our exception hooks, put back to pytest's own afterwards."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    crash.install_excepthook()
    yield
    dialog = crash.open_dialog()
    if dialog is not None:
        dialog.reject()


def test_copy_details_puts_the_technical_text_on_the_clipboard(qtbot):
    try:
        raise OSError(13, "Permission denied", "/tmp/ledger.pdf")
    except OSError as exc:
        details = details_text("The PDF could not be saved.", exc)
    dialog = ErrorDialog(None, "The PDF could not be saved.", details=details)
    qtbot.addWidget(dialog)
    QApplication.clipboard().clear()

    dialog.copy.click()

    copied = QApplication.clipboard().text()
    assert "The PDF could not be saved." in copied
    assert "PermissionError" in copied and "/tmp/ledger.pdf" in copied
    assert __version__ in copied and "Python" in copied and "Log file" in copied
    assert dialog.copied.text()


def test_details_of_an_unexpected_error_carry_the_traceback():
    try:
        _raise_in_slot()
    except ValueError as exc:
        text = details_text("Something went wrong.", exc, with_traceback=True)
    assert "Traceback" in text and "_raise_in_slot" in text and "the slot broke" in text


def test_details_name_the_log_file(tmp_path, monkeypatch):
    handler = logging.FileHandler(tmp_path / "finqr.log")
    handler._finqr = True
    # Only this handler: an earlier test's command-line run may have left its own log file.
    monkeypatch.setattr(logging.getLogger(), "handlers", [handler])
    try:
        assert str(tmp_path / "finqr.log") in details_text("x")
    finally:
        handler.close()


def test_warn_shows_the_clerk_sentence_and_logs_it(qtbot, monkeypatch, caplog):
    shown = []
    monkeypatch.setattr(ErrorDialog, "exec", lambda self: shown.append(self) or 0)
    with caplog.at_level(logging.WARNING):
        messages.warn(None, "Not saved", "The due date is before the invoice date.")
    assert shown[0].summary.text() == "The due date is before the invoice date."
    assert shown[0].windowTitle() == "Not saved"
    assert "The due date is before the invoice date." in caplog.text


def test_show_error_offers_details_with_the_exception(qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(ErrorDialog, "exec", lambda self: shown.append(self) or 0)
    error_dialog.show_error(
        None, "The server did not answer.", next_step="Try later.", error=TimeoutError("30 s")
    )
    dialog = shown[0]
    assert dialog.next_step.text() == "Try later."
    assert "TimeoutError: 30 s" in dialog.details
    assert not dialog.copy.isHidden()


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_shows_the_dialog_and_the_app_lives_on(qtbot, hooks, caplog):
    button = QPushButton("Go")
    qtbot.addWidget(button)
    button.clicked.connect(_raise_in_slot)
    with caplog.at_level(logging.ERROR):
        button.click()

    dialog = crash.open_dialog()
    assert dialog is not None and dialog.isVisible()
    assert "the slot broke" in dialog.details and "Traceback" in dialog.details
    assert "the slot broke" in caplog.text

    # The app goes on: events are still handled, and the button still works.
    ticks = []
    QTimer.singleShot(0, lambda: ticks.append(1))
    qtbot.waitUntil(lambda: ticks == [1])
    dialog.reject()
    qtbot.waitUntil(lambda: crash.open_dialog() is None)
    with caplog.at_level(logging.ERROR):
        button.click()
    assert crash.open_dialog() is not None


@pytest.mark.qt_no_exception_capture
def test_a_second_error_while_the_dialog_is_open_only_goes_to_the_log(qtbot, hooks, caplog):
    boom = _Boom()
    boom.fired.connect(_raise_in_slot)
    with caplog.at_level(logging.ERROR):
        boom.fired.emit()
        first = crash.open_dialog()
        boom.fired.emit()
    assert crash.open_dialog() is first
    assert [str(r.exc_info[1]) for r in caplog.records] == ["the slot broke"] * 2


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_python_thread_reaches_the_dialog(qtbot, hooks, caplog):
    def work():
        raise RuntimeError("the worker broke")

    with caplog.at_level(logging.ERROR):
        thread = threading.Thread(target=work, name="worker")
        thread.start()
        thread.join()
        qtbot.waitUntil(lambda: crash.open_dialog() is not None)
    assert "the worker broke" in crash.open_dialog().details
    assert "thread worker" in caplog.text
