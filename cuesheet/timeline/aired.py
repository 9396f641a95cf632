"""The aired lane from ``cuesheet check``'s alignment of plan and as-run log."""

from __future__ import annotations

from cuesheet.asrun.align import Alignment, CueStatus
from cuesheet.asrun.onair import analyse
from cuesheet.checks.context import DEFAULT_TOLERANCE_MS
from cuesheet.timeline.model import AiredCue, AiredLane, FixedOnAir, Order

_ORDER = {
    CueStatus.IN_ORDER: Order.IN_ORDER,
    CueStatus.MOVED: Order.MOVED,
    CueStatus.SWAPPED: Order.SWAPPED,
}


def lane(alignment: Alignment, tolerance_ms: int = DEFAULT_TOLERANCE_MS) -> AiredLane:
    """What aired, each item with its planned cue and how it came in the running order.

    An item whose log gives no duration is drawn as long as its planned cue
    (what :meth:`Alignment.aired_end_ms` assumes), else up to the next item.
    """
    show = alignment.show
    cues: list[AiredCue] = []
    for index, item in enumerate(alignment.log.items):
        plan = alignment.aired[index]
        order = Order.IN_ORDER
        notes: list[str] = []
        if plan is not None:
            run = alignment.cue(*plan)
            order = _ORDER.get(run.status, Order.IN_ORDER)
            if run.partner is not None:
                partner = show.segments[run.partner[0]].cues[run.partner[1]]
                notes.append(f"swapped with cue {partner.number}")
        if item.start_derived:
            notes.append("start not logged: it follows the item before")
        if item.line is not None:
            notes.append(f"as-run log line {item.line}")
        duration = item.duration_ms
        end = alignment.aired_end_ms(index)
        if duration is None and end is not None and item.start_ms is not None:
            duration = end - item.start_ms
        cues.append(
            AiredCue(
                title=item.title,
                start_ms=item.start_ms,
                duration_ms=duration,
                plan=plan,
                order=order,
                note="; ".join(notes),
            )
        )
    fixed = tuple(FixedOnAir(run.at_ms, run.over_ms) for run in alignment.fixed)
    rows = analyse(alignment, tolerance_ms).rows
    return AiredLane(tuple(cues), fixed, alignment.log.path or "", rows)
