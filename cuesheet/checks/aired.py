"""Planned against as-run: missing, extra, moved and swapped cues, late starts, fixed times.

These rules run only when an as-run log is given; they read the
:class:`cuesheet.asrun.align.Alignment` of the plan with what aired.
"""

from __future__ import annotations

from collections.abc import Iterator

from cuesheet.asrun.align import Alignment, CueRun, CueStatus
from cuesheet.checks._text import at, cue_name, cue_place, dur, where
from cuesheet.checks.context import Context
from cuesheet.checks.finding import Finding, Severity
from cuesheet.checks.flow import aired_name
from cuesheet.checks.rule import Rule

MISSING = Rule(
    "RUN001",
    "missing-from-air",
    Severity.WARNING,
    "A planned cue is not in the as-run log.",
)
EXTRA = Rule(
    "RUN002",
    "extra-on-air",
    Severity.WARNING,
    "Something aired that the plan does not hold.",
)
MOVED = Rule(
    "RUN003",
    "moved-on-air",
    Severity.WARNING,
    "A cue aired out of its planned order.",
)
SWAPPED = Rule(
    "RUN004",
    "swapped-on-air",
    Severity.WARNING,
    "Two cues aired in each other's places.",
)
LATE = Rule(
    "RUN005",
    "start-deviation",
    Severity.WARNING,
    "A cue aired earlier or later than planned, beyond the tolerance.",
)
FIXED = Rule(
    "RUN006",
    "fixed-time-on-air",
    Severity.WARNING,
    "On air, the show ran over or under at a fixed time or the hard out, beyond the tolerance.",
)
HARD_OUT = Rule(
    "RUN007",
    "past-hard-out-on-air",
    Severity.ERROR,
    "On air, the show ran past its hard out.",
)

RULES = (MISSING, EXTRA, MOVED, SWAPPED, LATE, FIXED, HARD_OUT)


def _fields(alignment: Alignment, run: CueRun) -> dict[str, object]:
    si, ci = run.segment_index, run.cue_index
    segment = alignment.show.segments[si]
    line = alignment.log.items[run.aired_index].line if run.aired_index is not None else None
    return {**cue_place(segment, si, segment.cues[ci], ci), "line": line}


def _aired_times(run: CueRun) -> dict[str, int | None]:
    """The time fields of a finding about a cue that aired: its start against the plan."""
    return {
        "at_ms": run.aired_ms,
        "planned_ms": run.planned_ms,
        "actual_ms": run.aired_ms,
        "delta_ms": run.deviation_ms,
    }


def _when(ctx: Context, instant: int | None) -> str:
    return "?" if instant is None else at(ctx.show, instant)


def _aired_before(alignment: Alignment, index: int) -> str:
    """``after cue 9 "Z"`` -- what aired just before aired item ``index``."""
    if index == 0:
        return "as the first item"
    name = aired_name(alignment, index - 1)
    place = alignment.aired[index - 1]
    if place is not None:
        return "after " + cue_name(alignment.show.segments[place[0]].cues[place[1]])
    return "after " + name[0].lower() + name[1:]


def _planned_before(alignment: Alignment, run: CueRun) -> str:
    show = alignment.show
    if run.cue_index > 0:
        return "after " + cue_name(show.segments[run.segment_index].cues[run.cue_index - 1])
    for segment in reversed(show.segments[: run.segment_index]):
        if segment.cues:
            return "after " + cue_name(segment.cues[-1])
    return "as the first cue"


