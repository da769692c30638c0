"""Pages wider than a small screen scroll instead of widening the whole window.

A page's minimum width is the sum of its columns' (two forms side by side on the Portal
page, the template form beside its preview); without a scroll area that sum becomes the
window's minimum, wider than a 1024-pixel screen in Swedish. Inside one, the content keeps
its own minimum and the window may be narrower.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

logger = logging.getLogger(__name__)


def scrolled(content: QWidget) -> QScrollArea:
    """``content`` in a frameless scroll area that resizes it to fit where it can."""
    area = QScrollArea()
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    return area
