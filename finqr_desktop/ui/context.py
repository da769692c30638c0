"""The open ledger as the screens share it: the database, the day, and one change signal.

Every user action runs in its own transaction (``writing``) and then announces what it
changed; pages reload from that signal instead of calling each other.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from ..services import ui_queries

logger = logging.getLogger(__name__)

CUSTOMERS = "customers"
INVOICES = "invoices"
COMPANY = "company"

# Babel locale per company language; amounts read and print the way the clerk writes them.
_LOCALES = {"sv": "sv_SE", "en": "en_SE"}


class LedgerContext(QObject):
    changed = Signal(str)

    def __init__(self, database, *, today: Callable[[], dt.date] = dt.date.today, parent=None):
        super().__init__(parent)
        self.database = database
        self._today = today
        self.locale = "sv_SE"
        self.refresh_locale()

    def today(self) -> dt.date:
        return self._today()

    def reading(self):
        return self.database.reading()

    def writing(self):
        return self.database.writing()

    def refresh_locale(self) -> None:
        with self.reading() as session:
            company = ui_queries.company_details(session)
        language = company.language if company else "sv"
        self.locale = _LOCALES.get(language, "sv_SE")

    def announce(self, what: str) -> None:
        logger.debug("changed: %s", what)
        if what == COMPANY:
            self.refresh_locale()
        self.changed.emit(what)
