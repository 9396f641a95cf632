"""CDRWIN cue sheets (``.cue``).

Writing::

    REM DATE 2014-02-23
    REM COMMENT "..."
    PERFORMER "<playlist creator>"
    TITLE "<playlist title>"
    FILE "<location>" WAVE
      TRACK 01 AUDIO
        TITLE "..."
        PERFORMER "<entry creator>"
        SONGWRITER "<composers and other writers, joined by ' / '>"
        ISRC <12 characters, when known and well-formed>
        REM CUE "3.1"  (and SEGMENT, KIND, START, LENGTH, CREDIT, ...: see below)
        PREGAP mm:ss:ff
        INDEX 00 mm:ss:ff
        INDEX 01 mm:ss:ff
        POSTGAP mm:ss:ff

Times are CD frames, 75 a second: milliseconds become the *nearest* frame,
halves rounding up (``(2 * ms * 75 + 1000) // 2000``), and frames become the
nearest millisecond on reading; this module owns that rule for the CUE edge.
A new ``FILE`` starts whenever an entry's location changes; an entry without
a location cannot be written (:class:`FormatLimitError`).  ``INDEX 01`` is the entry's
``start_ms`` in its file, or (when unknown) the end of the previous entry of
the same file, or 0 for the first.  ``single_file="show.wav"`` instead writes
one ``FILE`` for the whole show with each entry placed at its scheduled start
(``CueData.start_utc_ms``) counted from the first, as for a recording of the
whole show.  The ``FILE`` type is ``WAVE`` (FLAC and the like included),
``MP3`` or ``AIFF`` from the file's extension.

Text rule (cdrdao counts bytes): ``TITLE``, ``PERFORMER``, ``SONGWRITER`` and
``REM`` values hold at most 80 bytes of UTF-8 and no double quote.  A double
quote becomes an apostrophe, a line break or other control character a space,
and longer text is cut at a character boundary to 80 bytes ending in ``…``;
every change is reported with :mod:`warnings` as a :class:`TextChangedWarning`
naming the entry and the field.  A ``FILE`` name cannot be changed like that: a
double quote or line break in it raises :class:`FormatLimitError`.

A sheet holds at most 99 tracks: more raise :class:`FormatLimitError`, unless
written with ``split=True`` (:func:`dump`), which writes ``name-01.cue``,
``name-02.cue``... of at most 99 tracks each (see :func:`split`).

What CUE has no command for is kept in ``REM`` lines that players ignore, so a
round trip keeps it: ``REM CUE``, ``REM SEGMENT``, ``REM KIND``, ``REM START``
(UTC, ISO 8601), ``REM LENGTH`` (frames), ``REM CREDIT "<role>" "<name>"``
(``"composer?"`` for a guessed role), ``REM IDENTIFIER``, ``REM ISWC``,
``REM USAGE``, ``REM COMMENT`` (the entry's annotation) and, for the playlist, ``REM TIMEZONE``.

Reading accepts any case, a byte-order mark, CR/LF/CRLF, multi-``FILE``
sheets, ``INDEX 00``, ``PREGAP``/``POSTGAP`` and ``REM`` lines; unknown
commands are ignored.  A track plays the ``FILE`` in force at its ``INDEX 01``
(EAC's "noncompliant" layout puts its ``INDEX 00`` at the end of the file
before); ``TITLE``/``PERFORMER`` between a ``FILE`` and the next ``TRACK`` are
that track's; a track without ``INDEX 01`` is left out with a
:class:`LenientReadWarning` naming its line.  A duration is ``REM LENGTH`` when
present, else the distance to the next track's ``INDEX 00`` or ``INDEX 01`` in
the same file; the last track of a file has no known duration.  A ``FILE``
holding one track that starts at 00:00:00 reads back as a whole-file entry
(``start_ms`` None).  It gives up, with a :class:`ParseError` naming the line,
on a ``TRACK`` before any ``FILE``, an ``INDEX`` outside a track or going back
in time within a ``FILE``, a time that is not ``mm:ss:ff``, or text with no
cue-sheet command at all.
"""

from __future__ import annotations

import io
import os
import re
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple, TextIO

from playlists import _bulk, _time, textfile
from playlists.atomic import StagedFiles, atomic_open
from playlists.errors import (
    FormatLimitError,
    LenientReadWarning,
    LongTimeWarning,
    ParseError,
    TextChangedWarning,
    TooManyTracksError,
    shown,
)
from playlists.model import Credit, CueData, Entry, Playlist

CD_FPS = 75
"""CD frames per second."""
MAX_TRACKS = 99
"""Tracks a cue sheet can hold."""
MAX_MSF_FRAMES = (99 * 60 + 59) * CD_FPS + 74
"""The last time (99:59:74, in CD frames) the two minute digits of ``mm:ss:ff`` hold."""
MAX_TEXT_BYTES = 80
"""Bytes of UTF-8 a text field can hold."""

_PERFORMING = frozenset({"performer", "conductor"})
_ISRC_RE = re.compile(r"^[A-Z]{2}[A-Z0-9]{3}\d{7}$")
_MSF_RE = re.compile(r"^(\d{1,3}):(\d{1,2}):(\d{1,2})$")
_CONTROL_RE = re.compile("[\x00-\x1f\x7f]")
_FILE_TYPES = {".mp3": "MP3", ".aif": "AIFF", ".aiff": "AIFF", ".aifc": "AIFF"}


def ms_to_frames(ms: int) -> int:
    """Milliseconds to the nearest CD frame, halves rounding up."""
    return (2 * ms * CD_FPS + 1000) // 2000


def frames_to_ms(frames: int) -> int:
    """CD frames to the nearest millisecond, halves rounding up."""
    return (2 * frames * 1000 + CD_FPS) // (2 * CD_FPS)


def format_msf(frames: int) -> str:
    """CD frames as ``mm:ss:ff``."""
    seconds, ff = divmod(frames, CD_FPS)
    minutes, ss = divmod(seconds, 60)
    return f"{minutes:02d}:{ss:02d}:{ff:02d}"


def parse_msf(text: str) -> int:
    """``mm:ss:ff`` to CD frames; ``ValueError`` unless seconds < 60 and frames < 75."""
    found = _MSF_RE.match(text)
    if found is None:
        raise ValueError(f"expected a time as mm:ss:ff, got {shown(text)}")
    minutes, seconds, frames = int(found[1]), int(found[2]), int(found[3])
    if seconds > 59 or frames >= CD_FPS:
        raise ValueError(f"expected mm:ss:ff with ss < 60 and ff < 75, got {shown(text)}")
    return (minutes * 60 + seconds) * CD_FPS + frames


# -- writing ----------------------------------------------------------------------------


def fit_text(text: str) -> tuple[str, list[str]]:
    """``text`` made fit for a CUE text field, and what was changed (empty if nothing)."""
    changes: list[str] = []
    if '"' in text:
        text = text.replace('"', "'")
        changes.append("double quotes replaced by apostrophes")
    if _CONTROL_RE.search(text):
        text = _CONTROL_RE.sub(" ", text)
        changes.append("line breaks and control characters replaced by spaces")
    data = text.encode("utf-8")
    if len(data) > MAX_TEXT_BYTES:
        cut = data[: MAX_TEXT_BYTES - 3].decode("utf-8", "ignore")
        text = cut + "…"
        changes.append(f"shortened from {len(data)} to {MAX_TEXT_BYTES} bytes")
    return text, changes


