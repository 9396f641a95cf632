"""On air against the plan: where time was gained or lost, cue by cue, side by side.

:func:`analyse` reads an :class:`~cuesheet.asrun.align.Alignment` and answers
the question a presentation director asks after a show: *where did we lose
time?*

**Running over/under.**  A cue that aired in order *anchors* the comparison:
its aired start minus its planned start is how far the show was running over
(positive) or under (negative) when it started.  Between two anchors A and B
the running over/under changes by exactly the sum of

* A's aired length minus its planned length (it *ran long*, *ran short*, or
  was *cut*: aired for less than half its planned length);
* minus the planned length of every cue planned between them that did not air
  there (*dropped*, or *moved* away);
* plus the aired length of every item that aired between them and was not
  planned there (an *extra*, or a cue *moved* in);
* the silence on air between them beyond what the plan had: *dead air* (more
  than the cue's planned gap, or than waiting for a fixed time), *overlap*
  (less than the planned crossfade), or at a *hold* -- slack the plan left
  before a fixed time, which a late show uses up and an early one waits out.

Each of those is a :class:`Change` with the running over/under after it, so
that lateness carried from one cue to the next is told once, at its cause.

**Rows.**  :attr:`OnAir.rows` is the plan and the air side by side: one row
per planned cue in plan order, each extra after the item it aired after.

**Clocks.**  When every logged start is off by the same whole number of hours,
:attr:`OnAir.clock_offset_ms` says by how much: the log is probably written
in another timezone (or on another date).  Everything else is then worked out
on the show's clock (every logged start moved back by that offset), and
:attr:`OnAir.alignment` is that corrected alignment.

Every instant is epoch ms (UTC), every length ms.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path
from statistics import median

from cuesheet.asrun.align import Alignment, CueRun, CueStatus
from cuesheet.asrun.logs import ShowLoader
from cuesheet.model import Show
from playlists._bulk import frozen_builder

HOUR_MS = 3_600_000
_CLOCK_SLACK_MS = 10 * 60_000
"""How far from a whole number of hours every start may be for a clock offset, ms."""


class Kind(str, Enum):
    """What gained or lost time on air."""

    LATE_START = "late-start"
    LONG = "ran-long"
    SHORT = "ran-short"
    CUT = "cut"
    DROPPED = "dropped"
    EXTRA = "extra"
    MOVED_IN = "moved-in"
    MOVED_OUT = "moved-out"
    DEAD_AIR = "dead-air"
    OVERLAP = "overlap"
    HOLD = "hold"
    OTHER = "other"


LENGTH_KINDS = frozenset({Kind.LONG, Kind.SHORT, Kind.CUT})
"""Changes made by a cue's own aired length."""


@dataclass(frozen=True, slots=True)
class Change:
    """One place where the show gained or lost time on air."""

    kind: Kind
    delta_ms: int
    """Time lost (positive: the show later against the plan) or gained (negative), ms."""
    running_ms: int
    """Running over (positive) or under (negative) after it, ms."""
    at_ms: int | None
    """When it happened on air (for a dropped cue: when it was planned), epoch ms."""
    place: tuple[int, int] | None = None
    """The planned cue it is about (segment index, cue index); ``None`` otherwise."""
    aired_index: int | None = None
    """The aired item it is about (for silence: the item after it)."""
    planned_ms: int | None = None
    """Planned length (or planned silence), ms."""
    actual_ms: int | None = None
    """Aired length (or silence on air), ms."""
    fixed_index: int | None = None
    """For a hold: index of the fixed time in ``Timing.fixed`` it came before."""


@dataclass(frozen=True, slots=True)
class Silence:
    """The time between two consecutive aired items (negative: they overlapped), ms."""

    before: int
    """Index of the aired item before."""
    after: int
    """Index of the aired item after."""
    end_ms: int
    """When the item before ended, epoch ms."""
    start_ms: int
    """When the item after started, epoch ms."""
    gap_ms: int
    """Silence the plan has before the item after (its ``gap``), ms."""
    crossfade_ms: int
    """Overlap the plan has before it (its ``crossfade``), ms."""
    hold_ms: int
    """Waiting for a fixed time the item after opens: from the end before to that time, ms."""

    @property
    def silence_ms(self) -> int:
        """Silence on air (negative: overlap), ms."""
        return self.start_ms - self.end_ms

    @property
    def dead_air_ms(self) -> int:
        """Silence beyond the planned gap and beyond waiting for a fixed time, ms (may be <= 0)."""
        return self.silence_ms - max(self.gap_ms, self.hold_ms)

    @property
    def overlap_ms(self) -> int:
        """Overlap beyond the planned crossfade, ms (may be <= 0)."""
        return -self.silence_ms - self.crossfade_ms


