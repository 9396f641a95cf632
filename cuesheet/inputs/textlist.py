"""Text lists: the ``- <names> - <title>`` music lists found in articles and notes.

A list file is plain text (wiki or Markdown flavoured)::

    == Music ==
    - Dimitri Tiomkin - Theme from "Giant"
    - Igor Krutoy and Igor Nikolayev - Goodbye, Sochi!

    ==Anthems==
    - Big Children's Choir/Pan-Russian Children Choir - State Anthem of the Russian Federation
    ===Victory ceremonies===
    - NOR National Anthem of Norway

* Headings are wiki style (``= T =`` to ``====== T ======``, spaces optional) or
  Markdown (``# T`` to ``###### T``); the number of ``=``/``#`` is the level.
* A bullet (``-``, ``*``, ``+``, ``•`` or ``1.``) holds names, a separator and a
  title.  The separator is a hyphen, en dash or em dash with white space on
  both sides; the line is split at the *first* one, so titles may contain
  ``" - "`` themselves.  Several names are joined by ``/`` or `` and ``.
* A bullet without a separator is a country line: a three-letter IOC/ISO code
  and a title (``- NOR National Anthem of Norway``); it has no names.
* Only the lists under the chosen headings (default ``Music`` and ``Anthems``,
  any level, case-insensitive) are read, with their subsections; prose,
  infobox lines and lists elsewhere are ignored.  A file without any heading
  is one list.
* Names in a list under a heading that mentions "anthem" are performers and
  its cues are anthems; otherwise names are composers and cues are music.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from cuesheet.errors import InputError
from cuesheet.model import Credit, Cue, CueKind, Role, Segment, Show
from cuesheet.timing.clock import zone

DEFAULT_SECTIONS: tuple[str, ...] = ("Music", "Anthems")
"""Headings read when no sections are chosen."""

SEPARATOR_RE = re.compile(r"\s+(?:--|[-\u2012\u2013\u2014\u2015\u2212])\s+")
"""Names/title separator with white space around it: a hyphen, ``--``, a figure, en or em
dash, a horizontal bar or a minus sign."""

MAX_BAD_LINES = 20
"""How many bad lines of one list are reported in one run."""

_WIKI_HEADING_RE = re.compile(r"^(={1,6})\s*([^=\s].*?)\s*=*\s*$")
_MD_HEADING_RE = re.compile(r"^(#{1,6})\s+(.+?)(?:\s+#+)?\s*$")
_BULLET_RE = re.compile(r"^\s*(?:[-+\u2022]|\*+|\d{1,3}[.)])\s+(.*?)\s*$")
_BULLET_MARK_RE = re.compile(r"^\s*(?:[-+\u2022]|\*+|\d{1,3}[.)])\s+")
_COUNTRY_RE = re.compile(r"^([A-Z]{3})\s+(\S.*)$")
_NAME_JOIN_RE = re.compile(r"\s*/\s*|\s+and\s+")
_WIKI_LINK_RE = re.compile(r"\[\[(?:[^\]|]*\|)?([^\]|]*)\]\]")

_EXPECTED = (
    "expected '- <names> - <title>' (a hyphen or dash with spaces around it) "
    "or '- <country code> <title>'"
)


@dataclass(frozen=True, slots=True)
class ListItem:
    """One bullet line of a list."""

    line: int
    """1-based line number in the source text."""
    text: str
    """The entry as written: the line without its bullet and surrounding white space."""
    names: tuple[str, ...]
    """Names before the separator, in order (empty for a country line)."""
    title: str
    country: str | None = None
    """Three-letter country code of a line without names, e.g. ``NOR``."""


@dataclass(frozen=True, slots=True)
class ListSection:
    """The bullet lines directly under one heading."""

    title: str
    """The heading text, e.g. ``Victory ceremonies``."""
    level: int
    """Heading level: 1 for ``= T =`` or ``# T``; 0 for a file without headings."""
    line: int
    """1-based line of the heading (1 for a file without headings)."""
    kind: CueKind
    """``ANTHEM`` under a heading mentioning anthems, else ``MUSIC``."""
    role: Role
    """Role of the names: ``PERFORMER`` for anthems, else ``COMPOSER``."""
    items: tuple[ListItem, ...]
    parents: tuple[str, ...] = ()
    """Titles of the enclosing headings, outermost first."""


