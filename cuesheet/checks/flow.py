"""Cues that overlap, and gaps between cues where the show expects none.

In a plan, cues follow one another by construction, so the only overlap a
plan can hold is a crossfade longer than a cue.  On air (with ``--as-run``)
every logged start and duration is compared with the next start: silence
beyond the cue's planned ``gap`` is dead air, overlap beyond its planned
``crossfade`` is two cues at once.  Both allow the tolerance.
"""

from __future__ import annotations

from collections.abc import Iterator

from cuesheet.asrun.align import Alignment
from cuesheet.checks._text import at, cue_name, cue_place, dur, where
from cuesheet.checks.context import Context
from cuesheet.checks.finding import Finding, Severity
from cuesheet.checks.rule import Rule
from cuesheet.model import Cue

OVERLAP = Rule(
    "TIM001",
    "cues-overlap",
    Severity.WARNING,
    "Two cues play at once beyond the planned crossfade (or a crossfade is longer than a cue).",
)
GAP = Rule(
    "TIM002",
    "unexpected-gap",
    Severity.WARNING,
    "Silence between two cues on air beyond the planned gap (dead air).",
)

RULES = (OVERLAP, GAP)


def aired_name(alignment: Alignment, index: int) -> str:
    """How a message names aired item ``index``: its planned cue, or the log line."""
    place = alignment.aired[index]
    item = alignment.log.items[index]
    if place is not None:
        segment = alignment.show.segments[place[0]]
        return where(segment, segment.cues[place[1]])
    line = f", log line {item.line}" if item.line is not None else ""
    return f'Unplanned "{item.title}"{line}'


def _previous_name(alignment: Alignment, index: int) -> str:
    """Aired item ``index`` named after the one that follows it: no segment if the same."""
    place, after = alignment.aired[index], alignment.aired[index + 1]
    if place is not None and after is not None and place[0] == after[0]:
        return cue_name(alignment.show.segments[place[0]].cues[place[1]])
    name = aired_name(alignment, index)
    return name[0].lower() + name[1:]


def _aired_fields(alignment: Alignment, index: int) -> dict[str, object]:
    place = alignment.aired[index]
    item = alignment.log.items[index]
    si = alignment.segment_of_aired(index)
    fields: dict[str, object] = {"line": item.line, "at_ms": item.start_ms}
    if si is not None:
        fields["segment"] = alignment.show.segments[si].title
        fields["segment_index"] = si
    if place is not None:
        fields["cue"] = alignment.show.segments[place[0]].cues[place[1]].number
        fields["cue_index"] = place[1]
    return fields


def _plan(ctx: Context) -> Iterator[Finding]:
    previous: Cue | None = None
    for si, segment in enumerate(ctx.show.segments):
        if segment.at_ms is not None:
            previous = None  # a fixed time restarts the clock: no crossfade across it
        for ci, cue in enumerate(segment.cues):
            fields = cue_place(segment, si, cue, ci)
            fade = cue.crossfade_ms
            if (
                previous is not None
                and previous.duration_ms is not None
                and fade > previous.duration_ms
            ):
                yield OVERLAP.finding(
                    f"{where(segment, cue)}: its crossfade of {dur(fade)} is longer than "
                    f"{cue_name(previous)} ({dur(previous.duration_ms)}) before it",
                    planned_ms=previous.duration_ms,
                    actual_ms=fade,
                    delta_ms=fade - previous.duration_ms,
                    **fields,
                )
            if fade > 0 and cue.duration_ms is not None and fade > cue.duration_ms:
                yield OVERLAP.finding(
                    f"{where(segment, cue)}: its crossfade of {dur(fade)} is longer than the "
                    f"cue itself ({dur(cue.duration_ms)})",
                    planned_ms=cue.duration_ms,
                    actual_ms=fade,
                    delta_ms=fade - cue.duration_ms,
                    **fields,
                )
            previous = cue


def _on_air(ctx: Context, alignment: Alignment) -> Iterator[Finding]:
    items = alignment.log.items
    show = ctx.show
    for j in range(len(items) - 1):
        item, after = items[j], items[j + 1]
        if item.start_ms is None or after.start_ms is None or item.duration_ms is None:
            continue
        if item.start_derived or after.start_derived:
            continue  # times worked out from durations leave no gaps by construction
        place = alignment.aired[j + 1]
        planned_gap = planned_fade = 0
        if place is not None:
            cue = show.segments[place[0]].cues[place[1]]
            planned_gap, planned_fade = cue.gap_ms, cue.crossfade_ms
        end = item.start_ms + item.duration_ms
        gap = after.start_ms - end
        name, before = aired_name(alignment, j + 1), _previous_name(alignment, j)
        fields = _aired_fields(alignment, j + 1)
        if gap - planned_gap > ctx.tolerance_ms:
            expected = f" (planned gap {dur(planned_gap)})" if planned_gap else ""
            yield GAP.finding(
                f"{name}: on air at {at(show, after.start_ms)}, {dur(gap)} of silence after "
                f"{before} ended at {at(show, end)}{expected}",
                planned_ms=planned_gap,
                actual_ms=gap,
                delta_ms=gap - planned_gap,
                **fields,
            )
        elif -gap - planned_fade > ctx.tolerance_ms:
            expected = f" (planned crossfade {dur(planned_fade)})" if planned_fade else ""
            yield OVERLAP.finding(
                f"{name}: on air at {at(show, after.start_ms)} while "
                f"{before} still played until {at(show, end)}, "
                f"{dur(-gap)} of overlap{expected}",
                planned_ms=planned_fade,
                actual_ms=-gap,
                delta_ms=-gap - planned_fade,
                **fields,
            )


def check(ctx: Context) -> Iterator[Finding]:
    """Overlaps in the plan; gaps and overlaps on air when an as-run log is given."""
    yield from _plan(ctx)
    if ctx.alignment is not None:
        yield from _on_air(ctx, ctx.alignment)
