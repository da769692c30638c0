"""Building a run's e-mails: here, or in worker processes when there are many.

Rendering a reminder's PDF and its MIME message is pure Python work, and it is most of what
sending costs. On a machine with more than one core, a run with many messages builds the
next ones in worker processes while this one talks to the mail server and keeps the
outbox. A worker opens the ledger itself by URL and builds from the claim's plain values in
its own transaction, with the same ``build_mail``, so a message is the same whichever
process made it. A small run builds here: starting workers would cost more than it saves.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from ..domain.messages import error_message, msg
from ..mail.settings import SmtpSettings
from ..storage.database import Database, LedgerBusy, LedgerGone
from ..storage.location import sqlite_file
from .ledger import open_ledger
from .outbox import Claim
from .reminder_mail import NotSendable, OutgoingMail, WireMail, build_mail

logger = logging.getLogger("finqr_desktop.scheduler")

# Items due in one run before worker processes pay for their start-up (about a second).
PARALLEL_FROM = 40
MAX_WORKERS = 4


class DatabaseUnavailable(Exception):
    """The ledger could not be read to build a message: the run stops, and the item waits
    for its lease to run out (the message is not at fault)."""


class BuildFailed(Exception):
    """Building one message failed for a reason of its own (a broken template, say)."""


# A locked SQLite file, a PostgreSQL server gone away: a later run may well succeed.
DATABASE_UNAVAILABLE = (
    OperationalError, InterfaceError, PoolTimeout, DatabaseUnavailable, LedgerBusy, LedgerGone
)  # fmt: skip


class Builders:
    """Hands out a future message per claim, in the order claimed."""

    def __init__(
        self,
        database: Database,
        settings: SmtpSettings,
        now,
        *,
        expected: int,
        parallel_from: int = PARALLEL_FROM,
    ):
        self.database, self.settings, self.now = database, settings, now
        self._pool: ProcessPoolExecutor | None = None
        workers = min((os.cpu_count() or 1) - 1, MAX_WORKERS)
        if expected >= parallel_from and workers >= 1 and _shareable(database.url):
            self._pool = ProcessPoolExecutor(
                workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(database.url,),
            )
            logger.info("building %d messages in %d worker processes", expected, workers)
        self.workers = workers if self._pool is not None else 0

    @property
    def window(self) -> int:
        """How many items to claim ahead: enough to keep every worker busy, claimed a few
        at a time. Building here, one at a time keeps building and sending overlapped."""
        return 4 * self.workers + 2 if self._pool is not None else 1

    def submit(self, claim: Claim) -> Future:
        if self._pool is not None:
            try:
                return self._pool.submit(_build_in_worker, claim, self.settings, self.now)
            except BrokenProcessPool:
                logger.warning("the worker processes died; building here from now on")
                self._pool = None
        done: Future = Future()
        try:
            done.set_result(build_here(self.database, claim, self.settings, self.now))
        except Exception as error:  # handed over as the future's outcome, as a worker's is
            done.set_exception(error)
        return done

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


def build_here(database: Database, claim: Claim, settings: SmtpSettings, now) -> OutgoingMail:
    """The claimed item's message, built in this process.

    An invoice e-mail may archive the invoice's PDF the first time it is rendered (batch
    issue archives later), so it is built in a writing transaction.
    """
    opening = database.writing if claim.kind != "reminder" else database.reading
    try:
        with opening() as session:
            return build_mail(session, claim, settings, now)
    except (NotSendable, DatabaseUnavailable):
        raise
    except DATABASE_UNAVAILABLE as error:
        raise DatabaseUnavailable(str(error)) from error
    except Exception as error:
        logger.exception("could not build the message for outbox %s", claim.outbox_id)
        raise BuildFailed(
            msg("could not build the message: {reason}", reason=error_message(error))
        ) from error


_worker_database: Database | None = None


def _start_worker(url: str) -> None:
    global _worker_database
    _worker_database = open_ledger(url)


def _build_in_worker(claim: Claim, settings: SmtpSettings, now) -> WireMail:
    # Serialised here, where the CPU is spare, and sent back as bytes; only plain,
    # picklable errors cross back (SQLAlchemy's own do not travel well).
    return build_here(_worker_database, claim, settings, now).wire()


def _shareable(url: str) -> bool:
    """A database another process can open too: not SQLite in memory."""
    try:
        return sqlite_file(url) is not None or not url.startswith("sqlite")
    except Exception:  # a URL the workers could not open either
        return False
