"""Match queries (cues) to audio files by identifiers first, then by title and credits.

For each :class:`FileQuery`, the first rule that finds a file wins:

1. ``recording``: the file's MusicBrainz recording id equals the query's (score 100);
2. ``work+performer``: same work id, and a performer of the query is an artist
   of the file (score = name similarity); a query with no performer accepts a
   work id that exactly one file carries (score 85);
3. ``isrc``: same ISRC (score 98);
4. ``title+credits``: the normalised titles are similar (case, accents,
   punctuation and bracketed suffixes such as "(Live)" ignored; a file with no
   title tag is judged by its file name without the track number) and, when
   both sides name people, the names are too.  Score = 70 % title + 30 %
   best name similarity (counted as 0 under 60 %; title alone when either
   side has no names); a match needs a score of at least ``threshold`` and a
   title similarity of at least 60.

Text is compared after :func:`metadata.normalize.fold` (Cyrillic and Greek
transliterated, accents and punctuation dropped); names and title words also
through :func:`metadata.normalize.skeleton`, so Чайковский, Tchaikovsky and
Tschaikowsky meet.

Scores are 0-100.  The report lists every query without a file with its best near
misses (:class:`NearMiss`: files that fit in part, and why they were not taken), and
every file that more than one query matched.  Imports nothing from :mod:`cuesheet`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import Enum

from metadata.normalize import fold, skeleton
from metadata.tags import AudioFile

DEFAULT_THRESHOLD = 80
"""Minimum title+credits score (0-100) for a match by text."""

_MIN_TITLE = 60
_NAME_MATCH = 0.8
_NAME_AGREES = 0.6
"""Below this, two names are different people and add nothing to a title match."""
_UNIQUE_WORK_SCORE = 85
_ISRC_SCORE = 98
NEAR_MISSES = 3
"""How many near misses the report keeps for a query without a file."""
_NEAR_TITLE = 40
"""The least title similarity (0-100) of a near miss."""
_TITLE_MATCHES = 0.9


class MatchMethod(str, Enum):
    """The rule that matched a query to a file, strongest first."""

    RECORDING = "recording"
    WORK = "work+performer"
    ISRC = "isrc"
    TITLE = "title+credits"


@dataclass(frozen=True, slots=True)
class FileQuery:
    """What is known of one cue; ``key`` is the caller's handle for it (e.g. the cue number)."""

    key: str
    title: str
    performers: tuple[str, ...] = ()
    composers: tuple[str, ...] = ()
    recording_mbid: str | None = None
    work_mbid: str | None = None
    isrc: str | None = None


@dataclass(frozen=True, slots=True)
class FileMatch:
    """A query's file, how it was found and how sure the match is (0-100)."""

    key: str
    file: AudioFile
    method: MatchMethod
    score: int


@dataclass(frozen=True, slots=True)
class NearMiss:
    """A file that fits a query in part, with why it was not taken; ``score`` 0-100."""

    file: AudioFile
    score: int
    why: str
    """E.g. ``title matches, artist differs``."""

    def __str__(self) -> str:
        """``title matches, artist differs: Waterloo Sunset.ogg by The Kinks, 70``."""
        by = f" by {', '.join(self.file.tags.artists)}" if self.file.tags.artists else ""
        return f"{self.why}: {os.path.basename(self.file.path)}{by}, {self.score}"


@dataclass(frozen=True, slots=True)
class SharedFile:
    """A file that several queries matched."""

    path: str
    keys: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MatchReport:
    """The outcome of :func:`match_files`."""

    matches: tuple[FileMatch, ...]
    """One per matched query, in query order."""
    unmatched: tuple[str, ...]
    """Keys of the queries no file matched, in query order."""
    shared: tuple[SharedFile, ...]
    """Files matched by more than one query, by path."""
    near_misses: tuple[tuple[str, tuple[NearMiss, ...]], ...] = ()
    """(key, best near misses first) for each unmatched query that has any."""

    def by_key(self) -> dict[str, FileMatch]:
        """The matches keyed by query key."""
        return {m.key: m for m in self.matches}


