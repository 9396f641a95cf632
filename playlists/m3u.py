"""Extended M3U and M3U8 playlists.

Writing::

    #EXTM3U
    #PLAYLIST:<playlist title>
    #EXTGRP:<segment>                       (when the entry has one)
    #EXTINF:<whole seconds, -1 unknown>,<creator> - <title>
    <location>

Text is UTF-8 without a byte-order mark (a BOM makes VLC add a bogus entry),
lines end in LF.  Durations are rounded to the nearest second, halves up.
Paths are written raw, never percent-encoded (mpv cannot open an encoded
relative path); ``paths`` chooses ``auto`` (as given), ``absolute`` or
``relative`` (to the playlist's directory); ``base_dir`` says what relative
locations are relative to (default: the playlist's directory).  ``#EXTART``
is added only when ``creator - title`` would be read back wrongly (a creator
containing `` - ``, or a title containing it with no creator).  A line break
inside a title is replaced by a space (:class:`TextChangedWarning`); an entry
without a location cannot be written and is left out
(:class:`DroppedEntryWarning`).

Reading decodes as :mod:`playlists.textfile` says (BOMs, UTF-16, legacy
encodings with a warning; CR, LF and CRLF), reads ``#EXTINF`` durations with a
fraction and attributes (``tvg-id="..."``; a garbage duration is read as
unknown with a :class:`LenientReadWarning`), directives indented by white
space, ``#PLAYLIST``, ``#EXTGRP``, ``#EXTART`` and ``#EXTALB``, and ignores
other ``#`` lines.  Binary data is refused.  :func:`load`
keeps entries whose file is missing and reports them with
:class:`MissingFileWarning` (see also :func:`missing_files`).
"""

from __future__ import annotations

import bisect
import codecs
import io
import os
import re
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from itertools import repeat
from operator import attrgetter
from pathlib import Path
from typing import TextIO

from playlists import _bulk, _limits, _paths, textfile
from playlists.atomic import atomic_open
from playlists.errors import (
    DroppedEntryWarning,
    FormatLimitError,
    LenientReadWarning,
    MissingFileWarning,
    ParseError,
    TextChangedWarning,
    shown,
)
from playlists.locations import PATH_MODES
from playlists.model import CueData, Entry, Playlist

_EXTINF_RE = re.compile(r"\s*(-?\d+(?:\.\d*)?)((?:\s+[^\s=,]+=\"[^\"]*\")*)\s*(?:,(.*))?$")
_CHUNK = 2048
_CBatch = Callable[[Sequence[Entry], type[Entry], type[CueData]], bytes | None]
_c_batch: _CBatch | None
try:
    from playlists._speedups import m3u_batch as _c_batch
except ImportError:  # built without a C compiler: _quick_batch does it all
    _c_batch = None
_CUE = attrgetter("cue")
_EXTRAS = attrgetter("extras")


def _one_line(text: str, what: str, number: int) -> str:
    if "\n" in text or "\r" in text:
        warnings.warn(
            f"entry {number}: line break in the {what} replaced by a space (M3U is line-based)",
            TextChangedWarning,
            stacklevel=6,
        )
        return " ".join(text.splitlines())
    return text


def _entry_text(entry: Entry, number: int, place: Callable[[str], str] | None) -> str:
    """The lines of one entry, every field checked ('' when the entry cannot be written)."""
    location = entry.location
    if not location:
        warnings.warn(
            f"entry {number} ({shown(entry.title)}) has no location: M3U cannot hold it; left out",
            DroppedEntryWarning,
            stacklevel=5,
        )
        return ""
    if place is not None:
        location = place(location)
    if "\n" in location or "\r" in location:
        raise FormatLimitError(f"entry {number}: a location with a line break cannot go in M3U")
    if location[0] == "#" or location[0].isspace():
        location = "./" + location  # else read as a comment, or stripped
    if location[-1].isspace():
        raise FormatLimitError(f"entry {number}: a location ending in a space cannot go in M3U")
    lines = []
    cue = entry.cue
    if cue is not None and cue.segment:
        lines.append(f"#EXTGRP:{_one_line(cue.segment, 'segment', number)}\n")
    title = _one_line(entry.title, "title", number)
    creator = _one_line(entry.creator, "creator", number)
    if creator:
        if " - " in creator:
            lines.append(f"#EXTART:{creator}\n")
        display = f"{creator} - {title}"
    else:
        if " - " in title:
            lines.append("#EXTART:\n")
        display = title
    ms = entry.duration_ms
    seconds = -1 if ms is None else (ms + 500) // 1000
    attributes = "".join(f" {text}" for kind, text in entry.extras if kind == "m3u-attributes")
    lines.append(f"#EXTINF:{seconds}{attributes},{display}\n")
    lines.extend(f"{text}\n" for kind, text in entry.extras if kind == "m3u")
    lines.append(f"{location}\n")
    return "".join(lines)


