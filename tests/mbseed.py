"""The closing ceremony's Music, Anthems and Victory-ceremony lists as resolver queries.

Names, roles and titles as the seed's lists give them (facts, in our own structure):
names in the Music list are composers, names in the Anthems list performers.
"""

from __future__ import annotations

from metadata.resolve import Name, Query


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
