"""Which reminder level each open invoice gets next, when, and what it will say it costs.

Planning is a pure function of the invoice's facts, the messages already sent about it, the
policy and today's date, so the queue shown in the GUI and what the worker sends can never
disagree. Levels go strictly in order, at most one message a day per invoice, and each
waits its minimum gap after the last message of any kind, a manual one included; after days
away the overdue levels are therefore caught up one by one, not sent at once. An invoice
e-mail that has not gone out yet counts as going out on the first day it can: no reminder is
planned to reach the customer with, or before, the invoice it reminds about.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from finqr_desktop.domain.late_interest import first_late_day, late_interest
from finqr_desktop.domain.messages import msg
from finqr_desktop.domain.money import round_money
from finqr_desktop.domain.reminder_fees import Charge, agreed_fee, set_off_against_compensation
from finqr_desktop.domain.reminder_policy import ReminderLevel, ReminderPolicy
from finqr_desktop.domain.send_window import SendWindow, first_send_day, local_day, opening_on

ONE_DAY = dt.timedelta(days=1)
NOT_LEVELS = ("invoice", "manual")


@dataclass(frozen=True)
class InvoiceFacts:
    """What planning needs to know about one invoice, read from the ledger beforehand.

    ``remaining`` is what is still to pay after payments and credit notes; ``payments`` are
    the (date, amount) payments already booked, which interest is computed over.
    """

    id: int
    number: str
    customer_kind: str
    fee_agreed: bool
    paused: bool
    disputed: bool
    due_date: dt.date
    total: Decimal
    remaining: Decimal
    payments: tuple[tuple[dt.date, Decimal], ...] = ()
    # When the invoice's own e-mail, queued but not sent yet, can go at the earliest (aware).
    # None once it went, and for an invoice that is not e-mailed (printed and posted), whose
    # reminders count from the due date alone, as they always have.
    invoice_mail_waiting: dt.datetime | None = None

    @property
    def principal(self) -> Decimal:
        """What was owed on the due date before payments: credit notes are already off."""
        return self.remaining + sum((amount for _, amount in self.payments), Decimal(0))


@dataclass(frozen=True)
class SentMessage:
    """A message already sent about the invoice: a level number, "invoice" or "manual"."""

    sent_at: dt.datetime
    what: int | str

    def __post_init__(self) -> None:
        if self.sent_at.tzinfo is None:
            raise ValueError("sent_at needs a time zone")
        if isinstance(self.what, bool) or not (
            (isinstance(self.what, int) and self.what >= 0) or self.what in NOT_LEVELS
        ):
            raise ValueError(
                f"a sent message is a level, 'invoice' or 'manual', not {self.what!r}"
            )


@dataclass(frozen=True)
class ReminderReason:
    """Why a reminder is planned for its day, as facts a screen can word in any language.

    ``offset_days`` counts from the due date (negative before it); ``since_days`` and
    ``since_what`` name the message before it (a level number, "invoice" or "manual").
    ``invoice_unsent``: that message is the invoice's own e-mail, which has not gone out
    yet, so the reminder waits for it and then for ``since_days``.
    """

    level: int
    offset_days: int
    since_days: int | None = None
    since_what: int | str | None = None
    caught_up: bool = False
    invoice_unsent: bool = False

    def text(self) -> str:
        """The reason in English, as the command line and JSON give it; a Message with the
        same templates as the window's own wording (ui/reminder_reason_text.py)."""
        offset = self.offset_days
        if offset < 0:
            text = msg(
                "Level {level}: {days} before the due date", level=self.level, days=_days(-offset)
            )
        elif offset == 0:
            text = msg("Level {level}: on the due date", level=self.level)
        else:
            text = msg(
                "Level {level}: {days} after the due date", level=self.level, days=_days(offset)
            )
        if self.since_days is not None and self.invoice_unsent:
            text = msg(
                "{reason}; waits for the invoice e-mail, not sent yet, and then {days}",
                reason=text,
                days=_days(self.since_days),
            )
        elif self.since_days is not None:
            text = msg(
                "{reason}, {days} since {message}",
                reason=text,
                days=_days(self.since_days),
                message=_message_name(self.since_what),
            )
        if self.caught_up:
            text = msg("{reason} (caught up after days away)", reason=text)
        return text


@dataclass(frozen=True)
class PlannedReminder:
    invoice_id: int
    invoice_number: str
    level: int
    send_at: dt.datetime
    amount_due: Decimal
    fee: Decimal
    compensation: Decimal
    interest: Decimal
    reason: str
    caught_up: bool
    why: ReminderReason | None = None

    @property
    def send_day(self) -> dt.date:
        return self.send_at.date()


def is_remindable(facts: InvoiceFacts, policy: ReminderPolicy) -> bool:
    """Open, not paused, not disputed, and worth a reminder."""
    return (
        facts.remaining > 0
        and not facts.paused
        and not facts.disputed
        and facts.remaining >= policy.minimum_remaining
    )


