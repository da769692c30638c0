"""The outbox: what the clerk approved, skipped or postponed, and what the worker sends.

Each (invoice, kind, level) has at most one row, so enqueueing again, a second worker or a
restart can never add a level or charge a fee twice. A reminder never goes before the
invoice's own e-mail has: it is not claimed while that e-mail waits, and once it went, the
reminders waiting for it move to the policy's gap after it. A worker claims one row with a lease,
commits, sends, then marks it sent or failed in a new transaction; a crash in between leaves
the row claimed until the lease runs out, and only then is it sent again. Times in the
table are naive UTC; the functions take aware datetimes.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import and_, exists, false, func, or_, select, true, update
from sqlalchemy.orm import Session, aliased

from ..domain.errors import RuleViolation, ValidationFailed
from ..domain.messages import msg
from ..domain.money import from_minor, to_minor
from ..domain.send_window import local_day, next_send_time, opening_on
from ..storage.models import CustomerRow, InvoiceRow, MessageLogRow, OutboxRow
from . import audit
from .reminder_queue import MAIL_UNSENT, QueueItem, queue
from .reminder_settings import reminder_mode, reminder_policy

logger = logging.getLogger(__name__)

LEASE_SECONDS = 300
BACKOFF_START = dt.timedelta(seconds=60)
# Capped rather than given up: offline, items wait and go once the server answers again.
BACKOFF_CAP = dt.timedelta(hours=1)
BACKOFF_DOUBLINGS = 16  # 2**16 minutes is far past the cap
REVIEWABLE = ("pending", "approved", "postponed", "skipped", "failed")
CLAIM_TRIES = 5
# What a payment in full stops: the reminders, and the invoice's own e-mail asking for it.
PAID_STOPS = ("reminder", "invoice")
# The amounts an outbox row carries, worked out by the queue when the row is written.
FIGURES = ("fee_minor", "compensation_minor", "interest_minor", "amount_due_minor")
# Reminder rows not sent yet that keep a planned time: moved when the invoice e-mail goes.
WAITING_REMINDERS = ("pending", "approved", "postponed")
# How far ahead a reminder may land after its invoice e-mail (the longest gap a policy has).
REPLAN_DAYS = 366


@dataclass(frozen=True)
class EnqueueSummary:
    inserted: int
    released: int


@dataclass(frozen=True)
class Claim:
    """A claimed row as plain values, safe to hand to a thread without the session."""

    outbox_id: int
    invoice_id: int
    invoice_number: str
    kind: str
    level: int
    attempts: int
    lease_until: dt.datetime
    currency: str
    amount_due: Decimal
    fee: Decimal
    interest: Decimal
    compensation: Decimal = Decimal(0)


def utc(moment: dt.datetime) -> dt.datetime:
    """``moment`` as the naive UTC the table stores."""
    if moment.tzinfo is None:
        raise ValueError("outbox times need a time zone")
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def approve(session: Session, targets: Iterable[QueueItem | int]) -> int:
    """Approve queue items (creating their rows) or outbox rows by id; returns how many."""
    changed = 0
    for target in targets:
        figures = {}
        if isinstance(target, QueueItem):
            changed += _insert(session, _row_for(target, "approved"))
            where = and_(OutboxRow.invoice_id == target.invoice_id, _reminder(target.level))
            # A row held earlier (skipped, postponed) goes with the figures approved now.
            row = _row_for(target, "approved")
            figures = {key: row[key] for key in (*FIGURES, "planned_at")}
            detail = f"reminder {target.level} approved"
            audit.record(session, audit.REMINDER, invoice_id=target.invoice_id, detail=detail)
        else:
            where = OutboxRow.id == target
        # An approved reminder goes: a hold's note (customer credit) no longer applies.
        changed += _set(
            session, where, status="approved", next_attempt_at=None, skip_reason="", **figures
        )
    return changed


def skip(session: Session, invoice_id: int, level: int, reason: str) -> None:
    if not reason.strip():
        raise ValidationFailed.single("reason", msg("is required"))
    _hold(session, invoice_id, level, status="skipped", skip_reason=reason.strip())
    detail = f"reminder {level} skipped: {reason.strip()}"
    audit.record(session, audit.REMINDER, invoice_id=invoice_id, detail=detail)


def postpone(session: Session, invoice_id: int, level: int, until: dt.date) -> None:
    """Hold the level until the send window opens on ``until``."""
    planned = utc(opening_on(until, reminder_policy(session).window))
    _hold(session, invoice_id, level, status="postponed", planned_at=planned)
    detail = f"reminder {level} postponed until {until}"
    audit.record(session, audit.REMINDER, invoice_id=invoice_id, detail=detail)


def set_disputed(session: Session, invoice_id: int, flag: bool) -> None:
    result = session.execute(
        update(InvoiceRow)
        .where(InvoiceRow.id == invoice_id, InvoiceRow.is_draft == false())
        .values(disputed=flag)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise RuleViolation(msg("no issued invoice with id {id}", id=invoice_id))
    detail = "marked disputed" if flag else "dispute cleared"
    audit.record(session, audit.DISPUTE, invoice_id=invoice_id, detail=detail)
    logger.info("invoice %s disputed=%s", invoice_id, flag)


def cancel_reminders(session: Session, invoice_id: int, reason: str = "paid") -> int:
    """Cancel the invoice's reminders, and its own e-mail if that has not gone yet, that
    are not sent or being sent; returns how many.

    Called in the transaction that settles the invoice: an invoice paid before its e-mail
    went (a sale paid at the counter, a ledger whose mail was set up later) must not reach
    the customer as a bill. The rows stay, as "cancelled" with ``reason`` in
    ``skip_reason``, so the clerk sees why an approved message never went; a skipped one
    stays skipped, and a claimed one is left alone (``claim_next`` refuses a paid invoice).
    The clerk can still send a copy with "E-mail again".
    """
    # A skipped row keeps the clerk's own reason.
    where = and_(
        OutboxRow.invoice_id == invoice_id,
        OutboxRow.kind.in_(PAID_STOPS),
        OutboxRow.status != "skipped",
    )
    cancelled = _set(session, where, status="cancelled", skip_reason=reason)
    if cancelled:
        logger.info("cancelled %d reminders of invoice %s: %s", cancelled, invoice_id, reason)
    return cancelled


def refresh_figures(session: Session, invoice_id: int, now: dt.datetime) -> int:
    """Re-plan the invoice's reminders waiting in the outbox after a part payment: the
    amount due and the interest (run on what was unpaid day by day) follow the payment."""
    policy = reminder_policy(session)
    refreshed = 0
    for item in queue(session, local_day(now, policy.window), invoice_id=invoice_id):
        if item.status in (None, "skipped"):
            continue
        figures = _row_for(item, item.status)
        refreshed += _set(
            session,
            and_(OutboxRow.invoice_id == invoice_id, _reminder(item.level)),
            **{key: figures[key] for key in FIGURES},
        )
    return refreshed


def restore_cancelled(session: Session, invoice_id: int, reason: str = "paid") -> int:
    """Reminders cancelled for ``reason`` go back to review: the invoice is owed again (a
    payment was reversed). They return as pending, for the clerk to approve again."""
    statement = (
        update(OutboxRow)
        .where(
            OutboxRow.invoice_id == invoice_id,
            # The invoice's own e-mail stays cancelled: the customer had it, or paid at once.
            OutboxRow.kind == "reminder",
            OutboxRow.status == "cancelled",
            OutboxRow.skip_reason == reason,
        )
        .values(status="pending", skip_reason="")
        .execution_options(synchronize_session=False)
    )
    return session.execute(statement).rowcount


def enqueue_due(session: Session, now: dt.datetime, mode: str | None = None) -> EnqueueSummary:
    """Rows for every reminder due by ``now``: pending in manual mode, approved in automatic.

    Postponed rows whose date has come go back to review (or straight to sending).
    """
    mode = mode or reminder_mode(session)
    policy = reminder_policy(session)
    status = "approved" if mode == "automatic" else "pending"
    due = queue(session, local_day(now, policy.window), days=0, policy=policy)
    inserted = sum(
        _insert(session, _new_row(item, status))
        for item in due
        if item.status is None and item.send_at <= now
    )
    # A postponed reminder says what is owed on the day it goes, not on the day it was held.
    for item in due:
        if item.status == "postponed" and item.send_at <= now:
            figures = _row_for(item, status)
            _set(
                session,
                and_(OutboxRow.invoice_id == item.invoice_id, _reminder(item.level)),
                **{key: figures[key] for key in FIGURES},
            )
    released = _set(
        session,
        and_(OutboxRow.status == "postponed", OutboxRow.planned_at <= utc(now)),
        status=status,
    )
    if mode == "automatic":
        # A reminder held because the customer has credit waits for the clerk in either mode.
        released += _set(
            session,
            and_(OutboxRow.status == "pending", OutboxRow.skip_reason == ""),
            status="approved",
        )
    logger.info("enqueued %d reminders, released %d (%s mode)", inserted, released, mode)
    return EnqueueSummary(inserted, released)


def enqueue_invoice(session: Session, invoice_id: int, now: dt.datetime) -> bool:
    """The e-mail of a newly issued invoice, to go at once; False if it was already there."""
    row = {"invoice_id": invoice_id, "kind": "invoice", "level": 0, "planned_at": utc(now)}
    return bool(_insert(session, {**row, "status": "approved"}))


def enqueue_manual(session: Session, invoice_id: int, now: dt.datetime) -> bool:
    """The invoice's own e-mail once more, as the clerk asked; False if one already waits.

    Each is a "manual" row of its own level (1, 2, ...), so the unique (invoice, kind,
    level) still holds; the reminder planner counts it as a message to the customer, and
    the next level keeps its minimum gap from it.
    """
    # The invoice's own e-mail still waiting from the issue is the same copy: not two.
    waiting = session.scalar(
        select(OutboxRow.id).where(
            OutboxRow.invoice_id == invoice_id,
            OutboxRow.kind.in_(("manual", "invoice")),
            OutboxRow.status.in_(("approved", "claimed")),
        )
    )
    if waiting is not None:
        return False
    level = session.scalar(
        select(func.max(OutboxRow.level)).where(
            OutboxRow.invoice_id == invoice_id, OutboxRow.kind == "manual"
        )
    )
    row = {"invoice_id": invoice_id, "kind": "manual", "level": (level or 0) + 1}
    return bool(_insert(session, {**row, "planned_at": utc(now), "status": "approved"}))


def claim_next(
    session: Session,
    owner: str,
    now: dt.datetime,
    lease_seconds: int = LEASE_SECONDS,
    *,
    window_open: bool | None = None,
) -> Claim | None:
    """Claim one sendable row for ``owner``; the caller commits before sending."""
    claims = claim_batch(session, owner, now, 1, lease_seconds, window_open=window_open)
    return claims[0] if claims else None


def claim_batch(
    session: Session,
    owner: str,
    now: dt.datetime,
    count: int,
    lease_seconds: int = LEASE_SECONDS,
    *,
    window_open: bool | None = None,
) -> list[Claim]:
    """Claim up to ``count`` sendable rows for ``owner``, oldest planned first, in one
    transaction; the caller commits before sending any of them.

    One statement claims them all, so a run that works ahead of the server pays for one
    transaction per batch instead of one per message. A reminder whose invoice was paid,
    disputed or paused since approval is left alone.
    """
    if count < 1:
        return []
    at = utc(now)
    sendable = _sendable(at)
    if window_open is None:
        window_open = in_send_window(session, now)
    candidates = (
        select(OutboxRow.id)
        .join(InvoiceRow, InvoiceRow.id == OutboxRow.invoice_id)
        .join(CustomerRow, CustomerRow.id == InvoiceRow.customer_id)
        .where(sendable, _wanted(window_open))
        .order_by(OutboxRow.planned_at, OutboxRow.id)
    )
    if session.get_bind().dialect.name == "postgresql":
        candidates = candidates.with_for_update(skip_locked=True, of=OutboxRow)
    lease_until = at + dt.timedelta(seconds=lease_seconds)
    ordered: list[int] = []
    for _ in range(CLAIM_TRIES):
        ids = list(session.scalars(candidates.limit(count - len(ordered))))
        if not ids:
            break
        # Conditional, so a row another claimer took in the meantime is not taken twice.
        taken = set(
            session.scalars(
                update(OutboxRow)
                .where(OutboxRow.id.in_(ids), sendable)
                .values(
                    status="claimed",
                    lease_owner=owner,
                    lease_until=lease_until,
                    attempts=OutboxRow.attempts + 1,
                )
                .returning(OutboxRow.id)
                .execution_options(synchronize_session=False)
            )
        )
        ordered += [outbox_id for outbox_id in ids if outbox_id in taken]
        if len(taken) == len(ids):
            break  # nobody else was claiming: fewer rows than asked means no more are due
    return _claims(session, ordered)


def _wanted(window_open: bool):
    """The rows worth sending now, judged on their invoice and customer as they are."""
    remaining = InvoiceRow.total_minor - InvoiceRow.credited_minor - InvoiceRow.paid_minor
    # Outside the send window (a weekend, the night, a window changed since approval) only
    # what the clerk sent on purpose, and invoices just issued, go; reminders wait.
    reminders_go = and_(OutboxRow.kind == "reminder", true() if window_open else false())
    # The invoice's own e-mail still to go: its reminder must not overtake it in the queue.
    invoice_mail = aliased(OutboxRow)
    invoice_unsent = exists().where(
        invoice_mail.invoice_id == OutboxRow.invoice_id,
        invoice_mail.kind == "invoice",
        invoice_mail.status.in_(MAIL_UNSENT),
    )
    return or_(
        OutboxRow.kind == "manual",
        # A credit note's e-mail always goes; an invoice's unless it was paid meanwhile (a
        # credited one still goes: the customer's books need it beside the credit note).
        and_(
            OutboxRow.kind == "invoice",
            or_(InvoiceRow.kind == "credit_note", remaining > 0, InvoiceRow.paid_minor == 0),
        ),
        and_(
            reminders_go,
            remaining > 0,
            InvoiceRow.disputed == false(),
            CustomerRow.reminders_paused == false(),
            ~invoice_unsent,
        ),
    )


def in_send_window(session: Session, now: dt.datetime) -> bool:
    """Whether ``now`` lies inside the ledger's send window (a bank day, after its start)."""
    window = reminder_policy(session).window
    return next_send_time(now, window) <= now