def write(
    playlist: Playlist,
    out: TextIO,
    *,
    paths: str = "auto",
    base_dir: str | os.PathLike[str] | None = None,
    playlist_dir: str | os.PathLike[str] = ".",
) -> None:
    """Write ``playlist`` as extended M3U to an open text stream."""
    _write(playlist, out, paths, base_dir, playlist_dir, raw=False)


def _write(
    playlist: Playlist,
    out: TextIO,
    paths: str,
    base_dir: str | os.PathLike[str] | None,
    playlist_dir: str | os.PathLike[str],
    *,
    raw: bool,
) -> None:
    """:func:`write`; with ``raw``, batches formatted in C go as UTF-8 straight to
    ``out.buffer`` (``out`` must then be a UTF-8 text file that changes no line end).

    Why: encoding the text took a third of writing a file, and the C code writes
    UTF-8 as it formats.  Text formatted in Python still goes through ``out`` (and is
    flushed there at once, so the order holds), so it fails as it always did.
    """
    place = _paths.placer(
        paths, os.fspath(base_dir) if base_dir is not None else None, os.fspath(playlist_dir)
    )
    head = ["#EXTM3U\n"]
    if playlist.title:
        head.append(f"#PLAYLIST:{_one_line(playlist.title, 'playlist title', 0)}\n")
    out.write("".join(head))
    if raw:
        out.flush()
    entries = playlist.entries
    for first in range(0, len(entries), _CHUNK):
        batch = entries[first : first + _CHUNK]
        if place is None and _c_batch is not None:
            data = _c_batch(batch, Entry, CueData)
            if data is not None:
                if raw:
                    out.buffer.write(data)
                else:
                    out.write(data.decode())
                continue
        text = None if place is not None else _quick_batch(batch)
        if text is None:
            text = "".join(_entry_text(e, first + i, place) for i, e in enumerate(batch, 1))
        out.write(text)
        if raw:
            out.flush()


def _quick_batch(batch: Sequence[Entry]) -> str | None:
    """The usual entries written the quick way, checked as a whole; None if any is unusual.

    Unusual: no location, a `` - `` that needs ``#EXTART``, a line break in any
    field, a location beginning with ``#`` or space or ending in space.  The caller
    then writes the batch with :func:`_entry_text`, which checks (and warns) field by field.
    Entries with extras (attributes, ``#EXTVLCOPT``) are unusual too.
    Why: this is the hot path of writing M3U, so each entry is one f-string in one
    comprehension, the location checked there, and line breaks in any field found
    by counting the lines of the whole batch.
    """
    if any(map(_EXTRAS, batch)):
        return None
    if any(map(_CUE, batch)):
        # One f-string an entry, its #EXTGRP line in it (a call an entry to a helper
        # took 40% of the time of writing a show's 100,000 grouped entries).
        pieces = [
            f"#EXTGRP:{segment}\n"
            f"#EXTINF:{-1 if (ms := entry.duration_ms) is None else (ms + 500) // 1000},"
            f"{creator + ' - ' if creator else ''}{entry.title}\n{location}\n"
            if (segment := cue.segment if (cue := entry.cue) is not None else "")
            else f"#EXTINF:{-1 if (ms := entry.duration_ms) is None else (ms + 500) // 1000},"
            f"{creator + ' - ' if creator else ''}{entry.title}\n{location}\n"
            for entry in batch
            if (location := entry.location)
            and location.strip() == location
            and location[0] != "#"
            and " - " not in ((creator := entry.creator) or entry.title)
        ]
        lines = 2 * len(batch) + sum(1 for e in batch if (c := e.cue) is not None and c.segment)
    else:  # no segments: the quickest form
        pieces = [
            f"#EXTINF:{-1 if (ms := entry.duration_ms) is None else (ms + 500) // 1000},"
            f"{creator} - {entry.title}\n{location}\n"
            if creator
            else f"#EXTINF:{-1 if (ms := entry.duration_ms) is None else (ms + 500) // 1000},"
            f"{entry.title}\n{location}\n"
            for entry in batch
            if (location := entry.location)
            and location.strip() == location
            and location[0] != "#"
            and " - " not in ((creator := entry.creator) or entry.title)
        ]
        lines = 2 * len(batch)
    if len(pieces) != len(batch):
        return None
    text = "".join(pieces)
    if text.count("\n") != lines or "\r" in text:  # a line break inside a field
        return None
    return text


