"""Planning reminders for one invoice and building the queue over many."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from finqr_desktop.domain.reminder_defaults import swedish_default_policy
from finqr_desktop.domain.reminder_plan import InvoiceFacts, SentMessage, plan
from finqr_desktop.domain.reminder_policy import ReminderLevel, ReminderPolicy
from finqr_desktop.domain.reminder_queue import ReminderCase, build_queue

D = dt.date
STOCKHOLM = ZoneInfo("Europe/Stockholm")
POLICY = swedish_default_policy()  # level 1 at +8 (gap 5, 60 kr), level 2 at +22 (gap 10)
THREE_LEVELS = ReminderPolicy(
    (
        ReminderLevel(1, 8, 5, fee=Decimal(60)),
        ReminderLevel(2, 15, 7),
        ReminderLevel(3, 30, 10),
    )
)
# Due Monday 2 March 2026, a bank day, issued 30 days earlier.
FACTS = InvoiceFacts(
    id=7,
    number="1001",
    customer_kind="person",
    fee_agreed=True,
    paused=False,
    disputed=False,
    due_date=D(2026, 3, 2),
    total=Decimal(10000),
    remaining=Decimal(10000),
)
ISSUED = SentMessage(dt.datetime(2026, 1, 31, 10, 0, tzinfo=STOCKHOLM), "invoice")


def sent(day: dt.date, what: int | str, hour: int = 10) -> SentMessage:
    return SentMessage(dt.datetime.combine(day, dt.time(hour), tzinfo=STOCKHOLM), what)


def test_on_time_plan_is_level_1_then_level_2():
    first, second = plan(FACTS, [ISSUED], POLICY, D(2026, 3, 1))
    assert (first.level, first.send_at) == (1, dt.datetime(2026, 3, 10, 9, 0, tzinfo=STOCKHOLM))
    assert (second.level, second.send_day) == (2, D(2026, 3, 24))
    assert first.fee == Decimal("60.00") and second.fee == 0
    assert first.compensation == 0  # a consumer
    assert first.interest == Decimal("21.92")  # 8 days at 10 %
    assert first.reason == "Level 1: 8 days after the due date, 38 days since the invoice"
    assert second.reason == "Level 2: 22 days after the due date, 14 days since the last reminder"


def test_reason_counts_from_the_last_reminder():
    (level_2,) = plan(FACTS, [ISSUED, sent(D(2026, 3, 9), 1)], THREE_LEVELS, D(2026, 3, 17))[:1]
    assert level_2.reason == "Level 2: 15 days after the due date, 8 days since the last reminder"


def test_catch_up_after_40_days_away_goes_level_by_level():
    today = D(2026, 4, 11)  # a Saturday, 40 days after the due date
    planned = plan(FACTS, [ISSUED], THREE_LEVELS, today)
    assert [p.level for p in planned] == [1, 2, 3]
    days = [p.send_day for p in planned]
    assert days[0] == D(2026, 4, 13)  # the first bank day, not today's weekend
    assert (days[1] - days[0]).days >= 7
    assert (days[2] - days[1]).days >= 10
    assert all(p.caught_up for p in planned)
    assert "caught up" in planned[0].reason


def test_a_manual_message_counts_for_the_gap():
    manual = sent(D(2026, 3, 12), "manual")
    (level_1, _level_2) = plan(FACTS, [ISSUED, manual], POLICY, D(2026, 3, 12))
    assert level_1.send_day == D(2026, 3, 17)  # 5 days after the manual message
    assert "since the manual message" in level_1.reason


def test_never_two_messages_on_one_day_even_with_no_gap():
    policy = ReminderPolicy((ReminderLevel(1, 8), ReminderLevel(2, 9)))
    today = D(2026, 3, 10)
    level_1, level_2 = plan(FACTS, [ISSUED, sent(today, "manual", 8)], policy, today)
    assert level_1.send_day == D(2026, 3, 11)
    assert level_2.send_day == D(2026, 3, 12)


def test_sent_levels_are_not_repeated_and_never_go_backwards():
    history = [ISSUED, sent(D(2026, 3, 17), 2)]
    planned = plan(FACTS, history, THREE_LEVELS, D(2026, 3, 20))
    assert [p.level for p in planned] == [3]


def test_weekend_due_date_counts_from_the_next_bank_day():
    saturday = dataclasses.replace(FACTS, due_date=D(2026, 2, 28))
    (level_1, _) = plan(saturday, [ISSUED], POLICY, D(2026, 2, 1))
    assert level_1.send_day == D(2026, 3, 10)  # Monday 2 March + 8


def test_friendly_notice_before_the_due_date_and_dropped_after_it():
    policy = swedish_default_policy(notice_days_before=3)
    notice = plan(FACTS, [ISSUED], policy, D(2026, 2, 20))[0]
    assert (notice.level, notice.send_day, notice.fee, notice.interest) == (
        0,
        D(2026, 2, 27),
        0,
        0,
    )
    assert notice.reason.startswith("Level 0: 3 days before the due date")
    assert [p.level for p in plan(FACTS, [ISSUED], policy, D(2026, 3, 3))] == [1, 2]


def test_fee_only_when_agreed():
    no_fee = dataclasses.replace(FACTS, fee_agreed=False)
    assert plan(no_fee, [ISSUED], POLICY, D(2026, 3, 1))[0].fee == 0


def test_business_customer_claims_450_once_with_fees_set_against_it():
    company = dataclasses.replace(FACTS, customer_kind="company")
    planned = plan(company, [ISSUED], THREE_LEVELS, D(2026, 3, 1))
    assert [(p.fee, p.compensation) for p in planned] == [(60, 390), (0, 0), (0, 0)]
    later = plan(company, [ISSUED, sent(D(2026, 3, 10), 1)], THREE_LEVELS, D(2026, 3, 11))
    assert [(p.fee, p.compensation) for p in later] == [(0, 0), (0, 0)]
    no_claim = dataclasses.replace(THREE_LEVELS, claim_compensation=False)
    assert plan(company, [ISSUED], no_claim, D(2026, 3, 1))[0].compensation == 0


def test_partial_payment_changes_amount_and_interest():
    paid = dataclasses.replace(
        FACTS, remaining=Decimal(4000), payments=((D(2026, 3, 6), Decimal(6000)),)
    )
    (level_1, _) = plan(paid, [ISSUED], POLICY, D(2026, 3, 1))
    assert level_1.amount_due == 4000
    # 4 days on 10 000, 4 days on 4 000, at 10 %.
    assert level_1.interest == round(Decimal(56000) * Decimal("0.10") / 365, 2)


@pytest.mark.parametrize(
    "change",
    [
        {"paused": True},
        {"disputed": True},
        {"remaining": Decimal("9.99")},
        {"remaining": Decimal(0)},
    ],
)
def test_paused_disputed_paid_and_small_remainders_are_never_planned(change):
    facts = dataclasses.replace(FACTS, **change)
    assert plan(facts, [ISSUED], POLICY, D(2026, 3, 20)) == []
    case = ReminderCase(facts, [ISSUED], POLICY)
    assert build_queue([case], D(2026, 3, 20)) == []


def test_history_may_be_plain_tuples():
    history = [(ISSUED.sent_at, "invoice"), (sent(D(2026, 3, 10), 1).sent_at, 1)]
    assert [p.level for p in plan(FACTS, history, POLICY, D(2026, 3, 11))] == [2]
    with pytest.raises(ValueError):
        plan(FACTS, [(ISSUED.sent_at, "letter")], POLICY, D(2026, 3, 11))


def test_queue_lists_the_next_level_within_14_days_in_send_order():
    later = dataclasses.replace(FACTS, id=8, number="1002", due_date=D(2026, 3, 5))
    far = dataclasses.replace(FACTS, id=9, number="1003", due_date=D(2026, 4, 30))
    override = ReminderPolicy((ReminderLevel(1, 1),))
    cases = [
        ReminderCase(later, [ISSUED], POLICY),
        ReminderCase(FACTS, [ISSUED], POLICY),
        ReminderCase(far, [ISSUED], POLICY),
        ReminderCase(dataclasses.replace(FACTS, id=10, number="0999"), [ISSUED], override),
    ]
    queue = build_queue(cases, D(2026, 3, 1))
    assert [(q.invoice_number, q.level, q.send_day) for q in queue] == [
        ("0999", 1, D(2026, 3, 3)),
        ("1001", 1, D(2026, 3, 10)),
        ("1002", 1, D(2026, 3, 13)),
    ]
