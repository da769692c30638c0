"""Payment terms and due dates on real Swedish calendar dates (2024-2027)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from finqr_desktop.domain import due_dates
from finqr_desktop.domain.due_dates import (
    PaymentTerms,
    add_months,
    due_date,
    is_bank_day,
    next_bank_day,
)

D = dt.date


# --- PaymentTerms -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("30", PaymentTerms(30)),
        ("net 30", PaymentTerms(30)),
        ("Net 30", PaymentTerms(30)),
        ("30 days", PaymentTerms(30)),
        (" net  10  days ", PaymentTerms(10)),
        ("1 day", PaymentTerms(1)),
        ("0", PaymentTerms(0)),
        ("365", PaymentTerms(365)),
        ("eom+30", PaymentTerms(30, end_of_month=True)),
        ("EOM + 30", PaymentTerms(30, end_of_month=True)),
        ("end of month + 30", PaymentTerms(30, end_of_month=True)),
        ("End of the month+15 days", PaymentTerms(15, end_of_month=True)),
        ("eom", PaymentTerms(0, end_of_month=True)),
        ("30 dagar", PaymentTerms(30)),
        ("netto 20", PaymentTerms(20)),
    ],
)
def test_parse_terms(text, terms):
    assert PaymentTerms.parse(text) == terms


@pytest.mark.parametrize("text", ["", "net", "thirty", "-5", "3 0", "eom+", "eom-5", "30 weeks"])
def test_parse_refuses_unreadable_terms(text):
    with pytest.raises(ValueError, match="cannot read payment terms") as caught:
        PaymentTerms.parse(text)
    assert repr(text) in str(caught.value)


@pytest.mark.parametrize("text", ["366", "net 1000", "eom+400"])
def test_parse_refuses_terms_over_a_year(text):
    with pytest.raises(ValueError, match="more than 365 days"):
        PaymentTerms.parse(text)


@pytest.mark.parametrize("days", [-1, 366, True, 30.0, "30"])
def test_terms_validate_days(days):
    with pytest.raises(ValueError):
        PaymentTerms(days)


def test_terms_are_frozen():
    terms = PaymentTerms(30)
    with pytest.raises(AttributeError):
        terms.days = 10  # type: ignore[misc]


def test_terms_text():
    assert str(PaymentTerms(30)) == "30"
    assert str(PaymentTerms(30, end_of_month=True)) == "eom+30"
    assert str(PaymentTerms.parse("end of month + 0")) == "eom+0"


@given(st.integers(0, 365), st.booleans())
def test_terms_text_round_trips(days, end_of_month):
    terms = PaymentTerms(days, end_of_month)
    assert PaymentTerms.parse(str(terms)) == terms


# --- add_months ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2025, 1, 31), 1, D(2025, 2, 28)),
        (D(2024, 3, 31), -1, D(2024, 2, 29)),
        (D(2024, 1, 15), 12, D(2025, 1, 15)),
        (D(2023, 12, 15), 1, D(2024, 1, 15)),
        (D(2024, 1, 31), -13, D(2022, 12, 31)),
        (D(2024, 8, 31), 1, D(2024, 9, 30)),
        (D(2024, 5, 10), 0, D(2024, 5, 10)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


@given(st.dates(D(1900, 1, 1), D(2100, 12, 31)), st.integers(-240, 240))
def test_add_months_lands_in_the_right_month(day, months):
    result = add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    assert result.day == day.day or (result.day < day.day and (result + dt.timedelta(1)).day == 1)


# --- due_date -----------------------------------------------------------------------------


def test_net_terms():
    assert due_date(D(2026, 1, 15), PaymentTerms(30)) == D(2026, 2, 14)
    assert due_date(D(2026, 12, 4), PaymentTerms(0)) == D(2026, 12, 4)


def test_end_of_month_terms():
    assert due_date(D(2026, 1, 15), PaymentTerms(30, end_of_month=True)) == D(2026, 3, 2)
    assert due_date(D(2024, 2, 1), PaymentTerms(0, end_of_month=True)) == D(2024, 2, 29)
    assert due_date(D(2026, 12, 31), PaymentTerms(10, end_of_month=True)) == D(2027, 1, 10)


def test_due_date_stays_on_a_non_bank_day_unless_asked():
    # 2026-11-25 + 30 = 2026-12-25, juldagen.
    assert due_date(D(2026, 11, 25), PaymentTerms(30)) == D(2026, 12, 25)
    assert due_date(D(2026, 11, 25), PaymentTerms(30), next_bank_day=True) == D(2026, 12, 28)


def test_due_date_on_midsommarafton_moves_to_monday():
    # 2026-05-20 + 30 = 2026-06-19, midsommarafton (a Friday, not a public holiday).
    assert due_date(D(2026, 5, 20), PaymentTerms(30), next_bank_day=True) == D(2026, 6, 22)


def test_due_date_on_a_bank_day_does_not_move():
    assert due_date(D(2026, 5, 5), PaymentTerms(30), next_bank_day=True) == D(2026, 6, 4)


def test_due_date_wants_terms_and_a_date():
    with pytest.raises(TypeError):
        due_date(D(2026, 1, 1), "30")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        due_date(dt.datetime(2026, 1, 1, 12), PaymentTerms(30))


# --- bank days ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2026, 12, 25), D(2026, 12, 28)),  # juldagen (Fri) -> Mon
        (D(2026, 12, 24), D(2026, 12, 28)),  # julafton (Thu), juldagen, weekend
        (D(2026, 6, 19), D(2026, 6, 22)),  # midsommarafton (Fri)
        (D(2026, 12, 31), D(2027, 1, 4)),  # nyårsafton, nyårsdagen, weekend: crosses the year
        (D(2026, 4, 3), D(2026, 4, 7)),  # långfredagen, weekend, annandag påsk
        (D(2026, 1, 6), D(2026, 1, 7)),  # trettondedag jul (Tue)
        (D(2026, 5, 14), D(2026, 5, 15)),  # Kristi himmelsfärdsdag (Thu)
        (D(2026, 5, 1), D(2026, 5, 4)),  # första maj (Fri)
        (D(2026, 6, 6), D(2026, 6, 8)),  # nationaldagen (Sat)
        (D(2026, 12, 5), D(2026, 12, 7)),  # ordinary Saturday
        (D(2026, 12, 6), D(2026, 12, 7)),  # ordinary Sunday
        (D(2025, 6, 20), D(2025, 6, 23)),  # midsommarafton 2025
        (D(2024, 6, 21), D(2024, 6, 24)),  # midsommarafton 2024
    ],
)
def test_next_bank_day_in_sweden(day, expected):
    assert not is_bank_day(day)
    assert next_bank_day(day) == expected
    assert is_bank_day(expected)


@pytest.mark.parametrize(
    "day",
    [
        D(2026, 4, 2),  # skärtorsdagen: a half day, but banks settle
        D(2026, 4, 30),  # valborgsmässoafton
        D(2026, 6, 18),  # the day before midsommarafton
        D(2026, 12, 23),
        D(2026, 12, 7),
    ],
)
def test_bank_days_in_sweden(day):
    assert is_bank_day(day)
    assert next_bank_day(day) == day


def test_every_sunday_is_not_a_bank_day_but_not_listed_as_a_weekday_closure():
    sundays = [D(2026, 1, 4) + dt.timedelta(weeks=n) for n in range(52)]
    assert not any(is_bank_day(day) for day in sundays)
    assert not any(day.weekday() >= 5 for day in due_dates._closed_weekdays("SE", 2026))


def test_swedish_closed_weekdays_2026():
    assert due_dates._closed_weekdays("SE", 2026) == {
        D(2026, 1, 1),
        D(2026, 1, 6),
        D(2026, 4, 3),
        D(2026, 4, 6),
        D(2026, 5, 1),
        D(2026, 5, 14),
        D(2026, 6, 19),
        D(2026, 12, 24),
        D(2026, 12, 25),
        D(2026, 12, 31),
    }


def test_other_countries_use_their_own_calendar():
    # 2026-12-26 (Boxing Day) is a Saturday, so England observes it on Monday the 28th.
    assert next_bank_day(D(2026, 12, 25), "GB") == D(2026, 12, 29)
    assert next_bank_day(D(2026, 12, 25), "us") == D(2026, 12, 28)
    assert is_bank_day(D(2026, 6, 19), "DE")
    assert due_date(D(2026, 5, 20), PaymentTerms(30), next_bank_day=True, country="DE") == D(
        2026, 6, 19
    )


def test_unknown_country():
    with pytest.raises(ValueError, match="no holiday calendar"):
        is_bank_day(D(2026, 1, 1), "ZZ")
    with pytest.raises(ValueError, match="country code"):
        is_bank_day(D(2026, 1, 1), "Sweden")


def test_datetime_is_refused():
    # datetime(2026, 12, 25) is not equal to date(2026, 12, 25): a silent miss otherwise.
    with pytest.raises(TypeError):
        is_bank_day(dt.datetime(2026, 12, 25))


def test_holiday_calendar_is_cached_per_country_and_year():
    due_dates._closed_weekdays.cache_clear()
    is_bank_day(D(2026, 3, 2))
    is_bank_day(D(2026, 8, 3))
    is_bank_day(D(2027, 3, 1))
    info = due_dates._closed_weekdays.cache_info()
    assert (info.misses, info.hits) == (2, 1)


@given(st.dates(D(2000, 1, 1), D(2040, 12, 31)))
def test_next_bank_day_is_the_first_bank_day_on_or_after(day):
    result = next_bank_day(day)
    assert result >= day
    assert is_bank_day(result)
    assert result.weekday() < 5
    assert (result - day).days <= 5
    between = [day + dt.timedelta(n) for n in range((result - day).days)]
    assert not any(is_bank_day(d) for d in between)
