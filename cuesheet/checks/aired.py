"""Planned against as-run: where time was gained or lost, missing, extra, moved and
swapped cues, runs of late cues, fixed times, and a log on the wrong clock.

These rules run only when an as-run log is given; they read the
:class:`cuesheet.asrun.align.Alignment` of the plan with what aired and its
:class:`cuesheet.asrun.onair.OnAir` analysis.  Every place where time was
gained or lost is one finding carrying ``running_ms`` (the running over/under
after it); lateness carried from it is one ``RUN005`` finding per run of cues.
"""

from __future__ import annotations

from collections.abc import Iterator

from cuesheet.asrun.align import Alignment, CueRun, CueStatus
from cuesheet.asrun.onair import Carried, Causes, Change, Kind, OnAir
from cuesheet.checks._text import at, cue_name, dur, effect_text, where
from cuesheet.checks.context import Context
from cuesheet.checks.finding import Finding, Severity
from cuesheet.checks.flow import aired_name
from cuesheet.checks.rule import Rule
from cuesheet.model import Show

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
    "A run of cues aired later or earlier than planned, beyond the tolerance: one finding "
    "per run, naming the changes that made it.",
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
LENGTH = Rule(
    "RUN008",
    "aired-length",
    Severity.WARNING,
    "A cue ran longer or shorter than planned (or was cut), beyond the tolerance.",
)
TIME = Rule(
    "RUN009",
    "time-change",
    Severity.WARNING,
    "Time gained or lost on air other than by a cue's length, a drop, an extra or dead air: "
    "a late start, a hold before a fixed time, a cue moved in or out.",
)
CLOCK = Rule(
    "RUN010",
    "log-clock-offset",
    Severity.WARNING,
    "Every aired time is off by the same whole number of hours: the log is probably in "
    "another timezone, or of another date.",
)

RULES = (MISSING, EXTRA, MOVED, SWAPPED, LATE, FIXED, HARD_OUT, LENGTH, TIME, CLOCK)


def _on_cue(
    rule: Rule,
    message: str,
    alignment: Alignment,
    run: CueRun,
    *,
    at_ms: int | None = None,
    planned_ms: int | None = None,
    actual_ms: int | None = None,
    delta_ms: int | None = None,
    running_ms: int | None = None,
) -> Finding:
    """A finding of ``rule`` on air about the planned cue of ``run``, placed on it (and on
    the log line it aired at).  Built directly: a shuffled log makes thousands."""
    si, ci = run.segment_index, run.cue_index
    segment = alignment.show.segments[si]
    line = alignment.log.items[run.aired_index].line if run.aired_index is not None else None
    return Finding(  # positionally, in the order of Finding's fields (faster than by name)
        rule.code,
        rule.severity,
        message,
        segment.title,
        segment.cues[ci].number,
        si,
        ci,
        at_ms,
        planned_ms,
        actual_ms,
        delta_ms,
        line,
        True,
        running_ms,
    )


def _on_aired_cue(rule: Rule, message: str, alignment: Alignment, run: CueRun) -> Finding:
    """A finding about a cue that aired, with its start against the plan as its times."""
    return _on_cue(
        rule,
        message,
        alignment,
        run,
        at_ms=run.aired_ms,
        planned_ms=run.planned_ms,
        actual_ms=run.aired_ms,
        delta_ms=run.deviation_ms,
    )


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


def effect(change: Change) -> str:
    """``1:05 lost, running 1:05 over`` -- what a change did to the show's time."""
    return effect_text(change.delta_ms, change.running_ms)


def _significant(on_air: OnAir, kinds: frozenset[Kind]) -> dict[object, Change]:
    """Significant changes of ``kinds``, by planned cue (or aired index for extras)."""
    found: dict[object, Change] = {}
    for change in on_air.significant():
        if change.kind in kinds:
            found[change.place if change.place is not None else change.aired_index] = change
    return found


def _missing(ctx: Context, alignment: Alignment, run: CueRun, drop: Change | None) -> Finding:
    show = ctx.show
    segment = show.segments[run.segment_index]
    cue = segment.cues[run.cue_index]
    planned = "" if run.planned_ms is None else f"planned at {at(show, run.planned_ms)}, "
    length = "" if cue.duration_ms is None else f" ({dur(cue.duration_ms)})"
    tail = f": {effect(drop)}" if drop is not None else ""
    return _on_cue(
        MISSING,
        f"{where(segment, cue)}: {planned}not in the as-run log{length}{tail}",
        alignment,
        run,
        planned_ms=run.planned_ms,
        at_ms=run.planned_ms,
        delta_ms=drop.delta_ms if drop is not None else None,
        running_ms=drop.running_ms if drop is not None else None,
    )


