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
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field

from ..domain.errors import RuleViolation
from ..domain.messages import Message, msg
from ..mail.failures import MailFailure, PermanentFailure
from ..mail.sender import SmtpSender
from ..mail.settings import SmtpSettings
from ..storage.database import Database
from . import outbox
from .cancelling import Step, StepReport
from .mail_builders import PARALLEL_FROM, Builders, BuildFailed, DatabaseUnavailable
from .mail_settings import smtp_settings
from .reminder_mail import NotSendable, OutgoingMail, WireMail

# The debug category the log settings name, whichever module of the engine is logging.
logger = logging.getLogger("finqr_desktop.scheduler")


@dataclass(frozen=True)
class Problem:
    """An item that did not go out this run, for the clerk; ``retry_at`` (aware UTC) is when
    the worker tries a temporary failure again."""

    invoice_number: str
    kind: str
    level: int
    error: str
    permanent: bool
    retry_at: dt.datetime | None = None

    def text(self) -> Message:
        """One line for the clerk: which message of which invoice, and what happens next
        (the retry in the computer's local time, with its zone)."""
        what = message_name(self.kind, self.level)
        if self.permanent or self.retry_at is None:
            return msg(
                "{number} {what}: failed, not tried again until you act: {error}",
                number=self.invoice_number,
                what=what,
                error=self.error,
            )
        return msg(
            "{number} {what}: not sent yet, will be tried again at {time}: {error}",
            number=self.invoice_number,
            what=what,
            time=self.retry_at.astimezone().strftime("%Y-%m-%d %H:%M %Z"),
            error=self.error,
        )


def message_name(kind: str, level: int) -> Message:
    """An outbox item in the clerk's words: "invoice e-mail", "reminder 2"..."""
    if kind == "reminder":
        return msg("reminder {level}", level=level) if level else msg("payment notice")
    if kind == "manual":
        return msg("invoice e-mail sent again")
    return msg("invoice e-mail")


@dataclass
class SendReport:
    """``failed``: stopped until the clerk acts; ``deferred``: retried after a pause.
    ``due``: what could be sent when the run began; ``stopped``: a stop was asked for."""

    sent: int = 0
    failed: int = 0
    deferred: int = 0
    enqueued: int = 0
    problems: list[Problem] = field(default_factory=list)
    due: int = 0
    stopped: bool = False

    @property
    def handled(self) -> int:
        return self.sent + self.failed + self.deferred


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
    parallel_from: int = PARALLEL_FROM,
    progress: StepReport | None = None,
) -> SendReport:
    """Send what is due at ``now`` over one SMTP connection; at most ``limit`` items.

    While the server takes one message the next ones are claimed and built (in worker
    processes when at least ``parallel_from`` are due), so building and waiting for the
    server overlap; still only one message is ever in flight. When the server cannot be
    reached the run stops after that item (deferred) instead of claiming every other item
    just to fail it the same way. ``cancelled`` is asked before each claim and before each
    send, so a stop request finishes the item in flight and sends no more; items claimed
    ahead go back unsent. ``progress`` is told a Step (messages handled of those due, the
    invoice's number) as each message goes, and once more when the run ends.
    """
    with database.writing() as session:
        settings = smtp_settings(session)
        if settings is None:
            raise RuleViolation(msg("no SMTP settings: set them with `finqr settings smtp`"))
        summary = outbox.enqueue_due(session, now)
        expected = outbox.sendable_count(session, now)
        window_open = outbox.in_send_window(session, now)
    report = SendReport(enqueued=summary.inserted + summary.released, due=expected)
    if limit is not None:
        report.due = min(report.due, limit)
    run = _Run(database, settings, sender_factory(settings, password), now, report)
    builders = Builders(database, settings, now, expected=expected, parallel_from=parallel_from)
    ahead: deque[tuple[outbox.Claim, Future]] = deque()

    def room() -> int:
        taken = report.handled + run.in_flight + len(ahead)
        free = builders.window - len(ahead)
        return free if limit is None else min(free, limit - taken)

    drained = False
    try:
        while True:
            # Claimed in batches: the pipeline is topped up once it has run half empty, so
            # one transaction claims several messages. After a batch came back short, only
            # an empty pipeline looks again (for what fell due or was issued meanwhile).
            wanted = room()
            top_up = len(ahead) <= builders.window // 2 and not (drained and ahead)
            if wanted > 0 and top_up and not cancelled():
                with database.writing() as session:
                    claims = outbox.claim_batch(
                        session, owner, now, wanted, lease_seconds, window_open=window_open
                    )
                drained = len(claims) < wanted
                ahead.extend((claim, builders.submit(claim)) for claim in claims)
            if not ahead:
                break
            claim, future = ahead.popleft()
            mail = run.built(claim, future)
            if mail is None:
                continue
            # The next items are claimed and built; only now is the one in flight waited for.
            going = run.finish() and not cancelled()
            if going:
                _tell(progress, report, claim.invoice_number)
                going = run.start(claim, mail)
            if not going:
                if claim.outbox_id not in run.marked:
                    run.release(claim)
                break
        run.finish()
        for claim, _future in ahead:
            run.release(claim)
        report.stopped = cancelled()
        _tell(progress, report, "")
    except Exception:
        run.sender.close()
        raise
    except BaseException:
        # A stop that abandons the item in flight lands mid-command: a polite QUIT would
        # wait for a reply that may never come, so the socket is left to close on its own.
        logger.info("run abandoned with an item in flight")
        raise
    finally:
        builders.close()
    run.sender.close()
    logger.info(
        "run done: %d sent, %d failed, %d deferred", report.sent, report.failed, report.deferred
    )
    return report


