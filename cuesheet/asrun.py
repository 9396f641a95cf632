"""As-run logs: what actually aired, read from a CSV log, a playlist or another show.

An :class:`AsRun` is an ordered list of :class:`AiredItem` -- a title, credits,
when it aired (ms since the Unix epoch, UTC) and for how long (ms), each with the
log line it came from.

The CSV as-run log
------------------
One row per item, in the order it aired, under a header row.  Columns are found
by their header (case, spaces, ``_`` and ``-`` do not matter); the delimiter is
whichever of ``,`` ``;`` tab or ``|`` the header uses most.  UTF-8, with or
without a byte-order mark.  Blank lines and lines starting with ``#`` are skipped.

===============  ==========================================================  =========
column           accepted headers                                            required
===============  ==========================================================  =========
time aired       time, time aired, aired, aired at, air time, on air,        no [1]_
                 start, start time, started, actual start, timestamp,
                 start local, start utc
title            title, track, track title, song, song title, work, item,    yes
                 cue title, name
credits          credits, artist, artists, performer, performers, composer,  no
                 composers, by, creator (several such columns are joined)
duration         duration, length, dur, actual duration, aired duration,     no
                 runtime
cue number       cue, cue number, cue no, cue #, number, no, #               no
===============  ==========================================================  =========

.. [1] Without times, items are placed one after another from the plan's start.

Time aired is a local wall clock ``HH:MM:SS`` (also ``HH:MM``, ``HH:MM:SS.mmm``
or EBU ``HH:MM:SS:FF`` at 25 fps) in the show's timezone, taken on the day that
puts it nearest the item before it (so a log may run past midnight); or ISO 8601
with an offset (``2014-02-23T21:03:10+04:00``, ``...Z``).  Duration is ``M:SS``,
``H:MM:SS``, seconds (``205``) or EBU ``HH:MM:SS:FF``.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from pathlib import Path

from cuesheet import clock
from cuesheet.errors import InputError
from cuesheet.model import Show
from cuesheet.timecode import ebu_to_ms, parse_duration, parse_seconds
from playlists.model import Playlist

_HEADERS: dict[str, tuple[str, ...]] = {
    "time": (
        "time", "time aired", "aired", "aired at", "air time", "on air", "start",
        "start time", "started", "actual start", "timestamp", "start local", "start utc",
    ),
    "title": (
        "title", "track", "track title", "song", "song title", "work", "item", "cue title",
        "name",
    ),
    "credits": (
        "credits", "artist", "artists", "performer", "performers", "composer", "composers",
        "by", "creator",
    ),
    "duration": (
        "duration", "length", "dur", "actual duration", "aired duration", "runtime",
    ),
    "number": ("cue", "cue number", "cue no", "cue #", "number", "no", "#"),
}  # fmt: skip
_DELIMITERS = (",", ";", "\t", "|")
_CLOCK_RE = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2})(?:([.:])(\d{1,3}))?)?$")
_TIME_EXPECTED = "HH:MM:SS (local) or ISO 8601 with an offset"
_DURATION_EXPECTED = "a duration like 3:25, 1:02:03 or 205 (seconds)"

CSV_SUFFIXES = (".csv", ".tsv", ".txt", ".log")
"""Files read as CSV as-run logs."""
SHOW_SUFFIXES = (".yaml", ".yml")
"""Files read as show files (their planned times are taken as what aired)."""


@dataclass(frozen=True, slots=True)
class AiredItem:
    """One thing that aired."""

    title: str
    credits: str = ""
    """Names as the log writes them (free text)."""
    start_ms: int | None = None
    """When it aired, ms since the Unix epoch (UTC); ``None`` when the log does not say."""
    duration_ms: int | None = None
    """How long it aired, ms, as the log says; ``None`` when it does not."""
    number: str = ""
    """Cue number, when the log carries one."""
    line: int | None = None
    """Line of the log it was read from."""
    start_derived: bool = False
    """True when ``start_ms`` was worked out from the items before it, not read."""


@dataclass(frozen=True, slots=True)
class AsRun:
    """What aired, in the order it aired."""

    items: tuple[AiredItem, ...]
    path: str | None = None

    def timed(self, start_ms: int) -> AsRun:
        """The log with missing start times filled in: each item follows the one before.

        The first item without a time starts at ``start_ms`` (the plan's start);
        an item after one of unknown duration stays unknown.
        """
        items: list[AiredItem] = []
        cursor: int | None = start_ms
        for item in self.items:
            if item.start_ms is None and cursor is not None:
                item = replace(item, start_ms=cursor, start_derived=True)
            if item.start_ms is not None and item.duration_ms is not None:
                cursor = item.start_ms + item.duration_ms
            else:
                cursor = None
            items.append(item)
        return AsRun(tuple(items), self.path)


# --------------------------------------------------------------------------- CSV


def _header_key(text: str) -> str:
    text = text.strip().lstrip("\ufeff").lower()
    return re.sub(r"[\s_\-./]+", " ", text).strip()


def _columns(header: Sequence[str]) -> dict[str, list[int]]:
    """Column indexes per field, in header order (credits may have several)."""
    found: dict[str, list[int]] = {}
    keys = [_header_key(h) for h in header]
    for field, names in _HEADERS.items():
        for name in names:
            for index, key in enumerate(keys):
                if key == name and index not in found.get(field, []):
                    found.setdefault(field, []).append(index)
            if field != "credits" and field in found:
                break
    if "credits" in found:
        found["credits"].sort()
    return found


def _delimiter(header_line: str) -> str:
    counts = [(header_line.count(d), -i, d) for i, d in enumerate(_DELIMITERS)]
    best = max(counts)
    return best[2] if best[0] > 0 else ","


def _nearest(reference_ms: int, wall: time, extra_ms: int, tz: str) -> int:
    """The instant with local wall clock ``wall`` (+ ``extra_ms``) nearest ``reference_ms``."""
    day = clock.from_ms(reference_ms, tz).date()
    candidates = (
        clock.local_to_ms(day + timedelta(days=shift), wall, tz) + extra_ms for shift in (-1, 0, 1)
    )
    return min(candidates, key=lambda c: (abs(c - reference_ms), c))


def parse_time_aired(text: str, reference_ms: int, tz: str) -> int:
    """A time-aired cell as epoch ms; ``ValueError`` when it is not a time.

    Wall-clock times are placed on the day nearest ``reference_ms`` in ``tz``.
    """
    text = text.strip()
    found = _CLOCK_RE.match(text)
    if found:
        hours, minutes, seconds = int(found[1]), int(found[2]), int(found[3] or 0)
        extra = 0
        if found[4] == ".":
            extra = int(found[5].ljust(3, "0"))
        elif found[4] == ":":
            frames = int(found[5])
            if frames >= 25:
                raise ValueError(f"frame {frames} is not below 25")
            extra = frames * 40
        if hours > 23 or minutes > 59 or seconds > 59:
            raise ValueError(f"{text!r} is not a time of day")
        return _nearest(reference_ms, time(hours, minutes, seconds), extra, tz)
    iso = text.replace("Z", "+00:00").replace("z", "+00:00")
    moment = datetime.fromisoformat(iso)  # ValueError when not ISO 8601
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=clock.zone(tz))
    return clock.to_ms(moment)


def parse_aired_duration(text: str) -> int:
    """A duration cell as ms: ``M:SS``, ``H:MM:SS``, seconds, or EBU ``HH:MM:SS:FF``."""
    text = text.strip()
    if ":" not in text:
        return parse_seconds(text)
    if text.count(":") == 3:
        return ebu_to_ms(text)
    return parse_duration(text)


def loads_csv(text: str, *, timezone: str, near_ms: int, path: str | None = None) -> AsRun:
    """Read a CSV as-run log.

    ``timezone`` is the show's (for wall-clock times) and ``near_ms`` the plan's
    start (the first wall-clock time is taken on the day nearest it).  Raises
    :class:`InputError` naming ``path`` and the line.
    """
    text = text.lstrip("\ufeff")
    lines = re.split(r"\r\n?|\n", text)
    header_index = next(
        (i for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")),
        None,
    )
    if header_index is None:
        raise InputError("empty as-run log: expected a header row and one row per item", path=path)
    delimiter = _delimiter(lines[header_index])
    reader = csv.reader(lines[header_index:], delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except csv.Error as error:
        raise InputError(f"not CSV: {error}", path=path, line=header_index + 1) from error
    columns = _columns(header)
    if "title" not in columns:
        raise InputError(
            "no title column in the header: expected one of "
            + ", ".join(_HEADERS["title"])
            + f"; found {', '.join(repr(h) for h in header)}",
            path=path,
            line=header_index + 1,
        )
    items: list[AiredItem] = []
    reference = near_ms
    last_line = header_index + 1
    while True:
        first_line = last_line + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise InputError(f"not CSV: {error}", path=path, line=first_line) from error
        last_line = header_index + reader.line_num
        if not any(cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
            continue
        item = _row(row, columns, first_line, path, timezone, reference)
        if item.start_ms is not None:
            reference = item.start_ms
        items.append(item)
    if not items:
        raise InputError("no items under the header: expected one row per item", path=path)
    return AsRun(tuple(items), path)


def _cell(row: Sequence[str], columns: dict[str, list[int]], field: str) -> str:
    indexes = columns.get(field, [])
    return row[indexes[0]].strip() if indexes and indexes[0] < len(row) else ""


def _row(
    row: Sequence[str],
    columns: dict[str, list[int]],
    line: int,
    path: str | None,
    tz: str,
    reference: int,
) -> AiredItem:
    title = _cell(row, columns, "title")
    if not title:
        raise InputError(
            "title: expected the title of what aired, got an empty cell", path=path, line=line
        )
    start: int | None = None
    when = _cell(row, columns, "time")
    if when:
        try:
            start = parse_time_aired(when, reference, tz)
        except ValueError:
            raise InputError(
                f"time aired: expected {_TIME_EXPECTED}, got {when!r}", path=path, line=line
            ) from None
    duration: int | None = None
    length = _cell(row, columns, "duration")
    if length:
        try:
            duration = parse_aired_duration(length)
        except ValueError:
            raise InputError(
                f"duration: expected {_DURATION_EXPECTED}, got {length!r}", path=path, line=line
            ) from None
    credits = " / ".join(
        row[i].strip() for i in columns.get("credits", []) if i < len(row) and row[i].strip()
    )
    return AiredItem(title, credits, start, duration, _cell(row, columns, "number"), line)


def load_csv(
    path: str | Path, *, timezone: str, near_ms: int, encoding: str | None = None
) -> AsRun:
    """Read a CSV as-run log file (see :func:`loads_csv`; ``encoding``: as recognised)."""
    from cuesheet.inputfile import read_text

    text = read_text(Path(path), encoding)
    return loads_csv(text, timezone=timezone, near_ms=near_ms, path=str(path))


# ------------------------------------------------------------ playlists and shows


def from_playlist(playlist: Playlist, *, path: str | None = None) -> AsRun:
    """What a playlist of what played says aired (:class:`playlists.model.Playlist`).

    Entries keep their scheduled start when the format carries one (CSV, XSPF
    extension, JSON); a CUE sheet's ``INDEX 01`` offsets into one recording are
    taken from the playlist's date-time when it has one.
    """
    base: int | None = None
    if playlist.date and "T" in playlist.date:
        try:
            base = clock.to_ms(datetime.fromisoformat(playlist.date.replace("Z", "+00:00")))
        except ValueError:
            base = None
    one_file = len({e.location for e in playlist.entries}) == 1
    items = []
    for number, entry in enumerate(playlist.entries, start=1):
        data = entry.cue
        start = data.start_utc_ms if data is not None else None
        if start is None and base is not None and one_file and entry.start_ms is not None:
            start = base + entry.start_ms
        names = [c.name for c in data.credits] if data is not None and data.credits else []
        credits = " / ".join(names) if names else entry.creator
        items.append(
            AiredItem(
                title=entry.title or (entry.location or ""),
                credits=credits,
                start_ms=start,
                duration_ms=entry.duration_ms,
                number=data.number if data is not None else "",
                line=number,
            )
        )
    return AsRun(tuple(items), path)


def from_show(show: Show, *, path: str | None = None) -> AsRun:
    """Another show taken as what aired: its cues at their front-timed starts."""
    from cuesheet.timing import compute

    timing = compute(show)
    items = []
    for si, segment in enumerate(show.segments):
        for ci, cue in enumerate(segment.cues):
            items.append(
                AiredItem(
                    title=cue.title,
                    credits=" / ".join(c.name for c in cue.credits),
                    start_ms=timing.cue(si, ci).front_ms,
                    duration_ms=cue.duration_ms,
                    number=cue.number,
                    line=None,
                )
            )
    return AsRun(tuple(items), path)


ShowLoader = Callable[[Path], Show]


def load(
    path: str | Path,
    plan: Show,
    *,
    load_show: ShowLoader | None = None,
    encoding: str | None = None,
) -> AsRun:
    """Read what aired from ``path``, by its extension.

    ``.csv``/``.tsv``/``.txt``/``.log``: a CSV as-run log; ``.yaml``/``.yml``:
    another show file (read with ``load_show``, by default
    :func:`cuesheet.sources.load_source`), its planned times taken as aired;
    ``.json``: cuesheet's JSON model likewise, or a JSON playlist; any other
    extension the :mod:`playlists` registry knows (M3U, M3U8, XSPF, CUE): a
    playlist of what played.  Missing start times are filled in from the plan's
    start (:meth:`AsRun.timed`).  ``encoding`` overrides the recognised one.
    """
    from cuesheet.inputfile import read_text
    from cuesheet.sources import is_cuesheet_json

    source = Path(path)
    suffix = source.suffix.lower()
    if suffix in CSV_SUFFIXES:
        log = load_csv(source, timezone=plan.timezone, near_ms=plan.start_ms, encoding=encoding)
    elif suffix == ".json" and is_cuesheet_json(text := read_text(source, encoding)):
        from cuesheet import jsonmodel

        log = from_show(jsonmodel.loads(text, str(source)), path=str(source))
    elif suffix in SHOW_SUFFIXES:
        if load_show is None:
            from cuesheet.sources import load_source

            load_show = load_source
        log = from_show(load_show(source), path=str(source))
    else:
        from playlists import registry

        playlist = registry.for_path(source).load(source, encoding=encoding)
        log = from_playlist(playlist, path=str(source))
    return log.timed(plan.start_ms)