def sendable_count(session: Session, now: dt.datetime) -> int:
    """How many rows a run at ``now`` could claim: to size the run, not to promise."""
    return session.scalar(select(func.count()).where(_sendable(utc(now)))) or 0


def _sendable(at: dt.datetime):
    """Rows due to be sent at ``at`` (naive UTC): approved and past any retry pause, or
    claimed by a worker whose lease ran out."""
    return or_(
        and_(
            OutboxRow.status == "approved",
            OutboxRow.planned_at <= at,
            or_(OutboxRow.next_attempt_at.is_(None), OutboxRow.next_attempt_at <= at),
        ),
        and_(OutboxRow.status == "claimed", OutboxRow.lease_until < at),
    )


def mark_sent(
    session: Session,
    outbox_id: int,
    message_id: str,
    recipients: list[str],
    now: dt.datetime,
) -> None:
    """The server accepted the message: the level now counts as sent, its fee as charged."""
    row = _row(session, outbox_id)
    if row.status == "sent":
        logger.warning("outbox %s was sent again (its lease had run out)", outbox_id)
    row.status, row.message_id, row.sent_at = "sent", message_id, utc(now)
    row.lease_owner = row.lease_until = None
    _log(session, row, recipients, now, status="sent", message_id=message_id)
    what = row.kind if row.kind != "reminder" else f"reminder {row.level}"
    detail = f"{what} e-mailed to {', '.join(recipients)}"
    audit.record(session, audit.SEND, invoice_id=row.invoice_id, detail=detail)
    if row.kind == "invoice":
        replan_after_invoice(session, row.invoice_id, now)


