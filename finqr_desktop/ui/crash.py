"""Unexpected exceptions: logged with their traceback and shown, never lost silently.

Qt calls Python slots and event handlers from C++; an exception escaping one would
otherwise only be printed to a console the clerk never sees. PySide hands such an exception
to ``sys.excepthook``; exceptions in Python threads reach ``threading.excepthook``. Both end
here: the traceback goes to the log, and the error dialog opens on the GUI thread while the
app keeps running.
"""

from __future__ import annotations

import logging
import sys
import threading

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QApplication

from .error_dialog import ErrorDialog, unexpected_error_dialog

logger = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the GUI thread; an error emitted from any thread is shown there."""

    raised = Signal(object)


_relay: _Relay | None = None
_open: ErrorDialog | None = None


def install_excepthook() -> None:
    """Route unexpected exceptions from slots, event handlers and threads to the dialog.

    Call on the GUI thread, after the QApplication exists.
    """
    global _relay
    if _relay is None:
        _relay = _Relay()
        _relay.raised.connect(show_unexpected)
    sys.excepthook = handle_exception
    threading.excepthook = handle_thread_exception


def handle_exception(kind, value, tb) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    logger.error("unexpected error", exc_info=(kind, value, tb))
    _deliver(value if value is not None else kind())


def handle_thread_exception(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread is not None else "?"
    logger.error(
        "unexpected error in thread %s",
        name,
        exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
    )
    if args.exc_value is not None:
        _deliver(args.exc_value)


def _deliver(error: BaseException) -> None:
    app = QApplication.instance()
    if app is None:
        return
    if QThread.currentThread() is app.thread():
        show_unexpected(error)
    elif _relay is not None:
        _relay.raised.emit(error)  # queued: the relay lives on the GUI thread


def show_unexpected(error: BaseException) -> None:
    """Open the dialog without blocking; while one is open, later errors only go to the log
    (an error repeating on every repaint must not stack up dialogs)."""
    global _open
    if _open is not None:
        return
    parent = QApplication.activeWindow()
    _open = unexpected_error_dialog(parent, error)
    _open.finished.connect(_closed)
    _open.open()


def _closed(_result: int = 0) -> None:
    global _open
    dialog, _open = _open, None
    if dialog is not None:
        dialog.deleteLater()


def open_dialog() -> ErrorDialog | None:
    """The unexpected-error dialog on screen, if any (for tests and the smoke start)."""
    return _open