def _cue_findings(ctx: Context, alignment: Alignment, on_air: OnAir) -> Iterator[Finding]:
    show = ctx.show
    drops = _significant(on_air, frozenset({Kind.DROPPED}))
    for run in alignment.runs():
        status = run.status
        if status is CueStatus.IN_ORDER:
            continue
        if status is CueStatus.MISSING:
            yield _missing(ctx, alignment, run, drops.get((run.segment_index, run.cue_index)))
            continue
        assert run.aired_index is not None
        segment = show.segments[run.segment_index]
        cue = segment.cues[run.cue_index]
        if status is CueStatus.MOVED:
            yield _on_aired_cue(
                MOVED,
                f"{where(segment, cue)}: aired out of order at {_when(ctx, run.aired_ms)}, "
                f"{_aired_before(alignment, run.aired_index)} "
                f"(planned {_planned_before(alignment, run)})",
                alignment,
                run,
            )
        elif status is CueStatus.SWAPPED and run.partner is not None:
            psi, pci = run.partner
            if (psi, pci) < (run.segment_index, run.cue_index):
                continue  # reported with its partner
            other_segment = show.segments[psi]
            other = other_segment.cues[pci]
            other_run = alignment.cue(psi, pci)
            in_other = "" if psi == run.segment_index else f' (segment "{other_segment.title}")'
            yield _on_aired_cue(
                SWAPPED,
                f"{where(segment, cue)} and {cue_name(other)}{in_other} aired in each other's "
                f"places: cue {cue.number} at {_when(ctx, run.aired_ms)}, "
                f"cue {other.number} at {_when(ctx, other_run.aired_ms)}",
                alignment,
                run,
            )


def _lengths(ctx: Context, alignment: Alignment, on_air: OnAir) -> Iterator[Finding]:
    """``RUN008``: every cue that ran long, short or was cut beyond the tolerance."""
    show = ctx.show
    for change in on_air.significant():
        if change.kind not in (Kind.LONG, Kind.SHORT, Kind.CUT) or change.place is None:
            continue
        assert change.planned_ms is not None and change.actual_ms is not None
        segment = show.segments[change.place[0]]
        cue = segment.cues[change.place[1]]
        if change.kind is Kind.CUT:
            what = f"cut after {dur(change.actual_ms)} of {dur(change.planned_ms)}"
        else:
            word = "long" if change.kind is Kind.LONG else "short"
            what = (
                f"ran {dur(abs(change.delta_ms))} {word} "
                f"(planned {dur(change.planned_ms)}, aired {dur(change.actual_ms)})"
            )
        assert change.aired_index is not None
        logged = alignment.log.items[change.aired_index].duration_ms is not None
        measured = "" if logged else " (length to the next item's start: the log gives none)"
        yield _on_change(LENGTH, f"{where(segment, cue)}: {what}{measured}", alignment, change)


_TIME_KINDS = frozenset({Kind.LATE_START, Kind.HOLD, Kind.MOVED_IN, Kind.MOVED_OUT, Kind.OTHER})
"""The changes ``RUN009`` reports (the others have rules of their own)."""


def _time_changes(ctx: Context, alignment: Alignment, on_air: OnAir) -> Iterator[Finding]:
    """``RUN009``: late starts, holds, moves in and out, and what else the log leaves."""
    show = ctx.show
    for change in on_air.significant():
        kind = change.kind
        if kind not in _TIME_KINDS:
            continue
        assert change.place is not None
        segment = show.segments[change.place[0]]
        if kind is Kind.MOVED_OUT:  # the most frequent, in a log shuffled
            what = "aired elsewhere: its planned place was skipped"
        elif kind is Kind.MOVED_IN:
            what = f"aired here out of its planned place, at {_when(ctx, change.at_ms)}"
        elif kind is Kind.HOLD:
            fixed = _when(ctx, segment.at_ms if segment.at_ms is not None else change.at_ms)
            what = (
                f"the hold before {fixed} took up the lateness"
                if change.delta_ms < 0
                else f"the show waited for {fixed}"
            )
        else:
            late = "late" if change.delta_ms > 0 else "early"
            amount, when = dur(abs(change.delta_ms)), _when(ctx, change.at_ms)
            if kind is Kind.LATE_START:
                what = f"the show started {amount} {late}, at {when}"
            else:
                what = f"started {when}, {amount} {late}er than the cues before it explain"
        cue = segment.cues[change.place[1]]
        yield _on_change(TIME, f"{where(segment, cue)}: {what}", alignment, change)


