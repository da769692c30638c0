"""One run of the sending engine: enqueue what is due, then send it item by item.

The GUI's background worker, ``finqr scheduler run`` and ``finqr reminders send-due
--once`` all call ``send_due``. Every step has its own short transaction: an item is
claimed (and committed) before its message goes out and marked sent only after the server
accepted it, so a crash leaves at most that one message uncertain and nothing is sent
twice. Between transactions only plain values travel (a ``Claim``, a built message).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from ..domain.errors import RuleViolation
from ..mail.failures import PermanentFailure, TemporaryFailure
from ..mail.sender import SmtpSender
from ..mail.settings import SmtpSettings
from ..storage.database import Database
from . import outbox
from .mail_settings import smtp_settings
from .reminder_mail import NotSendable, build_mail

# The debug category the log settings name, whichever module of the engine is logging.
logger = logging.getLogger("finqr_desktop.scheduler")

# A locked SQLite file, a PostgreSQL server gone away: a later run may well succeed.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError, PoolTimeout)


@dataclass(frozen=True)
class Problem:
    """An item that did not go out this run, for the clerk."""

    invoice_number: str
    kind: str
    level: int
    error: str
    permanent: bool


@dataclass
class SendReport:
    """``failed``: stopped until the clerk acts; ``deferred``: retried after a pause."""

    sent: int = 0
    failed: int = 0
    deferred: int = 0
    enqueued: int = 0
    problems: list[Problem] = field(default_factory=list)


def send_due(
    database: Database,
    *,
    now: dt.datetime,
    owner: str,
    password: str | None,
    sender_factory: Callable[[SmtpSettings, str | None], SmtpSender] = SmtpSender,
    limit: int | None = None,
    lease_seconds: int = outbox.LEASE_SECONDS,
    cancelled: Callable[[], bool] = lambda: False,
) -> SendReport:
    """Send what is due at ``now`` over one SMTP connection; at most ``limit`` items.

    When the server cannot be reached the run stops after that item (deferred) instead
    of claiming every other item just to fail it the same way. ``cancelled`` is asked
    before each claim, so a stop request finishes the item in flight and claims no more.
    """
    with database.writing() as session:
        settings = smtp_settings(session)
        if settings is None:
            raise RuleViolation("no SMTP settings: set them with `finqr settings smtp`")
        summary = outbox.enqueue_due(session, now)
    report = SendReport(enqueued=summary.inserted + summary.released)
    sender = sender_factory(settings, password)
    try:
        while limit is None or report.sent + report.failed + report.deferred < limit:
            if cancelled():
                logger.info("run cancelled before the next item")
                break
            with database.writing() as session:
                claim = outbox.claim_next(session, owner, now, lease_seconds)
            if claim is None:
                break
            if not _send_one(database, claim, settings, sender, now, report):
                break
    except Exception:
        sender.close()
        raise
    except BaseException:
        # A stop that abandons the item in flight lands mid-command: a polite QUIT would
        # wait for a reply that may never come, so the socket is left to close on its own.
        logger.info("run abandoned with an item in flight")
        raise
    sender.close()
    logger.info(
        "run done: %d sent, %d failed, %d deferred", report.sent, report.failed, report.deferred
    )
    return report


def _send_one(database, claim, settings, sender, now, report: SendReport) -> bool:
    """Build, send and mark one claimed item; False when the server is unreachable."""
    logger.debug("claimed outbox %s (%s %s)", claim.outbox_id, claim.kind, claim.level)
    try:
        with database.reading() as session:
            mail = build_mail(session, claim, settings, now)
    except NotSendable as error:
        _failed(database, claim, str(error), True, now, report)
        return True
    except DATABASE_UNAVAILABLE:
        raise  # not this item's fault; it is tried again once its lease runs out
    except Exception as error:
        # A fault in rendering this one item (a broken template, say) must not stop every
        # later run at the same item once its lease runs out: it waits for the clerk.
        logger.exception("could not build the message for outbox %s", claim.outbox_id)
        _failed(database, claim, f"could not build the message: {error}", True, now, report)
        return True
    try:
        sender.connect()
    except TemporaryFailure as error:
        _failed(database, claim, str(error), False, now, report)
        return False
    except PermanentFailure as error:
        _failed(database, claim, str(error), True, now, report)
        return False
    try:
        message_id = sender.send(mail.message)
    except TemporaryFailure as error:
        _failed(database, claim, str(error), False, now, report)
        return True
    except PermanentFailure as error:
        _failed(database, claim, str(error), True, now, report)
        return True
    with database.writing() as session:
        outbox.mark_sent(session, claim.outbox_id, message_id, mail.recipients, now)
    report.sent += 1
    logger.debug("sent outbox %s as %s", claim.outbox_id, message_id)
    return True


def _failed(database, claim, error: str, permanent: bool, now, report: SendReport) -> None:
    with database.writing() as session:
        outbox.mark_failed(session, claim.outbox_id, error, permanent=permanent, now=now)
    if permanent:
        report.failed += 1
    else:
        report.deferred += 1
    report.problems.append(
        Problem(claim.invoice_number, claim.kind, claim.level, error, permanent)
    )
    logger.debug("outbox %s not sent (%s): %s", claim.outbox_id, permanent, error)