def dumps(
    playlist: Playlist,
    *,
    paths: str = "auto",
    base_dir: str | os.PathLike[str] | None = None,
    playlist_dir: str | os.PathLike[str] = ".",
) -> str:
    """The playlist as extended M3U text (``playlist_dir``: where the file will live)."""
    buffer = io.StringIO()
    write(playlist, buffer, paths=paths, base_dir=base_dir, playlist_dir=playlist_dir)
    return buffer.getvalue()


def dump(
    playlist: Playlist,
    path: str | os.PathLike[str],
    *,
    paths: str = "auto",
    base_dir: str | os.PathLike[str] | None = None,
    fsync: bool = True,
) -> None:
    """Write the playlist to ``path`` atomically, UTF-8 without a BOM."""
    if paths not in PATH_MODES:
        raise ValueError(f"unknown path mode {paths!r}; known: {', '.join(PATH_MODES)}")
    with atomic_open(path, newline="\n", fsync=fsync) as out:
        _write(playlist, out, paths, base_dir, Path(path).parent, raw=True)


def _seconds_to_ms(text: str) -> int | None:
    whole, _, fraction = text.partition(".")
    if whole.startswith("-"):
        return None
    return int(whole) * 1000 + int((fraction[:3] or "0").ljust(3, "0"))


_SLICE = 1 << 16
"""Characters read at a time (the first read is small, so the header comes with few entries).

Why not more: a slice's lines are new strings until its entries are built, and a
smaller slice keeps that memory small and in the processor's cache (slices of a
megabyte took 13-19% more memory, each page of it a page fault in a new process)."""


def _cut(text: str, at: int) -> int:
    """``at`` (a line break before ``#EXTINF``), moved before the ``#EXTGRP`` line above it."""
    above = text.rfind("\n", 0, at)
    if above >= 0 and text.startswith("#EXTGRP:", above + 1):
        return above
    return at


def _chunks(read: Callable[[int], str]) -> Iterator[str]:
    """The text from ``read(size)`` in slices of whole lines, each cut before an entry's lines.

    An entry's lines start at its ``#EXTGRP`` line, if any, else at its ``#EXTINF``
    line.  Cutting there lets :func:`_pairs` take a slice whole when it holds
    nothing but entries as we write them, however the text was read.
    """
    carry = ""
    size = 4096
    while True:
        block = read(size)
        size = _SLICE
        if not block:
            if carry:
                yield carry
            return
        text = carry + block if carry else block
        cut = text.rfind("\n#EXTINF:")
        if cut >= 0:
            cut = _cut(text, cut)
        else:
            cut = text.rfind("\n")
            if cut < 0:  # one long line: read as much again next time
                size = max(size, len(text))
        carry = text[cut + 1 :]
        if cut >= 0:
            yield text[: cut + 1]


def _text_chunks(text: str) -> Iterator[str]:
    """:func:`_chunks` for text already in memory, sliced straight from it."""
    start = 0
    end = text.find("\n#EXTINF:", 0, 4096)
    if end >= 0:
        end = _cut(text, end)
    while start < len(text):
        if end < 0:
            end = text.find("\n#EXTINF:", start + _SLICE)
            if end >= 0 and _cut(text, end) >= start:
                end = _cut(text, end)
        if end < 0:
            yield text[start:]
            return
        yield text[start : end + 1]
        start = end + 1
        end = -1