def _on_change(rule: Rule, head: str, alignment: Alignment, change: Change) -> Finding:
    """A finding about a change on air at a planned cue: ``head``, then what it did to the
    show's time (``: 1:05 lost, running 1:05 over``), and the change's times."""
    assert change.place is not None
    return _on_cue(
        rule,
        f"{head}: {effect(change)}",
        alignment,
        alignment.cue(*change.place),
        at_ms=change.at_ms,
        planned_ms=change.planned_ms,
        actual_ms=change.actual_ms,
        delta_ms=change.delta_ms,
        running_ms=change.running_ms,
    )


def because(show: Show, causes: Causes) -> str:
    """``carried from cue 13, which ran 2:00 long`` -- the changes behind a lateness.

    The largest few (:data:`cuesheet.asrun.onair.LARGEST`) are named, in show order,
    the others counted with their net effect (one readable line, whatever the count).
    """
    if not causes.changes:
        return ""
    if len(causes.changes) == 1:
        return f", carried from {_cause(show, causes.changes[0])}"
    named = causes.largest
    text = "; ".join(f"{_cause(show, c)} ({_signed(c.delta_ms)})" for c in named)
    rest = len(causes.changes) - len(named)
    if rest:
        net = causes.net_ms - sum(c.delta_ms for c in named)
        text += f"; and {rest:,} smaller change{'s' if rest > 1 else ''} ({_signed(net)} in all)"
    return ", carried from " + text


def _signed(delta_ms: int) -> str:
    return f"{'+' if delta_ms > 0 else '-'}{dur(abs(delta_ms))}"


def _cause(show: Show, change: Change) -> str:
    """``cue 13 "Z", which ran 2:00 long``."""
    amount = dur(abs(change.delta_ms))
    name = "the show"
    if change.place is not None:
        name = f"cue {show.segments[change.place[0]].cues[change.place[1]].number}"
    return _CAUSES[change.kind].format(name=name, amount=amount, late=_late(change.delta_ms))


_CAUSES = {
    Kind.LONG: "{name}, which ran {amount} long",
    Kind.SHORT: "{name}, which ran {amount} short",
    Kind.CUT: "{name}, which was cut ({amount} short)",
    Kind.DROPPED: "{name}, which was dropped ({amount})",
    Kind.MOVED_OUT: "{name}, which aired elsewhere ({amount})",
    Kind.MOVED_IN: "{name}, which aired here out of place ({amount})",
    Kind.DEAD_AIR: "{amount} of dead air before {name}",
    Kind.OVERLAP: "{amount} of overlap before {name}",
    Kind.HOLD: "the hold before {name} ({amount})",
    Kind.LATE_START: "the show's {late} start ({amount})",
    Kind.EXTRA: "an unplanned item ({amount})",
    Kind.OTHER: "time unaccounted for before {name} ({amount})",
}
"""How each kind of change reads as the cause of a lateness."""


def _late(delta_ms: int) -> str:
    return "late" if delta_ms > 0 else "early"


def _numbers(show: Show, carried: Carried) -> str:
    numbers = [show.segments[si].cues[ci].number for si, ci in carried.places]
    if len(numbers) == 1:
        return f"cue {numbers[0]}"
    return f"cues {numbers[0]}-{numbers[-1]} ({len(numbers)} cues)"


def _carried(ctx: Context, alignment: Alignment, on_air: OnAir) -> Iterator[Finding]:
    """``RUN005``: one finding per run of late (or early) cues, with its causes."""
    show = ctx.show
    for carried in on_air.carried:
        low, high = min(carried.deviations_ms), max(carried.deviations_ms)
        word = "late" if high > 0 else "early"
        amount = (
            dur(abs(low))
            if low == high
            else f"{dur(min(abs(low), abs(high)))}-{dur(max(abs(low), abs(high)))}"
        )
        si, ci = carried.places[0]
        run = alignment.cue(si, ci)
        segment = show.segments[si]
        yield _on_aired_cue(
            LATE,
            f"{where(segment)}, {_numbers(show, carried)} started {amount} {word}"
            f"{because(show, carried.causes)}",
            alignment,
            run,
        )


