"""The Qt binding itself: a fault in it would crash a long session, whatever the page."""

import sys

from PySide6.QtWidgets import QLabel


def test_calling_qt_methods_leaves_references_to_none_alone(qtbot):
    # PySide6 6.12.0 on Python 3.11 lost one reference to None per call of a method that
    # returns nothing; after some tens of thousands of calls Python frees None and aborts.
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for n in range(2000):
        label.setText(str(n))
        label.setObjectName("label")
    after = sys.getrefcount(None)
    assert abs(after - before) < 100, f"references to None went from {before} to {after}"
