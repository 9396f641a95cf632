"""The way back: a :class:`playlists.model.Playlist` read from any format -> Show.

Consecutive entries of one segment become a segment; entries with no segment
data form one segment named after the playlist.  Identifiers given as
MusicBrainz URIs or ``urn:isrc:``/``urn:iswc:`` URNs return to their fields.
"""

from __future__ import annotations

import warnings
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
from playlists.model import Entry, Playlist

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
            Credit(c.name, Role(c.role), RoleSource.CONVENTION if c.guessed else RoleSource.STATED)
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
    )


def _start(playlist: Playlist) -> int:
    for entry in playlist.entries:
        if entry.cue is not None and entry.cue.start_utc_ms is not None:
            return entry.cue.start_utc_ms
    return 0 if playlist.date_ms is None else playlist.date_ms


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
    cues: list[Cue] = []
    for number, entry in zip(_numbers(playlist, path), playlist.entries, strict=True):
        name = entry.cue.segment if entry.cue is not None else ""
        if current is not None and name != current:
            segments.append(Segment(current or playlist.title or "Playlist", tuple(cues)))
            cues = []
        current = name
        cues.append(_cue(entry, number))
    if cues:
        segments.append(Segment(current or playlist.title or "Playlist", tuple(cues)))
    return Show(
        title=title or playlist.title,
        timezone=tz,
        start_ms=_start(playlist),
        segments=tuple(segments),
        venue=playlist.creator,
    )
