"""CSV playlists in two profiles: a show's running order, and a music cue sheet for rights.

``running-order`` columns::

    segment, cue, start_local, start_utc, duration, kind, title, credits, identifiers, file,
    duration_source, usage, gap, crossfade, in, out, fade_in, fade_out, notes,
    segment_at, segment_at_label, segment_budget, segment_notes, segment_usage,
    show_title, show_start, show_timezone, show_venue, show_hard_out, show_notes

The first ten are required when reading; the others (a cue's other data, its
segment's fixed time, label, budget, notes and usage code, and the show's title,
start, IANA zone, venue, hard out and notes) make the round trip lossless and may
be missing.  Segment and show columns are repeated on every row of the segment or
show, so the file stays one table (except ``show_notes``, often long and on several
lines: on the first row only); rows may leave a show column empty, but two rows
that fill it differently are refused.  Segment cells are read row by row as they
are (cuesheet, grouping rows into segments, warns when they differ within one).

``rights`` columns (what performing-rights societies ask for)::

    sequence, cue, title, writers, performers, iswc, isrc, usage, timing_in, timing_out, duration

Text is UTF-8 (``excel=True`` adds a byte-order mark so spreadsheets pick UTF-8),
rows end in CRLF (RFC 4180).  Instants are ISO 8601 (``start_local`` with the
playlist's UTC offset, ``start_utc`` with ``Z``); durations and rights timings
are ``HH:MM:SS`` with ``.mmm`` when not whole seconds, so nothing is rounded.
Rights timings count from the programme start: ``Playlist.date_ms`` when it is not
after the first entry, else the first entry's start.

Credits are ``Name (role); Name (role)``, a guessed role marked ``(role?)``, a
role's stated source added as ``(role, source: musicbrainz)``; a ``;`` or
``\\`` inside a name is escaped with a backslash, as are parentheses, question
marks and commas inside a role.  Identifiers are
URIs separated by spaces.

Cells a spreadsheet would run as a formula (first character ``=``, ``+``,
``-``, ``@``, tab or carriage return) get a leading apostrophe; so does a cell
that already starts with an apostrophe followed by one of those (or another
apostrophe), so that :func:`loads` removes exactly what :func:`dumps` added.

Reading recognises the profile from the header row (column order is free,
unknown columns are ignored).  Lossy by design: the running order has no
album, creator (it is rebuilt from the credits) or CUE offsets; the rights
profile has no segment, file, show data or absolute time (give
``origin_utc_ms`` to :func:`loads` to get absolute starts back) and lists
writers before performers.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Iterable, Sequence
from typing import TextIO

from playlists import _time, textfile
from playlists.atomic import atomic_open
from playlists.errors import InvalidPlaylistError, ParseError, shown
from playlists.model import GUESS_MARK, Credit, CueData, Entry, Playlist

RUNNING_ORDER = "running-order"
RIGHTS = "rights"
PROFILES = (RUNNING_ORDER, RIGHTS)

RUNNING_ORDER_COLUMNS = (
    "segment",
    "cue",
    "start_local",
    "start_utc",
    "duration",
    "kind",
    "title",
    "credits",
    "identifiers",
    "file",
)
CUE_COLUMNS = (
    "duration_source",
    "usage",
    "gap",
    "crossfade",
    "in",
    "out",
    "fade_in",
    "fade_out",
    "notes",
)
"""Running-order columns of a cue's other data, after :data:`RUNNING_ORDER_COLUMNS`."""
SEGMENT_COLUMNS = (
    "segment_at",
    "segment_at_label",
    "segment_budget",
    "segment_notes",
    "segment_usage",
)
"""Running-order columns of the cue's segment: every row of a segment repeats them."""
SHOW_COLUMNS = (
    "show_title",
    "show_start",
    "show_timezone",
    "show_venue",
    "show_hard_out",
    "show_notes",
)
"""Running-order columns of the whole show: every row repeats them (``show_notes``: the first)."""
RIGHTS_COLUMNS = (
    "sequence",
    "cue",
    "title",
    "writers",
    "performers",
    "iswc",
    "isrc",
    "usage",
    "timing_in",
    "timing_out",
    "duration",
)
PERFORMING_ROLES = frozenset({"performer", "conductor"})
"""Roles listed under ``performers`` in the rights profile; every other role is a writer."""

_FORMULA_START = frozenset("=+-@\t\r")
_NAME_SPECIAL = "\\;"
_ROLE_SPECIAL = "\\;()?,"
_SOURCE_MARK = ", source: "


