"""The seam between a timed show and :mod:`playlists`: Show + Timing -> Playlist.

Every cue becomes an entry carrying its segment, number, kind, scheduled start,
credits and identifiers, so that a playlist format with room for them (CSV,
XSPF's extension block, JSON) loses nothing.
"""

from __future__ import annotations

from cuesheet.model import Cue, Role, RoleSource, Show
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


def _credits(cue: Cue) -> tuple[Credit, ...]:
    """The cue's credits; a source other than a guess's or a statement's is named."""
    implied = (RoleSource.STATED, RoleSource.CONVENTION)
    return tuple(
        Credit(c.name, c.role.value, c.guessed, "" if c.source in implied else c.source.value)
        for c in cue.credits
    )


def _cue_data(show: Show, si: int, ci: int, timing: Timing) -> CueData:
    """What a playlist entry holds of cue ``ci`` of segment ``si`` beyond a player's fields."""
    segment = show.segments[si]
    cue = segment.cues[ci]
    return CueData(
        segment=segment.title,
        number=cue.number,
        kind=cue.kind.value,
        start_utc_ms=timing.cue(si, ci).front_ms if show.dated else None,
        credits=_credits(cue),
        isrc=cue.ids.isrc or "",
        iswc=cue.ids.iswc or "",
        usage=cue.usage.value if cue.usage else "",
        duration_source=(cue.duration_source.value if cue.duration_source else ""),
        gap_ms=cue.gap_ms,
        crossfade_ms=cue.crossfade_ms,
        in_ms=cue.in_ms,
        out_ms=cue.out_ms,
        fade_in_ms=cue.fade_in_ms,
        fade_out_ms=cue.fade_out_ms,
        segment_at_ms=segment.at_ms if show.dated else None,
        segment_at_label=segment.at_label,
        segment_budget_ms=segment.budget_ms,
    )


def to_playlist(show: Show, timing: Timing | None = None) -> Playlist:
    """The show as a playlist, one entry per cue in running order.

    Every entry carries its segment's fixed time, label and budget; the playlist
    carries the show's title, venue (as its creator), start, zone and hard out.  An
    undated show (:attr:`Show.dated` false) gives no instants at all (no start, fixed
    time or hard out): playlist formats write dates with every instant, and an undated
    show has no date to write.
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
                    cue=_cue_data(show, si, ci, timing),
                )
            )
    return Playlist(
        title=show.title,
        creator=show.venue,
        date_ms=show.start_ms if show.dated else None,
        timezone=show.timezone,
        hard_out_ms=show.hard_out_ms if show.dated else None,
        entries=tuple(entries),
    )
