"""The show model as JSON: the lossless export, and its reader.

``dumps`` writes the whole model (and, when given, the computed timing) with
instants as epoch milliseconds *and* readable ISO 8601 local/UTC strings;
``loads`` reads the model back (the timing block is derived, so it is ignored).
Each credit carries ``role_source`` (``convention``, ``stated`` or ``musicbrainz``;
``stated`` when missing, as in files written before it existed).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from cuesheet import __version__
from cuesheet.errors import InputError
from cuesheet.model import (
    NO_IDS,
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
)
from cuesheet.timing import clock
from cuesheet.timing.engine import Timing
from playlists._bulk import frozen_builder

FORMAT = "cuesheet/show"
FORMAT_VERSION = 1


_SNIFF_CHARS = 65_536
"""How much of a file's head :func:`is_cuesheet_json` and :func:`sniff` look at."""
_FORMAT_RE = re.compile(r'"format"\s*:\s*"cuesheet/show"')


def is_cuesheet_json(text: str) -> bool:
    """True when ``text`` is a JSON object written by cuesheet's JSON export (its ``format``).

    The one test of "is this a cuesheet JSON", for every reader that must tell
    it from a JSON playlist.  A large text is judged by its head (the export
    writes ``"format"`` first), so it is not parsed just to learn what it is.
    """
    head = text[:_SNIFF_CHARS].lstrip("\ufeff \t\r\n")
    if not head.startswith("{"):
        return False
    if _FORMAT_RE.search(head) is not None:
        return True
    if len(text) > _SNIFF_CHARS:
        return False
    from playlists._limits import loads_json
    from playlists.errors import ParseError

    try:
        data = loads_json(text, None)
    except ParseError:
        return False  # the reader that takes it says what is wrong, and where
    return isinstance(data, dict) and data.get("format") == FORMAT


def sniff(path: str | Path, encoding: str | None = None) -> bool:
    """:func:`is_cuesheet_json` on the first bytes of the file at ``path`` (False if unreadable).

    ``encoding`` overrides the byte-order mark or UTF-16 guess; UTF-8 otherwise.
    """
    from cuesheet.inputs.files import read_head

    head = read_head(path, _SNIFF_CHARS * 4, encoding)
    return head is not None and is_cuesheet_json(head[0])


def _instant(value: int | None, tz: str, dated: bool = True) -> dict[str, Any] | None:
    """An instant as ``ms`` with its local and UTC ISO 8601 text; for an undated show (see
    :attr:`Show.dated`) the local time of day only, ``HH:MM:SS``, and no date at all."""
    if value is None:
        return None
    if not dated:
        return {"ms": value, "local": clock.local_text(value, tz, dated)}
    return {"ms": value, "local": clock.iso_local(value, tz), "utc": clock.iso_utc(value)}


def _cue(cue: Cue) -> dict[str, Any]:
    ids = cue.ids
    out: dict[str, Any] = {
        "number": cue.number,
        "kind": cue.kind.value,
        "title": cue.title,
        "credits": [
            {"name": c.name, "role": c.role.value, "role_source": c.source.value}
            for c in cue.credits
        ],
        "duration_ms": cue.duration_ms,
        "duration_source": cue.duration_source.value if cue.duration_source else None,
        "ids": {
            "work_mbid": ids.work_mbid,
            "recording_mbid": ids.recording_mbid,
            "artist_mbids": list(ids.artist_mbids),
            "isrc": ids.isrc,
            "iswc": ids.iswc,
        },
        "file": cue.file,
        "usage": cue.usage.value if cue.usage else None,
        "notes": cue.notes,
        "source_text": cue.source_text,
        "gap_ms": cue.gap_ms,
        "crossfade_ms": cue.crossfade_ms,
        "in_ms": cue.in_ms,
        "out_ms": cue.out_ms,
        "fade_in_ms": cue.fade_in_ms,
        "fade_out_ms": cue.fade_out_ms,
        "cart": cue.cart,
        **({} if cue.file_start_ms is None else {"file_start_ms": cue.file_start_ms}),
        "match": None,
    }
    if cue.match is not None:
        out["match"] = {
            "status": cue.match.status.value,
            "score": cue.match.score,
            "note": cue.match.note,
            "duration_ms": cue.match.duration_ms,
            "duration_source": (
                cue.match.duration_source.value if cue.match.duration_source else None
            ),
            "candidates": [
                {
                    "title": c.title,
                    "score": c.score,
                    "work_mbid": c.work_mbid,
                    "recording_mbid": c.recording_mbid,
                    "why": c.why,
                }
                for c in cue.match.candidates
            ],
        }
    return out


