"""Typing any text into a widget as key events, the way a keyboard delivers it.

QTest's keyClicks only maps printable ASCII to keys (other characters abort in Qt's
qasciikey.cpp), so "ö", a non-breaking space and newlines are sent as key events here.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication


def type_into(widget, text: str) -> None:
    for char in text:
        if char == "\n":
            QTest.keyClick(widget, Qt.Key.Key_Return)
        elif " " <= char <= "~":
            QTest.keyClicks(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
                QApplication.sendEvent(widget, event)
