"""Unexpected exceptions: logged with their traceback and shown, never lost silently.

Qt calls Python slots from C++; an exception escaping a slot would otherwise only be
printed to a console the clerk never sees.
"""

from __future__ import annotations

import logging
import sys
import traceback

from PySide6.QtWidgets import QApplication, QMessageBox

logger = logging.getLogger(__name__)

_showing = False


def install_excepthook() -> None:
    sys.excepthook = handle_exception


def handle_exception(kind, value, tb) -> None:
    global _showing
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    logger.error("unexpected error", exc_info=(kind, value, tb))
    # One box at a time: an error raised while the box is open must not stack up boxes.
    if _showing or QApplication.instance() is None:
        return
    _showing = True
    try:
        box = QMessageBox(QMessageBox.Icon.Critical, "FINQR Desktop", "Something went wrong.")
        box.setInformativeText(
            f"{kind.__name__}: {value}\n\nThe details are in the log file. Work saved "
            "before this is safe; check that the last action did what you meant."
        )
        box.setDetailedText("".join(traceback.format_exception(kind, value, tb)))
        box.exec()
    finally:
        _showing = False
