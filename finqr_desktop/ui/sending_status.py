"""The sending worker's state as the clerk reads it, shared by the scheduler and its views.

``REMINDERS`` is the change announcement the Reminders page reloads on; it lives here so
that the page, its sending panel and the scheduler can all name it without importing one
another in a circle.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from ..services.scheduler import SendReport

REMINDERS = "reminders"


def _tr(text: str) -> str:
    return QCoreApplication.translate("", text)


@dataclass(frozen=True)
class SendingStatus:
    """``problem`` is why nothing (or not everything) went out, or "" when all is well."""

    running: bool = False
    sent_in_run: int = 0
    last_run_at: dt.datetime | None = None
    last_report: SendReport | None = None
    next_run_at: dt.datetime | None = None
    problem: str = ""


def clock_time(moment: dt.datetime) -> str:
    """Hours and minutes on this computer's clock."""
    return moment.astimezone().strftime("%H:%M")


def describe(status: SendingStatus) -> str:
    """One line: the run in progress or the last one, then when the next one comes."""
    if status.running:
        text = _tr("Sending… {sent} sent so far.").format(sent=status.sent_in_run)
    elif status.last_run_at is None:
        text = _tr("No run yet.")
    elif status.last_report is None:
        text = _tr("Last run at {time} stopped.").format(time=clock_time(status.last_run_at))
    else:
        report = status.last_report
        text = _tr(
            "Last run at {time}: {sent} sent, {failed} failed, {deferred} to retry later."
        ).format(
            time=clock_time(status.last_run_at),
            sent=report.sent,
            failed=report.failed,
            deferred=report.deferred,
        )
    if status.next_run_at is not None and not status.running:
        text += " " + _tr("Next run at {time}.").format(time=clock_time(status.next_run_at))
    return text


def summary(status: SendingStatus) -> str:
    """The short form for the window's status bar."""
    if status.running:
        return _tr("Sending… {sent} sent").format(sent=status.sent_in_run)
    if status.problem:
        return status.problem
    if status.last_report is not None:
        report = status.last_report
        return _tr("E-mail: {sent} sent, {failed} failed").format(
            sent=report.sent, failed=report.failed
        )
    return ""