def match_files(
    queries: Iterable[FileQuery],
    files: Sequence[AudioFile],
    *,
    threshold: int = DEFAULT_THRESHOLD,
) -> MatchReport:
    """Match every query to at most one of ``files`` (see the module docstring for the rules)."""
    index = _Index(files)
    matches: list[FileMatch] = []
    unmatched: list[str] = []
    near: list[tuple[str, tuple[NearMiss, ...]]] = []
    for query in queries:
        found = index.match(query, threshold)
        if found is None:
            unmatched.append(query.key)
            misses = index.near_misses(query)
            if misses:
                near.append((query.key, misses))
        else:
            matches.append(found)
    users: dict[str, list[str]] = {}
    for found in matches:
        users.setdefault(found.file.path, []).append(found.key)
    shared = tuple(
        SharedFile(path, tuple(keys)) for path, keys in sorted(users.items()) if len(keys) > 1
    )
    return MatchReport(tuple(matches), tuple(unmatched), shared, tuple(near))


# --- normalising text ----------------------------------------------------------------------

_BRACKETS = re.compile(r"[(\[{][^)\]}]*[)\]}]")
_NOT_WORD = re.compile(r"[\W_]+")
_TRACK_PREFIX = re.compile(r"^\s*(?:\d{1,3}(?:[-.]\d{1,3})?)\s*(?:[-._)]\s*|\s+)")


def normalise(text: str) -> str:
    """Lower case, Latin script, no accents, ``&`` as "and", punctuation as single spaces."""
    return fold(text.replace("&", " and "))


def _title_forms(text: str) -> tuple[str, ...]:
    """The normalised title, and the same without bracketed parts when that differs."""
    full = normalise(text)
    short = normalise(_BRACKETS.sub(" ", text))
    return (full, short) if short and short != full else (full,)


def _file_title(file: AudioFile) -> str:
    if file.tags.title:
        return file.tags.title
    stem = os.path.splitext(os.path.basename(file.path))[0]
    return _TRACK_PREFIX.sub("", stem) or stem