# -- cells ------------------------------------------------------------------------------


def neutralise(cell: str) -> str:
    """``cell`` made safe from spreadsheet formula evaluation (see module docstring)."""
    if cell and (
        cell[0] in _FORMULA_START
        or (cell[0] == "'" and len(cell) > 1 and (cell[1] in _FORMULA_START or cell[1] == "'"))
    ):
        return "'" + cell
    return cell


def restore(cell: str) -> str:
    """The inverse of :func:`neutralise`."""
    if len(cell) > 1 and cell[0] == "'" and (cell[1] in _FORMULA_START or cell[1] == "'"):
        return cell[1:]
    return cell


def _escape(text: str, special: str) -> str:
    if not any(ch in text for ch in special):
        return text
    return "".join("\\" + ch if ch in special else ch for ch in text)


def format_credits(credits: Iterable[Credit]) -> str:
    """Credits as ``Name (role); Name (role)``; a credit without a role is just its name."""
    parts: list[str] = []
    for credit in credits:
        name = _escape(credit.name, _NAME_SPECIAL)
        if credit.role:
            mark = GUESS_MARK if credit.guessed else ""
            if credit.source:
                mark += _SOURCE_MARK + _escape(credit.source, _ROLE_SPECIAL)
            parts.append(f"{name} ({_escape(credit.role, _ROLE_SPECIAL)}{mark})")
        elif name.endswith(")"):
            parts.append(name[:-1] + "\\)")  # not a role: keep it out of reach of the reader
        else:
            parts.append(name)
    return "; ".join(parts)


def _split_unescaped(text: str, separator: str) -> list[list[tuple[str, bool]]]:
    """Characters of each ``separator``-separated part, each flagged True when escaped."""
    parts: list[list[tuple[str, bool]]] = [[]]
    chars = iter(text)
    for ch in chars:
        if ch == "\\":
            parts[-1].append((next(chars, "\\"), True))
        elif ch == separator:
            parts.append([])
        else:
            parts[-1].append((ch, False))
    return parts


def parse_credits(text: str) -> tuple[Credit, ...]:
    """The inverse of :func:`format_credits`."""
    if not text:
        return ()
    credits: list[Credit] = []
    for index, part in enumerate(_split_unescaped(text, ";")):
        if index and part[:1] == [(" ", False)]:
            part = part[1:]
        role, guessed, source = "", False, ""
        if part and part[-1] == (")", False):
            opening = max(
                (i for i, (ch, escaped) in enumerate(part) if ch == "(" and not escaped),
                default=-1,
            )
            if opening == 0 or (opening > 0 and part[opening - 1] == (" ", False)):
                inside, source = _source_of(part[opening + 1 : -1])
                guessed = len(inside) > 1 and inside[-1] == (GUESS_MARK, False)
                role = "".join(ch for ch, _ in (inside[:-1] if guessed else inside))
                part = part[: max(opening - 1, 0)]
        credits.append(Credit("".join(ch for ch, _ in part), role, guessed, source))
    return tuple(credits)


def _source_of(inside: list[tuple[str, bool]]) -> tuple[list[tuple[str, bool]], str]:
    """The role's characters without an unescaped ``, source: ...``, and that source."""
    plain = "".join("\0" if escaped else ch for ch, escaped in inside)
    at = plain.find(_SOURCE_MARK)
    if at < 0:
        return inside, ""
    return inside[:at], "".join(ch for ch, _ in inside[at + len(_SOURCE_MARK) :])


def _creator(credits: Sequence[Credit]) -> str:
    """Who a player would show: performers (or unroled names), else everybody."""
    names = [c.name for c in credits if c.role in PERFORMING_ROLES or not c.role]
    return " / ".join(names or [c.name for c in credits])


# -- writing ----------------------------------------------------------------------------


def _duration(ms: int | None) -> str:
    return "" if ms is None else _time.format_exact_duration(ms)


def _credits_of(entry: Entry) -> tuple[Credit, ...]:
    if entry.cue is not None and entry.cue.credits:
        return entry.cue.credits
    return (Credit(entry.creator, ""),) if entry.creator else ()


def _origin(playlist: Playlist) -> int | None:
    starts = [
        e.cue.start_utc_ms
        for e in playlist.entries
        if e.cue is not None and e.cue.start_utc_ms is not None
    ]
    first = min(starts, default=None)
    date_ms = playlist.date_ms
    if date_ms is not None and (first is None or date_ms <= first):
        return date_ms
    return first