_GROUP = "#EXTGRP:"


def _pairs(
    chunk: str,
    durations: dict[str, int | None],
    names: dict[str, str],
    cues: dict[str, CueData],
) -> tuple[list[Entry], int] | None:
    """The entries of a slice holding only entries as we write them, and the lines per entry.

    That is ``#EXTINF:<whole seconds>,...`` and a location, each entry led by an
    ``#EXTGRP`` line or none.  ``None`` when the slice holds anything else
    (comments, blank lines, a fraction or attributes in ``#EXTINF``, ``#EXTGRP``
    on some entries only, ...): the caller then reads it line by line.  Why: that
    is how nearly every file is written, ours too, and taking the lines two or
    three at a time skips most of the tests the line-by-line reader makes on every
    line.  ``durations`` caches ``'#EXTINF:<n>'`` -> milliseconds (only heads found
    to be exactly that); ``names`` keeps one string per creator (less memory for
    long playlists); ``cues`` holds the reader's one :class:`CueData` per segment.
    """
    lines = chunk.split("\n")
    if lines.pop() != "":
        return None
    step = 3 if chunk.startswith(_GROUP) else 2
    if len(lines) % step:
        return None
    locations = list(map(str.strip, lines[step - 1 :: step]))
    if not all(locations):  # a blank line
        return None
    groups: Iterable[str] = repeat("") if step == 2 else lines[0::3]
    entries = _pair_entries(lines[step - 2 :: step], locations, groups, durations, names, cues)
    return None if entries is None else (entries, step)


def _segment(line: str, cues: dict[str, CueData]) -> CueData | None:
    """The cue of an ``#EXTGRP`` line, one per segment (``None`` when it names none)."""
    segment = line[len(_GROUP) :].strip()
    if not segment:
        return None
    cue = cues.get(segment)
    if cue is None:
        cue = cues[segment] = _segment_cue(segment)
    return cue


def _segment_cue(segment: str) -> CueData:
    """``CueData(segment=segment)``, built as :mod:`playlists._bulk` builds values.

    Why: the frozen dataclass's ``__init__`` of twenty fields took 11% of reading an
    export of 100,000 entries in 4,000 segments.
    """
    return _bulk.cue_data(segment, "", "", None, (), "", "", "", "")


_UNUSUAL = -1
"""What :func:`_whole_seconds` gives for a head not as we write it (never a duration)."""


def _whole_seconds(head: str) -> int | None:
    """The duration (ms) of an ``#EXTINF`` head as we write it: ``#EXTINF:<digits>``, or
    ``#EXTINF:-1`` (``None``, unknown); :data:`_UNUSUAL` for any other head."""
    seconds = head[8:]
    if head[:8] != "#EXTINF:":
        return _UNUSUAL
    if seconds.isdigit() and seconds.isascii():
        return int(seconds) * 1000
    return None if seconds == "-1" else _UNUSUAL  # else a fraction, attributes or spaces


def _creator_title(display: str) -> tuple[str, str]:
    """Creator and title of an ``#EXTINF`` line's display text (``creator - title``)."""
    creator, dash, title = display.lstrip().partition(" - ")
    return (creator, title) if dash else ("", creator)