def _similar(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < 0.5 or matcher.quick_ratio() < 0.5:
        return 0.0
    return matcher.ratio()


def name_similarity(a: str, b: str) -> float:
    """0-1; 1 when one name's words all occur in the other ("Tchaikovsky", "P. I. Tchaikovsky")."""
    left = [skeleton(w) for w in normalise(a).split()]
    right = [skeleton(w) for w in normalise(b).split()]
    if not left or not right:
        return 0.0
    small, large = sorted((set(left), set(right)), key=len)
    if small <= large:
        return 1.0
    return _similar(" ".join(sorted(left)), " ".join(sorted(right)))


def _best_name_similarity(ours: Iterable[str], theirs: Iterable[str]) -> float:
    theirs = tuple(theirs)
    return max((name_similarity(a, b) for a in ours for b in theirs), default=0.0)


# --- the index -----------------------------------------------------------------------------


def _norm_id(value: str | None) -> str | None:
    return value.strip().lower() if value else None


def _norm_isrc(value: str | None) -> str | None:
    return re.sub(r"[^0-9A-Za-z]", "", value).upper() if value else None


class _Index:
    """Files by recording id, work id, ISRC and title word, for quick candidate lookup."""

    def __init__(self, files: Sequence[AudioFile]) -> None:
        self.files = sorted(files, key=lambda f: f.path)
        self.recording: dict[str, list[AudioFile]] = {}
        self.work: dict[str, list[AudioFile]] = {}
        self.isrc: dict[str, list[AudioFile]] = {}
        self.words: dict[str, list[int]] = {}
        self.titles: list[tuple[str, ...]] = []
        for position, file in enumerate(self.files):
            for table, value in (
                (self.recording, _norm_id(file.tags.recording_mbid)),
                (self.work, _norm_id(file.tags.work_mbid)),
                (self.isrc, _norm_isrc(file.tags.isrc)),
            ):
                if value:
                    table.setdefault(value, []).append(file)
            forms = _title_forms(_file_title(file))
            self.titles.append(forms)
            for word in {skeleton(w) for w in " ".join(forms).split()}:
                self.words.setdefault(word, []).append(position)

    def match(self, query: FileQuery, threshold: int) -> FileMatch | None:
        forms = _title_forms(query.title)
        recording = self.recording.get(_norm_id(query.recording_mbid) or "", [])
        if recording:
            best = max(recording, key=lambda f: self._title_score(forms, f))
            return FileMatch(query.key, best, MatchMethod.RECORDING, 100)
        work = self.work.get(_norm_id(query.work_mbid) or "", [])
        if work:
            found = self._by_work(query, work)
            if found is not None:
                return found
        by_isrc = self.isrc.get(_norm_isrc(query.isrc) or "", [])
        if by_isrc:
            best = max(by_isrc, key=lambda f: self._title_score(forms, f))
            return FileMatch(query.key, best, MatchMethod.ISRC, _ISRC_SCORE)
        return self._by_text(query, forms, threshold)

    def _by_work(self, query: FileQuery, work: list[AudioFile]) -> FileMatch | None:
        if not query.performers:
            if len(work) == 1:
                return FileMatch(query.key, work[0], MatchMethod.WORK, _UNIQUE_WORK_SCORE)
            return None
        scored = [(_best_name_similarity(query.performers, f.tags.artists), f) for f in work]
        best_score = max(s for s, _ in scored)
        if best_score < _NAME_MATCH:
            return None
        best = next(f for s, f in scored if s == best_score)
        return FileMatch(query.key, best, MatchMethod.WORK, round(best_score * 100))

    def _title_score(self, forms: tuple[str, ...], file: AudioFile) -> float:
        return max(_similar(a, b) for a in forms for b in _title_forms(_file_title(file)))

    def _by_text(
        self, query: FileQuery, forms: tuple[str, ...], threshold: int
    ) -> FileMatch | None:
        names = query.performers + query.composers
        keys = {skeleton(w) for w in " ".join(forms).split()}
        candidates = sorted({p for key in keys for p in self.words.get(key, [])})
        best: tuple[float, int] | None = None
        for position in candidates:
            title = max(_similar(a, b) for a in forms for b in self.titles[position])
            if title * 100 < _MIN_TITLE:
                continue
            file = self.files[position]
            theirs = file.tags.artists + file.tags.composers
            if names and theirs:
                credit = _best_name_similarity(names, theirs)
                score = 0.7 * title + 0.3 * (credit if credit >= _NAME_AGREES else 0.0)
            else:
                score = title
            if best is None or score > best[0]:
                best = (score, position)
        if best is None or best[0] * 100 < threshold:
            return None
        return FileMatch(query.key, self.files[best[1]], MatchMethod.TITLE, round(best[0] * 100))

    def near_misses(self, query: FileQuery, limit: int = NEAR_MISSES) -> tuple[NearMiss, ...]:
        """The files that fit ``query`` best without matching it, best first.

        Files of the same work, and files whose title is at least 40 % like the query's;
        scored as the title+credits rule scores them.
        """
        same_work = {f.path for f in self.work.get(_norm_id(query.work_mbid) or "", [])}
        forms = _title_forms(query.title)
        keys = {skeleton(w) for w in " ".join(forms).split()}
        positions = {p for key in keys for p in self.words.get(key, [])}
        if same_work:
            positions |= {i for i, f in enumerate(self.files) if f.path in same_work}
        names = query.performers + query.composers
        found: list[NearMiss] = []
        for position in sorted(positions):
            file = self.files[position]
            title = max(_similar(a, b) for a in forms for b in self.titles[position])
            if title * 100 < _NEAR_TITLE and file.path not in same_work:
                continue
            theirs = file.tags.artists + file.tags.composers
            score, who = title, ""
            if names and theirs:
                credit = _best_name_similarity(names, theirs)
                agrees = credit >= _NAME_AGREES
                score = 0.7 * title + 0.3 * (credit if agrees else 0.0)
                who = ", artist matches" if agrees else ", artist differs"
            if file.path in same_work:
                what = "same work"
            else:
                what = "title matches" if title >= _TITLE_MATCHES else "title differs in part"
            found.append(NearMiss(file, round(score * 100), what + who))
        found.sort(key=lambda m: (-m.score, m.file.path))
        return tuple(found[:limit])


__all__ = [
    "DEFAULT_THRESHOLD",
    "FileMatch",
    "FileQuery",
    "MatchMethod",
    "MatchReport",
    "NearMiss",
    "SharedFile",
    "match_files",
    "name_similarity",
    "normalise",
]
