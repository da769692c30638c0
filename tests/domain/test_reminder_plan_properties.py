"""Over random histories, policies and dates a plan keeps the order and one-a-day rules."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from finqr_desktop.domain.due_dates import is_bank_day
from finqr_desktop.domain.reminder_plan import InvoiceFacts, SentMessage, plan
from finqr_desktop.domain.reminder_policy import ReminderLevel, ReminderPolicy

STOCKHOLM = ZoneInfo("Europe/Stockholm")
TODAY = st.dates(dt.date(2025, 1, 1), dt.date(2027, 12, 31))


@st.composite
def policies(draw) -> ReminderPolicy:
    count = draw(st.integers(1, 4))
    offsets = sorted(draw(st.sets(st.integers(1, 60), min_size=count, max_size=count)))
    levels = [
        ReminderLevel(
            number, offset, draw(st.integers(0, 15)), fee=Decimal(draw(st.sampled_from([0, 60])))
        )
        for number, offset in enumerate(offsets, start=1)
    ]
    if draw(st.booleans()):
        levels.insert(0, ReminderLevel(0, -draw(st.integers(0, 10))))
    return ReminderPolicy(tuple(levels))


@st.composite
def cases(draw):
    today = draw(TODAY)
    due = today + dt.timedelta(days=draw(st.integers(-30, 90)) * -1)
    moments = st.datetimes(
        dt.datetime(2024, 10, 1),
        dt.datetime.combine(today, dt.time(23, 59)),
        timezones=st.just(STOCKHOLM),
    )
    kinds = st.one_of(st.integers(0, 4), st.sampled_from(["invoice", "manual"]))
    history = draw(st.lists(st.builds(SentMessage, moments, kinds), max_size=6))
    facts = InvoiceFacts(
        id=1,
        number="1001",
        customer_kind=draw(st.sampled_from(["company", "person"])),
        fee_agreed=draw(st.booleans()),
        paused=False,
        disputed=False,
        due_date=due,
        total=Decimal(1000),
        remaining=Decimal(1000),
    )
    return facts, history, draw(policies()), today


@settings(max_examples=300, deadline=None)
@given(cases())
def test_levels_in_order_one_a_day_after_the_gap(case):
    facts, history, policy, today = case
    planned = plan(facts, history, policy, today)

    sent_levels = [m.what for m in history if isinstance(m.what, int)]
    sent_days = {m.sent_at.astimezone(STOCKHOLM).date() for m in history}
    levels = [p.level for p in planned]
    days = [p.send_day for p in planned]

    assert levels == sorted(set(levels))
    assert all(level > max(sent_levels, default=-1) for level in levels)
    assert days == sorted(set(days))
    assert not sent_days & set(days)
    assert all(day >= today and is_bank_day(day) for day in days)

    last_day = max(sent_days, default=None)
    for item in planned:
        gap = policy.level(item.level).min_days_since_previous
        if last_day is not None:
            assert (item.send_day - last_day).days >= max(1, gap)
        last_day = item.send_day

    compensation = sum((p.compensation for p in planned), Decimal(0))
    assert compensation <= 450
    if facts.customer_kind == "person":
        assert compensation == 0
