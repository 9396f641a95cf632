"""The timing table shows every time by one rule (nearest second, halves up), so it adds up."""

from __future__ import annotations

import itertools
import re

import pytest

from cuesheet.inputs import showfile
from cuesheet.outputs.table import render_timing
from cuesheet.timing.engine import compute
from cuesheet.timing.timecode import parse_duration

SHOW = """\
title: Fractions
timezone: Europe/London
date: 2014-07-01
start: "21:00"
hard_out: "{hard_out}"
segments:
  - title: One
    budget: "0:14"
    cues:
{cues}
"""

ROW = re.compile(r"^\s+(\d+)\s+\S+\s+music\s+(\d+:\d\d)\s+(\d\d:\d\d:\d\d)\s+(\d\d:\d\d:\d\d)")


def _table(durations: list[str], hard_out: str = "21:00:30") -> list[str]:
    cues = "\n".join(
        f'      - music: X - Cue{i}\n        duration: "{d}"' for i, d in enumerate(durations)
    )
    show = showfile.loads(SHOW.format(hard_out=hard_out, cues=cues), "show.yaml")
    return render_timing(compute(show))


def _seconds(text: str) -> int:
    return parse_duration(text) // 1000


def _clock(text: str) -> int:
    hh, mm, ss = (int(part) for part in text.split(":"))
    return (hh * 60 + mm) * 60 + ss


def test_a_cue_shown_8_seconds_long_is_followed_8_seconds_later() -> None:
    lines = _table(["0:07.5", "0:02"])
    rows = [ROW.match(line) for line in lines]
    first, second = (row for row in rows if row is not None)
    assert (first[2], first[3]) == ("0:08", "21:00:00")
    assert second[3] == "21:00:08"  # not 21:00:07: starts round as durations do


@pytest.mark.parametrize(
    "durations",
    [["0:07.5", "0:07.4", "0:07.4", "0:07.4"], ["0:00.5"] * 9, ["1:59.499", "0:00.502", "3:03.3"]],
)
def test_every_row_adds_up_to_the_next_start_and_the_total(durations: list[str]) -> None:
    lines = _table(durations, hard_out="21:30")
    rows = [row for row in map(ROW.match, lines) if row is not None]
    for row, following in itertools.pairwise(rows):
        assert _clock(row[3]) + _seconds(row[2]) == _clock(following[3]), lines
    end = re.fullmatch(r"End: (\d\d:\d\d:\d\d) \(total (\d+:\d\d)\)", lines[-1])
    assert end is not None, lines[-1]
    assert _clock(rows[-1][3]) + _seconds(rows[-1][2]) == _clock(end[1])
    assert sum(_seconds(row[2]) for row in rows) == _seconds(end[2])


def test_over_and_under_are_what_the_clock_times_shown_say() -> None:
    lines = _table(["0:07.5", "0:07.4", "0:07.4", "0:07.4"])  # ends 29.7 s in
    assert "▶ 21:00:30  Hard out: reached 21:00:30, on time" in lines  # not "under by 0:00"
    lines = _table(["0:10.4", "0:10.4", "0:10.4"])  # ends 31.2 s in
    assert "▶ 21:00:30  Hard out: reached 21:00:31, over by 0:01" in lines
    lines = _table(["0:09.4", "0:09.4", "0:09.4"], hard_out="21:00:29")  # ends 28.2 s in
    assert "▶ 21:00:29  Hard out: reached 21:00:28, under by 0:01" in lines


def test_budget_overrun_is_the_shown_length_less_the_budget() -> None:
    lines = _table(["0:07.5", "0:07.4", "0:07.4", "0:07.4"])
    assert "── One 21:00:00  budget 0:14 (over by 0:16)" in lines  # 0:30 shown, less 0:14


def test_the_printable_running_order_adds_up_too() -> None:
    from cuesheet.outputs.printable import dumps_html

    cues = "\n".join(f'      - music: X - Cue{i}\n        duration: "0:07.4"' for i in range(4))
    show = showfile.loads(SHOW.format(hard_out="21:30", cues=cues), "show.yaml")
    page = dumps_html(compute(show))
    time = r"<td class=\"time\">"
    cells = re.findall(rf"{time}(?:▶ )?(\d\d:\d\d:\d\d)</td>{time}(\d+:\d\d)</td>", page)
    assert len(cells) == 4, page
    for (start, length), (following, _) in itertools.pairwise(cells):
        assert _clock(start) + _seconds(length) == _clock(following)