_new_change: Callable[..., Change] = frozen_builder(Change)
"""``Change(...)`` without the frozen ``__init__``: a shuffled log makes thousands."""
_new_silence: Callable[..., Silence] = frozen_builder(Silence)
"""``Silence(...)`` likewise: one between every two aired items."""


class Status(str, Enum):
    """A row of the side-by-side table."""

    AIRED = "aired"
    DROPPED = "dropped"
    MOVED = "moved"
    SWAPPED = "swapped"
    EXTRA = "extra"


_STATUS = {
    CueStatus.IN_ORDER: Status.AIRED,
    CueStatus.MOVED: Status.MOVED,
    CueStatus.SWAPPED: Status.SWAPPED,
    CueStatus.MISSING: Status.DROPPED,
}


@dataclass(frozen=True, slots=True)
class Row:
    """One planned cue (or one extra) planned against aired.  Instants epoch ms, lengths ms."""

    number: str
    title: str
    status: Status
    segment_index: int | None
    """The planned segment; for an extra, the segment it aired in."""
    cue_index: int | None
    """The planned cue; ``None`` for an extra."""
    aired_index: int | None
    """The aired item; ``None`` for a dropped cue."""
    planned_start_ms: int | None
    planned_length_ms: int | None
    aired_start_ms: int | None
    aired_length_ms: int | None
    length_logged: bool
    """False when the aired length was worked out (to the next item's start), not logged."""
    running_ms: int | None
    """Running over (+) or under (-) when this cue ended on air (cues aired in order), ms."""

    @property
    def start_delta_ms(self) -> int | None:
        """Aired start minus planned start (positive: late), ms."""
        if self.aired_start_ms is None or self.planned_start_ms is None:
            return None
        return self.aired_start_ms - self.planned_start_ms

    @property
    def length_delta_ms(self) -> int | None:
        """Aired length minus planned length (positive: longer), ms."""
        if self.aired_length_ms is None or self.planned_length_ms is None:
            return None
        return self.aired_length_ms - self.planned_length_ms


@dataclass(frozen=True, slots=True)
class Carried:
    """A run of cues that aired in order, all late (or early) because of earlier changes."""

    places: tuple[tuple[int, int], ...]
    """The cues of the run, in plan order."""
    deviations_ms: tuple[int, ...]
    """Each one's start deviation (positive: late), ms."""
    causes: Causes
    """The changes beyond the tolerance that made it, since the show was last on time."""


LARGEST = 3
"""How many of the largest causes :class:`Causes` keeps apart (the ones a message names)."""


@dataclass(frozen=True, slots=True)
class Causes:
    """The changes behind a lateness, with the largest of them and their net effect."""

    changes: tuple[Change, ...]
    """Every cause, in show order."""
    largest: tuple[Change, ...]
    """The :data:`LARGEST` with the largest ``|delta_ms|``, in show order (ties: the earlier)."""
    net_ms: int
    """The sum of every cause's ``delta_ms``."""


@dataclass(frozen=True, slots=True)
class OnAir:
    """Everything :func:`analyse` finds."""

    alignment: Alignment
    tolerance_ms: int
    changes: tuple[Change, ...]
    """Every change in running over/under, in order on air (tiny ones too)."""
    silences: tuple[Silence, ...]
    """Between every two consecutive aired items with known times."""
    carried: tuple[Carried, ...]
    """Runs of late (or early) cues, each with its causes."""
    clock_offset_ms: int | None
    """A whole number of hours every logged start is off by, when there is one."""

    @property
    def rows(self) -> tuple[Row, ...]:
        """The plan and the air side by side (see the module's doc), made when asked for:
        the checks do not need them, a table does."""
        return tuple(_rows(self.alignment))

    def significant(self) -> list[Change]:
        """The changes beyond the tolerance."""
        return [c for c in self.changes if abs(c.delta_ms) > self.tolerance_ms]

    def causes_before(self, instant_ms: int) -> Causes:
        """Significant changes since the show was last on time, up to ``instant_ms``."""
        return self.causes_in_order()(instant_ms)

    def causes_in_order(self) -> Callable[[int], Causes]:
        """:meth:`causes_before` for instants asked for in show order: one pass over the
        changes answers them all (an earlier instant starts the pass again)."""
        return _Causes(list(self.changes), self.tolerance_ms).before


