"""The open ledger as the screens share it: the database, the day, and one change signal.

Every user action runs in its own transaction (``writing``) and then announces what it
changed; pages reload from that signal instead of calling each other.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from .translation import ui_locale

logger = logging.getLogger(__name__)

CUSTOMERS = "customers"
INVOICES = "invoices"
COMPANY = "company"


class LedgerContext(QObject):
    changed = Signal(str)

    def __init__(self, database, *, today: Callable[[], dt.date] = dt.date.today, parent=None):
        super().__init__(parent)
        self.database = database
        self._today = today
        # The Babel locale of the window's numbers, amounts and dates: the clerk's "formats"
        # (Settings → Language), not the company's language, which decides the documents.
        self.locale = ui_locale()

    def today(self) -> dt.date:
        return self._today()

    def reading(self):
        return self.database.reading()

    def writing(self):
        return self.database.writing()

    def refresh_locale(self) -> None:
        """Take the formats installed last (translation.install)."""
        self.locale = ui_locale()

    def announce(self, what: str) -> None:
        logger.debug("changed: %s", what)
        self.changed.emit(what)
