"""Aging buckets against figures worked out by hand: the 30/31-day edge, a part payment,
a part credit, a full credit, and an invoice in euro converted at the entered rate."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import Date, literal, select

from finqr_desktop.services import exchange_rates
from finqr_desktop.services.aging import (
    BUCKET_KEYS,
    aging,
    aging_invoices,
    bucket_of,
    bucket_sql,
)
from finqr_desktop.services.aging_as_of import open_invoices_on
from finqr_desktop.services.figure_sets import open_invoices

from . import report_ledger
from .figures_ledger import TODAY, credit, customer_id, invoice, pay

D = Decimal


def days_ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


@pytest.fixture
def aged(ledger):
    """Seven invoices of 1250.00; what each leaves open is in the comments."""
    numbers = {}
    numbers["today"] = invoice(ledger, "1001", TODAY)  # 1250.00, not yet due
    numbers["30"] = invoice(ledger, "1001", days_ago(30))  # 1250.00 in 1–30
    numbers["31"] = invoice(ledger, "1001", days_ago(31))  # 1000.00 in 31–60 after 250.00 paid
    pay(ledger, numbers["31"], "250.00", days_ago(2))
    numbers["90"] = invoice(ledger, "1001", days_ago(90))  # 1000.00 in 61–90, 250.00 credited
    credit(ledger, numbers["90"], net="200.00")
    numbers["91"] = invoice(ledger, "1001", days_ago(91))  # 1250.00 over 90
    numbers["credited"] = invoice(ledger, "1001", days_ago(64))  # credited in full: not owed
    credit(ledger, numbers["credited"])
    numbers["euro"] = invoice(ledger, "1002", days_ago(14), net="100.00", currency="EUR")
    return numbers


def bucket_figures(result) -> dict:
    return {b.key: (b.amount, b.count) for b in result.buckets}


def test_buckets_hold_what_is_still_due_by_days_overdue(ledger, aged):
    with ledger.writing() as session:
        exchange_rates.add_rate(session, "EUR", dt.date(2026, 11, 1), D("11.50"))
    with ledger.reading() as session:
        result = aging(session, TODAY)

    assert bucket_figures(result) == {
        "not_due": (D("1250.00"), 1),
        "1-30": (D("1250.00") + D("1437.50"), 2),  # 125.00 EUR × 11.50
        "31-60": (D("1000.00"), 1),
        "61-90": (D("1000.00"), 1),
        "over_90": (D("1250.00"), 1),
    }
    assert result.total.amount == D("7187.50")
    assert result.count == 6
    euro = result.bucket("1-30").figure.foreign
    assert [(p.currency, p.amount, p.converted, p.rate) for p in euro] == [
        ("EUR", D("125.00"), D("1437.50"), D("11.50"))
    ]


def test_a_currency_without_a_rate_is_kept_apart_not_guessed(ledger, aged):
    with ledger.reading() as session:
        result = aging(session, TODAY)

    bucket = result.bucket("1-30")
    assert (bucket.amount, bucket.count) == (D("1250.00"), 2)
    assert bucket.figure.missing_rates == ("EUR",)
    assert result.total.missing_rates == ("EUR",)


def test_the_newest_rate_wins_and_a_payment_rate_counts_as_entered(ledger, aged):
    with ledger.writing() as session:
        exchange_rates.add_rate(session, "EUR", dt.date(2026, 11, 1), D("11.50"))
    # 100 EUR paid on a SEK invoice on 1 December at 11.20: newer than the table's row.
    sek = invoice(ledger, "1002", days_ago(-20), net="2000.00")
    pay(ledger, sek, "100.00", dt.date(2026, 12, 1), currency="EUR", rate=D("11.20"))
    with ledger.reading() as session:
        rates = exchange_rates.rates_on(session, TODAY)
        result = aging(session, TODAY, rates=rates)

    assert rates.latest["EUR"].source == "payment"
    assert result.bucket("1-30").amount == D("1250.00") + D("1400.00")


def test_one_customer_only(ledger, aged):
    with ledger.reading() as session:
        result = aging(session, TODAY, customer_id=customer_id(ledger, "1002"))
    assert [(b.key, b.count) for b in result.buckets if b.count] == [("1-30", 1)]


def test_the_invoices_behind_a_bucket(ledger, aged):
    with ledger.writing() as session:
        exchange_rates.add_rate(session, "EUR", dt.date(2026, 11, 1), D("11.50"))
    with ledger.reading() as session:
        edge = aging_invoices(session, TODAY, "1-30")
        later = aging_invoices(session, TODAY, "31-60")
        due_now = aging_invoices(session, TODAY, "not_due")

    assert [(r.id, r.days_overdue, r.remaining, r.currency, r.converted) for r in edge] == [
        (aged["30"], 30, D("1250.00"), "SEK", D("1250.00")),
        (aged["euro"], 14, D("125.00"), "EUR", D("1437.50")),
    ]
    assert edge[1].customer_number == "1002"
    assert [(r.id, r.days_overdue, r.remaining) for r in later] == [(aged["31"], 31, D("1000.00"))]
    assert [(r.id, r.days_overdue) for r in due_now] == [(aged["today"], 0)]


def test_the_buckets_summed_and_the_buckets_listed_agree_on_every_edge(database):
    # The aging sums per due date and buckets the sums in Python (bucket_of); the list
    # behind a bar picks its invoices in SQL (bucket_sql). Both, a week either side of
    # every edge, and for an invoice without a due date:
    days = [None, *range(-10, 100)]
    dues = [None if d is None else TODAY - dt.timedelta(days=d) for d in days]
    with database.reading() as session:
        in_sql = session.execute(
            select(*(bucket_sql(literal(due, Date), TODAY) for due in dues))
        ).one()
    assert [bucket_of(d) for d in days] == list(in_sql)
    assert [bucket_of(d) for d in (0, 1, 30, 31, 60, 61, 90, 91)] == [
        "not_due", "1-30", "1-30", "31-60", "31-60", "61-90", "61-90", "over_90"
    ]  # fmt: skip


def test_an_unknown_bucket_is_refused_by_name(ledger):
    with ledger.reading() as session, pytest.raises(ValueError, match="unknown aging bucket"):
        aging_invoices(session, TODAY, "31-61")


def test_an_empty_ledger_has_empty_buckets(ledger):
    with ledger.reading() as session:
        result = aging(session, TODAY)
    assert result.count == 0 and result.total.amount == D("0.00")
    assert [b.key for b in result.buckets] == ["not_due", "1-30", "31-60", "61-90", "over_90"]


def open_on(database, day: dt.date) -> dict[str, Decimal]:
    """Every invoice open at the end of ``day``, by number, with its rest."""
    with database.reading() as session:
        return {
            row.number: row.remaining
            for bucket in BUCKET_KEYS
            for row in aging_invoices(session, day, bucket)
        }


def test_aging_as_of_an_earlier_day_counts_only_what_had_happened_by_then(ledger):
    books = report_ledger.build(ledger)
    a, b, c, other = (books[key].number for key in ("A", "B", "C", "other"))

    assert open_on(ledger, dt.date(2026, 9, 30)) == {}  # D was paid on 09-20
    assert open_on(ledger, dt.date(2026, 10, 15)) == {a: D("750.00"), other: D("62.50")}
    # The credit note of 11-05 takes 250.00 off A; B is issued but not yet paid.
    assert open_on(ledger, dt.date(2026, 11, 5)) == {
        a: D("500.00"), b: D("554.00"), other: D("62.50")}  # fmt: skip
    assert open_on(ledger, dt.date(2026, 11, 25)) == {b: D("1.00"), other: D("62.50")}
    # B's last krona written off on 11-26; C issued and 100.00 of credit used on 11-30.
    assert open_on(ledger, dt.date(2026, 11, 30)) == {c: D("900.00"), other: D("62.50")}

    with ledger.reading() as session:
        own = aging(session, dt.date(2026, 11, 5), customer_id=report_ledger.customer_id(ledger))
    assert (own.total.amount, own.count) == (D("1054.00"), 2)


def test_the_summed_rest_agrees_with_the_stored_one(ledger):
    report_ledger.build(ledger)
    with ledger.reading() as session:
        stored = session.execute(select(open_invoices())).all()
        summed = session.execute(select(open_invoices_on(dt.date(2026, 12, 31)))).all()
    assert sorted(summed) == sorted(stored) and stored