def _rights_fields(show: Show) -> dict[str, Any]:
    """``channel``, ``production``, ``contact`` and ``works``, when the show has them."""
    keys = ("channel", "production", "contact")
    out: dict[str, Any] = {key: getattr(show, key) for key in keys if getattr(show, key)}
    if show.works:
        out["works"] = [
            {
                "title": work.title,
                "work_mbid": work.work_mbid,
                "iswc": work.iswc,
                "public_domain": work.public_domain,
                "writers": [
                    {
                        "name": w.name,
                        "role": w.role.value,
                        "ipi": w.ipi,
                        "society": w.society,
                        "share_bp": w.share_bp,
                        "publisher": w.publisher,
                        "publisher_ipi": w.publisher_ipi,
                        "died": w.died,
                        "source": w.source.value,
                    }
                    for w in work.writers
                ],
            }
            for work in show.works
        ]
    return out


def to_dict(show: Show, timing: Timing | None = None) -> dict[str, Any]:
    """The JSON-ready dict of a show (and its timing, when given)."""
    out = _document(show, timing)
    out["segments"] = [{**segment, "cues": list(segment["cues"])} for segment in out["segments"]]
    return out


class _Items(list[Any]):
    """A JSON array written item by item as :func:`chunks` reaches it (never held whole)."""

    def __init__(self, items: Iterator[Any]) -> None:
        super().__init__()
        self.items = items

    def __iter__(self) -> Iterator[Any]:
        return self.items


class _Object(dict[str, Any]):
    """A JSON object holding an :class:`_Items` somewhere inside: written key by key."""


def _document(show: Show, timing: Timing | None) -> _Object:
    """The document with its segments and cues as :class:`_Items`, made as they are written."""
    tz = show.timezone
    out = _Object(
        {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "generator": f"cuesheet {__version__}",
            "title": show.title,
            "venue": show.venue,
            "timezone": tz,
            **({} if show.dated else {"dated": False}),
            "start": _instant(show.start_ms, tz, show.dated),
            "hard_out": _instant(show.hard_out_ms, tz, show.dated),
            "ignore_rules": list(show.ignore_rules),
            "notes": show.notes,
            "segments": _Items(_segment(show, si, timing) for si in range(len(show.segments))),
        }
    )
    out.update(_rights_fields(show))
    if timing is not None:
        out["timing"] = {
            "end": _instant(timing.end_ms, tz, show.dated),
            "fixed": [
                {
                    "label": f.label,
                    "at": _instant(f.at_ms, tz, show.dated),
                    "reached": _instant(f.reached_ms, tz, show.dated),
                    "over_ms": f.over_ms,
                    "available_ms": f.available_ms,
                    "unknown_cues": f.unknown_cues,
                }
                for f in timing.fixed
            ],
        }
    return out


def _segment(show: Show, si: int, timing: Timing | None) -> _Object:
    tz = show.timezone
    segment = show.segments[si]
    seg = _Object(
        {
            "title": segment.title,
            "at": _instant(segment.at_ms, tz, show.dated),
            "at_label": segment.at_label,
            "budget_ms": segment.budget_ms,
            "notes": segment.notes,
            "cues": _Items(_timed_cue(show, si, ci, timing) for ci in range(len(segment.cues))),
        }
    )
    if segment.usage is not None:
        seg["usage"] = segment.usage.value
    if timing is not None:
        st = timing.segments[si]
        seg["timing"] = {
            "start": _instant(st.start_ms, tz, show.dated),
            "length_ms": st.length_ms,
            "length_source": st.length_source.value,
            "over_budget_ms": st.over_budget_ms,
        }
    return seg


