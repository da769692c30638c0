"""The app's icon for its windows, drawn from the SVG shipped as package data.

The SVG is rendered here into pixmaps of the usual sizes rather than handed to QIcon as a
file: QIcon reads SVG only through Qt's svg icon-engine plugin, which a packaged build may
leave out, whereas QSvgRenderer is part of QtSvg itself.
"""

from __future__ import annotations

import logging
from importlib.resources import files

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

logger = logging.getLogger(__name__)

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def icon_svg() -> bytes:
    return (files("finqr_desktop.resources") / "icons" / "finqr-desktop.svg").read_bytes()


def app_icon() -> QIcon:
    """The icon at every size a title bar, task bar or switcher asks for; an empty icon
    (and a warning in the log) if the SVG cannot be read, never a failed start."""
    renderer = QSvgRenderer(QByteArray(icon_svg()))
    icon = QIcon()
    if not renderer.isValid():
        logger.warning("the app icon's SVG could not be read; windows show no icon")
        return icon
    for size in ICON_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        icon.addPixmap(QPixmap.fromImage(image))
    return icon