def _running_order_rows(playlist: Playlist) -> Iterable[Sequence[str]]:
    try:
        _time.zone(playlist.timezone)
    except ValueError as error:
        raise InvalidPlaylistError(str(error), cause=error) from error
    yield RUNNING_ORDER_COLUMNS + CUE_COLUMNS + SEGMENT_COLUMNS + SHOW_COLUMNS
    zone = playlist.timezone
    show = (
        playlist.title,
        _instant(playlist.date_ms, zone),
        zone,
        playlist.creator,
        _instant(playlist.hard_out_ms, zone),
        playlist.annotation,
    )
    later = (*show[:-1], "")  # the notes, often long and many lines, on the first row only
    for index, entry in enumerate(playlist.entries):
        data = entry.cue or CueData()
        start = data.start_utc_ms
        yield (
            data.segment,
            data.number,
            _instant(start, zone),
            "" if start is None else _time.iso_utc(start),
            _duration(entry.duration_ms),
            data.kind,
            entry.title,
            format_credits(_credits_of(entry)),
            " ".join(entry.identifiers),
            entry.location or "",
            data.duration_source,
            data.usage,
            _duration(data.gap_ms or None),
            _duration(data.crossfade_ms or None),
            _duration(data.in_ms or None),
            _duration(data.out_ms),
            _duration(data.fade_in_ms or None),
            _duration(data.fade_out_ms or None),
            entry.annotation,
            _instant(data.segment_at_ms, zone),
            data.segment_at_label,
            _duration(data.segment_budget_ms),
            data.segment_notes,
            data.segment_usage,
            *(later if index else show),
        )


def _instant(ms: int | None, zone: str) -> str:
    """An instant as local time with its UTC offset, or "" for none."""
    return "" if ms is None else _time.iso_local(ms, zone)


def _rights_rows(playlist: Playlist, origin_utc_ms: int | None) -> Iterable[Sequence[str]]:
    origin = _origin(playlist) if origin_utc_ms is None else origin_utc_ms
    yield RIGHTS_COLUMNS
    for sequence, entry in enumerate(playlist.entries, start=1):
        data = entry.cue or CueData()
        credits = _credits_of(entry)
        timing_in = timing_out = ""
        if data.start_utc_ms is not None and origin is not None and data.start_utc_ms >= origin:
            offset = data.start_utc_ms - origin
            timing_in = _time.format_exact_duration(offset)
            if entry.duration_ms is not None:
                timing_out = _time.format_exact_duration(offset + entry.duration_ms)
        yield (
            str(sequence),
            data.number,
            entry.title,
            format_credits(c for c in credits if c.role and c.role not in PERFORMING_ROLES),
            format_credits(c for c in credits if not c.role or c.role in PERFORMING_ROLES),
            data.iswc,
            data.isrc,
            data.usage,
            timing_in,
            timing_out,
            _duration(entry.duration_ms),
        )


