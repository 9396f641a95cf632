"""Where prose mentions a list entry: by title, composer or performer, or an anthem by country.

Each list entry gives *keys*: title phrases (the title, its parts between
" - ", quotes and brackets, and what follows "Theme from", "Waltz from",
"9th Movement from" ...), name phrases (a person's surname as written last,
a group's whole name) and, for an anthem, its country.  A sentence mentions
the entry when a key's words stand together in it (see :mod:`cuesheet.draft.words`).
A one-word title counts only when written with a capital ("Arirang", not "giant").

Weights, which are also the confidence (out of 100) the notes show:

=====================================  ====
title and a name in one sentence        100
title                                    90
an anthem: "anthem"/"hymn" + country     90
title words in the heading               60
a name only (composer or performer)      50
an anthem's country only                 30
=====================================  ====
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from cuesheet.draft.countries import Country, country_named, names_country
from cuesheet.draft.words import STOPWORDS, Token, find_phrase, tokens, words
from cuesheet.inputs.textlist import ListItem, ListSection
from cuesheet.model import CueKind, Role

_GENERIC = frozenset(
    [
        "theme",
        "suite",
        "waltz",
        "march",
        "overture",
        "aria",
        "excerpt",
        "music",
        "song",
        "prelude",
        "finale",
        "dance",
        "movement",
        "anthem",
        "national",
        "state",
        "official",
        "part",
        "no",
        "number",
        "op",
        "opus",
        "from",
        "of",
        "the",
        "a",
        "an",
    ]
)
_PREFIX_RE = re.compile(
    r"^(?:the\s+)?(?:\d+(?:st|nd|rd|th)\s+|first\s+|second\s+|third\s+)?"
    r"(?:movement|theme|suite|waltz|march|overture|aria|excerpts?|music|song|prelude|finale|dance)"
    r"\s+(?:from|of)\s+",
    re.IGNORECASE,
)
_GROUP_WORDS = frozenset(
    [
        "choir",
        "chorus",
        "orchestra",
        "philharmonic",
        "symphony",
        "band",
        "ensemble",
        "quartet",
        "singer",
        "children",
        "group",
        "corps",
        "company",
    ]
)
_QUOTED_RE = re.compile(
    r"[\"\u201c]([^\"\u201d]{3,})[\"\u201d]|(?<!\w)['\u2018]([^'\u2019]{3,})['\u2019](?!\w)"
    r"|\(([^)]{3,})\)"
)
_DETERMINERS = ("the", "its", "their", "a", "an", "his", "her", "host", "whose", "nation")
STRONG = 85
"""Weights from here up place an entry by themselves (and may place it twice)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One list line with the keys that find it in prose."""

    number: int
    """Position in the whole article's lists, from 0."""
    section: int
    """Index of its list (heading) among the lists."""
    item: ListItem
    kind: CueKind
    role: Role
    titles: tuple[tuple[str, ...], ...]
    names: tuple[tuple[str, ...], ...]
    country: Country | None


@dataclass(frozen=True, slots=True)
class Mention:
    """One entry found in one sentence (or heading)."""

    entry: int
    """:attr:`Entry.number`."""
    weight: int
    """0-100, see the module table."""
    how: str
    """What matched, e.g. "title and composer"."""
    offset: int
    """Character offset of the match in the sentence (-1 for a heading)."""


def title_phrases(title: str) -> tuple[tuple[str, ...], ...]:
    """The phrases a title may be written as, longest first."""
    parts = [title, *re.split(r"\s+[-\u2013\u2014]\s+", title)]
    for found in _QUOTED_RE.finditer(title):
        parts.append(found[1] or found[2] or found[3])
    parts += [_PREFIX_RE.sub("", part) for part in parts]
    phrases: set[tuple[str, ...]] = set()
    for part in parts:
        phrase = words(re.sub(r"\([^)]*\)", "", part))
        while phrase and phrase[0] in ("the", "a", "an"):
            phrase = phrase[1:]
        if not phrase or all(word in _GENERIC or word in STOPWORDS for word in phrase):
            continue
        if len(phrase) == 1 and len(phrase[0]) < 4:
            continue
        phrases.add(phrase)
    return tuple(sorted(phrases, key=len, reverse=True))


def name_phrases(names: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    """A group's whole name; a person's whole name and the last word as written (the surname)."""
    phrases: set[tuple[str, ...]] = set()
    for name in names:
        whole = words(name)
        if not whole:
            continue
        phrases.add(whole)
        if not _GROUP_WORDS.intersection(whole):
            surname = words(name.split()[-1])
            if sum(len(word) for word in surname) >= 4:
                phrases.add(surname)
    return tuple(sorted(phrases, key=len, reverse=True))


def make_entries(sections: Sequence[ListSection]) -> tuple[Entry, ...]:
    """The entries of every list, in list order."""
    out: list[Entry] = []
    for index, section in enumerate(sections):
        for item in section.items:
            country = None
            if section.kind is CueKind.ANTHEM:
                country = country_named(tokens(item.title))
            out.append(
                Entry(
                    len(out),
                    index,
                    item,
                    section.kind,
                    section.role,
                    title_phrases(item.title),
                    name_phrases(item.names),
                    country,
                )
            )
    return tuple(out)


def _find(phrases: Sequence[tuple[str, ...]], where: Sequence[Token]) -> Token | None:
    for phrase in phrases:
        found = find_phrase(phrase, where, capitalised=len(phrase) == 1)
        if found is not None:
            return found
    return None


def _own_anthem(country: Country | None, where: Sequence[Token]) -> Token | None:
    """An "anthem" that can be the country's: not "the Olympic anthem" beside its name.

    The word before it (past "national"/"state") must be a determiner or part
    of the country's name, so "its anthem" and "the Russian national anthem"
    count and "the Olympic anthem ... South Korea" does not.
    """
    allowed = set(_DETERMINERS)
    if country is not None:
        allowed.update(word for phrase in country.phrases for word in phrase)
    for index, token in enumerate(where):
        if token.word != "anthem":
            continue
        before = index - 1
        while before >= 0 and where[before].word in ("national", "state"):
            before -= 1
        if before < 0 or where[before].word in allowed:
            return token
    return None


def find_in_sentence(entry: Entry, text: str) -> Mention | None:
    """How ``text`` mentions ``entry``, the strongest way; ``None`` when it does not."""
    where = tokens(text)
    title = _find(entry.titles, where)
    name = _find(entry.names, where)
    who = entry.role.value
    country = names_country(entry.country, where) if entry.country else None
    anthem = _own_anthem(entry.country, where) if country is not None else None
    if title is not None and name is not None:
        return Mention(entry.number, 100, f"title and {who}", title.start)
    if title is not None:
        return Mention(entry.number, 90, "title", title.start)
    if country is not None and anthem is not None:
        return Mention(
            entry.number, 90, "'anthem' with the country", min(country.start, anthem.start)
        )
    if name is not None:
        return Mention(entry.number, 50, who, name.start)
    if country is not None:
        return Mention(entry.number, 30, "the country only", country.start)
    return None


def find_in_heading(entry: Entry, heading: str) -> Mention | None:
    """A mention by the heading's words: the title, or an anthem's country with "anthem"."""
    where = tokens(heading)
    if _find(entry.titles, where) is not None:
        return Mention(entry.number, 60, "title words in the heading", -1)
    if (
        entry.country
        and names_country(entry.country, where)
        and "anthem" in {t.word for t in where}
    ):
        return Mention(entry.number, 60, "the heading names the anthem", -1)
    return None
