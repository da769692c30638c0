"""Remembered window layout: geometry, splitter sizes and table columns, kept in QSettings.

A view registers each splitter and table header under a stable key; its state is restored
at once and saved whenever the clerk changes it, so a crash or a ledger switch loses
nothing. A saved state that no longer fits (a table that gained a column in a newer
version, a garbled value) is dropped and the view keeps the defaults it was built with.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QByteArray, QObject, QSettings
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter

logger = logging.getLogger(__name__)

# Raised when the meaning of a stored state changes; older states are then ignored.
LAYOUT_VERSION = 1
GROUP = "layout"


def _settings() -> QSettings:
    # The default constructor follows the application's name and QSettings.setPath, which
    # is how the tests keep this away from the real user's settings.
    return QSettings()


def _stored_bytes(value) -> QByteArray | None:
    if isinstance(value, QByteArray) and not value.isEmpty():
        return value
    if isinstance(value, (bytes, bytearray)) and value:
        return QByteArray(bytes(value))
    return None


def _stored_int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class LayoutMemory(QObject):
    """Restores and saves the layout pieces registered with it, each under its own key."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._headers: dict[str, QHeaderView] = {}
        self._splitters: dict[str, QSplitter] = {}

    # Registering (restores at once)

    def remember_header(self, key: str, header: QHeaderView) -> bool:
        """Restore ``header`` (column widths, order, sort column and order) and keep it
        saved; True when a stored state was applied."""
        self._headers[key] = header
        restored = self._restore_header(key, header)
        header.sectionResized.connect(lambda *_args: self.save_header(key))
        header.sectionMoved.connect(lambda *_args: self.save_header(key))
        header.sortIndicatorChanged.connect(lambda *_args: self.save_header(key))
        return restored

    def remember_splitter(self, key: str, splitter: QSplitter) -> bool:
        self._splitters[key] = splitter
        restored = self._restore_splitter(key, splitter)
        splitter.splitterMoved.connect(lambda *_args: self.save_splitter(key))
        return restored

    def restore_window(self, key: str, window: QMainWindow) -> bool:
        settings = _settings()
        if not self._current(settings):
            return False
        geometry = _stored_bytes(settings.value(f"{GROUP}/{key}/geometry"))
        state = _stored_bytes(settings.value(f"{GROUP}/{key}/state"))
        restored = geometry is not None and window.restoreGeometry(geometry)
        if state is not None and not window.restoreState(state, LAYOUT_VERSION):
            logger.info("ignoring the stored window state of %s", key)
        return restored

    # Saving

    def save_window(self, key: str, window: QMainWindow) -> None:
        settings = _settings()
        self._stamp(settings)
        settings.setValue(f"{GROUP}/{key}/geometry", window.saveGeometry())
        settings.setValue(f"{GROUP}/{key}/state", window.saveState(LAYOUT_VERSION))

    def save_header(self, key: str) -> None:
        header = self._headers[key]
        settings = _settings()
        self._stamp(settings)
        settings.setValue(f"{GROUP}/headers/{key}/columns", header.count())
        settings.setValue(f"{GROUP}/headers/{key}/state", header.saveState())

    def save_splitter(self, key: str) -> None:
        splitter = self._splitters[key]
        settings = _settings()
        self._stamp(settings)
        settings.setValue(f"{GROUP}/splitters/{key}/count", splitter.count())
        settings.setValue(f"{GROUP}/splitters/{key}/state", splitter.saveState())

    def save_all(self) -> None:
        for key in self._headers:
            self.save_header(key)
        for key in self._splitters:
            self.save_splitter(key)

    # Plain values (the last section)

    def value(self, key: str) -> str | None:
        settings = _settings()
        value = settings.value(f"{GROUP}/{key}") if self._current(settings) else None
        return value if isinstance(value, str) and value else None

    def set_value(self, key: str, value: str) -> None:
        settings = _settings()
        self._stamp(settings)
        settings.setValue(f"{GROUP}/{key}", value)

    # Restoring

    def _restore_header(self, key: str, header: QHeaderView) -> bool:
        settings = _settings()
        if not self._current(settings):
            return False
        columns = _stored_int(settings.value(f"{GROUP}/headers/{key}/columns"))
        state = _stored_bytes(settings.value(f"{GROUP}/headers/{key}/state"))
        if state is None:
            return False
        if columns != header.count():
            logger.info("table %s now has %s columns, not %s: default widths", key,
                        header.count(), columns)  # fmt: skip
            settings.remove(f"{GROUP}/headers/{key}")
            return False
        # Qt checks the state's own marker and version and refuses garbled bytes.
        if not header.restoreState(state):
            logger.info("ignoring the unreadable stored columns of %s", key)
            settings.remove(f"{GROUP}/headers/{key}")
            return False
        return True

    def _restore_splitter(self, key: str, splitter: QSplitter) -> bool:
        settings = _settings()
        if not self._current(settings):
            return False
        count = _stored_int(settings.value(f"{GROUP}/splitters/{key}/count"))
        state = _stored_bytes(settings.value(f"{GROUP}/splitters/{key}/state"))
        if state is None or count != splitter.count() or not splitter.restoreState(state):
            if state is not None:
                logger.info("ignoring the stored sizes of splitter %s", key)
                settings.remove(f"{GROUP}/splitters/{key}")
            return False
        return True

    @staticmethod
    def _current(settings: QSettings) -> bool:
        """Whether what is stored was written by this layout version."""
        return _stored_int(settings.value(f"{GROUP}/version")) == LAYOUT_VERSION

    @classmethod
    def _stamp(cls, settings: QSettings) -> None:
        # What an older version stored is cleared before this version writes beside it.
        if not cls._current(settings):
            settings.remove(GROUP)
            settings.setValue(f"{GROUP}/version", LAYOUT_VERSION)
