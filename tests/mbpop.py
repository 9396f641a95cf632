"""A small MusicBrainz catalogue for the pop setlist example (``examples/festival-setlist.md``).

Facts from general knowledge: who wrote each song (by MusicBrainz relation type), who
recorded it, and about how long the studio recording lasts.  Every MBID here is
SYNTHETIC (a UUID5 of the entity's slug), not MusicBrainz's own; the shapes are WS/2 lookup
documents, served by :class:`tests.mbserver.MBServer` through :func:`catalog`.  The
traps are the ones MusicBrainz has: "Florence + the Machine" written with a plus,
"Mumford & Sons" with an ampersand, "Simon & Garfunkel" one act made of two people, a
writer who is also the performer's member (Pete Townshend of The Who).

The rights identifiers of "Our House" (its ISWC, its recording's ISRC, Chris Foreman's IPI
code) are SYNTHETIC too, shaped as MusicBrainz serves them: ``ZZ`` is no ISRC country.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from xml.sax.saxutils import escape

from tests.mbserver import Catalog

_NS = uuid.UUID("6ba7b811-9dad-11d1-80b4-00c04fd430c8")
_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<metadata xmlns="http://musicbrainz.org/ns/mmd-2.0#" '
    'xmlns:ext="http://musicbrainz.org/ns/ext#-2.0">'
)
_TYPE_IDS = {
    "composer": "d59d99ea-23d4-4a80-b066-edca32ee158f",
    "lyricist": "3e48faba-ec01-47fd-8e89-30e81161661c",
    "writer": "a255bca1-b157-4518-9108-7b147dc3fc68",
}
_PERFORMANCE = "a3005666-a872-32c3-ad06-98af558e99b0"


def mbid(slug: str) -> str:
    """The synthetic MBID of ``slug``."""
    return str(uuid.uuid5(_NS, f"cuesheet-pop:{slug}"))


@dataclass(frozen=True)
class Act:
    """An artist: slug, name, sort name, type, aliases."""

    slug: str
    name: str
    sort_name: str
    type: str = "Person"
    aliases: tuple[str, ...] = ()
    ipi: str = ""


@dataclass(frozen=True)
class Song:
    """A work, its writers ``(relation type, act slug)``, and one recording of it."""

    slug: str
    title: str
    writers: tuple[tuple[str, str], ...]
    performer: str
    length_ms: int
    iswc: str = ""
    isrc: str = ""


ACTS = {
    a.slug: a
    for a in (
        Act("madness", "Madness", "Madness", "Group"),
        Act("foreman", "Chris Foreman", "Foreman, Chris", ipi="00000000019"),
        Act("smyth", "Cathal Smyth", "Smyth, Cathal", aliases=("Chas Smash",)),
        Act("who", "The Who", "Who, The", "Group"),
        Act("townshend", "Pete Townshend", "Townshend, Pete"),
        Act("acdc", "AC/DC", "AC/DC", "Group"),
        Act("angus", "Angus Young", "Young, Angus"),
        Act("malcolm", "Malcolm Young", "Young, Malcolm"),
        Act("scott", "Bon Scott", "Scott, Bon"),
        Act(
            "florence",
            "Florence + the Machine",
            "Florence + the Machine",
            "Group",
            ("Florence and the Machine",),
        ),
        Act("welch", "Florence Welch", "Welch, Florence"),
        Act("summers", "Isabella Summers", "Summers, Isabella"),
        Act("mumford", "Mumford & Sons", "Mumford & Sons", "Group", ("Mumford and Sons",)),
        Act("marcus", "Marcus Mumford", "Mumford, Marcus"),
        Act("lovett", "Ben Lovett", "Lovett, Ben"),
        Act("marshall", "Winston Marshall", "Marshall, Winston"),
        Act("dwane", "Ted Dwane", "Dwane, Ted"),
        Act("ewf", "Earth, Wind & Fire", "Earth, Wind & Fire", "Group"),
        Act("white", "Maurice White", "White, Maurice"),
        Act("mckay", "Al McKay", "McKay, Al"),
        Act("willis", "Allee Willis", "Willis, Allee"),
        Act("sg", "Simon & Garfunkel", "Simon & Garfunkel", "Group"),
        Act("simon", "Paul Simon", "Simon, Paul"),
        Act("kinks", "The Kinks", "Kinks, The", "Group"),
        Act("davies", "Ray Davies", "Davies, Ray"),
    )
}

SONGS = (
    Song("our_house", "Our House", (("writer", "foreman"), ("writer", "smyth")), "madness",
         203_000, "T-000.000.019-0", "ZZSYN8200001"),
    Song("baba", "Baba O'Riley", (("writer", "townshend"),), "who", 308_000),
    Song("highway", "Highway to Hell", (("writer", "angus"), ("writer", "malcolm"),
                                        ("writer", "scott")), "acdc", 208_000),
    Song("dogdays", "Dog Days Are Over", (("writer", "welch"), ("writer", "summers")),
         "florence", 252_000),
    Song("cave", "The Cave", (("writer", "marcus"), ("writer", "lovett"), ("writer", "marshall"),
                              ("writer", "dwane")), "mumford", 217_000),
    Song("september", "September", (("writer", "white"), ("writer", "mckay"),
                                    ("writer", "willis")), "ewf", 215_000),
    Song("robinson", "Mrs. Robinson", (("writer", "simon"),), "sg", 244_000),
    Song("waterloo", "Waterloo Sunset", (("writer", "davies"),), "kinks", 195_000),
)  # fmt: skip
"""Writers and lengths as generally known; lengths are the studio recordings', rounded."""


