"""Six simulated weeks of a scheduler that wakes day and night, with the clock under control.

time-machine moves the wall clock; the scheduler's own run (``cli.scheduler.one_run``, what
``finqr scheduler run`` calls at every interval) reads it as it would in production, and a
real SMTP server on loopback keeps what it received. The expected dates are worked out by
hand from the policy (notice 3 days before the due date, reminders 8 and 22 days after,
gaps of 5 and 10 days, bank days only, from 09:00 Stockholm time), so this checks the whole
engine rather than re-deriving its answers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlalchemy import delete, select

from finqr_desktop.cli.scheduler import one_run
from finqr_desktop.domain.parties import Address, Customer
from finqr_desktop.domain.reminder_defaults import swedish_default_policy
from finqr_desktop.mail.settings import SmtpSettings
from finqr_desktop.services import customers as customer_service
from finqr_desktop.services.mail_settings import set_smtp_settings
from finqr_desktop.services.reminder_settings import set_reminder_mode, set_reminder_policy
from finqr_desktop.storage.models import InvoiceRow, OutboxRow

from ..mail.server import RecordingHandler, start
from .helpers import issue_new

pytestmark = pytest.mark.slow

STOCKHOLM = ZoneInfo("Europe/Stockholm")
D = dt.date
# Local wake-ups: at night, just before and at the window's opening, and later in the day.
LOCAL_WAKES = [dt.time(0, 30), dt.time(2, 30), dt.time(6, 0), dt.time(8, 59), dt.time(9, 0),
               dt.time(9, 1), dt.time(13, 0), dt.time(23, 45)]  # fmt: skip
# And one at a fixed UTC time: 09:30 in Stockholm in summer time, 08:30 after the change,
# when the window is not open yet; a window kept in UTC would send then.
UTC_WAKE = dt.time(7, 30)
# Weekdays without banking in the periods below: julafton, juldagen, nyårsafton,
# nyårsdagen, trettondedag jul. Written out, not taken from the code under test.
NOT_BANK_DAYS = {D(2026, 12, 24), D(2026, 12, 25), D(2026, 12, 31), D(2027, 1, 1), D(2027, 1, 6)}


@dataclass(frozen=True)
class Case:
    """An invoice, the payments registered against it, and the levels expected on which days."""

    name: str
    customer: str
    due: dt.date
    expected: tuple[tuple[int, dt.date], ...]
    payments: tuple[tuple[dt.datetime, float], ...] = ()


def local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=STOCKHOLM)


AUTUMN = (
    D(2026, 10, 1),
    D(2026, 11, 20),
    [
        # Notice on Sunday 4 Oct moves to Monday; reminders on the 15th and 29th.
        Case("A", "1001", D(2026, 10, 7), ((0, D(2026, 10, 5)), (1, D(2026, 10, 15)),
                                           (2, D(2026, 10, 29)))),
        # Level 1 falls on Saturday 24 Oct, and goes on Monday 26th, after the DST change.
        Case("B", "1002", D(2026, 10, 16), ((0, D(2026, 10, 13)), (1, D(2026, 10, 26)),
                                            (2, D(2026, 11, 9)))),
        # Level 1 on Saturday 31 Oct (All Saints' Day) goes on Monday 2 Nov.
        Case("C", "1003", D(2026, 10, 23), ((0, D(2026, 10, 20)), (1, D(2026, 11, 2)),
                                            (2, D(2026, 11, 16)))),
        # 40 % paid before level 1: still reminded, for what is left.
        Case("D", "1003", D(2026, 10, 9), ((0, D(2026, 10, 6)), (1, D(2026, 10, 19)),
                                           (2, D(2026, 11, 2))),
             payments=((local(D(2026, 10, 15), 12), 0.4),)),
        # Paid in full at 08:00 on the morning level 1 was planned for: nothing more.
        Case("E", "1002", D(2026, 10, 14), ((0, D(2026, 10, 12)),),
             payments=((local(D(2026, 10, 22), 8), 1.0),)),
        # Paid in full after level 1: no level 2 (planned for 19 Nov).
        Case("F", "1001", D(2026, 10, 28), ((0, D(2026, 10, 26)), (1, D(2026, 11, 5))),
             payments=((local(D(2026, 11, 9), 8, 30), 1.0),)),
    ],
)  # fmt: skip

HOLIDAYS = (
    D(2026, 12, 14),
    D(2027, 1, 25),
    [
        # Level 1 on julafton waits through Christmas and the weekend to Monday 28 Dec.
        Case("G", "1003", D(2026, 12, 16), ((0, D(2026, 12, 14)), (1, D(2026, 12, 28)),
                                            (2, D(2027, 1, 7)))),
        # Level 1 on nyårsafton waits to Monday 4 Jan; paid the night before level 2.
        Case("H", "1001", D(2026, 12, 23), ((0, D(2026, 12, 21)), (1, D(2027, 1, 4))),
             payments=((local(D(2027, 1, 13), 22), 1.0),)),
        # Level 1 on trettondedag jul goes the day after.
        Case("I", "1002", D(2026, 12, 29), ((0, D(2026, 12, 28)), (1, D(2027, 1, 7)),
                                            (2, D(2027, 1, 20)))),
        # Due on julafton, so in time until Monday 28 Dec: reminders count from then.
        # Half paid on a Saturday between the levels.
        Case("J", "1003", D(2026, 12, 24), ((0, D(2026, 12, 21)), (1, D(2027, 1, 5)),
                                            (2, D(2027, 1, 19))),
             payments=((local(D(2027, 1, 9), 11), 0.5),)),
    ],
)  # fmt: skip


@pytest.fixture
def smtp():
    handler = RecordingHandler()
    controller = start(handler)
    yield controller, handler
    controller.stop()


def prepare(database, port: int, cases: list[Case]) -> dict[str, str]:
    """The ledger for ``cases``; returns invoice number -> case name."""
    with database.writing() as session:
        customer_service.add_customer(
            session,
            Customer(number="1003", name="Berg, Åsa", kind="person", emails=["asa@example.com"],
                     address=Address("Åsgatan 3", "444 55", "Borås", "SE"),
                     reminder_fee_agreed=True),
        )  # fmt: skip
        set_smtp_settings(session, SmtpSettings(
            host="127.0.0.1", port=port, security="none", sender_address="faktura@exempel.se",
            sender_name="Exempel Handel AB", timeout=10,
        ))  # fmt: skip
        set_reminder_mode(session, "automatic")
        set_reminder_policy(session, swedish_default_policy(notice_days_before=3))
    names = {}
    for case in cases:
        issued = case.due - dt.timedelta(days=30)
        number = issue_new(database, customer=case.customer, issue_date=issued.isoformat())
        names[number] = case.name
        with database.writing() as session:
            record = session.scalar(select(InvoiceRow).where(InvoiceRow.number == number))
            record.due_date = case.due
    with database.writing() as session:
        # The invoices' own e-mails are another test's business.
        session.execute(delete(OutboxRow).where(OutboxRow.kind == "invoice"))
    return names


def timeline(first: dt.date, last: dt.date, cases: list[Case]) -> list[tuple]:
    """Every wake-up and payment in order: ("wake", moment) or ("pay", moment, case)."""
    events = []
    day = first
    while day <= last:
        events += [("wake", dt.datetime.combine(day, t, tzinfo=STOCKHOLM)) for t in LOCAL_WAKES]
        events.append(("wake", dt.datetime.combine(day, UTC_WAKE, tzinfo=dt.UTC)))
        day += dt.timedelta(days=1)
    events += [("pay", moment, case) for case in cases for moment, _ in case.payments]
    return sorted(events, key=lambda event: event[1].timestamp())


def register_payment(database, number: str, share: float) -> None:
    """As the ledger records one until payments have a service: the paid sum, in öre."""
    with database.writing() as session:
        record = session.scalar(select(InvoiceRow).where(InvoiceRow.number == number))
        record.paid_minor = round(record.total_minor * share)


@pytest.mark.parametrize("period", [AUTUMN, HOLIDAYS], ids=["autumn-dst", "christmas"])
def test_weeks_of_wake_ups_send_each_level_once_in_order_on_bank_days(ledger, smtp, period):
    first, last, cases = period
    controller, handler = smtp
    names = prepare(ledger, controller.port, cases)
    numbers = {name: number for number, name in names.items()}
    paid_at: dict[str, dt.datetime] = {}
    woken_at = {}  # Message-ID -> the wake-up that sent it

    for event in timeline(first, last, cases):
        if event[0] == "pay":
            _, moment, case = event
            share = sum(s for m, s in case.payments if m <= moment)
            register_payment(ledger, numbers[case.name], share)
            if share >= 1:
                paid_at[case.name] = moment
            continue
        moment = event[1]
        before = len(handler.received)
        with time_machine.travel(moment, tick=False):
            line = one_run(ledger, "clock-test", None, 300, lambda: False)
        assert "failed 0, deferred 0" in line, (moment, line)
        for received in handler.received[before:]:
            woken_at[str(received.message["Message-ID"])] = moment

    with ledger.reading() as session:
        rows = session.execute(
            select(OutboxRow.__table__, InvoiceRow.number, InvoiceRow.total_minor)
            .join(InvoiceRow, InvoiceRow.id == OutboxRow.invoice_id)
            .order_by(OutboxRow.sent_at)
        ).all()

    # Everything the ledger counts as sent arrived, once, and nothing else arrived.
    assert {row.status for row in rows} == {"sent"}
    assert sorted(woken_at) == sorted(row.message_id for row in rows)
    assert len(handler.received) == len(rows)

    sent = {}
    for row in rows:
        moment = woken_at[row.message_id]
        sent.setdefault(names[row.number], []).append((row.level, moment))
        # Sent when the clock said so: the first wake-up at 09:00 local time or after,
        # whatever the UTC offset that day, and the e-mail is dated then.
        assert moment.astimezone(STOCKHOLM).time() == dt.time(9, 0), (row.number, moment)
        assert row.sent_at.replace(tzinfo=dt.UTC) == moment
        received = next(r for r in handler.received if r.message["Message-ID"] == row.message_id)
        assert parsedate_to_datetime(received.message["Date"]) == moment
        day = moment.astimezone(STOCKHOLM).date()
        assert day.weekday() < 5 and day not in NOT_BANK_DAYS, (row.number, day)

    for case in cases:
        levels = [
            (level, moment.astimezone(STOCKHOLM).date()) for level, moment in sent[case.name]
        ]
        # Each level once, in order, on the days worked out by hand (so never two a day).
        assert tuple(levels) == case.expected, case.name
        if case.name in paid_at:
            assert all(moment < paid_at[case.name] for _, moment in sent[case.name])

    fees = {}
    for row in rows:
        # Charged with the level: its fee and any compensation (one column or two, as
        # the outbox has kept them).
        charge = row.fee_minor + getattr(row, "compensation_minor", 0)
        fees.setdefault(names[row.number], []).append((row.level, charge))
    for case in cases:
        charged = [(level, fee) for level, fee in fees[case.name] if fee]
        expected_fee = {"1001": 45_000, "1003": 6_000}.get(case.customer)
        if expected_fee is None or all(level != 1 for level, _ in case.expected):
            # Reminder fees only where agreed; the 450 kr compensation for a company
            # absorbs its 60 kr fee and is claimed once, with level 1.
            assert charged == [], case.name
        else:
            assert charged == [(1, expected_fee)], case.name

    # A part payment lowers what level 1 asks for; a whole one stops the reminders.
    for case in cases:
        for row in rows:
            if names[row.number] != case.name:
                continue
            share = sum(s for m, s in case.payments if m <= woken_at[row.message_id])
            assert row.amount_due_minor == row.total_minor - round(row.total_minor * share)

    # Across the change to winter time the opening stayed at 09:00 on the wall clock.
    utc_hours = {woken_at[row.message_id].astimezone(dt.UTC).hour for row in rows}
    assert utc_hours == ({7, 8} if first.month == 10 else {8})
