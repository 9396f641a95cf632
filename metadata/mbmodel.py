"""Typed MusicBrainz values, as the adapter (:mod:`metadata.musicbrainz`) returns them.

Frozen and slotted; lengths in integer milliseconds; MBIDs as lower-case UUID strings.
Only the fields cuesheet uses are kept.  Importing this module is cheap (it does not
import musicbrainzngs).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Alias:
    """Another name of an artist or a work."""

    name: str
    sort_name: str = ""
    locale: str | None = None
    primary: bool = False
    type: str | None = None
    """E.g. ``Artist name``, ``Legal name``, ``Search hint``, ``Work name``."""


@dataclass(frozen=True, slots=True)
class LifeSpan:
    """When an artist lived or a group was active: ISO dates, partial as given
    (``1858``, ``1858-12``, ``1858-12-22``); empty when unknown."""

    begin: str = ""
    end: str = ""
    ended: bool = False


@dataclass(frozen=True, slots=True)
class Artist:
    """A person or group."""

    mbid: str
    name: str
    sort_name: str = ""
    disambiguation: str = ""
    type: str | None = None
    country: str | None = None
    aliases: tuple[Alias, ...] = ()
    score: int | None = None
    """Search relevance 0-100 (``ext:score``); ``None`` outside search results."""
    ipis: tuple[str, ...] = ()
    """Interested Party Information codes (11 digits), as the rights societies know them."""
    life_span: LifeSpan | None = None
    """Birth and death (founding and dissolution), when MusicBrainz has them."""

    def forms(self) -> tuple[str, ...]:
        """Every spelling: name, sort name, aliases and their sort names."""
        names = [self.name, self.sort_name]
        for alias in self.aliases:
            names += [alias.name, alias.sort_name]
        return tuple(dict.fromkeys(n for n in names if n))


@dataclass(frozen=True, slots=True)
class ArtistCredit:
    """One artist of a recording's or release's credit, with the name it is credited as."""

    artist: Artist
    name: str = ""
    """The name as credited; empty when it is the artist's own name."""
    joinphrase: str = ""

    @property
    def credited_name(self) -> str:
        """The name as printed on the credit."""
        return self.name or self.artist.name


@dataclass(frozen=True, slots=True)
class ArtistRelation:
    """An artist's part in a work or recording (``composer``, ``lyricist``, ``conductor``...)."""

    type: str
    artist: Artist
    direction: str = ""
    attributes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SeriesRelation:
    """Membership of a series, e.g. a composer's catalogue ("BuxWV 1")."""

    type: str
    series_mbid: str
    series_name: str
    number: str = ""


@dataclass(frozen=True, slots=True)
class WorkRelation:
    """A link to another work (``parts``, ``arrangement``...) or from a recording."""

    type: str
    work: Work
    direction: str = ""


@dataclass(frozen=True, slots=True)
class RecordingRelation:
    """A recording of a work (``performance``)."""

    type: str
    recording: Recording
    direction: str = ""
    attributes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Work:
    """A composition."""

    mbid: str
    title: str
    type: str | None = None
    language: str | None = None
    disambiguation: str = ""
    iswcs: tuple[str, ...] = ()
    aliases: tuple[Alias, ...] = ()
    artists: tuple[ArtistRelation, ...] = ()
    recordings: tuple[RecordingRelation, ...] = ()
    works: tuple[WorkRelation, ...] = ()
    series: tuple[SeriesRelation, ...] = ()
    score: int | None = None
    """Search relevance 0-100 (``ext:score``); ``None`` outside search results."""

    def titles(self) -> tuple[str, ...]:
        """The title and every alias."""
        return tuple(dict.fromkeys([self.title, *(a.name for a in self.aliases if a.name)]))

    def writers(self) -> tuple[ArtistRelation, ...]:
        """Composer, lyricist, writer, arranger... relations."""
        return tuple(r for r in self.artists if r.type in WRITER_TYPES)


# fmt: off
WRITER_TYPES = frozenset(
    {"composer", "lyricist", "writer", "librettist", "arranger", "orchestrator", "translator",
     "instrumental arranger", "vocal arranger", "revised by", "previous attribution"}
)
# fmt: on


@dataclass(frozen=True, slots=True)
class ReleaseGroup:
    """An album as a concept."""

    mbid: str
    title: str
    primary_type: str | None = None
    secondary_types: tuple[str, ...] = ()
    first_release_date: str = ""
    artist_credit: tuple[ArtistCredit, ...] = ()


@dataclass(frozen=True, slots=True)
class Track:
    """A track on a medium; ``length_ms`` is the track's, else its recording's."""

    mbid: str
    position: int | None
    number: str
    title: str
    length_ms: int | None
    recording: Recording | None = None


@dataclass(frozen=True, slots=True)
class Medium:
    """A disc or other medium of a release."""

    position: int | None
    format: str | None
    tracks: tuple[Track, ...] = ()
    track_count: int | None = None


@dataclass(frozen=True, slots=True)
class Release:
    """A published product."""

    mbid: str
    title: str
    status: str | None = None
    date: str = ""
    country: str | None = None
    barcode: str | None = None
    artist_credit: tuple[ArtistCredit, ...] = ()
    release_group: ReleaseGroup | None = None
    media: tuple[Medium, ...] = ()
    score: int | None = None


@dataclass(frozen=True, slots=True)
class Recording:
    """A recorded performance; ``length_ms`` in milliseconds, ``None`` when unknown."""

    mbid: str
    title: str
    length_ms: int | None = None
    disambiguation: str = ""
    video: bool = False
    artist_credit: tuple[ArtistCredit, ...] = ()
    releases: tuple[Release, ...] = ()
    isrcs: tuple[str, ...] = ()
    artists: tuple[ArtistRelation, ...] = ()
    works: tuple[WorkRelation, ...] = ()
    score: int | None = None
    """Search relevance 0-100 (``ext:score``); ``None`` outside search results."""

    @property
    def credit_phrase(self) -> str:
        """The artist credit as printed: "Artist A & Artist B"."""
        return "".join(c.credited_name + c.joinphrase for c in self.artist_credit)

    @property
    def live(self) -> bool:
        """True for a live recording (its disambiguation or a release group says so)."""
        return "live" in self.disambiguation.casefold() or any(
            "Live" in r.release_group.secondary_types for r in self.releases if r.release_group
        )

    @property
    def compilation_only(self) -> bool:
        """True when every release of it that MusicBrainz shows is a compilation."""
        groups = [r.release_group for r in self.releases if r.release_group]
        return bool(groups) and all("Compilation" in g.secondary_types for g in groups)


@dataclass(frozen=True, slots=True)
class SearchResult(Generic[T]):
    """One page of search hits, best first."""

    count: int
    """How many entities matched in all (the server's ``count``), not only this page."""
    items: tuple[T, ...] = ()

    @property
    def complete(self) -> bool:
        """True when this page holds every match."""
        return self.count <= len(self.items)


Entity = Artist | Work | Recording | Release | ReleaseGroup
"""What a lookup returns."""
