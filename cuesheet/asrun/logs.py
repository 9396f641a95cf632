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
                 composers, by, creator (several such columns are joined;
                 composer(s), performer(s), artist(s) state the role)
duration         duration, length, dur, actual duration, aired duration,     no
                 runtime
cue number       cue, cue number, cue no, cue #, number, no, #               no
time ended       end time, end, ends, ended, actual end, end local, end utc  no [2]_
===============  ==========================================================  =========

.. [1] Without times, items are placed one after another from the plan's start.
.. [2] With a start and an end, the aired length is end minus start (before
   any duration column, which in a playout history is often the file's length).

LibreTime's (and Airtime's) playout history, exported from its Log Sheet as
CSV, is read this way: ``Start Time``, ``End Time``, ``Title``, ``Creator``
and any other template columns, times ``YYYY-MM-DD HH:MM:SS`` on the
station's clock.  Rivendell's *Music Playout* report is read by
:mod:`cuesheet.asrun.rivendell`.

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
from pathlib import Path

from cuesheet.asrun.cells import parse_aired_duration, parse_time_aired
from cuesheet.asrun.values import AiredItem, AsRun
from cuesheet.errors import InputError
from cuesheet.model import Credit, Role, RoleSource, Show
from playlists._bulk import frozen_builder
from playlists.model import Entry, Playlist

HEADER_COLUMNS: dict[str, tuple[str, ...]] = {
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
    "end": ("end time", "end", "ends", "ended", "actual end", "end local", "end utc"),
    "number": ("cue", "cue number", "cue no", "cue #", "number", "no", "#"),
}  # fmt: skip
"""Header names (lower case, single spaces) that name each as-run column, by field."""
COLUMN_ROLES: dict[str, Role] = {
    "composer": Role.COMPOSER, "composers": Role.COMPOSER,
    "performer": Role.PERFORMER, "performers": Role.PERFORMER,
    "artist": Role.PERFORMER, "artists": Role.PERFORMER,
}  # fmt: skip
"""The role of the names in a credits column whose header states one."""
_NAME_SPLIT = re.compile(r"\s*(?:/|;)\s*")
_DELIMITERS = (",", ";", "\t", "|")
_TIME_EXPECTED = "HH:MM:SS (local) or ISO 8601 with an offset"
_DURATION_EXPECTED = "a duration like 3:25, 1:02:03 or 205 (seconds)"

CSV_SUFFIXES = (".csv", ".tsv", ".txt", ".log")
"""Files read as CSV as-run logs; any other goes by the source table
(:data:`cuesheet.inputs.sources.SOURCES`): show files and cuesheet JSON as shows
whose planned times aired, playlists as what played."""


# --------------------------------------------------------------------------- CSV


def header_key(text: str) -> str:
    """A header cell as :data:`HEADER_COLUMNS` spells names: lower case, single spaces."""
    text = text.strip().lstrip("\ufeff").lower()
    return re.sub(r"[\s_\-./]+", " ", text).strip()


def _columns(header: Sequence[str]) -> dict[str, list[int]]:
    """Column indexes per field, in header order (credits may have several)."""
    found: dict[str, list[int]] = {}
    keys = [header_key(h) for h in header]
    for field, names in HEADER_COLUMNS.items():
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
            + ", ".join(HEADER_COLUMNS["title"])
            + f"; found {', '.join(repr(h) for h in header)}",
            path=path,
            line=header_index + 1,
        )
    roles = [COLUMN_ROLES.get(header_key(header[i])) for i in columns.get("credits", [])]
    said: dict[tuple[str, ...], tuple[Credit, ...]] = {}  # credits cells already read
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
        stated = _stated_roles(row, columns, roles, said) if any(roles) else ()
        item = _row(row, columns, first_line, path, timezone, reference, stated)
        if item.start_ms is not None:
            reference = item.start_ms
        items.append(item)
    if not items:
        raise InputError("no items under the header: expected one row per item", path=path)
    return AsRun(tuple(items), path)


_new_credit: Callable[[str, Role, RoleSource], Credit] = frozen_builder(Credit)
"""``Credit(...)`` without the frozen ``__init__`` (a log states thousands)."""
_new_item: Callable[..., AiredItem] = frozen_builder(AiredItem)
"""``AiredItem(...)`` likewise, one a row."""


def split_names(text: str) -> list[str]:
    """The names of a credits cell: ``A / B; C`` -> ``[A, B, C]``."""
    return [name for name in _NAME_SPLIT.split(text.strip()) if name]


def _stated_roles(
    row: Sequence[str],
    columns: dict[str, list[int]],
    roles: list[Role | None],
    said: dict[tuple[str, ...], tuple[Credit, ...]],
) -> tuple[Credit, ...]:
    """The credits of a row whose credits columns state roles (the others: performers, a guess).

    ``said`` remembers the credits of the cells already read (a log names the same people
    row after row); the values are immutable, so rows with the same cells share them.
    """
    cells = tuple(row[index] if index < len(row) else "" for index in columns["credits"])
    known = said.get(cells)
    if known is None:
        known = said[cells] = _credits_of(cells, roles)
    return known


