"""Durations: cues of unknown length, and segments over their budget."""

from __future__ import annotations

from collections.abc import Iterator

from cuesheet.checks._text import at, cue_place, dur, where
from cuesheet.checks.context import Context
from cuesheet.checks.finding import Finding, Severity
from cuesheet.checks.rule import Rule
from cuesheet.timing.engine import FixedPoint

UNKNOWN = Rule(
    "TIM008",
    "unknown-duration",
    Severity.WARNING,
    "A cue has no known duration (the timing says how much time the unknown cues share).",
)
OVER_BUDGET = Rule(
    "TIM006",
    "segment-over-budget",
    Severity.WARNING,
    "The cues of a segment add up to more than its budget.",
)

RULES = (UNKNOWN, OVER_BUDGET)


def _next_fixed(ctx: Context, segment_index: int) -> FixedPoint | None:
    """The fixed time that closes the span holding ``segment_index`` (or the hard out)."""
    for point in ctx.timing.fixed:
        if point.segment_index is None or point.segment_index > segment_index:
            return point
    return None


def check(ctx: Context) -> Iterator[Finding]:
    """A finding per cue of unknown duration and per segment over budget."""
    show = ctx.show
    for si, segment in enumerate(show.segments):
        closing = _next_fixed(ctx, si)
        for ci, cue in enumerate(segment.cues):
            if cue.duration_ms is not None:
                continue
            share = ""
            if segment.budget_ms is not None:
                known = ctx.timing.segments[si].cue_total_ms
                share = (
                    f"; the segment's budget of {dur(segment.budget_ms)} stands in "
                    f"(its cues of known length take {dur(known)})"
                )
            elif closing is not None:
                label = "the hard out" if closing.segment_index is None else closing.label
                if closing.available_ms >= 0:
                    share = (
                        f"; {closing.unknown_cues} cue(s) of unknown length share "
                        f"{dur(closing.available_ms)} before {label} at "
                        f"{at(show, closing.at_ms)}"
                    )
                else:
                    share = (
                        f"; the cues of known length already overrun {label} at "
                        f"{at(show, closing.at_ms)} by {dur(-closing.available_ms)}"
                    )
            yield UNKNOWN.finding(
                f"{where(segment, cue)}: duration unknown{share}",
                **cue_place(segment, si, cue, ci),
                at_ms=ctx.timing.cue(si, ci).front_ms,
            )
        if segment.budget_ms is None or not segment.cues:
            continue
        seg_timing = ctx.timing.segments[si]
        total = seg_timing.cue_total_ms
        over = total - segment.budget_ms
        if over <= 0:
            continue
        known = seg_timing.unknown_cues == 0
        what = "its cues add up to" if known else "its cues of known length already add up to"
        yield OVER_BUDGET.finding(
            f"{where(segment)}: {what} {dur(total)} against a budget of "
            f"{dur(segment.budget_ms)}, over by {dur(over)}",
            segment=segment.title,
            segment_index=si,
            at_ms=seg_timing.start_ms,
            planned_ms=segment.budget_ms,
            actual_ms=total,
            delta_ms=over,
        )
