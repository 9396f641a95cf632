"""The playlist model as JSON: lossless, every field of every value written.

::

    {"format": "playlists/playlist", "version": 1,
     "title": "...", "creator": "...", "date": "...", "timezone": "...", "annotation": "...",
     "entries": [{"location": "...", "title": "...", ..., "duration_ms": 252000,
                  "cue": {"segment": "...", ...,
                          "credits": [{"name": "...", "role": "...", "guessed": true,
                                       "source": "musicbrainz"}]}}]}

Times are integer milliseconds, as in the model, but for the playlist's
``date`` (``Playlist.date_ms``), written as ISO 8601 local time with its UTC
offset in the playlist's ``timezone`` (UTC when that is no IANA name), exact to
the millisecond; ``null`` where the model has ``None``.  Reading checks every
field's type and rejects unknown keys, naming
the place (``entries[3].duration_ms``); a syntax error names its line.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Callable
from dataclasses import fields, replace
from typing import Any, TextIO, TypeVar

from playlists import _limits, _time, textfile
from playlists.atomic import atomic_open
from playlists.errors import ParseError
from playlists.model import Credit, CueData, Entry, Playlist

FORMAT = "playlists/playlist"
VERSION = 1

_T = TypeVar("_T")


def _credit(credit: Credit) -> dict[str, Any]:
    out: dict[str, Any] = {"name": credit.name, "role": credit.role}
    if credit.guessed:
        out["guessed"] = True
    if credit.source:
        out["source"] = credit.source
    return out


def _cue(data: CueData) -> dict[str, Any]:
    out: dict[str, Any] = {f.name: getattr(data, f.name) for f in fields(data)}
    out["credits"] = [_credit(c) for c in data.credits]
    return out


def _entry(entry: Entry) -> dict[str, Any]:
    out: dict[str, Any] = {f.name: getattr(entry, f.name) for f in fields(entry)}
    out["identifiers"] = list(entry.identifiers)
    out["cue"] = None if entry.cue is None else _cue(entry.cue)
    out["extras"] = [list(pair) for pair in entry.extras]
    return out


def _date_text(instant_ms: int, timezone: str) -> str:
    try:
        return _time.iso_local(instant_ms, timezone)
    except ValueError:  # no IANA zone: the instant is what must survive
        return _time.iso_utc(instant_ms)


def to_dict(playlist: Playlist) -> dict[str, Any]:
    """The playlist as JSON-ready dicts and lists."""
    out: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    out.update({f.name: getattr(playlist, f.name) for f in fields(playlist)})
    out = {("date" if key == "date_ms" else key): value for key, value in out.items()}  # ISO
    out["date"] = (
        "" if playlist.date_ms is None else _date_text(playlist.date_ms, playlist.timezone)
    )
    out["entries"] = [_entry(e) for e in playlist.entries]
    out["extras"] = [list(pair) for pair in playlist.extras]
    return out


def dumps(playlist: Playlist, *, indent: int | None = 2) -> str:
    """The playlist as JSON text (UTF-8 characters kept, not escaped)."""
    buffer = io.StringIO()
    write(playlist, buffer, indent=indent)
    return buffer.getvalue()


def write(playlist: Playlist, out: TextIO, *, indent: int | None = 2) -> None:
    """Write the playlist as JSON text to an open stream, one entry at a time.

    The text is what ``json.dumps(to_dict(playlist), indent=indent)`` gives, but
    only one entry is held as dicts at a time: memory stays near the model's.
    """
    head = to_dict(replace(playlist, entries=()))
    text = json.dumps(head, ensure_ascii=False, indent=indent) + "\n"
    # The key's quotes are the only unescaped ones spelling this: a string holding
    # it would have its quotes escaped.
    cut = text.index('"entries": []') + len('"entries": [')
    out.write(text[:cut])
    inner = "\n" + " " * (2 * indent) if indent is not None else ""
    for number, entry in enumerate(playlist.entries):
        piece = json.dumps(_entry(entry), ensure_ascii=False, indent=indent)
        if indent is not None:
            piece = inner + piece.replace("\n", inner)
        out.write(("," if indent is not None else ", ") * bool(number) + piece)
    if playlist.entries and indent is not None:
        out.write("\n" + " " * indent)
    out.write(text[cut:])


def dump(
    playlist: Playlist,
    path: str | os.PathLike[str],
    *,
    indent: int | None = 2,
    fsync: bool = True,
) -> None:
    """Write the playlist to ``path`` atomically."""
    with atomic_open(path, newline="\n", fsync=fsync) as out:
        write(playlist, out, indent=indent)


# -- reading ----------------------------------------------------------------------------


class _Reader:
    """Builds model values from parsed JSON, naming the place of the first bad value."""

    def __init__(self, path: str | None) -> None:
        self.path = path

    def fail(self, where: str, message: str) -> ParseError:
        return ParseError(f"{where}: {message}", path=self.path)

    def mapping(self, value: object, where: str, allowed: set[str]) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, f"expected an object, got {type(value).__name__}")
        unknown = sorted(set(value) - allowed)
        if unknown:
            raise self.fail(where, f"unknown key(s) {', '.join(unknown)}")
        return value

    def text(self, data: dict[str, Any], key: str, where: str) -> str:
        value = data.get(key, "")
        if not isinstance(value, str):
            raise self.fail(f"{where}.{key}", f"expected a string, got {json.dumps(value)}")
        return value

    def optional_text(self, data: dict[str, Any], key: str, where: str) -> str | None:
        return None if data.get(key) is None else self.text(data, key, where)

    def integer(self, data: dict[str, Any], key: str, where: str, default: int | None) -> Any:
        value = data.get(key, default)
        if value is None and default is None:
            return None
        if type(value) is not int or value < 0:
            raise self.fail(
                f"{where}.{key}",
                f"expected a whole number of milliseconds (0 or more), got {json.dumps(value)}",
            )
        return value

    def array(
        self, data: dict[str, Any], key: str, where: str, item: Callable[[object, str], _T]
    ) -> tuple[_T, ...]:
        value = data.get(key, [])
        if not isinstance(value, list):
            raise self.fail(f"{where}.{key}", f"expected an array, got {json.dumps(value)[:40]}")
        return tuple(item(v, f"{where}.{key}[{i}]") for i, v in enumerate(value))

    def string_item(self, value: object, where: str) -> str:
        if not isinstance(value, str):
            raise self.fail(where, f"expected a string, got {json.dumps(value)}")
        return value

    def pair(self, value: object, where: str) -> tuple[str, str]:
        if not (
            isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value)
        ):
            raise self.fail(where, f"expected [format, text], got {json.dumps(value)[:60]}")
        return value[0], value[1]

    def credit(self, value: object, where: str) -> Credit:
        data = self.mapping(value, where, {"name", "role", "guessed", "source"})
        guessed = data.get("guessed", False)
        if not isinstance(guessed, bool):
            raise self.fail(
                f"{where}.guessed", f"expected true or false, got {json.dumps(guessed)}"
            )
        return Credit(
            self.text(data, "name", where),
            self.text(data, "role", where),
            guessed,
            self.text(data, "source", where),
        )

    def cue(self, value: object, where: str) -> CueData | None:
        if value is None:
            return None
        data = self.mapping(value, where, {f.name for f in fields(CueData)})
        return CueData(
            segment=self.text(data, "segment", where),
            number=self.text(data, "number", where),
            kind=self.text(data, "kind", where),
            start_utc_ms=self.instant(data, "start_utc_ms", where),
            credits=self.array(data, "credits", where, self.credit),
            isrc=self.text(data, "isrc", where),
            iswc=self.text(data, "iswc", where),
            usage=self.text(data, "usage", where),
            duration_source=self.text(data, "duration_source", where),
            gap_ms=self.integer(data, "gap_ms", where, 0),
            crossfade_ms=self.integer(data, "crossfade_ms", where, 0),
            in_ms=self.integer(data, "in_ms", where, 0),
            out_ms=self.integer(data, "out_ms", where, None),
            fade_in_ms=self.integer(data, "fade_in_ms", where, 0),
            fade_out_ms=self.integer(data, "fade_out_ms", where, 0),
            segment_at_ms=self.instant(data, "segment_at_ms", where),
            segment_at_label=self.text(data, "segment_at_label", where),
            segment_budget_ms=self.integer(data, "segment_budget_ms", where, None),
        )

    def instant(self, data: dict[str, Any], key: str, where: str) -> int | None:
        value = data.get(key)
        if value is not None and type(value) is not int:
            raise self.fail(
                f"{where}.{key}",
                f"expected milliseconds since 1970 (an integer) or null, got {json.dumps(value)}",
            )
        return value

    def entry(self, value: object, where: str) -> Entry:
        data = self.mapping(value, where, {f.name for f in fields(Entry)})
        return Entry(
            location=self.optional_text(data, "location", where),
            title=self.text(data, "title", where),
            creator=self.text(data, "creator", where),
            album=self.text(data, "album", where),
            duration_ms=self.integer(data, "duration_ms", where, None),
            start_ms=self.integer(data, "start_ms", where, None),
            identifiers=self.array(data, "identifiers", where, self.string_item),
            annotation=self.text(data, "annotation", where),
            cue=self.cue(data.get("cue"), f"{where}.cue"),
            pregap_ms=self.integer(data, "pregap_ms", where, 0),
            postgap_ms=self.integer(data, "postgap_ms", where, 0),
            index00_ms=self.integer(data, "index00_ms", where, None),
            extras=self.array(data, "extras", where, self.pair),
        )

    def date(self, data: dict[str, Any]) -> int | None:
        """``date``: ISO 8601 with ``Z`` or an offset; ``""`` for none."""
        text = data.get("date")
        if text is None or text == "":
            return None
        if not isinstance(text, str):
            raise self.fail("date", f"expected a string, got {json.dumps(text)}")
        try:
            return _time.parse_iso(text)
        except ValueError as error:
            raise self.fail(
                "date", f"expected an ISO 8601 date-time with a UTC offset: {error}"
            ) from error

    def playlist(self, value: object) -> Playlist:
        allowed = {f.name for f in fields(Playlist)} - {"date_ms"} | {"date", "format", "version"}
        data = self.mapping(value, "top level", allowed)
        if data.get("format") != FORMAT:
            raise self.fail("format", f"expected {FORMAT!r}, got {json.dumps(data.get('format'))}")
        if data.get("version") != VERSION:
            raise self.fail("version", f"expected {VERSION}, got {json.dumps(data.get('version'))}")
        return Playlist(
            title=self.text(data, "title", "playlist"),
            creator=self.text(data, "creator", "playlist"),
            date_ms=self.date(data),
            timezone=self.text(data, "timezone", "playlist"),
            hard_out_ms=self.instant(data, "hard_out_ms", "playlist"),
            annotation=self.text(data, "annotation", "playlist"),
            entries=self.array(data, "entries", "playlist", self.entry),
            extras=self.array(data, "extras", "playlist", self.pair),
        )


def from_dict(value: object, path: str | None = None) -> Playlist:
    """The playlist for parsed JSON; :class:`ParseError` names the first bad place."""
    return _Reader(path).playlist(value)


def loads(text: str, path: str | None = None) -> Playlist:
    """Read a JSON playlist (``path`` is only used in error messages)."""
    if text.startswith(textfile.BOM):
        text = text[1:]
    value = _limits.loads_json(text, path)
    return from_dict(value, path)


def load(path: str | os.PathLike[str], *, encoding: str | None = None) -> Playlist:
    """Read a JSON playlist file."""
    return loads(textfile.read(path, encoding=encoding), os.fspath(path))