@dataclass
class _Writer:
    """Collects the lines of one sheet and the warnings about it."""

    lines: list[str] = field(default_factory=list)
    long_warned: bool = False

    def index01(self, where: str, start: int) -> None:
        """``INDEX 01`` at ``start`` (CD frames); warns once about a time past 99:59:74."""
        if start > MAX_MSF_FRAMES and not self.long_warned:
            self.long_warned = True
            warnings.warn(
                f"{where} starts at {format_msf(start)}, past 99:59:74: CD tools (cdrdao) "
                "refuse a time with three minute digits, players (mpv, foobar2000) read it",
                LongTimeWarning,
                stacklevel=5,
            )
        self.lines.append(f"    INDEX 01 {format_msf(start)}\n")

    def text(self, indent: str, command: str, value: str, where: str, bare: bool = False) -> None:
        if not value:
            return
        fitted, changes = fit_text(value)
        if changes:
            warnings.warn(
                f"{where} {command}: {'; '.join(changes)} (CUE text rule)",
                TextChangedWarning,
                stacklevel=5,
            )
        quoted = fitted if bare else f'"{fitted}"'
        self.lines.append(f"{indent}{command} {quoted}\n")


def _file_type(location: str) -> str:
    return _FILE_TYPES.get(os.path.splitext(location)[1].lower(), "WAVE")


def resolve(playlist: Playlist, single_file: str | None = None) -> Playlist:
    """The playlist with every entry's ``location`` and ``start_ms`` as the sheet will say.

    Raises :class:`FormatLimitError` when a position cannot be known or goes back in time.
    """
    entries: list[Entry] = []
    location: str | None = None
    next_start: int | None = None
    origin = None
    if single_file is not None:
        origin = min(
            (
                e.cue.start_utc_ms
                for e in playlist.entries
                if e.cue is not None and e.cue.start_utc_ms is not None
            ),
            default=None,
        )
    for number, entry in enumerate(playlist.entries, start=1):
        where: str | None
        if single_file is not None:
            scheduled = entry.cue.start_utc_ms if entry.cue is not None else None
            start = (
                scheduled - origin
                if scheduled is not None and origin is not None
                else (0 if number == 1 else next_start)
            )
            new_file = number == 1
            where = single_file
        else:
            new_file = entry.location != location
            where = entry.location or None
            start = entry.start_ms
            if start is None:
                start = 0 if new_file else next_start
        if where is None:
            raise FormatLimitError(
                f"entry {number} ({shown(entry.title)}) has no file: a cue sheet needs one for "
                "every entry (or one single file for a recording of the whole show)"
            )
        if start is None:
            raise FormatLimitError(
                f"entry {number} ({shown(entry.title)}): its start in {shown(where)} is unknown "
                "because the entry before it has no duration"
            )
        previous = entries[-1] if entries and not new_file else None
        if previous is not None and previous.start_ms is not None and start < previous.start_ms:
            raise FormatLimitError(
                f"entry {number} ({shown(entry.title)}) starts before entry {number - 1} "
                f"in the same file {shown(where)}"
            )
        location = where
        next_start = None if entry.duration_ms is None else start + entry.duration_ms
        entries.append(replace(entry, location=where, start_ms=start))
    return replace(playlist, entries=tuple(entries))


def _sheet(playlist: Playlist, first_number: int = 1) -> Iterator[str]:
    """The lines of one sheet for a resolved playlist (see :func:`resolve`)."""
    out = _Writer()
    out.lines.extend(f"{text}\n" for kind, text in playlist.extras if kind == "cue")
    if playlist.date_ms is not None:
        out.text(
            "",
            "REM DATE",
            _time.local_day(playlist.date_ms, playlist.timezone),
            "playlist",
            bare=True,
        )
    out.text("", "REM COMMENT", playlist.annotation, "playlist")
    out.text("", "REM TIMEZONE", playlist.timezone, "playlist")
    out.text("", "PERFORMER", playlist.creator, "playlist")
    out.text("", "TITLE", playlist.title, "playlist")
    location: str | None = None
    for index, entry in enumerate(playlist.entries, start=1):
        where = f"entry {first_number + index - 1}"
        assert entry.location is not None and entry.start_ms is not None
        if entry.location != location or index == 1:
            location = entry.location
            if '"' in location or _CONTROL_RE.search(location):
                raise FormatLimitError(
                    f"{where}: file name {shown(location)} has a double quote or a line break, "
                    "which a cue sheet cannot hold"
                )
            out.lines.append(f'FILE "{location}" {_file_type(location)}\n')
        out.lines.append(f"  TRACK {index:02d} AUDIO\n")
        out.lines.extend(f"    {text}\n" for kind, text in entry.extras if kind == "cue")
        out.text("    ", "TITLE", entry.title, where)
        out.text("    ", "PERFORMER", entry.creator, where)
        data = entry.cue or CueData()
        writers = " / ".join(c.name for c in data.credits if c.role not in _PERFORMING)
        out.text("    ", "SONGWRITER", writers, where)
        isrc = data.isrc.replace("-", "").upper()
        if isrc:
            if _ISRC_RE.match(isrc):
                out.lines.append(f"    ISRC {isrc}\n")
            else:
                warnings.warn(
                    f"{where}: ISRC {shown(data.isrc)} is not 12 letters and digits; left out",
                    TextChangedWarning,
                    stacklevel=4,
                )
        out.text("    ", "REM CUE", data.number, where)
        out.text("    ", "REM SEGMENT", data.segment, where)
        out.text("    ", "REM KIND", data.kind, where)
        if data.start_utc_ms is not None:
            out.lines.append(f"    REM START {_time.iso_utc(data.start_utc_ms)}\n")
        if entry.duration_ms is not None:
            out.lines.append(f"    REM LENGTH {format_msf(ms_to_frames(entry.duration_ms))}\n")
        for credit in data.credits:
            role, _ = fit_text(credit.role_text)
            out.text("    ", f'REM CREDIT "{role}"', credit.name, where)
        for identifier in entry.identifiers:
            out.text("    ", "REM IDENTIFIER", identifier, where)
        out.text("    ", "REM ISWC", data.iswc, where)
        out.text("    ", "REM USAGE", data.usage, where)
        out.text("    ", "REM DURATION_SOURCE", data.duration_source, where)
        out.text("    ", "REM COMMENT", entry.annotation, where)
        if entry.pregap_ms:
            out.lines.append(f"    PREGAP {format_msf(ms_to_frames(entry.pregap_ms))}\n")
        start = ms_to_frames(entry.start_ms)
        if entry.index00_ms is not None:
            index00 = min(ms_to_frames(entry.index00_ms), start)
            if index00 < start:
                out.lines.append(f"    INDEX 00 {format_msf(index00)}\n")
        out.index01(where, start)
        if entry.postgap_ms:
            out.lines.append(f"    POSTGAP {format_msf(ms_to_frames(entry.postgap_ms))}\n")
    yield from out.lines


def _too_many(count: int) -> TooManyTracksError:
    return TooManyTracksError(
        f"{count} entries: a cue sheet holds at most {MAX_TRACKS} tracks "
        "(split it into several sheets)"
    )


def write(playlist: Playlist, out: TextIO, *, single_file: str | None = None) -> None:
    """Write ``playlist`` as one cue sheet to an open text stream."""
    if len(playlist.entries) > MAX_TRACKS:
        raise _too_many(len(playlist.entries))
    out.writelines(_sheet(resolve(playlist, single_file)))