def write(
    playlist: Playlist,
    out: TextIO,
    *,
    profile: str = RUNNING_ORDER,
    excel: bool = False,
    origin_utc_ms: int | None = None,
) -> None:
    """Write ``playlist`` as CSV to an open text stream (opened with ``newline=""``)."""
    if profile == RUNNING_ORDER:
        rows = _running_order_rows(playlist)
    elif profile == RIGHTS:
        rows = _rights_rows(playlist, origin_utc_ms)
    else:
        raise ValueError(f"unknown CSV profile {profile!r}; known: {', '.join(PROFILES)}")
    if excel:
        out.write(textfile.BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows([neutralise(cell) for cell in row] for row in rows)


def dumps(
    playlist: Playlist,
    *,
    profile: str = RUNNING_ORDER,
    excel: bool = False,
    origin_utc_ms: int | None = None,
) -> str:
    """The playlist as CSV text in ``profile`` (``running-order`` or ``rights``)."""
    buffer = io.StringIO(newline="")
    write(playlist, buffer, profile=profile, excel=excel, origin_utc_ms=origin_utc_ms)
    return buffer.getvalue()


def dump(
    playlist: Playlist,
    path: str | os.PathLike[str],
    *,
    profile: str = RUNNING_ORDER,
    excel: bool = False,
    origin_utc_ms: int | None = None,
    fsync: bool = True,
) -> None:
    """Write the playlist to ``path`` atomically."""
    if profile not in PROFILES:
        raise ValueError(f"unknown CSV profile {profile!r}; known: {', '.join(PROFILES)}")
    with atomic_open(path, fsync=fsync) as out:
        write(playlist, out, profile=profile, excel=excel, origin_utc_ms=origin_utc_ms)


# -- reading ----------------------------------------------------------------------------


def _header_key(cell: str) -> str:
    return cell.strip().lower().replace(" ", "_").replace("-", "_")


class _Row:
    """One data row, with the line it starts on, for error messages."""

    __slots__ = ("cells", "columns", "line", "path")

    def __init__(
        self, cells: list[str], columns: dict[str, int], line: int, path: str | None
    ) -> None:
        self.cells = cells
        self.columns = columns
        self.line = line
        self.path = path

    def __getitem__(self, column: str) -> str:
        index = self.columns.get(column)
        return "" if index is None else restore(self.cells[index])

    def parsed(self, column: str, parse: Callable[[str], int]) -> int | None:
        text = self[column].strip()
        if not text:
            return None
        try:
            return parse(text)
        except ValueError as error:
            raise ParseError(
                f"column {shown(column)}: {error}", path=self.path, line=self.line, cause=error
            ) from error


def _cue_or_none(data: CueData) -> CueData | None:
    return None if data == CueData() else data


def _running_order_entry(row: _Row) -> Entry:
    start = row.parsed("start_utc", _time.parse_iso)
    if start is None:
        start = row.parsed("start_local", _time.parse_iso)
    credits = parse_credits(row["credits"])
    data = CueData(
        segment=row["segment"],
        number=row["cue"],
        kind=row["kind"],
        start_utc_ms=start,
        credits=tuple(c for c in credits if c.role),
        usage=row["usage"].strip(),
        duration_source=row["duration_source"].strip(),
        gap_ms=row.parsed("gap", _time.parse_duration) or 0,
        crossfade_ms=row.parsed("crossfade", _time.parse_duration) or 0,
        in_ms=row.parsed("in", _time.parse_duration) or 0,
        out_ms=row.parsed("out", _time.parse_duration),
        fade_in_ms=row.parsed("fade_in", _time.parse_duration) or 0,
        fade_out_ms=row.parsed("fade_out", _time.parse_duration) or 0,
        segment_at_ms=row.parsed("segment_at", _time.parse_iso),
        segment_at_label=row["segment_at_label"],
        segment_budget_ms=row.parsed("segment_budget", _time.parse_duration),
        segment_notes=row["segment_notes"],
        segment_usage=row["segment_usage"].strip(),
    )
    return Entry(
        location=row["file"] or None,
        title=row["title"],
        creator=_creator(credits),
        duration_ms=row.parsed("duration", _time.parse_duration),
        identifiers=tuple(row["identifiers"].split()),
        annotation=row["notes"],
        cue=_cue_or_none(data),
    )


class _ShowCells:
    """The show columns of a running order: whichever rows fill them, one value each."""

    def __init__(self) -> None:
        self.rows: dict[str, _Row] = {}

    def add(self, row: _Row) -> None:
        """Take the show cells of ``row``; one that differs from an earlier row's is an error."""
        for column in SHOW_COLUMNS:
            value = row[column]
            if not value:
                continue
            first = self.rows.setdefault(column, row)
            if first[column] != value:
                raise ParseError(
                    f"column {shown(column)}: {shown(value)} differs from "
                    f"{shown(first[column])} on line {first.line} (a show column holds one "
                    "value for the whole show)",
                    path=row.path,
                    line=row.line,
                )

    def text(self, column: str) -> str:
        row = self.rows.get(column)
        return "" if row is None else row[column]

    def instant(self, column: str) -> int | None:
        row = self.rows.get(column)
        return None if row is None else row.parsed(column, _time.parse_iso)


def _rights_entry(row: _Row, origin_utc_ms: int | None) -> Entry:
    sequence = row["sequence"].strip()
    if not sequence.isdigit() or int(sequence) < 1:
        raise ParseError(
            f"column 'sequence': expected a whole number from 1, got {shown(sequence)}",
            path=row.path,
            line=row.line,
        )
    timing_in = row.parsed("timing_in", _time.parse_duration)
    timing_out = row.parsed("timing_out", _time.parse_duration)
    duration = row.parsed("duration", _time.parse_duration)
    if duration is None and timing_in is not None and timing_out is not None:
        duration = timing_out - timing_in
    credits = parse_credits(row["writers"]) + parse_credits(row["performers"])
    start = None
    if origin_utc_ms is not None and timing_in is not None:
        start = origin_utc_ms + timing_in
    data = CueData(
        number=row["cue"],
        start_utc_ms=start,
        credits=tuple(c for c in credits if c.role),
        isrc=row["isrc"].strip(),
        iswc=row["iswc"].strip(),
        usage=row["usage"].strip(),
    )
    return Entry(
        title=row["title"],
        creator=_creator(credits),
        duration_ms=duration,
        cue=_cue_or_none(data),
    )


def _profile_of(header: list[str], forced: str | None, path: str | None) -> str:
    keys = set(header)
    if forced is not None:
        if forced not in PROFILES:
            raise ValueError(f"unknown CSV profile {forced!r}; known: {', '.join(PROFILES)}")
        wanted = RUNNING_ORDER_COLUMNS if forced == RUNNING_ORDER else RIGHTS_COLUMNS
        missing = [c for c in wanted if c not in keys]
        if missing:
            raise ParseError(
                f"header of a {forced} CSV lacks column(s) {', '.join(missing)}",
                path=path,
                line=1,
            )
        return forced
    if keys >= set(RUNNING_ORDER_COLUMNS):
        return RUNNING_ORDER
    if keys >= set(RIGHTS_COLUMNS):
        return RIGHTS
    raise ParseError(
        "expected a header row with the running-order columns "
        f"({', '.join(RUNNING_ORDER_COLUMNS)}) or the rights columns "
        f"({', '.join(RIGHTS_COLUMNS)})",
        path=path,
        line=1,
    )


def loads(
    text: str,
    path: str | None = None,
    *,
    profile: str | None = None,
    timezone: str = "",
    origin_utc_ms: int | None = None,
) -> Playlist:
    """Read CSV text in either profile (recognised from the header unless ``profile`` is given).

    ``timezone`` becomes ``Playlist.timezone`` (CSV keeps only UTC offsets: the
    first ``start_local`` becomes ``Playlist.date_ms``, and with no ``timezone``
    its offset names a fixed zone, so local times keep their offset);
    ``origin_utc_ms`` anchors rights timings to an absolute start.
    Raises :class:`ParseError` naming the line of the first bad row.
    """
    if text.startswith(textfile.BOM):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    entries: list[Entry] = []
    columns: dict[str, int] | None = None
    chosen = RUNNING_ORDER
    width = 0
    line = 1
    first_local = ""
    show = _ShowCells()
    try:
        for cells in reader:
            row_line, line = line, reader.line_num + 1
            if not cells or cells == [""]:
                continue
            if columns is None:
                header = [_header_key(cell) for cell in cells]
                chosen = _profile_of(header, profile, path)
                columns = {name: i for i, name in reversed(list(enumerate(header)))}
                width = len(header)
                continue
            if len(cells) != width:
                raise ParseError(
                    f"expected {width} cells as in the header, found {len(cells)}",
                    path=path,
                    line=row_line,
                )
            row = _Row(cells, columns, row_line, path)
            if chosen == RUNNING_ORDER:
                entries.append(_running_order_entry(row))
                show.add(row)
                if not first_local and "start_local" in columns:
                    first_local = cells[columns["start_local"]].strip()
            else:
                entries.append(_rights_entry(row, origin_utc_ms))
    except csv.Error as error:
        raise ParseError(
            f"not valid CSV: {error}", path=path, line=reader.line_num, cause=error
        ) from error
    if columns is None:
        raise ParseError("empty CSV: expected a header row", path=path, line=1)
    timezone = timezone or show.text("show_timezone").strip()
    # The show's start, else the first local start, keeps the show's UTC offset for
    # readers that need a zone.
    date_ms = show.instant("show_start")
    if date_ms is None and first_local:
        try:
            date_ms = _time.parse_iso(first_local)
        except ValueError:
            date_ms = None
    if date_ms is not None and not timezone:
        timezone = _time.offset_zone(show.text("show_start") or first_local)
    return Playlist(
        title=show.text("show_title"),
        creator=show.text("show_venue"),
        date_ms=date_ms,
        timezone=timezone,
        hard_out_ms=show.instant("show_hard_out"),
        annotation=show.text("show_notes"),
        entries=tuple(entries),
    )


def load(
    path: str | os.PathLike[str],
    *,
    profile: str | None = None,
    timezone: str = "",
    origin_utc_ms: int | None = None,
    encoding: str | None = None,
) -> Playlist:
    """Read a CSV file (encoding found as :func:`playlists.textfile.decode` says)."""
    return loads(
        textfile.read(path, encoding=encoding),
        os.fspath(path),
        profile=profile,
        timezone=timezone,
        origin_utc_ms=origin_utc_ms,
    )
