"""What actually aired, as a show with its as-run timing (for ``export --as-run``).

The planned cues that aired keep everything the plan knows about them
(writers, performers, identifiers, usage) and take the as-run start and
duration; items the plan does not hold come in with the title and credits the
log gives.  Cues missing from air are left out.  The result feeds every
exporter, e.g. the rights cue sheet of what aired.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from cuesheet.asrun.align import Alignment
from cuesheet.asrun.logs import ShowLoader
from cuesheet.model import Credit, Cue, CueKind, Role, RoleSource, Segment, Show
from cuesheet.timing.engine import CueTiming, LengthSource, SegmentTiming, Timing

_NAME_SPLIT = re.compile(r"\s*(?:/|;)\s*")


def _duration(alignment: Alignment, index: int, planned: int | None) -> int | None:
    """How long aired item ``index`` ran: logged, else to the next start if shorter, else planned.

    A time to the next start shorter than planned means the cue was cut; a
    longer one holds a gap, which is not the cue's.
    """
    items = alignment.log.items
    item = items[index]
    if item.duration_ms is not None:
        return item.duration_ms
    following = items[index + 1].start_ms if index + 1 < len(items) else None
    if item.start_ms is not None and following is not None:
        span = following - item.start_ms
        if planned is None or 0 <= span < planned:
            return span
    return planned


def _extra_cue(alignment: Alignment, index: int) -> Cue:
    item = alignment.log.items[index]
    names = [n for n in _NAME_SPLIT.split(item.credits) if n] if item.credits else []
    # names alone are who was heard (a guess); a log that states roles is believed
    credits = item.roles or tuple(
        Credit(name, Role.PERFORMER, RoleSource.CONVENTION) for name in names
    )
    line = f" (as-run log line {item.line})" if item.line is not None else ""
    return Cue(
        number=item.number,
        title=item.title,
        kind=CueKind.MUSIC,
        credits=credits,
        notes=f"Not in the plan{line}.",
    )


def aired_show(alignment: Alignment) -> tuple[Show, Timing]:
    """The show as it aired and its timing (as-run starts and durations, ms)."""
    plan = alignment.show
    segments: list[tuple[int | None, list[Cue], list[int | None]]] = []
    for index, item in enumerate(alignment.log.items):
        place = alignment.aired[index]
        if place is not None:
            planned = plan.segments[place[0]].cues[place[1]]
            cue = planned
        else:
            planned = None
            cue = _extra_cue(alignment, index)
        duration = _duration(alignment, index, planned.duration_ms if planned else None)
        if duration != cue.duration_ms:
            # Measured on air: none of the model's duration sources (file, plan...) applies.
            cue = replace(cue, duration_ms=duration, duration_source=None)
        segment_index = alignment.segment_of_aired(index)
        if not segments or segments[-1][0] != segment_index:
            segments.append((segment_index, [], []))
        segments[-1][1].append(cue)
        segments[-1][2].append(item.start_ms)
    shown: list[Segment] = []
    cue_rows: list[tuple[CueTiming, ...]] = []
    seg_rows: list[SegmentTiming] = []
    for si, (plan_index, cues, starts) in enumerate(segments):
        title = plan.segments[plan_index].title if plan_index is not None else plan.title
        shown.append(Segment(title, tuple(cues)))
        cue_rows.append(
            tuple(
                CueTiming(si, ci, cue.duration_ms, starts[ci], None) for ci, cue in enumerate(cues)
            )
        )
        known = sum(c.duration_ms for c in cues if c.duration_ms is not None)
        unknown = sum(1 for c in cues if c.duration_ms is None)
        seg_rows.append(
            SegmentTiming(
                index=si,
                start_ms=starts[0],
                length_ms=known if unknown == 0 else None,
                length_source=LengthSource.CUES if unknown == 0 else LengthSource.UNKNOWN,
                cue_total_ms=known,
                unknown_cues=unknown,
                over_budget_ms=None,
            )
        )
    ends = [t.end_ms for row in cue_rows for t in row]
    end = ends[-1] if ends else None
    source = f"As run, from {alignment.log.path}." if alignment.log.path else "As run."
    show = replace(
        plan,
        segments=tuple(shown),
        notes=(plan.notes + "\n" if plan.notes else "") + source,
    )
    return show, Timing(show, tuple(cue_rows), tuple(seg_rows), (), end)


def as_run_show(
    plan: Show,
    timing: Timing,
    log_path: Path,
    *,
    load_show: ShowLoader | None = None,
    log_timezone: str | None = None,
    encoding: str | None = None,
) -> tuple[Show, Timing]:
    """Read the as-run log at ``log_path``, align it with ``plan``, and return what aired.

    ``log_timezone``: the clock the log's times of day are on, when not the show's.
    """
    from cuesheet.asrun.pipeline import align_log

    alignment = align_log(
        plan, timing, log_path, load_show=load_show, log_timezone=log_timezone, encoding=encoding
    )
    return aired_show(alignment)