def plan(
    facts: InvoiceFacts,
    history: Sequence[SentMessage | tuple[dt.datetime, int | str]],
    policy: ReminderPolicy,
    today: dt.date,
    *,
    until: dt.date | None = None,
) -> list[PlannedReminder]:
    """The levels still to send, in order, each planned as if the ones before go as planned.

    ``until`` cuts the plan off after that send day. A friendly notice that could not go out
    by the due date is dropped: after the due date it would say the wrong thing.
    """
    if not is_remindable(facts, policy):
        return []
    sent = sorted((_as_message(m) for m in history), key=lambda m: m.sent_at)
    sent_levels = [m.what for m in sent if isinstance(m.what, int)]
    last = sent[-1] if sent else None
    previous = (local_day(last.sent_at, policy.window), last.what) if last else None
    fees = [_fee(policy.level(n), facts) for n in sent_levels if n > 0]
    # The invoice e-mail still to go is the message the first level keeps its gap from.
    unsent = facts.invoice_mail_waiting is not None
    if unsent:
        mail_day = max(today, local_day(facts.invoice_mail_waiting, policy.window))
        previous = (max(mail_day, previous[0]) if previous else mail_day, "invoice")

    planned = []
    for level in policy.levels:
        if sent_levels and level.level <= max(sent_levels):
            continue
        scheduled = _scheduled_day(level, facts, policy)
        earliest = max(scheduled, today)
        if previous:
            earliest = max(earliest, previous[0] + max(1, level.min_days_since_previous) * ONE_DAY)
        day = _send_day(earliest, policy.window)
        if level.level == 0 and day > facts.due_date:
            continue
        if until is not None and day > until:
            break
        charge = _charge(level, facts, policy, fees)
        why = _reason(level, day, facts.due_date, previous, scheduled < today, unsent)
        planned.append(_planned(facts, policy, level, day, charge, why))
        previous, unsent = (day, level.level), False
    return planned


# A queue plans thousands of invoices onto a handful of days; the calendar answers per day
# and window are the same for all of them, so each is worked out once.
@lru_cache(maxsize=4096)
def _send_day(day: dt.date, window: SendWindow) -> dt.date:
    return first_send_day(day, window)


@lru_cache(maxsize=1024)
def _opening(day: dt.date, window: SendWindow) -> dt.datetime:
    return opening_on(day, window)


def _as_message(item: SentMessage | tuple[dt.datetime, int | str]) -> SentMessage:
    return item if isinstance(item, SentMessage) else SentMessage(*item)


def _scheduled_day(level: ReminderLevel, facts: InvoiceFacts, policy: ReminderPolicy) -> dt.date:
    """The notice counts back from the printed due date, reminders from the real one."""
    if level.level == 0:
        return facts.due_date + level.days_after_due * ONE_DAY
    effective_due = first_late_day(facts.due_date, bank_day_rule=policy.bank_day_rule) - ONE_DAY
    return effective_due + level.days_after_due * ONE_DAY


def _fee(level: ReminderLevel | None, facts: InvoiceFacts) -> Decimal:
    # A level sent under an older policy that no longer lists it is counted without a fee.
    return agreed_fee(level.fee if level else Decimal(0), fee_agreed=facts.fee_agreed)


def _charge(
    level: ReminderLevel, facts: InvoiceFacts, policy: ReminderPolicy, fees: list[Decimal]
) -> Charge:
    """This level's charge; ``fees`` collects the post-due fees so far, this one included."""
    if level.level == 0:
        return Charge()
    fees.append(_fee(level, facts))
    if facts.customer_kind != "company" or not policy.claim_compensation:
        return Charge(fees[-1])
    return set_off_against_compensation(fees, compensation=policy.compensation)[-1]


def _planned(
    facts: InvoiceFacts,
    policy: ReminderPolicy,
    level: ReminderLevel,
    day: dt.date,
    charge: Charge,
    why: ReminderReason,
) -> PlannedReminder:
    interest = Decimal(0)
    if level.level > 0 and level.charge_interest:
        interest = late_interest(
            facts.principal,
            facts.due_date,
            day,
            payments=facts.payments,
            rates=policy.reference_rates,
            margin=policy.interest_margin,
            day_count=policy.day_count,
            bank_day_rule=policy.bank_day_rule,
            currency=policy.currency,
        )
    return PlannedReminder(
        invoice_id=facts.id,
        invoice_number=facts.number,
        level=level.level,
        send_at=_opening(day, policy.window),
        amount_due=facts.remaining,
        fee=round_money(charge.fee, policy.currency),
        compensation=round_money(charge.compensation, policy.currency),
        interest=interest,
        reason=why.text(),
        caught_up=why.caught_up,
        why=why,
    )


def _reason(
    level: ReminderLevel,
    day: dt.date,
    due: dt.date,
    previous: tuple[dt.date, int | str] | None,
    caught_up: bool,
    invoice_unsent: bool = False,
) -> ReminderReason:
    return ReminderReason(
        level=level.level,
        offset_days=(day - due).days,
        since_days=(day - previous[0]).days if previous else None,
        since_what=previous[1] if previous else None,
        caught_up=caught_up,
        invoice_unsent=invoice_unsent,
    )


def _days(count: int) -> str:
    return msg("1 day") if count == 1 else msg("{count} days", count=count)


def _message_name(what: int | str) -> str:
    if what == "invoice":
        return msg("the invoice")
    if what == "manual":
        return msg("the manual message")
    return msg("the friendly notice") if what == 0 else msg("the last reminder")
