"""The parts of the ceremony: the headed sections whose prose describes the proceedings.

The segments come from the subsections of the first section named like
"Proceedings", "Program(me)", "Ceremony" or "Running order" that has
subsections: every one of them with prose of its own, at any depth, in
document order.  An article without such a section gives every section with
prose except the usual side matter (background, reception, references ...).
"""

from __future__ import annotations

from dataclasses import dataclass

from cuesheet.draft.article import Article, Section, Sentence
from cuesheet.draft.words import words

_PARENT_WORDS = frozenset({"proceeding", "program", "programme", "ceremony", "running", "order"})
_SIDE_WORDS = frozenset(
    [
        "background",
        "preparation",
        "preparations",
        "reception",
        "broadcast",
        "broadcasting",
        "references",
        "notes",
        "see",
        "also",
        "external",
        "links",
        "music",
        "anthems",
        "anthem",
        "list",
        "lists",
        "controversy",
        "criticism",
        "legacy",
        "attendance",
        "dignitaries",
        "officials",
    ]
)


@dataclass(frozen=True, slots=True)
class Part:
    """One part of the ceremony: a heading and its sentences."""

    title: str
    line: int
    """1-based line of the heading in the article."""
    sentences: tuple[Sentence, ...]


def _descendants(sections: tuple[Section, ...], index: int) -> list[Section]:
    level = sections[index].level
    out: list[Section] = []
    for section in sections[index + 1 :]:
        if section.level <= level:
            break
        out.append(section)
    return out


def find_parts(article: Article) -> tuple[Part, ...]:
    """The parts, in order (empty when the article has no prose under any heading)."""
    sections = article.sections
    for index, section in enumerate(sections):
        if not _PARENT_WORDS.intersection(words(section.title)):
            continue
        inner = [s for s in _descendants(sections, index) if s.sentences]
        if inner:
            return tuple(Part(s.title, s.line, s.sentences) for s in inner)
    return tuple(
        Part(s.title, s.line, s.sentences)
        for s in sections
        if s.sentences and not set(words(s.title)) <= _SIDE_WORDS
    )
