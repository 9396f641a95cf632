"""Planned against as-run: which planned cue each aired item is, and how it went.

1. **Keys.**  Every planned cue and aired item gets a symbol from its
   normalised title (:mod:`cuesheet.text`); when the plan has one title
   with different credits (an anthem played by two orchestras), the credits
   and the logged cue number pick the variant.  An aired title that matches no
   planned one exactly is tried against the cue with the same number, then
   against titles it is a clear abbreviation of (all its words, or 80% of
   them, in exactly one planned title).
2. **Alignment.**  A longest common subsequence of the two symbol sequences
   (:func:`cuesheet.asrun.lcs.common_pairs`, Myers' algorithm in linear memory) is
   the edit-distance alignment with insertions and deletions.  A planned cue
   deleted and an aired item inserted with the same symbol are one cue that
   moved; the deleted cues left are *missing* from air, the inserted items
   left are *extra*.
3. **Order.**  Over the cues that aired, two cues that took each other's
   places (exchanging them back gives both their planned neighbours) are
   *swapped*; of the rest, a longest run in plan order is *in order* and the
   others *moved*.

Everything is linear in memory: no N x M table is ever built.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from enum import Enum

from cuesheet.asrun.lcs import common_pairs, longest_increasing
from cuesheet.asrun.values import AiredItem, AsRun
from cuesheet.model import Cue, Show
from cuesheet.text import normalise, tokens
from cuesheet.timing.engine import Timing
from playlists._bulk import frozen_builder

_STOP_WORDS = frozenset({"the", "of", "and", "a", "an", "in", "from", "no", "op", "for", "to"})
_FUZZY_SHARE = 0.8
"""Share of the shorter title's words that must appear in the longer one."""


class CueStatus(str, Enum):
    """What happened to a planned cue on air."""

    IN_ORDER = "in-order"
    MOVED = "moved"
    SWAPPED = "swapped"
    MISSING = "missing"


@dataclass(frozen=True, slots=True)
class CueRun:
    """One planned cue on air.  Instants in epoch ms (UTC)."""

    segment_index: int
    cue_index: int
    status: CueStatus
    aired_index: int | None
    """Index of the aired item that was this cue; ``None`` when missing."""
    planned_ms: int | None
    """Planned start (front timing); ``None`` when unknown."""
    aired_ms: int | None
    """Start on air; ``None`` when missing or not logged."""
    partner: tuple[int, int] | None = None
    """The (segment index, cue index) it swapped places with, for ``SWAPPED``."""

    @property
    def deviation_ms(self) -> int | None:
        """Aired start minus planned start (positive: late), ms; ``None`` when unknown."""
        if self.planned_ms is None or self.aired_ms is None:
            return None
        return self.aired_ms - self.planned_ms


_new_cue_run: Callable[..., CueRun] = frozen_builder(CueRun)
"""``CueRun(...)`` without the frozen ``__init__`` (one per planned cue)."""


@dataclass(frozen=True, slots=True)
class FixedRun:
    """A fixed time (or the hard out) against what aired.  Instants in epoch ms (UTC)."""

    label: str
    at_ms: int
    segment_index: int | None
    """The pinned segment; ``None`` for the hard out."""
    started_ms: int | None
    """When the pinned segment's first aired cue started; for the hard out, ``None``."""
    reached_ms: int | None
    """When what aired before it ended (for the hard out: when the show ended on air)."""

    @property
    def over_ms(self) -> int | None:
        """Running over (positive) or under (negative) at this time, ms; ``None`` if unknown.

        Measured at the pinned segment's start on air when it has one, else at
        the end of what aired before it.
        """
        actual = self.started_ms if self.started_ms is not None else self.reached_ms
        return None if actual is None else actual - self.at_ms


@dataclass(frozen=True, slots=True)
class Alignment:
    """The plan aligned with what aired."""

    show: Show
    timing: Timing
    log: AsRun
    cues: tuple[tuple[CueRun, ...], ...]
    """Per segment, per cue, in plan order."""
    aired: tuple[tuple[int, int] | None, ...]
    """Per aired item, the (segment index, cue index) it was; ``None`` for an extra."""
    fixed: tuple[FixedRun, ...]
    """Every fixed time in show order, the hard out last when there is one."""

    def cue(self, segment_index: int, cue_index: int) -> CueRun:
        """How one planned cue went."""
        return self.cues[segment_index][cue_index]

    def runs(self) -> list[CueRun]:
        """Every planned cue's run, in plan order."""
        return [run for row in self.cues for run in row]

    def extras(self) -> list[int]:
        """Indexes of aired items that match no planned cue."""
        return [j for j, place in enumerate(self.aired) if place is None]

    def aired_end_ms(self, index: int) -> int | None:
        """When aired item ``index`` ended: its logged duration, else its cue's planned one."""
        item = self.log.items[index]
        if item.start_ms is None:
            return None
        duration = item.duration_ms
        place = self.aired[index]
        if duration is None and place is not None:
            duration = self.show.segments[place[0]].cues[place[1]].duration_ms
        return None if duration is None else item.start_ms + duration

    def segment_of_aired(self, index: int) -> int | None:
        """The segment an aired item belongs to: its cue's, or for an extra the one before it."""
        for j in range(index, -1, -1):
            place = self.aired[j]
            if place is not None:
                return place[0]
        return next((p[0] for p in self.aired if p is not None), None)


