"""A reminder waits for the invoice it reminds about: planning while the invoice e-mail is
still to go, and the reason that says so."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from finqr_desktop.domain.reminder_defaults import swedish_default_policy
from finqr_desktop.domain.reminder_plan import InvoiceFacts, SentMessage, plan

D = dt.date
STOCKHOLM = ZoneInfo("Europe/Stockholm")
POLICY = swedish_default_policy()  # level 1 at +8 (gap 5 days), level 2 at +22 (gap 10)
TODAY = D(2026, 12, 4)  # a Friday
# Issued back-dated 1 September, due 1 October: long overdue on the day it is issued.
FACTS = InvoiceFacts(
    id=7,
    number="2026-0007",
    customer_kind="company",
    fee_agreed=False,
    paused=False,
    disputed=False,
    due_date=D(2026, 10, 1),
    total=Decimal(1000),
    remaining=Decimal(1000),
)
QUEUED = dt.datetime(2026, 12, 4, 9, 0, tzinfo=STOCKHOLM)


def test_a_printed_invoice_is_reminded_from_its_due_date_as_before():
    first = plan(FACTS, [], POLICY, TODAY)[0]
    assert first.send_day == TODAY
    assert first.reason == "Level 1: 64 days after the due date (caught up after days away)"


def test_a_reminder_waits_for_the_unsent_invoice_e_mail_and_then_the_gap():
    waiting = dataclasses.replace(FACTS, invoice_mail_waiting=QUEUED)
    first, second = plan(waiting, [], POLICY, TODAY)
    # Five days after the e-mail can go today: Wednesday 9 December, at the window's opening.
    assert first.send_at == dt.datetime(2026, 12, 9, 9, 0, tzinfo=STOCKHOLM)
    assert first.why.invoice_unsent and first.why.since_what == "invoice"
    assert first.reason == (
        "Level 1: 69 days after the due date; waits for the invoice e-mail, not sent yet, "
        "and then 5 days (caught up after days away)"
    )
    # The next level counts from the first as usual.
    assert not second.why.invoice_unsent and second.send_day == D(2026, 12, 21)


def test_an_e_mail_held_until_later_moves_the_reminder_with_it():
    # A failure put the next attempt to Monday: the gap counts from then.
    later = dt.datetime(2026, 12, 7, 8, 0, tzinfo=STOCKHOLM)
    waiting = dataclasses.replace(FACTS, invoice_mail_waiting=later)
    assert plan(waiting, [], POLICY, TODAY)[0].send_day == D(2026, 12, 14)  # Sat 12 -> Mon 14
    # A day that has passed (an e-mail due hours ago, still waiting) counts as today.
    past = dataclasses.replace(FACTS, invoice_mail_waiting=QUEUED - dt.timedelta(days=3))
    assert plan(past, [], POLICY, TODAY)[0].send_day == D(2026, 12, 9)


def test_once_the_invoice_went_the_gap_counts_from_when_it_actually_went():
    went = SentMessage(dt.datetime(2026, 12, 8, 15, 0, tzinfo=STOCKHOLM), "invoice")
    first = plan(FACTS, [went], POLICY, D(2026, 12, 8))[0]
    assert first.send_day == D(2026, 12, 14)  # 13 December is a Sunday
    assert not first.why.invoice_unsent
    assert "6 days since the invoice" in first.reason