def _pair_entries(
    extinfs: list[str],
    locations: list[str],
    groups: Iterable[str],
    durations: dict[str, int | None],
    names: dict[str, str],
    cues: dict[str, CueData],
) -> list[Entry] | None:
    """The entries of :func:`_pairs`; None if a line is not as we write it.

    ``groups`` holds each entry's ``#EXTGRP`` line, or ``""`` for every entry when there
    are none.  Equal lines in a row (a segment's entries) are compared, not hashed; so are
    the creators of a run of entries by one creator.
    """
    entries: list[Entry] = []
    new_entry = _bulk.OpenEntry
    last = None  # the creator before
    last_group = ""
    cue = None
    for line, location, group in zip(extinfs, locations, groups, strict=False):  # repeat("")
        if group != last_group:
            if not group.startswith(_GROUP):
                return None
            cue = _segment(group, cues)
            last_group = group
        if location[0] == "#":  # a directive (perhaps indented), not a location
            return None
        # Split at the first " - " first: as we write them, the head has no " - "
        # and the display no leading space, and then the title is cut out only once.
        left, dash, title = line.partition(" - ")
        head, comma, creator = left.partition(",")
        try:  # the cache holds only heads checked to be "#EXTINF:<digits>" or "#EXTINF:-1"
            duration = durations[head]
        except KeyError:
            duration = _whole_seconds(head)
            if duration == _UNUSUAL:
                return None
            durations[head] = duration
        if not dash:  # no creator: all after the comma, if any, is the title
            title = creator.lstrip()
            creator = ""
        elif creator != last:
            if not comma:  # the " - " is in the head
                return None
            creator = creator.lstrip()
            if creator:
                creator = last = names.setdefault(creator, creator)
            else:  # the " - " begins in the white space after the comma
                creator, title = _creator_title(line[len(head) + 1 :])
        else:
            creator = last
        # _bulk.entry(location, title, creator, "", duration, cue), written out: the call
        # alone is about 6% of the time of reading a large file.
        built = new_entry()
        built.location = location
        built.title = title
        built.creator = creator
        built.album = ""
        built.duration_ms = duration
        built.start_ms = None
        built.identifiers = ()
        built.annotation = ""
        built.cue = cue
        built.pregap_ms = 0
        built.postgap_ms = 0
        built.index00_ms = None
        built.extras = ()
        built.__class__ = Entry  # type: ignore[assignment]
        entries.append(built)  # type: ignore[arg-type]  # (a method call: done inline)
    return entries


class _Lines:
    """The line of every entry's location, kept as runs of evenly spaced entries.

    Why: a line number is wanted only for the few entries a warning names, so a
    slice read the quick way adds one run, not a number an entry.
    """

    __slots__ = ("firsts", "starts", "steps")

    def __init__(self) -> None:
        self.firsts: list[int] = []  # the index of each run's first entry
        self.starts: list[int] = []  # the line of that entry's location
        self.steps: list[int] = []  # lines from an entry's location to the next (0: one yet)

    def run(self, first: int, line: int, step: int) -> None:
        """Entries from ``first`` on, its location on ``line``, one every ``step`` lines."""
        self.firsts.append(first)
        self.starts.append(line)
        self.steps.append(step)

    def entry(self, index: int, line: int) -> None:
        """One entry read line by line (in order): the last run takes it when it fits."""
        if self.firsts:
            start, step = self.starts[-1], self.steps[-1]
            if step == 0:  # the run's second entry sets its step
                self.steps[-1] = line - start
                return
            if line == start + (index - self.firsts[-1]) * step:
                return
        self.run(index, line, 0)

    def line(self, index: int) -> int:
        """The line of the location of entry ``index`` (from 0)."""
        run = bisect.bisect_right(self.firsts, index) - 1
        return self.starts[run] + (index - self.firsts[run]) * self.steps[run]


