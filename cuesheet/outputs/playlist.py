"""The seam between a timed show and :mod:`playlists`: Show + Timing -> Playlist.

Every cue becomes an entry carrying its segment, number, kind, scheduled start,
credits and identifiers, so that a playlist format with room for them (CSV,
XSPF's extension block, JSON) loses nothing.
"""

from __future__ import annotations

from cuesheet.model import Cue, Role, Show
from cuesheet.timing.engine import Timing, compute
from playlists.model import Credit, CueData, Entry, Playlist

MB = "https://musicbrainz.org"


def identifier_uris(cue: Cue) -> tuple[str, ...]:
    """The cue's identifiers as URIs, most specific first."""
    ids = cue.ids
    uris: list[str] = []
    if ids.recording_mbid:
        uris.append(f"{MB}/recording/{ids.recording_mbid}")
    if ids.work_mbid:
        uris.append(f"{MB}/work/{ids.work_mbid}")
    uris.extend(f"{MB}/artist/{mbid}" for mbid in ids.artist_mbids)
    if ids.isrc:
        uris.append(f"urn:isrc:{ids.isrc}")
    if ids.iswc:
        uris.append(f"urn:iswc:{ids.iswc}")
    return tuple(uris)


def creator(cue: Cue) -> str:
    """Who a player should show: performers, else composers, joined by ``/``."""
    names = cue.names(Role.PERFORMER) or cue.names(Role.COMPOSER)
    return " / ".join(names)


def to_playlist(show: Show, timing: Timing | None = None) -> Playlist:
    """The show as a playlist, one entry per cue in running order.

    An undated show (:attr:`Show.dated` false) gives no instants at all: playlist formats
    write dates with every start, and an undated show has no date to write.
    """
    timing = timing or compute(show)
    entries: list[Entry] = []
    for si, segment in enumerate(show.segments):
        for ci, cue in enumerate(segment.cues):
            entries.append(
                Entry(
                    location=cue.file,
                    start_ms=cue.file_start_ms,
                    title=cue.title,
                    creator=creator(cue),
                    album=show.title,
                    duration_ms=cue.duration_ms,
                    identifiers=identifier_uris(cue),
                    annotation=cue.notes,
                    cue=CueData(
                        segment=segment.title,
                        number=cue.number,
                        kind=cue.kind.value,
                        start_utc_ms=timing.cue(si, ci).front_ms if show.dated else None,
                        credits=tuple(Credit(c.name, c.role.value, c.guessed) for c in cue.credits),
                        isrc=cue.ids.isrc or "",
                        iswc=cue.ids.iswc or "",
                        usage=cue.usage.value if cue.usage else "",
                        duration_source=(cue.duration_source.value if cue.duration_source else ""),
                    ),
                )
            )
    return Playlist(
        title=show.title,
        creator=show.venue,
        date_ms=show.start_ms if show.dated else None,
        timezone=show.timezone,
        entries=tuple(entries),
    )
