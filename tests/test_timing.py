"""The timing engine: front/back timing, fixed times, budgets, unknown durations."""

from __future__ import annotations

from datetime import date

from cuesheet.model import Cue, Segment, Show
from cuesheet.timing import clock
from cuesheet.timing.engine import LengthSource, compute

MSK = "Europe/Moscow"
START = clock.local_to_ms(date(2014, 2, 23), clock.parse_hhmm("20:14"), MSK)
MIN = 60_000


def at(hhmm: str) -> int:
    return clock.after(START, clock.parse_hhmm(hhmm), MSK)


def cue(number: int, minutes: float | None) -> Cue:
    return Cue(
        str(number), f"cue {number}", duration_ms=None if minutes is None else int(minutes * MIN)
    )


def show(*segments: Segment, hard_out: str | None = None) -> Show:
    return Show(
        "Test",
        MSK,
        START,
        segments=segments,
        hard_out_ms=at(hard_out) if hard_out else None,
    )


def local(ms: int | None) -> str | None:
    return None if ms is None else clock.hhmmss_local(ms, MSK)


def test_front_timing_runs_from_the_start() -> None:
    timing = compute(show(Segment("A", (cue(1, 2), cue(2, 3.5))), Segment("B", (cue(3, 1),))))
    fronts = [local(t.front_ms) for row in timing.cues for t in row]
    assert fronts == ["20:14:00", "20:16:00", "20:19:30"]
    assert local(timing.end_ms) == "20:20:30"
    assert timing.fixed == ()


def test_over_and_under_at_a_fixed_time_then_timing_restarts_there() -> None:
    over = compute(
        show(
            Segment("A", (cue(1, 10),)),
            Segment("B", (cue(2, 1),), at_ms=at("20:20"), at_label="Hit"),
        )
    )
    point = over.fixed[0]
    assert point.label == "Hit"
    assert point.over_ms == 4 * MIN
    assert local(over.cue(1, 0).front_ms) == "20:20:00"

    under = compute(show(Segment("A", (cue(1, 5),)), Segment("B", (cue(2, 1),), at_ms=at("20:20"))))
    assert under.fixed[0].over_ms == -1 * MIN
    assert under.fixed[0].label == "B"


def test_back_timing_from_fixed_time_and_hard_out() -> None:
    timing = compute(
        show(
            Segment("A", (cue(1, 1), cue(2, 2))),
            Segment("B", (cue(3, 4),), at_ms=at("20:30")),
            hard_out="20:40",
        )
    )
    backs = [local(t.back_ms) for row in timing.cues for t in row]
    # A must end by 20:30; B must end by the hard out.
    assert backs == ["20:27:00", "20:28:00", "20:36:00"]
    hard_out = timing.hard_out
    assert hard_out is not None and hard_out.over_ms == -6 * MIN


def test_show_running_past_its_hard_out() -> None:
    timing = compute(show(Segment("A", (cue(1, 30),)), hard_out="20:40"))
    assert timing.hard_out is not None
    assert timing.hard_out.over_ms == 4 * MIN


def test_unknown_duration_reports_available_time_instead_of_inventing() -> None:
    timing = compute(
        show(
            Segment("A", (cue(1, 2), cue(2, None), cue(3, 1))),
            Segment("B", (cue(4, 1),), at_ms=at("20:30")),
        )
    )
    assert timing.cue(0, 1).front_ms is not None
    assert timing.cue(0, 2).front_ms is None
    point = timing.fixed[0]
    assert point.over_ms is None
    assert point.unknown_cues == 1
    assert point.available_ms == 16 * MIN - 3 * MIN
    # Back timing still works after the unknown cue, and stops before it.
    assert local(timing.cue(0, 2).back_ms) == "20:29:00"
    assert timing.cue(0, 0).back_ms is None
    assert timing.segments[0].length_source is LengthSource.UNKNOWN


def test_segment_budget_stands_in_for_unknown_cues_and_is_checked_when_known() -> None:
    timing = compute(
        show(
            Segment("Pyeongchang", (cue(1, None), cue(2, 3)), budget_ms=8 * MIN),
            Segment("After", (cue(3, 1),)),
        )
    )
    assert timing.segments[0].length_source is LengthSource.BUDGET
    assert local(timing.cue(1, 0).front_ms) == "20:22:00"
    known = compute(show(Segment("P", (cue(1, 5), cue(2, 4)), budget_ms=8 * MIN)))
    assert known.segments[0].over_budget_ms == 1 * MIN
    assert known.segments[0].length_source is LengthSource.CUES


def test_segment_without_cues_takes_its_budget() -> None:
    timing = compute(show(Segment("Parade", budget_ms=20 * MIN), Segment("B", (cue(1, 1),))))
    assert local(timing.cue(1, 0).front_ms) == "20:34:00"


def test_fixed_time_past_midnight() -> None:
    late = Show(
        "Late",
        MSK,
        clock.local_to_ms(date(2014, 2, 23), clock.parse_hhmm("23:50"), MSK),
        segments=(Segment("A", (cue(1, 5),)),),
        hard_out_ms=clock.local_to_ms(date(2014, 2, 24), clock.parse_hhmm("00:10"), MSK),
    )
    timing = compute(late)
    assert timing.hard_out is not None and timing.hard_out.over_ms == -15 * MIN


def test_gaps_and_crossfades_move_the_cues_as_a_render_joins_them() -> None:
    from dataclasses import replace

    first = replace(cue(1, 1), gap_ms=5_000, crossfade_ms=3_000)  # first cue: no crossfade
    second = replace(cue(2, 1), gap_ms=10_000)
    third = replace(cue(3, 1), crossfade_ms=2_000)
    timing = compute(show(Segment("A", (first, second, third)), hard_out="20:20"))
    fronts = [local(t.front_ms) for row in timing.cues for t in row]
    assert fronts == ["20:14:05", "20:15:15", "20:16:13"]
    assert local(timing.end_ms) == "20:17:13"
    assert timing.segments[0].length_ms == 3 * MIN + 13_000
    # Back timing walks the same joins backward from the hard out.
    backs = [local(t.back_ms) for row in timing.cues for t in row]
    assert backs == ["20:16:52", "20:18:02", "20:19:00"]


def test_the_table_flags_a_fixed_time_before_the_one_it_follows() -> None:
    from cuesheet.outputs.table import render_timing

    backwards = show(
        Segment("A", (cue(1, 1),), at_ms=at("21:00")),
        Segment("B", (cue(2, 1),), at_ms=at("20:30")),
    )
    lines = render_timing(compute(backwards))
    flagged = [line for line in lines if "before the fixed time or start it follows" in line]
    assert len(flagged) == 1 and "20:30" in flagged[0]


def test_a_fixed_time_is_hit_with_no_crossfade_across_it() -> None:
    from dataclasses import replace

    pinned = replace(cue(2, 1), crossfade_ms=4_000, gap_ms=1_000)
    timing = compute(show(Segment("A", (cue(1, 1),)), Segment("B", (pinned,), at_ms=at("20:20"))))
    assert local(timing.cue(1, 0).front_ms) == "20:20:01"
