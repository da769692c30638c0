"""The dashboard's other figures against a ledger small enough to work out by hand:
headline, DSO, delivery to invoice, late payers and the reminders' effect.

Today is 4 December 2026; the 90-day period starts 6 September.
  A  1001, issued 4 Nov (delivered 1 Nov), due today: open, 1250.00
  B  1001, issued 20 Oct (delivered 13 Oct), due 19 Nov, paid 25 Nov: 6 days late
  C  1002, issued 1 Jun, due 1 Jul: open and 156 days overdue, 1250.00
  F  1001, issued 10 Nov, credited in full today: counts as nothing sold, nothing owed
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from finqr_desktop.services.dashboard import dashboard_figures
from finqr_desktop.storage.models import OutboxRow

from .figures_ledger import TODAY, credit, invoice, pay_rest

D = Decimal
day = dt.date


@pytest.fixture
def hand(ledger):
    ids = {
        "A": invoice(ledger, "1001", TODAY, issue=day(2026, 11, 4), delivered=day(2026, 11, 1)),
        "B": invoice(ledger, "1001", day(2026, 11, 19), issue=day(2026, 10, 20),
                     delivered=day(2026, 10, 13)),
        "C": invoice(ledger, "1002", day(2026, 7, 1), issue=day(2026, 6, 1)),
        "F": invoice(ledger, "1001", day(2026, 12, 10), issue=day(2026, 11, 10)),
    }  # fmt: skip
    pay_rest(ledger, ids["B"], day(2026, 11, 25))
    credit(ledger, ids["F"])
    with ledger.writing() as session:
        for key, level, sent in (
            ("B", 1, day(2026, 11, 20)),
            ("C", 1, day(2026, 7, 15)),
            ("C", 2, day(2026, 10, 1)),
            ("A", 1, day(2026, 11, 30)),
        ):
            moment = dt.datetime.combine(sent, dt.time(9))
            session.add(
                OutboxRow(
                    invoice_id=ids[key],
                    kind="reminder",
                    level=level,
                    planned_at=moment,
                    status="sent",
                    sent_at=moment,
                )
            )
        # A reminder that never went is no reminder.
        failed = dt.datetime(2026, 11, 2, 9)
        session.add(OutboxRow(invoice_id=ids["B"], kind="reminder", level=2,
                              planned_at=failed, status="failed"))  # fmt: skip
    return ids


def test_headline_dso_and_delivery_wait(ledger, hand):
    with ledger.reading() as session:
        figures = dashboard_figures(session, TODAY)
    top = figures.headline
    assert (top.outstanding.amount, top.open_count) == (D("2500.00"), 2)
    assert (top.overdue.amount, top.overdue_count) == (D("1250.00"), 1)
    assert (top.due_soon.amount, top.due_soon_count) == (D("1250.00"), 1)
    assert figures.sales_90_days.amount == D("2500.00")  # A + B; F and its credit cancel out
    assert figures.dso == D("90.0")  # 2500 owed / 2500 invoiced × 90 days
    assert (figures.delivery_to_invoice.days, figures.delivery_to_invoice.count) == (D("5.0"), 2)


def test_late_payers_count_paid_lateness_and_what_is_overdue_now(ledger, hand):
    with ledger.reading() as session:
        figures = dashboard_figures(session, TODAY)
    payers = [(p.number, p.late.days, p.late.count, p.overdue.amount, p.overdue_count)
              for p in figures.late_payers]  # fmt: skip
    assert payers == [("1002", D("156.0"), 1, D("1250.00"), 1), ("1001", D("6.0"), 1, D(0), 0)]


def test_reminder_effect_per_level(ledger, hand):
    with ledger.reading() as session:
        figures = dashboard_figures(session, TODAY)
    effects = [(e.level, e.reminded, e.paid_within, e.share) for e in figures.reminder_effect]
    # B paid 5 days after its first reminder; C's second went in the period and nothing came;
    # C's first is before the period, A's went less than a week ago.
    assert effects == [(1, 1, 1, D("100.0")), (2, 1, 0, D("0.0"))]


def test_an_empty_ledger_has_no_figures_to_speak_of(ledger):
    with ledger.reading() as session:
        figures = dashboard_figures(session, TODAY)
    assert not figures.has_invoices and figures.has_company
    assert figures.dso is None and figures.delivery_to_invoice.days is None
    assert figures.late_payers == () and figures.reminder_effect == ()
    assert figures.headline.outstanding.amount == 0