def replan_after_invoice(session: Session, invoice_id: int, now: dt.datetime) -> int:
    """The invoice's own e-mail has just gone out: its reminders waiting in the outbox move
    to the policy's minimum gap after it, never earlier than they were. Returns how many.

    A reminder approved while the e-mail waited was planned for the day the e-mail was
    expected; one approved before the e-mail was queued, or while it kept failing, may be
    due already. Either would otherwise follow the invoice by minutes."""
    waiting = session.scalars(
        select(OutboxRow.id).where(
            OutboxRow.invoice_id == invoice_id,
            OutboxRow.kind == "reminder",
            OutboxRow.status.in_(WAITING_REMINDERS),
        )
    ).all()
    if not waiting:
        return 0
    policy = reminder_policy(session)
    today = local_day(now, policy.window)
    moved = 0
    for item in queue(session, today, days=REPLAN_DAYS, invoice_id=invoice_id):
        if item.outbox_id not in waiting or item.plan_send_at is None:
            continue
        row = _row(session, item.outbox_id)
        earliest = utc(item.plan_send_at)
        if row.planned_at >= earliest:
            continue
        row.planned_at = earliest
        # The figures of the day it now goes (interest runs on to it).
        figures = _row_for(item, row.status)
        for key in FIGURES:
            setattr(row, key, figures[key])
        moved += 1
        logger.info(
            "reminder %d of invoice %s moved to %s: the invoice e-mail went out %s",
            item.level, invoice_id, earliest, utc(now),
        )  # fmt: skip
    session.flush()
    return moved