def dumps(playlist: Playlist, *, single_file: str | None = None) -> str:
    """The playlist as one cue sheet; :class:`FormatLimitError` beyond 99 entries."""
    buffer = io.StringIO()
    write(playlist, buffer, single_file=single_file)
    return buffer.getvalue()


def _cut(playlist: Playlist, single_file: str | None, size: int) -> list[Playlist]:
    resolved = resolve(playlist, single_file)
    entries = resolved.entries
    return [
        replace(resolved, entries=entries[i : i + size]) for i in range(0, len(entries), size)
    ] or [resolved]


def split(
    playlist: Playlist, *, single_file: str | None = None, size: int = MAX_TRACKS
) -> list[Playlist]:
    """The playlist cut into sheets of at most ``size`` entries, each one complete.

    Positions are resolved first (see :func:`resolve`), so an entry continuing a
    file in the next sheet keeps its place in that file.
    """
    if not 1 <= size <= MAX_TRACKS:
        raise ValueError(f"size must be 1 to {MAX_TRACKS}, got {size}")
    return _cut(playlist, single_file, size)


def sheet_paths(path: str | os.PathLike[str], count: int) -> list[Path]:
    """Where :func:`dump` with ``split=True`` writes ``count`` sheets: ``name-01.cue``..."""
    target = Path(path)
    if count <= 1:
        return [target]
    width = max(2, len(str(count)))
    return [
        target.with_name(f"{target.stem}-{n:0{width}d}{target.suffix}") for n in range(1, count + 1)
    ]


def dump(
    playlist: Playlist,
    path: str | os.PathLike[str],
    *,
    single_file: str | None = None,
    split: bool = False,
    fsync: bool = True,
) -> None:
    """Write the playlist to ``path`` atomically.

    With ``split=True`` a playlist of more than 99 entries is written as several
    sheets named by :func:`sheet_paths` (``path`` itself is then not written).
    Every sheet is composed before the first is written, and they replace the
    old files together or not at all (see :class:`playlists.atomic.StagedFiles`).
    """
    if split:
        sheets = _cut(playlist, single_file, MAX_TRACKS)
    elif len(playlist.entries) > MAX_TRACKS:
        raise _too_many(len(playlist.entries))
    else:
        sheets = [resolve(playlist, single_file)]
    texts = ["".join(_sheet(sheet)) for sheet in sheets]
    if len(texts) == 1:
        with atomic_open(path, newline="\n", fsync=fsync) as out:
            out.write(texts[0])
        return
    with StagedFiles() as staged:  # all the sheets or none
        for target, text in zip(sheet_paths(path, len(texts)), texts, strict=True):
            staged.write_text(target, text, fsync=fsync)
        staged.commit()


# -- reading ----------------------------------------------------------------------------


class _Track(NamedTuple):
    """What the lines of one TRACK said."""

    line: int
    """Index of its TRACK line among the sheet's command lines (for error messages)."""
    location: str
    """The FILE in force at its ``INDEX 01``."""
    title: str
    performer: str
    songwriter: str
    isrc: str
    rem: dict[str, str] | None
    credits: list[Credit] | None
    identifiers: list[str] | None
    index00: int | None
    index01: int | None
    pregap: int
    postgap: int
    length: int | None
    index00_location: str
    """The FILE in force at its ``INDEX 00`` (EAC may put it in the file before)."""
    extras: list[tuple[str, str]] | None
    """Lines kept as written for a CUE round trip (FLAGS, REM GENRE...)."""

    def cue_data(self, fail: Callable[[str, int, Exception], ParseError]) -> CueData | None:
        rem = self.rem
        if rem is None and self.credits is None and not self.isrc and not self.songwriter:
            return None
        rem = rem or {}
        start: int | None = None
        if "START" in rem:
            try:
                start = _utc_ms(rem["START"])
            except ValueError as error:
                raise fail(f"REM START: {error}", self.line, error) from error
        credits: tuple[Credit, ...] = tuple(self.credits or ())
        if not credits and self.songwriter:
            names = self.songwriter.split(" / ")
            credits = tuple(Credit(name, "composer") for name in names if name)
        return _bulk.cue_data(  # CueData(...) without its __init__
            rem.get("SEGMENT", ""),
            rem.get("CUE", ""),
            rem.get("KIND", ""),
            start,
            credits,
            self.isrc,
            rem.get("ISWC", ""),
            rem.get("USAGE", ""),
            rem.get("DURATION_SOURCE", ""),
        )


def _utc_ms(text: str) -> int:
    """:func:`playlists._time.parse_iso`, quicker for the ``2014-02-23T04:00:00Z`` we write."""
    if len(text) == 20 and text[19] == "Z" and text[10] == "T" and text.isascii():
        day = _day_ms(text[:10])
        hh, mm, ss = text[11:13], text[14:16], text[17:19]
        if (
            day is not None
            and text[13] == ":" == text[16]
            and hh.isdigit() and mm.isdigit() and ss.isdigit()
            and hh < "24" and mm < "60" and ss < "60"
        ):  # fmt: skip
            return day + ((int(hh) * 60 + int(mm)) * 60 + int(ss)) * 1000
    return _time.parse_iso(text)


@lru_cache(maxsize=64)
def _day_ms(text: str) -> int | None:
    """``YYYY-MM-DD`` as the UTC instant (ms) it begins; None when it is not such a date."""
    if len(text) != 10 or not text[:4].isdigit():
        return None
    try:
        return _time.parse_iso(text + "T00:00:00Z")
    except ValueError:
        return None


_OpenEntry = _bulk.OpenEntry
_new_track = tuple.__new__  # a NamedTuple from a tuple, without _make's length check


class _OpenTrack:
    """The TRACK being read: the fields of :class:`_Track`, still writable.

    Fields a track does not set keep the class's defaults (all immutable), so
    opening a track stores only what is known: this runs once per track.
    """

    title = performer = songwriter = isrc = ""
    rem: dict[str, str] | None = None
    credits: list[Credit] | None = None
    identifiers: list[str] | None = None
    index00: int | None = None
    index01: int | None = None
    pregap = postgap = 0
    length: int | None = None
    extras: list[tuple[str, str]] | None = None

    def __init__(self, line: int, number: str, location: str, pending: dict[str, str]) -> None:
        self.line = line
        self.number = number
        self.location = self.index00_location = location
        if pending:
            self.title = pending.get("TITLE", "")
            self.performer = pending.get("PERFORMER", "")
            self.songwriter = pending.get("SONGWRITER", "")

    def closed(self) -> _Track:
        """The track as read (its fields in the order of :class:`_Track`)."""
        return _new_track(
            _Track,
            (
                self.line,
                self.location,
                self.title,
                self.performer,
                self.songwriter,
                self.isrc,
                self.rem,
                self.credits,
                self.identifiers,
                self.index00,
                self.index01,
                self.pregap,
                self.postgap,
                self.length,
                self.index00_location,
                self.extras,
            ),
        )


def _value(rest: str) -> str:
    """A quoted or bare argument (a bare one runs to the end of the line)."""
    if rest[:1] == '"':
        end = rest.find('"', 1)
        return rest[1:] if end < 0 else rest[1:end]
    return rest


def _two_values(rest: str) -> tuple[str, str]:
    """``"role" "name"`` (either may be bare: then it is one word)."""
    if rest.startswith('"'):
        end = rest.find('"', 1)
        first, rest = (rest[1:], "") if end < 0 else (rest[1:end], rest[end + 1 :].lstrip())
    else:
        first, _, rest = rest.partition(" ")
    return first, _value(rest.strip())


