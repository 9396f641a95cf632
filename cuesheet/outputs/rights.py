"""A rights cue sheet: the music a show used, one fact per field, with a programme header.

:func:`sheet` turns a timing (planned, or as aired with ``export --as-run``) into a
:class:`RightsSheet`: a :class:`SheetHeader` (show, date and time with zone, venue,
channel, production, contact, total length, total music length) and one
:class:`RightsRow` per music or anthem cue (every cue with ``all_cues``).  The profiles
of :mod:`cuesheet.outputs.rightsfiles` write it; :mod:`cuesheet.outputs.rightsgaps`
says what each row lacks.  Where each field comes from: docs/rights.md.

Instants are epoch milliseconds (UTC), lengths and offsets milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass

from cuesheet.model import (
    Credit,
    Cue,
    CueKind,
    Role,
    RoleSource,
    Segment,
    Show,
    UsageCode,
    WorkRights,
    WriterShare,
)
from cuesheet.text import normalise
from cuesheet.timing import clock
from cuesheet.timing.engine import Timing

MUSIC_KINDS = (CueKind.MUSIC, CueKind.ANTHEM)
"""The kinds a rights sheet lists unless asked for every cue."""

DEFAULT_USAGE: dict[CueKind, UsageCode] = {
    CueKind.MUSIC: UsageCode.BI,
    CueKind.ANTHEM: UsageCode.VV,
}
"""The usage code of a cue that names none and whose segment names none."""

WRITING_ROLES = (Role.COMPOSER, Role.LYRICIST, Role.ARRANGER)
PERFORMING_ROLES = (Role.PERFORMER, Role.CONDUCTOR)
TRADITIONAL_NAMES = {"[traditional]": "Traditional", "[anonymous]": "Anonymous",
                     "traditional": "Traditional", "anonymous": "Anonymous"}  # fmt: skip
"""MusicBrainz's special-purpose writers (and the same words written by hand)."""
PUBLIC_DOMAIN_YEARS = 70
"""A work is public domain when all its composers and lyricists died more than this many
years before the year of the show (the usual term: life plus 70 years, to the end of the
year of death)."""


@dataclass(frozen=True, slots=True)
class SheetHeader:
    """The programme: what, when, where, who answers, how long."""

    show: str
    date: str
    """Local date of the start, ``YYYY-MM-DD``; empty for an undated list."""
    start: str
    """Local start ``HH:MM:SS``; empty for an undated list."""
    timezone: str
    utc_offset: str
    """``+04:00`` at the start."""
    venue: str
    channel: str
    production: str
    contact: str
    total_ms: int | None
    """From the start to the end of the last cue, ms; ``None`` when unknown."""
    music_ms: int
    """The music and anthem cues' durations added, ms (unknown ones count 0)."""
    aired: bool
    """True when the sheet says what aired (``--as-run``), False for the plan."""


@dataclass(frozen=True, slots=True)
class Party:
    """A writer or performer of a row, with what a society asks about a writer."""

    name: str
    role: Role
    guessed: bool = False
    """True when the role is only the list's convention."""
    ipi: str = ""
    society: str = ""
    share_bp: int | None = None
    """Share of the work, basis points (10000 = 100 %); ``None`` when unknown."""
    publisher: str = ""
    publisher_ipi: str = ""


@dataclass(frozen=True, slots=True)
class RightsRow:
    """One cue of the sheet."""

    sequence: int
    """1, 2, ... in sheet order."""
    cue: Cue
    segment: str
    usage: UsageCode | None
    start_ms: int | None
    """Epoch ms (UTC); ``None`` when unknown."""
    offset_ms: int | None
    """From the programme start, ms; ``None`` when unknown."""
    duration_ms: int | None
    """Duration used (planned, or aired), ms; ``None`` when unknown."""
    writers: tuple[Party, ...]
    performers: tuple[Party, ...]
    iswc: str
    isrc: str
    public_domain: bool
    public_domain_basis: str
    """Why: ``traditional``, ``stated`` or ``writers died by YYYY``; empty when not."""
    work_known: bool
    """True when the show file (or resolution) describes the work (:class:`WorkRights`)."""

    @property
    def writer_names(self) -> tuple[str, ...]:
        """The writers' names, in order."""
        return tuple(p.name for p in self.writers)


@dataclass(frozen=True, slots=True)
class RightsSheet:
    """A header and the rows."""

    header: SheetHeader
    rows: tuple[RightsRow, ...]


def sheet(timing: Timing, *, all_cues: bool = False, aired: bool = False) -> RightsSheet:
    """The rights sheet of ``timing``'s show: music and anthem cues, or ``all_cues``.

    ``aired`` only says in the header that the timing is what aired.
    """
    show = timing.show
    rows: list[RightsRow] = []
    music_ms = 0
    for si, segment in enumerate(show.segments):
        for ci, cue in enumerate(segment.cues):
            if cue.kind in MUSIC_KINDS and cue.duration_ms is not None:
                music_ms += cue.duration_ms
            if not all_cues and cue.kind not in MUSIC_KINDS:
                continue
            start = timing.cue(si, ci).front_ms
            rows.append(_row(len(rows) + 1, show, segment, cue, start))
    total = None if timing.end_ms is None else timing.end_ms - show.start_ms
    return RightsSheet(_header(show, total, music_ms, aired), tuple(rows))