# ---------------------------------------------------------------------- lengths


def aired_length(alignment: Alignment, index: int) -> tuple[int | None, bool]:
    """How long aired item ``index`` ran, ms, and whether the log says so.

    The logged duration; else the time to the next item's start; else unknown.
    """
    items = alignment.log.items
    item = items[index]
    if item.duration_ms is not None:
        return item.duration_ms, True
    following = items[index + 1].start_ms if index + 1 < len(items) else None
    if item.start_ms is not None and following is not None and following >= item.start_ms:
        return following - item.start_ms, False
    return None, False


def _length_kind(aired: int, planned: int) -> Kind:
    if aired > planned:
        return Kind.LONG
    return Kind.CUT if 2 * aired < planned else Kind.SHORT


# --------------------------------------------------------------------- silences


def _silences(alignment: Alignment) -> list[Silence]:
    show = alignment.show
    items = alignment.log.items
    found: list[Silence] = []
    for j in range(len(items) - 1):
        item, after = items[j], items[j + 1]
        if item.start_ms is None or after.start_ms is None or item.duration_ms is None:
            continue
        if item.start_derived or after.start_derived:
            continue  # times worked out from durations leave no silence by construction
        end = item.start_ms + item.duration_ms
        gap = fade = hold = 0
        place = alignment.aired[j + 1]
        if place is not None:
            segment = show.segments[place[0]]
            cue = segment.cues[place[1]]
            gap, fade = cue.gap_ms, cue.crossfade_ms
            if place[1] == 0 and segment.at_ms is not None:
                hold = max(0, segment.at_ms - end)
        found.append(_new_silence(j, j + 1, end, after.start_ms, gap, fade, hold))
    return found


# ---------------------------------------------------------------------- changes


@dataclass(frozen=True, slots=True)
class _Anchor:
    plan: int
    """Position in plan order (-1: the show's start)."""
    aired: int
    """Aired index (-1: before the first item)."""
    planned_ms: int
    aired_ms: int


