"""Where each planned cue is drawn: the engine's times where it has them, a fair guess elsewhere.

A cue whose front time and duration are known is drawn where the timing engine
puts it.  Cues the engine cannot place (after a cue of unknown length, until the
next known instant: the end of a budgeted segment, the next fixed time or the
hard out) are laid out in order in the time available: known durations keep
their length, and the cues of unknown length share what is left equally (or
get ``Layout.nominal_ms`` each when nothing is left).
"""

from __future__ import annotations

from cuesheet.model import Show
from cuesheet.timeline.model import DEFAULT_LAYOUT, Block, Layout, Placement
from cuesheet.timing.engine import Timing
from cuesheet.timing.timecode import format_rounded_duration


def place(timing: Timing, layout: Layout = DEFAULT_LAYOUT) -> list[list[Block]]:
    """Where every planned cue is drawn, per segment, per cue (see the module docstring)."""
    show = timing.show
    blocks: list[list[Block | None]] = [[None] * len(s.cues) for s in show.segments]
    pending: list[tuple[int, int]] = []
    run_start: int | None = None
    cursor: int = show.start_ms

    def flush(end_ms: int | None) -> None:
        nonlocal pending, run_start, cursor
        if not pending:
            return
        start = run_start if run_start is not None else cursor
        known = sum(_duration(show, k) or 0 for k in pending)
        unknown = [k for k in pending if _duration(show, k) is None]
        shares: list[int] = []
        note_unknown = ""
        if unknown:
            left = None if end_ms is None else end_ms - start - known
            if left is not None and left >= len(unknown) * 1000:
                base, extra = divmod(left, len(unknown))
                shares = [base + (1 if i < extra else 0) for i in range(len(unknown))]
                wide, rest = format_rounded_duration(base), format_rounded_duration(left)
                note_unknown = (
                    f"length unknown; drawn {wide} wide, an equal share of "
                    f"the {rest} left for {len(unknown)} cue(s) of unknown length"
                )
            else:
                shares = [layout.nominal_ms] * len(unknown)
                note_unknown = (
                    "length unknown and no time is left for it; drawn "
                    f"{format_rounded_duration(layout.nominal_ms)} wide"
                    if left is not None
                    else f"length unknown; drawn {format_rounded_duration(layout.nominal_ms)} wide"
                )
        share_iter = iter(shares)
        position = start
        for si, ci in pending:
            duration = _duration(show, (si, ci))
            front = timing.cue(si, ci).front_ms
            if duration is None:
                block = Block(si, ci, position, next(share_iter), Placement.UNKNOWN, note_unknown)
            elif front is not None and front == position:
                block = Block(si, ci, position, duration, Placement.TIMED)
            else:
                block = Block(
                    si,
                    ci,
                    position,
                    duration,
                    Placement.FLOATING,
                    "start unknown: it follows cues of unknown length",
                )
            blocks[si][ci] = block
            position = block.end_ms
        cursor = position
        pending, run_start = [], None

    for si, segment in enumerate(show.segments):
        seg = timing.segments[si]
        if seg.start_ms is not None:
            flush(seg.start_ms)
            cursor = seg.start_ms
        for ci, cue in enumerate(segment.cues):
            ct = timing.cue(si, ci)
            if not pending and ct.front_ms is not None and cue.duration_ms is not None:
                blocks[si][ci] = Block(si, ci, ct.front_ms, cue.duration_ms, Placement.TIMED)
                cursor = ct.front_ms + cue.duration_ms
                continue
            if not pending:
                run_start = ct.front_ms if ct.front_ms is not None else cursor
            pending.append((si, ci))
        if seg.end_ms is not None:
            flush(seg.end_ms)
            cursor = seg.end_ms
    hard_out = timing.hard_out
    flush(hard_out.at_ms if hard_out is not None else None)
    return [[b for b in row if b is not None] for row in blocks]


def _duration(show: Show, key: tuple[int, int]) -> int | None:
    return show.segments[key[0]].cues[key[1]].duration_ms