def _credits_of(cells: tuple[str, ...], roles: list[Role | None]) -> tuple[Credit, ...]:
    """The credits of a row's credits cells, each with its column's role (see above)."""
    credits: list[Credit] = []
    for cell, role in zip(cells, roles, strict=True):
        for name in split_names(cell):
            if role is None:
                credits.append(_new_credit(name, Role.PERFORMER, RoleSource.CONVENTION))
            else:
                credits.append(_new_credit(name, role, RoleSource.STATED))
    return tuple(credits)


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
    roles: tuple[Credit, ...] = (),
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
    ended = _cell(row, columns, "end")
    if ended and start is not None:
        try:
            end = parse_time_aired(ended, start, tz)
        except ValueError:
            raise InputError(
                f"time ended: expected {_TIME_EXPECTED}, got {ended!r}", path=path, line=line
            ) from None
        if end < start:
            raise InputError(
                f"time ended: {ended!r} is before the time aired {when!r}", path=path, line=line
            )
        duration = end - start
    elif length:
        try:
            duration = parse_aired_duration(length)
        except ValueError:
            raise InputError(
                f"duration: expected {_DURATION_EXPECTED}, got {length!r}", path=path, line=line
            ) from None
    credits = " / ".join(
        row[i].strip() for i in columns.get("credits", []) if i < len(row) and row[i].strip()
    )
    return _new_item(
        title, credits, start, duration, _cell(row, columns, "number"), line, False, roles
    )


# ------------------------------------------------------------ playlists and shows


def from_playlist(playlist: Playlist, *, path: str | None = None) -> AsRun:
    """What a playlist of what played says aired (:class:`playlists.model.Playlist`).

    Entries keep their scheduled start when the format carries one (CSV, XSPF
    extension, JSON); a CUE sheet's ``INDEX 01`` offsets into one recording are
    taken from the playlist's date-time when it has one.
    """
    base = playlist.date_ms
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
                roles=_playlist_roles(entry),
            )
        )
    return AsRun(tuple(items), path)


def _playlist_roles(entry: Entry) -> tuple[Credit, ...]:
    """An entry's credits with the roles its playlist gives (none: a player's artist only)."""
    from cuesheet.inputs.playlist import role_source

    data = entry.cue
    if data is None:
        return ()
    return tuple(
        Credit(c.name, Role(c.role), role_source(c.source, c.guessed))
        if c.role in Role._value2member_map_
        else Credit(c.name, Role.PERFORMER, RoleSource.CONVENTION)
        for c in data.credits
    )


def from_show(show: Show, *, path: str | None = None) -> AsRun:
    """Another show taken as what aired: its cues at their front-timed starts."""
    from cuesheet.timing.engine import compute

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
                    roles=cue.credits,
                )
            )
    return AsRun(tuple(items), path)


ShowLoader = Callable[[Path], Show]


def _cuesheet_json(path: Path, encoding: str | None = None) -> str | None:
    """The text of ``path`` when it is a cuesheet JSON export, else None."""
    from cuesheet.inputs.files import read_text
    from cuesheet.inputs.showjson import sniff

    return read_text(path, encoding) if sniff(path, encoding) else None


def load(
    path: str | Path,
    plan: Show,
    *,
    load_show: ShowLoader | None = None,
    log_timezone: str | None = None,
    encoding: str | None = None,
) -> AsRun:
    """Read what aired from ``path``, by its extension.

    ``log_timezone`` (IANA) is the clock the log's times of day are written on
    when it is not the show's (a log written in UTC without a ``Z``).

    ``.csv``/``.tsv``/``.txt``/``.log``: a CSV as-run log; ``.yaml``/``.yml``:
    another show file (read with ``load_show``, by default
    :func:`cuesheet.inputs.sources.load_source`), its planned times taken as aired;
    ``.json``: cuesheet's JSON model likewise, or a JSON playlist; any other
    extension the :mod:`playlists` registry knows (M3U, M3U8, XSPF, CUE): a
    playlist of what played.  Missing start times are filled in from the plan's
    start (:meth:`AsRun.timed`).  ``encoding`` overrides the recognised one.
    """
    from cuesheet.inputs import sources

    source = Path(path)
    kind = sources.source_kind(source)
    if source.suffix.lower() in CSV_SUFFIXES:
        from cuesheet.asrun import rivendell
        from cuesheet.inputs.files import read_text

        log_text = read_text(source, encoding)
        zone = log_timezone or plan.timezone
        if rivendell.is_music_playout(log_text):
            log = rivendell.loads(log_text, timezone=zone, near_ms=plan.start_ms, path=str(source))
        else:
            log = loads_csv(log_text, timezone=zone, near_ms=plan.start_ms, path=str(source))
    elif kind is sources.JSON_EXPORT and (text := _cuesheet_json(source, encoding)) is not None:
        from cuesheet.inputs import showjson

        log = from_show(showjson.loads(text, str(source)), path=str(source))
    elif kind is sources.SHOW_FILE:
        log = from_show((load_show or sources.load_source)(source), path=str(source))
    else:
        from playlists import registry

        playlist = registry.for_path(source).load(source, encoding=encoding)
        log = from_playlist(playlist, path=str(source))
    return log.timed(plan.start_ms)
