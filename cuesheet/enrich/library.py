"""Give a show's cues their audio files from a scanned library.

Each cue without a file (speech cues aside) becomes a
:class:`metadata.filematch.FileQuery`; a matched cue gets the file as its
location and the file's exact length as its duration, with duration source
``file``, and any identifier it lacked (recording, work, artists, ISRC) from
the file's tags.  Cues that already name a file are left as they are.  The
:class:`LibraryReport` lists every match with its rule and score, the cues left
without a file, and the files that more than one cue matched.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from cuesheet.model import Cue, CueKind, DurationSource, Identifiers, Role, Show
from metadata.filematch import DEFAULT_THRESHOLD, FileQuery, MatchReport, match_files
from metadata.library import Library, ScanResult
from metadata.tags import AudioFile

INDEX_ENV_VAR = "CUESHEET_LIBRARY_INDEX"
"""Environment variable naming the library index file (default: the user cache folder)."""


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


@dataclass(frozen=True, slots=True)
class LibraryReport:
    """What matching a show against a library did."""

    matched: tuple[CueFile, ...]
    missing: tuple[CueRef, ...]
    """Cues that wanted a file and got none, in running order."""
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
    return replace(
        cue,
        file=file.path,
        duration_ms=file.duration_ms,
        duration_source=DurationSource.FILE,
        ids=filled,
    )


def apply_library(
    show: Show, files: Sequence[AudioFile], *, threshold: int = DEFAULT_THRESHOLD
) -> tuple[Show, LibraryReport]:
    """The show with matched files applied, and the report."""
    refs: dict[str, CueRef] = {}
    queries: list[FileQuery] = []
    for s, segment in enumerate(show.segments):
        for c, cue in enumerate(segment.cues):
            if _wants_file(cue):
                key = f"{s}:{c}"
                refs[key] = CueRef(segment.title, cue.number, cue.title)
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
    result = LibraryReport(
        matched=tuple(
            CueFile(refs[m.key], m.file.path, m.method.value, m.score, m.file.duration_ms)
            for m in report.matches
        ),
        missing=tuple(refs[key] for key in report.unmatched),
        shared=tuple((s.path, tuple(refs[k] for k in s.keys)) for s in report.shared),
    )
    return replace(show, segments=tuple(segments)), result


def report_lines(report: LibraryReport) -> list[str]:
    """The report as lines of text for people (matches, then cues without a file, then sharing)."""
    lines = [f"{m.cue}: {m.path} ({m.method}, score {m.score})" for m in report.matched]
    lines += [f"{ref}: no file found" for ref in report.missing]
    for path, refs in report.shared:
        lines.append(f"{path}: matched by {len(refs)} cues: " + "; ".join(str(r) for r in refs))
    return lines


__all__ = [
    "CueFile",
    "CueRef",
    "LibraryReport",
    "apply_library",
    "default_index_path",
    "index_location",
    "query_for",
    "report_lines",
    "scan_library",
]
