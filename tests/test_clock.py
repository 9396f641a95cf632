"""Instants in the show's own timezone, with the offsets of their day."""

from __future__ import annotations

from datetime import date

import pytest

from cuesheet.timing import clock

MSK = "Europe/Moscow"


def test_sochi_2014_start_is_utc_plus_four() -> None:
    start = clock.local_to_ms(date(2014, 2, 23), clock.parse_hhmm("20:14"), MSK)
    assert clock.iso_local(start, MSK) == "2014-02-23T20:14:00+04:00"
    assert clock.hhmm_utc(start) == "16:14Z"
    assert clock.iso_utc(start) == "2014-02-23T16:14:00Z"
    assert clock.utc_offset(start, MSK) == "UTC+04:00"
    assert clock.utc_offset_ms(start, MSK) == 4 * 3_600_000
    assert clock.utc_offset_ms(start, "America/St_Johns") == -(3 * 3_600_000 + 30 * 60_000)


def test_moscow_offset_changed_after_2014() -> None:
    later = clock.local_to_ms(date(2015, 2, 23), clock.parse_hhmm("20:14"), MSK)
    assert clock.iso_local(later, MSK).endswith("+03:00")


def test_fixed_time_after_midnight_is_next_day() -> None:
    start = clock.local_to_ms(date(2014, 2, 23), clock.parse_hhmm("23:30"), MSK)
    closing = clock.after(start, clock.parse_hhmm("00:15"), MSK)
    assert clock.iso_local(closing, MSK) == "2014-02-24T00:15:00+04:00"
    assert closing - start == 45 * 60_000


@pytest.mark.parametrize("bad", ["22.04", "24:00", "7", "12:60", "ab:cd"])
def test_parse_hhmm_rejects(bad: str) -> None:
    with pytest.raises(ValueError, match="HH:MM"):
        clock.parse_hhmm(bad)


def test_unknown_zone() -> None:
    with pytest.raises(ValueError, match="IANA"):
        clock.zone("Mars/Olympus_Mons")


def test_a_wall_clock_skipped_by_daylight_saving_is_refused() -> None:
    with pytest.raises(ValueError, match="01:30 does not exist on 2014-03-30 in Europe/London"):
        clock.local_to_ms(date(2014, 3, 30), clock.parse_hhmm("01:30"), "Europe/London")


def test_a_wall_clock_that_happens_twice_is_the_first() -> None:
    first = clock.local_to_ms(date(2014, 10, 26), clock.parse_hhmm("01:30"), "Europe/London")
    assert clock.iso_local(first, "Europe/London") == "2014-10-26T01:30:00+01:00"


def test_instants_beyond_the_calendar_are_a_timing_error() -> None:
    from cuesheet.errors import TimingError

    with pytest.raises(TimingError, match="beyond the calendar"):
        clock.from_ms(10**17, MSK)
    last = clock.local_to_ms(date(9999, 12, 31), clock.parse_hhmm("23:59"), "UTC")
    with pytest.raises(TimingError):
        clock.after(last, clock.parse_hhmm("00:10"), "UTC")


@pytest.mark.parametrize("name", ["localtime", "/etc/localtime", "../etc/zone"])
def test_machine_dependent_zone_names_are_refused(name: str) -> None:
    with pytest.raises(ValueError, match="IANA"):
        clock.zone(name)


# Days on which the offset changes (by an hour, half an hour, or a whole day), and a quiet one.
_CHANGES = [
    ("Europe/London", date(2014, 3, 30)),
    ("Europe/London", date(2014, 10, 26)),
    ("Australia/Lord_Howe", date(2014, 10, 5)),
    ("America/St_Johns", date(2014, 11, 2)),
    ("Pacific/Apia", date(2011, 12, 29)),
    ("Asia/Kathmandu", date(2014, 2, 23)),
    (MSK, date(2014, 10, 26)),
]


@pytest.mark.parametrize(("tz", "day"), _CHANGES)
def test_wall_clock_text_agrees_with_iso_around_offset_changes(tz: str, day: date) -> None:
    start = clock.local_to_ms(day, clock.parse_hhmm("00:00"), "UTC") - 2 * 86_400_000
    for instant in range(start, start + 4 * 86_400_000, 1_033_777):  # every ~17 minutes
        rounded = (instant + 500) // 1000 * 1000
        assert clock.hhmmss_local(instant, tz) == clock.iso_local(rounded, tz)[11:19], instant


def test_wall_clock_text_rounds_to_the_nearest_second() -> None:
    start = clock.local_to_ms(date(2014, 2, 23), clock.parse_hhmm("23:59:59"), MSK)
    assert clock.hhmmss_local(start + 499, MSK) == "23:59:59"
    assert clock.hhmmss_local(start + 500, MSK) == "00:00:00"
    before_1970 = clock.local_to_ms(date(1960, 6, 1), clock.parse_hhmm("07:05:09"), MSK)
    assert clock.hhmmss_local(before_1970 - 500, MSK) == "07:05:09"


def test_steady_offset_is_none_across_a_change() -> None:
    day = clock.local_to_ms(date(2014, 3, 30), clock.parse_hhmm("00:00"), "UTC")
    assert clock.steady_offset_ms("Europe/London", day - 86_400_000, day - 1) == 0
    assert clock.steady_offset_ms("Europe/London", day - 86_400_000, day) is None
    assert clock.steady_offset_ms(MSK, day, day + 3 * 86_400_000) == 4 * 3_600_000
    assert clock.steady_offset_ms("UTC", 10**17, 10**17) is None  # beyond the calendar
