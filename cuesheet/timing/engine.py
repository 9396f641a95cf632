"""The timing engine: front and back timing of a show against its fixed times.

Front timing runs forward from the show start; at every fixed time (a segment
with ``at``) the show is taken to hit its mark, so timing restarts there and the
difference is reported as over (positive) or under (negative).  Back timing
runs backward from the next fixed time or the hard out: the latest instant a
cue may start for the show still to make that mark.

Nothing is invented: a cue with an unknown duration makes the front time
unknown until the next fixed time (or until its segment ends, when the segment
has a budget), and the engine reports how much time is *available* between the
fixed points instead.  All values are ``int`` milliseconds; instants are
milliseconds since the Unix epoch (UTC).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from cuesheet.model import Cue, Segment, Show


class LengthSource(str, Enum):
    """How a segment's length was found."""

    CUES = "cues"
    """The sum of its cues' durations, all known."""
    BUDGET = "budget"
    """Its budget: some cue durations are unknown, or it has no cues."""
    UNKNOWN = "unknown"
    """Neither: some cue durations are unknown and there is no budget."""


@dataclass(frozen=True, slots=True)
class CueTiming:
    """Where one cue falls.  Instants in epoch ms (UTC), durations in ms."""

    segment_index: int
    cue_index: int
    duration_ms: int | None
    front_ms: int | None
    """Start, timed forward from the show start or the last fixed time; ``None`` if unknown."""
    back_ms: int | None
    """Latest start that still makes the next fixed time or the hard out; ``None`` if unknown."""

    @property
    def end_ms(self) -> int | None:
        """Front end instant, when both start and duration are known."""
        if self.front_ms is None or self.duration_ms is None:
            return None
        return self.front_ms + self.duration_ms


@dataclass(frozen=True, slots=True)
class SegmentTiming:
    """Where one segment falls and how it sits against its budget."""

    index: int
    start_ms: int | None
    length_ms: int | None
    length_source: LengthSource
    cue_total_ms: int
    """Sum of the known cue durations, ms."""
    unknown_cues: int
    """How many of its cues have no known duration."""
    over_budget_ms: int | None
    """Cue total minus budget when every cue is known and a budget is set; else ``None``."""

    @property
    def end_ms(self) -> int | None:
        """Front end instant, when known."""
        if self.start_ms is None or self.length_ms is None:
            return None
        return self.start_ms + self.length_ms


@dataclass(frozen=True, slots=True)
class FixedPoint:
    """A fixed time (a pinned segment, or the hard out) and how the show meets it."""

    label: str
    at_ms: int
    segment_index: int | None
    """The pinned segment; ``None`` for the hard out."""
    previous_ms: int
    """The anchor before it: the show start or the previous fixed time."""
    reached_ms: int | None
    """When the content before it ends, timed forward; ``None`` when unknown."""
    known_ms: int
    """Known content between the previous anchor and this point, ms."""
    unknown_cues: int
    """Cues of unknown duration between the previous anchor and this point."""

    @property
    def over_ms(self) -> int | None:
        """Overrun (positive) or underrun (negative) at this point; ``None`` when unknown."""
        return None if self.reached_ms is None else self.reached_ms - self.at_ms

    @property
    def available_ms(self) -> int:
        """Time between the previous anchor and this point not taken by known content, ms.

        When ``unknown_cues`` is non-zero this is what those cues may use together;
        negative when the known content alone already overruns.
        """
        return self.at_ms - self.previous_ms - self.known_ms


@dataclass(frozen=True, slots=True)
class Timing:
    """The timing of a whole show."""

    show: Show
    cues: tuple[tuple[CueTiming, ...], ...]
    """Per segment, per cue, in running order."""
    segments: tuple[SegmentTiming, ...]
    fixed: tuple[FixedPoint, ...]
    """Every fixed time in show order, the hard out last when there is one."""
    end_ms: int | None
    """When the show ends, timed forward from the last fixed time; ``None`` when unknown."""

    def cue(self, segment_index: int, cue_index: int) -> CueTiming:
        """The timing of one cue."""
        return self.cues[segment_index][cue_index]

    @property
    def hard_out(self) -> FixedPoint | None:
        """The hard-out point, when the show has one."""
        if self.fixed and self.fixed[-1].segment_index is None:
            return self.fixed[-1]
        return None


def lead_in_ms(cue: Cue, opens: bool) -> int:
    """Time between the end of the previous cue and the start of ``cue``, in ms.

    The cue's ``gap`` (silence) less its ``crossfade`` (overlap with the cue
    before).  A cue that ``opens`` the show, or opens a segment pinned to a fixed
    time (the clock restarts there), has nothing to cross-fade with.  Elsewhere
    this is how ``cuesheet render`` joins cues, so plan and mix agree.
    """
    return cue.gap_ms - (0 if opens else cue.crossfade_ms)