def _artist_xml(act: Act, *, full: bool) -> str:
    head = f'<artist id="{mbid(act.slug)}"' + (f' type="{act.type}">' if full else ">")
    body = f"<name>{escape(act.name)}</name><sort-name>{escape(act.sort_name)}</sort-name>"
    if full and act.aliases:
        items = "".join(
            f'<alias sort-name="{escape(a)}" type="Artist name">{escape(a)}</alias>'
            for a in act.aliases
        )
        body += f'<alias-list count="{len(act.aliases)}">{items}</alias-list>'
    if full and act.ipi:
        body += f"<ipi>{act.ipi}</ipi><ipi-list><ipi>{act.ipi}</ipi></ipi-list>"
    return head + body + "</artist>"


def _work_xml(song: Song) -> str:
    rels = "".join(
        f'<relation type="{kind}" type-id="{_TYPE_IDS[kind]}"><target>{mbid(slug)}</target>'
        f"<direction>backward</direction>{_artist_xml(ACTS[slug], full=False)}</relation>"
        for kind, slug in song.writers
    )
    rec = (
        f'<relation type="performance" type-id="{_PERFORMANCE}">'
        f"<target>{mbid(song.slug + ':rec')}</target><direction>backward</direction>"
        f'<recording id="{mbid(song.slug + ":rec")}"><title>{escape(song.title)}</title>'
        f"<length>{song.length_ms}</length></recording></relation>"
    )
    return (
        f'{_HEAD}<work id="{mbid(song.slug)}" type="Song"><title>{escape(song.title)}</title>'
        f"<language>eng</language>"
        + (f"<iswc-list><iswc>{song.iswc}</iswc></iswc-list>" if song.iswc else "")
        + f'<relation-list target-type="artist">{rels}</relation-list>'
        f'<relation-list target-type="recording">{rec}</relation-list></work></metadata>'
    )


def _recording_xml(song: Song) -> str:
    act = ACTS[song.performer]
    return (
        f'{_HEAD}<recording id="{mbid(song.slug + ":rec")}"><title>{escape(song.title)}</title>'
        f"<length>{song.length_ms}</length>"
        + (f'<isrc-list count="1"><isrc id="{song.isrc}"/></isrc-list>' if song.isrc else "")
        + "<artist-credit><name-credit>"
        f"{_artist_xml(act, full=True)}</name-credit></artist-credit>"
        f'<relation-list target-type="work"><relation type="performance" '
        f'type-id="{_PERFORMANCE}"><target>{mbid(song.slug)}</target>'
        f"<direction>forward</direction>"
        f'<work id="{mbid(song.slug)}"><title>{escape(song.title)}</title></work>'
        f"</relation></relation-list></recording></metadata>"
    )


def documents() -> list[str]:
    """Every artist, work and recording as a WS/2 lookup document."""
    docs = [f"{_HEAD}{_artist_xml(act, full=True)}</metadata>" for act in ACTS.values()]
    for song in SONGS:
        docs += [_work_xml(song), _recording_xml(song)]
    return docs


def catalog() -> Catalog:
    """The catalogue for :class:`tests.mbserver.MBServer`."""
    return Catalog.from_xml(documents())