# ----------------------------------------------------------------------- symbols


class _Keys:
    """Symbols for planned cues and aired items (equal symbols = the same cue)."""

    def __init__(self, cues: list[Cue]) -> None:
        self.titles = [normalise(c.title) for c in cues]
        self.credit_words = [tokens(" ".join(n.name for n in c.credits)) for c in cues]
        self.numbers = {c.number: i for i, c in reversed(list(enumerate(cues)))}
        self.ids: dict[Hashable, int] = {}
        by_title: dict[str, list[int]] = defaultdict(list)
        for i, title in enumerate(self.titles):
            by_title[title].append(i)
        self.by_title = dict(by_title)
        self.plan: list[int] = []
        for i, title in enumerate(self.titles):
            variants = {self.credit_words[k] for k in self.by_title[title]}
            key: Hashable = title if len(variants) == 1 else (title, self.credit_words[i])
            self.plan.append(self.ids.setdefault(key, len(self.ids)))
        self.cues = cues
        self._index: dict[str, list[int]] | None = None

    def _word_index(self) -> dict[str, list[int]]:
        """Planned cue indexes by significant title word (built on first need)."""
        if self._index is None:
            index: dict[str, list[int]] = defaultdict(list)
            for title, first in ((t, ix[0]) for t, ix in self.by_title.items()):
                for word in set(title.split()) - _STOP_WORDS:
                    index[word].append(first)
            self._index = dict(index)
        return self._index

    def _best_variant(self, candidates: list[int], item: AiredItem) -> int:
        for i in candidates:
            if item.number and self.cues[i].number == item.number:
                return i
        words = tokens(item.credits)
        return max(candidates, key=lambda i: (len(self.credit_words[i] & words), -i))

    def _fuzzy(self, title: str) -> int | None:
        words = set(title.split())
        significant = words - _STOP_WORDS
        if len(words) < 2 or not significant:
            return None
        index = self._word_index()
        seen: set[int] = set()
        best: list[tuple[float, int]] = []
        for word in significant:
            for i in index.get(word, ()):
                if i in seen:
                    continue
                seen.add(i)
                other = set(self.titles[i].split())
                share = len(words & other) / min(len(words), len(other))
                if min(len(words), len(other)) >= 2 and share >= _FUZZY_SHARE:
                    best.append((share, i))
        best.sort(reverse=True)
        if not best or (len(best) > 1 and best[1][0] == best[0][0]):
            return None  # nothing close, or two equally close: do not guess
        return best[0][1]

    def aired(self, item: AiredItem) -> int | None:
        """The planned cue index whose symbol ``item`` takes, or ``None`` (an extra)."""
        title = normalise(item.title)
        candidates = self.by_title.get(title)
        if candidates:
            return self._best_variant(candidates, item)
        numbered = self.numbers.get(item.number) if item.number else None
        if numbered is not None:
            mine, theirs = set(title.split()), set(self.titles[numbered].split())
            if mine and len(mine & theirs) / len(mine | theirs) >= 0.5:
                return numbered
        return self._fuzzy(title)


# --------------------------------------------------------------------- alignment


def _pairs(keys: _Keys, log: AsRun) -> list[tuple[int, int]]:
    """(plan index, aired index) of every cue that aired, sorted by plan index."""
    aired_cue = [keys.aired(item) for item in log.items]
    fresh = len(keys.ids)
    aired_symbols: list[int] = []
    for j, i in enumerate(aired_cue):
        aired_symbols.append(keys.plan[i] if i is not None else fresh + j)
    matched = common_pairs(keys.plan, aired_symbols)
    used_plan = {p for p, _ in matched}
    used_aired = {q for _, q in matched}
    left_plan: dict[int, list[int]] = defaultdict(list)
    for p, symbol in enumerate(keys.plan):
        if p not in used_plan:
            left_plan[symbol].append(p)
    moved: list[tuple[int, int]] = []
    taken: dict[int, int] = defaultdict(int)
    for q, symbol in enumerate(aired_symbols):
        if q in used_aired:
            continue
        waiting = left_plan.get(symbol)
        if waiting and taken[symbol] < len(waiting):
            moved.append((waiting[taken[symbol]], q))
            taken[symbol] += 1
    return sorted(matched + moved)


