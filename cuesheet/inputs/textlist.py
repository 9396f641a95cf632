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
  ``" - "`` themselves.  Several names are joined by ``/``, `` and ``, `` & ``,
  `` + `` or `` feat. `` (see :func:`split_names` for the names kept whole).
* A bullet without a separator is a country line: a three-letter IOC/ISO code
  and a title (``- NOR National Anthem of Norway``); it has no names.
* Only the lists under the chosen headings (default :data:`DEFAULT_SECTIONS`,
  any level, case-insensitive) are read, with their subsections; prose,
  infobox lines and lists elsewhere are ignored.  A file without any heading
  is one list.
* The role of the names follows the innermost heading that has a convention
  (:data:`PERFORMER_HEADINGS`, :data:`COMPOSER_HEADINGS`; a heading mentioning
  "anthem" makes anthems sung or played by the names); without one, names are
  composers.  Such a role is the list's guess (:attr:`RoleSource.CONVENTION`)
  until MusicBrainz confirms it.  ``roles`` (``--role HEADING=ROLE``) states the
  role of a heading's names instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from cuesheet.errors import InputError
from cuesheet.model import Credit, Cue, CueKind, Role, RoleSource, Segment, Show
from cuesheet.timing.clock import zone

DEFAULT_SECTIONS: tuple[str, ...] = (
    "Music",
    "Anthems",
    "Score",
    "Compositions",
    "Songs",
    "Setlist",
    "Set list",
)
"""Headings read when no sections are chosen."""
PERFORMER_HEADINGS: tuple[str, ...] = (
    "anthem",
    "song",
    "setlist",
    "set list",
    "performance",
    "performed by",
)
"""Words of a heading whose names are performers (checked before the composer words)."""
COMPOSER_HEADINGS: tuple[str, ...] = ("music", "score", "composition")
"""Words of a heading whose names are composers."""

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
_NAME_JOIN_RE = re.compile(
    r"(?P<slash>\s*/\s*)|\s+(?P<word>and|&|\+|feat\.?|ft\.|featuring)\s+", re.IGNORECASE
)
_QUOTED_RE = re.compile('"[^"]*"|\u201c[^\u201d]*\u201d|\u00ab[^\u00bb]*\u00bb')
_WHOLE_QUOTE_RE = re.compile('^(?:"([^"]*)"|\u201c([^\u201d]*)\u201d|\u00ab([^\u00bb]*)\u00bb)$')
GROUP_WORDS = frozenset(
    {"sons", "daughters", "brothers", "sisters", "friends", "family", "co", "co.", "company"}
)
"""A single word after "and"/"&"/"+" that makes the whole one act ("Mumford and Sons")."""
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
    """Role of the names, from the heading's convention or a stated ``roles`` choice."""
    items: tuple[ListItem, ...]
    parents: tuple[str, ...] = ()
    """Titles of the enclosing headings, outermost first."""
    role_source: RoleSource = RoleSource.CONVENTION
    """``CONVENTION`` when the heading implies the role, ``STATED`` when ``roles`` chose it."""


def _clean(text: str) -> str:
    """Drop wiki link brackets (``[[Target|Label]]`` -> ``Label``) and outer white space."""
    return _WIKI_LINK_RE.sub(lambda m: m[1], text).strip()


