"""Conversions between milliseconds, CD frames and EBU timecode."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cuesheet.timing import timecode


@pytest.mark.parametrize(
    ("ms", "frames"),
    [(0, 0), (13, 1), (6, 0), (7, 1), (1000, 75), (61_013, 4576), (3_600_000, 270_000)],
)
def test_ms_to_cd_frames_rounds_to_nearest(ms: int, frames: int) -> None:
    assert timecode.ms_to_cd_frames(ms) == frames


def test_half_frame_rounds_up() -> None:
    # 20 ms is 1.5 frames exactly.
    assert timecode.ms_to_cd_frames(20) == 2


@given(st.integers(min_value=0, max_value=10**9))
def test_frames_round_trip_exactly(frames: int) -> None:
    assert timecode.ms_to_cd_frames(timecode.cd_frames_to_ms(frames)) == frames


@given(st.integers(min_value=0, max_value=10**8))
def test_ms_survive_frames_within_half_a_frame(ms: int) -> None:
    back = timecode.cd_frames_to_ms(timecode.ms_to_cd_frames(ms))
    assert abs(back - ms) <= 7  # half of 13.33 ms


def test_ebu_timecode() -> None:
    assert timecode.ebu_to_ms("01:02:05:10") == 3_725_400
    with pytest.raises(ValueError):
        timecode.ebu_to_ms("00:00:00:25")


@pytest.mark.parametrize(
    ("text", "ms"),
    [
        ("3:25", 205_000),
        ("1:02:03", 3_723_000),
        ("45", 45_000),
        ("0:01.5", 1_500),
        ("8:00", 480_000),
    ],
)
def test_parse_duration(text: str, ms: int) -> None:
    assert timecode.parse_duration(text) == ms


@pytest.mark.parametrize(
    "bad", ["3:75", "1:60:00", "abc", "3.25.1", "-1:00", "1:5", "100:00:01", "99999999:00:00"]
)
def test_parse_duration_rejects(bad: str) -> None:
    with pytest.raises(ValueError):
        timecode.parse_duration(bad)


def test_format_duration() -> None:
    assert timecode.format_rounded_duration(205_000) == "3:25"
    assert timecode.format_rounded_duration(3_723_499) == "1:02:03"
    assert timecode.format_rounded_duration(-61_000) == "-1:01"


def test_samples_and_cd_frames() -> None:
    assert timecode.cd_frames_to_samples(75, 44_100) == 44_100
    assert timecode.cd_frames_to_samples(1, 44_100) == 588
    assert timecode.cd_frames_to_samples(1, 22_050) == 294
    assert timecode.cd_frames_to_samples(1, 32_000) == 427  # 426.67 -> nearest
    assert timecode.samples_to_cd_frames(588, 44_100) == 1
    assert timecode.samples_to_cd_frames(293, 44_100) == 0
    assert timecode.samples_to_cd_frames(294, 44_100) == 1  # half a frame rounds up


@given(st.integers(min_value=0, max_value=10**9))
def test_frames_survive_samples_exactly(frames: int) -> None:
    for rate in (44_100, 48_000):
        samples = timecode.cd_frames_to_samples(frames, rate)
        assert timecode.samples_to_cd_frames(samples, rate) == frames


def test_samples_and_ms() -> None:
    assert timecode.ms_to_samples(1000, 44_100) == 44_100
    assert timecode.ms_to_samples(10, 44_100) == 441
    assert timecode.ms_to_samples(1, 44_100) == 44  # 44.1 -> nearest
    assert timecode.samples_to_ms(25_000, 44_100) == 567  # 566.89 -> nearest
    assert timecode.samples_to_ms(48, 48_000) == 1


@pytest.mark.parametrize(
    ("text", "ms"),
    [("205", 205_000), ("2.5", 2_500), (".5", 500), (" 0.25 ", 250), ("1.005", 1_005)],
)
def test_parse_seconds(text: str, ms: int) -> None:
    assert timecode.parse_seconds(text) == ms


@pytest.mark.parametrize("bad", ["", ".", "2.", "1e3", "-1", "0.0005", "3:25", "soon"])
def test_parse_seconds_rejects(bad: str) -> None:
    with pytest.raises(ValueError, match="number of seconds"):
        timecode.parse_seconds(bad)


def test_cd_frames_a_second_are_the_cue_formats() -> None:
    from playlists import cue

    assert timecode.CD_FPS == cue.CD_FPS == 75
