"""``draft``: article (+ reports) -> a show file a person then edits.

The steps, each in its own module: the article's structure (:mod:`.article`),
the frame (:mod:`.frame`, :mod:`.zones`), the parts of the ceremony
(:mod:`.parts`), the lists (:mod:`cuesheet.inputs.textlist`), mentions
(:mod:`.mentions`), reports (:mod:`.reports`), placement (:mod:`.placement`),
stage actions (:mod:`.actions`); this module puts the show together and
writes it with :func:`cuesheet.inputs.showfile.dumps`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import time
from pathlib import Path

from cuesheet.draft.actions import Action, find_actions
from cuesheet.draft.article import parse_article
from cuesheet.draft.frame import CLOCK, ZONE, Frame, clock_of, find_frame
from cuesheet.draft.mentions import make_entries
from cuesheet.draft.parts import Part, find_parts
from cuesheet.draft.placement import Method, Placement, article_candidates, place
from cuesheet.draft.reports import Report, cite, read_report, report_candidates
from cuesheet.errors import InputError
from cuesheet.inputs.files import read_text
from cuesheet.inputs.showfile import dumps
from cuesheet.inputs.textlist import item_to_cue, parse_list
from cuesheet.model import Cue, Segment, Show
from cuesheet.timing import clock

UNPLACED_TITLE = "Not placed"
"""Title of the final segment holding entries with no placed neighbour."""
_AT_RE = re.compile(rf"\b(?:at|from)\s+(?:{CLOCK}){ZONE}", re.IGNORECASE)
_QUOTE_LIMIT = 160


@dataclass(frozen=True, slots=True)
class Draft:
    """The drafted show and how each of its list cues was placed."""

    show: Show
    placements: tuple[Placement, ...]
    parts: tuple[Part, ...]
    article: str
    """File name of the article."""

    def text(self) -> str:
        """The show file, with a comment saying where it came from."""
        head = (
            f"# Drafted by `cuesheet draft` from {self.article}: every placement says in its\n"
            "# notes how it was made. Check them, then add durations and budgets.\n"
        )
        return head + dumps(self.show)

    def doubtful(self) -> list[Placement]:
        """Placements made by list order or not made at all (for stderr)."""
        return [p for p in self.placements if p.method in (Method.LIST_ORDER, Method.UNPLACED)]


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return (
        text if len(text) <= _QUOTE_LIMIT else text[: _QUOTE_LIMIT - 1].rsplit(" ", 1)[0] + "\u2026"
    )


def placement_note(placement: Placement, parts: Sequence[Part]) -> str:
    """The note of a placed cue: how, the words quoted, the confidence, the reports citing it."""
    where = parts[placement.part].title if placement.part is not None else UNPLACED_TITLE
    if placement.method in (Method.ARTICLE, Method.REPORT):
        line = f" line {placement.line}" if placement.line else ""
        again = "Heard again: " if placement.repeat else ""
        note = (
            f"{again}Placed by {placement.source}{line} ({placement.how}): "
            f'"{_quote(placement.quote)}"'
        )
    elif placement.method is Method.LIST_ORDER:
        note = f"Placed by list order in '{where}': {placement.how}"
    else:
        note = f"Not placed: {placement.how}"
    note += f". Confidence {placement.confidence}/100."
    for citation in placement.citations:
        note += f" Also {_quote(citation)}"
    return note


def _fixed_time(
    part: Part, frame: Frame, start_ms: int, end_ms: int | None
) -> tuple[int, str] | None:
    """The first time of day in the part's prose that is neither the start nor the end."""
    for sentence in part.sentences:
        for found in _AT_RE.finditer(sentence.text):
            wall: time = clock_of(found.groups()[0:5])
            instant = clock.after(start_ms, wall, frame.timezone)
            if instant not in (start_ms, end_ms):
                return instant, sentence.text
    return None


def _cue(placement: Placement, number: int, parts: Sequence[Part]) -> Cue:
    entry = placement.entry
    cue = item_to_cue(entry.item, str(number), entry.kind, entry.role)
    return Cue(
        cue.number,
        cue.title,
        cue.kind,
        cue.credits,
        source_text=cue.source_text,
        notes=placement_note(placement, parts),
    )