def _tell(progress: StepReport | None, report: SendReport, invoice_number: str) -> None:
    """A Step for the message about to go (``invoice_number``), or for the run's end."""
    if progress is None:
        return
    done = report.handled
    # More may fall due during a run (a manual reminder): the count never runs past the total.
    total = max(report.due, done + 1 if invoice_number else done)
    progress(Step(done, total, invoice_number))


class _Run:
    """One run's item in flight: sent on a helper thread while the caller prepares the next.

    Only SMTP happens on that thread; every database step stays with the caller, in its own
    transaction, so no session ever crosses threads.
    """

    def __init__(self, database, settings, sender: SmtpSender, now, report: SendReport):
        self.database, self.settings, self.sender = database, settings, sender
        self.now, self.report = now, report
        self._flight: _Flight | None = None
        # Items this run already marked failed (start could not connect, say).
        self.marked: set[int] = set()

    @property
    def in_flight(self) -> int:
        return 0 if self._flight is None else 1

    def built(self, claim: outbox.Claim, future: Future) -> OutgoingMail | None:
        """The claimed item's message; None when it could not be built (marked failed)."""
        logger.debug("claimed outbox %s (%s %s)", claim.outbox_id, claim.kind, claim.level)
        try:
            return future.result()
        except NotSendable as error:
            self._failed(claim, str(error), True)
        except DatabaseUnavailable:
            raise  # not this item's fault; it is tried again once its lease runs out
        except BuildFailed as error:
            # A fault in rendering this one item must not stop every later run at the
            # same item once its lease runs out: it waits for the clerk.
            self._failed(claim, str(error), True)
        return None

    def start(self, claim: outbox.Claim, mail: OutgoingMail) -> bool:
        """Connect if need be and hand the message to the sending thread; False when the
        server cannot be reached (the item is then marked and the run should stop)."""
        try:
            self.sender.connect()
        except MailFailure as error:
            permanent = isinstance(error, PermanentFailure)
            self._failed(claim, str(error), permanent, mail.recipients)
            return False
        self._flight = _Flight(self.sender, claim, mail)
        return True

    def finish(self) -> bool:
        """Wait for the item in flight and record what the server said; False when the
        connection failed in a way that later items would share."""
        flight, self._flight = self._flight, None
        if flight is None:
            return True
        message_id, error = flight.result()
        claim, mail = flight.claim, flight.mail
        if error is not None:
            self._failed(claim, str(error), isinstance(error, PermanentFailure), mail.recipients)
            return True
        with self.database.writing() as session:
            outbox.mark_sent(session, claim.outbox_id, message_id, mail.recipients, self.now)
        self.report.sent += 1
        logger.debug("sent outbox %s as %s", claim.outbox_id, message_id)
        return True

    def release(self, claim: outbox.Claim) -> None:
        """A claimed item that will not be sent this run goes back unsent and uncounted."""
        with self.database.writing() as session:
            outbox.release(session, claim.outbox_id)

    def _failed(self, claim, error: str, permanent: bool, recipients=()) -> None:
        self.marked.add(claim.outbox_id)
        with self.database.writing() as session:
            retry_at = outbox.mark_failed(
                session, claim.outbox_id, error, permanent=permanent, now=self.now,
                recipients=list(recipients),
            )  # fmt: skip
        if permanent:
            self.report.failed += 1
        else:
            self.report.deferred += 1
        self.report.problems.append(
            Problem(claim.invoice_number, claim.kind, claim.level, error, permanent, retry_at)
        )
        logger.debug("outbox %s not sent (%s): %s", claim.outbox_id, permanent, error)


class _Flight:
    """``sender.send`` on a daemon thread: a stop signal never waits for a hung server."""

    def __init__(self, sender: SmtpSender, claim: outbox.Claim, mail: OutgoingMail | WireMail):
        self.claim, self.mail = claim, mail
        self._message_id: str | None = None
        self._error: MailFailure | None = None
        self._unexpected: BaseException | None = None
        self._thread = threading.Thread(
            target=self._send, args=(sender,), name="finqr-smtp", daemon=True
        )
        self._thread.start()

    def _send(self, sender: SmtpSender) -> None:
        try:
            mail = self.mail
            self._message_id = sender.send_data(mail.data, mail.recipients, mail.message_id)
        except MailFailure as error:
            self._error = error
        except BaseException as error:  # handed to the caller's thread and raised there
            self._unexpected = error

    def result(self) -> tuple[str | None, MailFailure | None]:
        self._thread.join()
        if self._unexpected is not None:
            raise self._unexpected
        return self._message_id, self._error
