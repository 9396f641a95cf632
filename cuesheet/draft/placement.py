"""Placing every list entry in a part of the ceremony.

1. **Mentions.** Every sentence and heading of every part is searched for every
   entry (:mod:`cuesheet.draft.mentions`); reports add candidates only for
   entries the article never mentions (:mod:`cuesheet.draft.reports`).
2. **One running order per list.** Published lists follow the running order,
   so of all candidates the placements kept are the heaviest set that runs
   forward in each list (a weighted longest increasing sequence): "Tchaikovsky"
   near the end then names the concerto at the end of the list, not the march
   near its start.
3. **Heard twice.** An entry strongly mentioned (title, or anthem with its
   country) with a word of performance ("played", "heard", "sung" ...) in a
   further part is placed there too.
4. **List order.** An entry nobody mentions sits between its placed neighbours
   in the list: in the free sentences right after the one before it, right
   before the one after it, or in parts between them that hold no placement at
   all, shared out evenly.  Only an entry with no placed neighbour is left for
   the final "Not placed" segment.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import Enum

from cuesheet.draft.mentions import STRONG, Entry, Mention, find_in_heading, find_in_sentence
from cuesheet.draft.parts import Part
from cuesheet.draft.words import words

_PERFORMED = frozenset(
    [
        "play",
        "played",
        "playing",
        "perform",
        "performed",
        "performing",
        "sung",
        "sang",
        "sing",
        "singing",
        "heard",
        "sound",
        "sounded",
        "rendition",
        "reprise",
        "again",
        "accompanied",
        "conducted",
        "conducting",
        "remix",
    ]
)
_AFTER = 1_000_000
"""Offset given to list-order placements: after every mention in their sentence."""


class Method(str, Enum):
    """How a placement was made."""

    ARTICLE = "article"
    REPORT = "report"
    LIST_ORDER = "list order"
    UNPLACED = "unplaced"


@dataclass(frozen=True, slots=True)
class Placement:
    """One cue of the draft: an entry at a place in a part."""

    entry: Entry
    part: int | None
    """Index into the parts; ``None`` for the final "Not placed" segment."""
    sentence: int
    """Sentence index in the part (-1: the heading)."""
    offset: int
    """Order within the sentence."""
    method: Method
    confidence: int
    """0-100: the mention's weight, 20 for list order, 0 when not placed."""
    how: str
    quote: str = ""
    """The sentence (or heading) that placed it."""
    source: str = ""
    """File name of the document quoted."""
    line: int | None = None
    repeat: bool = False
    citations: tuple[str, ...] = ()
    """Report sentences that also mention it: ``"file: sentence"``."""

    @property
    def key(self) -> tuple[int, int, int, int]:
        """Running-order key."""
        part = _LAST_PART if self.part is None else self.part
        return (part, self.sentence, self.offset, self.entry.number)


_LAST_PART = 10**9
"""Sort key of the final "Not placed" segment."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A mention located in a part."""

    part: int
    sentence: int
    mention: Mention
    method: Method
    quote: str
    source: str
    line: int | None

    @property
    def position(self) -> tuple[int, int, int]:
        """Where it is: part, sentence, offset."""
        return (self.part, self.sentence, self.mention.offset)


def article_candidates(
    entries: Sequence[Entry], parts: Sequence[Part], source: str
) -> list[Candidate]:
    """The best mention of each entry in each part of the article."""
    found: list[Candidate] = []
    for entry in entries:
        for index, part in enumerate(parts):
            best: Candidate | None = None
            heading = find_in_heading(entry, part.title)
            if heading is not None:
                best = Candidate(index, -1, heading, Method.ARTICLE, part.title, source, part.line)
            for sentence in part.sentences:
                mention = find_in_sentence(entry, sentence.text)
                if mention is not None and (best is None or mention.weight > best.mention.weight):
                    best = Candidate(
                        index,
                        sentence.index,
                        mention,
                        Method.ARTICLE,
                        sentence.text,
                        source,
                        sentence.line,
                    )
            if best is not None:
                found.append(best)
    return found


def choose(entries: Sequence[Entry], candidates: Sequence[Candidate]) -> dict[int, Candidate]:
    """Per list, the heaviest set of candidates that moves forward with the list (entry -> one)."""
    by_entry = {entry.number: entry for entry in entries}
    chosen: dict[int, Candidate] = {}
    for section in sorted({entry.section for entry in entries}):
        pool = sorted(
            (c for c in candidates if by_entry[c.mention.entry].section == section),
            key=lambda c: (c.mention.entry, c.position),
        )
        score = [0] * len(pool)
        back: list[int | None] = [None] * len(pool)
        for i, here in enumerate(pool):
            score[i] = here.mention.weight
            for j in range(i):
                there = pool[j]
                forward = (
                    there.mention.entry < here.mention.entry and there.position < here.position
                )
                if forward and score[j] + here.mention.weight > score[i]:
                    score[i], back[i] = score[j] + here.mention.weight, j
        at = max(range(len(pool)), key=lambda i: (score[i], -i), default=None)
        while at is not None:
            chosen[pool[at].mention.entry] = pool[at]
            at = back[at]
    return chosen


