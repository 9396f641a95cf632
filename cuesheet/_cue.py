"""Cue sheets for render and split, kept behind two functions.

:func:`dump` and :func:`load` take and give :class:`playlists.model.Playlist`
values whose ``start_ms`` are INDEX 01 positions (CD frames converted to the
nearest millisecond and back, which loses nothing: the error stays under half a
frame).  This small reader/writer stands in until ``playlists.cue`` (the formats
issue) is on main; then these two functions delegate to it.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace

from cuesheet import timecode
from cuesheet.errors import ExportError, InputError
from playlists.model import CueData, Entry, Playlist

_MAX_BYTES = 80
_CONTROL = re.compile("[\x00-\x1f\x7f]")
_FILE_TYPES = {".mp3": "MP3", ".aif": "AIFF", ".aiff": "AIFF"}
_RECORDING_URI = "https://musicbrainz.org/recording/"


def _text(value: str) -> str:
    clean = _CONTROL.sub(" ", value).replace('"', "'").strip()
    data = clean.encode("utf-8")
    if len(data) <= _MAX_BYTES:
        return clean
    return data[: _MAX_BYTES - 3].decode("utf-8", "ignore") + "…"


def dumps(playlist: Playlist) -> str:
    """The sheet's text; every entry needs a location and ``start_ms``."""
    lines: list[str] = []
    if playlist.creator:
        lines.append(f'PERFORMER "{_text(playlist.creator)}"')
    if playlist.title:
        lines.append(f'TITLE "{_text(playlist.title)}"')
    location = None
    for number, entry in enumerate(playlist.entries, start=1):
        if entry.location is None or entry.start_ms is None:
            raise ExportError(f"entry {number} has no file or start for a cue sheet")
        if entry.location != location:
            location = entry.location
            kind = _FILE_TYPES.get(os.path.splitext(location)[1].lower(), "WAVE")
            lines.append(f'FILE "{location}" {kind}')
        lines.append(f"  TRACK {number:02d} AUDIO")
        if entry.title:
            lines.append(f'    TITLE "{_text(entry.title)}"')
        if entry.creator:
            lines.append(f'    PERFORMER "{_text(entry.creator)}"')
        if entry.cue is not None and re.fullmatch(r"[A-Z]{2}[A-Z0-9]{3}\d{7}", entry.cue.isrc):
            lines.append(f"    ISRC {entry.cue.isrc}")
        for identifier in entry.identifiers:
            lines.append(f'    REM IDENTIFIER "{_text(identifier)}"')
        frames = timecode.ms_to_cd_frames(entry.start_ms)
        lines.append(f"    INDEX 01 {timecode.format_msf(frames)}")
    return "\n".join(lines) + "\n"


def dump(playlist: Playlist, path: str | os.PathLike[str]) -> None:
    """Write the sheet to ``path`` (through a temporary file and a rename)."""
    target = os.fspath(path)
    partial = target + ".partial"
    try:
        with open(partial, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(dumps(playlist))
        os.replace(partial, target)
    except OSError as error:
        if os.path.exists(partial):
            os.unlink(partial)
        raise ExportError(f"cannot write: {error.strerror}", path=target, cause=error) from error


def load(path: str | os.PathLike[str]) -> Playlist:
    """Read a sheet: TITLE, PERFORMER, FILE, TRACK, ISRC, REM IDENTIFIER and INDEX 01."""
    name = os.fspath(path)
    try:
        with open(name, encoding="utf-8-sig") as handle:
            text = handle.read()
    except UnicodeDecodeError:
        with open(name, encoding="cp1252") as handle:
            text = handle.read()
    head: dict[str, str] = {}
    entries: list[Entry] = []
    location: str | None = None
    current: Entry | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        command, _, rest = raw.strip().partition(" ")
        command, rest = command.upper(), rest.strip()
        value = (
            rest[1 : rest.find('"', 1)] if rest.startswith('"') and rest.count('"') > 1 else rest
        )
        if command == "FILE":
            location = value if rest.startswith('"') else rest.rsplit(" ", 1)[0]
        elif command == "TRACK":
            if location is None:
                raise InputError("TRACK before any FILE", path=name, line=number)
            if current is not None:
                entries.append(_finish(current, name, number))
            current = Entry(location=location)
        elif command in ("TITLE", "PERFORMER") and current is None:
            head[command] = value
        elif command == "TITLE" and current is not None:
            current = replace(current, title=value)
        elif command == "PERFORMER" and current is not None:
            current = replace(current, creator=value)
        elif command == "ISRC" and current is not None:
            current = replace(current, cue=CueData(isrc=value))
        elif command == "REM" and current is not None and rest.upper().startswith("IDENTIFIER"):
            identifier = rest[len("IDENTIFIER") :].strip().strip('"')
            current = replace(current, identifiers=(*current.identifiers, identifier))
        elif command == "INDEX":
            if current is None:
                raise InputError("INDEX outside a TRACK", path=name, line=number)
            which, _, when = rest.partition(" ")
            try:
                frames = timecode.parse_msf(when)
            except ValueError as error:
                raise InputError(f"INDEX {which}: {error}", path=name, line=number) from error
            if which.lstrip("0") == "1":
                current = replace(current, start_ms=timecode.cd_frames_to_ms(frames))
    if current is not None:
        entries.append(_finish(current, name, None))
    return Playlist(
        title=head.get("TITLE", ""), creator=head.get("PERFORMER", ""), entries=tuple(entries)
    )


def _finish(entry: Entry, path: str, line: int | None) -> Entry:
    if entry.start_ms is None:
        raise InputError(
            f"track {entry.title or ''} has no INDEX 01".replace("  ", " "), path=path, line=line
        )
    return entry


def recording_uri(mbid: str) -> str:
    """The identifier URI of a MusicBrainz recording."""
    return _RECORDING_URI + mbid


def recording_of(entry: Entry) -> str | None:
    """The MusicBrainz recording id among an entry's identifiers."""
    for identifier in entry.identifiers:
        if identifier.startswith(_RECORDING_URI):
            return identifier[len(_RECORDING_URI) :]
    return None
