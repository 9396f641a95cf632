"""Cues that overlap, and gaps between cues where the show expects none.

In a plan, cues follow one another by construction, so the only overlap a
plan can hold is a crossfade longer than a cue.  On air (with ``--as-run``)
every logged start and duration is compared with the next start: silence
beyond the cue's planned ``gap`` is dead air, overlap beyond its planned
``crossfade`` is two cues at once.  Both allow the tolerance.  Waiting for a
fixed time is not dead air: before the first cue of a pinned segment, the
silence up to its fixed time is the hold the plan left (only what runs past
the fixed time counts).
"""

from __future__ import annotations

from collections.abc import Iterator

from cuesheet.asrun.align import Alignment
from cuesheet.asrun.onair import Change, Kind, OnAir, Silence
from cuesheet.checks._text import at, cue_name, cue_place, dur, effect_text, where
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
    fields: dict[str, object] = {"line": item.line, "at_ms": item.start_ms, "on_air": True}
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
                    **cue_place(segment, si, cue, ci),
                )
            if fade > 0 and cue.duration_ms is not None and fade > cue.duration_ms:
                yield OVERLAP.finding(
                    f"{where(segment, cue)}: its crossfade of {dur(fade)} is longer than the "
                    f"cue itself ({dur(cue.duration_ms)})",
                    planned_ms=cue.duration_ms,
                    actual_ms=fade,
                    delta_ms=fade - cue.duration_ms,
                    **cue_place(segment, si, cue, ci),
                )
            previous = cue


def _on_air(ctx: Context, on_air: OnAir) -> Iterator[Finding]:
    """Silence beyond the planned gap (or the wait for a fixed time), overlap beyond the
    planned crossfade, between consecutive aired items with logged times."""
    changes = {
        (c.kind, c.aired_index): c
        for c in on_air.changes
        if c.kind in (Kind.DEAD_AIR, Kind.OVERLAP)
    }
    for silence in on_air.silences:
        if silence.dead_air_ms > ctx.tolerance_ms:
            yield _gap(ctx, on_air, silence, changes.get((Kind.DEAD_AIR, silence.before + 1)))
        elif silence.overlap_ms > ctx.tolerance_ms:
            yield _overlap(ctx, on_air, silence, changes.get((Kind.OVERLAP, silence.before + 1)))


def _gap(ctx: Context, on_air: OnAir, silence: Silence, change: Change | None) -> Finding:
    """``TIM002``: dead air between two aired items."""
    alignment, j = on_air.alignment, silence.before
    name, before = aired_name(alignment, j + 1), _previous_name(alignment, j)
    expected = f" (planned gap {dur(silence.gap_ms)})" if silence.gap_ms else ""
    if silence.hold_ms > silence.gap_ms:
        expected = f" ({dur(silence.hold_ms)} of it waiting for the fixed time)"
    tail = f": {effect_text(change.delta_ms, change.running_ms)}" if change else ""
    return GAP.finding(
        f"{name}: on air at {at(ctx.show, silence.start_ms)}, {dur(silence.silence_ms)} of "
        f"silence after {before} ended at {at(ctx.show, silence.end_ms)}{expected}{tail}",
        planned_ms=max(silence.gap_ms, silence.hold_ms),
        actual_ms=silence.silence_ms,
        delta_ms=silence.dead_air_ms,
        running_ms=change.running_ms if change else None,
        **_aired_fields(alignment, j + 1),
    )


def _overlap(ctx: Context, on_air: OnAir, silence: Silence, change: Change | None) -> Finding:
    """``TIM001`` on air: two aired items playing at once beyond the planned crossfade."""
    alignment, j = on_air.alignment, silence.before
    name, before = aired_name(alignment, j + 1), _previous_name(alignment, j)
    fade = silence.crossfade_ms
    expected = f" (planned crossfade {dur(fade)})" if fade else ""
    tail = f": {effect_text(change.delta_ms, change.running_ms)}" if change else ""
    return OVERLAP.finding(
        f"{name}: on air at {at(ctx.show, silence.start_ms)} while "
        f"{before} still played until {at(ctx.show, silence.end_ms)}, "
        f"{dur(-silence.silence_ms)} of overlap{expected}{tail}",
        planned_ms=fade,
        actual_ms=-silence.silence_ms,
        delta_ms=silence.overlap_ms,
        running_ms=change.running_ms if change else None,
        **_aired_fields(alignment, j + 1),
    )


def check(ctx: Context) -> Iterator[Finding]:
    """Overlaps in the plan; gaps and overlaps on air when an as-run log is given."""
    yield from _plan(ctx)
    if ctx.alignment is not None:
        from cuesheet.asrun.onair import analyse

        yield from _on_air(ctx, ctx.on_air or analyse(ctx.alignment, ctx.tolerance_ms))
