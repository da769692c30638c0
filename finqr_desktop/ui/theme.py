"""Text colours that read well on the current palette, light or dark.

Fixed greys such as #52606d vanish on a dark window, so colours for muted notes, errors,
warnings and success are picked per palette: a hue suited to light or dark windows, then
lightened or darkened until it meets WCAG AA contrast (4.5:1) against the window it is
drawn on. Widgets tinted through ``tint`` are tinted again when the palette changes (the
system switching between light and dark), so nothing keeps the old scheme's colour.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

logger = logging.getLogger(__name__)

MUTED = "muted"
ERROR = "error"
WARNING = "warning"
SUCCESS = "success"

TINT_PROPERTY = "finqrTint"
INVALID_PROPERTY = "invalid"  # set by field_errors.mark_invalid on a field with a bad value
AA_TEXT = 4.5

# (on a light window, on a dark window): starting points, moved only as far as contrast needs.
_BASES = {
    MUTED: ("#52606d", "#aab4bf"),
    ERROR: ("#b3261e", "#ff8a80"),
    WARNING: ("#8a4b00", "#ffb74d"),
    SUCCESS: ("#1e6b32", "#81c995"),
}


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(one: QColor, other: QColor) -> float:
    """The WCAG contrast ratio of two colours, 1.0 (same) to 21.0 (black on white)."""
    lighter, darker = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _palette(palette: QPalette | None) -> QPalette:
    return palette if palette is not None else QGuiApplication.palette()


def is_dark(palette: QPalette | None = None) -> bool:
    palette = _palette(palette)
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5


def colour(role: str, palette: QPalette | None = None) -> QColor:
    """The colour for ``role`` (MUTED, ERROR, WARNING, SUCCESS) on ``palette``'s window."""
    palette = _palette(palette)
    dark = is_dark(palette)
    result = QColor(_BASES[role][1 if dark else 0])
    backgrounds = (
        palette.color(QPalette.ColorRole.Window),
        palette.color(QPalette.ColorRole.Base),
    )
    # Move toward white on a dark window, toward black on a light one, a step at a time.
    for _step in range(20):
        if min(contrast(result, back) for back in backgrounds) >= AA_TEXT:
            break
        result = result.lighter(110) if dark else result.darker(112)
    return result


def style(role: str, palette: QPalette | None = None) -> str:
    """A style sheet line giving text the role's colour."""
    return f"color: {colour(role, palette).name()};"


def invalid_css(palette: QPalette | None = None) -> str:
    """Style for a field holding a bad value: an error-coloured frame, a faint error tint."""
    palette = _palette(palette)
    edge = colour(ERROR, palette)
    base = palette.color(QPalette.ColorRole.Base)
    share = 0.14
    fill = QColor.fromRgbF(
        base.redF() + (edge.redF() - base.redF()) * share,
        base.greenF() + (edge.greenF() - base.greenF()) * share,
        base.blueF() + (edge.blueF() - base.blueF()) * share,
    )
    return f'[invalid="true"] {{ border: 1px solid {edge.name()}; background: {fill.name()}; }}'


def tint(widget: QWidget, role: str | None) -> None:
    """Colour ``widget``'s text by ``role`` (None: the palette's own text colour)."""
    widget.setProperty(TINT_PROPERTY, role or "")
    widget.setStyleSheet(style(role) if role else "")


def reapply() -> None:
    """Tint every tinted widget again for the palette now in force."""
    for widget in QApplication.allWidgets():
        role = widget.property(TINT_PROPERTY)
        if role:
            widget.setStyleSheet(style(role))
        elif widget.property(INVALID_PROPERTY) is True:
            widget.setStyleSheet(invalid_css())
    logger.debug("colours re-applied for a %s palette", "dark" if is_dark() else "light")


def follow_palette(app: QApplication) -> None:
    """Re-tint when the palette or the system colour scheme changes."""
    app.paletteChanged.connect(lambda _palette: reapply())
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: reapply())
