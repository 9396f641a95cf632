"""The way back: a :class:`playlists.model.Playlist` read from any format -> Show.

Consecutive entries of one segment become a segment; entries with no segment
data form one segment named after the playlist.  Identifiers given as
MusicBrainz URIs or ``urn:isrc:``/``urn:iswc:`` URNs return to their fields.
"""

from __future__ import annotations

import warnings
from dataclasses import replace
from decimal import Decimal

from cuesheet.errors import CueSheetWarning, InputError
from cuesheet.model import (
    NO_IDS,
    Credit,
    Cue,
    CueKind,
    DurationSource,
    Identifiers,
    Role,
    RoleSource,
    Segment,
    Show,
    UsageCode,
    is_valid_cue_number,
)
from cuesheet.timing import clock
from cuesheet.timing.engine import lead_in_ms
from playlists.model import CueData, Entry, Playlist

_MB_PREFIXES = ("https://musicbrainz.org/", "http://musicbrainz.org/")


def _ids(entry: Entry) -> Identifiers:
    work = recording = isrc = iswc = None
    artists: list[str] = []
    for uri in entry.identifiers:
        for prefix in _MB_PREFIXES:
            if uri.startswith(prefix):
                kind, _, mbid = uri[len(prefix) :].partition("/")
                if kind == "recording":
                    recording = mbid
                elif kind == "work":
                    work = mbid
                elif kind == "artist":
                    artists.append(mbid)
        if uri.lower().startswith("urn:isrc:"):
            isrc = uri[9:]
        elif uri.lower().startswith("urn:iswc:"):
            iswc = uri[9:]
    data = entry.cue
    if data is not None:
        isrc = data.isrc or isrc
        iswc = data.iswc or iswc
    if isrc is not None and not isrc.strip("0- "):
        isrc = None  # EAC writes ISRC 000000000000 for "none"
    if not (work or recording or artists or isrc or iswc):
        return NO_IDS  # one shared value: no object per entry of a plain playlist
    return Identifiers(work, recording, tuple(artists), isrc, iswc)


def _enum_or(kind: type[CueKind] | type[UsageCode] | type[DurationSource], value: str) -> object:
    try:
        return kind(value)
    except ValueError:
        return None


def _cue(entry: Entry, number: str) -> Cue:
    data = entry.cue
    credits: tuple[Credit, ...] = ()
    if data is not None and data.credits:
        credits = tuple(
            Credit(c.name, Role(c.role), role_source(c.source, c.guessed))
            for c in data.credits
            if c.role in Role._value2member_map_
        )
    elif entry.creator:
        # a player's "artist" is most often the performer: a guess
        credits = tuple(
            Credit(name.strip(), Role.PERFORMER, RoleSource.CONVENTION)
            for name in entry.creator.split(" / ")
            if name
        )
    kind = _enum_or(CueKind, data.kind) if data is not None else None
    usage = _enum_or(UsageCode, data.usage) if data is not None else None
    source = _enum_or(DurationSource, data.duration_source) if data is not None else None
    if source is None and entry.duration_ms is not None:
        source = DurationSource.PLANNED
    order = data or CueData()  # gap, crossfade, in and out points, fades
    return Cue(
        number=number,
        title=entry.title or (entry.location or ""),
        kind=kind if isinstance(kind, CueKind) else CueKind.MUSIC,
        credits=credits,
        duration_ms=entry.duration_ms,
        duration_source=source if isinstance(source, DurationSource) else None,
        ids=_ids(entry),
        file=entry.location,
        usage=usage if isinstance(usage, UsageCode) else None,
        notes=entry.annotation,
        file_start_ms=entry.start_ms if entry.location else None,
        gap_ms=order.gap_ms,
        crossfade_ms=order.crossfade_ms,
        in_ms=order.in_ms,
        out_ms=order.out_ms,
        fade_in_ms=order.fade_in_ms,
        fade_out_ms=order.fade_out_ms,
    )


def role_source(source: str, guessed: bool) -> RoleSource:
    """The source a playlist names (``musicbrainz``), else what ``guessed`` implies."""
    try:
        return RoleSource(source)
    except ValueError:
        return RoleSource.CONVENTION if guessed else RoleSource.STATED


def _start(playlist: Playlist) -> int:
    """The show's start: where its first timed entry says, else the playlist's date, else 0.

    The first entry's gap comes after the show's start; a first segment with a fixed
    time may start after the show does, which then starts at the playlist's date.
    """
    date_ms = playlist.date_ms
    for position, entry in enumerate(playlist.entries):
        data = entry.cue
        if data is None or data.start_utc_ms is None:
            continue
        start = data.start_utc_ms - (data.gap_ms if position == 0 else 0)
        if data.segment_at_ms is not None and date_ms is not None and date_ms <= start:
            return date_ms
        return start
    return 0 if date_ms is None else date_ms


def _timezone(playlist: Playlist, path: str | None) -> str:
    """The playlist's IANA zone (readers name a fixed zone for a date's UTC offset); else UTC."""
    if playlist.timezone:
        try:
            clock.zone(playlist.timezone)
        except ValueError as error:
            raise InputError(f"timezone: {error}", path=path, cause=error) from error
        return playlist.timezone
    return "UTC"