def mark_failed(
    session: Session,
    outbox_id: int,
    error: str,
    *,
    permanent: bool,
    now: dt.datetime,
    recipients: list[str] | None = None,
) -> dt.datetime | None:
    """A temporary failure retries after a growing pause; a permanent one waits for the clerk.
    Returns when the next attempt is due (aware UTC), None for a permanent failure.

    ``recipients``, when the message got that far, go into the history with the error: as
    "failed" when it was permanent, as "deferred" when the worker tries again by itself.
    """
    row = _row(session, outbox_id)
    row.last_error = error
    row.lease_owner = row.lease_until = None
    if permanent:
        row.status, row.next_attempt_at = "failed", None
    else:
        row.status, row.next_attempt_at = "approved", utc(now) + backoff(row.attempts)
    status = "failed" if permanent else "deferred"
    _log(session, row, recipients or [], now, status=status, error=error)
    logger.info("outbox %s failed (%s): %s", outbox_id, row.status, error)
    return None if permanent else row.next_attempt_at.replace(tzinfo=dt.UTC)


def release(session: Session, outbox_id: int) -> None:
    """Give back a claimed row that was not sent after all: approved again, the attempt
    not counted, so the next run takes it at once."""
    session.execute(
        update(OutboxRow)
        .where(OutboxRow.id == outbox_id, OutboxRow.status == "claimed")
        .values(
            status="approved",
            lease_owner=None,
            lease_until=None,
            attempts=OutboxRow.attempts - 1,
        )
        .execution_options(synchronize_session=False)
    )
    logger.debug("outbox %s released unsent", outbox_id)