def _file_name(rest: str) -> str:
    if rest.startswith('"'):
        end = rest.find('"', 1)
        return rest[1:] if end < 0 else rest[1:end]
    name, _, _kind = rest.rpartition(" ")
    return name.strip() if name else rest


def _frames(text: str) -> int:
    """``mm:ss:ff`` to frames; the common well-formed case without a regular expression."""
    if len(text) == 8 and text[2] == ":" and text[5] == ":":
        mm, ss, ff = text[:2], text[3:5], text[6:]
        if mm.isdigit() and ss.isdigit() and ff.isdigit() and ss < "60" and ff < "75":
            return (int(mm) * 60 + int(ss)) * CD_FPS + int(ff)
    return parse_msf(text.strip())


def _end_in(location: str, following: _Track) -> int | None:
    """Where a track of ``location`` ends in that file (frames): the next track's gap or
    start there."""
    if following.index00 is not None and following.index00_location == location:
        return following.index00
    if following.location == location:
        return following.index01
    return None


def _entries(
    tracks: list[_Track | _OpenEntry], fail: Callable[[str, int, Exception], ParseError]
) -> Iterator[Entry]:
    """The entries of the tracks read: a :class:`_Track` of lines read one by one, or
    the entry of a block (see :meth:`_SheetReader.built`), every slot set but its
    ``start_ms`` and ``duration_ms``, which hold its ``INDEX 01`` and ``REM LENGTH``
    (frames) until they are known here, from the track after it."""
    previous_location = None
    for track, following in zip(tracks, [*tracks[1:], None], strict=False):
        if type(track) is _OpenEntry:
            built = track
            location, start, length = track.location, track.start_ms, track.duration_ms
        else:
            assert type(track) is _Track
            built = _entry_of(track, fail)
            location, start, length = track.location, track.index01, track.length
        assert start is not None and location is not None
        same_file = following is not None and following.location == location
        end: int | None = None
        if type(following) is _OpenEntry:
            end = following.start_ms if same_file else None
        elif following is not None:
            end = _end_in(location, following)  # type: ignore[arg-type]
        duration: int | None = None
        if length is not None:
            duration = (2 * length * 1000 + CD_FPS) // (2 * CD_FPS)  # frames_to_ms
        elif end is not None:
            duration = (2 * (end - start if end > start else 0) * 1000 + CD_FPS) // (2 * CD_FPS)
        whole_file = start == 0 and not same_file and previous_location != location
        previous_location = location
        built.start_ms = None if whole_file else (2 * start * 1000 + CD_FPS) // (2 * CD_FPS)
        built.duration_ms = duration
        built.__class__ = Entry  # type: ignore[assignment]
        yield built  # type: ignore[misc]


def _entry_of(track: _Track, fail: Callable[[str, int, Exception], ParseError]) -> _OpenEntry:
    """The entry of a track read line by line, but for its duration and start (which
    :func:`_entries` sets from the track after it) and its class."""
    # Unpacked at once (this runs once per track); see _Track for the fields.
    (_, location, title, performer, songwriter, isrc, rem, credits, identifiers,
     index00, _, pregap, postgap, _, index00_location, extras) = track  # fmt: skip
    has_cue = rem is not None or credits is not None or isrc or songwriter
    if index00 is not None and index00_location != location:
        index00 = None  # the gap is the end of the file before (EAC's "noncompliant" layout)
    # Built as in playlists._bulk.entry (a frozen dataclass's __init__ costs a third
    # of reading a plain sheet): every slot of Entry is set, then the class.
    built = _OpenEntry()
    built.location = location
    built.title = title
    built.creator = performer
    built.album = ""
    built.identifiers = tuple(identifiers) if identifiers else ()
    built.annotation = rem.get("COMMENT", "") if rem else ""
    built.cue = track.cue_data(fail) if has_cue else None
    built.pregap_ms = frames_to_ms(pregap) if pregap else 0
    built.postgap_ms = frames_to_ms(postgap) if postgap else 0
    built.index00_ms = None if index00 is None else frames_to_ms(index00)
    built.extras = tuple(extras) if extras else ()
    return built


_TEXT_COMMANDS = frozenset({"TITLE", "PERFORMER", "SONGWRITER", "ISRC"})
_HEAD_FIELDS = frozenset({"DATE", "COMMENT", "TIMEZONE"})
"""Disc-level ``REM`` keys the model holds (others are kept as extras)."""
_TRACK_FIELDS = frozenset(
    {"CUE", "SEGMENT", "KIND", "START", "ISWC", "USAGE", "DURATION_SOURCE", "COMMENT"}
)
"""Track-level ``REM`` keys the model holds (besides CREDIT, IDENTIFIER and LENGTH)."""
_KNOWN_COMMANDS = _TEXT_COMMANDS | {
    "FILE",
    "TRACK",
    "INDEX",
    "REM",
    "PREGAP",
    "POSTGAP",
    "CATALOG",
    "CDTEXTFILE",
    "FLAGS",
}
_LINE_RE = re.compile(r'^[ \t]*([A-Za-z]+)[ \t]*(?:"([^"\n]*)"?[^\n]*|([^\n]*))', re.MULTILINE)
"""A command line: the command, then a quoted argument (group 2) or the bare rest (3).

Lines that do not start with a word (blank lines, junk) are not command lines.  The bare
rest keeps trailing white space: each command strips it where it matters.
"""


