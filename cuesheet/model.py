"""The show model: a show holds ordered segments, a segment holds ordered cues.

Every time is an ``int``: instants are milliseconds since the Unix epoch (UTC),
durations are milliseconds.  Local time exists only at the edges (see
:mod:`cuesheet.clock`).  Values are frozen; change them with
:func:`dataclasses.replace`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

CUE_NUMBER_RE = re.compile(r"^\d{1,6}(\.\d{1,4})?$")


class CueKind(str, Enum):
    """What a cue is."""

    MUSIC = "music"
    ANTHEM = "anthem"
    SPEECH = "speech"
    EFFECT = "effect"
    OTHER = "other"


class Role(str, Enum):
    """The part a named person or group plays in a cue."""

    COMPOSER = "composer"
    PERFORMER = "performer"
    CONDUCTOR = "conductor"
    ARRANGER = "arranger"
    LYRICIST = "lyricist"


class DurationSource(str, Enum):
    """Where a cue's duration came from, most trusted first."""

    FILE = "file"
    PLANNED = "planned"
    MUSICBRAINZ = "musicbrainz"
    ESTIMATE = "estimate"


class UsageCode(str, Enum):
    """Rights-society usage codes: background/visual, instrumental/vocal, theme, end title."""

    BI = "BI"
    BV = "BV"
    VI = "VI"
    VV = "VV"
    MT = "MT"
    ET = "ET"


class MatchStatus(str, Enum):
    """How sure a MusicBrainz resolution is."""

    RESOLVED = "resolved"
    AMBIGUOUS = "ambiguous"
    UNRESOLVED = "unresolved"


@dataclass(frozen=True, slots=True)
class Credit:
    """A name with the role it has in a cue."""

    name: str
    role: Role


@dataclass(frozen=True, slots=True)
class Identifiers:
    """Identifiers of a cue's work and recording; MBIDs are lower-case UUID strings."""

    work_mbid: str | None = None
    recording_mbid: str | None = None
    artist_mbids: tuple[str, ...] = ()
    isrc: str | None = None
    iswc: str | None = None

    def is_empty(self) -> bool:
        """True when no identifier is known."""
        return not (
            self.work_mbid or self.recording_mbid or self.artist_mbids or self.isrc or self.iswc
        )


@dataclass(frozen=True, slots=True)
class Candidate:
    """One ranked MusicBrainz candidate; ``score`` is 0-100."""

    title: str
    score: int
    work_mbid: str | None = None
    recording_mbid: str | None = None
    why: str = ""


@dataclass(frozen=True, slots=True)
class Match:
    """The outcome of resolving a cue against MusicBrainz."""

    status: MatchStatus
    score: int = 0
    """Confidence of the chosen match, 0-100 (0 when unresolved)."""
    candidates: tuple[Candidate, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class Cue:
    """One item of the running order."""

    number: str
    """Cue number as written; decimal numbers such as ``4.1`` sort between 4 and 5."""
    title: str
    kind: CueKind = CueKind.MUSIC
    credits: tuple[Credit, ...] = ()
    duration_ms: int | None = None
    """Duration in milliseconds; ``None`` when unknown."""
    duration_source: DurationSource | None = None
    ids: Identifiers = field(default_factory=Identifiers)
    file: str | None = None
    """Path of the cue's audio file, as written in the show (may be relative)."""
    usage: UsageCode | None = None
    notes: str = ""
    source_text: str = ""
    """The list line the cue came from, kept for resolution and reports."""
    match: Match | None = None
    gap_ms: int = 0
    """Silence before this cue when rendering, in milliseconds."""
    crossfade_ms: int = 0
    """Overlap with the previous cue when rendering, in milliseconds."""
    file_start_ms: int | None = None
    """Where the cue starts inside ``file``, ms (a CUE ``INDEX 01``); ``None``: the whole file."""

    @property
    def number_key(self) -> Decimal:
        """The cue number as a decimal, for ordering."""
        return Decimal(self.number)

    def names(self, role: Role) -> tuple[str, ...]:
        """Names credited with ``role``, in order."""
        return tuple(c.name for c in self.credits if c.role is role)


@dataclass(frozen=True, slots=True)
class Segment:
    """A chapter of the show; may be pinned to a fixed start time."""

    title: str
    cues: tuple[Cue, ...] = ()
    at_ms: int | None = None
    """Fixed start, milliseconds since the Unix epoch (UTC); ``None`` when floating."""
    at_label: str = ""
    """What happens at the fixed time, e.g. "Games declared closed"."""
    budget_ms: int | None = None
    """Planned length in milliseconds; ``None`` when not budgeted."""
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Show:
    """A whole show: where, when, and its ordered segments."""

    title: str
    timezone: str
    """IANA timezone name, e.g. ``Europe/Moscow``."""
    start_ms: int
    """Scheduled start, milliseconds since the Unix epoch (UTC)."""
    segments: tuple[Segment, ...] = ()
    venue: str = ""
    hard_out_ms: int | None = None
    """Hard out, milliseconds since the Unix epoch (UTC); ``None`` when open-ended."""
    ignore_rules: tuple[str, ...] = ()
    """Check codes turned off for this show."""
    notes: str = ""

    def cues(self) -> Iterator[tuple[Segment, Cue]]:
        """Every cue with its segment, in running order."""
        for segment in self.segments:
            for cue in segment.cues:
                yield segment, cue


def is_valid_cue_number(number: str) -> bool:
    """True for cue numbers such as ``7`` or ``4.1``."""
    return bool(CUE_NUMBER_RE.match(number))