def _extras(ctx: Context, alignment: Alignment, on_air: OnAir) -> Iterator[Finding]:
    extra = _significant(on_air, frozenset({Kind.EXTRA}))
    for j in alignment.extras():
        item = alignment.log.items[j]
        si = alignment.segment_of_aired(j)
        by = f" by {item.credits}" if item.credits else ""
        line = f" (log line {item.line})" if item.line is not None else ""
        segment = f'Segment "{ctx.show.segments[si].title}": ' if si is not None else ""
        change = extra.get(j)
        tail = f": {effect(change)}" if change is not None else ""
        yield EXTRA.finding(
            f'{segment}"{item.title}"{by} aired at {_when(ctx, item.start_ms)}{line}, '
            f"{_aired_before(alignment, j)}, but is not in the plan{tail}",
            segment=ctx.show.segments[si].title if si is not None else None,
            segment_index=si,
            at_ms=item.start_ms,
            actual_ms=item.start_ms,
            delta_ms=change.delta_ms if change is not None else None,
            running_ms=change.running_ms if change is not None else None,
            line=item.line,
            on_air=True,
        )


def _explained(show: Show, causes: Causes) -> str:
    return because(show, causes).replace(", carried from ", ": made by ", 1)


def _fixed(ctx: Context, alignment: Alignment, on_air: OnAir) -> Iterator[Finding]:
    show = ctx.show
    worked_out = any(item.start_derived for item in alignment.log.items)
    note = " (times worked out from the log's durations)" if worked_out else ""
    causes_before = on_air.causes_in_order()
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
                f"its hard out at {at(show, point.at_ms)}{note}"
                f"{_explained(show, causes_before(point.reached_ms))}",
                at_ms=point.at_ms,
                planned_ms=point.at_ms,
                actual_ms=point.reached_ms,
                delta_ms=over,
                on_air=True,
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
        yield FIXED.finding(
            f"{where(segment)} fixed at {at(show, point.at_ms)}{label}: {what} at "
            f"{at(show, actual)}, running {dur(abs(over))} {word}{note}"
            f"{_explained(show, causes_before(actual))}",
            segment=segment.title,
            segment_index=point.segment_index,
            at_ms=point.at_ms,
            planned_ms=point.at_ms,
            actual_ms=actual,
            delta_ms=over,
            on_air=True,
        )


def _clock(ctx: Context, alignment: Alignment, on_air: OnAir) -> Iterator[Finding]:
    """``RUN010``: every aired time off by the same whole number of hours."""
    offset = on_air.clock_offset_ms
    if offset is None:
        return
    from cuesheet.timing.zones import log_zone_hint

    word = "later" if offset > 0 else "earlier"
    back = "back" if offset > 0 else "forward"
    yield CLOCK.finding(
        f"Every aired time is {dur(abs(offset))} {word} than planned: "
        + log_zone_hint(offset, show_timezone=ctx.show.timezone, at_ms=ctx.show.start_ms)
        + f"; the other findings read the log's times {dur(abs(offset))} {back}",
        delta_ms=offset,
        line=alignment.log.items[0].line if alignment.log.items else None,
        on_air=True,
    )


def check(ctx: Context) -> Iterator[Finding]:
    """Every as-run finding; nothing without an as-run log."""
    alignment, on_air = ctx.alignment, ctx.on_air
    if alignment is None:
        return
    if on_air is None:
        from cuesheet.asrun.onair import analyse

        on_air = analyse(alignment, ctx.tolerance_ms)
    alignment = on_air.alignment  # on the show's clock when the log is on another one
    yield from _clock(ctx, alignment, on_air)
    yield from _cue_findings(ctx, alignment, on_air)
    yield from _lengths(ctx, alignment, on_air)
    yield from _time_changes(ctx, alignment, on_air)
    yield from _carried(ctx, alignment, on_air)
    yield from _extras(ctx, alignment, on_air)
    yield from _fixed(ctx, alignment, on_air)
