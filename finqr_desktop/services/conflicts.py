"""Two clerks, one record: the second save is refused with who saved it first, and when.

Drafts and customers carry a version column (SQLAlchemy's ``version_id_col``). An editor
remembers the version it loaded; a save that finds another version is refused instead of
overwriting the other clerk's work. The message names that clerk from the audit trail
(services.audit), so the clerk knows whom to ask and that a reload is what to do.
"""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy.orm import Session

from ..domain.errors import RuleViolation
from ..domain.messages import msg
from . import audit

logger = logging.getLogger(__name__)


class ConflictError(RuleViolation):
    """Someone else saved the same record since it was opened; reload before saving."""

    def __init__(self, message: str, *, by: audit.AuditEntry | None = None):
        super().__init__(message)
        self.by = by


def stale(
    session: Session,
    what: str,
    *,
    invoice_id: int | None = None,
    customer_id: int | None = None,
    now: dt.datetime | None = None,
) -> ConflictError:
    """The error for a save of ``what`` ("this draft") made from an outdated copy."""
    entry = audit.last_change(session, invoice_id=invoice_id, customer_id=customer_id)
    logger.info("refused a stale save of %s (%s, %s)", what, invoice_id, customer_id)
    if entry is None:
        return ConflictError(
            msg(
                "someone else saved {what} while you were editing; reload it to see their "
                "changes (yours are not saved)",
                what=what,
            )
        )
    return ConflictError(
        msg(
            "{who} saved {what} {when} while you were editing; reload it to see their "
            "changes (yours are not saved)",
            who=who(entry),
            what=what,
            when=when(entry.at, now),
        ),
        by=entry,
    )


def who(entry: audit.AuditEntry) -> str:
    return msg("{user} on {workstation}", user=entry.user, workstation=entry.workstation)


def when(at: dt.datetime, now: dt.datetime | None = None) -> str:
    """ "at 14:05" today, "on 2026-12-03 at 14:05" another day, in local time."""
    local = at.astimezone()
    today = (now or dt.datetime.now().astimezone()).astimezone().date()
    clock = local.strftime("%H:%M")
    if local.date() == today:
        return msg("at {clock}", clock=clock)
    return msg("on {day} at {clock}", day=local.date().isoformat(), clock=clock)