def _numbers(playlist: Playlist, path: str | None) -> list[str]:
    """A cue number for every entry: its own when valid, else a fresh unused one.

    A fresh number is the entry's position unless that is taken, then one past the highest
    number so far.  Positions only grow, so only given numbers and such bumped ones can be
    taken: nothing is kept per entry, and no search of every number is repeated."""
    given = [e.cue.number if e.cue is not None else "" for e in playlist.entries]
    taken = {Decimal(n) for n in given if is_valid_cue_number(n)}
    top = int(max(taken)) if taken else 0
    bumped: set[int] = set()
    high = 0
    numbers: list[str] = []
    for position, number in enumerate(given, start=1):
        if is_valid_cue_number(number):
            numbers.append(number)
            continue
        fresh = position
        if fresh in taken or fresh in bumped:
            fresh = max(top, high) + 1
            bumped.add(fresh)
        high = max(high, fresh)
        numbers.append(str(fresh))
        if number:
            where = f"{path}: " if path else ""
            warnings.warn(
                f"{where}entry {position}: cue number {number!r} is not a number like 7 or 4.1; "
                f"numbered {fresh}",
                CueSheetWarning,
                stacklevel=2,
            )
    return numbers


def to_show(playlist: Playlist, *, title: str = "", path: str | None = None) -> Show:
    """The show a playlist describes; starts at its first known start (epoch 0 if none).

    ``path`` names the playlist's file in errors and warnings.
    """
    tz = _timezone(playlist, path)
    segments: list[Segment] = []
    current: str | None = None
    first: CueData | None = None
    cues: list[Cue] = []
    for number, entry in zip(_numbers(playlist, path), playlist.entries, strict=True):
        name = entry.cue.segment if entry.cue is not None else ""
        if current is not None and name != current:
            segments.append(_segment(current or playlist.title or "Playlist", cues, first))
            cues = []
        if not cues:
            first = entry.cue
        current = name
        cues.append(_cue(entry, number))
    if cues:
        segments.append(_segment(current or playlist.title or "Playlist", cues, first))
    show = Show(
        title=title or playlist.title,
        timezone=tz,
        start_ms=_start(playlist),
        segments=tuple(segments),
        venue=playlist.creator,
        hard_out_ms=playlist.hard_out_ms,
    )
    starts = [e.cue.start_utc_ms if e.cue is not None else None for e in playlist.entries]
    return _keep_stated_starts(show, starts)


def _keep_stated_starts(show: Show, starts: list[int | None]) -> Show:
    """``show`` with gaps and crossfades that put its cues where ``starts`` (ms) say.

    A playlist that states starts but not the gaps between its entries (another
    program's, or one cuesheet wrote before it kept gaps) would otherwise be timed
    differently from what it says: the difference from the time the cue would start
    becomes a gap (later) or a crossfade (earlier).  Cues after one of unknown length
    cannot be timed and keep what they have.  Runs the timing engine's rule for the
    clock (:func:`cuesheet.timing.engine.compute`) in one pass.
    """
    stated = iter(starts)
    clock: int | None = show.start_ms
    segments: list[Segment] = []
    for index, segment in enumerate(show.segments):
        if segment.at_ms is not None:
            clock = segment.at_ms
        opens = index == 0 or segment.at_ms is not None
        cues: list[Cue] = []
        cursor = clock
        for cue in segment.cues:
            start = next(stated)
            if cursor is not None and start is not None:
                cue = _lead_in_to(cue, start - cursor, opens and not cues)
            if cursor is not None:
                cursor += lead_in_ms(cue, opens and not cues)
            cursor = None if cursor is None or cue.duration_ms is None else cursor + cue.duration_ms
            cues.append(cue)
        if all(c.duration_ms is not None for c in cues) and cues:
            clock = cursor
        elif clock is not None and segment.budget_ms is not None:
            clock += segment.budget_ms
        else:
            clock = None
        segments.append(replace(segment, cues=tuple(cues)))
    return replace(show, segments=tuple(segments))


def _lead_in_to(cue: Cue, wanted_ms: int, opens: bool) -> Cue:
    """``cue`` with a gap and crossfade that make its lead-in ``wanted_ms`` (when it can)."""
    delta = wanted_ms - lead_in_ms(cue, opens)
    if delta == 0:
        return cue
    gap, crossfade = cue.gap_ms, 0 if opens else cue.crossfade_ms
    if delta > 0:
        taken = min(crossfade, delta)  # less overlap first, then silence
        crossfade, gap = crossfade - taken, gap + delta - taken
    else:
        taken = min(gap, -delta)  # less silence first, then overlap
        gap = gap - taken
        if not opens:
            crossfade += -delta - taken
    return replace(cue, gap_ms=gap, crossfade_ms=crossfade if not opens else cue.crossfade_ms)


def _segment(title: str, cues: list[Cue], first: CueData | None) -> Segment:
    """A segment of ``cues``; its fixed time, label and budget are its first entry's."""
    if first is None:
        return Segment(title, tuple(cues))
    return Segment(
        title,
        tuple(cues),
        at_ms=first.segment_at_ms,
        at_label=first.segment_at_label,
        budget_ms=first.segment_budget_ms,
    )
