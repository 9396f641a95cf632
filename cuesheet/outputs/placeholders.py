"""Playlists of a show that has no audio yet: refuse clearly, or name the files to deliver.

A playlist format that plays files (M3U, M3U8, a CUE sheet) is useless when no
cue has a file: instead of an empty playlist, :func:`require_audio` says how to
get one (``--library``, ``--placeholders``, or for CUE ``--single-file``).
:func:`with_placeholders` gives every music and anthem cue without a file the
name the audio team should deliver, relative to the playlist:
``07 - Performer - Title.flac``.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

from cuesheet.errors import ExportError
from cuesheet.model import Cue, CueKind, Role, Show
from playlists.model import Playlist

AUDIO_KINDS = (CueKind.MUSIC, CueKind.ANTHEM)
"""Kinds of cue that play a file; speech, effects and stage actions are live."""

PLACEHOLDER_EXTENSION = ".flac"
"""Extension of placeholder names (lossless: what an audio team delivers for a show)."""

NEEDS_FILES = frozenset({"m3u", "m3u8", "cue"})
"""Export formats whose entries are files to play."""

_UNSAFE_RE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
_MAX_NAME = 120


@dataclass(frozen=True, slots=True)
class Delivery:
    """One file the audio team must deliver."""

    number: str
    """The cue number as written."""
    file: str
    """The placeholder name, relative to the playlist."""
    title: str


def require_audio(
    show: Show, format_name: str, *, single_file: bool = False, source: Path | None = None
) -> None:
    """Raise :class:`ExportError` when ``format_name`` plays files and no cue has one.

    ``source`` (the show's file) is named in the message.
    """
    if format_name not in NEEDS_FILES or single_file:
        return
    if any(cue.file for segment in show.segments for cue in segment.cues):
        return
    kind = (
        "a CUE sheet needs one FILE per track"
        if format_name == "cue"
        else ("an M3U playlist lists files to play")
    )
    ways = "match files with --library DIR, or write the names the audio team must deliver "
    ways += "with --placeholders"
    if format_name == "cue":
        ways = "cue a recording of the whole show with --single-file AUDIO, " + ways
    raise ExportError(f"no cue has an audio file: {kind}; {ways}", path=source)


def require_every_file(
    playlist: Playlist, format_name: str, *, single_file: bool, placeholders: bool = False
) -> tuple[Playlist, str | None]:
    """The playlist a CUE sheet (no ``--single-file``) can hold, and what it left out.

    Without ``placeholders``, an entry without a file raises :class:`ExportError`
    naming the ways out (``--single-file``, ``--library``, ``--placeholders``),
    which :mod:`playlists` cannot know.  With them, the entries that have no audio
    by nature (speech, stage actions: no placeholder is made for them) are left
    out, and the second value says so in one line.
    """
    if format_name != "cue" or single_file:
        return playlist, None
    missing = [(n, e) for n, e in enumerate(playlist.entries, start=1) if e.location is None]
    if not missing:
        return playlist, None
    number, entry = missing[0]
    if placeholders:
        kept = tuple(e for e in playlist.entries if e.location is not None)
        note = (
            f"{len(missing)} of {len(playlist.entries)} entries have no audio to deliver "
            f"(first: entry {number}, {entry.title!r}) and are left out of the CUE sheet; "
            "--single-file AUDIO cues a recording of the whole show instead"
        )
        return dataclasses.replace(playlist, entries=kept), note
    raise ExportError(
        f"{len(missing)} of {len(playlist.entries)} entries have no audio file "
        f"(first: entry {number}, {entry.title!r}): a CUE sheet needs one FILE per track; "
        "cue a recording of the whole show with --single-file AUDIO, match files with "
        "--library DIR, or write the names the audio team must deliver with --placeholders"
    )


def with_placeholders(show: Show, folder: Path) -> tuple[Show, tuple[Delivery, ...]]:
    """``show`` with a placeholder file in ``folder`` for every music and anthem cue without one.

    The cues get ``folder / name``, where ``folder`` is the playlist's folder as seen from the
    show's (so the playlist names them relative to itself); each :class:`Delivery` holds the
    bare name.
    """
    deliveries: list[Delivery] = []
    segments = []
    for segment in show.segments:
        cues = []
        for cue in segment.cues:
            if cue.file is None and cue.kind in AUDIO_KINDS:
                name = placeholder_name(cue)
                deliveries.append(Delivery(cue.number, name, cue.title))
                cue = dataclasses.replace(cue, file=str(folder / name))
            cues.append(cue)
        segments.append(dataclasses.replace(segment, cues=tuple(cues)))
    return dataclasses.replace(show, segments=tuple(segments)), tuple(deliveries)


def placeholder_name(cue: Cue) -> str:
    """``07 - Performer - Title.flac``: number, who (performers, else composers), title."""
    who = " & ".join(cue.names(Role.PERFORMER) or cue.names(Role.COMPOSER))
    number = cue.number.zfill(2) if cue.number.isdigit() else cue.number
    parts = [number, who, cue.title] if who else [number, cue.title]
    stem = " - ".join(_safe(part) for part in parts if part.strip())
    if len(stem) > _MAX_NAME:
        stem = stem[: _MAX_NAME + 1].rsplit(" ", 1)[0]
    return stem.rstrip(" .-") + PLACEHOLDER_EXTENSION


def _safe(text: str) -> str:
    """Text usable in a file name on Windows, macOS and Linux."""
    return " ".join(_UNSAFE_RE.sub(" ", text).split())