def _classify(pairs: list[tuple[int, int]]) -> tuple[dict[int, CueStatus], dict[int, int]]:
    """Status of every aired plan index, and each swapped index's partner.

    Works on the cues that aired, by rank: ``r`` in plan order, ``air[r]`` on
    air.  X and Y (X planned first) swapped when on air Y sits between X's two
    planned neighbours and X right after Y's planned predecessor (for
    neighbours: Y right after X's predecessor, then X), so that exchanging them
    back gives X both its neighbours and Y the cue before it.  A move elsewhere
    in the show does not hide a swap.
    """
    count = len(pairs)
    by_air = sorted(range(count), key=lambda r: pairs[r][1])  # air rank -> plan rank
    air = [0] * count  # plan rank -> air rank
    for rank, r in enumerate(by_air):
        air[r] = rank

    def before_on_air(r: int) -> int:
        return by_air[air[r] - 1] if air[r] > 0 else -1

    def after_on_air(r: int) -> int:
        return by_air[air[r] + 1] if air[r] + 1 < count else count

    status: dict[int, CueStatus] = {}
    partner: dict[int, int] = {}
    swapped: set[int] = set()
    for x in range(count):
        y = by_air[0] if x == 0 else after_on_air(x - 1)
        if y >= count or y <= x or x in swapped or y in swapped:
            continue
        if y == x + 1:
            ok = after_on_air(y) == x
        else:
            ok = after_on_air(y) == x + 1 and before_on_air(x) == y - 1
        if ok:
            # Undo the swap, so that a swap right after this one is seen as well.
            air[x], air[y] = air[y], air[x]
            by_air[air[x]], by_air[air[y]] = x, y
            swapped.update((x, y))
            p, q = pairs[x][0], pairs[y][0]
            status[p] = status[q] = CueStatus.SWAPPED
            partner[p], partner[q] = q, p
    rest = [r for r in range(count) if r not in swapped]
    keep = {rest[k] for k in longest_increasing([air[r] for r in rest])}
    for r in rest:
        status[pairs[r][0]] = CueStatus.IN_ORDER if r in keep else CueStatus.MOVED
    return status, partner


def align(show: Show, timing: Timing, log: AsRun) -> Alignment:
    """Align ``show`` (timed by ``timing``) with what aired in ``log``."""
    places = [
        (si, ci) for si, segment in enumerate(show.segments) for ci in range(len(segment.cues))
    ]
    keys = _Keys([show.segments[si].cues[ci] for si, ci in places])
    pairs = _pairs(keys, log)
    status, partner = _classify(pairs)
    aired_of = dict(pairs)
    aired: list[tuple[int, int] | None] = [None] * len(log.items)
    for p, j in pairs:
        aired[j] = places[p]
    rows: list[list[CueRun]] = [[] for _ in show.segments]
    for p, (si, ci) in enumerate(places):
        q = aired_of.get(p)
        rows[si].append(
            _new_cue_run(
                segment_index=si,
                cue_index=ci,
                status=status.get(p, CueStatus.MISSING),
                aired_index=q,
                planned_ms=timing.cue(si, ci).front_ms,
                aired_ms=log.items[q].start_ms if q is not None else None,
                partner=places[partner[p]] if p in partner else None,
            )
        )
    cues = tuple(tuple(row) for row in rows)
    partial = Alignment(show, timing, log, cues, tuple(aired), ())
    return Alignment(show, timing, log, cues, tuple(aired), _fixed_runs(partial))


def _fixed_runs(alignment: Alignment) -> tuple[FixedRun, ...]:
    """How what aired met each fixed time and the hard out."""
    log = alignment.log
    runs: list[FixedRun] = []
    ends = [alignment.aired_end_ms(j) for j in range(len(log.items))]
    for point in alignment.timing.fixed:
        si = point.segment_index
        if si is None:
            # An item of unknown length still shows the show was on air at its start.
            last: list[int] = []
            for item, end in zip(log.items, ends, strict=True):
                if end is not None:
                    last.append(end)
                elif item.start_ms is not None:
                    last.append(item.start_ms)
            runs.append(FixedRun(point.label, point.at_ms, None, None, max(last, default=None)))
            continue
        starts = [run.aired_ms for run in alignment.cues[si] if run.aired_ms is not None]
        started = min(starts, default=None)
        before = [
            end
            for j, (place, end) in enumerate(zip(alignment.aired, ends, strict=True))
            if place is not None
            and place[0] < si
            and end is not None
            and (started is None or (log.items[j].start_ms or 0) < started)
        ]
        reached = max(before, default=None)
        runs.append(FixedRun(point.label, point.at_ms, si, started, reached))
    return tuple(runs)