def _placement(entry: Entry, candidate: Candidate, *, repeat: bool = False) -> Placement:
    mention = candidate.mention
    return Placement(
        entry,
        candidate.part,
        candidate.sentence,
        mention.offset,
        candidate.method,
        mention.weight,
        mention.how,
        candidate.quote,
        candidate.source,
        candidate.line,
        repeat,
    )


def repeats(entry: Entry, primary: Candidate, candidates: Sequence[Candidate]) -> list[Placement]:
    """Further strong mentions with a word of performance, one per other part."""
    out: list[Placement] = []
    for candidate in candidates:
        if candidate.mention.entry != entry.number or candidate.part == primary.part:
            continue
        if candidate.mention.weight < STRONG or candidate.sentence < 0:
            continue
        if _PERFORMED.intersection(words(candidate.quote)) or "second time" in candidate.quote:
            out.append(_placement(entry, candidate, repeat=True))
    return out


def _free_sentences(
    parts: Sequence[Part],
    occupied: set[tuple[int, int]],
    after: Placement | None,
    before: Placement | None,
) -> list[tuple[int, int]]:
    """Sentences a run of unmentioned entries may take (see the module docstring, step 4)."""
    busy_parts = {part for part, _ in occupied}
    out: list[tuple[int, int]] = []
    for p, part in enumerate(parts):
        for s in range(len(part.sentences)):
            if (p, s) in occupied:
                continue
            if after is not None and (p, s) <= (after.part or 0, after.sentence):
                continue
            if before is not None and (p, s) >= (before.part or 0, before.sentence):
                continue
            right_after = (
                after is not None
                and p == after.part
                and not any((p, t) in occupied for t in range(after.sentence + 1, s))
            )
            right_before = (
                before is not None
                and p == before.part
                and not any((p, t) in occupied for t in range(s + 1, before.sentence))
            )
            if right_after or right_before or p not in busy_parts:
                out.append((p, s))
    return out


def fill_list_order(
    entries: Sequence[Entry],
    placed: dict[int, Placement],
    parts: Sequence[Part],
    occupied: set[tuple[int, int]],
) -> list[Placement]:
    """Placements for the entries no document mentions (step 4)."""
    out: list[Placement] = []
    for section in sorted({entry.section for entry in entries}):
        members = [entry for entry in entries if entry.section == section]
        index = 0
        while index < len(members):
            if members[index].number in placed:
                index += 1
                continue
            end = index
            while end < len(members) and members[end].number not in placed:
                end += 1
            after = placed[members[index - 1].number] if index > 0 else None
            before = placed[members[end].number] if end < len(members) else None
            out.extend(_place_run(members[index:end], after, before, parts, occupied))
            index = end
    return out


def _place_run(
    run: Sequence[Entry],
    after: Placement | None,
    before: Placement | None,
    parts: Sequence[Part],
    occupied: set[tuple[int, int]],
) -> list[Placement]:
    neighbours = " and ".join(repr(p.entry.item.text) for p in (after, before) if p is not None)
    if after is None and before is None:
        return [
            Placement(
                entry,
                None,
                0,
                entry.number,
                Method.UNPLACED,
                0,
                "no document mentions it and no neighbour in its list is placed",
            )
            for entry in run
        ]
    how = f"not mentioned; kept in list order next to {neighbours}"
    slots = _free_sentences(parts, occupied, after, before)
    out: list[Placement] = []
    for m, entry in enumerate(run):
        if slots:
            p, s = slots[(2 * m + 1) * len(slots) // (2 * len(run))]
            out.append(Placement(entry, p, s, _AFTER + m, Method.LIST_ORDER, 20, how))
        elif after is not None:
            out.append(replace(_as_list_order(after, entry, how), offset=after.offset + 1 + m))
        else:
            assert before is not None
            out.append(
                replace(_as_list_order(before, entry, how), offset=before.offset - len(run) + m)
            )
    return out


def _as_list_order(neighbour: Placement, entry: Entry, how: str) -> Placement:
    return Placement(
        entry, neighbour.part, neighbour.sentence, neighbour.offset, Method.LIST_ORDER, 20, how
    )


def place(
    entries: Sequence[Entry], parts: Sequence[Part], candidates: Sequence[Candidate]
) -> list[Placement]:
    """Every entry placed (steps 2-4), in running order."""
    chosen = choose(entries, candidates)
    by_number = {entry.number: entry for entry in entries}
    placed = {n: _placement(by_number[n], c) for n, c in chosen.items()}
    extra = [r for n, c in chosen.items() for r in repeats(by_number[n], c, candidates)]
    occupied = {(p.part or 0, p.sentence) for p in [*placed.values(), *extra]}
    rest = fill_list_order(entries, placed, parts, occupied)
    return sorted([*placed.values(), *extra, *rest], key=lambda p: p.key)