_Q = r'"([^"\n]*)"[ \t]*\n'
_TRACK_BLOCK_RE = re.compile(
    r"(?:[ \t]*FILE[ \t]+"
    r'"([^"\n]+)"'
    r" (?:WAVE|MP3|AIFF)[ \t]*\n)?"
    r"[ \t]*TRACK[ \t]+(\d+) AUDIO[ \t]*\n"
    r"(?:[ \t]*TITLE[ \t]*" + _Q + ")?"
    r"(?:[ \t]*PERFORMER[ \t]*" + _Q + ")?"
    r"(?:[ \t]*SONGWRITER[ \t]*" + _Q + ")?"
    r"(?:[ \t]*ISRC[ \t]+([A-Z0-9]{12})[ \t]*\n)?"
    r"((?=[ \t]*REM[ \t])"  # the REM lines, looked for only when there is one
    r"(?:[ \t]*REM[ \t]+CUE [ \t]*" + _Q + ")?"
    r"(?:[ \t]*REM[ \t]+SEGMENT [ \t]*" + _Q + ")?"
    r"(?:[ \t]*REM[ \t]+KIND [ \t]*" + _Q + ")?"
    r'(?:[ \t]*REM[ \t]+START [ \t]*([^"\s]\S*)[ \t]*\n)?'
    r"(?:[ \t]*REM[ \t]+LENGTH [ \t]*(\d\d:[0-5]\d:[0-7]\d)[ \t]*\n)?"
    r'((?:[ \t]*REM[ \t]+CREDIT [ \t]*"[^"\n]*"[ \t]*"[^"\n]*"[ \t]*\n)*)'
    r'((?:[ \t]*REM[ \t]+IDENTIFIER [ \t]*"[^"\n]*"[ \t]*\n)*)'
    r"(?:[ \t]*REM[ \t]+ISWC [ \t]*" + _Q + ")?"
    r"(?:[ \t]*REM[ \t]+USAGE [ \t]*" + _Q + ")?"
    r"(?:[ \t]*REM[ \t]+DURATION_SOURCE [ \t]*" + _Q + ")?"
    r"(?:[ \t]*REM[ \t]+COMMENT [ \t]*" + _Q + ")?)?"
    r"[ \t]*INDEX[ \t]+01 (\d\d):([0-5]\d):([0-7]\d)[ \t]*(?:\n|\Z)"
)
"""One track in the layout :func:`dump` writes (and most sheets have): an optional
``FILE``, ``TRACK``, its text and ``REM`` lines in the writer's order, ``INDEX 01``.

Each line reads exactly as :data:`_LINE_RE` and the command handlers would read it;
anything else (another order, lower case, ``INDEX 00``, ``PREGAP``...) does not
match and is read line by line.  Why: one match a track instead of one dispatch a
line reads our own exports about three times faster.
"""
_E = r'"([^"\n]*)"\n'
_WRITER_BLOCK_RE = re.compile(
    r'(?:FILE "([^"\n]+)" (?:WAVE|MP3|AIFF)\n)?'
    r"  TRACK (\d+) AUDIO\n"
    r"(?:    TITLE " + _E + ")?"
    r"(?:    PERFORMER " + _E + ")?"
    r"(?:    SONGWRITER " + _E + ")?"
    r"(?:    ISRC ([A-Z0-9]{12})\n)?"
    r"((?=    REM )"
    r"(?:    REM CUE " + _E + ")?"
    r"(?:    REM SEGMENT " + _E + ")?"
    r"(?:    REM KIND " + _E + ")?"
    r'(?:    REM START ([^"\s]\S*)\n)?'
    r"(?:    REM LENGTH (\d\d:[0-5]\d:[0-7]\d)\n)?"
    r'((?:    REM CREDIT "[^"\n]*" "[^"\n]*"\n)*)'
    r'((?:    REM IDENTIFIER "[^"\n]*"\n)*)'
    r"(?:    REM ISWC " + _E + ")?"
    r"(?:    REM USAGE " + _E + ")?"
    r"(?:    REM DURATION_SOURCE " + _E + ")?"
    r"(?:    REM COMMENT " + _E + ")?)?"
    r"    INDEX 01 (\d\d):([0-5]\d):([0-7]\d)(?:\n|\Z)"
)
""":data:`_TRACK_BLOCK_RE` for the very indentation, spacing and line ends :func:`dump`
writes (as rippers do): the same groups, a subset of its matches, tried first.

Why: without a ``[ \t]*`` to try before every line, and a space instead of
``[ \t]+``, a match takes about half the time (it was a third of reading our exports).
"""
_RIPPER_BLOCK_RE = re.compile(
    r'(?:FILE "(.+)" (?:WAVE|MP3|AIFF)\n)?'
    r"  TRACK \d+ AUDIO\n"
    r'(?:    TITLE "(.*)"\n)?'
    r'(?:    PERFORMER "(.*)"\n)?'
    r"    INDEX 01 (\d\d):([0-5]\d):([0-7]\d)(?:\n|\Z)"
)
""":data:`_WRITER_BLOCK_RE` for a ripper's track (``FILE``, ``TRACK``, ``TITLE``,
``PERFORMER``, ``INDEX 01``), its quoted values matched by ``.*`` (any character but a
line feed): a match whose values hold no double quote is one :data:`_WRITER_BLOCK_RE`
matches too, with the same values; one whose values hold one is read by it instead.

Why: ``[^"\n]*`` tests each character against two; ``.*`` runs to the line end and
steps back to the last quote.  With six groups instead of twenty-one, a match and
its groups take a third less time (a ripper's sheet is little else).
"""
_NO_GROUPS: tuple[None, ...] = (None,) * 21
"""The groups of a :data:`_WRITER_BLOCK_RE` match for a track without SONGWRITER,
ISRC or REM lines (those :meth:`_SheetReader.track_of` looks at)."""
_Block = tuple[int, str, int, str, str, str, str, tuple[str | None, ...]]
"""A track block as :meth:`_SheetReader.blocks` reads it: the line of its first line,
location, INDEX 01 in frames, title, performer, songwriter, ISRC and the match's groups
(:data:`_NO_GROUPS` for a ripper's track)."""
_CREDIT_RE = re.compile(r'CREDIT [ \t]*"([^"\n]*)"[ \t]*"([^"\n]*)"')
_IDENTIFIER_RE = re.compile(r'IDENTIFIER [ \t]*"([^"\n]*)"')
_NO_REM: tuple[None, None, None, None] = (None, None, None, None)


def _rem_fields(
    cue_number: str | None,
    segment: str | None,
    kind: str | None,
    start: str | None,
    length: str | None,
    credits: str,
    identifiers: str,
    iswc: str | None,
    usage: str | None,
    source: str | None,
    comment: str | None,
) -> tuple[dict[str, str] | None, int | None, list[Credit] | None, list[str] | None]:
    """The ``REM`` lines of a track block (its groups) as the track keeps them: the
    ``REM`` fields, ``REM LENGTH`` in frames, the credits and the identifiers."""
    rem = {}
    for key, value in (
        ("CUE", cue_number),
        ("SEGMENT", segment),
        ("KIND", kind),
        ("START", start),
        ("ISWC", iswc),
        ("USAGE", usage),
        ("DURATION_SOURCE", source),
        ("COMMENT", comment),
    ):
        if value is not None:
            rem[key] = value
    frames = None
    if length is not None:
        frames = (int(length[:2]) * 60 + int(length[3:5])) * CD_FPS + int(length[6:])
    credited = [_bulk.credit(name, role) for role, name in _CREDIT_RE.findall(credits)] or None
    named = _IDENTIFIER_RE.findall(identifiers) or None
    return rem or None, frames, credited, named


_BLOCK_START_RE = re.compile(r"^[ \t]*(?:FILE|TRACK)[ \t]", re.MULTILINE)
"""Where a track block may start: the general reading stops there."""


_SCAN = 1 << 18
"""Characters of other lines read in one batch."""


def loads(text: str, path: str | None = None) -> Playlist:
    """Read a cue sheet (``path`` is only used in error messages)."""
    if text.startswith(textfile.BOM):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    with _bulk.paused_gc():
        return _SheetReader(text, path).playlist()


