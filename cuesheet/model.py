"""The show model: a show holds ordered segments, a segment holds ordered cues.

Every time is an ``int``: instants are milliseconds since the Unix epoch (UTC),
durations are milliseconds.  Local time exists only at the edges (see
:mod:`cuesheet.timing.clock`).  Values are frozen; change them with
:func:`dataclasses.replace`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
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


class RoleSource(str, Enum):
    """Where a credit's role came from, least trusted first."""

    CONVENTION = "convention"
    """The list's convention: the heading (``Music``: composers, ``Setlist``: performers)
    or the short form's key (``music:``, ``anthem:``).  A guess, marked so in exports."""
    STATED = "stated"
    """Stated by a person: ``credits:`` in a show file, the ``song:`` key, a ``--role``
    choice, or the roles of an imported playlist."""
    MUSICBRAINZ = "musicbrainz"
    """Shown by MusicBrainz: a writer of the identified work or an artist of the recording."""


class DurationSource(str, Enum):
    """Where a cue's duration came from, most trusted first."""

    FILE = "file"
    PLANNED = "planned"
    MUSICBRAINZ = "musicbrainz"
    ESTIMATE = "estimate"


class UsageCode(str, Enum):
    """Rights-society usage codes (docs/rights.md): background/visual, instrumental/vocal,
    main and end title, theme, logo, source music."""

    BI = "BI"
    """Background instrumental."""
    BV = "BV"
    """Background vocal."""
    VI = "VI"
    """Visual instrumental: the performance is seen."""
    VV = "VV"
    """Visual vocal."""
    MT = "MT"
    """Main title (opening theme)."""
    ET = "ET"
    """End title (closing credits)."""
    TH = "TH"
    """Theme."""
    LOGO = "LOGO"
    """Logo: a short identifying sting."""
    SM = "SM"
    """Source music: heard by the people on screen or in the hall (radio, band on stage)."""


class MatchStatus(str, Enum):
    """How sure a MusicBrainz resolution is."""

    RESOLVED = "resolved"
    AMBIGUOUS = "ambiguous"
    UNRESOLVED = "unresolved"


@dataclass(frozen=True, slots=True)
class Credit:
    """A name with the role it has in a cue, and where that role came from."""

    name: str
    role: Role
    source: RoleSource = RoleSource.STATED

    @property
    def guessed(self) -> bool:
        """True when the role is only the list's convention, not confirmed."""
        return self.source is RoleSource.CONVENTION


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


NO_IDS = Identifiers()
"""No identifier known: the one value every cue without identifiers shares (values are frozen)."""


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
    duration_ms: int | None = None
    """The length MusicBrainz gave for the entry in milliseconds, whether or not the cue took
    it (a planned duration is kept); ``None`` when it gave none."""
    duration_source: DurationSource | None = None
    """``MUSICBRAINZ`` (the recording's own length) or ``ESTIMATE`` (a median of recordings)."""


@dataclass(frozen=True, slots=True)
class WriterShare:
    """A writer of a work as a rights society knows them: role, IPI, society, share, publisher.

    Empty text and ``None`` mean unknown (a blank to fill on the cue sheet).
    """

    name: str
    role: Role = Role.COMPOSER
    """``composer``, ``lyricist`` or ``arranger``."""
    ipi: str = ""
    """IPI (formerly CAE) name number, 9-11 digits."""
    society: str = ""
    """The writer's performing-rights society (affiliation), e.g. ``PRS``, ``ASCAP``, ``RAO``."""
    share_bp: int | None = None
    """The writer's share of the work in basis points (hundredths of a percent; 10000 = 100 %)."""
    publisher: str = ""
    publisher_ipi: str = ""
    died: str = ""
    """Date of death, ISO and partial as known (``1881``, ``1881-03-28``); empty when living or
    unknown.  Decides the public-domain flag (docs/rights.md)."""
    source: RoleSource = RoleSource.STATED
    """``stated`` (the show file) or ``musicbrainz`` (found by ``resolve``)."""


@dataclass(frozen=True, slots=True)
class WorkRights:
    """What a producer (or MusicBrainz) knows of a work for rights societies.

    A cue uses it when its work MBID, its ISWC or (lacking both) its title matches.
    """

    title: str
    work_mbid: str | None = None
    iswc: str | None = None
    writers: tuple[WriterShare, ...] = ()
    public_domain: bool | None = None
    """Stated by the producer; ``None``: judged from the writers' dates of death."""


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
    ids: Identifiers = NO_IDS
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
    in_ms: int = 0
    """Where the cue starts in its audio file, in milliseconds (0: the file's start)."""
    out_ms: int | None = None
    """Where the cue ends in its audio file, in milliseconds; ``None``: at the file's end."""
    fade_in_ms: int = 0
    """Fade-in at the start of the cue (within its length), in milliseconds."""
    fade_out_ms: int = 0
    """Fade-out at the end of the cue (within its length), in milliseconds."""
    cart: int | None = None
    """Cart number of the cue's audio in a playout system (Rivendell: 1-999999)."""
    file_start_ms: int | None = None
    """Where the cue starts inside ``file``, ms (a CUE ``INDEX 01``); ``None``: the whole file."""

    @property
    def number_key(self) -> Decimal:
        """The cue number as a decimal, for ordering."""
        return Decimal(self.number)

    def names(self, role: Role) -> tuple[str, ...]:
        """Names credited with ``role``, in order."""
        return tuple(c.name for c in self.credits if c.role is role)

    @property
    def is_edited(self) -> bool:
        """True when the cue plays part of its file (``in``/``out``) or fades."""
        return bool(self.in_ms or self.out_ms is not None or self.fade_in_ms or self.fade_out_ms)

    def played_ms(self, file_ms: int) -> int:
        """The cue's length in ms when its file lasts ``file_ms``: from ``in`` to ``out``.

        ``out`` past the file's end still counts in full (the render pads with
        silence), so the plan and the mix agree.
        """
        end = self.out_ms if self.out_ms is not None else file_ms
        return max(0, end - self.in_ms)


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
    usage: UsageCode | None = None
    """Usage code of its cues that name none; ``None``: the default of each cue's kind."""


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
    dated: bool = True
    """False for a bare list given no date: ``start_ms`` is then only an origin for offsets."""
    channel: str = ""
    """The channel or station that broadcasts the show (rights sheets name it)."""
    production: str = ""
    """The production company."""
    contact: str = ""
    """Who answers for the cue sheet: a name, e-mail or telephone number."""
    works: tuple[WorkRights, ...] = ()
    """Writers, shares and publishers of the works the show uses (see :class:`WorkRights`)."""

    def cues(self) -> Iterator[tuple[Segment, Cue]]:
        """Every cue with its segment, in running order."""
        for segment in self.segments:
            for cue in segment.cues:
                yield segment, cue


def is_valid_cue_number(number: str) -> bool:
    """True for cue numbers such as ``7`` or ``4.1``."""
    return bool(CUE_NUMBER_RE.match(number))
