"""Why a reminder is planned, in the clerk's language (domain.reminder_plan.ReminderReason)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from ..domain.reminder_plan import ReminderReason

logger = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("", text)


def _days(count: int) -> str:
    return _tr("1 day") if count == 1 else _tr("{count} days").format(count=count)


def _message_name(what: int | str | None) -> str:
    if what == "invoice":
        return _tr("the invoice")
    if what == "manual":
        return _tr("the manual message")
    return _tr("the friendly notice") if what == 0 else _tr("the last reminder")


def reason_text(why: ReminderReason) -> str:
    offset = why.offset_days
    if offset < 0:
        text = _tr("Level {level}: {days} before the due date").format(
            level=why.level, days=_days(-offset)
        )
    elif offset == 0:
        text = _tr("Level {level}: on the due date").format(level=why.level)
    else:
        text = _tr("Level {level}: {days} after the due date").format(
            level=why.level, days=_days(offset)
        )
    if why.since_days is not None and why.invoice_unsent:
        text = _tr("{reason}; waits for the invoice e-mail, not sent yet, and then {days}").format(
            reason=text, days=_days(why.since_days)
        )
    elif why.since_days is not None:
        text = _tr("{reason}, {days} since {message}").format(
            reason=text, days=_days(why.since_days), message=_message_name(why.since_what)
        )
    if why.caught_up:
        text = _tr("{reason} (caught up after days away)").format(reason=text)
    return text