class _SheetReader:
    """Reads the command lines of one sheet, the hot ones (TITLE, PERFORMER, INDEX) first."""

    __slots__ = (
        "extras",
        "fast_open",
        "head",
        "last_block",
        "last_index",
        "location",
        "open",
        "path",
        "pending",
        "seen_credits",
        "skipped",
        "text",
        "text_target",
        "tracks",
    )

    def __init__(self, text: str, path: str | None) -> None:
        self.text = text
        self.path = path
        self.head: dict[str, str] = {}
        self.tracks: list[_Track | _OpenEntry] = []
        self.skipped: list[tuple[int, str]] = []
        self.location: str | None = None
        self.last_index = 0
        """The latest INDEX in the current FILE, frames: an INDEX never goes back."""
        self.open: _OpenTrack | None = None
        self.fast_open = False
        """The last of :attr:`tracks` is the open track (read as a block, see :meth:`reopen`)."""
        self.text_target: _OpenTrack | None = None
        """The track TITLE and PERFORMER lines belong to (none right after a FILE line)."""
        self.pending: dict[str, str] = {}
        """TITLE and PERFORMER between a FILE and the next TRACK: that track's."""
        self.extras: list[tuple[str, str]] = []
        """Disc-level lines kept as written (CATALOG, REM GENRE, SONGWRITER...)."""
        self.seen_credits: dict[tuple[str, str], Credit] = {}
        """Every credit built by :meth:`credits`, by ``(role, name)``."""
        self.last_block: _Block
        """The fields of the last track :meth:`blocks` read (for :meth:`reopen`)."""

    def fail(self, message: str, index: int, cause: Exception | None = None) -> ParseError:
        """The error for the ``index``-th command line (its line number found only now)."""
        return ParseError(message, path=self.path, line=self.line_of(index), cause=cause)

    def line_of(self, index: int) -> int | None:
        """The line number of the ``index``-th command line."""
        for number, found in enumerate(_LINE_RE.finditer(self.text)):
            if number == index:
                return self.text.count("\n", 0, found.start()) + 1
        return None

    def playlist(self) -> Playlist:
        """Read every line; the playlist they make."""
        self.read()
        return self.finish()

    def finish(self) -> Playlist:
        """The playlist the lines read make."""
        self.close_track()
        self.open = None
        if not self.tracks and not self.head and self.location is None:
            self.refuse_if_not_a_sheet()
        for index, number in self.skipped:
            warnings.warn(
                f"{self.path or 'cue sheet'}:{self.line_of(index)}: TRACK {shown(number)} "
                "has no INDEX 01 (a data track, or only a gap): left out",
                LenientReadWarning,
                stacklevel=2,
            )
        head = self.head
        date_ms = _day(head.get("DATE", ""), head.get("TIMEZONE", ""))
        extras = list(self.extras)
        if head.get("DATE") and date_ms is None:  # a CD's year, kept as written
            extras.insert(0, ("cue", f"REM DATE {head['DATE']}"))
        return Playlist(
            title=head.get("TITLE", ""),
            creator=head.get("PERFORMER", ""),
            date_ms=date_ms,
            timezone=head.get("TIMEZONE", ""),
            annotation=head.get("COMMENT", ""),
            entries=tuple(_entries(self.tracks, self.fail)),
            extras=tuple(extras),
        )

    def read(self, count: int = 0) -> int:
        """Read :attr:`text` (a whole sheet, or the next whole lines of one, the first the
        ``count``-th command line): whole tracks in the usual layout at once, other lines
        one by one; the command lines read by then."""
        text = self.text
        size = len(text)
        next_block = _BLOCK_START_RE.search
        position = 0
        while position < size:
            position, count = self.blocks(position, count)
            if position >= size:
                break
            # Up to the next line that may start a block (or a few hundred kB of text).
            line_end = text.find("\n", position)
            if line_end < 0:
                line_end = size
            upto = next_block(text, line_end, min(size, line_end + _SCAN))
            end = size if upto is None else upto.start()
            if upto is None and end > line_end + _SCAN:
                end = text.find("\n", line_end + _SCAN)
                end = size if end < 0 else end + 1
            batch = _LINE_RE.findall(text, position, end)
            self.lines(count, batch)
            count += len(batch)
            position = end
        return count

    def blocks(self, position: int, count: int) -> tuple[int, int]:
        """Read the tracks :data:`_WRITER_BLOCK_RE` or :data:`_TRACK_BLOCK_RE` match from
        ``position`` on (the ``count``-th command line); where it stopped and the command
        lines read by then.

        A match read the general way instead (a time out of range or going back, no
        FILE yet) is left alone.  Each track is stored closed (:attr:`fast_open` says it
        is still the open one, for lines after it: see :meth:`reopen`).
        """
        text = self.text
        size = len(text)
        exact, lenient = _WRITER_BLOCK_RE.match, _TRACK_BLOCK_RE.match
        add = self.tracks.append
        new_entry = _OpenEntry
        location, last_index = self.location, self.last_index
        block = None
        plain = True  # try _RIPPER_BLOCK_RE first (again after a track it would match)
        while True:
            if plain and self.open is None and not self.pending:
                position, count, run = self.plain_blocks(position, count, location, last_index)
                if run is not None:
                    block = run
                    location, last_index = run[1], run[2]
                plain = False
            found = exact(text, position) or lenient(text, position)
            if found is None:
                break
            groups = found.groups()
            file_name, _number, title, performer, songwriter, isrc, rems = groups[:7]
            mm, ss, ff = groups[18:]
            if ff >= "75" or (rems and groups[11] is not None and groups[11][6:] >= "75"):
                break
            frames = (int(mm) * 60 + int(ss)) * CD_FPS + int(ff)
            first = count
            if file_name is not None:  # what self.file does with this line
                location, last_index = file_name, 0
                if self.pending:
                    self.pending = {}
                first += 1
            elif location is None or frames < last_index:
                break
            if self.open is not None or self.pending:  # after lines read one by one
                title, performer, songwriter = self.after_lines(title, performer, songwriter)
            last_index = frames
            block = (first, location, frames, title or "", performer or "", songwriter or "",
                     isrc or "", groups)  # fmt: skip
            if rems is None and not isrc and not songwriter:  # a ripper's track: self.built, inline
                plain = True
                entry = new_entry()
                entry.location = location
                entry.title = block[3]
                entry.creator = block[4]
                entry.album = entry.annotation = ""
                entry.identifiers = entry.extras = ()
                entry.cue = entry.index00_ms = None
                entry.pregap_ms = entry.postgap_ms = 0
                entry.start_ms = frames  # INDEX 01 in frames until _entries
                entry.duration_ms = None
                add(entry)
            else:
                add(self.built(block))
            end = found.end()
            count += text.count("\n", position, end) + (end == size and text[-1] != "\n")
            position = end
        if block is not None:
            self.last_block = block
            self.fast_open = True
            self.text_target = None
        self.location, self.last_index = location, last_index
        return position, count

    def plain_blocks(
        self, position: int, count: int, location: str | None, last_index: int
    ) -> tuple[int, int, _Block | None]:
        """Read the tracks :data:`_RIPPER_BLOCK_RE` matches from ``position`` on, as
        :meth:`blocks` reads them (``location`` and ``last_index`` are its); where it
        stopped, the command lines read by then and the last track's block (None when
        none was read).  The caller has no open track and no pending text.

        Why: a ripper's sheet is nearly all such tracks; besides the quicker match,
        the lines of a run of tracks are counted once, at its end, not once a track
        (only the last track's first line number is kept, for :meth:`reopen`).
        """
        text = self.text
        match = _RIPPER_BLOCK_RE.match
        add = self.tracks.append
        new_entry = _OpenEntry
        counted = position  # the lines before it are in count
        last = -1  # where the last track read starts
        while (found := match(text, position)) is not None:
            file_name, title, performer, mm, ss, ff = found.groups()
            if ff >= "75" or (title and '"' in title) or (performer and '"' in performer):
                break
            frames = (int(mm) * 60 + int(ss)) * CD_FPS + int(ff)
            if file_name is not None:
                if '"' in file_name:
                    break
                location, last_index = file_name, 0
            elif location is None or frames < last_index:
                break
            last_index = frames
            entry = new_entry()
            entry.location = location
            entry.title = title or ""
            entry.creator = performer or ""
            entry.album = entry.annotation = ""
            entry.identifiers = entry.extras = ()
            entry.cue = entry.index00_ms = None
            entry.pregap_ms = entry.postgap_ms = 0
            entry.start_ms = frames  # INDEX 01 in frames until _entries
            entry.duration_ms = None
            add(entry)
            last = position
            position = found.end()
        if last < 0:
            return position, count, None
        first = count + text.count("\n", counted, last) + (text[last] == "F")  # after FILE
        count = first + text.count("\n", last, position) - (text[last] == "F")
        count += position == len(text) and text[-1] != "\n"
        assert location is not None  # the last track's, as last_index is its INDEX 01
        return position, count, (first, location, last_index, entry.title, entry.creator,
                                 "", "", _NO_GROUPS)  # fmt: skip

    def built(self, block: _Block) -> _OpenEntry | _Track:
        """A track block's entry, built straight from the match's groups (see
        :func:`_entries` for its ``start_ms`` and ``duration_ms``); a :class:`_Track` when
        its ``REM START`` is no time (its error then comes where a track read line by line
        gives it).

        Why: storing what a track said (:class:`_Track`, its ``REM`` fields in a dict and
        its credits in a list) and building the entry from that later made two sets of
        objects a track, the first all alive until the end; a block holds every field at
        once, so its entry and cue data are built straight from the match.
        """
        _first, location, frames, title, performer, songwriter, isrc, groups = block
        entry = _OpenEntry()
        entry.location = location
        entry.title = title
        entry.creator = performer
        entry.album = ""
        entry.pregap_ms = entry.postgap_ms = 0
        entry.index00_ms = None
        entry.extras = ()
        length = None
        cue_data = None
        identifiers: tuple[str, ...] = ()
        annotation = ""
        if groups[6] is not None:  # the REM lines
            (number, segment, kind, start, length_text, credit_lines, identifier_lines, iswc,
             usage, source, comment) = groups[7:18]  # fmt: skip
            start_ms = None
            if start is not None:
                try:
                    start_ms = _utc_ms(start)
                except ValueError:
                    return self.track_of(block)
            if length_text is not None:
                length = (int(length_text[:2]) * 60 + int(length_text[3:5])) * CD_FPS + int(
                    length_text[6:]
                )
            if identifier_lines:
                identifiers = tuple(_IDENTIFIER_RE.findall(identifier_lines))
            annotation = comment or ""
            credits = self.credits(credit_lines) if credit_lines else ()
            said = (number, segment, kind, start, iswc, usage, source, comment)
            if credits or isrc or songwriter or said.count(None) < len(said):
                if not credits and songwriter:
                    credits = self.composers(songwriter)
                cue_data = _bulk.cue_data(
                    segment or "", number or "", kind or "", start_ms, credits, isrc,
                    iswc or "", usage or "", source or "",
                )  # fmt: skip
        elif isrc or songwriter:
            cue_data = _bulk.cue_data(
                "", "", "", None, self.composers(songwriter), isrc, "", "", ""
            )
        entry.identifiers = identifiers
        entry.annotation = annotation
        entry.cue = cue_data
        entry.start_ms = frames  # INDEX 01 and REM LENGTH in frames until _entries
        entry.duration_ms = length
        return entry

    def credits(self, lines: str) -> tuple[Credit, ...]:
        """The credits of a block's ``REM CREDIT`` lines, each ``(role, name)`` built once.

        Why: a show credits the same few people on many cues; one shared (frozen)
        credit each saves building it again and the memory of every copy.
        """
        seen = self.seen_credits
        credits = []
        for pair in _CREDIT_RE.findall(lines):
            credit = seen.get(pair)
            if credit is None:
                credit = seen[pair] = _bulk.credit(pair[1], pair[0])
            credits.append(credit)
        return tuple(credits)

    def composers(self, songwriter: str) -> tuple[Credit, ...]:
        """The composers a ``SONGWRITER`` names (as :meth:`_Track.cue_data` reads them)."""
        if not songwriter:
            return ()
        seen = self.seen_credits
        credits = []
        for name in songwriter.split(" / "):
            if name:
                pair = ("composer", name)
                credit = seen.get(pair)
                if credit is None:
                    credit = seen[pair] = _bulk.credit(name, "composer")
                credits.append(credit)
        return tuple(credits)

    def track_of(self, block: _Block) -> _Track:
        """A track block's record as the lines read one by one would leave it."""
        first, location, frames, title, performer, songwriter, isrc, groups = block
        rem, length, credited, named = (
            _rem_fields(*groups[7:18]) if groups[6] else _NO_REM  # type: ignore[arg-type]
        )
        return _new_track(
            _Track,
            (first, location, title, performer, songwriter, isrc, rem, credited, named, None,
             frames, 0, 0, length, location, None),
        )  # fmt: skip

    def after_lines(
        self, title: str | None, performer: str | None, songwriter: str | None
    ) -> tuple[str | None, str | None, str | None]:
        """Close the track open before a block; its text with the lines before its TRACK."""
        if self.open is not None:
            self.close_track()
            self.open = None
        if self.pending:
            pending, self.pending = self.pending, {}
            title = pending.get("TITLE", "") if title is None else title
            performer = pending.get("PERFORMER", "") if performer is None else performer
            songwriter = pending.get("SONGWRITER", "") if songwriter is None else songwriter
        return title, performer, songwriter

    def reopen(self) -> None:
        """Make the track a block stored closed the open one again (lines follow it)."""
        self.fast_open = False
        last = self.tracks.pop()
        closed = self.track_of(self.last_block) if type(last) is _OpenEntry else last
        assert type(closed) is _Track
        track = _OpenTrack(closed.line, "", closed.location, {})
        (track.title, track.performer, track.songwriter, track.isrc, track.rem, track.credits,
         track.identifiers, track.index00, track.index01, track.pregap, track.postgap,
         track.length, track.index00_location, track.extras) = closed[2:]  # fmt: skip
        self.open = self.text_target = track

    def lines(self, first: int, batch: list[tuple[str, str, str]]) -> None:
        """Command lines (as :data:`_LINE_RE` found them), the ``first``-th first."""
        handlers: dict[str, Callable[[int, str], None]] = {
            "INDEX": self.index,
            "TRACK": self.track,
            "FILE": self.file,
            "REM": self.rem,
            "PREGAP": self.pregap,
            "POSTGAP": self.postgap,
            "CATALOG": lambda index, rest: self.keep(f"CATALOG {rest.strip()}"),
            "CDTEXTFILE": lambda index, rest: self.keep(f"CDTEXTFILE {rest.strip()}"),
            "FLAGS": lambda index, rest: self.keep(f"FLAGS {rest.strip()}"),
        }
        if self.fast_open:
            self.reopen()
        text_commands = _TEXT_COMMANDS
        target = self.text_target  # read again after every handler, which may change it
        for offset, (command, quoted, rest) in enumerate(batch):
            # The two commands of nearly every track first, the quick way.
            if command == "TITLE" and target is not None:
                target.title = quoted or rest.rstrip()
                continue
            if command == "PERFORMER" and target is not None:
                target.performer = quoted or rest.rstrip()
                continue
            if command == "INDEX" and self.index01_quickly(rest):
                continue
            if not command.isupper():
                command = command.upper()
            if command in text_commands:
                self.text_command(command, quoted or rest.rstrip())
                continue
            handler = handlers.get(command)
            if handler is None:
                continue  # a command nobody knows
            index = first + offset
            try:
                handler(index, f'"{quoted}"' if quoted else rest)
            except ParseError:
                raise
            except ValueError as error:
                raise self.fail(f"{command}: {error}", index, error) from error
            target = self.text_target

    def text_command(self, command: str, value: str) -> None:
        target = self.text_target
        if target is None:
            if self.open is None:
                self.head[command] = value
                if command == "SONGWRITER":
                    self.extras.append(("cue", f'SONGWRITER "{value}"'))
            else:
                self.pending[command] = value
        elif command == "TITLE":
            target.title = value
        elif command == "PERFORMER":
            target.performer = value
        elif command == "SONGWRITER":
            target.songwriter = value
        else:
            target.isrc = value

    def index01_quickly(self, rest: str) -> bool:
        """``INDEX 01 mm:ss:ff`` as nearly every track has it: True when read here.

        Why: one line of every track; this skips the general :meth:`index`
        (its dispatch, checks and messages), about a tenth of reading a sheet.
        """
        track = self.open
        if rest[:3] != "01 " or track is None:
            return False
        when = rest[3:]
        if not (
            len(when) == 8
            and when[2] == ":"
            and when[5] == ":"
            and when[3:5] < "60"
            and when[6:] < "75"
            and when.replace(":", "").isdigit()
        ):
            return False
        frames = (int(when[:2]) * 60 + int(when[3:5])) * CD_FPS + int(when[6:])
        if frames < self.last_index:
            return False
        self.last_index = track.index01 = frames
        track.location = self.location  # type: ignore[assignment]
        return True

    def index(self, index: int, rest: str) -> None:
        track = self.open
        if track is None:
            raise self.fail("INDEX outside a TRACK", index)
        which, _, when = rest.partition(" ")
        if (
            len(when) == 8
            and when[2] == ":"
            and when[5] == ":"
            and when[3:5] < "60"
            and when[6:] < "75"
            and when.replace(":", "").isdigit()
        ):  # the usual mm:ss:ff, without a function call
            frames = (int(when[:2]) * 60 + int(when[3:5])) * CD_FPS + int(when[6:])
        else:
            try:
                frames = _frames(when.strip())
            except ValueError as error:
                raise self.fail(f"INDEX {which}: {error}", index, error) from error
        if frames < self.last_index:
            raise self.fail(
                f"INDEX {which} {when.strip()} goes back before "
                f"{format_msf(self.last_index)}, an INDEX earlier in the same FILE",
                index,
            )
        self.last_index = frames
        assert self.location is not None
        if which == "01" or which == "1":
            track.index01 = frames
            track.location = self.location
        elif which == "00" or which == "0":
            track.index00 = frames
            track.index00_location = self.location
        elif not which.isdigit():
            raise self.fail(f"expected INDEX nn mm:ss:ff, got INDEX {shown(rest)}", index)

    def track(self, index: int, rest: str) -> None:
        if self.location is None:
            raise self.fail("TRACK before any FILE", index)
        self.close_track()
        number = rest.strip().partition(" ")[0]
        self.open = self.text_target = _OpenTrack(index, number, self.location, self.pending)
        if self.pending:
            self.pending = {}

    def close_track(self) -> None:
        track = self.open
        if track is not None:
            if track.index01 is None:
                self.skipped.append((track.line, track.number))
            else:
                self.tracks.append(track.closed())

    def file(self, index: int, rest: str) -> None:
        self.location = _file_name(rest.rstrip())
        self.last_index = 0
        self.text_target = None
        self.pending = {}

    def rem(self, index: int, rest: str) -> None:
        key, _, value = rest.rstrip().partition(" ")
        key = key.upper()
        value = value.strip()
        track = self.open
        if track is None:
            self.head[key] = _value(value)
            if key not in _HEAD_FIELDS:
                self.extras.append(("cue", f"REM {key} {value}".rstrip()))
        elif key == "CREDIT":
            role, name = _two_values(value)
            track.credits = (track.credits or []) + [Credit(name, role)]
        elif key == "IDENTIFIER":
            track.identifiers = (track.identifiers or []) + [_value(value)]
        elif key == "LENGTH":
            track.length = _frames(value)
        else:
            track.rem = {**(track.rem or {}), key: _value(value)}
            if key not in _TRACK_FIELDS:
                track.extras = (track.extras or []) + [("cue", f"REM {key} {value}".rstrip())]

    def keep(self, line: str) -> None:
        """A line the model has no field for, kept for writing a cue sheet back."""
        if self.open is None:
            self.extras.append(("cue", line))
        else:
            self.open.extras = (self.open.extras or []) + [("cue", line)]

    def pregap(self, index: int, rest: str) -> None:
        if self.open is None:
            raise self.fail("PREGAP outside a TRACK", index)
        self.open.pregap = _frames(rest)

    def postgap(self, index: int, rest: str) -> None:
        if self.open is None:
            raise self.fail("POSTGAP outside a TRACK", index)
        self.open.postgap = _frames(rest)

    def refuse_if_not_a_sheet(self) -> None:
        """A text with no line a cue sheet holds is not an empty sheet: refuse it."""
        for index, found in enumerate(_LINE_RE.finditer(self.text)):
            if found[1].upper() in _KNOWN_COMMANDS:
                return
            raise self.fail(
                "not a cue sheet: expected a command such as FILE, TRACK or TITLE, "
                f"got {shown(found[0].strip())}",
                index,
            )
        raise ParseError("not a cue sheet: the file holds no command", path=self.path, line=1)