class _Reader:
    """Reads M3U lines one at a time; what ``#`` lines say waits for the next location."""

    __slots__ = (
        "album",
        "artist",
        "cues",
        "display",
        "duration",
        "durations",
        "entries",
        "extinf_line",
        "extras",
        "group",
        "line_runs",
        "names",
        "path",
        "title",
        "want_lines",
    )

    def __init__(self, path: str | None, want_lines: bool) -> None:
        self.path = path
        self.want_lines = want_lines
        self.entries: list[Entry] = []
        self.line_runs = _Lines()
        self.title = ""
        self.duration: int | None = None
        self.display: str | None = None
        self.group: str | None = None
        self.artist: str | None = None
        self.album: str | None = None
        self.extinf_line = 0
        self.cues: dict[str, CueData] = {}  # one per segment: values, so entries can share them
        self.durations: dict[str, int | None] = {}  # see _pairs
        self.names: dict[str, str] = {}
        self.extras: list[tuple[str, str]] = []  # for the next entry: attributes, #EXTVLCOPT

    def chunk(self, chunk: str, before: int) -> int:
        """Read one slice of whole lines, ``before`` lines into the file; the lines it held."""
        if "\r" in chunk:
            chunk = chunk.replace("\r\n", "\n").replace("\r", "\n")
        if self.display is None and self.group is None and self.artist is None:
            quick = None
            if self.album is None:
                quick = _pairs(chunk, self.durations, self.names, self.cues)
            if quick is not None:
                entries, step = quick
                self.entries += entries
                if self.want_lines:
                    self.line_runs.run(len(self.entries) - len(entries), before + step, step)
                return step * len(entries)
        self.lines(chunk, before)
        return chunk.count("\n")

    def lines(self, chunk: str, before: int) -> None:
        """Read a slice line by line."""
        for number, line in enumerate(chunk.split("\n"), start=before + 1):
            if not line or line.isspace():
                continue
            if line[0] != "#":
                if line[0].isspace():
                    line = line.lstrip()
                    if line[0] == "#":  # an indented directive
                        self.directive(line, number)
                        continue
                self.location(line.strip(), number)
            elif line.startswith("#EXTINF:"):
                seconds, comma, rest = line[8:].partition(",")
                if comma and seconds.isdigit() and seconds.isascii():
                    self.duration = int(seconds) * 1000
                    self.display = rest.lstrip()
                    self.extinf_line = number
                else:
                    self.directive(line, number)
            else:
                self.directive(line, number)

    def location(self, location: str, number: int) -> None:
        """An entry: the location line and what the lines before it said."""
        display = self.display
        if display is None:
            self.entries.append(Entry(location))
        else:
            title = display
            creator = ""
            artist = self.artist
            if artist is not None:
                creator = artist
                if artist and display.startswith(artist + " - "):
                    title = display[len(artist) + 3 :]
            elif " - " in display:
                creator, _, title = display.partition(" - ")
            cue = None
            if self.group:
                cue = self.cues.get(self.group)
                if cue is None:
                    cue = self.cues[self.group] = _segment_cue(self.group)
            entry = _bulk.entry(location, title, creator, self.album or "", self.duration, cue)
            if self.extras:
                entry = replace(entry, extras=tuple(self.extras))
                self.extras = []
            self.entries.append(entry)
            self.duration = self.display = self.group = self.artist = self.album = None
        if self.want_lines:
            self.line_runs.entry(len(self.entries) - 1, number)

    def directive(self, line: str, number: int) -> None:
        """A ``#`` line: the ones M3U knows set the next entry's fields; others are comments."""
        upper = line[:10].upper()
        if upper.startswith("#EXTINF:"):
            self.duration, self.display, attributes = _extinf(line, self.path, number)
            self.extinf_line = number
            if attributes:
                self.extras.append(("m3u-attributes", attributes))
        elif upper.startswith("#EXTVLCOP"):
            self.extras.append(("m3u", line.strip()))
        elif upper.startswith("#EXTGRP:"):
            self.group = line[8:].strip()
        elif upper.startswith("#EXTART:"):
            self.artist = line[8:].strip()
        elif upper.startswith("#EXTALB:"):
            self.album = line[8:].strip()
        elif upper == "#PLAYLIST:":
            self.title = line[10:].strip()

    def playlist(self) -> Playlist:
        """The playlist read; :class:`ParseError` if an ``#EXTINF`` waits for its location."""
        if self.display is not None:
            raise ParseError(
                "#EXTINF is not followed by a location (the file ends)",
                path=self.path,
                line=self.extinf_line,
            )
        return Playlist(title=self.title, entries=tuple(self.entries))


def _parse(
    chunks: Iterable[str], path: str | None, want_lines: bool = False
) -> tuple[Playlist, _Lines]:
    """:func:`_parse_lines`; a duration of thousands of digits is a :class:`ParseError`."""
    try:
        return _parse_lines(chunks, path, want_lines)
    except ValueError as error:
        if not _limits.is_too_many_digits(error):
            raise
        text = None
        if path is not None and os.path.isfile(path):
            text = Path(path).read_text(encoding="utf-8", errors="replace")
        raise _limits.too_many_digits(text, path) from None