def _opens(show: Show, segment_index: int) -> bool:
    """True when the segment's first cue has no cue to cross-fade with."""
    return segment_index == 0 or show.segments[segment_index].at_ms is not None


def _segment_length(segment: Segment, first: bool) -> tuple[int | None, LengthSource, int, int]:
    """(length, source, known total, unknown count) of a segment, in ms.

    ``first`` says the segment's first cue cross-fades with nothing (see :func:`lead_in_ms`).
    Lengths include the cues' lead-ins.
    """
    known = sum(lead_in_ms(c, first and i == 0) for i, c in enumerate(segment.cues))
    known += sum(c.duration_ms for c in segment.cues if c.duration_ms is not None)
    unknown = sum(1 for c in segment.cues if c.duration_ms is None)
    if segment.cues and unknown == 0:
        return known, LengthSource.CUES, known, 0
    if segment.budget_ms is not None:
        return segment.budget_ms, LengthSource.BUDGET, known, unknown
    return None, LengthSource.UNKNOWN, known, unknown


def compute(show: Show) -> Timing:
    """Front- and back-time ``show``; never raises on contradictory times (checks report them)."""
    lengths = [_segment_length(segment, _opens(show, i)) for i, segment in enumerate(show.segments)]
    fronts: list[list[int | None]] = []
    seg_starts: list[int | None] = []
    fixed: list[FixedPoint] = []

    clock: int | None = show.start_ms
    anchor = show.start_ms
    span_known = 0
    span_unknown = 0

    for index, segment in enumerate(show.segments):
        if segment.at_ms is not None:
            label = segment.at_label or segment.title
            fixed.append(
                FixedPoint(label, segment.at_ms, index, anchor, clock, span_known, span_unknown)
            )
            clock, anchor, span_known, span_unknown = segment.at_ms, segment.at_ms, 0, 0
        seg_starts.append(clock)
        length, source, known, unknown = lengths[index]
        cue_fronts: list[int | None] = []
        cursor = clock
        for ci, cue in enumerate(segment.cues):
            if cursor is not None:
                cursor += lead_in_ms(cue, ci == 0 and _opens(show, index))
            cue_fronts.append(cursor)
            if cursor is not None and cue.duration_ms is not None:
                cursor += cue.duration_ms
            else:
                cursor = None
        fronts.append(cue_fronts)
        if source is LengthSource.BUDGET:
            assert length is not None
            span_known += length
        else:
            span_known += known
            span_unknown += unknown
        clock = None if clock is None or length is None else clock + length

    end_ms = clock
    if show.hard_out_ms is not None:
        fixed.append(
            FixedPoint("Hard out", show.hard_out_ms, None, anchor, clock, span_known, span_unknown)
        )

    backs = _back_times(show, lengths)
    cue_timings = tuple(
        tuple(
            CueTiming(si, ci, cue.duration_ms, fronts[si][ci], backs[si][ci])
            for ci, cue in enumerate(segment.cues)
        )
        for si, segment in enumerate(show.segments)
    )
    segment_timings = tuple(
        SegmentTiming(
            index=si,
            start_ms=seg_starts[si],
            length_ms=lengths[si][0],
            length_source=lengths[si][1],
            cue_total_ms=lengths[si][2],
            unknown_cues=lengths[si][3],
            over_budget_ms=(
                lengths[si][2] - segment.budget_ms
                if segment.budget_ms is not None and segment.cues and lengths[si][3] == 0
                else None
            ),
        )
        for si, segment in enumerate(show.segments)
    )
    return Timing(show, cue_timings, segment_timings, tuple(fixed), end_ms)


def _back_times(
    show: Show, lengths: list[tuple[int | None, LengthSource, int, int]]
) -> list[list[int | None]]:
    """Back times of every cue: walk backward from each fixed time or the hard out."""
    backs: list[list[int | None]] = [[None] * len(s.cues) for s in show.segments]
    target: int | None = show.hard_out_ms
    for si in range(len(show.segments) - 1, -1, -1):
        segment = show.segments[si]
        length = lengths[si][0]
        segment_end = target
        # Within the segment, walk the cues backward from its end.
        cursor: int | None = segment_end
        for ci in range(len(segment.cues) - 1, -1, -1):
            cue = segment.cues[ci]
            if cursor is None or cue.duration_ms is None:
                cursor = None
            else:
                cursor -= cue.duration_ms
            backs[si][ci] = cursor
            if cursor is not None:
                cursor -= lead_in_ms(cue, ci == 0 and _opens(show, si))
        target = None if segment_end is None or length is None else segment_end - length
        if segment.at_ms is not None:
            target = segment.at_ms
    return backs
