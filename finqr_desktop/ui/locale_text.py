"""Qt's side of the clerk's formats: date fields and number hints in the formats locale.

Babel writes the texts (domain/number_text.py, domain/date_text.py); this module makes
Qt's own widgets agree with them, so a date typed into a QDateEdit is read in the same
form the lists show it (2024-03-31 in sv_SE, 31/03/2024 in en_GB).
"""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal

from babel.numbers import format_decimal
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit

from ..domain.date_text import day_pattern
from .translation import ui_locale

logger = logging.getLogger(__name__)


def qt_date_format(locale: str | None = None) -> str:
    """The display format of a QDateEdit for ``locale`` (the formats installed by default).

    CLDR's short numeric date patterns use the same letters as Qt's (d, dd, M, MM, yyyy),
    so the pattern carries over as it is.
    """
    return day_pattern(locale or ui_locale())


def date_edit(day: dt.date | None = None, locale: str | None = None) -> QDateEdit:
    """A date field with a calendar pop-up that shows and reads days in ``locale``."""
    edit = QDateEdit(QDate(day.year, day.month, day.day)) if day else QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(qt_date_format(locale))
    return edit


def number_example(value: str, locale: str | None = None) -> str:
    """``value`` (machine text such as "1234.56") as the clerk would type it in ``locale``,
    with every decimal kept: the placeholder of a number field ("1 234,56", "0,00")."""
    number = Decimal(value)
    decimals = max(0, -number.as_tuple().exponent)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    text = format_decimal(number, pattern, locale=locale or ui_locale())
    # A placeholder is read, not parsed: plain spaces read the same as CLDR's NBSP.
    return text.replace("\u00a0", " ").replace("\u202f", " ")