class _Walk:
    """Builds the changes interval by interval, keeping the running over/under."""

    def __init__(self, alignment: Alignment, tolerance_ms: int) -> None:
        self.alignment = alignment
        self.tolerance_ms = tolerance_ms
        self.places = [
            (si, ci)
            for si, segment in enumerate(alignment.show.segments)
            for ci in range(len(segment.cues))
        ]
        self.position = {place: p for p, place in enumerate(self.places)}
        self.runs = alignment.runs()
        """Each planned cue's run, by position in plan order (as :attr:`places`)."""
        self.lengths = [
            cue.duration_ms for segment in alignment.show.segments for cue in segment.cues
        ]
        """Each planned cue's planned length, ms, by position in plan order."""
        self.silences = _silences(alignment)
        self.silence_after = {s.after: s for s in self.silences}
        self.running = 0
        self.changes: list[Change] = []

    def add(
        self, kind: Kind, delta: int, at: int | None, **fields: int | tuple[int, int] | None
    ) -> None:
        if delta == 0:
            return
        self.running += delta
        self.changes.append(_new_change(kind, delta, self.running, at, **fields))

    def anchors(self) -> list[_Anchor]:
        alignment = self.alignment
        found = [_Anchor(-1, -1, alignment.show.start_ms, alignment.show.start_ms)]
        for run in alignment.runs():
            if run.status is not CueStatus.IN_ORDER or run.aired_index is None:
                continue
            if run.planned_ms is None or run.aired_ms is None:
                continue
            place = (run.segment_index, run.cue_index)
            found.append(
                _Anchor(self.position[place], run.aired_index, run.planned_ms, run.aired_ms)
            )
        return found

    def own_length(self, position: int, index: int) -> None:
        """The change the cue at ``position`` in plan order made by its own aired length."""
        place = self.places[position]
        planned = self.lengths[position]
        aired, _ = aired_length(self.alignment, index)
        if planned is None or aired is None or aired == planned:
            return
        start = self.alignment.log.items[index].start_ms
        self.add(
            _length_kind(aired, planned),
            aired - planned,
            None if start is None else start + aired,
            place=place,
            aired_index=index,
            planned_ms=planned,
            actual_ms=aired,
        )

    def interval(self, a: _Anchor, b: _Anchor | None) -> None:
        """Every change from anchor ``a``'s start to anchor ``b``'s (``None``: the show's end)."""
        alignment = self.alignment
        if a.plan >= 0:
            self.own_length(a.plan, a.aired)
        end_plan = len(self.places) if b is None else b.plan
        end_aired = len(alignment.log.items) if b is None else b.aired
        aired_here = range(a.aired + 1, end_aired)
        planned_here = range(a.plan + 1, end_plan)
        for p in planned_here:
            run = self.runs[p]
            if run.aired_index is not None and a.aired < run.aired_index < end_aired:
                continue  # aired in this stretch, only its length counts (below)
            place = self.places[p]
            planned = self.lengths[p]
            if planned is None:
                continue
            kind = Kind.DROPPED if run.status is CueStatus.MISSING else Kind.MOVED_OUT
            self.add(kind, -planned, run.planned_ms, place=place, planned_ms=planned)
        for j in aired_here:
            self._aired_between(j, planned_here)
        if b is not None:
            self._silence(a, b)

    def _aired_between(self, j: int, planned_here: range) -> None:
        alignment = self.alignment
        item = alignment.log.items[j]
        place = alignment.aired[j]
        silence = self.silence_after.get(j)
        if silence is not None and silence.dead_air_ms > self.tolerance_ms:
            self._dead_air(silence)
        if place is None:
            length, _ = aired_length(alignment, j)
            if length is not None:
                self.add(Kind.EXTRA, length, item.start_ms, aired_index=j, actual_ms=length)
            return
        position = self.position[place]
        if position not in planned_here:
            planned = self.lengths[position]
            if planned is not None:
                self.add(
                    Kind.MOVED_IN,
                    planned,
                    item.start_ms,
                    place=place,
                    aired_index=j,
                    planned_ms=planned,
                )
        self.own_length(position, j)

    def _dead_air(self, silence: Silence) -> None:
        self.add(
            Kind.DEAD_AIR,
            silence.dead_air_ms,
            silence.start_ms,
            place=self.alignment.aired[silence.after],
            aired_index=silence.after,
            planned_ms=max(silence.gap_ms, silence.hold_ms),
            actual_ms=silence.silence_ms,
        )

    def _silence(self, a: _Anchor, b: _Anchor) -> None:
        """What is left of the change from ``a`` to ``b``: silence, holds, a late start."""
        alignment = self.alignment
        silence = self.silence_after.get(b.aired)
        if silence is not None and silence.dead_air_ms > self.tolerance_ms:
            self._dead_air(silence)
        elif silence is not None and silence.overlap_ms > self.tolerance_ms:
            self.add(
                Kind.OVERLAP,
                -silence.overlap_ms,
                silence.start_ms,
                place=alignment.aired[b.aired],
                aired_index=b.aired,
                planned_ms=silence.crossfade_ms,
                actual_ms=-silence.silence_ms,
            )
        rest = (b.aired_ms - b.planned_ms) - self.running
        if rest == 0:
            return
        place = self.places[b.plan]
        if a.plan < 0:
            self.add(Kind.LATE_START, rest, b.aired_ms, place=place, aired_index=b.aired)
            return
        segment = alignment.show.segments[place[0]]
        if place[1] == 0 and segment.at_ms is not None:
            fixed = next(
                (i for i, f in enumerate(alignment.timing.fixed) if f.segment_index == place[0]),
                None,
            )
            self.add(
                Kind.HOLD, rest, b.aired_ms, place=place, aired_index=b.aired, fixed_index=fixed
            )
            return
        self.add(Kind.OTHER, rest, b.aired_ms, place=place, aired_index=b.aired)


