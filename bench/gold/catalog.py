"""A MusicBrainz catalogue for the gold set, built from what we know of these works.

Every entity is written here in a few words and turned into WS/2 lookup documents
(:func:`documents`) that :class:`tests.mbserver.Catalog` serves.  MBIDs are synthetic
(UUID version 5 of the slug, so they can be told apart at a glance) unless the slug is in
:data:`REAL`, which holds MBIDs of the real MusicBrainz entities as remembered (not checked
against the live service; marked ``real`` in a comment).  Writers, titles and aliases follow
MusicBrainz's habits: original titles and names in their own script with English aliases,
movements as parts of their parent work, arrangements as works of their own, covers and
live versions as recordings of the same work, and the traps MusicBrainz really has:
namesake works by other writers, duplicate works without writers, namesake artists,
works linked to a recording's performer only as an artist credit.
"""

# ruff: noqa: RUF001, E501  (names in their own scripts; a data table, one entity a line)
from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

MMD = "http://musicbrainz.org/ns/mmd-2.0#"

# Real MBIDs as remembered (artists only); everything else is synthetic.
REAL = {
    "Queen": "0383dadf-2a4e-4d10-a46a-e9e041da8eb3",
    "The Beatles": "b10bbbfc-cf9e-42e0-be17-e2c3e1d2600d",
    "David Bowie": "5441c29d-3602-4898-b1a1-b77fa23b8e50",
    "Ed Sheeran": "b8a7c51f-362c-4dcb-a259-bc6e0095f0a6",
    "ABBA": "d87e52c5-bb8d-4da8-b941-9f4928627dc8",
    "Pink Floyd": "83d91898-7763-47d7-b03b-b92132375c47",
    "U2": "a3cb23fc-acd3-4ce0-8f36-1e5aa6a18432",
    "John Lennon": "4d5447d7-c61c-4120-ba1b-d7f471d385b9",
    "Paul McCartney": "ba550d0e-adac-4864-b88b-407cab5e76af",
    "Elton John": "b83bc61f-8451-4a5d-8b8e-7e9ed295e822",
    "George Frideric Handel": "27870d47-bb98-42d1-bf2b-c7e972e6befc",
    "Johann Sebastian Bach": "24f1766e-9635-4d58-a4d4-9413f9f98a4c",
    "John Williams": "53b106e7-0cc6-42cc-ac95-ed8d30a3a98e",
    "Leonard Cohen": "65314b12-0e08-43fa-ba33-baaa7b874c15",
    "The Who": "9fdaa16b-a6c4-4831-b87c-bc9ca8ce7eaa",
    "Muse": "9c9f1380-2516-4fc9-a3e6-f9f61941d090",
}


