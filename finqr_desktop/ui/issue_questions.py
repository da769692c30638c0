"""The questions the editor asks before an invoice is issued, when bookkeeping has a say.

A due date already gone at issue may be what was agreed, so the clerk confirms it rather
than being stopped. An invoice dated before one already issued in its series is refused by
the ledger (``services.issue_order``); the way out offered is to date it today.
"""

from __future__ import annotations

import datetime as dt
import logging

from babel import Locale
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ..domain.date_text import format_day
from ..services.issue_order import OutOfDateOrder
from . import messages
from .message_text import error_text

logger = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("", text)


def due_date_accepted(parent: QWidget, due: dt.date | None, today: dt.date, locale) -> bool:
    """True when ``due`` is still to come, or the clerk issues with a past one all the same."""
    if due is None or due >= today:
        return True
    question = _tr(
        "The due date {due} has already passed: the invoice would ask the customer to pay "
        "by a day that is gone. Issue it anyway?"
    ).format(due=format_day(due, locale))
    accepted = messages.confirm(parent, _tr("Due date has passed"), question)
    logger.info("due date %s past at issue on %s; issue anyway: %s", due, today, accepted)
    return accepted


def dating_today_accepted(parent: QWidget, refusal: OutOfDateOrder, locale: Locale) -> bool:
    """Say why the invoice was refused and ask to date it today; when even today is too
    early (the later invoice is dated ahead), only say why. True: date it today."""
    problem = error_text(refusal)
    problem = problem[:1].upper() + problem[1:]
    if refusal.latest > refusal.today:
        messages.warn(parent, _tr("Not issued"), problem)
        return False
    question = _tr("{problem}.\n\nDate the invoice today, {today}, and issue it?").format(
        problem=problem.rstrip("."), today=format_day(refusal.today, locale)
    )
    return messages.confirm(parent, _tr("Invoice numbers follow the dates"), question)