def _header(show: Show, total: int | None, music_ms: int, aired: bool) -> SheetHeader:
    moment = clock.from_ms(show.start_ms, show.timezone)
    return SheetHeader(
        show=show.title,
        date=moment.date().isoformat() if show.dated else "",
        start=moment.strftime("%H:%M:%S") if show.dated else "",
        timezone=show.timezone,
        utc_offset=clock.utc_offset(show.start_ms, show.timezone) if show.dated else "",
        venue=show.venue,
        channel=show.channel,
        production=show.production,
        contact=show.contact,
        total_ms=total,
        music_ms=music_ms,
        aired=aired,
    )


def usage_of(cue: Cue, segment: Segment) -> UsageCode | None:
    """The cue's own usage code, else its segment's, else its kind's default."""
    return cue.usage or segment.usage or DEFAULT_USAGE.get(cue.kind)


def work_of(show: Show, cue: Cue) -> WorkRights | None:
    """The show's :class:`WorkRights` for ``cue``: by work MBID, else ISWC, else title."""
    ids = cue.ids
    for work in show.works:
        if ids.work_mbid and work.work_mbid:
            if ids.work_mbid == work.work_mbid:
                return work
            continue
        if ids.iswc and work.iswc:
            if _iswc_key(ids.iswc) == _iswc_key(work.iswc):
                return work
            continue
        if normalise(work.title) == normalise(cue.title):
            return work
    return None


def _iswc_key(iswc: str) -> str:
    return "".join(ch for ch in iswc if ch.isalnum()).upper()


def _row(sequence: int, show: Show, segment: Segment, cue: Cue, start: int | None) -> RightsRow:
    work = work_of(show, cue)
    writers = _writers(cue, work)
    performers = tuple(
        Party(c.name, c.role, c.source is RoleSource.CONVENTION)
        for c in cue.credits
        if c.role in PERFORMING_ROLES
    )
    basis = _public_domain(work, writers, cue, show)
    return RightsRow(
        sequence=sequence,
        cue=cue,
        segment=segment.title,
        usage=usage_of(cue, segment),
        start_ms=start,
        offset_ms=None if start is None else start - show.start_ms,
        duration_ms=cue.duration_ms,
        writers=tuple(_display(p) for p in writers),
        performers=performers,
        iswc=cue.ids.iswc or (work.iswc if work is not None and work.iswc else "") or "",
        isrc=cue.ids.isrc or "",
        public_domain=bool(basis),
        public_domain_basis=basis,
        work_known=work is not None,
    )


def _display(party: Party) -> Party:
    name = TRADITIONAL_NAMES.get(party.name.strip().casefold())
    return party if name is None else Party(name, party.role, party.guessed, society="PD")


def _writers(cue: Cue, work: WorkRights | None) -> tuple[Party, ...]:
    """The work's writers (with their rights facts), then writers the cue alone names."""
    parties = [_from_share(w) for w in work.writers] if work is not None else []
    known = {(normalise(p.name), p.role) for p in parties}
    for credit in cue.credits:
        if credit.role in WRITING_ROLES and (normalise(credit.name), credit.role) not in known:
            parties.append(_from_credit(credit))
            known.add((normalise(credit.name), credit.role))
    return tuple(parties)


def _from_share(writer: WriterShare) -> Party:
    return Party(
        writer.name,
        writer.role,
        False,
        writer.ipi,
        writer.society,
        writer.share_bp,
        writer.publisher,
        writer.publisher_ipi,
    )


def _from_credit(credit: Credit) -> Party:
    return Party(credit.name, credit.role, credit.source is RoleSource.CONVENTION)


def _public_domain(
    work: WorkRights | None, writers: tuple[Party, ...], cue: Cue, show: Show
) -> str:
    """Why the work is public domain (see the module constants); empty when not known to be."""
    if work is not None and work.public_domain is not None:
        return "stated" if work.public_domain else ""
    authors = [p for p in writers if p.role is not Role.ARRANGER]
    if any(p.name.strip().casefold() in TRADITIONAL_NAMES for p in authors):
        return "traditional"
    if work is None or not authors or not show.dated:
        return ""
    died = {normalise(w.name): w.died for w in work.writers}
    years = [died.get(normalise(p.name), "")[:4] for p in authors]
    if not all(year.isdigit() for year in years):
        return ""
    last = max(int(year) for year in years)
    show_year = clock.from_ms(show.start_ms, show.timezone).year
    return f"writers died by {last}" if show_year > last + PUBLIC_DOMAIN_YEARS else ""


__all__ = [
    "DEFAULT_USAGE",
    "MUSIC_KINDS",
    "Party",
    "RightsRow",
    "RightsSheet",
    "SheetHeader",
    "sheet",
    "usage_of",
    "work_of",
]