def split_names(text: str) -> tuple[str, ...]:
    """The names in ``text``, in order; raises :class:`InputError` on an empty one.

    Names are joined by ``/``, `` and ``, `` & ``, `` + `` or `` feat. ``/`` ft. ``/
    `` featuring ``.  Conservatively, some joins are part of one act's name and do not split:

    * anything inside double quotes (``"AC/DC"``), the quotes dropped when they hold a whole name;
    * a ``/`` without spaces between two single short or upper-case words (``AC/DC``);
    * "and", "&" or "+" followed by "the" (``Florence and the Machine``) or by one of
      :data:`GROUP_WORDS` (``Mumford and Sons``), or after a comma (``Earth, Wind & Fire``:
      commas do not join names, so the comma is part of the name).

    MusicBrainz can still join split names back into one act after resolution.
    """
    body = text.strip()
    masked = _QUOTED_RE.sub(lambda m: "\0" * len(m[0]), body)
    joins = list(_NAME_JOIN_RE.finditer(masked))
    bounds = [0, *(j for m in joins for j in (m.start(), m.end())), len(body)]
    pieces = [body[bounds[i] : bounds[i + 1]] for i in range(0, len(bounds), 2)]
    names: list[str] = []
    current = pieces[0]
    for index, join in enumerate(joins):
        left, right = pieces[index], pieces[index + 1]
        if _splits(join, current, left, right):
            names.append(current)
            current = right
        else:
            current += body[join.start() : join.end()] + right
    names.append(current)
    result = tuple(_unquote(name.strip()) for name in names)
    if any(not name for name in result):
        raise InputError(
            f"empty name in {text!r}: names are joined by '/', ' and ', ' & ', ' + ' or ' feat. '"
        )
    return result


def _splits(join: re.Match[str], name: str, left: str, right: str) -> bool:
    """Whether ``join`` separates two names (``name`` is the one it would end)."""
    if join["slash"] is not None:
        if join["slash"] != "/":
            return True  # spaced: "A / B"
        return not (_short_word(left) and _short_word(right))
    word = join["word"].casefold()
    if word not in ("and", "&", "+"):
        return True  # feat., ft., featuring
    follows = right.strip().casefold()
    return not (follows.startswith("the ") or follows in GROUP_WORDS or "," in name)


def _short_word(text: str) -> bool:
    """One word of at most three letters, or all capitals: a part of "AC/DC", "R/H"."""
    word = text.strip()
    return (
        bool(word) and not any(ch.isspace() for ch in word) and (len(word) <= 3 or word.isupper())
    )


def _unquote(name: str) -> str:
    """``"AC/DC"`` -> ``AC/DC``: quotes around a whole name only."""
    whole = _WHOLE_QUOTE_RE.match(name)
    if whole is None:
        return name
    return next(part for part in whole.groups() if part is not None).strip()


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
    """From the innermost heading with a convention; music by composers by default."""
    for heading in headings:
        words = _norm(heading)
        if "anthem" in words:
            return CueKind.ANTHEM, Role.PERFORMER
        if any(_has_word(words, key) for key in PERFORMER_HEADINGS):
            return CueKind.MUSIC, Role.PERFORMER
        if any(_has_word(words, key) for key in COMPOSER_HEADINGS):
            return CueKind.MUSIC, Role.COMPOSER
    return CueKind.MUSIC, Role.COMPOSER


def _has_word(heading: str, key: str) -> bool:
    """``key`` as a word (or its plural) of a normalised heading."""
    return re.search(rf"(?<!\w){re.escape(key)}s?(?!\w)", heading) is not None


def _stated_role(headings: Iterable[str], roles: Mapping[str, Role]) -> Role | None:
    """The role ``roles`` states for the innermost of ``headings`` it names."""
    for heading in headings:
        role = roles.get(_norm(heading))
        if role is not None:
            return role
    return None


class _Builder:
    """Collects the bullets of the currently open heading, when it is a chosen one."""

    def __init__(self, roles: Mapping[str, Role]) -> None:
        self.sections: list[ListSection] = []
        self.open: ListSection | None = None
        """The chosen heading being read (its ``items`` filled in by :meth:`flush`)."""
        self.items: list[ListItem] = []
        self.roles = roles

    def start(
        self, title: str, level: int, line: int, parents: tuple[str, ...], selected: bool
    ) -> None:
        self.flush()
        self.open = None
        if selected:
            headings = (title, *reversed(parents))
            kind, role = _kind_and_role(headings)
            stated = _stated_role(headings, self.roles)
            source = RoleSource.CONVENTION if stated is None else RoleSource.STATED
            self.open = ListSection(
                title, level, line, kind, stated or role, (), parents, role_source=source
            )

    def flush(self) -> None:
        if self.open is not None and self.items:
            self.sections.append(replace(self.open, items=tuple(self.items)))
        self.items = []


