"""An article's structure: title, infobox fields, lead, headed sections and their sentences.

Articles are plain text in wiki or Markdown flavour: headings ``== T ==`` or
``## T`` (the count of ``=``/``#`` is the level), an optional infobox of
``- Key: value`` (or ``| key = value``) lines before the first section, prose
paragraphs, and bullet lists (which :mod:`cuesheet.inputs.textlist` reads).
Bullets are not prose: they never become sentences here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cuesheet.draft.words import Token, tokens

_WIKI_HEADING_RE = re.compile(r"^(={1,6})\s*([^=\s].*?)\s*=*\s*$")
_MD_HEADING_RE = re.compile(r"^(#{1,6})\s+(.+?)(?:\s+#+)?\s*$")
_BULLET_RE = re.compile(r"^\s*(?:[-+*\u2022]|\d{1,3}[.)])\s+")
_FIELD_RE = re.compile(r"^\s*(?:[-*|]\s*)?([A-Za-z][A-Za-z ]{0,30}?)\s*[:=]\s*(\S.*?)\s*$")
_TEMPLATE_RE = re.compile(r"^\s*(?:\{\{\s*)?infobox\b.*$|^\s*\}\}\s*$", re.IGNORECASE)
_LINK_RE = re.compile(r"\[\[(?:[^\]|]*\|)?([^\]|]*)\]\]")
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    [
        "no",
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "jr",
        "sr",
        "vs",
        "mt",
        "ft",
        "gen",
        "col",
        "lt",
        "sgt",
        "prof",
        "rev",
        "approx",
        "ca",
        "inc",
        "ltd",
        "co",
    ]
)


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of prose."""

    text: str
    line: int
    """1-based line of the article where the sentence starts."""
    section: int
    """Index of its section in :attr:`Article.sections` (-1 for the lead)."""
    index: int
    """Position among its section's sentences, from 0."""
    paragraph: int
    """Index of its paragraph within the section, from 0."""

    @property
    def tokens(self) -> tuple[Token, ...]:
        """The words of the sentence (see :mod:`cuesheet.draft.words`)."""
        return tokens(self.text)


@dataclass(frozen=True, slots=True)
class Section:
    """A heading with the prose directly under it (not its subsections')."""

    title: str
    level: int
    line: int
    parents: tuple[str, ...]
    """Titles of the enclosing headings, outermost first."""
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True, slots=True)
class Article:
    """A whole article."""

    title: str
    """The level-1 heading, or the infobox title, or ''."""
    fields: dict[str, str]
    """Infobox fields by lower-case key, e.g. ``{"venue": "Fisht Olympic Stadium"}``."""
    lead: tuple[Sentence, ...]
    """Sentences before the first section."""
    sections: tuple[Section, ...]
    text: str


def heading(line: str) -> tuple[int, str] | None:
    """``(level, title)`` when ``line`` is a wiki or Markdown heading."""
    found = _WIKI_HEADING_RE.match(line) or _MD_HEADING_RE.match(line)
    if found is None:
        return None
    return len(found[1]), _LINK_RE.sub(lambda m: m[1], found[2]).strip()


def split_sentences(text: str) -> list[tuple[int, str]]:
    """``(offset, sentence)`` pairs of one paragraph; abbreviations such as "No." do not end one."""
    out: list[tuple[int, str]] = []
    start = 0
    for found in _SENTENCE_END_RE.finditer(text):
        before = text[start : found.start()].rstrip("\"'\u201d\u2019)")
        last = re.search(r"(\w+)\.$", before)
        if last and (last[1].lower() in _ABBREVIATIONS or len(last[1]) == 1):
            continue  # "No. 2", "Mr. Bach", "J. S. Bach"
        out.append((start, text[start : found.start()].strip()))
        start = found.end()
    if text[start:].strip():
        out.append((start, text[start:].strip()))
    return out


class _Reader:
    """Collects paragraphs line by line into sections."""

    def __init__(self) -> None:
        self.sections: list[tuple[int, str, int, tuple[str, ...]]] = []
        self.paragraphs: dict[int, list[tuple[list[tuple[int, int]], str]]] = {}
        """Per section: paragraphs as ((line, offset in the joined text) per line, joined text)."""
        self.current = -1
        self.open: list[tuple[int, str]] = []  # (line, text) of the paragraph being read

    def close(self) -> None:
        if self.open:
            starts: list[tuple[int, int]] = []
            offset = 0
            for line, part in self.open:
                starts.append((line, offset))
                offset += len(part) + 1
            text = " ".join(part for _, part in self.open)
            self.paragraphs.setdefault(self.current, []).append((starts, text))
        self.open = []

    def sentences(self, section: int) -> tuple[Sentence, ...]:
        out: list[Sentence] = []
        for number, (starts, text) in enumerate(self.paragraphs.get(section, [])):
            for offset, sentence in split_sentences(text):
                line = max(line for line, begin in starts if begin <= offset)
                out.append(Sentence(sentence, line, section, len(out), number))
        return tuple(out)


def parse_article(text: str) -> Article:
    """The structure of an article's text (never fails: anything unknown is prose)."""
    reader = _Reader()
    fields: dict[str, str] = {}
    stack: list[tuple[int, str]] = []
    title = ""
    for number, raw in enumerate(text.splitlines(), start=1):
        line = _LINK_RE.sub(lambda m: m[1], raw).strip()
        found = heading(line)
        if found is not None:
            reader.close()
            level, name = found
            if level == 1 and not title:
                title = name
                continue
            while stack and stack[-1][0] >= level:
                stack.pop()
            reader.sections.append((level, name, number, tuple(t for _, t in stack)))
            stack.append((level, name))
            reader.current = len(reader.sections) - 1
            continue
        if not line:
            reader.close()
            continue
        if reader.current == -1 and (line.lower() == "infobox" or _TEMPLATE_RE.match(line)):
            continue
        field = _FIELD_RE.match(line) if reader.current == -1 else None
        if field is not None and (_BULLET_RE.match(line) or line.startswith("|")):
            fields.setdefault(field[1].strip().lower(), field[2])
            continue
        if _BULLET_RE.match(line):
            reader.close()
            continue
        reader.open.append((number, line))
    reader.close()
    sections = tuple(
        Section(name, level, line, parents, reader.sentences(index))
        for index, (level, name, line, parents) in enumerate(reader.sections)
    )
    return Article(title or fields.get("title", ""), fields, reader.sentences(-1), sections, text)
