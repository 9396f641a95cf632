"""A clean show and its clean as-run log, for the check and alignment tests.

Every rule of :mod:`cuesheet.checks` stays silent on :func:`clean_show` with
:func:`clean_log`; each test breaks one thing.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from cuesheet.asrun.align import Alignment, align
from cuesheet.asrun.values import AiredItem, AsRun
from cuesheet.model import (
    Credit,
    Cue,
    Identifiers,
    Match,
    MatchStatus,
    Role,
    Segment,
    Show,
)
from cuesheet.timing import clock
from cuesheet.timing.engine import compute

MSK = "Europe/Moscow"
START = clock.local_to_ms(date(2014, 2, 23), clock.parse_hhmm("20:14"), MSK)
SEC = 1000
MIN = 60 * SEC
HOUR = 60 * MIN


def at(hhmm: str) -> int:
    """The instant of local ``HH:MM[:SS]`` on the show's evening."""
    return clock.after(START, clock.parse_hhmm(hhmm), MSK)


def cue(number: str, title: str, minutes: int, composer: str, directory: Path) -> Cue:
    """A resolved music cue with its own recording and an audio file in ``directory``."""
    mbid = f"00000000-0000-4000-8000-{int(float(number) * 10):012d}"
    return Cue(
        number=number,
        title=title,
        credits=(Credit(composer, Role.COMPOSER),),
        duration_ms=minutes * MIN,
        ids=Identifiers(recording_mbid=mbid),
        file=str(directory / f"{number}.flac"),
        match=Match(MatchStatus.RESOLVED, score=100),
    )


def clean_show(directory: Path) -> Show:
    """Opening 20:14-20:24, Handover fixed at 20:24 (budget 8:00), Finale to the 20:37 hard out."""
    return Show(
        title="Closing ceremony",
        timezone=MSK,
        start_ms=START,
        venue="Fisht Olympic Stadium",
        hard_out_ms=at("20:37"),
        segments=(
            Segment(
                "Opening",
                (
                    cue("1", "Pictures at an Exhibition", 3, "Modest Mussorgsky", directory),
                    cue("2", "Piano Concerto No. 2", 4, "Sergei Rachmaninoff", directory),
                    cue("3", "Waltz from Masquerade", 3, "Aram Khachaturian", directory),
                ),
            ),
            Segment(
                "Handover",
                (
                    cue("4", "Hymn to Liberty", 5, "Nikolaos Mantzaros", directory),
                    cue("4.1", "Olympic Hymn", 3, "Spyridon Samaras", directory),
                ),
                at_ms=at("20:24"),
                at_label="Flag handover",
                budget_ms=8 * MIN,
            ),
            Segment(
                "Finale",
                (
                    cue("5", "Swan Lake", 2, "Pyotr Tchaikovsky", directory),
                    cue("6", "Goodbye, Sochi!", 3, "Igor Krutoy", directory),
                ),
            ),
        ),
    )


def write_files(show: Show) -> None:
    """Create every cue's audio file (empty: the probe says how long it is)."""
    for _, c in show.cues():
        assert c.file is not None
        Path(c.file).write_bytes(b"")


def probe_for(show: Show, **off_by_ms: int) -> dict[Path, int]:
    """Real lengths of the show's files: the planned ones (a minute for a cue of unknown
    length), changed by the amounts given for cue numbers."""
    lengths = {}
    for _, c in show.cues():
        if c.file is not None:
            lengths[Path(c.file)] = (c.duration_ms or MIN) + off_by_ms.get(c.number, 0)
    return lengths


def clean_log(show: Show) -> AsRun:
    """What aired: every cue at its planned time, for its planned duration."""
    timing = compute(show)
    items = []
    for si, segment in enumerate(show.segments):
        for ci, c in enumerate(segment.cues):
            items.append(
                AiredItem(
                    title=c.title,
                    credits=" / ".join(n.name for n in c.credits),
                    start_ms=timing.cue(si, ci).front_ms,
                    duration_ms=c.duration_ms,
                    line=len(items) + 2,
                )
            )
    return AsRun(tuple(items), "asrun.csv")


def aligned(show: Show, log: AsRun) -> Alignment:
    """The show aligned with a log."""
    return align(show, compute(show), log)


def with_cue(show: Show, which: str, **changes: object) -> Show:
    """``show`` with the cue numbered ``which`` changed."""
    segments = []
    for segment in show.segments:
        cues = tuple(
            replace(c, **changes) if c.number == which else c  # type: ignore[arg-type]
            for c in segment.cues
        )
        segments.append(replace(segment, cues=cues))
    return replace(show, segments=tuple(segments))


def with_segment(show: Show, title: str, **changes: object) -> Show:
    """``show`` with the segment called ``title`` changed."""
    segments = tuple(
        replace(s, **changes) if s.title == title else s  # type: ignore[arg-type]
        for s in show.segments
    )
    return replace(show, segments=segments)


def shifted(log: AsRun, first: int, by_ms: int, last: int | None = None) -> AsRun:
    """``log`` with items ``first``..``last`` (inclusive; default: to the end) moved in time."""
    end = len(log.items) - 1 if last is None else last
    items = tuple(
        replace(item, start_ms=(item.start_ms or 0) + by_ms) if first <= i <= end else item
        for i, item in enumerate(log.items)
    )
    return AsRun(items, log.path)


def retimed(log: AsRun, start_ms: int | None) -> AsRun:
    """``log`` with every item starting when the one before it ends, the first at ``start_ms``."""
    items = []
    cursor = start_ms
    for item in log.items:
        items.append(replace(item, start_ms=cursor))
        if cursor is not None and item.duration_ms is not None:
            cursor += item.duration_ms
    return AsRun(tuple(items), log.path)


def reordered(log: AsRun, order: list[int]) -> AsRun:
    """``log`` with its items in ``order`` (indexes; leave one out to drop it), back to back."""
    start = log.items[0].start_ms if log.items else None
    return retimed(AsRun(tuple(log.items[i] for i in order), log.path), start)


def lengthened(log: AsRun, index: int, by_ms: int) -> AsRun:
    """``log`` with item ``index`` logged ``by_ms`` longer (the items after it keep their times)."""
    items = list(log.items)
    item = items[index]
    items[index] = replace(item, duration_ms=(item.duration_ms or 0) + by_ms)
    return AsRun(tuple(items), log.path)
