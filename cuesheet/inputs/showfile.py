"""The show file: a YAML running order, validated with file and line in every message.

A show file is a YAML mapping (see ``docs/show-file.md`` for the whole format)::

    title: 2014 Winter Olympics closing ceremony
    venue: Fisht Olympic Stadium, Sochi
    date: 2014-02-23
    timezone: Europe/Moscow
    start: 20:14
    hard_out: 22:25
    segments:
      - title: Games declared closed
        at: 22:04
        at_label: Games declared closed
        budget: 3:00
        cues:
          - speech: The IOC President closes the Games
            duration: 2:30
          - music: "Dimitri Tiomkin - Theme from \\"Giant\\""

YAML 1.1 reads ``22:04`` as the integer 1324 and ``no`` as ``False``, so this
module never *constructs* Python values from YAML: it composes the node tree
(:func:`cuesheet.inputs.yamltree.compose`: libyaml's parser when PyYAML has it,
PyYAML's own errors either way) and validates every scalar from the text
as written, with ``node.line + 1`` as the line.  Unknown keys
(with a did-you-mean) and duplicate keys are errors.

:func:`dumps` writes a file :func:`loads` reads back to an equal :class:`Show`,
including ``Cue.match``, which is written as a ``match:`` block.  Two things
are normalised on the way: a duration without a source is written as
``planned`` (the default when reading), and a source without a duration is
dropped.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

import yaml

from cuesheet.errors import CueSheetError, CueSheetWarning, ExportError, InputError
from cuesheet.inputs.textlist import parse_line
from cuesheet.inputs.yamltree import NULL_TAG, MappingNode, Node, ScalarNode, SequenceNode, compose
from cuesheet.model import (
    Candidate,
    Credit,
    Cue,
    CueKind,
    DurationSource,
    Identifiers,
    Match,
    MatchStatus,
    Role,
    RoleSource,
    Segment,
    Show,
    UsageCode,
    WorkRights,
    WriterShare,
    is_valid_cue_number,
)
from cuesheet.timing import clock, zones
from cuesheet.timing.timecode import format_rounded_duration, parse_duration

_NULL_TAG = NULL_TAG
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MBID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_ISRC_RE = re.compile(r"^[A-Z]{2}[A-Z0-9]{3}\d{7}$")
_ISWC_RE = re.compile(r"^T-?\d{3}\.?\d{3}\.?\d{3}[-.]?\d$")
_INT_RE = re.compile(r"^\d{1,9}$")

SHOW_KEYS = (
    "title",
    "venue",
    "channel",
    "production",
    "contact",
    "date",
    "timezone",
    "start",
    "hard_out",
    "ignore",
    "notes",
    "works",
    "segments",
)
SEGMENT_KEYS = ("title", "at", "at_label", "budget", "usage", "notes", "cues")
WORK_KEYS = ("title", "work", "iswc", "public_domain", "writers")
WRITER_KEYS = (
    "name", "role", "ipi", "society", "share", "publisher", "publisher_ipi", "died", "from",
)  # fmt: skip
WRITER_ROLES = (Role.COMPOSER, Role.LYRICIST, Role.ARRANGER)
_IPI_RE = re.compile(r"^\d{9,11}$")
_SHARE_RE = re.compile(r"^\d{1,3}(\.\d{1,2})?$")
_DIED_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
KIND_KEYS = tuple(kind.value for kind in CueKind)
"""Keys of the short cue form named after the kind: ``music: "Composer - Title"`` and so on."""
SONG_KEY = "song"
"""The short form of a music cue whose names are performers: ``song: "Madness - Our House"``."""
SHORT_KEYS = (*KIND_KEYS, SONG_KEY)
"""Every key of the short cue form."""
_CUE_COMMON = (
    "number",
    "credits",
    "duration",
    "duration_source",
    "file",
    "usage",
    "notes",
    "ids",
    "gap",
    "crossfade",
    "in",
    "out",
    "fade_in",
    "fade_out",
    "cart",
    "match",
)
CUE_KEYS = ("kind", "title", "source", *_CUE_COMMON)
SHORT_CUE_KEYS = (*SHORT_KEYS, *_CUE_COMMON)
_LONG_ONLY = ("kind", "title", "source")
IDS_KEYS = ("work", "recording", "artists", "isrc", "iswc")
MATCH_KEYS = ("status", "score", "note", "candidates", "duration", "duration_source")
CANDIDATE_KEYS = ("title", "score", "work", "recording", "why")
ROLE_KEYS = tuple(role.value for role in Role)
FROM_KEY = "from"
"""In a credits mapping: where its roles came from (a :class:`RoleSource` value)."""
_SHORT_ROLES: dict[str, tuple[CueKind, Role, RoleSource]] = {
    CueKind.MUSIC.value: (CueKind.MUSIC, Role.COMPOSER, RoleSource.CONVENTION),
    CueKind.ANTHEM.value: (CueKind.ANTHEM, Role.PERFORMER, RoleSource.CONVENTION),
    SONG_KEY: (CueKind.MUSIC, Role.PERFORMER, RoleSource.STATED),
}
"""The kind of cue and the role of the names each short key with names gives."""

_E = TypeVar("_E", bound=Enum)


# --------------------------------------------------------------------------- reading


def loads(text: str, path: str | Path | None = None) -> Show:
    """The :class:`Show` described by show-file ``text``.

    ``path`` only names the file in messages.  Raises :class:`InputError`
    (``path:line: what was expected``) for anything that is not as documented.
    """
    from playlists._bulk import paused_gc

    name = str(path) if path is not None else "<show file>"
    # Nodes, cues and segments hold no cycles: with the collector running, building
    # the two million nodes of a 100,000-cue file took 2.5x as long (it walked the
    # growing heap again and again).
    with paused_gc():
        return _loads(text, name)


def _loads(text: str, name: str) -> Show:
    """:func:`loads` with the collector paused."""
    try:
        root, aliases = compose(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = (error.problem or "not valid YAML") + _yaml_hint(error)
        raise InputError(f"not valid YAML: {problem}", path=name, line=line, cause=error) from error
    except yaml.YAMLError as error:
        raise InputError(f"not valid YAML: {error}", path=name, cause=error) from error
    except RecursionError:
        raise InputError(
            "YAML lists or mappings nested too deeply (more levels than the reader can follow)",
            path=name,
        ) from None
    if root is None:
        raise InputError("empty show file: expected a mapping with title, timezone...", path=name)
    if aliases:  # with none, each node is written once: nothing to expand
        _refuse_alias_bombs(root, name)
    return _Reader(name).show(root)


ALIAS_NODE_BUDGET = 100_000
"""Most nodes that YAML aliases (``*name``) may add to a show file once expanded.

