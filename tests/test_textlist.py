"""The text-list parser: every entry of the seed's lists, separators, names, headings, errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cuesheet.errors import InputError
from cuesheet.inputs.textlist import (
    SEPARATOR_RE,
    document_title,
    list_to_show,
    parse_line,
    parse_list,
)
from cuesheet.model import CueKind, Role, RoleSource

# /work/shared next to the checkout (two or three levels up from this file), when present
SHARED = next(
    (p / "shared" for p in Path(__file__).resolve().parents if (p / "shared" / "seeds").is_dir()),
    Path("/nonexistent"),
)
SEED = SHARED / "seeds" / "article-closing-ceremony.txt"

# (section, line as in the list, names, title, country); the list entries are facts.
EXPECTED: list[tuple[str, str, tuple[str, ...], str, str | None]] = [
    (
        "Music",
        "Modest Mussorgsky - 9th Movement from Pictures at an Exhibition - "
        "The Hunt on Hen's Legs (Baba Yaga)",
        ("Modest Mussorgsky",),
        "9th Movement from Pictures at an Exhibition - The Hunt on Hen's Legs (Baba Yaga)",
        None,
    ),
    (
        "Music",
        'Dimitri Tiomkin - Theme from "It\'s a Wonderful Life"',
        ("Dimitri Tiomkin",),
        'Theme from "It\'s a Wonderful Life"',
        None,
    ),
    (
        "Music",
        'Dimitri Tiomkin - Theme from "Giant"',
        ("Dimitri Tiomkin",),
        'Theme from "Giant"',
        None,
    ),
    (
        "Music",
        "Pyotr Ilyich Tchaikovsky - Festival Coronation March",
        ("Pyotr Ilyich Tchaikovsky",),
        "Festival Coronation March",
        None,
    ),
    (
        "Music",
        "Alfred Schnittke - Suite from 'The Census List'",
        ("Alfred Schnittke",),
        "Suite from 'The Census List'",
        None,
    ),
    (
        "Music",
        "Max Bobkov - Theme from Medal Ceremony",
        ("Max Bobkov",),
        "Theme from Medal Ceremony",
        None,
    ),
    (
        "Music",
        "Sergei Vasilievich Rachmaninoff - Piano Concerto No. 2",
        ("Sergei Vasilievich Rachmaninoff",),
        "Piano Concerto No. 2",
        None,
    ),
    (
        "Music",
        "Nikolai Rimsky-Korsakov - The Sea and Sinbad's Ship",
        ("Nikolai Rimsky-Korsakov",),
        "The Sea and Sinbad's Ship",
        None,
    ),
    (
        "Music",
        "Aram Khachaturian - Waltz from Masquerade",
        ("Aram Khachaturian",),
        "Waltz from Masquerade",
        None,
    ),
    (
        "Music",
        "Dmitri Shostakovich - The Second Waltz",
        ("Dmitri Shostakovich",),
        "The Second Waltz",
        None,
    ),
    (
        "Music",
        "Sergei Prokofiev - Waltz from Cinderella",
        ("Sergei Prokofiev",),
        "Waltz from Cinderella",
        None,
    ),
    ("Music", "Na Yoon-sun - Arirang", ("Na Yoon-sun",), "Arirang", None),
    (
        "Music",
        "Eduard Artemyev - Theme from At Home Among Strangers",
        ("Eduard Artemyev",),
        "Theme from At Home Among Strangers",
        None,
    ),
    (
        "Music",
        "Aleksandra Pakhmutova - Goodbye, Moscow!",
        ("Aleksandra Pakhmutova",),
        "Goodbye, Moscow!",
        None,
    ),
    (
        "Music",
        "Igor Krutoy and Igor Nikolayev - Goodbye, Sochi!",
        ("Igor Krutoy", "Igor Nikolayev"),
        "Goodbye, Sochi!",
        None,
    ),
    (
        "Music",
        "Pyotr Ilyich Tchaikovsky - Piano Concerto No. 1",
        ("Pyotr Ilyich Tchaikovsky",),
        "Piano Concerto No. 1",
        None,
    ),
    (
        "Anthems",
        "Big Children's Choir/Pan-Russian Children Choir \u2013 "
        "State Anthem of the Russian Federation",
        ("Big Children's Choir", "Pan-Russian Children Choir"),
        "State Anthem of the Russian Federation",
        None,
    ),
    (
        "Anthems",
        "London Philharmonic Orchestra \u2013 National Anthem of Greece",
        ("London Philharmonic Orchestra",),
        "National Anthem of Greece",
        None,
    ),
    (
        "Anthems",
        "London Philharmonic Orchestra \u2013 Olympic Anthem",
        ("London Philharmonic Orchestra",),
        "Olympic Anthem",
        None,
    ),
    (
        "Anthems",
        "Two unnamed South Korean children \u2013 National Anthem of South Korea",
        ("Two unnamed South Korean children",),
        "National Anthem of South Korea",
        None,
    ),
    (
        "Victory ceremonies",
        "NOR National Anthem of Norway",
        (),
        "National Anthem of Norway",
        "NOR",
    ),
]

ROLES = {"Music": Role.COMPOSER, "Anthems": Role.PERFORMER, "Victory ceremonies": Role.PERFORMER}
KINDS = {"Music": CueKind.MUSIC, "Anthems": CueKind.ANTHEM, "Victory ceremonies": CueKind.ANTHEM}


def _seed_like() -> str:
    """A document shaped like the seed: title, infobox, prose with sub-headings, then the lists."""
    music = "\n".join(f"- {line}" for section, line, *_ in EXPECTED if section == "Music")
    anthems = "\n".join(f"- {line}" for section, line, *_ in EXPECTED if section == "Anthems")
    return (
        "= A closing ceremony =\n\nInfobox\n- Title: A closing ceremony\n"
        "- Time: 20:14 \u2013 22:25\n\n"
        "Some prose - with a dash - that is not a list.\n\n==Proceedings==\n===Opening===\n"
        "- Opening act - not read, it is not under a chosen heading\n\n"
        f"== Music ==\n{music}\n\n==Anthems==\n{anthems}\n\n"
        "===Victory ceremonies===\n- NOR National Anthem of Norway"
    )


def _check(text: str) -> None:
    sections = parse_list(text)
    assert [s.title for s in sections] == ["Music", "Anthems", "Victory ceremonies"]
    got = [
        (section.title, item.text, item.names, item.title, item.country)
        for section in sections
        for item in section.items
    ]
    assert got == EXPECTED
    for section in sections:
        assert section.role is ROLES[section.title]
        assert section.kind is KINDS[section.title]
    assert sections[2].parents[-1] == "Anthems"
    assert sections[2].level == 3


@pytest.mark.parametrize(("section", "line", "names", "title", "country"), EXPECTED)
def test_parse_line_every_seed_entry(
    section: str, line: str, names: tuple[str, ...], title: str, country: str | None
) -> None:
    assert parse_line(f"- {line}") == (names, title, country)
    assert parse_line(line) == (names, title, country)


def test_seed_shaped_document() -> None:
    _check(_seed_like())


@pytest.mark.skipif(not SEED.exists(), reason="/work/shared seeds absent")
def test_the_seed_itself() -> None:
    text = SEED.read_text(encoding="utf-8")
    _check(text)
    sections = parse_list(text)
    # line numbers point at the seed's lines
    lines = text.splitlines()
    for section in sections:
        assert lines[section.line - 1].strip("= ") == section.title
        for item in section.items:
            assert item.text in lines[item.line - 1]


@pytest.mark.parametrize("dash", ["-", "\u2013", "\u2014"])
def test_separators(dash: str) -> None:
    assert parse_line(f"- A B {dash} C - D") == (("A B",), "C - D", None)


def test_separator_needs_spaces() -> None:
    assert parse_line("- Rimsky-Korsakov \u2014 Scheherazade") == (
        ("Rimsky-Korsakov",),
        "Scheherazade",
        None,
    )
    with pytest.raises(InputError, match="expected '- <names> - <title>'"):
        parse_line("- Rimsky-Korsakov-Scheherazade")


def test_names_joined() -> None:
    assert parse_line("- Anna/Berta and Carl / Dora - T")[0] == ("Anna", "Berta", "Carl", "Dora")
    assert parse_line("- Anna & Berta + Carl feat. Dora ft. Eve featuring Fay - T")[0] == (
        "Anna",
        "Berta",
        "Carl",
        "Dora",
        "Eve",
        "Fay",
    )
    # "and" inside a word or a title is not a join
    assert parse_line("- Alexandra Andersen - Rock and Roll") == (
        ("Alexandra Andersen",),
        "Rock and Roll",
        None,
    )


def test_empty_name_is_an_error() -> None:
    with pytest.raises(InputError, match="empty name"):
        parse_line("- A/ - T")


def test_country_lines() -> None:
    assert parse_line("- KOR National Anthem of South Korea") == (
        (),
        "National Anthem of South Korea",
        "KOR",
    )
    with pytest.raises(InputError):
        parse_line("- Nor National Anthem of Norway")  # not an upper-case code


def test_wiki_links_are_unwrapped() -> None:
    assert parse_line("* [[Dmitri Shostakovich|Shostakovich]] \u2013 [[Waltz No. 2]]") == (
        ("Shostakovich",),
        "Waltz No. 2",
        None,
    )


@pytest.mark.parametrize(
    "heading",
    ["= Music =", "==Music==", "=== Music ===", "====music====", "# Music", "### MUSIC ###"],
)
def test_headings_at_any_level(heading: str) -> None:
    sections = parse_list(f"Intro\n{heading}\n- A - B\n")
    assert [(s.title.lower(), s.line, [i.title for i in s.items]) for s in sections] == [
        ("music", 2, ["B"])
    ]


def test_subsections_inherit_and_siblings_end_the_section() -> None:
    text = (
        "== Anthems ==\n- P - Anthem 1\n=== Victory ===\n- Q - Anthem 2\n"
        "== Trivia ==\n- X - not read\n# Music\n* C - Work\n"
    )
    sections = parse_list(text)
    assert [(s.title, s.role, [i.title for i in s.items]) for s in sections] == [
        ("Anthems", Role.PERFORMER, ["Anthem 1"]),
        ("Victory", Role.PERFORMER, ["Anthem 2"]),
        ("Music", Role.COMPOSER, ["Work"]),
    ]


def test_section_selection_is_case_insensitive() -> None:
    text = "== Music ==\n- A - B\n== Encore works ==\n- C - D\n== National anthems ==\n- E - F\n"
    picked = parse_list(text, sections=["ENCORE WORKS", "national  anthems"])
    assert [(s.title, s.kind, s.role) for s in picked] == [
        ("Encore works", CueKind.MUSIC, Role.COMPOSER),
        ("National anthems", CueKind.ANTHEM, Role.PERFORMER),
    ]


def test_prose_inside_a_list_is_ignored() -> None:
    text = "== Music ==\nThe following was played:\n\n- A - B\nA remark.\n- C - D\n"
    assert [i.line for i in parse_list(text)[0].items] == [4, 6]


def test_a_file_that_is_only_a_list() -> None:
    (section,) = parse_list("- A - B\n- C \u2013 D\n")
    assert (section.title, section.level, len(section.items)) == ("Music", 0, 2)


def test_bad_bullet_reports_file_and_line() -> None:
    text = "== Music ==\n- A - B\n- just a title\n"
    with pytest.raises(InputError) as caught:
        parse_list(text, path="list.txt")
    assert caught.value.path == "list.txt"
    assert caught.value.line == 3
    assert str(caught.value) == (
        "list.txt:3: list 'Music': expected '- <names> - <title>' (a hyphen or dash "
        "with spaces around it) or '- <country code> <title>', got 'just a title'"
    )


def test_no_heading_found() -> None:
    with pytest.raises(InputError) as caught:
        parse_list("= Title =\n== Other ==\n- A - B\n", path="l.txt")
    message = str(caught.value)
    assert message.startswith("l.txt: no heading named Music, Anthems")
    assert "headings found: Title, Other" in message


def test_heading_without_bullets() -> None:
    with pytest.raises(InputError) as caught:
        parse_list("intro\n\n== Music ==\nonly prose here\n", path="l.txt")
    assert str(caught.value) == (
        "l.txt:3: no '- <names> - <title>' lines under the heading(s) Music"
    )


def test_empty_file() -> None:
    with pytest.raises(InputError, match="no list found"):
        parse_list("", path="empty.txt")


def test_list_to_show_numbers_across_the_show() -> None:
    show = list_to_show(
        parse_list(_seed_like()), title="Closing", timezone="Europe/Moscow", start_ms=5
    )
    assert (show.title, show.timezone, show.start_ms) == ("Closing", "Europe/Moscow", 5)
    assert [s.title for s in show.segments] == ["Music", "Anthems", "Victory ceremonies"]
    cues = [cue for _, cue in show.cues()]
    assert [c.number for c in cues] == [str(n) for n in range(1, 22)]
    by_title = {c.title: c for c in cues}
    sochi = by_title["Goodbye, Sochi!"]
    assert sochi.kind is CueKind.MUSIC
    assert sochi.names(Role.COMPOSER) == ("Igor Krutoy", "Igor Nikolayev")
    assert sochi.source_text == "Igor Krutoy and Igor Nikolayev - Goodbye, Sochi!"
    greece = by_title["National Anthem of Greece"]
    assert greece.kind is CueKind.ANTHEM
    assert greece.names(Role.PERFORMER) == ("London Philharmonic Orchestra",)
    assert greece.names(Role.COMPOSER) == ()
    norway = by_title["National Anthem of Norway"]
    assert (norway.kind, norway.credits, norway.number) == (CueKind.ANTHEM, (), "21")


def test_list_to_show_rejects_unknown_timezone() -> None:
    with pytest.raises(InputError, match="unknown IANA timezone"):
        list_to_show(parse_list("- A - B"), timezone="Mars/Olympus")


def test_document_title() -> None:
    assert document_title(_seed_like()) == "A closing ceremony"
    assert document_title("== Music ==\n") is None


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJ'\".,!()-", min_size=1, max_size=8)
_NAME = (
    st.lists(_WORD.filter(lambda w: '"' not in w), min_size=2, max_size=3)
    .map(" ".join)
    .filter(
        lambda s: (
            "/" not in s
            and not SEPARATOR_RE.search(f" {s} ")
            and not re.search(r"(?i)(^| )(and|the|feat\.?|ft\.|featuring)( |$)", s)
            and "," not in s
        )
    )
)
_TITLE = st.lists(_WORD | st.sampled_from(["-", "\u2013", "and", "/"]), min_size=1, max_size=6).map(
    " ".join
)


@settings(max_examples=300, deadline=None)
@given(
    names=st.lists(_NAME, min_size=1, max_size=3),
    joins=st.lists(st.sampled_from(["/", " / ", " and "]), min_size=2, max_size=2),
    dash=st.sampled_from(["-", "\u2013", "\u2014"]),
    title=_TITLE,
)
def test_parse_line_property(names: list[str], joins: list[str], dash: str, title: str) -> None:
    joined = names[0]
    for join, name in zip(joins, names[1:], strict=False):
        joined += join + name
    assert parse_line(f"- {joined} {dash} {title}") == (tuple(names), title.strip(), None)


# -- one act or several (issue 11, item 3)


@pytest.mark.parametrize(
    "names",
    [
        "AC/DC",
        "Florence and the Machine",
        "Mumford and Sons",
        "Mumford & Sons",
        "Earth, Wind & Fire",
        "Crosby, Stills, Nash & Young",
        "Katrina and The Waves",
    ],
)
def test_one_act_stays_whole(names: str) -> None:
    assert parse_line(f"- {names} - A Song") == ((names,), "A Song", None)


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        ("Igor Krutoy and Igor Nikolayev", ("Igor Krutoy", "Igor Nikolayev")),
        (
            "Big Children's Choir/Pan-Russian Children Choir",
            ("Big Children's Choir", "Pan-Russian Children Choir"),
        ),
        ("Krutoy & Nikolaev", ("Krutoy", "Nikolaev")),
        ("Krutoy + Nikolaev", ("Krutoy", "Nikolaev")),
        ("Calvin Harris feat. Rihanna", ("Calvin Harris", "Rihanna")),
        ("Anna / Bo", ("Anna", "Bo")),  # spaced: always two
    ],
)
def test_several_names_split(names: str, expected: tuple[str, ...]) -> None:
    assert parse_line(f"- {names} - A Song")[0] == expected


def test_quotes_keep_a_name_whole() -> None:
    assert parse_line('- "AC/DC" - Highway to Hell') == (("AC/DC",), "Highway to Hell", None)
    assert parse_line('- "Simon & Garfunkel" and Paul Anka - T')[0] == (
        "Simon & Garfunkel",
        "Paul Anka",
    )
    assert parse_line("- \u201cBig Bob and Small Bob\u201d - T")[0] == ("Big Bob and Small Bob",)
    # quotes around a part of a name stay where they are
    assert parse_line('- Dwayne "The Rock" Johnson - T')[0] == ('Dwayne "The Rock" Johnson',)


def test_empty_quoted_name_is_an_error() -> None:
    with pytest.raises(InputError, match="empty name"):
        parse_line('- "" and Anna - T')


# -- conventions by heading (issue 11, item 2)


@pytest.mark.parametrize(
    ("heading", "kind", "role"),
    [
        ("Music", CueKind.MUSIC, Role.COMPOSER),
        ("Score", CueKind.MUSIC, Role.COMPOSER),
        ("Compositions", CueKind.MUSIC, Role.COMPOSER),
        ("Anthems", CueKind.ANTHEM, Role.PERFORMER),
        ("Songs", CueKind.MUSIC, Role.PERFORMER),
        ("Setlist", CueKind.MUSIC, Role.PERFORMER),
        ("Set list", CueKind.MUSIC, Role.PERFORMER),
        ("Performances", CueKind.MUSIC, Role.PERFORMER),
        ("Performed by", CueKind.MUSIC, Role.PERFORMER),
        ("Film music", CueKind.MUSIC, Role.COMPOSER),
    ],
)
def test_role_follows_the_heading(heading: str, kind: CueKind, role: Role) -> None:
    (section,) = parse_list(f"== {heading} ==\n- Madness - Our House\n", sections=[heading])
    assert (section.kind, section.role, section.role_source) == (kind, role, RoleSource.CONVENTION)
    show = list_to_show([section])
    (credit,) = show.segments[0].cues[0].credits
    assert (credit.role, credit.guessed) == (role, True)


def test_setlist_and_songs_are_read_by_default() -> None:
    text = "== Setlist ==\n- Madness - Our House\n== Songs ==\n- The Who - Baba O'Riley\n"
    assert [(s.title, s.role) for s in parse_list(text)] == [
        ("Setlist", Role.PERFORMER),
        ("Songs", Role.PERFORMER),
    ]


def test_a_stated_role_overrides_the_heading() -> None:
    text = "== Music ==\n- Madness - Our House\n=== Encore ===\n- The Who - Baba O'Riley\n"
    sections = parse_list(text, roles={"MUSIC": Role.PERFORMER})
    assert [(s.title, s.role, s.role_source) for s in sections] == [
        ("Music", Role.PERFORMER, RoleSource.STATED),
        ("Encore", Role.PERFORMER, RoleSource.STATED),  # subsections too
    ]
    (credit,) = list_to_show(sections).segments[0].cues[0].credits
    assert not credit.guessed


def test_a_stated_role_reads_its_heading_and_names_a_real_one() -> None:
    text = "== Music ==\n- A B - C\n== Encore ==\n- Madness - Our House\n"
    sections = parse_list(text, roles={"Encore": Role.PERFORMER})
    assert [(s.title, s.role) for s in sections] == [
        ("Music", Role.COMPOSER),
        ("Encore", Role.PERFORMER),
    ]
    with pytest.raises(InputError, match="--role names a heading the file does not have: Encroe"):
        parse_list(text, path="l.txt", roles={"Encroe": Role.PERFORMER})


def test_a_stated_role_for_a_file_without_headings() -> None:
    (section,) = parse_list("- Madness - Our House\n", roles={"setlist": Role.PERFORMER})
    assert (section.role, section.role_source) == (Role.PERFORMER, RoleSource.STATED)
