"""The playlist model: a playlist of entries, every time an ``int`` in milliseconds.

Instants (``Playlist.date_ms``, ``CueData.start_utc_ms``) are milliseconds since
the Unix epoch, UTC;
durations and offsets are milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Credit:
    """A name with its role.

    Roles used by cuesheet: ``composer``, ``performer``, ``conductor``,
    ``arranger``, ``lyricist``; any other text is kept as written.  Text formats
    write a guessed role with :data:`GUESS_MARK` after it (``composer?``).
    """

    name: str
    role: str
    guessed: bool = False
    """The role is a guess (a music list's convention, say), not confirmed."""
    source: str = ""
    """Where the role came from, when the writer said more than :attr:`guessed`
    (cuesheet: ``musicbrainz``); ``""`` when not said."""

    @property
    def role_text(self) -> str:
        """The role as text formats write it: ``composer``, or ``composer?`` when guessed."""
        return self.role + GUESS_MARK if self.guessed and self.role else self.role

    @classmethod
    def from_role_text(cls, name: str, text: str) -> Credit:
        """The inverse of :attr:`role_text`."""
        if len(text) > 1 and text.endswith(GUESS_MARK):
            return cls(name, text[: -len(GUESS_MARK)], guessed=True)
        return cls(name, text)


GUESS_MARK = "?"
"""Written after a role that is only a guess."""


@dataclass(frozen=True, slots=True)
class CueData:
    """The show-specific part of an entry: where it sits in a running order."""

    segment: str = ""
    number: str = ""
    kind: str = ""
    start_utc_ms: int | None = None
    """Scheduled start, milliseconds since the Unix epoch (UTC)."""
    credits: tuple[Credit, ...] = ()
    isrc: str = ""
    iswc: str = ""
    usage: str = ""
    duration_source: str = ""
    gap_ms: int = 0
    """Silence before the entry when the running order is played, milliseconds."""
    crossfade_ms: int = 0
    """Overlap with the entry before, milliseconds."""
    in_ms: int = 0
    """Where the entry starts playing in its file, milliseconds (0: the file's start)."""
    out_ms: int | None = None
    """Where the entry stops playing in its file, milliseconds; ``None``: at the file's end."""
    fade_in_ms: int = 0
    """Fade-in at the entry's start, milliseconds."""
    fade_out_ms: int = 0
    """Fade-out at the entry's end, milliseconds."""
    segment_at_ms: int | None = None
    """The fixed start of the entry's segment, milliseconds since the Unix epoch (UTC);
    ``None`` when it floats.  Every entry of a segment carries its segment's values."""
    segment_at_label: str = ""
    """What happens at the segment's fixed time."""
    segment_budget_ms: int | None = None
    """The planned length of the entry's segment, milliseconds; ``None``: none."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One playlist entry."""

    location: str | None = None
    """A path (absolute or relative) or a URI; ``None`` when there is no file."""
    title: str = ""
    creator: str = ""
    album: str = ""
    duration_ms: int | None = None
    """Length in milliseconds; ``None`` when unknown."""
    start_ms: int | None = None
    """Offset of the entry inside its file, ms (CUE ``INDEX 01``); ``None`` for the whole file."""
    identifiers: tuple[str, ...] = ()
    """Identifiers as URIs, e.g. ``https://musicbrainz.org/recording/<mbid>``."""
    annotation: str = ""
    cue: CueData | None = None
    pregap_ms: int = 0
    """Silence generated before the entry (CUE ``PREGAP``), milliseconds."""
    postgap_ms: int = 0
    """Silence generated after the entry (CUE ``POSTGAP``), milliseconds."""
    index00_ms: int | None = None
    """Start of the pre-gap held in the file (CUE ``INDEX 00``), ms; ``None`` if none."""
    extras: tuple[tuple[str, str], ...] = ()
    """Lines of a format the model has no field for, as ``(format, text)``, written back
    only to that format: ``("cue", "FLAGS DCP")``, ``("m3u", "#EXTVLCOPT:...")``,
    ``("m3u-attributes", 'tvg-id="x" group-title="News"')``."""


@dataclass(frozen=True, slots=True)
class Playlist:
    """An ordered list of entries with a little metadata."""

    title: str = ""
    creator: str = ""
    date_ms: int | None = None
    """When the playlist starts, milliseconds since the Unix epoch (UTC); ``None`` when undated.

    Shown in :attr:`timezone`: text formats write it as ISO 8601 local time with
    its UTC offset (``2014-02-23T20:14:00+04:00``), CUE as the local day.
    """
    timezone: str = ""
    """IANA timezone showing ``date_ms`` and ``CueData.start_utc_ms`` in local time; empty: UTC."""
    entries: tuple[Entry, ...] = field(default_factory=tuple)
    hard_out_ms: int | None = None
    """When the running order must have ended (a hard out), milliseconds since the Unix
    epoch (UTC); ``None`` when open-ended."""
    annotation: str = ""
    """A comment on the whole playlist (XSPF ``annotation``, CUE ``REM COMMENT``)."""
    extras: tuple[tuple[str, str], ...] = ()
    """Lines of a format the model has no field for, as ``(format, text)``:
    ``("cue", "CATALOG 0000000000000")``, ``("cue", 'REM GENRE "Rock"')`` (see :class:`Entry`)."""