def _day(text: str, timezone: str) -> int | None:
    """``REM DATE YYYY-MM-DD`` as the instant that day begins in the sheet's zone.

    Anything else (a CD's year, ``REM DATE 1999``) is not a date of the playlist: None.
    """
    try:
        return _time.day_start(text, timezone)
    except ValueError:
        return None


def load(path: str | os.PathLike[str], *, encoding: str | None = None) -> Playlist:
    """Read a cue sheet file (encoding found as :func:`playlists.textfile.decode` says)."""
    if encoding is None:
        textfile.require_file(path)
        with _bulk.paused_gc():
            read = _load_in_pieces(path)
        if read is not None:
            return read
    return loads(textfile.read(path, encoding=encoding), os.fspath(path))


_PIECE = 1 << 20
"""Bytes of a cue sheet file decoded and read at a time (see :func:`_load_in_pieces`)."""


def _load_in_pieces(path: str | os.PathLike[str]) -> Playlist | None:
    """The sheet in a UTF-8 file without a byte-order mark, read a piece of whole lines at
    a time; None when it must be read whole (see :func:`load`): another encoding, a NUL,
    an error, a track left out, no track at all, or a file it cannot open.

    Why: the text of a whole file is up to four bytes a character besides its bytes (a
    42 MB export held 126 MB, over half of what reading it used); a piece of it is
    dropped once read.  Text decoded piece by piece is the same as decoded whole, as
    UTF-8 never has a line feed inside a character and a CRLF is never cut.  Whatever
    needs a line number or the whole text (an error, a warning naming a line, a file
    that is not a sheet) is left to the whole reading, which says it as it always has.
    """
    reader = _SheetReader("", os.fspath(path))
    count = 0
    try:
        with open(path, "rb") as source:
            data = source.read(max(_PIECE, 4096))  # the opening textfile.decode looks at
            if textfile.bom_encoding(data) or textfile.utf16_without_bom(data):
                return None
            while data:
                more = source.read(_PIECE)
                cut = data.rfind(b"\n") + 1 if more else len(data)
                if cut == 0:  # no line ends yet
                    data += more
                    continue
                text = data[:cut].decode("utf-8")
                if "\x00" in text:
                    return None
                if "\r" in text:
                    text = text.replace("\r\n", "\n").replace("\r", "\n")
                reader.text = text
                count = reader.read(count)
                data = data[cut:] + more
        reader.close_track()
        reader.open = None
        if reader.skipped or (not reader.tracks and not reader.head and reader.location is None):
            return None
        return reader.finish()
    except (OSError, UnicodeDecodeError, ParseError):
        return None