def _changes(alignment: Alignment, tolerance_ms: int) -> tuple[list[Change], list[Silence]]:
    walk = _Walk(alignment, tolerance_ms)
    anchors = walk.anchors()
    for a, b in zip(anchors, [*anchors[1:], None], strict=True):
        walk.interval(a, b)
    return walk.changes, walk.silences


# ------------------------------------------------------------- runs, rows, clock


def _carried(alignment: Alignment, changes: list[Change], tolerance_ms: int) -> list[Carried]:
    """Runs of anchored cues late (or early) beyond the tolerance with no change among them."""
    starts = sorted(
        {c.at_ms for c in changes if abs(c.delta_ms) > tolerance_ms and c.at_ms is not None}
    )
    causes = _Causes(changes, tolerance_ms)
    runs: list[Carried] = []
    current: list[CueRun] = []

    def close() -> None:
        if current:
            first = current[0].aired_ms
            assert first is not None
            runs.append(
                Carried(
                    tuple((r.segment_index, r.cue_index) for r in current),
                    tuple(r.deviation_ms or 0 for r in current),
                    causes.before(first),
                )
            )
            current.clear()

    for run in alignment.runs():
        if run.status is not CueStatus.IN_ORDER or run.aired_index is None:
            continue
        deviation = run.deviation_ms
        if deviation is None or alignment.log.items[run.aired_index].start_derived:
            continue
        aired = run.aired_ms
        assert aired is not None
        previous_end = None
        if current:
            last = current[-1]
            previous_end = last.aired_ms
        changed = previous_end is not None and bisect.bisect_right(
            starts, aired
        ) > bisect.bisect_right(starts, previous_end)  # a change starts in between
        if abs(deviation) <= tolerance_ms or changed:
            close()
        if abs(deviation) > tolerance_ms:
            current.append(run)
    close()
    return runs


class _Causes:
    """The changes behind a lateness at an instant: those since the running time last
    came back within the tolerance, each beyond it.

    Instants are asked for in show order, so one pass over the changes serves them
    all (an earlier instant starts the pass again).
    """

    def __init__(self, changes: list[Change], tolerance_ms: int) -> None:
        self.changes = changes
        self.tolerance_ms = tolerance_ms
        self._restart()

    def _restart(self) -> None:
        self.next = 0
        self.last_ms: int | None = None
        self._clear()

    def _clear(self) -> None:
        self.current: list[Change] = []
        self.largest: list[tuple[int, int, Change]] = []  # (-|delta|, position, change)
        self.net_ms = 0

    def _add(self, change: Change) -> None:
        key = (-abs(change.delta_ms), len(self.current), change)
        self.current.append(change)
        self.net_ms += change.delta_ms
        largest = self.largest
        # positions only grow: a later change is among the largest only when strictly larger
        if len(largest) < LARGEST or key[0] < largest[-1][0]:
            bisect.insort(largest, key, key=lambda item: item[:2])
            del largest[LARGEST:]

    def before(self, instant_ms: int) -> Causes:
        """The causes in force at ``instant_ms`` (changes up to it, in order)."""
        if self.last_ms is not None and instant_ms < self.last_ms:
            self._restart()
        self.last_ms = instant_ms
        changes, tolerance = self.changes, self.tolerance_ms
        while self.next < len(changes):
            change = changes[self.next]
            if change.at_ms is not None and change.at_ms > instant_ms:
                break
            if abs(change.running_ms) <= tolerance:
                self._clear()
            elif abs(change.delta_ms) > tolerance:
                self._add(change)
            self.next += 1
        largest = tuple(item[2] for item in sorted(self.largest, key=lambda item: item[1]))
        return Causes(tuple(self.current), largest, self.net_ms)


