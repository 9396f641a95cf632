"""Give a show's cues their audio files from a scanned library.

Each cue without a file (speech cues aside) becomes a
:class:`metadata.filematch.FileQuery`; a matched cue gets the file as its
location and any identifier it lacked (recording, work, artists, ISRC) from the
file's tags, and the file's exact length as its duration (duration source
``file``) unless a duration was planned: a plan is never replaced, and when the
file is longer or shorter by more than the tolerance the report says so.  Cues
that already name a file are left as they are.  The :class:`LibraryReport`
lists every match with its rule and score, the music and anthem cues left
without a file with their best near misses (speech, effects and other cues
may get a file but are never reported missing), and the files that more than
one cue matched.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from cuesheet.model import Cue, CueKind, DurationSource, Identifiers, Role, Show
from cuesheet.timing.timecode import format_rounded_duration
from metadata.filematch import DEFAULT_THRESHOLD, FileQuery, MatchReport, NearMiss, match_files
from metadata.library import Library, ScanResult
from metadata.tags import AudioFile

INDEX_ENV_VAR = "CUESHEET_LIBRARY_INDEX"
"""Environment variable naming the library index file (default: the user cache folder)."""
LENGTH_TOLERANCE_MS = 2_000
"""How far a file's length may differ from a planned duration unremarked, ms."""
WANTED = (CueKind.MUSIC, CueKind.ANTHEM)
"""Kinds of cue reported when no file is found for them."""


@dataclass(frozen=True, slots=True)
class CueRef:
    """Which cue: its segment, number and title (for reports)."""

    segment: str
    number: str
    title: str

    def __str__(self) -> str:
        return f"{self.segment} / cue {self.number} {self.title!r}"


@dataclass(frozen=True, slots=True)
class CueFile:
    """A cue and the file it was given."""

    cue: CueRef
    path: str
    method: str
    """The rule that matched (see :class:`metadata.filematch.MatchMethod`)."""
    score: int
    """0-100."""
    duration_ms: int
    """The file's length, ms."""
    planned_ms: int | None = None
    """The cue's planned duration (kept), ms; ``None`` when none was planned."""

    def disagreement(self, tolerance_ms: int = LENGTH_TOLERANCE_MS) -> str | None:
        """What to say when the file's length and the plan differ by more than the tolerance."""
        if self.planned_ms is None or abs(self.duration_ms - self.planned_ms) <= tolerance_ms:
            return None
        delta = self.duration_ms - self.planned_ms
        word = "longer" if delta > 0 else "shorter"
        return (
            f"the file lasts {format_rounded_duration(self.duration_ms)}, "
            f"{format_rounded_duration(abs(delta))} {word} than the planned "
            f"{format_rounded_duration(self.planned_ms)}; the plan is kept"
        )


@dataclass(frozen=True, slots=True)
class MissingFile:
    """A music or anthem cue that got no file, with the files that nearly fit."""

    cue: CueRef
    near: tuple[NearMiss, ...] = ()


@dataclass(frozen=True, slots=True)
class LibraryReport:
    """What matching a show against a library did."""

    matched: tuple[CueFile, ...]
    missing: tuple[MissingFile, ...]
    """Music and anthem cues that got no file, in running order."""
    shared: tuple[tuple[str, tuple[CueRef, ...]], ...]
    """Files given to more than one cue: (path, cues)."""


def default_index_path() -> str:
    """``$CUESHEET_LIBRARY_INDEX``, else ``library.sqlite`` in the user's cache folder."""
    return index_location(None)[0]


def index_location(index_path: str | os.PathLike[str] | None) -> tuple[str, bool]:
    """Where the index is, and whether its folder may be created.

    ``index_path``, else ``$CUESHEET_LIBRARY_INDEX``: the user's choice, whose
    folder must exist; else ``library.sqlite`` in the user's cache folder,
    created when missing.
    """
    if index_path is not None:
        return os.fspath(index_path), False
    configured = os.environ.get(INDEX_ENV_VAR)
    if configured:
        return configured, False
    import platformdirs

    return os.path.join(platformdirs.user_cache_dir("cuesheet"), "library.sqlite"), True


