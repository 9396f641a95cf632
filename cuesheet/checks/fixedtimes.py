"""Fixed times: reached in time (overrun/underrun), in order, and the hard out respected.

A fixed time is a segment pinned with ``at``; the hard out is the last one.
Over and under come from :mod:`cuesheet.timing.engine`: the content between the
previous anchor and the fixed time against the time there is.
"""

from __future__ import annotations

from collections.abc import Iterator

from cuesheet.checks._text import at, cue_name, dur, where
from cuesheet.checks.context import Context
from cuesheet.checks.finding import Finding, Severity
from cuesheet.checks.rule import Rule
from cuesheet.model import Show
from cuesheet.timing.engine import FixedPoint

OVERRUN = Rule(
    "TIM003",
    "fixed-time-overrun",
    Severity.ERROR,
    "The cues before a fixed time cannot reach it: they end after it (says by how much).",
)
SLACK = Rule(
    "TIM004",
    "fixed-time-slack",
    Severity.WARNING,
    "The cues before a fixed time or the hard out end early, leaving slack beyond the tolerance.",
)
HARD_OUT = Rule(
    "TIM005",
    "past-hard-out",
    Severity.ERROR,
    "The show runs past its hard out.",
)
ORDER = Rule(
    "TIM007",
    "fixed-time-order",
    Severity.ERROR,
    "A fixed time comes before the show start, an earlier fixed time, or after the hard out.",
)

RULES = (OVERRUN, SLACK, HARD_OUT, ORDER)


def _last_cue_before(show: Show, segment_index: int) -> str:
    """`` (last cue before it: cue 11 "X")``, or nothing when no cue comes before."""
    for segment in reversed(show.segments[:segment_index]):
        if segment.cues:
            return f" (last cue before it: {cue_name(segment.cues[-1])})"
    return ""


def _point_name(show: Show, point: FixedPoint) -> str:
    if point.segment_index is None:
        return f"the hard out at {at(show, point.at_ms)}"
    segment = show.segments[point.segment_index]
    label = f' ("{segment.at_label}")' if segment.at_label not in ("", segment.title) else ""
    return f"{where(segment)} fixed at {at(show, point.at_ms)}{label}"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _fields(show: Show, point: FixedPoint) -> dict[str, object]:
    if point.segment_index is None:
        return {"at_ms": point.at_ms}
    return {
        "segment": show.segments[point.segment_index].title,
        "segment_index": point.segment_index,
        "at_ms": point.at_ms,
    }


def _over_under(ctx: Context, point: FixedPoint) -> Iterator[Finding]:
    show = ctx.show
    name = _cap(_point_name(show, point))
    last = "" if point.segment_index is None else _last_cue_before(show, point.segment_index)
    over = point.over_ms
    rule = OVERRUN if point.segment_index is not None else HARD_OUT
    fields = _fields(show, point)
    if over is None:
        if point.available_ms < 0:
            yield rule.finding(
                f"{name}: the cues of known length before it already run "
                f"{dur(-point.available_ms)} past it, with {point.unknown_cues} cue(s) "
                f"of unknown length still to fit{last}",
                planned_ms=point.at_ms,
                delta_ms=-point.available_ms,
                **fields,
            )
        return
    assert point.reached_ms is not None
    if over > 0:
        verb = "the cues before it end" if point.segment_index is not None else "the show ends"
        yield rule.finding(
            f"{name}: {verb} at {at(show, point.reached_ms)}, over by {dur(over)}{last}",
            planned_ms=point.at_ms,
            actual_ms=point.reached_ms,
            delta_ms=over,
            **fields,
        )
    elif -over > ctx.tolerance_ms:
        verb = "the cues before it end" if point.segment_index is not None else "the show ends"
        yield SLACK.finding(
            f"{name}: {verb} at {at(show, point.reached_ms)}, leaving {dur(-over)} of slack{last}",
            planned_ms=point.at_ms,
            actual_ms=point.reached_ms,
            delta_ms=over,
            **fields,
        )


def check(ctx: Context) -> Iterator[Finding]:
    """Over/under at each fixed time, the hard out, and fixed times out of order."""
    show = ctx.show
    previous_at = show.start_ms
    previous_name = f"the show start at {at(show, show.start_ms)}"
    for point in ctx.timing.fixed:
        name = _point_name(show, point)
        if point.at_ms < previous_at:
            yield ORDER.finding(
                f"{_cap(name)} comes before {previous_name}",
                planned_ms=point.at_ms,
                actual_ms=previous_at,
                delta_ms=point.at_ms - previous_at,
                **_fields(show, point),
            )
            continue
        yield from _over_under(ctx, point)
        previous_at = point.at_ms
        previous_name = name