Each alias stands for its whole anchored node: nine aliases of nine aliases...
expand to billions of nodes from a few lines.  Past this budget the file is
refused with one line instead of exhausting memory."""


def _refuse_alias_bombs(root: Node, name: str) -> None:
    """Raise InputError when aliases expand ``root`` past :data:`ALIAS_NODE_BUDGET` nodes."""
    sizes: dict[int, int] = {}

    def expanded(node: Node) -> int:
        known = sizes.get(id(node))
        if known is not None:
            return known
        children: list[Node] = []
        if isinstance(node, SequenceNode):
            children = node.value
        elif isinstance(node, MappingNode):
            children = [part for pair in node.value for part in pair]
        total = 1 + sum(expanded(child) for child in children)
        sizes[id(node)] = total
        return total

    added = expanded(root) - len(sizes)
    if added > ALIAS_NODE_BUDGET:
        raise InputError(
            f"YAML aliases expand to {added:,} more nodes than written; the limit is "
            f"{ALIAS_NODE_BUDGET:,} (an alias bomb?)",
            path=name,
        )


def load(path: str | Path) -> Show:
    """Read the show file at ``path``; missing or unreadable files raise :class:`InputError`."""
    from cuesheet.inputs.files import read_text

    return loads(read_text(path), path)


def _line(node: Node) -> int:
    return node.line + 1


def _what(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return repr(node.value)


@dataclass(frozen=True, slots=True)
class _Map:
    """A validated YAML mapping: key -> (key node, value node), and where it starts."""

    node: MappingNode
    entries: dict[str, tuple[Node, Node]]

    def get(self, key: str) -> Node | None:
        entry = self.entries.get(key)
        if entry is None:
            return None
        value = entry[1]
        if isinstance(value, ScalarNode) and value.tag == _NULL_TAG:
            return None  # `key:` with nothing, `~` or `null`
        return value


class _Reader:
    """Validates a composed node tree into the model, one context prefix at a time."""

    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, node: Node, where: str, message: str) -> InputError:
        return InputError(where + message, path=self.path, line=_line(node))

    def warn(self, node: Node, where: str, message: str) -> None:
        """A :class:`CueSheetWarning` naming the file and the node's line."""
        text = f"{self.path}:{_line(node)}: {where}{message}"
        warnings.warn(text, CueSheetWarning, stacklevel=2)

    # -- generic shapes

    def mapping(self, node: Node, where: str, allowed: Sequence[str], what: str) -> _Map:
        if not isinstance(node, MappingNode):
            raise self.fail(node, where, f"expected {what} (a mapping), got {_what(node)}")
        entries: dict[str, tuple[Node, Node]] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise self.fail(key_node, where, f"keys must be text, got {_what(key_node)}")
            key = str(key_node.value)
            if key in entries:
                first = _line(entries[key][0])
                raise self.fail(key_node, where, f"duplicate key {key!r} (first at line {first})")
            if key not in allowed:
                raise self.fail(key_node, where, _unknown_key(key, allowed))
            entries[key] = (key_node, value_node)
        return _Map(node, entries)

    def sequence(self, node: Node, where: str, key: str) -> list[Node]:
        if not isinstance(node, SequenceNode):
            raise self.fail(node, where, f"{key!r} must be a list, got {_what(node)}")
        return list(node.value)

    def text(self, node: Node, where: str, key: str) -> str:
        if not isinstance(node, ScalarNode):
            raise self.fail(node, where, f"{key!r} must be text, got {_what(node)}")
        if node.tag == _NULL_TAG:
            return ""
        return str(node.value)

    def texts(self, node: Node, where: str, key: str) -> tuple[str, ...]:
        """One text or a list of texts, none of them empty."""
        items = node.value if isinstance(node, SequenceNode) else [node]
        values = []
        for item in items:
            value = self.text(item, where, key)
            if not value.strip():
                raise self.fail(item, where, f"{key!r} must not contain an empty name")
            values.append(value)
        return tuple(values)

    def optional_text(self, fields: _Map, where: str, key: str) -> str:
        node = fields.get(key)
        return "" if node is None else self.text(node, where, key)

    def required(self, fields: _Map, where: str, key: str, what: str) -> Node:
        node = fields.get(key)
        if node is None:
            raise self.fail(fields.node, where, f"{key!r} is required ({what})")
        return node

    def required_text(self, fields: _Map, where: str, key: str, what: str) -> str:
        node = self.required(fields, where, key, what)
        value = self.text(node, where, key)
        if not value.strip():
            raise self.fail(node, where, f"{key!r} must not be empty ({what})")
        return value

    def convert(self, node: Node, where: str, key: str, parse: Callable[[str], Any]) -> Any:
        """``parse(text)``; its ``ValueError`` becomes ``'key' <message>`` at the node."""
        value = self.text(node, where, key)
        try:
            return parse(value)
        except ValueError as error:
            raise self.fail(node, where, f"{key!r} {error}") from error

    def duration(self, fields: _Map, where: str, key: str) -> int | None:
        node = fields.get(key)
        if node is None:
            return None
        ms: int = self.convert(node, where, key, parse_duration)
        hint = _minutes_hint(self.text(node, where, key))
        if hint:
            self.warn(node, where, f"{key!r} {hint}")
        return ms

    def next_day(self, node: Node, where: str, key: str, start_ms: int, at_ms: int) -> None:
        """Warn when a wall clock earlier than the start became the next day, hours away."""
        if at_ms - start_ms > NEXT_DAY_WARNING_MS:
            hours, rest = divmod((at_ms - start_ms) // 60_000, 60)
            self.warn(
                node,
                where,
                f"{key!r} {self.text(node, where, key).strip()} is earlier in the day than the "
                f"start, so it is read as the next day, {hours}:{rest:02d} after the start; "
                "is it a typing mistake?",
            )

    def choice(self, node: Node, where: str, key: str, enum: type[_E]) -> _E:
        value = self.text(node, where, key)
        for member in enum:
            if str(member.value).casefold() == value.strip().casefold():
                return member
        allowed = ", ".join(str(m.value) for m in enum)
        raise self.fail(node, where, f"{key!r} must be one of {allowed}, got {value!r}")

    def integer(self, node: Node, where: str, key: str, high: int) -> int:
        value = self.text(node, where, key).strip()
        if not _INT_RE.match(value) or len(value) > len(str(high)) + 1 or int(value) > high:
            shown = value if len(value) <= 40 else value[:40] + "..."
            raise self.fail(node, where, f"{key!r} must be a whole number 0-{high}, got {shown!r}")
        return int(value)

    def instant(self, node: Node, where: str, key: str, make: Callable[[], int]) -> int:
        """``make()``; a wall clock that does not exist or leaves the calendar fails at the node."""
        try:
            return make()
        except ValueError as error:  # TimingError is a ValueError too
            message = error.message if isinstance(error, CueSheetError) else str(error)
            raise self.fail(node, where, f"{key!r}: {message}") from error

    # -- the show

    def show(self, root: Node) -> Show:
        fields = self.mapping(root, "", SHOW_KEYS, "a show")
        title = self.required_text(fields, "", "title", "the show's name")
        tz_node = self.required(fields, "", "timezone", "an IANA name such as Europe/Moscow")
        timezone = self.text(tz_node, "", "timezone")
        try:
            clock.zone(timezone)
        except ValueError as error:
            raise self.fail(tz_node, "", _bad_timezone(timezone, _peek(root, "date"))) from error
        day_node = fields.get("date")  # none: an undated show (times of day only)
        day: date = (
            clock.UNDATED_DAY
            if day_node is None
            else self.convert(day_node, "", "date", _parse_date)
        )
        legacy = zones.legacy_zone(timezone, None if day_node is None else day)
        if legacy is not None:
            self.warn(tz_node, "", f"'timezone': {legacy}")
        start_node = self.required(fields, "", "start", "HH:MM, local time")
        start_clock: time = self.convert(start_node, "", "start", clock.parse_hhmm)
        start_ms = self.instant(
            start_node, "", "start", lambda: clock.local_to_ms(day, start_clock, timezone)
        )
        hard_out_ms = None
        hard_out_node = fields.get("hard_out")
        if hard_out_node is not None:
            hard_out_clock: time = self.convert(hard_out_node, "", "hard_out", clock.parse_hhmm)
            hard_out_ms = self.instant(
                hard_out_node,
                "",
                "hard_out",
                lambda: clock.after(start_ms, hard_out_clock, timezone),
            )
            self.next_day(hard_out_node, "", "hard_out", start_ms, hard_out_ms)
        ignore_node = fields.get("ignore")
        # Only the list's shape is read here; the codes are checked where the rules are
        # known (cuesheet.checks), so this parser needs nothing above it.
        ignore = () if ignore_node is None else self.texts(ignore_node, "", "ignore")
        segments_node = self.required(fields, "", "segments", "a list of segments")
        numbering = _Numbering()
        segments = tuple(
            self.segment(node, index, start_ms, timezone, numbering)
            for index, node in enumerate(self.sequence(segments_node, "", "segments"), start=1)
        )
        return Show(
            title=title,
            timezone=timezone,
            start_ms=start_ms,
            segments=segments,
            venue=self.optional_text(fields, "", "venue"),
            hard_out_ms=hard_out_ms,
            ignore_rules=ignore,
            notes=self.optional_text(fields, "", "notes"),
            channel=self.optional_text(fields, "", "channel"),
            production=self.optional_text(fields, "", "production"),
            contact=self.optional_text(fields, "", "contact"),
            works=self.works(fields),
            dated=day_node is not None,
        )

    # -- works (rights)

    def works(self, fields: _Map) -> tuple[WorkRights, ...]:
        node = fields.get("works")
        if node is None:
            return ()
        return tuple(self.work(item) for item in self.sequence(node, "", "works"))

    def work(self, node: Node) -> WorkRights:
        named = _peek(node, "title")
        where = f"work {named!r}: " if named else "works: "
        fields = self.mapping(node, where, WORK_KEYS, "a work")
        title = self.required_text(fields, where, "title", "the work's title")
        work_node = fields.get("work")
        iswc = self.iswc(fields, where)
        pd_node = fields.get("public_domain")
        public_domain = None
        if pd_node is not None:
            flag = self.text(pd_node, where, "public_domain").strip().casefold()
            if flag not in ("true", "false", "yes", "no"):
                raise self.fail(
                    pd_node, where, f"'public_domain' must be true or false, got {flag!r}"
                )
            public_domain = flag in ("true", "yes")
        writers_node = fields.get("writers")
        writers = (
            ()
            if writers_node is None
            else tuple(
                self.writer(item, where) for item in self.sequence(writers_node, where, "writers")
            )
        )
        return WorkRights(
            title=title,
            work_mbid=None if work_node is None else self.mbid(work_node, where, "work"),
            iswc=iswc,
            writers=writers,
            public_domain=public_domain,
        )

    def writer(self, node: Node, where: str) -> WriterShare:
        fields = self.mapping(node, where, WRITER_KEYS, "a writer")
        name = self.required_text(fields, where, "name", "the writer's name")
        role_node = fields.get("role")
        role = Role.COMPOSER if role_node is None else self.choice(role_node, where, "role", Role)
        if role not in WRITER_ROLES:
            assert role_node is not None
            raise self.fail(role_node, where, "'role' must be composer, lyricist or arranger")
        checks = (("ipi", _IPI_RE, "9-11 digits"), ("publisher_ipi", _IPI_RE, "9-11 digits"),
                  ("died", _DIED_RE, "a year or an ISO date"))  # fmt: skip
        texts = {}
        for key, pattern, what in checks:
            texts[key] = self.optional_text(fields, where, key).strip()
            if texts[key] and not pattern.match(texts[key]):
                raise self.fail(fields.entries[key][1], where, f"{key!r} must be {what}")
        share_node = fields.get("share")
        share = None
        if share_node is not None:
            share_text = self.text(share_node, where, "share").strip().rstrip("%").strip()
            if not _SHARE_RE.match(share_text) or Decimal(share_text) > 100:
                raise self.fail(
                    share_node, where, f"'share' must be a percentage 0-100, got {share_text!r}"
                )
            share = int(Decimal(share_text) * 100)
        from_node = fields.get("from")
        source = (
            RoleSource.STATED
            if from_node is None
            else self.choice(from_node, where, "from", RoleSource)
        )
        return WriterShare(
            name=name,
            role=role,
            ipi=texts["ipi"],
            society=self.optional_text(fields, where, "society").strip(),
            share_bp=share,
            publisher=self.optional_text(fields, where, "publisher").strip(),
            publisher_ipi=texts["publisher_ipi"],
            died=texts["died"],
            source=source,
        )

    def segment(
        self, node: Node, index: int, start_ms: int, timezone: str, numbering: _Numbering
    ) -> Segment:
        named = _peek(node, "title")
        where = f"segment {named!r}: " if named else f"segment {index}: "
        fields = self.mapping(node, where, SEGMENT_KEYS, "a segment")
        title = self.required_text(fields, where, "title", "the segment's name")
        where = f"segment {title!r}: "
        at_ms = None
        at_node = fields.get("at")
        if at_node is not None:
            at_clock: time = self.convert(at_node, where, "at", clock.parse_hhmm)
            at_ms = self.instant(
                at_node, where, "at", lambda: clock.after(start_ms, at_clock, timezone)
            )
            self.next_day(at_node, where, "at", start_ms, at_ms)
        at_label = self.optional_text(fields, where, "at_label")
        if at_label and at_ms is None:
            label_node = fields.entries["at_label"][0]
            raise self.fail(label_node, where, "'at_label' needs a fixed time in 'at' (HH:MM)")
        cues_node = fields.get("cues")
        cue_nodes = [] if cues_node is None else self.sequence(cues_node, where, "cues")
        return Segment(
            title=title,
            cues=tuple(self.cue(cue, title, numbering) for cue in cue_nodes),
            at_ms=at_ms,
            at_label=at_label,
            budget_ms=self.duration(fields, where, "budget"),
            notes=self.optional_text(fields, where, "notes"),
            usage=None
            if fields.get("usage") is None
            else self.choice(fields.entries["usage"][1], where, "usage", UsageCode),
        )

    # -- cues

    def cue(self, node: Node, segment: str, numbering: _Numbering) -> Cue:
        where = f"segment {segment!r}, cue {numbering.peek()}: "
        if not isinstance(node, MappingNode):
            raise self.fail(
                node,
                where,
                f"expected a cue such as 'music: \"Composer - Title\"' or "
                f"'title: ...', got {_what(node)}",
            )
        kind_keys = self.kind_keys(node, where)
        short = bool(kind_keys)
        fields = self.mapping(node, where, SHORT_CUE_KEYS if short else CUE_KEYS, "a cue")
        if len(kind_keys) > 1:
            second = fields.entries[kind_keys[1]][0]
            raise self.fail(second, where, f"a cue has one kind, got {' and '.join(kind_keys)}")
        number = self.cue_number(node, fields, where, numbering)
        where = f"segment {segment!r}, cue {number}: "
        extra = self.credits(fields, where)
        if short:
            kind = (
                _SHORT_ROLES[kind_keys[0]][0]
                if kind_keys[0] in _SHORT_ROLES
                else CueKind(kind_keys[0])
            )
            title, credits, source = self.short(fields, where, kind_keys[0])
            credits += extra
        else:
            kind_node = fields.get("kind")
            kind = (
                CueKind.MUSIC
                if kind_node is None
                else self.choice(kind_node, where, "kind", CueKind)
            )
            title = self.required_text(fields, where, "title", "what the cue is")
            credits = extra
            source = self.optional_text(fields, where, "source")
        duration_ms, edit = self.edit(fields, where, self.duration(fields, where, "duration"))
        duration_source = self.duration_source(fields, where, duration_ms)
        usage_node = fields.get("usage")
        return Cue(
            number=number,
            title=title,
            kind=kind,
            credits=credits,
            duration_ms=duration_ms,
            duration_source=duration_source,
            ids=self.ids(fields, where),
            file=self.optional_text(fields, where, "file") or None,
            usage=None
            if usage_node is None
            else self.choice(usage_node, where, "usage", UsageCode),
            notes=self.optional_text(fields, where, "notes"),
            source_text=source,
            match=self.match(fields, where),
            gap_ms=self.duration(fields, where, "gap") or 0,
            crossfade_ms=self.duration(fields, where, "crossfade") or 0,
            **edit,
        )

    def iswc(self, fields: _Map, where: str) -> str | None:
        """The ``iswc`` of a work or a cue's ids, checked for its shape (``T-345.246.800-1``)."""
        node = fields.get("iswc")
        if node is None:
            return None
        iswc = self.text(node, where, "iswc").strip()
        if not _ISWC_RE.match(iswc):
            raise self.fail(node, where, f"'iswc' must be like T-345.246.800-1, got {iswc!r}")
        return iswc

    def kind_keys(self, node: MappingNode, where: str) -> list[str]:
        """The kind keys of a cue (``music:``...: the short form); none with a long-form key."""
        kind_keys = [
            k.value for k, _ in node.value if isinstance(k, ScalarNode) and k.value in SHORT_KEYS
        ]
        if kind_keys:
            for key_node, _ in node.value:
                if isinstance(key_node, ScalarNode) and key_node.value in _LONG_ONLY:
                    raise self.fail(
                        key_node,
                        where,
                        f"{key_node.value!r} does not go with the short form "
                        f"'{kind_keys[0]}: ...'; write either that or 'title:' and 'kind:'",
                    )
        return kind_keys

    def cue_number(self, node: Node, fields: _Map, where: str, numbering: _Numbering) -> str:
        """The cue's ``number``, or the next free one; a malformed or used number fails."""
        number_node = fields.get("number")
        if number_node is None:
            return numbering.next(node)
        number = self.text(number_node, where, "number").strip()
        if not is_valid_cue_number(number):
            raise self.fail(number_node, where, f"'number' must be like 7 or 4.1, got {number!r}")
        clash = numbering.take(number, number_node)
        if clash is not None:
            raise self.fail(
                number_node, where, f"cue number {number} is already used at line {clash}"
            )
        return number

    def duration_source(
        self, fields: _Map, where: str, duration_ms: int | None
    ) -> DurationSource | None:
        """The cue's ``duration_source``: ``planned`` when a duration comes without one."""
        source_node = fields.get("duration_source")
        if source_node is None:
            return None if duration_ms is None else DurationSource.PLANNED
        if duration_ms is None:
            raise self.fail(source_node, where, "'duration_source' needs a 'duration'")
        return self.choice(source_node, where, "duration_source", DurationSource)

    def edit(
        self, fields: _Map, where: str, duration_ms: int | None
    ) -> tuple[int | None, dict[str, Any]]:
        """(duration, the cue's edit fields): ``in``/``out``/``fade_in``/``fade_out``/``cart``.

        ``out`` makes the duration ``out - in`` (a ``duration`` given too must agree);
        the fades must fit in the duration when it is known.
        """
        in_ms = self.duration(fields, where, "in") or 0
        out_ms = self.duration(fields, where, "out")
        if out_ms is not None:
            out_node = fields.get("out")
            assert out_node is not None
            if out_ms <= in_ms:
                raise self.fail(out_node, where, "'out' must come after 'in' in the file")
            if duration_ms is not None and duration_ms != out_ms - in_ms:
                duration_node = fields.get("duration")
                assert duration_node is not None
                raise self.fail(
                    duration_node,
                    where,
                    f"'duration' {_span(duration_ms)} disagrees with out - in "
                    f"({_span(out_ms - in_ms)}); give one or the other",
                )
            duration_ms = out_ms - in_ms
        fade_in = self.duration(fields, where, "fade_in") or 0
        fade_out = self.duration(fields, where, "fade_out") or 0
        if duration_ms is not None and fade_in + fade_out > duration_ms:
            node = fields.get("fade_out") or fields.get("fade_in")
            assert node is not None
            raise self.fail(
                node, where, f"fade_in + fade_out are longer than the cue ({_span(duration_ms)})"
            )
        cart_node = fields.get("cart")
        cart = None if cart_node is None else self.integer(cart_node, where, "cart", 999_999)
        edit = {"in_ms": in_ms, "out_ms": out_ms, "fade_in_ms": fade_in, "fade_out_ms": fade_out}
        return duration_ms, {**edit, "cart": cart}

    def short(self, fields: _Map, where: str, key: str) -> tuple[str, tuple[Credit, ...], str]:
        """``(title, credits, source_text)`` of ``music: "Names - Title"`` and the like."""
        node = self.required(fields, where, key, "the cue's text")
        text = self.text(node, where, key)
        if not text.strip():
            raise self.fail(node, where, f"{key!r} must not be empty")
        if key not in _SHORT_ROLES:
            return text, (), ""
        kind, role, source = _SHORT_ROLES[key]
        try:
            names, title, _country = parse_line(text)
        except InputError as error:
            raise self.fail(
                node,
                where,
                f"{key!r} {error.message}; for a cue without names write "
                f"'title:' and 'kind: {kind.value}'",
            ) from error
        return title, tuple(Credit(name, role, source) for name in names), text

    def credits(self, fields: _Map, where: str) -> tuple[Credit, ...]:
        """``{composer: [..], performer: ..}`` or ``[{composer: A}, {performer: B}]``.

        A mapping may say where its roles came from with ``from:`` (default ``stated``).
        """
        node = fields.get("credits")
        if node is None:
            return ()
        groups = node.value if isinstance(node, SequenceNode) else [node]
        credits: list[Credit] = []
        for group in groups:
            roles = self.mapping(group, where, (*ROLE_KEYS, FROM_KEY), "credits by role")
            from_node = roles.get(FROM_KEY)
            source = (
                RoleSource.STATED
                if from_node is None
                else self.choice(from_node, where, FROM_KEY, RoleSource)
            )
            for role_name, (_, names_node) in roles.entries.items():
                if role_name == FROM_KEY:
                    continue
                names = self.texts(names_node, where, role_name)
                credits.extend(Credit(name, Role(role_name), source) for name in names)
        return tuple(credits)

    def mbid(self, node: Node, where: str, key: str) -> str:
        value = self.text(node, where, key).strip().lower()
        if not _MBID_RE.match(value):
            raise self.fail(
                node, where, f"{key!r} must be a MusicBrainz id (a UUID), got {node.value!r}"
            )
        return value

    def ids(self, fields: _Map, where: str) -> Identifiers:
        node = fields.get("ids")
        if node is None:
            return Identifiers()
        ids = self.mapping(node, where, IDS_KEYS, "identifiers")
        work = ids.get("work")
        recording = ids.get("recording")
        artists = ids.get("artists")
        isrc_node = ids.get("isrc")
        isrc = None
        if isrc_node is not None:
            isrc = self.text(isrc_node, where, "isrc").replace("-", "").strip().upper()
            if not _ISRC_RE.match(isrc):
                raise self.fail(
                    isrc_node, where, f"'isrc' must be like GBAYE6900542, got {isrc_node.value!r}"
                )
        iswc = self.iswc(ids, where)
        return Identifiers(
            work_mbid=None if work is None else self.mbid(work, where, "work"),
            recording_mbid=None if recording is None else self.mbid(recording, where, "recording"),
            artist_mbids=()
            if artists is None
            else tuple(
                self.mbid(item, where, "artists")
                for item in (artists.value if isinstance(artists, SequenceNode) else [artists])
            ),
            isrc=isrc,
            iswc=iswc,
        )

    def match(self, fields: _Map, where: str) -> Match | None:
        node = fields.get("match")
        if node is None:
            return None
        match = self.mapping(node, where, MATCH_KEYS, "a MusicBrainz match")
        status = self.choice(
            self.required(match, where, "status", "resolved, ambiguous or unresolved"),
            where,
            "status",
            MatchStatus,
        )
        score_node = match.get("score")
        candidates_node = match.get("candidates")
        candidates = []
        for item in (
            [] if candidates_node is None else self.sequence(candidates_node, where, "candidates")
        ):
            fields_c = self.mapping(item, where, CANDIDATE_KEYS, "a candidate")
            work = fields_c.get("work")
            recording = fields_c.get("recording")
            candidates.append(
                Candidate(
                    title=self.required_text(fields_c, where, "title", "the candidate's title"),
                    score=self.integer(
                        self.required(fields_c, where, "score", "0-100"), where, "score", 100
                    ),
                    work_mbid=None if work is None else self.mbid(work, where, "work"),
                    recording_mbid=None
                    if recording is None
                    else self.mbid(recording, where, "recording"),
                    why=self.optional_text(fields_c, where, "why"),
                )
            )
        length = self.duration(match, where, "duration")
        length_source_node = match.get("duration_source")
        length_source = None
        if length_source_node is not None:
            if length is None:
                raise self.fail(length_source_node, where, "'duration_source' needs a 'duration'")
            length_source = self.choice(
                length_source_node, where, "duration_source", DurationSource
            )
        return Match(
            status=status,
            score=0 if score_node is None else self.integer(score_node, where, "score", 100),
            candidates=tuple(candidates),
            note=self.optional_text(match, where, "note"),
            duration_ms=length,
            duration_source=length_source,
        )


class _Numbering:
    """Running cue numbers: an omitted number is the next whole number after the last cue's."""

    def __init__(self) -> None:
        self.last = Decimal(0)
        self.used: dict[Decimal, int] = {}

    def peek(self) -> str:
        return str(int(self.last) + 1)

    def take(self, number: str, node: Node) -> int | None:
        """Record ``number``; the line where it was used before, if it was."""
        key = Decimal(number)
        if key in self.used:
            return self.used[key]
        self.used[key] = _line(node)
        self.last = key
        return None

    def next(self, node: Node) -> str:
        number = self.peek()
        while Decimal(number) in self.used:
            number = str(int(number) + 1)
        self.take(number, node)
        return number


def _peek(node: Node, key: str) -> str | None:
    """The text under ``key`` of a mapping node before it is validated, for messages."""
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if (
                isinstance(key_node, ScalarNode)
                and key_node.value == key
                and isinstance(value_node, ScalarNode)
                and value_node.tag != _NULL_TAG
                and str(value_node.value).strip()
            ):
                return str(value_node.value)
    return None


def _parse_date(text: str) -> date:
    if not _DATE_RE.match(text.strip()):
        raise ValueError(f"must be YYYY-MM-DD, got {text!r}")
    try:
        return date.fromisoformat(text.strip())
    except ValueError as error:
        raise ValueError(f"must be a real date YYYY-MM-DD, got {text!r}") from error


def _unknown_key(key: str, allowed: Sequence[str]) -> str:
    import difflib  # only for a mistake

    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if close:
        return f"unknown key {key!r} (did you mean {close[0]!r}?)"
    return f"unknown key {key!r}; expected one of {', '.join(allowed)}"


def _bad_timezone(name: str, day_text: str | None) -> str:
    try:
        day = _parse_date(day_text) if day_text else None
    except ValueError:
        day = None
    hint = zones.describe(zones.suggest(name, day))
    return f"'timezone' must be an IANA name such as Europe/Moscow, got {name!r}" + (
        f" ({hint})" if hint else ""
    )


NEXT_DAY_WARNING_MS = 12 * 3_600_000
"""A fixed time or hard out this long after the start (ms) gets a "next day?" warning."""

_MINUTES_LIKE_RE = re.compile(r"^(\d{1,2})\.([0-5]\d)$")


def _minutes_hint(text: str) -> str:
    """``did you mean 4:43?`` for a duration typed ``4.43`` (read as seconds), else ``""``."""
    found = _MINUTES_LIKE_RE.match(text.strip())
    if not found:
        return ""
    return (
        f"{text.strip()} is read as {found[1]}.{found[2]} seconds; did you mean "
        f"{found[1]}:{found[2]}? (write {found[1]}:{found[2]} for minutes and seconds, "
        f"or {found[1]}.{found[2]}0 to keep seconds)"
    )


def _yaml_hint(error: yaml.MarkedYAMLError) -> str:
    """A hint for the YAML mistakes people make most: an unquoted ``: `` inside a value."""
    if "mapping values are not allowed" in (error.problem or ""):
        return "; a value that contains ': ' must be quoted, e.g. title: \"Act 1: The Sea\""
    return ""


# --------------------------------------------------------------------------- writing


class _Flow(list[str]):
    """A list written inline: ``[a, b]``."""


class _Dumper(yaml.SafeDumper):
    """Indents lists under their key and writes multi-line text as ``|`` blocks."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


_PLAIN_RE = re.compile(r"^(?:\d{1,2}:\d{2}(?::\d{2})?(?:\.\d{1,3})?|\d{4}-\d{2}-\d{2}|\d+\.\d+)$")
"""Times, durations, dates and cue numbers: written unquoted, as people write them."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if _PLAIN_RE.match(value):
        # Tagged as YAML 1.1 would read it, so the emitter leaves it unquoted;
        # the reader takes the text as written and never the typed value.
        resolve: Any = dumper.resolve  # untyped in the stubs
        tag: str = resolve(yaml.ScalarNode, value, (True, False))
        return dumper.represent_scalar(tag, value)
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_flow(dumper: yaml.SafeDumper, value: _Flow) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(_Flow, _represent_flow)


def dumps(show: Show) -> str:
    """Show-file text for ``show``; :func:`loads` reads it back to an equal show.

    Raises :class:`ExportError` for what a show file cannot say: instants not on
    a whole second, fixed times more than a day after the start, negative
    durations, ``at_label`` without a fixed time, invalid or repeated cue numbers.
    """
    if not show.title.strip():
        raise ExportError("a show needs a title")
    try:
        clock.zone(show.timezone)
    except ValueError as error:
        raise ExportError(str(error), cause=error) from error
    document: dict[str, object] = {"title": show.title}
    for key in ("venue", "channel", "production", "contact"):
        if getattr(show, key):
            document[key] = getattr(show, key)
    start = clock.from_ms(show.start_ms, show.timezone)
    if show.dated:  # an undated show has no date to write: its times are times of day
        document["date"] = start.date().isoformat()
    document["timezone"] = show.timezone
    document["start"] = start_text = _clock_text(show.start_ms, show, "start")
    if clock.local_to_ms(start.date(), clock.parse_hhmm(start_text), show.timezone) != (
        show.start_ms
    ):
        raise ExportError(f"start {start.isoformat()} is not a unique local wall-clock time")
    if show.hard_out_ms is not None:
        document["hard_out"] = _later_clock_text(show.hard_out_ms, show, "hard_out")
    if show.ignore_rules:
        document["ignore"] = _Flow(show.ignore_rules)
    if show.notes:
        document["notes"] = show.notes
    if show.works:
        document["works"] = [_work_dict(work) for work in show.works]
    numbering = _DumpNumbering()
    document["segments"] = [_segment_dict(segment, show, numbering) for segment in show.segments]
    text = yaml.dump(
        document,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1_000_000,  # never fold long titles across lines
    )
    return text


def dump(show: Show, path: str | Path) -> None:
    """Write ``show`` to ``path`` atomically (see :func:`cuesheet.outputs.atomic.write_atomic`).

    Nothing is written when :func:`dumps` fails, and a failed write leaves
    neither half a file nor the temporary file behind.
    """
    from cuesheet.outputs.atomic import write_atomic

    try:
        text = dumps(show)
    except ExportError as error:
        if error.path is not None:
            raise
        raise ExportError(error.message, path=path, cause=error) from error
    write_atomic(path, text)


def _clock_text(instant_ms: int, show: Show, what: str) -> str:
    if instant_ms % 1000:
        raise ExportError(f"{what} must be on a whole second to be written as HH:MM:SS")
    moment = clock.from_ms(instant_ms, show.timezone)
    return moment.strftime("%H:%M" if moment.second == 0 else "%H:%M:%S")


def _later_clock_text(instant_ms: int, show: Show, what: str) -> str:
    """Wall clock of an instant that :func:`clock.after` maps back from the start."""
    text = _clock_text(instant_ms, show, what)
    if clock.after(show.start_ms, clock.parse_hhmm(text), show.timezone) != instant_ms:
        raise ExportError(
            f"{what} must fall within the day after the start to be written as {text}"
        )
    return text


def _span(ms: int) -> str:
    """A duration as written in a show file (``M:SS``, ``.mmm`` when not whole seconds)."""
    return _duration_text(ms, "duration")


def _duration_text(ms: int, what: str) -> str:
    """Exact duration text: ``M:SS`` or ``H:MM:SS``, with ``.mmm`` when not whole seconds."""
    if ms < 0:
        raise ExportError(f"{what} must not be negative, got {ms} ms")
    fraction = ms % 1000
    text = format_rounded_duration(ms - fraction)  # whole seconds: no rounding happens
    return f"{text}.{fraction:03d}" if fraction else text


def _segment_dict(segment: Segment, show: Show, numbering: _DumpNumbering) -> dict[str, object]:
    if not segment.title.strip():
        raise ExportError("a segment needs a title")
    out: dict[str, object] = {"title": segment.title}
    if segment.at_ms is not None:
        out["at"] = _later_clock_text(segment.at_ms, show, f"segment {segment.title!r}: at")
    if segment.at_label:
        if segment.at_ms is None:
            raise ExportError(f"segment {segment.title!r}: at_label without a fixed time")
        out["at_label"] = segment.at_label
    if segment.budget_ms is not None:
        out["budget"] = _duration_text(segment.budget_ms, f"segment {segment.title!r}: budget")
    if segment.usage is not None:
        out["usage"] = segment.usage.value
    if segment.notes:
        out["notes"] = segment.notes
    if segment.cues:
        out["cues"] = [_cue_dict(cue, numbering) for cue in segment.cues]
    return out


class _DumpNumbering:
    """Mirrors :class:`_Numbering` to leave out numbers that reading would give anyway."""

    def __init__(self) -> None:
        self.last = Decimal(0)
        self.used: set[Decimal] = set()

    def written(self, number: str) -> bool:
        """Whether ``number`` must be written; records it."""
        if not is_valid_cue_number(number):
            raise ExportError(f"cue number {number!r} is not like 7 or 4.1")
        key = Decimal(number)
        if key in self.used:
            raise ExportError(f"cue number {number} is used twice")
        default = int(self.last) + 1
        while Decimal(default) in self.used:
            default += 1
        self.used.add(key)
        self.last = key
        return number != str(default)


def _short_text(cue: Cue) -> tuple[str, str, tuple[Credit, ...]] | None:
    """``(key, text, extra credits)`` when a short form gives back the cue's title and credits."""
    if cue.kind not in (CueKind.MUSIC, CueKind.ANTHEM):
        if cue.source_text or not cue.title.strip():
            return None
        return cue.kind.value, cue.title, cue.credits
    if not cue.source_text:
        return None
    try:
        names, title, _country = parse_line(cue.source_text)
    except InputError:
        return None
    if title != cue.title:
        return None
    for key, (kind, role, source) in _SHORT_ROLES.items():
        parsed = tuple(Credit(name, role, source) for name in names)
        if kind is cue.kind and cue.credits[: len(parsed)] == parsed:
            return key, cue.source_text, cue.credits[len(parsed) :]
    return None


def _credits_value(credits: Sequence[Credit]) -> object:
    """One mapping when that keeps the order, else a list of mappings (one per run of a source).

    A mapping of roles not stated by a person says where they came from in ``from:``.
    """
    runs: list[list[Credit]] = []
    for credit in credits:
        if runs and runs[-1][0].source is credit.source:
            runs[-1].append(credit)
        else:
            runs.append([credit])
    groups = [group for run in runs for group in _role_groups(run)]
    return groups[0] if len(groups) == 1 else groups


def _role_groups(credits: Sequence[Credit]) -> list[dict[str, object]]:
    """Credits of one source grouped by role when that keeps the order, else one per name."""
    source = credits[0].source
    grouped: dict[str, list[str]] = {}
    order: list[Role] = []
    for credit in credits:
        if order and order[-1] is not credit.role and credit.role in order:
            groups: list[dict[str, object]] = [{c.role.value: c.name} for c in credits]
            break
        if not order or order[-1] is not credit.role:
            order.append(credit.role)
        grouped.setdefault(credit.role.value, []).append(credit.name)
    else:
        groups = [
            {role: names[0] if len(names) == 1 else _Flow(names) for role, names in grouped.items()}
        ]
    if source is not RoleSource.STATED:
        for group in groups:
            group[FROM_KEY] = source.value
    return groups


def _cue_dict(cue: Cue, numbering: _DumpNumbering) -> dict[str, object]:
    out: dict[str, object] = {}
    where = f"cue {cue.number}"
    if not cue.title.strip():
        raise ExportError(f"{where}: a cue needs a title")
    short = _short_text(cue)
    if short is not None:
        out[short[0]] = short[1]
        extra = short[2]
    else:
        out["title"] = cue.title
        out["kind"] = cue.kind.value
        if cue.source_text:
            out["source"] = cue.source_text
        extra = cue.credits
    if numbering.written(cue.number):
        out["number"] = cue.number
    if extra:
        out["credits"] = _credits_value(extra)
    if cue.duration_ms is not None:
        out["duration"] = _duration_text(cue.duration_ms, f"{where}: duration")
        if cue.duration_source not in (None, DurationSource.PLANNED):
            out["duration_source"] = cue.duration_source.value
    if cue.gap_ms:
        out["gap"] = _duration_text(cue.gap_ms, f"{where}: gap")
    if cue.crossfade_ms:
        out["crossfade"] = _duration_text(cue.crossfade_ms, f"{where}: crossfade")
    for key, value in (("in", cue.in_ms), ("out", cue.out_ms)):
        if value:
            out[key] = _duration_text(value, f"{where}: {key}")
    for key, value in (("fade_in", cue.fade_in_ms), ("fade_out", cue.fade_out_ms)):
        if value:
            out[key] = _duration_text(value, f"{where}: {key}")
    if cue.cart is not None:
        out["cart"] = str(cue.cart)
    if cue.file:
        out["file"] = cue.file
    if cue.usage is not None:
        out["usage"] = cue.usage.value
    if not cue.ids.is_empty():
        out["ids"] = dict(_ids_items(cue.ids))
    if cue.notes:
        out["notes"] = cue.notes
    if cue.match is not None:
        out["match"] = _match_dict(cue.match)
    return out


def _work_dict(work: WorkRights) -> dict[str, object]:
    out: dict[str, object] = {"title": work.title}
    if work.work_mbid:
        out["work"] = work.work_mbid
    if work.iswc:
        out["iswc"] = work.iswc
    if work.public_domain is not None:
        out["public_domain"] = work.public_domain
    writers = []
    for writer in work.writers:
        item: dict[str, object] = {"name": writer.name, "role": writer.role.value}
        for key in ("ipi", "society", "publisher", "publisher_ipi", "died"):
            if getattr(writer, key):
                item[key] = getattr(writer, key)
        if writer.share_bp is not None:
            whole, part = divmod(writer.share_bp, 100)
            item["share"] = f"{whole}.{part:02d}" if part else str(whole)
        if writer.source is not RoleSource.STATED:
            item["from"] = writer.source.value
        writers.append(item)
    if writers:
        out["writers"] = writers
    return out


def _ids_items(ids: Identifiers) -> Iterator[tuple[str, object]]:
    if ids.work_mbid:
        yield "work", ids.work_mbid
    if ids.recording_mbid:
        yield "recording", ids.recording_mbid
    if ids.artist_mbids:
        yield "artists", list(ids.artist_mbids)
    if ids.isrc:
        yield "isrc", ids.isrc
    if ids.iswc:
        yield "iswc", ids.iswc


def _match_dict(match: Match) -> dict[str, object]:
    out: dict[str, object] = {"status": match.status.value, "score": match.score}
    if match.note:
        out["note"] = match.note
    if match.duration_ms is not None:
        out["duration"] = _duration_text(match.duration_ms, "match: duration")
        if match.duration_source is not None:
            out["duration_source"] = match.duration_source.value
    if match.candidates:
        candidates = []
        for candidate in match.candidates:
            item: dict[str, object] = {"title": candidate.title, "score": candidate.score}
            if candidate.work_mbid:
                item["work"] = candidate.work_mbid
            if candidate.recording_mbid:
                item["recording"] = candidate.recording_mbid
            if candidate.why:
                item["why"] = candidate.why
            candidates.append(item)
        out["candidates"] = candidates
    return out
