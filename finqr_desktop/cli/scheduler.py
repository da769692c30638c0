"""`finqr scheduler run`: the sending engine as a foreground daemon, for a server or a NAS.

It runs ``send_due`` at start and then every ``--interval`` seconds until SIGTERM or
Ctrl+C. The first signal lets the item in flight finish and claims no more; a second one
abandons it at once, which the outbox lease makes safe too (the item is sent again only
after its lease has run out). A mail server that cannot be reached or a locked database
costs one run, not the daemon: it is logged and the next interval tries again. The SMTP
password is read once, at start, the way ``reminders send-due`` reads it.
"""

from __future__ import annotations

import argparse
import logging
import os
import select
import signal
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from ..domain.errors import RuleViolation
from ..services.backups import daily_backup_safely
from ..services.mail_builders import DATABASE_UNAVAILABLE
from ..services.outbox import LEASE_SECONDS
from ..services.portal_publish import publish_safely
from ..services.scheduler import SendReport, send_due
from . import mail
from .errors import EXIT_OK, one_line

# The scheduler's debug category, shared with the engine (see services/scheduler.py).
logger = logging.getLogger("finqr_desktop.scheduler")

DEFAULT_INTERVAL = 300
# A day: a longer pause is a cron job's work (`reminders send-due --once`).
MAX_INTERVAL = 86_400
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


class Abandoned(BaseException):
    """A second stop signal: leave the item in flight to its lease and exit now.

    A BaseException, like KeyboardInterrupt, so that no ``except Exception`` on the way
    out (the mail sender has some) mistakes it for a failed send.
    """


def register(commands, common: argparse.ArgumentParser) -> None:
    group = commands.add_parser(
        "scheduler", parents=[common], help="send due reminders in the background"
    )
    actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)
    run = actions.add_parser(
        "run",
        parents=[common],
        help="send what is due now and every --interval seconds, until stopped",
        description="A foreground daemon; for one run from cron use `reminders send-due --once`.",
    )
    run.add_argument("--interval", type=_interval, default=DEFAULT_INTERVAL, metavar="SECONDS",
                     help=f"seconds between runs (default {DEFAULT_INTERVAL})")  # fmt: skip
    # For tests that kill the daemon and must not wait five minutes for the lease.
    run.add_argument("--lease-seconds", type=_interval, default=LEASE_SECONDS,
                     help=argparse.SUPPRESS)  # fmt: skip
    run.set_defaults(handler=run_scheduler)


def run_scheduler(args: argparse.Namespace, database) -> int:
    """Exit 0 on a stop signal: whatever did not go out waits in the outbox."""
    password = mail._password(mail._settings(database))
    owner = f"scheduler:{socket.gethostname()}:{os.getpid()}"
    stop = StopRequest()
    with stop.installed():
        print(f"Scheduler started: a run every {args.interval} s; stop with Ctrl+C.", flush=True)
        logger.info("scheduler %s started, interval %s s", owner, args.interval)
        runs = 0
        try:
            while not stop.requested:
                started = time.monotonic()
                runs += 1
                line = one_run(database, owner, password, args.lease_seconds, stop.is_requested)
                print(line, flush=True)
                # The daily automatic backup, when the newest one is a day old (logged).
                daily_backup_safely(database)
                # The portal, when publishing is automatic and the ledger changed (logged):
                # payments and invoices from other workstations count too.
                publish_safely(database, mail.now().date())
                stop.wait(args.interval - (time.monotonic() - started))
            logger.info("%s received: stopping between items", stop.signal_name)
        except Abandoned as signal_name:
            logger.warning("stopped by a second %s; the item in flight waits for its lease",
                           signal_name)  # fmt: skip
    logger.info("scheduler %s stopped after %d run(s)", owner, runs)
    print(f"Scheduler stopped after {runs} run{'' if runs == 1 else 's'}.", flush=True)
    return EXIT_OK


def one_run(
    database, owner: str, password: str | None, lease_seconds: int, cancelled: Callable[[], bool]
) -> str:
    """One run of the engine, summed up in one line; only a stop signal gets out of it."""
    moment = mail.now()
    stamp = moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    try:
        report = send_due(
            database, now=moment, owner=owner, password=password,
            lease_seconds=lease_seconds, cancelled=cancelled,
        )  # fmt: skip
    except DATABASE_UNAVAILABLE as error:
        logger.warning("run at %s: the database is unavailable: %s", stamp, one_line(error))
        return f"{stamp} the database is unavailable, trying again later: {one_line(error)}"
    except RuleViolation as error:  # no SMTP settings any more
        logger.warning("run at %s: %s", stamp, error)
        return f"{stamp} nothing sent: {error}"
    return f"{stamp} {_summary(report)}"


def _summary(report: SendReport) -> str:
    line = f"sent {report.sent}, failed {report.failed}, deferred {report.deferred}"
    for problem in report.problems:
        # Only what waits for the clerk is a warning; a retry is the normal offline case.
        level = logging.WARNING if problem.permanent else logging.INFO
        logger.log(level, "%s %s %s not sent (%s): %s", problem.invoice_number, problem.kind,
                   problem.level, "waits for the clerk" if problem.permanent else "will retry",
                   problem.error)  # fmt: skip
    if report.problems:
        line += f"; last problem: {report.problems[-1].error}"
    return line


class StopRequest:
    """Set by SIGTERM or SIGINT; ``wait`` sleeps until the next run or until a signal.

    The handler only sets a flag and sends a byte over a socket pair (``select`` wakes on
    it; a socket rather than a pipe, because Windows can select only on sockets):
    taking a lock in a signal handler, as ``threading.Event.set`` does, can deadlock
    against the same lock held by the interrupted main thread.
    """

    def __init__(self) -> None:
        self.requested = False
        self.signal_name = ""
        self._wake_read, self._wake_write = socket.socketpair()
        self._wake_write.setblocking(False)

    @contextmanager
    def installed(self) -> Iterator[StopRequest]:
        previous = {number: signal.signal(number, self._on_signal) for number in STOP_SIGNALS}
        try:
            yield self
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)
            self._wake_read.close()
            self._wake_write.close()

    def is_requested(self) -> bool:
        return self.requested

    def wait(self, seconds: float) -> None:
        if not self.requested and seconds > 0:
            select.select([self._wake_read], [], [], seconds)

    def _on_signal(self, number, _frame) -> None:
        if self.requested:
            raise Abandoned(signal.Signals(number).name)
        self.requested = True
        self.signal_name = signal.Signals(number).name
        try:
            self._wake_write.send(b"!")
        except BlockingIOError:
            pass


def _interval(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= MAX_INTERVAL:
        raise argparse.ArgumentTypeError(
            f"a whole number of seconds from 1 to {MAX_INTERVAL}, not {text!r}"
        )
    return int(text)