def _clean(text: str) -> str:
    """Drop wiki link brackets (``[[Target|Label]]`` -> ``Label``) and outer white space."""
    return _WIKI_LINK_RE.sub(lambda m: m[1], text).strip()


def split_names(text: str) -> tuple[str, ...]:
    """Names joined by ``/`` or `` and ``, in order; raises :class:`InputError` on an empty one."""
    names = tuple(part.strip() for part in _NAME_JOIN_RE.split(text.strip()))
    if not names or any(not name for name in names):
        raise InputError(f"empty name in {text!r}: names are joined by '/' or ' and '")
    return names


def parse_line(text: str) -> tuple[tuple[str, ...], str, str | None]:
    """Split one list line into ``(names, title, country)``.

    ``text`` may carry its bullet (``- ``) or not.  Raises :class:`InputError`
    (without path or line; :func:`parse_list` adds them) when the line is
    neither ``<names> - <title>`` nor ``<country code> <title>``.
    """
    body = _clean(_BULLET_MARK_RE.sub("", text, count=1))
    separator = SEPARATOR_RE.search(body)
    if separator is not None:
        names_text, title = body[: separator.start()].strip(), body[separator.end() :].strip()
        if not names_text or not title:
            raise InputError(f"{_EXPECTED}, got {text.strip()!r}")
        return split_names(names_text), title, None
    country = _COUNTRY_RE.match(body)
    if country is not None:
        return (), country[2].strip(), country[1]
    raise InputError(f"{_EXPECTED}, got {text.strip()!r}")


def _heading(line: str) -> tuple[int, str] | None:
    """``(level, title)`` when ``line`` is a wiki or Markdown heading."""
    found = _WIKI_HEADING_RE.match(line) or _MD_HEADING_RE.match(line)
    if found is None:
        return None
    return len(found[1]), _clean(found[2])


def _norm(name: str) -> str:
    return " ".join(name.split()).casefold()


def _kind_and_role(headings: Iterable[str]) -> tuple[CueKind, Role]:
    """From the innermost heading naming anthems or music; music/composer by default."""
    for heading in headings:
        words = _norm(heading)
        if "anthem" in words:
            return CueKind.ANTHEM, Role.PERFORMER
        if "music" in words:
            return CueKind.MUSIC, Role.COMPOSER
    return CueKind.MUSIC, Role.COMPOSER


class _Builder:
    """Collects the bullets of the currently open heading, when it is a chosen one."""

    def __init__(self) -> None:
        self.sections: list[ListSection] = []
        self.open: ListSection | None = None
        """The chosen heading being read (its ``items`` filled in by :meth:`flush`)."""
        self.items: list[ListItem] = []

    def start(
        self, title: str, level: int, line: int, parents: tuple[str, ...], selected: bool
    ) -> None:
        self.flush()
        self.open = None
        if selected:
            kind, role = _kind_and_role((title, *reversed(parents)))
            self.open = ListSection(title, level, line, kind, role, (), parents)

    def flush(self) -> None:
        if self.open is not None and self.items:
            self.sections.append(replace(self.open, items=tuple(self.items)))
        self.items = []