def _cue_findings(ctx: Context, alignment: Alignment) -> Iterator[Finding]:
    show = ctx.show
    for run in alignment.runs():
        segment = show.segments[run.segment_index]
        cue = segment.cues[run.cue_index]
        head = where(segment, cue)
        fields = _fields(alignment, run)
        if run.status is CueStatus.MISSING:
            planned = "" if run.planned_ms is None else f"planned at {at(show, run.planned_ms)}, "
            yield MISSING.finding(
                f"{head}: {planned}not in the as-run log",
                planned_ms=run.planned_ms,
                at_ms=run.planned_ms,
                **fields,
            )
            continue
        assert run.aired_index is not None
        if run.status is CueStatus.MOVED:
            yield MOVED.finding(
                f"{head}: aired out of order at {_when(ctx, run.aired_ms)}, "
                f"{_aired_before(alignment, run.aired_index)} "
                f"(planned {_planned_before(alignment, run)})",
                **_aired_times(run),
                **fields,
            )
        elif run.status is CueStatus.SWAPPED and run.partner is not None:
            psi, pci = run.partner
            if (psi, pci) < (run.segment_index, run.cue_index):
                continue  # reported with its partner
            other_segment = show.segments[psi]
            other = other_segment.cues[pci]
            other_run = alignment.cue(psi, pci)
            in_other = "" if psi == run.segment_index else f' (segment "{other_segment.title}")'
            yield SWAPPED.finding(
                f"{head} and {cue_name(other)}{in_other} aired in each other's places: "
                f"cue {cue.number} at {_when(ctx, run.aired_ms)}, "
                f"cue {other.number} at {_when(ctx, other_run.aired_ms)}",
                **_aired_times(run),
                **fields,
            )
        elif run.status is CueStatus.IN_ORDER:
            deviation = run.deviation_ms
            item = alignment.log.items[run.aired_index]
            if deviation is None or item.start_derived or abs(deviation) <= ctx.tolerance_ms:
                continue
            assert run.planned_ms is not None and run.aired_ms is not None
            word = "late" if deviation > 0 else "early"
            yield LATE.finding(
                f"{head}: started {dur(abs(deviation))} {word} "
                f"(planned {at(show, run.planned_ms)}, aired {at(show, run.aired_ms)})",
                **_aired_times(run),
                **fields,
            )


def _extras(ctx: Context, alignment: Alignment) -> Iterator[Finding]:
    for j in alignment.extras():
        item = alignment.log.items[j]
        si = alignment.segment_of_aired(j)
        by = f" by {item.credits}" if item.credits else ""
        line = f" (log line {item.line})" if item.line is not None else ""
        segment = f'Segment "{ctx.show.segments[si].title}": ' if si is not None else ""
        yield EXTRA.finding(
            f'{segment}"{item.title}"{by} aired at {_when(ctx, item.start_ms)}{line}, '
            f"{_aired_before(alignment, j)}, but is not in the plan",
            segment=ctx.show.segments[si].title if si is not None else None,
            segment_index=si,
            at_ms=item.start_ms,
            actual_ms=item.start_ms,
            line=item.line,
        )


def _fixed(ctx: Context, alignment: Alignment) -> Iterator[Finding]:
    show = ctx.show
    worked_out = any(item.start_derived for item in alignment.log.items)
    note = " (times worked out from the log's durations)" if worked_out else ""
    for point in alignment.fixed:
        over = point.over_ms
        if over is None:
            continue
        if point.segment_index is None:
            assert point.reached_ms is not None
            if over <= 0 and -over <= ctx.tolerance_ms:
                continue
            rule, side = (HARD_OUT, "past") if over > 0 else (FIXED, "before")
            yield rule.finding(
                f"The show ended on air at {at(show, point.reached_ms)}, {dur(abs(over))} {side} "
                f"its hard out at {at(show, point.at_ms)}{note}",
                at_ms=point.at_ms,
                planned_ms=point.at_ms,
                actual_ms=point.reached_ms,
                delta_ms=over,
            )
            continue
        if abs(over) <= ctx.tolerance_ms:
            continue
        segment = show.segments[point.segment_index]
        label = f' ("{segment.at_label}")' if segment.at_label not in ("", segment.title) else ""
        actual = point.started_ms if point.started_ms is not None else point.reached_ms
        assert actual is not None
        what = "started on air" if point.started_ms is not None else "what aired before it ended"
        word = "over" if over > 0 else "under"
        before = ""
        if point.started_ms is not None and point.reached_ms is not None:
            before = f"; the cues before it ended at {at(show, point.reached_ms)}"
        yield FIXED.finding(
            f"{where(segment)} fixed at {at(show, point.at_ms)}{label}: {what} at "
            f"{at(show, actual)}, running {dur(abs(over))} {word}{before}{note}",
            segment=segment.title,
            segment_index=point.segment_index,
            at_ms=point.at_ms,
            planned_ms=point.at_ms,
            actual_ms=actual,
            delta_ms=over,
        )


def check(ctx: Context) -> Iterator[Finding]:
    """Every as-run finding; nothing without an as-run log."""
    alignment = ctx.alignment
    if alignment is None:
        return
    yield from _cue_findings(ctx, alignment)
    yield from _extras(ctx, alignment)
    yield from _fixed(ctx, alignment)