def _timed_cue(show: Show, si: int, ci: int, timing: Timing | None) -> dict[str, Any]:
    cue_out = _cue(show.segments[si].cues[ci])
    if timing is not None:
        ct = timing.cue(si, ci)
        tz = show.timezone
        cue_out["timing"] = {
            "front": _instant(ct.front_ms, tz, show.dated),
            "back": _instant(ct.back_ms, tz, show.dated),
        }
    return cue_out


def chunks(value: Any, depth: int = 0) -> Iterator[str]:
    """``value`` as ``json.dumps(value, ensure_ascii=False, indent=2)`` writes it, in pieces.

    An :class:`_Object` or :class:`_Items` is written member by member, anything
    else whole; a JSON string never holds a raw line break, so a member's text is
    indented by putting the padding after each line break.
    """
    pad = "\n" + "  " * (depth + 1)
    if isinstance(value, _Items):
        opened = False
        for item in value:
            yield ("," if opened else "[") + pad
            opened = True
            yield from chunks(item, depth + 1)
        yield "\n" + "  " * depth + "]" if opened else "[]"
    elif isinstance(value, _Object):
        yield "{"
        for n, (key, member) in enumerate(value.items()):
            yield ("," if n else "") + pad + json.dumps(key, ensure_ascii=False) + ": "
            yield from chunks(member, depth + 1)
        yield "\n" + "  " * depth + "}" if value else "}"
    else:
        yield _pretty(value, "\n" + "  " * depth)


_encode_text = json.encoder.encode_basestring  # json's own (C when accelerated)


