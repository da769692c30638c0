"""Shortcuts a clerk can discover: each is bound once and shown in the tooltip of its button.

Standard keys (``QKeySequence.StandardKey``) are used where Qt has one, so macOS gets Cmd
and each platform its own convention.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QWidget

logger = logging.getLogger(__name__)

Keys = QKeySequence | QKeySequence.StandardKey | str


def sequences(keys: Keys | Sequence[Keys]) -> list[QKeySequence]:
    """Every key sequence ``keys`` stands for (a standard key may have several)."""
    listed = keys if isinstance(keys, (list, tuple)) else [keys]
    found: list[QKeySequence] = []
    for key in listed:
        if isinstance(key, QKeySequence.StandardKey):
            found += QKeySequence.keyBindings(key)
        else:
            found.append(QKeySequence(key))
    return [sequence for sequence in found if not sequence.isEmpty()]


def shown(keys: Keys | Sequence[Keys]) -> str:
    """The keys as this platform writes them ("Ctrl+S", "⌘S"), the first one only."""
    found = sequences(keys)
    return found[0].toString(QKeySequence.SequenceFormat.NativeText) if found else ""


def with_keys(text: str, keys: Keys | Sequence[Keys]) -> str:
    """A tooltip: ``text`` followed by its shortcut."""
    return QCoreApplication.translate("Shortcuts", "{action} ({shortcut})").format(
        action=text, shortcut=shown(keys)
    )


def bind(
    owner: QWidget,
    keys: Keys | Sequence[Keys],
    slot: Callable[[], object],
    *,
    context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
) -> list[QShortcut]:
    """Run ``slot`` on ``keys`` while ``owner``'s window (or ``owner``, by context) is active."""
    made = []
    for sequence in sequences(keys):
        shortcut = QShortcut(sequence, owner)
        shortcut.setContext(context)
        shortcut.activated.connect(slot)
        made.append(shortcut)
    return made


def bind_button(owner: QWidget, button: QAbstractButton, keys: Keys | Sequence[Keys]) -> None:
    """The keys press ``button``: a disabled or hidden button does nothing, and the button
    asks whatever it asks when clicked. Its tooltip names the keys."""
    bind(owner, keys, lambda: button.isEnabled() and button.click())
    text = button.text().replace("&", "").rstrip("…").rstrip(".")
    button.setToolTip(with_keys(button.toolTip() or text, keys))