def _segments(
    parts: Sequence[Part],
    placements: Sequence[Placement],
    actions: Sequence[Action],
    frame: Frame,
    start_ms: int,
    end_ms: int | None,
) -> list[Segment]:
    items: list[tuple[tuple[int, int, int, int], Placement | Action]] = [
        (p.key, p) for p in placements
    ]
    items += [((a.part, a.sentence, -1, -1), a) for a in actions]
    items.sort(key=lambda pair: pair[0])
    cues: dict[int | None, list[Cue]] = {}
    for number, (_key, item) in enumerate(items, start=1):
        if isinstance(item, Action):
            cue = Cue(
                str(number), item.title, item.kind, notes=f"Stage action, article line {item.line}."
            )
            cues.setdefault(item.part, []).append(cue)
        else:
            cues.setdefault(item.part, []).append(_cue(item, number, parts))
    segments: list[Segment] = []
    for index, part in enumerate(parts):
        fixed = _fixed_time(part, frame, start_ms, end_ms)
        notes = f"From the heading at article line {part.line}."
        at_ms, label = (None, "")
        if fixed is not None:
            at_ms, said = fixed
            notes += f' Fixed time from: "{_quote(said)}"'
            label = part.title
        segments.append(Segment(part.title, tuple(cues.get(index, ())), at_ms, label, None, notes))
    if None in cues:
        segments.append(
            Segment(
                UNPLACED_TITLE,
                tuple(cues[None]),
                notes="Entries no document places and no neighbour places.",
            )
        )
    return _budgets(segments, end_ms)


def _budgets(segments: list[Segment], end_ms: int | None) -> list[Segment]:
    """A pinned segment before a pinned one (or the hard out) gets the time between as budget."""
    out = list(segments)
    for index, segment in enumerate(out):
        if segment.at_ms is None:
            continue
        later = next((s.at_ms for s in out[index + 1 : index + 2] if s.at_ms is not None), None)
        if index == len(out) - 1 or (index == len(out) - 2 and out[-1].title == UNPLACED_TITLE):
            later = end_ms
        if later is not None and later > segment.at_ms:
            out[index] = replace(segment, budget_ms=later - segment.at_ms)
    return out


def draft(
    article_path: str | Path,
    report_paths: Sequence[str | Path] = (),
    *,
    actions: bool = False,
    sections: Sequence[str] | None = None,
) -> Draft:
    """Draft the show ``article_path`` describes, with ``report_paths`` as further evidence.

    ``actions`` adds stage actions as ``other``/``speech`` cues; ``sections``
    names the list headings (default Music and Anthems).  Raises
    :class:`InputError` naming the file for an unreadable document or an
    article without lists, headed prose, a date, times or a zone.
    """
    path = Path(article_path)
    text = read_text(path)
    entries = make_entries(parse_list(text, path, sections))
    article = parse_article(text)
    parts = find_parts(article)
    if not parts:
        raise InputError(
            "no headed prose found: expected sections describing the ceremony", path=path
        )
    frame = find_frame(article, path)
    reports = [read_report(Path(p).name, read_text(p)) for p in report_paths]
    candidates = article_candidates(entries, parts, path.name)
    mentioned = {c.mention.entry for c in candidates}
    candidates += report_candidates(entries, parts, reports, mentioned)
    placements = cite(place(entries, parts, candidates), reports)
    taken = {
        (p.part, p.sentence)
        for p in placements
        if p.method in (Method.ARTICLE, Method.REPORT) and p.part is not None
    }
    found_actions = find_actions(parts, taken) if actions else []
    start_ms = clock.local_to_ms(frame.day, frame.start, frame.timezone)
    end_ms = clock.after(start_ms, frame.end, frame.timezone) if frame.end else None
    show = Show(
        title=frame.title,
        timezone=frame.timezone,
        start_ms=start_ms,
        segments=tuple(_segments(parts, placements, found_actions, frame, start_ms, end_ms)),
        venue=frame.venue,
        hard_out_ms=end_ms,
        notes=_show_notes(path.name, reports, placements, frame),
    )
    return Draft(show, tuple(placements), parts, path.name)


def _show_notes(
    name: str, reports: Sequence[Report], placements: Sequence[Placement], frame: Frame
) -> str:
    counts = {method: sum(p.method is method for p in placements) for method in Method}
    sources = name + "".join(f", {r.name}" for r in reports)
    return (
        f"Drafted from {sources}. Cues placed by the article: {counts[Method.ARTICLE]}, "
        f"by reports: {counts[Method.REPORT]}, by list order: {counts[Method.LIST_ORDER]}, "
        f"not placed: {counts[Method.UNPLACED]}. The frame: {'; '.join(frame.evidence)}.\n"
    )