def parse_list(
    text: str,
    path: str | Path | None = None,
    sections: Sequence[str] | None = None,
    roles: Mapping[str, Role] | None = None,
) -> tuple[ListSection, ...]:
    """The lists under the chosen headings of ``text``, in document order.

    ``sections`` names the headings to read (case-insensitive; default
    :data:`DEFAULT_SECTIONS`); their subsections are read too.  ``roles`` states
    the role of the names under a heading (case-insensitive; its subsections
    too), overriding the heading's convention; those headings are read as well
    (for a file without headings, any key names the one list).  Sections
    without bullets are left out.  Raises :class:`InputError` naming ``path``
    and the line for a bullet that cannot be split, when no list is found, and
    for a ``roles`` heading the file does not have.
    """
    stated = {_norm(name): role for name, role in (roles or {}).items()}
    chosen = {_norm(name) for name in (sections or DEFAULT_SECTIONS)} | set(stated)
    lines = text.splitlines()
    headings_seen: list[str] = []
    has_headings = any(_heading(line) is not None for line in lines)
    named = set(stated)
    if not has_headings and len(stated) == 1:
        # the one list of a file without headings is called "Music", whatever --role says
        stated = {"music": next(iter(stated.values()))}
    builder = _Builder(stated)
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
    seen = {_norm(title) for title in headings_seen} if has_headings else {"music", *named}
    missing = [name for name in (roles or {}) if _norm(name) not in seen]
    if missing:
        found = ", ".join(dict.fromkeys(headings_seen)) or "none"
        raise InputError(
            f"--role names a heading the file does not have: {', '.join(missing)} "
            f"(headings found: {found})",
            path=path,
        )
    if builder.sections:
        return tuple(builder.sections)
    raise _no_list(lines, headings_seen, chosen, sections, path)


def _no_list(
    lines: Sequence[str],
    headings_seen: Sequence[str],
    chosen: set[str],
    sections: Sequence[str] | None,
    path: str | Path | None,
) -> InputError:
    """Why no list was found: no headings, empty chosen headings, or none of them."""
    wanted = ", ".join(sections or DEFAULT_SECTIONS)
    if not headings_seen:
        return InputError(
            f"no list found: expected headings {wanted} with '- <names> - <title>' lines",
            path=path,
        )
    matched = [title for title in headings_seen if _norm(title) in chosen]
    if matched:
        return InputError(
            f"no '- <names> - <title>' lines under the heading(s) {', '.join(matched)}",
            path=path,
            line=_first_line(lines, matched[0]),
        )
    found = ", ".join(dict.fromkeys(headings_seen))
    return InputError(
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
    return InputError(
        first.message, path=path, line=first.line, cause=first.cause, others=tuple(shown[1:])
    )


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


def item_to_cue(
    item: ListItem,
    number: str,
    kind: CueKind,
    role: Role,
    source: RoleSource = RoleSource.CONVENTION,
) -> Cue:
    """The cue for one list line: names credited with ``role``, ``source_text`` = the entry."""
    return Cue(
        number=number,
        title=item.title,
        kind=kind,
        credits=tuple(Credit(name, role, source) for name in item.names),
        source_text=item.text,
    )


def line_names(text: str) -> str | None:
    """The names part of a list line as written (before the separator), or ``None``."""
    body = _clean(_BULLET_MARK_RE.sub("", text, count=1))
    separator = SEPARATOR_RE.search(body)
    if separator is None:
        return None
    return body[: separator.start()].strip() or None


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
            cues.append(
                item_to_cue(item, str(count), section.kind, section.role, section.role_source)
            )
        segments.append(Segment(title=section.title, cues=tuple(cues)))
    return Show(
        title=title, timezone=timezone, start_ms=start_ms, segments=tuple(segments), venue=venue
    )
