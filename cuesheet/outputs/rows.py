"""The running order as rows for the show-day exports: one per segment, one per cue.

Every writer in :mod:`cuesheet.outputs` (Ontime, mAirList, Rivendell, the
printable running order) reads the same rows, so they agree with ``cuesheet
timing`` on every start and length.  Instants are epoch milliseconds (UTC),
lengths milliseconds; local clock text comes from :mod:`cuesheet.clock`.
"""

from __future__ import annotations

from dataclasses import dataclass

from cuesheet.model import Cue, Role, Segment, Show
from cuesheet.timing import clock, timecode
from cuesheet.timing.engine import Timing


@dataclass(frozen=True, slots=True)
class CueRow:
    """One cue where ``timing`` puts it."""

    segment_index: int
    segment: Segment
    cue: Cue
    start_ms: int | None
    """Front time, epoch ms (UTC); ``None`` when unknown."""
    length_ms: int | None
    """The cue's duration (``out - in`` for an edited cue), ms; ``None`` when unknown."""
    hard: bool
    """True when the cue starts at a fixed time: the show start or a pinned segment's ``at``."""

    @property
    def end_ms(self) -> int | None:
        """Front end instant, when start and length are known."""
        if self.start_ms is None or self.length_ms is None:
            return None
        return self.start_ms + self.length_ms

    @property
    def performers(self) -> str:
        """Performers and conductors, joined with ``/``."""
        return " / ".join(self.cue.names(Role.PERFORMER) + self.cue.names(Role.CONDUCTOR))

    @property
    def composers(self) -> str:
        """Composers, joined with ``/``."""
        return " / ".join(self.cue.names(Role.COMPOSER))


@dataclass(frozen=True, slots=True)
class SegmentRow:
    """One segment where ``timing`` puts it, with its cues."""

    index: int
    segment: Segment
    start_ms: int | None
    """Start, epoch ms (UTC); ``None`` when unknown."""
    length_ms: int | None
    """Its cues' total, or its budget when some are unknown; ``None`` when neither is known."""
    cues: tuple[CueRow, ...]


def rows(timing: Timing) -> tuple[SegmentRow, ...]:
    """Every segment of ``timing.show`` with its cues, in running order."""
    show = timing.show
    out = []
    for si, segment in enumerate(show.segments):
        pinned = si == 0 or segment.at_ms is not None
        cues = tuple(
            CueRow(
                si,
                segment,
                cue,
                timing.cue(si, ci).front_ms,
                cue.duration_ms,
                hard=ci == 0 and pinned,
            )
            for ci, cue in enumerate(segment.cues)
        )
        seg = timing.segments[si]
        out.append(SegmentRow(si, segment, seg.start_ms, seg.length_ms, cues))
    return tuple(out)


def local_clock(instant_ms: int | None, show: Show) -> str:
    """``HH:MM:SS`` in the show's timezone; ``""`` when unknown."""
    return "" if instant_ms is None else clock.hhmmss_local(instant_ms, show.timezone)


def hms(ms: int | None) -> str:
    """A length as ``HH:MM:SS``, rounded to the nearest second; ``""`` when unknown."""
    return "" if ms is None else timecode.format_hms(ms)