def _parse_lines(
    chunks: Iterable[str], path: str | None, want_lines: bool = False
) -> tuple[Playlist, _Lines]:
    """The playlist and, when asked for, the line number of each entry's location.

    ``chunks`` are slices of whole lines (see :func:`_chunks`).
    """
    reader = _Reader(path, want_lines)
    before = 0  # lines before the chunk
    with _bulk.paused_gc():
        for chunk in chunks:
            before += reader.chunk(chunk, before)
    return reader.playlist(), reader.line_runs


def _extinf(line: str, path: str | None, number: int) -> tuple[int | None, str, str]:
    """Duration (ms, ``None`` when unknown), display text and attributes of an ``#EXTINF``.

    A duration that is not a number keeps the entry, with an unknown duration
    and a :class:`LenientReadWarning`, as players do.
    """
    found = _EXTINF_RE.match(line, 8)
    if found is not None:
        return _seconds_to_ms(found[1]), (found[3] or "").lstrip(), found[2].strip()
    head, comma, display = line[8:].partition(",")
    warnings.warn(
        f"{path or 'M3U'}:{number}: #EXTINF duration {shown(head)} is not a number of "
        "seconds; read as unknown",
        LenientReadWarning,
        stacklevel=2,
    )
    return None, (display.lstrip() if comma else ""), ""


def loads(text: str, path: str | None = None) -> Playlist:
    """Read M3U text (``path`` is only used in error messages)."""
    if text.startswith(textfile.BOM):
        text = text[1:]
    return _parse(_text_chunks(text), path)[0]


def missing_files(playlist: Playlist, base_dir: str | os.PathLike[str]) -> list[tuple[int, str]]:
    """``(entry number from 1, location)`` of every local file that does not exist.

    Relative locations are taken relative to ``base_dir``; URLs other than
    ``file:`` are not checked.
    """
    base = os.fspath(base_dir)
    missing: list[tuple[int, str]] = []
    for number, entry in enumerate(playlist.entries, start=1):
        location = entry.location
        if not location:
            continue
        if _paths.is_uri(location):
            if not _paths.is_file_uri(location):
                continue
            local = _paths.file_uri_to_path(location)
        else:
            local = os.path.join(base, location)
        if not os.path.exists(local):
            missing.append((number, location))
    return missing


def _report_missing(playlist: Playlist, lines: _Lines, path: str) -> None:
    missing = missing_files(playlist, os.path.dirname(os.path.abspath(path)))
    shown = [f"{path}:{lines.line(number - 1)}: {location}" for number, location in missing[:20]]
    if len(missing) > 20:
        shown.append(f"... and {len(missing) - 20} more")
    if missing:
        warnings.warn(
            f"{len(missing)} entr{'y' if len(missing) == 1 else 'ies'} with a missing file "
            "(kept): " + "; ".join(shown),
            MissingFileWarning,
            stacklevel=3,
        )


def load(
    path: str | os.PathLike[str], *, encoding: str | None = None, check_files: bool = True
) -> Playlist:
    """Read an M3U or M3U8 file, a slice of about a megabyte at a time.

    ``encoding=None`` finds the encoding as :func:`playlists.textfile.decode`
    does (UTF-8 streamed; anything else decoded whole, with a warning).  With
    ``check_files`` the entries whose file is missing are reported with
    :class:`MissingFileWarning` (and kept).
    """
    textfile.require_file(path)
    name = os.fspath(path)
    result = None
    if encoding is None or codecs.lookup(encoding).name == "utf-8":
        with open(path, "rb") as source:
            head = source.read(4096)
        # Streamed: UTF-8 without NUL bytes at the start (else binary, or UTF-16 or 32).
        if textfile.bom_encoding(head) in (None, "utf-8") and b"\x00" not in head:
            try:
                with open(path, encoding="utf-8-sig", newline="\n") as source:
                    result = _parse(_chunks(source.read), name, check_files)
            except UnicodeDecodeError:
                if encoding is not None:
                    textfile.read(path, encoding=encoding)  # the ParseError naming the line
                    raise
    if result is None:
        text = textfile.read(path, encoding=encoding)
        result = _parse(_text_chunks(text), name, check_files)
    playlist, lines = result
    if check_files:
        _report_missing(playlist, lines, name)
    return playlist
