"""The closing ceremony's Music, Anthems and Victory-ceremony lists as resolver queries.

Names, roles and titles as the seed's lists give them (facts, in our own structure):
names in the Music list are composers, names in the Anthems list performers.
"""

from __future__ import annotations

from metadata.resolve import Name, Query, Status


def _music(names: tuple[str, ...], title: str) -> Query:
    return Query(title, tuple(Name(n, "composer") for n in names), "music")


def _anthem(names: tuple[str, ...], title: str) -> Query:
    return Query(title, tuple(Name(n, "performer") for n in names), "anthem")


MUSIC = (
    _music(
        ("Modest Mussorgsky",),
        "9th Movement from Pictures at an Exhibition - The Hunt on Hen's Legs (Baba Yaga)",
    ),
    _music(("Dimitri Tiomkin",), 'Theme from "It\'s a Wonderful Life"'),
    _music(("Dimitri Tiomkin",), 'Theme from "Giant"'),
    _music(("Pyotr Ilyich Tchaikovsky",), "Festival Coronation March"),
    _music(("Alfred Schnittke",), "Suite from 'The Census List'"),
    _music(("Max Bobkov",), "Theme from Medal Ceremony"),
    _music(("Sergei Vasilievich Rachmaninoff",), "Piano Concerto No. 2"),
    _music(("Nikolai Rimsky-Korsakov",), "The Sea and Sinbad's Ship"),
    _music(("Aram Khachaturian",), "Waltz from Masquerade"),
    _music(("Dmitri Shostakovich",), "The Second Waltz"),
    _music(("Sergei Prokofiev",), "Waltz from Cinderella"),
    _music(("Na Yoon-sun",), "Arirang"),
    _music(("Eduard Artemyev",), "Theme from At Home Among Strangers"),
    _music(("Aleksandra Pakhmutova",), "Goodbye, Moscow!"),
    _music(("Igor Krutoy", "Igor Nikolayev"), "Goodbye, Sochi!"),
    _music(("Pyotr Ilyich Tchaikovsky",), "Piano Concerto No. 1"),
)
ANTHEMS = (
    _anthem(
        ("Big Children's Choir", "Pan-Russian Children Choir"),
        "State Anthem of the Russian Federation",
    ),
    _anthem(("London Philharmonic Orchestra",), "National Anthem of Greece"),
    _anthem(("London Philharmonic Orchestra",), "Olympic Anthem"),
    _anthem(("Two unnamed South Korean children",), "National Anthem of South Korea"),
)
VICTORY = (Query("NOR National Anthem of Norway", (), "anthem"),)
SEED = MUSIC + ANTHEMS + VICTORY

_R, _A = Status.RESOLVED, Status.AMBIGUOUS

# What the fixture catalogue (tests/fixtures/mb) should give for every seed entry, in order:
# (status, work slug, recording slug, duration source, duration in ms); slugs as in ids.json.
EXPECTED: list[tuple[Status, str | None, str | None, str | None, int | None]] = [
    (_R, "babayaga", None, "estimate", 211_000),  # movement, "Hunt"/"Hut", "IX."
    (_R, "wonderful_main", None, "estimate", 132_000),  # "Theme from" = main title
    (_R, "giant_main", None, "estimate", 175_000),
    (_R, "coronation", None, "estimate", 370_000),  # Cyrillic title, English alias
    (_R, "census_suite", None, "estimate", 2_140_000),  # the suite, not the theatre music
    (Status.UNRESOLVED, None, None, None, None),  # not in MusicBrainz; a decoy is not taken
    (_R, "rach2", None, "estimate", 2_032_000),  # "No. 2" vs "no. 2 ... op. 18", the whole work
    (_R, "sheh1", None, "estimate", 592_000),  # the composer is written with U+2010
    (_R, "masq_waltz", None, "estimate", 242_000),
    (_A, None, None, None, None),  # two Shostakovich works are "the Second Waltz"
    (_R, "cind_waltz", None, "estimate", 165_000),
    (_R, None, "arirang_ysn", "musicbrainz", 275_000),  # a performer listed as composer
    (_R, "athome", None, "estimate", 178_000),
    (_R, "goodbyemoscow", None, "estimate", 242_000),
    (Status.UNRESOLVED, None, None, None, None),  # "Goodbye, Sochi!" is not "Goodbye, Moscow"
    (_R, "tchai1", None, "estimate", 2_110_000),
    (_R, "ru_anthem", "ru_bdh", "musicbrainz", 202_000),  # performer through an alias
    (_R, "gr_anthem", "gr_lpo", "musicbrainz", 62_000),  # Hymn to Liberty, by country
    (_R, "olympic_hymn", "oh_lpo", "musicbrainz", 185_000),
    (_R, "kr_anthem", None, "estimate", 72_000),  # not North Korea's namesake; "unnamed" ignored
    (_R, "no_anthem", None, "estimate", 100_000),  # "NOR ..."
]