def _rows(alignment: Alignment) -> list[Row]:
    show = alignment.show
    after: dict[int, list[int]] = {}
    for j in alignment.extras():
        k = j - 1
        while k >= 0 and alignment.aired[k] is None:
            k -= 1
        after.setdefault(k, []).append(j)
    rows = [_extra_row(alignment, j) for j in after.get(-1, [])]
    for run in alignment.runs():
        cue = show.segments[run.segment_index].cues[run.cue_index]
        length: int | None = None
        logged = False
        running: int | None = None
        if run.aired_index is not None:
            length, logged = aired_length(alignment, run.aired_index)
            timing = alignment.timing.cue(run.segment_index, run.cue_index)
            if (
                run.status is CueStatus.IN_ORDER
                and run.aired_ms is not None
                and length is not None
                and timing.end_ms is not None
            ):
                running = run.aired_ms + length - timing.end_ms
        rows.append(
            Row(
                number=cue.number,
                title=cue.title,
                status=_STATUS[run.status],
                segment_index=run.segment_index,
                cue_index=run.cue_index,
                aired_index=run.aired_index,
                planned_start_ms=run.planned_ms,
                planned_length_ms=cue.duration_ms,
                aired_start_ms=run.aired_ms,
                aired_length_ms=length,
                length_logged=logged,
                running_ms=running,
            )
        )
        if run.aired_index is not None:
            rows.extend(_extra_row(alignment, j) for j in after.get(run.aired_index, []))
    return rows


def _extra_row(alignment: Alignment, index: int) -> Row:
    item = alignment.log.items[index]
    length, logged = aired_length(alignment, index)
    return Row(
        number=item.number,
        title=item.title,
        status=Status.EXTRA,
        segment_index=alignment.segment_of_aired(index),
        cue_index=None,
        aired_index=index,
        planned_start_ms=None,
        planned_length_ms=None,
        aired_start_ms=item.start_ms,
        aired_length_ms=length,
        length_logged=logged,
        running_ms=None,
    )


def clock_offset(alignment: Alignment) -> int | None:
    """The whole number of hours (in ms) every logged start is off by, or ``None``.

    Needs at least two cues aired in order with logged starts, every one
    within ten minutes of the same non-zero whole number of hours from its
    planned start.
    """
    deviations = [
        run.deviation_ms
        for run in alignment.runs()
        if run.status is CueStatus.IN_ORDER
        and run.deviation_ms is not None
        and run.aired_index is not None
        and not alignment.log.items[run.aired_index].start_derived
    ]
    known = [d for d in deviations if d is not None]
    if len(known) < 2:
        return None
    hours = round(median(known) / HOUR_MS)
    if hours == 0:
        return None
    offset = hours * HOUR_MS
    if all(abs(d - offset) <= _CLOCK_SLACK_MS for d in known):
        return offset
    return None


def analyse(alignment: Alignment, tolerance_ms: int) -> OnAir:
    """Where time was gained and lost on air, the side-by-side rows, and the clock check.

    ``tolerance_ms`` decides which changes count as causes of a carried lateness.
    """
    offset = clock_offset(alignment)
    if offset is not None:
        alignment = _on_the_show_clock(alignment, offset)
    changes, silences = _changes(alignment, tolerance_ms)
    return OnAir(
        alignment=alignment,
        tolerance_ms=tolerance_ms,
        changes=tuple(changes),
        silences=tuple(silences),
        carried=tuple(_carried(alignment, changes, tolerance_ms)),
        clock_offset_ms=offset,
    )


def _on_the_show_clock(alignment: Alignment, offset_ms: int) -> Alignment:
    """The alignment of the log with every start moved back by ``offset_ms``."""
    from cuesheet.asrun.align import align
    from cuesheet.asrun.values import AsRun

    log = alignment.log
    items = tuple(
        replace(item, start_ms=item.start_ms - offset_ms) if item.start_ms is not None else item
        for item in log.items
    )
    return align(alignment.show, alignment.timing, AsRun(items, log.path))


def compare(
    plan: Show,
    log_path: Path,
    *,
    tolerance_ms: int,
    load_show: ShowLoader | None = None,
    log_timezone: str | None = None,
) -> OnAir:
    """Read the as-run log at ``log_path``, align it with ``plan`` and :func:`analyse` it.

    ``log_timezone`` is the clock the log's times of day are on when it is not
    the show's; ``load_show`` reads a show file given as the log.
    """
    from cuesheet.asrun.align import align
    from cuesheet.asrun.logs import load
    from cuesheet.timing.engine import compute

    log = load(log_path, plan, load_show=load_show, log_timezone=log_timezone)
    return analyse(align(plan, compute(plan), log), tolerance_ms)