def synthetic(kind: str, slug: str) -> str:
    """A stable, visibly synthetic MBID (UUID version 5)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"cuesheet-gold:{kind}:{slug}"))


@dataclass
class ArtistDef:
    name: str
    sort: str
    mbid: str
    kind: str = "Person"
    aliases: tuple[str, ...] = ()
    disambiguation: str = ""
    begin: str = ""
    end: str = ""
    ipi: tuple[str, ...] = ()


@dataclass
class WorkDef:
    slug: str
    title: str
    writers: list[tuple[str, str]]  # (relation type, artist key)
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    arrangement_of: str | None = None
    iswc: str = ""
    type: str = "Song"
    mbid: str = ""
    recordings: list[str] = field(default_factory=list)
    children: list[str] = field(default_factory=list)
    arrangements: list[str] = field(default_factory=list)


@dataclass
class RecordingDef:
    slug: str
    title: str
    credit: list[tuple[str, str, str]]  # (artist key, credited name, join phrase)
    length: int
    work: str | None
    live: bool = False
    compilation: bool = False
    isrc: str = ""
    mbid: str = ""


ARTISTS: dict[str, ArtistDef] = {}
WORKS: dict[str, WorkDef] = {}
RECORDINGS: dict[str, RecordingDef] = {}


def artist(
    name: str,
    sort: str = "",
    *,
    key: str = "",
    kind: str = "Person",
    aliases: tuple[str, ...] = (),
    dis: str = "",
    begin: str = "",
    end: str = "",
    ipi: tuple[str, ...] = (),
) -> str:
    """Declare an artist; ``key`` tells namesakes apart (default: the name)."""
    key = key or name
    if key in ARTISTS:
        return key
    if not sort:
        parts = name.split()
        sort = (
            name if kind != "Person" or len(parts) < 2 else f"{parts[-1]}, {' '.join(parts[:-1])}"
        )
    mbid = REAL.get(key) or synthetic("artist", key)
    ARTISTS[key] = ArtistDef(name, sort, mbid, kind, aliases, dis, begin, end, ipi)
    return key


def _key(name: str) -> str:
    return name if name in ARTISTS else artist(name)


def _by_name(name: str) -> str:
    """The artist credited as ``name``: by key, else by alias, else a new one."""
    if name in ARTISTS:
        return name
    for key, a in ARTISTS.items():
        if name in a.aliases:
            return key
    return artist(name)


def work(
    slug: str,
    title: str,
    writers: str = "",
    *,
    aliases: tuple[str, ...] = (),
    parent: str | None = None,
    arr_of: str | None = None,
    iswc: str = "",
    type: str = "Song",
    recs: tuple[tuple[str, int], ...] = (),
) -> str:
    """Declare a work; ``writers`` is "composer:Name; lyricist:Name"; ``recs`` adds
    recordings (credit, length in ms) titled like the work."""
    rels = []
    for part in filter(None, (p.strip() for p in writers.split(";"))):
        role, _, name = part.partition(":")
        rels.append((role.strip(), _key(name.strip())))
    WORKS[slug] = WorkDef(
        slug, title, rels, aliases, parent, arr_of, iswc, type, synthetic("work", slug)
    )
    if parent:
        WORKS[parent].children.append(slug)
    if arr_of:
        WORKS[arr_of].arrangements.append(slug)
    for i, (credit, length) in enumerate(recs):
        recording(f"{slug}_r{i}", title, credit, length, slug)
    return slug


def recording(
    slug: str,
    title: str,
    credit: str,
    length: int,
    work_slug: str | None,
    *,
    live: bool = False,
    comp: bool = False,
    isrc: str = "",
) -> str:
    """Declare a recording; ``credit`` as printed ("A & B", "A feat. B", "A + B")."""
    parts: list[tuple[str, str, str]] = []
    tokens = re.split(r"( feat\. | & | \+ |, )", credit)
    for i in range(0, len(tokens), 2):
        name = tokens[i]
        join = tokens[i + 1] if i + 1 < len(tokens) else ""
        key = _by_name(name)
        credited = "" if ARTISTS[key].name == name or key == name else name
        parts.append((key, credited, join))
    RECORDINGS[slug] = RecordingDef(
        slug, title, parts, length, work_slug, live, comp, isrc, synthetic("recording", slug)
    )
    if work_slug:
        WORKS[work_slug].recordings.append(slug)
    return slug


def song(
    slug: str,
    title: str,
    writers: str,
    performer: str,
    length: int,
    *,
    aliases: tuple[str, ...] = (),
    covers: tuple[tuple[str, int], ...] = (),
    live: tuple[tuple[str, int], ...] = (),
    iswc: str = "",
    isrc: str = "",
) -> str:
    """A song with its original recording, covers and live recordings."""
    work(slug, title, writers, aliases=aliases, iswc=iswc)
    recording(f"{slug}_orig", title, performer, length, slug, isrc=isrc)
    for i, (credit, n) in enumerate(covers):
        recording(f"{slug}_cover{i}", title, credit, n, slug)
    for i, (credit, n) in enumerate(live):
        recording(f"{slug}_live{i}", f"{title}", credit, n, slug, live=True)
    return slug


# ---------------------------------------------------------------- artists with details

artist("Queen", kind="Group", begin="1970")
artist("Queen", "Queen", key="Queen (Dutch)", kind="Group", dis="Dutch 1960s beat group")
artist("The Who", "Who, The", kind="Group", begin="1964")
artist("Muse", kind="Group", begin="1994")
artist("Muse", key="Muse (US)", kind="Group", dis="US hardcore band")
artist(
    "John Williams",
    "Williams, John",
    begin="1932-02-08",
    ipi=("00028536437",),
    dis="US composer & conductor",
)
artist(
    "John Williams",
    "Williams, John",
    key="John Williams (guitarist)",
    begin="1941-04-24",
    dis="Australian classical guitarist",
)
artist("Sade", kind="Group", dis="British band")
artist("Sade Adu", "Adu, Sade", aliases=("Sade",), begin="1959-01-16")
artist("Марія Яремчук", "Yaremchuk, Mariya", aliases=("Mariya Yaremchuk", "Maria Yaremchuk"))
artist(
    "Сёстры Толмачёвы",
    "Tolmachevy Sisters",
    kind="Group",
    aliases=("Tolmachevy Sisters", "Tolmachev Twins"),
)
artist("Филипп Киркоров", "Kirkorov, Philipp", aliases=("Philipp Kirkorov",))
artist("Δημήτρης Κοντόπουλος", "Kontopoulos, Dimitris", aliases=("Dimitris Kontopoulos",))
artist("Сергеј Ћетковић", "Ćetković, Sergej", aliases=("Sergej Ćetković",))
artist("Björk", "Björk", aliases=("Björk Guðmundsdóttir",), begin="1965-11-21")
artist("Giacomo Puccini", begin="1858-12-22", end="1924-11-29", ipi=("00033867584",))
artist("Edward Elgar", begin="1857-06-02", end="1934-02-23", ipi=("00009458740",))
artist(
    "Hubert Parry",
    "Parry, Hubert",
    aliases=("C. Hubert H. Parry", "Sir Hubert Parry"),
    begin="1848-02-27",
    end="1918-10-07",
)
artist(
    "Ralph Vaughan Williams",
    "Vaughan Williams, Ralph",
    begin="1872-10-12",
    end="1958-08-26",
    ipi=("00013520117",),
)
artist(
    "George Frideric Handel",
    "Handel, George Frideric",
    aliases=("Georg Friedrich Händel", "G. F. Handel"),
    begin="1685-02-23",
    end="1759-04-14",
)
artist("Пётр Ильич Чайковский", "Tchaikovsky, Pyotr Ilyich", aliases=("Pyotr Ilyich Tchaikovsky",))
artist("Antonín Dvořák", "Dvořák, Antonín")
artist("Stanley Myers", "Myers, Stanley")

# ---------------------------------------------------------------- London 2012 closing

song("open_arms", "Open Arms", "composer:Guy Garvey; composer:Craig Potter", "Elbow", 266_000)
song(
    "our_house",
    "Our House",
    "composer:Chris Foreman; lyricist:Cathal Smyth",
    "Madness",
    203_000,
    live=(("Madness", 251_000),),
)
work(
    "our_house_dup",
    "Our House",
    "composer:Graham Nash",
    recs=(("Crosby, Stills, Nash & Young", 180_000),),
)
song(
    "west_end_girls",
    "West End Girls",
    "composer:Neil Tennant; composer:Chris Lowe",
    "Pet Shop Boys",
    287_000,
)
song(
    "what_makes_you_beautiful",
    "What Makes You Beautiful",
    "composer:Savan Kotecha; composer:Rami Yacoub; composer:Carl Falk",
    "One Direction",
    199_000,
)
song(
    "waterloo_sunset",
    "Waterloo Sunset",
    "composer:Ray Davies; lyricist:Ray Davies",
    "The Kinks",
    195_000,
    live=(("Ray Davies", 214_000),),
)
song(
    "read_all_about_it",
    "Read All About It, Part III",
    "composer:Emeli Sandé; composer:Stephen Manderson; composer:Tom Barnes",
    "Emeli Sandé",
    286_000,
    aliases=("Read All About It, Pt. III",),
)
song(
    "read_all_about_it_1",
    "Read All About It",
    "composer:Stephen Manderson; composer:Emeli Sandé; composer:Tom Barnes",
    "Professor Green feat. Emeli Sandé",
    235_000,
)
song(
    "pinball_wizard",
    "Pinball Wizard",
    "composer:Pete Townshend",
    "The Who",
    181_000,
    covers=(("Elton John", 311_000),),
    live=(("Kaiser Chiefs", 185_000), ("The Who", 175_000)),
)
song("little_bird", "Little Bird", "composer:Annie Lennox", "Annie Lennox", 278_000)
song(
    "freedom90",
    "Freedom! ’90",
    "composer:George Michael",
    "George Michael",
    390_000,
    aliases=("Freedom 90", "Freedom! '90"),
)
song("freedom_wham", "Freedom", "composer:George Michael", "Wham!", 320_000)
song(
    "price_tag",
    "Price Tag",
    "composer:Jessie J; composer:Lukasz Gottwald; composer:Claude Kelly; composer:Bobby Ray Simmons",
    "Jessie J feat. B.o.B",
    223_000,
)
song(
    "written_in_the_stars",
    "Written in the Stars",
    "composer:Patrick Okogwu; composer:Eric Turner; composer:Ollie Jacobs",
    "Tinie Tempah feat. Eric Turner",
    208_000,
)
song(
    "dynamite",
    "Dynamite",
    "composer:Taio Cruz; composer:Lukasz Gottwald; composer:Max Martin; composer:Benjamin Levin",
    "Taio Cruz",
    202_000,
)
song("dynamite_bts", "Dynamite", "composer:David Stewart; composer:Jessica Agombar", "BTS", 199_000)
song(
    "wannabe",
    "Wannabe",
    "composer:Geri Halliwell; composer:Emma Bunton; composer:Richard Stannard; composer:Matt Rowe",
    "Spice Girls",
    173_000,
)
song(
    "spice_up_your_life",
    "Spice Up Your Life",
    "composer:Geri Halliwell; composer:Emma Bunton; composer:Richard Stannard; composer:Matt Rowe",
    "Spice Girls",
    173_000,
)
song(
    "wonderwall",
    "Wonderwall",
    "composer:Noel Gallagher",
    "Oasis",
    258_000,
    covers=(("Ryan Adams", 248_000),),
    live=(("Beady Eye", 251_000), ("Liam Gallagher", 262_000)),
)
work(
    "wonderwall_harrison",
    "Wonderwall to Be Here",
    "composer:George Harrison",
    recs=(("George Harrison", 85_000),),
)
song(
    "bright_side",
    "Always Look on the Bright Side of Life",
    "composer:Eric Idle",
    "Monty Python",
    216_000,
    live=(("Eric Idle", 230_000),),
)
song("survival", "Survival", "composer:Matthew Bellamy", "Muse", 257_000)
song("survival_marley", "Survival", "composer:Bob Marley", "Bob Marley & The Wailers", 234_000)
song("survival_eminem", "Survival", "composer:Marshall Mathers", "Eminem", 272_000)
song(
    "we_will_rock_you",
    "We Will Rock You",
    "composer:Brian May",
    "Queen",
    122_000,
    live=(("Queen + Jessie J", 170_000), ("Queen", 95_000)),
)
work(
    "we_will_rock_you_musical",
    "We Will Rock You",
    "writer:Ben Elton; composer:Brian May",
    type="Musical",
)
song(
    "rule_the_world",
    "Rule the World",
    "composer:Gary Barlow; composer:Howard Donald; composer:Jason Orange; composer:Mark Owen",
    "Take That",
    237_000,
)
song(
    "everybody_rule",
    "Everybody Wants to Rule the World",
    "composer:Roland Orzabal; composer:Ian Stanley; composer:Chris Hughes",
    "Tears for Fears",
    251_000,
)
song(
    "baba_oriley",
    "Baba O’Riley",
    "composer:Pete Townshend",
    "The Who",
    301_000,
    aliases=("Baba O'Riley",),
)
song("see_me_feel_me", "See Me, Feel Me", "composer:Pete Townshend", "The Who", 208_000)
song("my_generation", "My Generation", "composer:Pete Townshend", "The Who", 198_000)
song(
    "wish_you_were_here",
    "Wish You Were Here",
    "composer:Roger Waters; composer:David Gilmour",
    "Pink Floyd",
    334_000,
    live=(("Ed Sheeran, Nick Mason, Mike Rutherford & Richard Jones", 301_000),),
)
song(
    "wish_incubus",
    "Wish You Were Here",
    "composer:Brandon Boyd; composer:Mike Einziger",
    "Incubus",
    212_000,
)
song(
    "wish_lavigne",
    "Wish You Were Here",
    "composer:Avril Lavigne; composer:Lukasz Gottwald",
    "Avril Lavigne",
    225_000,
)
song("rockafeller_skank", "The Rockafeller Skank", "composer:Norman Cook", "Fatboy Slim", 401_000)
song(
    "brighton_rock",
    "Brighton Rock",
    "composer:Brian May",
    "Queen",
    308_000,
    live=(("Brian May", 270_000),),
)
song(
    "imagine",
    "Imagine",
    "composer:John Lennon; lyricist:Yoko Ono",
    "John Lennon",
    183_000,
    covers=(("A Perfect Circle", 288_000),),
)
song("imagine_armin", "Imagine", "composer:Armin van Buuren", "Armin van Buuren", 330_000)
song(
    "running_up_that_hill_decoy",
    "Running Up That Road",
    "composer:Sam Sample",
    "Sam Sample",
    200_000,
)

# ---------------------------------------------------------------- Eurovision 2014

song(
    "tick_tock",
    "Tick-Tock",
    "composer:Марія Яремчук; composer:Sandra Bjurman",
    "Mariya Yaremchuk",
    180_000,
)
song("cheesecake", "Cheesecake", "composer:Dmitry Novik; lyricist:Yury Vaschuk", "Teo", 182_000)
song(
    "start_a_fire",
    "Start a Fire",
    "composer:Stefan Örn; composer:Johan Kronlund; lyricist:Alessandra Günthardt",
    "Dilara Kazimova",
    180_000,
)
song(
    "no_prejudice",
    "No Prejudice",
    "composer:Heiðar Örn Kristjánsson; composer:Haraldur Freyr Gíslason",
    "Pollapönk",
    170_000,
    aliases=("Enga fordóma",),
)
song("silent_storm", "Silent Storm", "composer:Josefin Winther", "Carl Espen", 181_000)
song(
    "miracle_ro",
    "Miracle",
    "composer:Ovidiu Cernăuțeanu; composer:Philip Halloun",
    "Paula Seling & Ovi",
    180_000,
)
song("miracle_other", "Miracle", "composer:Jon Bon Jovi", "Jon Bon Jovi", 302_000)
song("miracle_other2", "Miracle", "composer:Cascada Writer", "Cascada", 190_000)
song(
    "not_alone_am",
    "Not Alone",
    "composer:Aram Sargsyan; composer:Garik Papoyan",
    "Aram MP3",
    182_000,
)
song("not_alone_other", "Not Alone", "composer:Darin Zanyar", "Darin", 200_000)
song(
    "moj_svijet",
    "Moj svijet",
    "composer:Сергеј Ћетковић; lyricist:Emina Jahović",
    "Sergej Ćetković",
    183_000,
    aliases=("My World",),
)
song(
    "my_slowianie",
    "My Słowianie",
    "composer:Donatan; lyricist:Cleo",
    "Donatan & Cleo",
    179_000,
    aliases=("We Are Slavic", "My Słowianie - We Are Slavic"),
)
song(
    "rise_up_gr",
    "Rise Up",
    "composer:Nikolas Raptakis; composer:Theodoros Pistiolas",
    "Freaky Fortune feat. RiskyKidd",
    182_000,
)
song(
    "rise_up_day", "Rise Up", "composer:Andra Day; composer:Jennifer Decilveo", "Andra Day", 253_000
)
song(
    "rise_like_a_phoenix",
    "Rise Like a Phoenix",
    "composer:Charley Mason; composer:Joey Patulka; composer:Ali Zuckowski; composer:Julian Maas",
    "Conchita Wurst",
    184_000,
)
song(
    "is_it_right",
    "Is It Right",
    "composer:Elżbieta Steinmetz; composer:Frank Kretschmer",
    "Elaiza",
    183_000,
)
song(
    "undo_se",
    "Undo",
    "composer:Fredrik Kempe; composer:David Kreuger; composer:Hamish Anderson",
    "Sanna Nielsen",
    184_000,
)
song("undo_bjork", "Undo", "composer:Björk; composer:Thomas Knak", "Björk", 338_000)
song("moustache", "Moustache", "composer:Lorent Idir; composer:Pierre Idir", "TWIN TWIN", 182_000)
song(
    "shine_ru",
    "Shine",
    "composer:Филипп Киркоров; composer:Δημήτρης Κοντόπουλος; composer:John Ballard",
    "Tolmachevy Sisters",
    182_000,
)
song("shine_takethat", "Shine", "composer:Gary Barlow; composer:Mark Owen", "Take That", 211_000)
song(
    "shine_yy",
    "Shine",
    "composer:Olly Alexander; composer:Mikey Goldsworthy",
    "Years & Years",
    255_000,
)
song("la_mia_citta", "La mia città", "composer:Emma Marrone; composer:Luca Sala", "Emma", 180_000)
song(
    "round_and_round",
    "Round and Round",
    "composer:Tinkara Kovač; composer:Raay",
    "Tinkara Kovač",
    181_000,
)
song("something_better", "Something Better", "composer:Topi Latukka", "Softengine", 180_000)
song(
    "dancing_in_the_rain",
    "Dancing in the Rain",
    "composer:Ruth Lorenzo; composer:Jonas Thander; composer:Beatrice Robertsson",
    "Ruth Lorenzo",
    186_000,
)
song("hunter_of_stars", "Hunter of Stars", "composer:Sebastiano Paù-Lessi", "Sebalter", 182_000)
song(
    "running_hu",
    "Running",
    "composer:András Kállay-Saunders; composer:Krisztián Szakos",
    "András Kállay-Saunders",
    182_000,
)
song("running_other", "Running", "composer:No Doubt Writer", "No Doubt", 241_000)
song("coming_home_mt", "Coming Home", "composer:Richard Edward Micallef", "Firelight", 180_000)
song("coming_home_bridges", "Coming Home", "composer:Leon Bridges", "Leon Bridges", 202_000)
song("coming_home_diddy", "Coming Home", "composer:Sean Combs", "Diddy – Dirty Money", 239_000)
song(
    "cliche_love_song",
    "Cliché Love Song",
    "composer:Lise Cabble; composer:Jakob Schack Glæsner",
    "Basim",
    180_000,
)
song(
    "calm_after_the_storm",
    "Calm After the Storm",
    "composer:Ilse DeLange; composer:JB Meijers; composer:Rob Crosby",
    "The Common Linnets",
    182_000,
)
song(
    "maybe_sm",
    "Maybe (Forse)",
    "composer:Ralph Siegel; lyricist:Mauro Balestri",
    "Valentina Monetta",
    180_000,
    aliases=("Maybe", "Forse"),
)
song(
    "maybe_other",
    "Maybe",
    "composer:Charles Strouse; lyricist:Martin Charnin",
    "Annie Original Cast",
    150_000,
)
song(
    "children_of_the_universe",
    "Children of the Universe",
    "composer:Molly Smitten-Downes; composer:Anders Hansson",
    "Molly",
    180_000,
)
song(
    "waterloo_abba",
    "Waterloo",
    "composer:Benny Andersson; composer:Björn Ulvaeus; lyricist:Stig Anderson",
    "ABBA",
    168_000,
    live=(("ABBA", 175_000),),
)
song(
    "waterloo_jackson",
    "Waterloo",
    "composer:John D. Loudermilk; composer:Marijohn Wilkin",
    "Stonewall Jackson",
    142_000,
)
song(
    "only_teardrops",
    "Only Teardrops",
    "composer:Lise Cabble; composer:Julia Fabrin Jakobsen; composer:Thomas Stengaard",
    "Emmelie de Forest",
    183_000,
)

# ---------------------------------------------------------------- coronation 2023

work(
    "coronation_anthems",
    "Coronation Anthems, HWV 258–261",
    "composer:George Frideric Handel",
    type="Anthem",
)
work(
    "zadok",
    "Coronation Anthems, HWV 258–261: No. 1. Zadok the Priest, HWV 258",
    "composer:George Frideric Handel",
    parent="coronation_anthems",
    type="Anthem",
    aliases=("Zadok the Priest",),
    recs=(("The King's Consort", 331_000), ("Choir of King's College, Cambridge", 345_000)),
)
work(
    "i_was_glad",
    "I Was Glad",
    "composer:Hubert Parry",
    type="Anthem",
    recs=(("Choir of Westminster Abbey", 321_000), ("The Sixteen", 330_000)),
)
work(
    "i_was_glad_purcell",
    "I Was Glad, Z. 19",
    "composer:Henry Purcell",
    type="Anthem",
    recs=(("The Sixteen", 240_000),),
)
work(
    "crown_imperial",
    "Crown Imperial",
    "composer:William Walton",
    recs=(("Philharmonia Orchestra", 560_000),),
)
work(
    "orb_and_sceptre",
    "Orb and Sceptre",
    "composer:William Walton",
    recs=(("Philharmonia Orchestra", 460_000),),
)
work(
    "walton_te_deum",
    "Coronation Te Deum",
    "composer:William Walton",
    recs=(("Choir of Westminster Abbey", 580_000),),
)
work(
    "te_deum_charpentier",
    "Te Deum, H. 146",
    "composer:Marc-Antoine Charpentier",
    recs=(("Les Arts Florissants", 1_300_000),),
)
work(
    "make_a_joyful_noise",
    "Make a Joyful Noise",
    "composer:Andrew Lloyd Webber",
    recs=(("Choir of Westminster Abbey", 330_000),),
)
work(
    "make_a_joyful_noise_other",
    "Make a Joyful Noise",
    "composer:Dale Wood",
    recs=(("St. Olaf Choir", 150_000),),
)
work(
    "old_hundredth",
    "Old Hundredth",
    "composer:Louis Bourgeois",
    type="Hymn",
    aliases=("All People That on Earth Do Dwell",),
    recs=(("Choir of King's College, Cambridge", 200_000),),
)
work(
    "old_hundredth_rvw",
    "All People That on Earth Do Dwell (Old Hundredth)",
    "composer:Louis Bourgeois; arranger:Ralph Vaughan Williams; lyricist:William Kethe",
    arr_of="old_hundredth",
    type="Hymn",
    recs=(("Choir of Westminster Abbey", 290_000),),
)
work(
    "coronation_march_doyle",
    "King Charles III Coronation March",
    "composer:Patrick Doyle",
    recs=(("Coronation Orchestra", 260_000),),
)
work(
    "coronation_kyrie", "Coronation Kyrie", "composer:Paul Mealor", recs=(("Bryn Terfel", 250_000),)
)
work(
    "coronation_sanctus",
    "Coronation Sanctus",
    "composer:Roxanna Panufnik",
    recs=(("Choir of Westminster Abbey", 140_000),),
)
work(
    "oregan_agnus_dei",
    "Agnus Dei",
    "composer:Tarik O’Regan",
    recs=(("Choir of Westminster Abbey", 200_000),),
)
work(
    "agnus_dei_barber",
    "Agnus Dei",
    "composer:Samuel Barber",
    recs=(("Choir of New College Oxford", 480_000),),
)
work(
    "wiseman_alleluia",
    "Alleluia",
    "composer:Debbie Wiseman",
    recs=(("Choir of Westminster Abbey", 120_000),),
)
work(
    "alleluia_thompson",
    "Alleluia",
    "composer:Randall Thompson",
    recs=(("Harvard Glee Club", 300_000),),
)
work("sacred_fire", "Sacred Fire", "composer:Sarah Class", recs=(("Pretty Yende", 230_000),))
work(
    "voices_of_the_world",
    "Voices of the World",
    "composer:Iain Farrington",
    recs=(("Coronation Orchestra", 200_000),),
)
work(
    "brighter_visions",
    "Brighter Visions Shine Afar",
    "composer:Judith Weir",
    recs=(("Choir of Westminster Abbey", 180_000),),
)
work(
    "o_taste_and_see",
    "O Taste and See",
    "composer:Ralph Vaughan Williams",
    recs=(("Choir of St John's College, Cambridge", 110_000),),
)
work(
    "o_taste_and_see_goss",
    "O Taste and See",
    "composer:John Goss",
    recs=(("Choir of St John's College, Cambridge", 150_000),),
)

# ---------------------------------------------------------------- royal wedding 2011

work(
    "greensleeves",
    "Greensleeves",
    "composer:Traditional",
    type="Song",
    recs=(("The King's Singers", 180_000),),
)
work(
    "fantasia_greensleeves",
    "Fantasia on Greensleeves",
    "composer:Ralph Vaughan Williams",
    recs=(("Academy of St Martin in the Fields", 270_000), ("London Symphony Orchestra", 290_000)),
)
work(
    "elgar_serenade",
    "Serenade for Strings in E minor, Op. 20",
    "composer:Edward Elgar",
    recs=(("English Chamber Orchestra", 730_000),),
)
work(
    "tchaikovsky_serenade",
    "Серенада для струнного оркестра до мажор, соч. 48",
    "composer:Пётр Ильич Чайковский",
    aliases=("Serenade for Strings in C major, Op. 48",),
    recs=(("Academy of St Martin in the Fields", 1_800_000),),
)
work(
    "dvorak_serenade",
    "Serenade for Strings in E major, Op. 22",
    "composer:Antonín Dvořák",
    recs=(("Academy of St Martin in the Fields", 1_700_000),),
)
work("henry_v", "Henry V", "composer:William Walton", type="Soundtrack")
work(
    "touch_her_soft_lips",
    "Henry V: Touch Her Soft Lips and Part",
    "composer:William Walton",
    parent="henry_v",
    recs=(("Academy of St Martin in the Fields", 110_000),),
)
work(
    "finzi_romance",
    "Romance for String Orchestra, Op. 11",
    "composer:Gerald Finzi",
    recs=(("English String Orchestra", 470_000),),
)
work(
    "rutter_this_is_the_day",
    "This Is the Day",
    "composer:John Rutter",
    recs=(("Choir of Westminster Abbey", 180_000),),
)
work(
    "mealor_ubi_caritas",
    "Ubi caritas",
    "composer:Paul Mealor",
    recs=(("Choir of Westminster Abbey", 240_000),),
)
work(
    "durufle_motets", "Quatre motets sur des thèmes grégoriens, Op. 10", "composer:Maurice Duruflé"
)
work(
    "durufle_ubi",
    "Quatre motets sur des thèmes grégoriens, Op. 10: I. Ubi caritas",
    "composer:Maurice Duruflé",
    parent="durufle_motets",
    recs=(("The Sixteen", 110_000),),
)
work(
    "blest_pair",
    "Blest Pair of Sirens",
    "composer:Hubert Parry; lyricist:John Milton",
    recs=(("The Bach Choir", 660_000),),
)
work(
    "cwm_rhondda",
    "Guide Me, O Thou Great Redeemer",
    "composer:John Hughes; lyricist:William Williams",
    type="Hymn",
    aliases=("Cwm Rhondda", "Bread of Heaven"),
    recs=(("Choir of Westminster Abbey", 200_000),),
)
work(
    "blaenwern",
    "Love Divine, All Loves Excelling",
    "composer:William Penfro Rowlands; lyricist:Charles Wesley",
    type="Hymn",
    aliases=("Blaenwern",),
    recs=(("Choir of Westminster Abbey", 240_000),),
)
work(
    "love_divine_stainer",
    "Love Divine, All Loves Excelling",
    "composer:John Stainer; lyricist:Charles Wesley",
    type="Hymn",
    recs=(("Choir of King's College, Cambridge", 210_000),),
)
work(
    "jerusalem",
    "Jerusalem",
    "composer:Hubert Parry; lyricist:William Blake",
    type="Song",
    aliases=("And Did Those Feet in Ancient Time",),
    recs=(("Choir of Westminster Abbey", 160_000), ("Emerson, Lake & Palmer", 173_000)),
)
work(
    "jerusalem_elgar",
    "Jerusalem",
    "composer:Hubert Parry; orchestrator:Edward Elgar; lyricist:William Blake",
    arr_of="jerusalem",
    recs=(("BBC Symphony Orchestra", 230_000),),
)
work("jerusalem_blondy", "Jerusalem", "composer:Alpha Blondy", recs=(("Alpha Blondy", 300_000),))
work(
    "widor5",
    "Symphonie pour orgue n° 5 en fa mineur, op. 42 n° 1",
    "composer:Charles-Marie Widor",
    aliases=("Organ Symphony No. 5 in F minor, Op. 42 No. 1",),
    type="Symphony",
)
work(
    "widor_toccata",
    "Symphonie pour orgue n° 5 en fa mineur, op. 42 n° 1 : V. Toccata",
    "composer:Charles-Marie Widor",
    parent="widor5",
    aliases=("Organ Symphony No. 5: V. Toccata", "Toccata"),
    recs=(("Olivier Latry", 340_000),),
)
work("yellow_cake", "The Yellow Cake Revue", "composer:Peter Maxwell Davies")
work(
    "farewell_to_stromness",
    "The Yellow Cake Revue: Farewell to Stromness",
    "composer:Peter Maxwell Davies",
    parent="yellow_cake",
    recs=(("Peter Maxwell Davies", 270_000),),
)

# ---------------------------------------------------------------- state funeral 2022

work(
    "burial_sentences",
    "Burial Sentences",
    "composer:William Croft",
    recs=(("Choir of Westminster Abbey", 480_000),),
)
work("funeral_sentences", "Funeral Sentences", "composer:Henry Purcell")
work(
    "thou_knowest",
    "Funeral Sentences: Thou Knowest, Lord, the Secrets of Our Hearts, Z. 58c",
    "composer:Henry Purcell",
    parent="funeral_sentences",
    recs=(("The Sixteen", 150_000),),
)
work(
    "crimond",
    "The Lord’s My Shepherd",
    "composer:Jessie Seymour Irvine; lyricist:Francis Rous",
    type="Hymn",
    aliases=("Crimond", "The Lord's My Shepherd (Crimond)"),
    recs=(("Choir of Westminster Abbey", 230_000),),
)
work(
    "lords_my_shepherd_townend",
    "The Lord’s My Shepherd",
    "composer:Stuart Townend",
    recs=(("Stuart Townend", 260_000),),
)
work(
    "weir_like_as_the_hart",
    "Like as the Hart",
    "composer:Judith Weir",
    recs=(("Choir of Westminster Abbey", 300_000),),
)
work("howells_four_anthems", "Four Anthems", "composer:Herbert Howells")
work(
    "howells_like_as_the_hart",
    "Four Anthems: I. Like as the Hart",
    "composer:Herbert Howells",
    parent="howells_four_anthems",
    recs=(("Choir of King's College, Cambridge", 390_000),),
)
work(
    "who_shall_separate",
    "Who Shall Separate Us?",
    "composer:James MacMillan",
    recs=(("Choir of Westminster Abbey", 240_000),),
)
work(
    "three_preludes",
    "Three Preludes Founded on Welsh Hymn Tunes",
    "composer:Ralph Vaughan Williams",
)
work(
    "rhosymedre",
    "Three Preludes Founded on Welsh Hymn Tunes: II. Rhosymedre",
    "composer:Ralph Vaughan Williams",
    parent="three_preludes",
    recs=(("Peter Holder", 250_000),),
)
work("sospiri", "Sospiri, Op. 70", "composer:Edward Elgar", recs=(("Peter Holder", 290_000),))
work("howells_psalm_preludes", "Psalm-Preludes, Set 1, Op. 32", "composer:Herbert Howells")
work(
    "howells_psalm_prelude",
    "Psalm-Preludes, Set 1, Op. 32: No. 1",
    "composer:Herbert Howells",
    parent="howells_psalm_preludes",
    recs=(("Peter Holder", 420_000),),
)
work(
    "howells_psalm_prelude2",
    "Psalm-Preludes, Set 1, Op. 32: No. 2",
    "composer:Herbert Howells",
    parent="howells_psalm_preludes",
    recs=(("Peter Holder", 380_000),),
)
work(
    "bach_bwv537_whole",
    "Fantasia and Fugue in C minor, BWV 537",
    "composer:Johann Sebastian Bach",
    recs=(("Ton Koopman", 520_000),),
)
work(
    "bach_bwv537",
    "Fantasia and Fugue in C minor, BWV 537: Fantasia",
    "composer:Johann Sebastian Bach",
    parent="bach_bwv537_whole",
    recs=(("Peter Holder", 250_000),),
)
work(
    "bach_bwv542",
    "Fantasia and Fugue in G minor, BWV 542",
    "composer:Johann Sebastian Bach",
    recs=(("Ton Koopman", 690_000),),
)
work(
    "st_clement",
    "The Day Thou Gavest, Lord, Is Ended",
    "composer:Clement Scholefield; lyricist:John Ellerton",
    type="Hymn",
    aliases=("St Clement",),
    recs=(("Choir of Westminster Abbey", 220_000),),
)

# ---------------------------------------------------------------- John Williams in Vienna

JW = "composer:John Williams"
VPO = "Wiener Philharmoniker & John Williams"
work("jaws", "Jaws", JW, type="Soundtrack")
work(
    "shark_cage_fugue",
    "Jaws: Out to Sea and the Shark Cage Fugue",
    JW,
    parent="jaws",
    recs=((VPO, 260_000),),
)
work("jurassic_park", "Jurassic Park", JW, type="Soundtrack", recs=(("John Williams", 4_100_000),))
work(
    "jp_theme",
    "Jurassic Park: Theme",
    JW,
    parent="jurassic_park",
    aliases=("Theme From Jurassic Park",),
    recs=((VPO, 335_000), ("John Williams", 210_000)),
)
work("raiders", "Raiders of the Lost Ark", JW, type="Soundtrack")
work(
    "marions_theme",
    "Raiders of the Lost Ark: Marion’s Theme",
    JW,
    parent="raiders",
    recs=((VPO, 260_000),),
)
work(
    "raiders_march",
    "Raiders of the Lost Ark: The Raiders March",
    JW,
    parent="raiders",
    recs=((VPO, 330_000), ("Boston Pops Orchestra", 300_000)),
)
work("sabrina", "Sabrina", JW, type="Soundtrack", recs=(("John Williams", 2_400_000),))
work("sabrina_theme", "Sabrina: Main Title", JW, parent="sabrina", recs=((VPO, 270_000),))
work("war_horse", "War Horse", JW, type="Soundtrack")
work("dartmoor", "War Horse: Dartmoor, 1912", JW, parent="war_horse", recs=((VPO, 300_000),))
work("hp1", "Harry Potter and the Philosopher’s Stone", JW, type="Soundtrack")
work(
    "hedwigs_theme",
    "Harry Potter and the Philosopher’s Stone: Hedwig’s Theme",
    JW,
    parent="hp1",
    aliases=("Hedwig's Theme",),
    recs=((VPO, 330_000), ("John Williams", 311_000)),
)
work(
    "et", "E.T. the Extra-Terrestrial", JW, type="Soundtrack", recs=(("John Williams", 3_900_000),)
)
work(
    "adventures_on_earth",
    "E.T. the Extra-Terrestrial: Adventures on Earth",
    JW,
    parent="et",
    recs=((VPO, 640_000),),
)
work(
    "et_flying_theme",
    "E.T. the Extra-Terrestrial: Flying Theme",
    JW,
    parent="et",
    recs=(("Boston Pops Orchestra", 230_000),),
)
work("sw2", "Star Wars: Episode II – Attack of the Clones", JW, type="Soundtrack")
work(
    "across_the_stars",
    "Star Wars: Episode II – Attack of the Clones: Across the Stars",
    JW,
    parent="sw2",
    aliases=("Across the Stars (Love Theme From Star Wars)",),
    recs=(("Anne-Sophie Mutter & John Williams", 350_000),),
)
work("witches", "The Witches of Eastwick", JW, type="Soundtrack")
work(
    "devils_dance",
    "The Witches of Eastwick: The Devil’s Dance",
    JW,
    parent="witches",
    recs=(("Anne-Sophie Mutter & John Williams", 290_000),),
)
work("schindler", "Schindler’s List", JW, type="Soundtrack", recs=(("Itzhak Perlman", 3_800_000),))
work(
    "remembrances",
    "Schindler’s List: Remembrances",
    JW,
    parent="schindler",
    recs=(("Anne-Sophie Mutter & John Williams", 300_000),),
)
work(
    "schindler_theme",
    "Schindler’s List: Theme",
    JW,
    parent="schindler",
    recs=(("Itzhak Perlman", 255_000), ("Anne-Sophie Mutter & John Williams", 270_000)),
)
work(
    "sw4",
    "Star Wars",
    JW,
    type="Soundtrack",
    aliases=("Star Wars: A New Hope",),
    recs=(("London Symphony Orchestra", 4_500_000),),
)
work(
    "sw_main_title",
    "Star Wars: Main Title",
    JW,
    parent="sw4",
    aliases=("Main Title (Star Wars)",),
    recs=((VPO, 350_000), ("London Symphony Orchestra", 330_000)),
)
work("leias_theme", "Star Wars: Princess Leia’s Theme", JW, parent="sw4", recs=((VPO, 300_000),))
work("sw5", "Star Wars: Episode V – The Empire Strikes Back", JW, type="Soundtrack")
work(
    "imperial_march",
    "The Empire Strikes Back: The Imperial March (Darth Vader’s Theme)",
    JW,
    parent="sw5",
    aliases=("The Imperial March",),
    recs=((VPO, 190_000),),
)
work(
    "yodas_theme", "The Empire Strikes Back: Yoda’s Theme", JW, parent="sw5", recs=((VPO, 250_000),)
)
work(
    "close_encounters",
    "Close Encounters of the Third Kind",
    JW,
    type="Soundtrack",
    recs=(("John Williams", 3_300_000),),
)
work(
    "cavatina", "Cavatina", "composer:Stanley Myers", recs=(("John Williams (guitarist)", 205_000),)
)

# ---------------------------------------------------------------- Live Aid 1985

song(
    "rockin_all_over",
    "Rockin’ All Over the World",
    "composer:John Fogerty",
    "John Fogerty",
    176_000,
    aliases=("Rockin' All Over the World",),
    covers=(("Status Quo", 214_000),),
    live=(("Status Quo", 205_000),),
)
song("caroline_sq", "Caroline", "composer:Francis Rossi; composer:Bob Young", "Status Quo", 263_000)
song("caroline_other", "Caroline", "composer:Josh Kear", "Amine", 209_000)
song("sweet_caroline", "Sweet Caroline", "composer:Neil Diamond", "Neil Diamond", 203_000)
song(
    "dont_waste_my_time",
    "Don’t Waste My Time",
    "composer:Francis Rossi; composer:Bob Young",
    "Status Quo",
    262_000,
)
song(
    "walls_come_tumbling",
    "Walls Come Tumbling Down!",
    "composer:Paul Weller",
    "The Style Council",
    206_000,
)
song(
    "i_dont_like_mondays",
    "I Don’t Like Mondays",
    "composer:Bob Geldof",
    "The Boomtown Rats",
    259_000,
)
song(
    "vive_le_rock", "Vive le Rock", "composer:Adam Ant; composer:Marco Pirroni", "Adam Ant", 197_000
)
song(
    "vienna_ultravox",
    "Vienna",
    "composer:Midge Ure; composer:Billy Currie; composer:Chris Cross; composer:Warren Cann",
    "Ultravox",
    293_000,
)
song("vienna_joel", "Vienna", "composer:Billy Joel", "Billy Joel", 214_000)
song("true_spandau", "True", "composer:Gary Kemp", "Spandau Ballet", 390_000)
song("true_other", "True", "composer:Ryan Cabrera", "Ryan Cabrera", 193_000)
song(
    "all_you_need_is_love",
    "All You Need Is Love",
    "composer:John Lennon; composer:Paul McCartney",
    "The Beatles",
    228_000,
    live=(("Elvis Costello", 150_000),),
)
song(
    "your_love_is_king",
    "Your Love Is King",
    "composer:Sade Adu; composer:Stuart Matthewman",
    "Sade",
    220_000,
)
song("roxanne", "Roxanne", "composer:Sting", "The Police", 192_000, live=(("Sting", 250_000),))
song(
    "against_all_odds",
    "Against All Odds (Take a Look at Me Now)",
    "composer:Phil Collins",
    "Phil Collins",
    206_000,
)
song("in_the_air_tonight", "In the Air Tonight", "composer:Phil Collins", "Phil Collins", 334_000)
song("hide_and_seek", "Hide and Seek", "composer:Howard Jones", "Howard Jones", 290_000)
song("hide_and_seek_heap", "Hide and Seek", "composer:Imogen Heap", "Imogen Heap", 268_000)
song("slave_to_love", "Slave to Love", "composer:Bryan Ferry", "Bryan Ferry", 260_000)
song(
    "every_time_you_go_away",
    "Every Time You Go Away",
    "composer:Daryl Hall",
    "Hall & Oates",
    263_000,
    covers=(("Paul Young", 265_000),),
)
song(
    "sunday_bloody_sunday",
    "Sunday Bloody Sunday",
    "composer:Bono; composer:The Edge; composer:Adam Clayton; composer:Larry Mullen Jr.",
    "U2",
    280_000,
)
song(
    "sunday_bloody_lennon",
    "Sunday Bloody Sunday",
    "composer:John Lennon; composer:Yoko Ono",
    "John Lennon & Yoko Ono",
    300_000,
)
song(
    "bad_u2",
    "Bad",
    "composer:Bono; composer:The Edge; composer:Adam Clayton; composer:Larry Mullen Jr.",
    "U2",
    381_000,
    live=(("U2", 720_000),),
)
song("bad_mj", "Bad", "composer:Michael Jackson", "Michael Jackson", 247_000)
song(
    "money_for_nothing",
    "Money for Nothing",
    "composer:Mark Knopfler; composer:Sting",
    "Dire Straits",
    506_000,
)
song("sultans_of_swing", "Sultans of Swing", "composer:Mark Knopfler", "Dire Straits", 348_000)
song(
    "bohemian_rhapsody",
    "Bohemian Rhapsody",
    "composer:Freddie Mercury; lyricist:Freddie Mercury",
    "Queen",
    355_000,
    iswc="T-010.179.617-2",
    isrc="GBUM71029604",
    live=(("Queen", 148_000),),
)
work("bohemian_rhapsody_dup", "Bohemian Rhapsody")  # a duplicate without writers
song("radio_gaga", "Radio Ga Ga", "composer:Roger Taylor", "Queen", 348_000)
song("hammer_to_fall", "Hammer to Fall", "composer:Brian May", "Queen", 265_000)
song(
    "crazy_little_thing",
    "Crazy Little Thing Called Love",
    "composer:Freddie Mercury",
    "Queen",
    163_000,
)
song("we_are_the_champions", "We Are the Champions", "composer:Freddie Mercury", "Queen", 179_000)
song("tvc15", "TVC 15", "composer:David Bowie", "David Bowie", 333_000)
song("rebel_rebel", "Rebel Rebel", "composer:David Bowie", "David Bowie", 270_000)
song("modern_love", "Modern Love", "composer:David Bowie", "David Bowie", 288_000)
song(
    "heroes",
    "“Heroes”",
    "composer:David Bowie; composer:Brian Eno",
    "David Bowie",
    371_000,
    aliases=("Heroes",),
)
song(
    "heroes_mans",
    "Heroes",
    "composer:Anton Malmberg Hård af Segerstad; composer:Linnea Deb",
    "Måns Zelmerlöw",
    190_000,
)
song("love_reign_oer_me", "Love, Reign o’er Me", "composer:Pete Townshend", "The Who", 349_000)
song(
    "wont_get_fooled_again", "Won’t Get Fooled Again", "composer:Pete Townshend", "The Who", 511_000
)
song(
    "im_still_standing",
    "I’m Still Standing",
    "composer:Elton John; lyricist:Bernie Taupin",
    "Elton John",
    183_000,
)
song(
    "bennie_and_the_jets",
    "Bennie and the Jets",
    "composer:Elton John; lyricist:Bernie Taupin",
    "Elton John",
    322_000,
)
song(
    "rocket_man",
    "Rocket Man (I Think It’s Going to Be a Long, Long Time)",
    "composer:Elton John; lyricist:Bernie Taupin",
    "Elton John",
    281_000,
    aliases=("Rocket Man",),
)
song(
    "dont_go_breaking",
    "Don’t Go Breaking My Heart",
    "composer:Elton John; lyricist:Bernie Taupin",
    "Elton John & Kiki Dee",
    273_000,
)
song(
    "dont_let_the_sun",
    "Don’t Let the Sun Go Down on Me",
    "composer:Elton John; lyricist:Bernie Taupin",
    "Elton John",
    336_000,
    live=(("George Michael & Elton John", 348_000),),
)
song(
    "is_this_the_world",
    "Is This the World We Created...?",
    "composer:Freddie Mercury; composer:Brian May",
    "Queen",
    133_000,
    live=(("Freddie Mercury & Brian May", 150_000),),
)
song(
    "let_it_be",
    "Let It Be",
    "composer:John Lennon; composer:Paul McCartney",
    "The Beatles",
    243_000,
    live=(("Paul McCartney", 230_000),),
)
song(
    "do_they_know",
    "Do They Know It’s Christmas?",
    "composer:Bob Geldof; composer:Midge Ure",
    "Band Aid",
    223_000,
)

# ---------------------------------------------------------------- Vancouver 2010, Torino 2006

song(
    "hallelujah_cohen",
    "Hallelujah",
    "composer:Leonard Cohen",
    "Leonard Cohen",
    277_000,
    covers=(("Jeff Buckley", 413_000), ("k.d. lang", 295_000)),
)
work("messiah", "Messiah, HWV 56", "composer:George Frideric Handel", type="Oratorio")
work(
    "handel_hallelujah",
    "Messiah, HWV 56: Part II, No. 44. Chorus: “Hallelujah”",
    "composer:George Frideric Handel",
    parent="messiah",
    aliases=("Hallelujah Chorus", "Hallelujah"),
    recs=(("The Sixteen", 230_000),),
)
song(
    "hallelujah_milk",
    "Hallelujah",
    "composer:Kobi Oshrat; lyricist:Shimrit Orr",
    "Milk and Honey",
    180_000,
)
song(
    "bang_the_drum",
    "Bang the Drum",
    "composer:Bryan Adams; composer:Jim Vallance",
    "Bryan Adams & Nelly Furtado",
    230_000,
)
song(
    "ordinary_miracle",
    "Ordinary Miracle",
    "composer:Glen Ballard; composer:Dave Stewart",
    "Sarah McLachlan",
    218_000,
)
work(
    "o_canada",
    "O Canada",
    "composer:Calixa Lavallée; lyricist:Adolphe-Basile Routhier",
    type="Anthem",
    aliases=("Ô Canada", "National Anthem of Canada"),
    recs=(("Nikki Yanofsky", 95_000), ("Canadian Brass", 80_000)),
)
work(
    "olympic_hymn_g",
    "Ολυμπιακός Ύμνος",
    "composer:Σπυρίδων Σαμάρας",
    type="Anthem",
    aliases=("Olympic Hymn", "Olympic Anthem"),
    recs=(("Measha Brueggergosman", 190_000), ("London Philharmonic Orchestra", 185_000)),
)
work("turandot", "Turandot", "composer:Giacomo Puccini", type="Opera")
work(
    "nessun_dorma",
    "Turandot: Atto III. «Nessun dorma!»",
    "composer:Giacomo Puccini",
    parent="turandot",
    type="Aria",
    aliases=("Nessun dorma", "Turandot: Act III: None Shall Sleep"),
)
recording(
    "nessun_pav",
    "Turandot: Atto III. «Nessun dorma!»",
    "Luciano Pavarotti",
    178_000,
    "nessun_dorma",
)
recording(
    "nessun_pav_live", "Nessun dorma", "Luciano Pavarotti", 190_000, "nessun_dorma", live=True
)
recording(
    "nessun_3t",
    "Nessun dorma",
    "José Carreras, Plácido Domingo & Luciano Pavarotti",
    220_000,
    "nessun_dorma",
    live=True,
    comp=True,
)
song(
    "because_we_believe",
    "Because We Believe",
    "composer:Andrea Bocelli; composer:David Foster; composer:Amy Foster-Gillies",
    "Andrea Bocelli",
    272_000,
)

# ---------------------------------------------------------------- Proms, Remembrance

work("pomp_marches", "Pomp and Circumstance Marches, Op. 39", "composer:Edward Elgar")
work(
    "pomp1",
    "Pomp and Circumstance Marches, Op. 39: March No. 1 in D major",
    "composer:Edward Elgar",
    parent="pomp_marches",
    aliases=("Pomp and Circumstance March No. 1",),
    recs=(("BBC Symphony Orchestra", 380_000), ("London Symphony Orchestra", 360_000)),
)
work(
    "pomp4",
    "Pomp and Circumstance Marches, Op. 39: March No. 4 in G major",
    "composer:Edward Elgar",
    parent="pomp_marches",
    recs=(("London Symphony Orchestra", 330_000),),
)
work(
    "land_of_hope",
    "Land of Hope and Glory",
    "composer:Edward Elgar; lyricist:A. C. Benson",
    recs=(("Clara Butt", 200_000),),
)
work(
    "sea_songs",
    "Fantasia on British Sea Songs",
    "composer:Henry Wood",
    recs=(("BBC Symphony Orchestra", 1_000_000),),
)
work("alfred", "Alfred", "composer:Thomas Arne", type="Opera")
work(
    "rule_britannia",
    "Alfred: “Rule, Britannia!”",
    "composer:Thomas Arne; lyricist:James Thomson",
    parent="alfred",
    aliases=("Rule, Britannia!",),
    recs=(("BBC Symphony Orchestra", 290_000),),
)
work(
    "god_save",
    "God Save the King",
    "composer:Traditional",
    type="Anthem",
    aliases=("God Save the Queen",),
    recs=(("Band of the Coldstream Guards", 60_000),),
)
work(
    "enigma",
    "Variations on an Original Theme, Op. 36 “Enigma”",
    "composer:Edward Elgar",
    aliases=("Enigma Variations",),
    recs=(("London Symphony Orchestra", 1_800_000),),
)
work(
    "nimrod",
    "Variations on an Original Theme, Op. 36 “Enigma”: Variation IX. Adagio “Nimrod”",
    "composer:Edward Elgar",
    parent="enigma",
    aliases=("Nimrod",),
    recs=(("London Symphony Orchestra", 250_000), ("BBC Symphony Orchestra", 270_000)),
)
work(
    "nimrod_brass",
    "Nimrod",
    "composer:Edward Elgar; arranger:Eric Ball",
    arr_of="nimrod",
    recs=(("Black Dyke Band", 240_000),),
)
work(
    "dido", "Dido and Aeneas, Z. 626", "composer:Henry Purcell; librettist:Nahum Tate", type="Opera"
)
work(
    "didos_lament",
    "Dido and Aeneas, Z. 626: Act III. “When I Am Laid in Earth”",
    "composer:Henry Purcell; librettist:Nahum Tate",
    parent="dido",
    aliases=("Dido’s Lament", "Dido's Lament"),
    recs=(("Janet Baker", 250_000),),
)
work(
    "solemn_melody",
    "Solemn Melody",
    "composer:Walford Davies",
    recs=(("Band of the Grenadier Guards", 280_000),),
)
work(
    "heart_of_oak",
    "Heart of Oak",
    "composer:William Boyce; lyricist:David Garrick",
    recs=(("Band of HM Royal Marines", 150_000),),
)
work(
    "st_anne",
    "O God, Our Help in Ages Past",
    "composer:William Croft; lyricist:Isaac Watts",
    type="Hymn",
    aliases=("St Anne",),
    recs=(("Choir of Westminster Abbey", 210_000),),
)


# ---------------------------------------------------------------- WS/2 documents


def mbid(kind: str, slug: str) -> str:
    """The MBID of a work or recording slug."""
    return WORKS[slug].mbid if kind == "work" else RECORDINGS[slug].mbid


def _artist_xml(key: str, full: bool) -> str:
    a = ARTISTS[key]
    inner = f"<name>{escape(a.name)}</name><sort-name>{escape(a.sort)}</sort-name>"
    if a.disambiguation:
        inner += f"<disambiguation>{escape(a.disambiguation)}</disambiguation>"
    if full:
        if a.ipi:
            inner += "<ipi-list>" + "".join(f"<ipi>{i}</ipi>" for i in a.ipi) + "</ipi-list>"
        if a.begin or a.end:
            inner += "<life-span>"
            inner += f"<begin>{a.begin}</begin>" if a.begin else ""
            inner += f"<end>{a.end}</end><ended>true</ended>" if a.end else ""
            inner += "</life-span>"
        if a.aliases:
            inner += (
                f'<alias-list count="{len(a.aliases)}">'
                + "".join(f"<alias sort-name={quoteattr(n)}>{escape(n)}</alias>" for n in a.aliases)
                + "</alias-list>"
            )
    return f'<artist id="{a.mbid}" type="{a.kind}">{inner}</artist>'


def _work_xml(w: WorkDef) -> str:
    parts = [f"<title>{escape(w.title)}</title>"]
    if w.iswc:
        parts.append(f"<iswc>{w.iswc}</iswc><iswc-list><iswc>{w.iswc}</iswc></iswc-list>")
    if w.aliases:
        parts.append(
            f'<alias-list count="{len(w.aliases)}">'
            + "".join(
                f'<alias sort-name={quoteattr(n)} type="Work name">{escape(n)}</alias>'
                for n in w.aliases
            )
            + "</alias-list>"
        )
    if w.writers:
        parts.append(
            '<relation-list target-type="artist">'
            + "".join(
                f'<relation type="{role}"><target>{ARTISTS[key].mbid}</target>'
                f"<direction>backward</direction>{_artist_xml(key, True)}</relation>"
                for role, key in w.writers
            )
            + "</relation-list>"
        )
    if w.recordings:
        parts.append(
            '<relation-list target-type="recording">'
            + "".join(
                f'<relation type="performance"><target>{RECORDINGS[r].mbid}</target>'
                f"<direction>backward</direction>{_recording_xml(RECORDINGS[r], False)}</relation>"
                for r in w.recordings
            )
            + "</relation-list>"
        )
    rels = []
    if w.parent:
        p = WORKS[w.parent]
        rels.append(("parts", "backward", p))
    rels += [("parts", "forward", WORKS[c]) for c in w.children]
    if w.arrangement_of:
        rels.append(("arrangement", "backward", WORKS[w.arrangement_of]))
    rels += [("arrangement", "forward", WORKS[a]) for a in w.arrangements]
    if rels:
        parts.append(
            '<relation-list target-type="work">'
            + "".join(
                f'<relation type="{t}"><target>{o.mbid}</target><direction>{d}</direction>'
                f'<work id="{o.mbid}"><title>{escape(o.title)}</title></work></relation>'
                for t, d, o in rels
            )
            + "</relation-list>"
        )
    return f'<work id="{w.mbid}" type="{w.type}">{"".join(parts)}</work>'


def _recording_xml(r: RecordingDef, full: bool) -> str:
    parts = [f"<title>{escape(r.title)}</title><length>{r.length}</length>"]
    if r.live:
        parts.append("<disambiguation>live</disambiguation>")
    if full:
        parts.append(
            "<artist-credit>"
            + "".join(
                f"<name-credit{f' joinphrase={quoteattr(j)}' if j else ''}>"
                f"{f'<name>{escape(c)}</name>' if c else ''}{_artist_xml(k, False)}</name-credit>"
                for k, c, j in r.credit
            )
            + "</artist-credit>"
        )
        secondary = "Live" if r.live else ("Compilation" if r.compilation else "")
        rg = (
            '<release-group type="Album"><primary-type>Album</primary-type>'
            + (
                f"<secondary-type-list><secondary-type>{secondary}</secondary-type>"
                "</secondary-type-list>"
                if secondary
                else ""
            )
            + "</release-group>"
        )
        parts.append(
            f'<release-list count="1"><release id="{synthetic("release", r.slug)}">'
            f"<title>{escape(r.title)}</title><status>Official</status>{rg}"
            "</release></release-list>"
        )
        if r.isrc:
            parts.append(f'<isrc-list count="1"><isrc id="{r.isrc}"/></isrc-list>')
        if r.work:
            w = WORKS[r.work]
            parts.append(
                '<relation-list target-type="work"><relation type="performance">'
                f"<target>{w.mbid}</target><direction>forward</direction>"
                f'<work id="{w.mbid}"><title>{escape(w.title)}</title></work>'
                "</relation></relation-list>"
            )
    return f'<recording id="{r.mbid}">{"".join(parts)}</recording>'


def documents() -> list[str]:
    """Every entity as a WS/2 lookup document with all its includes."""
    out = [f'<metadata xmlns="{MMD}">{_artist_xml(k, True)}</metadata>' for k in ARTISTS]
    out += [f'<metadata xmlns="{MMD}">{_work_xml(w)}</metadata>' for w in WORKS.values()]
    out += [
        f'<metadata xmlns="{MMD}">{_recording_xml(r, True)}</metadata>' for r in RECORDINGS.values()
    ]
    return out