def backoff(attempts: int) -> dt.timedelta:
    """One minute after the first failure, doubling each time, at most an hour."""
    # The exponent is bounded: a few days offline is dozens of attempts, and a timedelta
    # of 2**40 minutes no longer exists.
    doublings = min(max(attempts - 1, 0), BACKOFF_DOUBLINGS)
    return min(BACKOFF_START * 2**doublings, BACKOFF_CAP)


def _reminder(level: int):
    return and_(OutboxRow.kind == "reminder", OutboxRow.level == level)


def _new_row(item: QueueItem, status: str) -> dict:
    """A reminder's first outbox row. A customer holding credit in the invoice's currency has
    money with us already, so the reminder waits for review with a note saying so, even in
    automatic mode: the clerk places the credit (which may settle the invoice) or approves."""
    if item.customer_credit <= 0:
        return _row_for(item, status)
    note = (
        f"held for review: the customer holds {item.customer_credit} {item.currency} credit; "
        "place it on the invoice or approve the reminder"
    )
    logger.info("reminder %d of invoice %s held: customer credit", item.level, item.invoice_id)
    return {**_row_for(item, "pending"), "skip_reason": note}


def _row_for(item: QueueItem, status: str) -> dict:
    def minor(amount: Decimal) -> int:
        return to_minor(amount, item.currency)

    return {
        "invoice_id": item.invoice_id,
        "kind": "reminder",
        "level": item.level,
        "planned_at": utc(item.send_at),
        "status": status,
        "fee_minor": minor(item.fee),
        "compensation_minor": minor(item.compensation),
        "interest_minor": minor(item.interest),
        "amount_due_minor": minor(item.amount_due),
    }