def scan_library(
    roots: Iterable[str | os.PathLike[str]],
    *,
    index_path: str | os.PathLike[str] | None = None,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ScanResult:
    """Scan ``roots`` into the index (only changed files are read) and return what is there.

    ``index_path`` defaults as :func:`index_location` says; only the default
    location's folder is created when missing (:class:`metadata.errors.CacheError`
    for another path in a folder that does not exist).
    """
    where, create = index_location(index_path)
    with Library(where, workers=workers, create_folder=create) as library:
        return library.scan(roots, progress)


def query_for(cue: Cue, key: str) -> FileQuery:
    """What the matcher should look for to find ``cue``'s file."""
    return FileQuery(
        key=key,
        title=cue.title,
        performers=cue.names(Role.PERFORMER) + cue.names(Role.CONDUCTOR),
        composers=cue.names(Role.COMPOSER),
        recording_mbid=cue.ids.recording_mbid,
        work_mbid=cue.ids.work_mbid,
        isrc=cue.ids.isrc,
    )


def _wants_file(cue: Cue) -> bool:
    return cue.file is None and cue.kind is not CueKind.SPEECH


def _planned(cue: Cue) -> int | None:
    """The cue's planned duration, ms (a duration from elsewhere may give way to a file).

    A duration without a source counts as planned, as a show file reads it.
    """
    planned = cue.duration_source in (None, DurationSource.PLANNED)
    return cue.duration_ms if planned else None


def _with_file(cue: Cue, file: AudioFile) -> Cue:
    ids = cue.ids
    found = file.tags
    filled = Identifiers(
        work_mbid=ids.work_mbid or found.work_mbid,
        recording_mbid=ids.recording_mbid or found.recording_mbid,
        artist_mbids=ids.artist_mbids or found.artist_mbids,
        isrc=ids.isrc or found.isrc,
        iswc=ids.iswc,
    )
    if _planned(cue) is not None:
        return replace(cue, file=file.path, ids=filled)
    return replace(
        cue,
        file=file.path,
        duration_ms=cue.played_ms(file.duration_ms),
        duration_source=DurationSource.FILE,
        ids=filled,
    )


def apply_library(
    show: Show, files: Sequence[AudioFile], *, threshold: int = DEFAULT_THRESHOLD
) -> tuple[Show, LibraryReport]:
    """The show with matched files applied, and the report."""
    refs: dict[str, CueRef] = {}
    planned: dict[str, int | None] = {}
    reported: set[str] = set()
    queries: list[FileQuery] = []
    for s, segment in enumerate(show.segments):
        for c, cue in enumerate(segment.cues):
            if _wants_file(cue):
                key = f"{s}:{c}"
                refs[key] = CueRef(segment.title, cue.number, cue.title)
                planned[key] = _planned(cue)
                if cue.kind in WANTED:
                    reported.add(key)
                queries.append(query_for(cue, key))
    report: MatchReport = match_files(queries, files, threshold=threshold)
    found = report.by_key()
    segments = []
    for s, segment in enumerate(show.segments):
        cues = []
        for c, cue in enumerate(segment.cues):
            match = found.get(f"{s}:{c}")
            cues.append(_with_file(cue, match.file) if match is not None else cue)
        segments.append(replace(segment, cues=tuple(cues)))
    near = dict(report.near_misses)
    result = LibraryReport(
        matched=tuple(
            CueFile(
                refs[m.key],
                m.file.path,
                m.method.value,
                m.score,
                m.file.duration_ms,
                planned[m.key],
            )
            for m in report.matches
        ),
        missing=tuple(
            MissingFile(refs[key], near.get(key, ())) for key in report.unmatched if key in reported
        ),
        shared=tuple((s.path, tuple(refs[k] for k in s.keys)) for s in report.shared),
    )
    return replace(show, segments=tuple(segments)), result


def report_lines(report: LibraryReport, *, tolerance_ms: int = LENGTH_TOLERANCE_MS) -> list[str]:
    """The report as lines of text for people (matches, then cues without a file, then sharing).

    A match whose file's length differs from the plan by more than ``tolerance_ms`` says
    so; a cue without a file lists its near misses (``title matches, artist differs:
    Waterloo Sunset.ogg by The Kinks, 70``).
    """
    lines = []
    for m in report.matched:
        remark = m.disagreement(tolerance_ms)
        tail = f"; {remark}" if remark else ""
        lines.append(f"{m.cue}: {m.path} ({m.method}, score {m.score}){tail}")
    for missing in report.missing:
        near = "; ".join(str(n) for n in missing.near)
        lines.append(f"{missing.cue}: no file found" + (f"; near misses: {near}" if near else ""))
    for path, refs in report.shared:
        lines.append(f"{path}: matched by {len(refs)} cues: " + "; ".join(str(r) for r in refs))
    return lines


__all__ = [
    "CueFile",
    "CueRef",
    "LibraryReport",
    "MissingFile",
    "apply_library",
    "default_index_path",
    "index_location",
    "query_for",
    "report_lines",
    "scan_library",
]