def _pretty(value: Any, newline: str) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)`` with ``newline`` after each break.

    The standard encoder writes indented JSON in pure Python, a generator per
    level; this writes the same text with one call per value (the export's hot path).
    """
    if isinstance(value, str):
        return _encode_text(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    inner = newline + "  "
    if isinstance(value, dict):
        if not value:
            return "{}"
        members = [f"{_encode_text(str(k))}: {_pretty(v, inner)}" for k, v in value.items()]
        return "{" + inner + ("," + inner).join(members) + newline + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        items = [_pretty(item, inner) for item in value]
        return "[" + inner + ("," + inner).join(items) + newline + "]"
    return json.dumps(value, ensure_ascii=False)  # a float, as json writes it


def dumps(show: Show, timing: Timing | None = None) -> str:
    """The show as pretty-printed JSON text (UTF-8 safe, non-ASCII kept)."""
    return "".join(chunks(_document(show, timing))) + "\n"


def dump(show: Show, path: str | Path, timing: Timing | None = None) -> None:
    """Write :func:`dumps` to ``path`` atomically, as it goes: the text is never held whole."""
    from cuesheet.outputs.atomic import atomic_writer

    with atomic_writer(path) as out:
        write(show, out.write, timing)


def write(show: Show, emit: Callable[[str], object], timing: Timing | None = None) -> None:
    """Pass :func:`dumps`'s text to ``emit`` in pieces of about 64 KiB."""
    pending: list[str] = []
    size = 0
    for piece in chunks(_document(show, timing)):
        pending.append(piece)
        size += len(piece)
        if size > 65_536:
            emit("".join(pending))
            pending, size = [], 0
    pending.append("\n")
    emit("".join(pending))


_new_credit: Callable[[str, Role, RoleSource], Credit] = frozen_builder(Credit)
"""``Credit(name, role, source)`` without the frozen ``__init__`` (a show has thousands)."""
_new_cue: Callable[..., Cue] = frozen_builder(Cue)
"""``Cue(...)`` of every field, by name, without the frozen ``__init__``."""


def _ids(ids: Mapping[str, Any]) -> Identifiers:
    """The identifiers of a cue's ``ids`` object; the shared :data:`NO_IDS` when it has none."""
    work, recording, artists = (
        ids.get("work_mbid"),
        ids.get("recording_mbid"),
        ids.get("artist_mbids"),
    )
    isrc, iswc = ids.get("isrc"), ids.get("iswc")
    if work is None and recording is None and not artists and isrc is None and iswc is None:
        return NO_IDS  # the usual case, equal to Identifiers()
    return Identifiers(work, recording, tuple(artists or ()), isrc, iswc)


class _Reader:
    """Reads a JSON document back into the model with path-named errors."""

    def __init__(self, path: str | None) -> None:
        self.path = path

    def fail(self, where: str, expected: str) -> InputError:
        return InputError(f"{where}: expected {expected}", path=self.path)

    def obj(self, value: Any, where: str) -> Mapping[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, "an object")
        return value

    def text(self, data: Mapping[str, Any], key: str, where: str, default: str = "") -> str:
        value = data.get(key, default)
        if type(value) is str:  # the usual case first: thousands of cues
            return value
        if value is None:
            return default
        if not isinstance(value, str):
            raise self.fail(f"{where}.{key}", "a string")
        return value

    def opt_int(self, data: Mapping[str, Any], key: str, where: str) -> int | None:
        value = data.get(key)
        if value is None or type(value) is int:  # the usual cases first (not a bool)
            return value
        if isinstance(value, dict):
            value = value.get("ms")
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.fail(f"{where}.{key}", "an integer number of milliseconds")
        return value

    def enum(self, kind: type[Any], value: Any, where: str) -> Any:
        if value is None:
            return None
        try:  # the member by its value at once (what kind(value) tries first): thousands of cues
            return kind._value2member_map_[value]
        except (KeyError, TypeError):
            pass
        try:
            return kind(value)
        except ValueError:
            choices = ", ".join(m.value for m in kind)
            raise self.fail(where, f"one of {choices}, got {value!r}") from None

    def cue(self, data: Any, where: str) -> Cue:
        d = self.obj(data, where)
        ids = self.obj(d.get("ids") or {}, f"{where}.ids")
        credits = tuple(
            _new_credit(
                self.text(self.obj(c, f"{where}.credits"), "name", f"{where}.credits"),
                self.enum(Role, c.get("role"), f"{where}.credits.role"),
                self.enum(
                    RoleSource, c.get("role_source", "stated"), f"{where}.credits.role_source"
                ),
            )
            for c in d.get("credits") or []
        )
        match = None
        if d.get("match"):
            m = self.obj(d["match"], f"{where}.match")
            match = Match(
                status=self.enum(MatchStatus, m.get("status"), f"{where}.match.status"),
                score=int(m.get("score") or 0),
                note=self.text(m, "note", f"{where}.match"),
                candidates=tuple(
                    Candidate(
                        title=self.text(c, "title", f"{where}.match.candidates"),
                        score=int(c.get("score") or 0),
                        work_mbid=c.get("work_mbid"),
                        recording_mbid=c.get("recording_mbid"),
                        why=self.text(c, "why", f"{where}.match.candidates"),
                    )
                    for c in m.get("candidates") or []
                ),
                duration_ms=self.opt_int(m, "duration_ms", f"{where}.match"),
                duration_source=self.enum(
                    DurationSource, m.get("duration_source"), f"{where}.match.duration_source"
                ),
            )
        return _new_cue(
            number=self.text(d, "number", where),
            title=self.text(d, "title", where),
            kind=self.enum(CueKind, d.get("kind", "music"), f"{where}.kind"),
            credits=credits,
            duration_ms=self.opt_int(d, "duration_ms", where),
            duration_source=self.enum(DurationSource, d.get("duration_source"), f"{where}"),
            ids=_ids(ids),
            file=d.get("file"),
            usage=self.enum(UsageCode, d.get("usage"), f"{where}.usage"),
            notes=self.text(d, "notes", where),
            source_text=self.text(d, "source_text", where),
            match=match,
            gap_ms=self.opt_int(d, "gap_ms", where) or 0,
            crossfade_ms=self.opt_int(d, "crossfade_ms", where) or 0,
            in_ms=self.opt_int(d, "in_ms", where) or 0,
            out_ms=self.opt_int(d, "out_ms", where),
            fade_in_ms=self.opt_int(d, "fade_in_ms", where) or 0,
            fade_out_ms=self.opt_int(d, "fade_out_ms", where) or 0,
            cart=self.opt_int(d, "cart", where),
            file_start_ms=self.opt_int(d, "file_start_ms", where),
        )

    def show(self, data: Any) -> Show:
        d = self.obj(data, "document")
        if d.get("format") != FORMAT:
            raise self.fail("format", f"{FORMAT!r} (a cuesheet JSON export)")
        tz = self.text(d, "timezone", "document")
        try:
            clock.zone(tz)
        except ValueError:
            raise self.fail("timezone", f"an IANA timezone, got {tz!r}") from None
        start = self.opt_int(d, "start", "document")
        if start is None:
            raise self.fail("start", "the show start")
        segments = []
        for si, raw in enumerate(d.get("segments") or []):
            where = f"segments[{si}]"
            s = self.obj(raw, where)
            segments.append(
                Segment(
                    title=self.text(s, "title", where),
                    cues=tuple(
                        self.cue(c, f"{where}.cues[{ci}]")
                        for ci, c in enumerate(s.get("cues") or [])
                    ),
                    at_ms=self.opt_int(s, "at", where),
                    at_label=self.text(s, "at_label", where),
                    budget_ms=self.opt_int(s, "budget_ms", where),
                    notes=self.text(s, "notes", where),
                    usage=self.enum(UsageCode, s.get("usage"), f"{where}.usage"),
                )
            )
        return Show(
            title=self.text(d, "title", "document"),
            timezone=tz,
            start_ms=start,
            segments=tuple(segments),
            venue=self.text(d, "venue", "document"),
            hard_out_ms=self.opt_int(d, "hard_out", "document"),
            ignore_rules=tuple(d.get("ignore_rules") or ()),
            notes=self.text(d, "notes", "document"),
            channel=self.text(d, "channel", "document"),
            production=self.text(d, "production", "document"),
            contact=self.text(d, "contact", "document"),
            works=tuple(self.work(w, f"works[{i}]") for i, w in enumerate(d.get("works") or [])),
            dated=self.dated(d),
        )

    def dated(self, data: Mapping[str, Any]) -> bool:
        """``dated`` (written only as ``false``, for a show with no date); true when missing."""
        value = data.get("dated", True)
        if not isinstance(value, bool):
            raise self.fail("dated", "true or false")
        return value

    def work(self, data: Any, where: str) -> WorkRights:
        d = self.obj(data, where)
        writers = []
        for wi, raw in enumerate(d.get("writers") or []):
            at = f"{where}.writers[{wi}]"
            w = self.obj(raw, at)
            writers.append(
                WriterShare(
                    name=self.text(w, "name", at),
                    role=self.enum(Role, w.get("role"), f"{at}.role") or Role.COMPOSER,
                    ipi=self.text(w, "ipi", at),
                    society=self.text(w, "society", at),
                    share_bp=self.opt_int(w, "share_bp", at),
                    publisher=self.text(w, "publisher", at),
                    publisher_ipi=self.text(w, "publisher_ipi", at),
                    died=self.text(w, "died", at),
                    source=self.enum(RoleSource, w.get("source"), f"{at}.source")
                    or RoleSource.STATED,
                )
            )
        pd = d.get("public_domain")
        if pd is not None and not isinstance(pd, bool):
            raise self.fail(f"{where}.public_domain", "true, false or null")
        return WorkRights(
            title=self.text(d, "title", where),
            work_mbid=d.get("work_mbid") if isinstance(d.get("work_mbid"), str) else None,
            iswc=d.get("iswc") if isinstance(d.get("iswc"), str) else None,
            writers=tuple(writers),
            public_domain=pd,
        )


def loads(text: str, path: str | None = None) -> Show:
    """Read a show back from cuesheet JSON; raises InputError naming path and line."""
    from playlists._limits import loads_json
    from playlists.errors import ParseError

    try:
        data = loads_json(text, path)
    except ParseError as error:
        raise InputError(error.message, path=path, line=error.line, cause=error) from error
    return _Reader(path).show(data)


def load(path: str | Path) -> Show:
    """Read a show back from a cuesheet JSON file."""
    return loads(Path(path).read_text(encoding="utf-8"), str(path))