def _insert(session: Session, values: dict) -> int:
    """Insert unless the (invoice, kind, level) row exists; 1 if it was inserted."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    # Counted from RETURNING: drivers disagree on the rowcount of a skipped conflict.
    statement = insert(OutboxRow).values(**values).on_conflict_do_nothing()
    return len(session.execute(statement.returning(OutboxRow.id)).all())


def _set(session: Session, where, **values) -> int:
    statement = (
        update(OutboxRow)
        .where(where, OutboxRow.status.in_(REVIEWABLE))
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return session.execute(statement).rowcount


def _hold(session: Session, invoice_id: int, level: int, **values) -> None:
    now = utc(dt.datetime.now(dt.UTC))
    base = {"invoice_id": invoice_id, "kind": "reminder", "level": level, "planned_at": now}
    _insert(session, {**base, "status": "pending"})
    if not _set(session, and_(OutboxRow.invoice_id == invoice_id, _reminder(level)), **values):
        raise RuleViolation(
            msg(
                "level {level} of invoice {id} is being sent or was sent",
                level=level,
                id=invoice_id,
            )
        )


def _row(session: Session, outbox_id: int) -> OutboxRow:
    row = session.get(OutboxRow, outbox_id, populate_existing=True)
    if row is None:
        raise RuleViolation(msg("no outbox item {id}", id=outbox_id))
    return row


def _log(session: Session, row: OutboxRow, recipients, now, **values) -> None:
    entry = MessageLogRow(
        invoice_id=row.invoice_id,
        outbox_id=row.id,
        kind=row.kind,
        level=row.level,
        recipients=list(recipients),
        sent_at=utc(now),
        **values,
    )
    session.add(entry)
    session.flush()


def _claims(session: Session, outbox_ids: list[int]) -> list[Claim]:
    """The claimed rows as plain values, in the order given."""
    if not outbox_ids:
        return []
    rows = session.execute(
        select(OutboxRow, InvoiceRow)
        .join(InvoiceRow, InvoiceRow.id == OutboxRow.invoice_id)
        .where(OutboxRow.id.in_(outbox_ids))
        .execution_options(populate_existing=True)
    ).all()
    by_id = {row.id: _as_claim(row, invoice) for row, invoice in rows}
    return [by_id[outbox_id] for outbox_id in outbox_ids]


def _as_claim(row: OutboxRow, invoice: InvoiceRow) -> Claim:
    currency = invoice.currency
    remaining = invoice.total_minor - invoice.credited_minor - invoice.paid_minor
    return Claim(
        outbox_id=row.id,
        invoice_id=invoice.id,
        invoice_number=invoice.number,
        kind=row.kind,
        level=row.level,
        attempts=row.attempts,
        lease_until=row.lease_until.replace(tzinfo=dt.UTC),
        currency=currency,
        amount_due=from_minor(remaining, currency),
        fee=from_minor(row.fee_minor, currency),
        compensation=from_minor(row.compensation_minor, currency),
        interest=from_minor(row.interest_minor, currency),
    )
