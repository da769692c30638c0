"""The send window: bank days only, a local start time, kept across daylight-saving changes."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from finqr_desktop.domain.send_window import SendWindow, next_send_time, opening_on

STOCKHOLM = ZoneInfo("Europe/Stockholm")
WINDOW = SendWindow()


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=STOCKHOLM)


def test_before_the_start_on_a_bank_day_waits_for_the_start():
    assert next_send_time(at(2026, 3, 3, 7, 15), WINDOW) == at(2026, 3, 3, 9, 0)


def test_inside_the_window_is_now():
    moment = at(2026, 3, 3, 14, 30)
    assert next_send_time(moment, WINDOW) == moment


def test_after_the_end_goes_to_the_next_bank_day():
    window = SendWindow(start=dt.time(8), end=dt.time(17))
    assert next_send_time(at(2026, 3, 3, 17, 0), window) == at(2026, 3, 4, 8, 0)


def test_friday_evening_and_the_weekend_go_to_monday():
    window = SendWindow(end=dt.time(18))
    assert next_send_time(at(2026, 3, 6, 19, 0), window) == at(2026, 3, 9, 9, 0)
    assert next_send_time(at(2026, 3, 7, 12, 0), WINDOW) == at(2026, 3, 9, 9, 0)


def test_christmas_and_new_year_are_skipped():
    # 24 Dec (julafton), 25, 26 (Sat), 27 (Sun); 31 Dec (nyårsafton), 1 Jan.
    assert next_send_time(at(2026, 12, 24, 8, 0), WINDOW) == at(2026, 12, 28, 9, 0)
    assert next_send_time(at(2026, 12, 23, 23, 0), WINDOW) == at(2026, 12, 23, 23, 0)
    assert next_send_time(at(2026, 12, 30, 20, 0), WINDOW) == at(2026, 12, 30, 20, 0)
    assert next_send_time(at(2026, 12, 31, 8, 0), WINDOW) == at(2027, 1, 4, 9, 0)


def test_midsummer_eve_is_skipped():
    assert next_send_time(at(2026, 6, 19, 8, 0), WINDOW) == at(2026, 6, 22, 9, 0)


def test_march_2026_change_keeps_nine_local_and_moves_utc():
    # Clocks go forward on Sunday 29 March 2026.
    friday = next_send_time(at(2026, 3, 27, 10, 0), SendWindow(end=dt.time(10)))
    assert friday == at(2026, 3, 30, 9, 0)
    assert friday.astimezone(dt.UTC).hour == 7
    assert at(2026, 3, 27, 9, 0).astimezone(dt.UTC).hour == 8


def test_october_2026_change_keeps_nine_local_and_moves_utc():
    # Clocks go back on Sunday 25 October 2026.
    monday = next_send_time(at(2026, 10, 24, 9, 0), WINDOW)
    assert monday == at(2026, 10, 26, 9, 0)
    assert monday.astimezone(dt.UTC).hour == 8
    assert at(2026, 10, 23, 9, 0).astimezone(dt.UTC).hour == 7


def test_utc_input_is_read_in_the_company_zone():
    # 23:30 UTC on Friday is already Saturday in Stockholm.
    late = dt.datetime(2026, 3, 6, 23, 30, tzinfo=dt.UTC)
    assert next_send_time(late, WINDOW) == at(2026, 3, 9, 9, 0)


def test_a_start_in_the_spring_gap_becomes_a_real_instant():
    window = SendWindow(start=dt.time(2, 30))
    opening = opening_on(dt.date(2026, 3, 29), window)
    assert (opening.hour, opening.minute) == (3, 30)
    assert opening.utcoffset() == dt.timedelta(hours=2)


def test_another_zone_works_too():
    window = SendWindow(timezone="Europe/Helsinki", country="FI")
    result = next_send_time(dt.datetime(2026, 3, 3, 6, 0, tzinfo=dt.UTC), window)
    assert result.astimezone(dt.UTC) == dt.datetime(2026, 3, 3, 7, 0, tzinfo=dt.UTC)


def test_naive_times_and_bad_windows_are_refused():
    with pytest.raises(ValueError, match="time zone"):
        next_send_time(dt.datetime(2026, 3, 3, 9, 0), WINDOW)
    with pytest.raises(ValueError, match="unknown time zone"):
        SendWindow(timezone="Europe/Atlantis")
    with pytest.raises(ValueError, match="end after"):
        SendWindow(start=dt.time(9), end=dt.time(8))