def parse_list(
    text: str, path: str | Path | None = None, sections: Sequence[str] | None = None
) -> tuple[ListSection, ...]:
    """The lists under the chosen headings of ``text``, in document order.

    ``sections`` names the headings to read (case-insensitive; default
    :data:`DEFAULT_SECTIONS`); their subsections are read too.  Sections
    without bullets are left out.  Raises :class:`InputError` naming ``path``
    and the line for a bullet that cannot be split, and when no list is found.
    """
    chosen = {_norm(name) for name in (sections or DEFAULT_SECTIONS)}
    lines = text.splitlines()
    headings_seen: list[str] = []
    builder = _Builder()
    has_headings = any(_heading(line) is not None for line in lines)
    if not has_headings and sections is None:
        # A file that is nothing but a list: one section of music.
        builder.start("Music", 0, 1, (), True)
    stack: list[tuple[int, str, bool]] = []  # (level, title, selected)
    bad: list[InputError] = []
    for number, line in enumerate(lines, start=1):
        heading = _heading(line)
        if heading is not None:
            level, title = heading
            headings_seen.append(title)
            while stack and stack[-1][0] >= level:
                stack.pop()
            selected = _norm(title) in chosen or any(s for _, _, s in stack)
            parents = tuple(t for _, t, _ in stack)
            stack.append((level, title, selected))
            builder.start(title, level, number, parents, selected)
            continue
        if builder.open is None:
            continue
        bullet = _BULLET_RE.match(line)
        if bullet is None or not bullet[1]:
            continue  # prose between list lines is ignored
        try:
            names, title, country = parse_line(bullet[1])
        except InputError as error:
            message = f"list {builder.open.title!r}: {error.message}"
            bad.append(InputError(message, path=path, line=number, cause=error))
            continue
        builder.items.append(ListItem(number, bullet[1], names, title, country))
    builder.flush()
    if bad:
        raise _all_bad_lines(bad, path)
    if builder.sections:
        return tuple(builder.sections)
    wanted = ", ".join(sections or DEFAULT_SECTIONS)
    if not has_headings:
        raise InputError(
            f"no list found: expected headings {wanted} with '- <names> - <title>' lines",
            path=path,
        )
    matched = [title for title in headings_seen if _norm(title) in chosen]
    if matched:
        raise InputError(
            f"no '- <names> - <title>' lines under the heading(s) {', '.join(matched)}",
            path=path,
            line=_first_line(lines, matched[0]),
        )
    found = ", ".join(dict.fromkeys(headings_seen)) or "none"
    raise InputError(
        f"no heading named {wanted} (headings found: {found}); choose others with --section",
        path=path,
    )


def _all_bad_lines(bad: Sequence[InputError], path: str | Path | None) -> InputError:
    """The first bad line's error, carrying the others (up to :data:`MAX_BAD_LINES` in all)."""
    shown = list(bad[:MAX_BAD_LINES])
    if len(bad) > MAX_BAD_LINES:
        more = len(bad) - MAX_BAD_LINES
        shown.append(InputError(f"... and {more} more bad lines", path=path))
    first = shown[0]
    return InputError(first.message, path=path, line=first.line, cause=first.cause,
                      others=tuple(shown[1:]))


def _first_line(lines: Sequence[str], title: str) -> int | None:
    for number, line in enumerate(lines, start=1):
        heading = _heading(line)
        if heading is not None and heading[1] == title:
            return number
    return None


def document_title(text: str) -> str | None:
    """The first level-1 heading of ``text`` (``= T =`` or ``# T``), if any."""
    for line in text.splitlines():
        heading = _heading(line)
        if heading is not None and heading[0] == 1:
            return heading[1]
    return None


def item_to_cue(item: ListItem, number: str, kind: CueKind, role: Role) -> Cue:
    """The cue for one list line: names credited with ``role``, ``source_text`` = the entry."""
    return Cue(
        number=number,
        title=item.title,
        kind=kind,
        credits=tuple(Credit(name, role) for name in item.names),
        source_text=item.text,
    )


def list_to_show(
    sections: Sequence[ListSection],
    *,
    title: str = "Music list",
    timezone: str = "UTC",
    start_ms: int = 0,
    venue: str = "",
) -> Show:
    """A show with one segment per list section and cues numbered 1..n across the show.

    A bare list has no date or time: ``start_ms`` (milliseconds since the
    epoch, UTC) defaults to 0, so running times read as offsets from the start.
    ``timezone`` is an IANA name; an unknown one raises :class:`InputError`.
    """
    try:
        zone(timezone)
    except ValueError as error:
        raise InputError(str(error), cause=error) from error
    segments: list[Segment] = []
    count = 0
    for section in sections:
        cues: list[Cue] = []
        for item in section.items:
            count += 1
            cues.append(item_to_cue(item, str(count), section.kind, section.role))
        segments.append(Segment(title=section.title, cues=tuple(cues)))
    return Show(
        title=title, timezone=timezone, start_ms=start_ms, segments=tuple(segments), venue=venue
    )
