"""Resolve list entries ("Composer - Work", "Performer - Anthem") against MusicBrainz.

For each :class:`Query` the :class:`Resolver` chooses a work, then a recording for the
duration, and says how sure it is (:class:`Resolution`):

1. **Work search** by the title's words (and, for anthems named by country, the anthem's
   own titles from :mod:`metadata.anthems`), the named composers lifting the ranking.
   Every hit is scored by our own normalised similarity: the title against the work's
   title and aliases (:mod:`metadata.similarity`), the named composers against the work's
   composers' names and sort names.  When composers were named but none of the hits is
   theirs and the search did not return every match, the composers are looked up by name
   (artist search, with aliases) and the works searched again by their MBIDs.
2. **Decision**: ``resolved`` when the best score is at least :data:`RESOLVED_AT` and leads
   the next by :data:`MARGIN`; ``ambiguous`` (at most five ranked candidates, each with why)
   when the best is at least :data:`AMBIGUOUS_AT`; ``unresolved`` otherwise.  When unsure,
   ambiguous: a confident wrong answer is the worst outcome.
3. **Duration**: when performers are named, a recording search for their recording of the
   work (length marked ``musicbrainz``); otherwise (or when they have none) the work's
   recordings are looked up and their median length is given, marked ``estimate``.
4. When no work fits, names given as composers may be performers (lists get this wrong):
   one recording search by title and name settles it.

Typical cost: two requests per entry on a cold cache, none on a warm one.  Identical
entries are resolved once.  Finished resolutions are cached too (kind ``resolution``),
keyed by the query, the server and :data:`RESOLVER_VERSION`.
"""

from __future__ import annotations

import json
import statistics
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Protocol

from metadata import queries
from metadata.anthems import Anthem, anthem_for
from metadata.cache import Cache
from metadata.errors import MetadataError, NotCached, ServiceError, ServiceUnavailable
from metadata.mbmodel import Artist, ArtistRelation, Recording, SearchResult, Work
from metadata.normalize import fold, sort_name_as_name
from metadata.similarity import (
    TitleMatch,
    Token,
    best_title,
    is_placeholder,
    name_forms,
    name_similarity,
    title_tokens,
)

RESOLVER_VERSION = 4
"""Bump when a change of this module changes results: cached resolutions are keyed by it."""
CACHE_KIND = "resolution"
RESOLVED_AT = 75
"""The least score of a resolved entry."""
MARGIN = 10
"""How far a resolved entry's work must lead the next candidate."""
AMBIGUOUS_AT = 50
"""The least score of the best candidate of an ambiguous entry."""
MAX_CANDIDATES = 5
NEAR_MISS = 10
"""The least score of a near miss shown with an unresolved entry."""
WORK_LIMIT = 25
RECORDING_LIMIT = 25
NAME_MATCH = 0.8
"""Name similarity from which two names are taken to be the same artist."""

WRITER_ROLES = frozenset({"composer", "lyricist", "writer"})
"""Roles checked against a work's writers.  Arrangers are not: an arrangement of the
work is still the work, and MusicBrainz seldom credits the arranger on it."""
PERFORMER_ROLES = frozenset({"performer", "conductor"})
_ROLE_OF = {
    "lyricist": "lyricist",
    "librettist": "lyricist",
    "translator": "lyricist",
    "arranger": "arranger",
    "orchestrator": "arranger",
    "instrumental arranger": "arranger",
    "vocal arranger": "arranger",
}
"""The cue role of a MusicBrainz writer relation; the rest are composers."""


class Status(str, Enum):
    """How an entry ended."""

    RESOLVED = "resolved"
    AMBIGUOUS = "ambiguous"
    UNRESOLVED = "unresolved"


@dataclass(frozen=True, slots=True)
class Name:
    """A name as written in the list, with the part it plays."""

    name: str
    role: str
    """``composer``, ``lyricist``, ``arranger``, ``performer`` or ``conductor``."""


@dataclass(frozen=True, slots=True)
class Query:
    """One list entry to resolve."""

    title: str
    names: tuple[Name, ...] = ()
    kind: str = "music"
    """``music`` or ``anthem``."""
    raw: str = ""
    """The line as written, for reports."""

    def key(self) -> str:
        """Identity for de-duplication: entries equal after folding are the same entry."""
        names = sorted(f"{n.role}:{fold(n.name)}" for n in self.names)
        return f"{self.kind}|{fold(self.title)}|{';'.join(names)}"

    def writers(self) -> tuple[str, ...]:
        """Names credited with writing the work: composers, lyricists (placeholders left out)."""
        return tuple(
            n.name for n in self.names if n.role in WRITER_ROLES and not is_placeholder(n.name)
        )

    def performers(self) -> tuple[str, ...]:
        """Names credited with performing it (placeholders such as "unnamed" left out)."""
        return tuple(
            n.name for n in self.names if n.role in PERFORMER_ROLES and not is_placeholder(n.name)
        )


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible match, ranked; ``score`` is 0-100."""

    title: str
    score: int
    work_mbid: str | None = None
    recording_mbid: str | None = None
    why: str = ""


@dataclass(frozen=True, slots=True)
class Credit:
    """A person or group MusicBrainz credits, with their MBID."""

    name: str
    role: str
    mbid: str


@dataclass(frozen=True, slots=True)
class Resolution:
    """The outcome for one entry."""

    status: Status
    score: int = 0
    """Confidence 0-100 of the chosen match (of the best candidate when not resolved)."""
    work_mbid: str | None = None
    recording_mbid: str | None = None
    artist_mbids: tuple[str, ...] = ()
    title: str = ""
    """The work's title in MusicBrainz (the recording's when no work was identified)."""
    duration_ms: int | None = None
    duration_source: str | None = None
    """``musicbrainz`` (the credited performer's recording) or ``estimate`` (a median)."""
    candidates: tuple[Candidate, ...] = ()
    credits: tuple[Credit, ...] = ()
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "status": self.status.value,
            "score": self.score,
            "work_mbid": self.work_mbid,
            "recording_mbid": self.recording_mbid,
            "artist_mbids": list(self.artist_mbids),
            "title": self.title,
            "duration_ms": self.duration_ms,
            "duration_source": self.duration_source,
            "candidates": [
                {
                    "work_mbid": c.work_mbid,
                    "recording_mbid": c.recording_mbid,
                    "title": c.title,
                    "score": c.score,
                    "why": c.why,
                }
                for c in self.candidates
            ],
            "credits": [{"name": c.name, "role": c.role, "mbid": c.mbid} for c in self.credits],
            "note": self.note,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Resolution:
        """The inverse of :meth:`to_dict`."""
        return cls(
            status=Status(d["status"]),
            score=int(d["score"]),
            work_mbid=d.get("work_mbid"),
            recording_mbid=d.get("recording_mbid"),
            artist_mbids=tuple(d.get("artist_mbids", ())),
            title=d.get("title", ""),
            duration_ms=d.get("duration_ms"),
            duration_source=d.get("duration_source"),
            candidates=tuple(
                Candidate(
                    c["title"],
                    int(c["score"]),
                    c.get("work_mbid"),
                    c.get("recording_mbid"),
                    c.get("why", ""),
                )
                for c in d.get("candidates", ())
            ),
            credits=tuple(Credit(c["name"], c["role"], c["mbid"]) for c in d.get("credits", ())),
            note=d.get("note", ""),
        )


class Client(Protocol):
    """What the resolver needs from MusicBrainz (:class:`metadata.musicbrainz.MusicBrainz`)."""

    base_url: str

    @property
    def offline(self) -> bool: ...

    def search_works(self, query: str, *, limit: int = ...) -> SearchResult[Work]: ...

    def search_recordings(self, query: str, *, limit: int = ...) -> SearchResult[Recording]: ...

    def search_artists(self, query: str, *, limit: int = ...) -> SearchResult[Artist]: ...

    def get_work(self, mbid: str, includes: tuple[str, ...] = ...) -> Work | None: ...


Progress = Callable[[int, int], None]
"""Called with (entries done, entries in all) as resolution goes on."""


@dataclass
class _Scored:
    work: Work
    score: int
    title: TitleMatch
    writers: tuple[ArtistRelation, ...] = ()
    why: str = ""


@dataclass
class _Context:
    """What one entry's resolution knows."""

    query: Query
    titles: tuple[str, ...]
    tokens: tuple[tuple[Token, ...], ...]
    writers: tuple[str, ...]
    performers: tuple[str, ...]
    anthem: Anthem | None
    notes: list[str] = field(default_factory=list)


class Resolver:
    """Resolves queries through a client and an optional cache of finished resolutions."""

    def __init__(
        self,
        client: Client,
        *,
        cache: Cache | None = None,
        workers: int = 1,
        work_limit: int = WORK_LIMIT,
    ) -> None:
        self.client = client
        self.work_limit = work_limit
        self.cache = cache
        self.workers = max(1, workers)
        self.warnings: list[str] = []
        """Problems of the whole run (the service went offline), each said once."""
        self._lock = threading.Lock()

    # ----------------------------------------------------------- entry points

    def resolve(self, query: Query) -> Resolution:
        """Resolve one entry."""
        return self.resolve_all([query])[0]

    def resolve_all(
        self, queries_: Sequence[Query], *, progress: Progress | None = None
    ) -> list[Resolution]:
        """Resolve entries in order; identical entries are resolved once."""
        unique = list(dict.fromkeys(q.key() for q in queries_))
        first: dict[str, Query] = {}
        for q in queries_:
            first.setdefault(q.key(), q)
        done: dict[str, Resolution] = {}
        if self.cache is not None:
            stored = self.cache.get_many(
                CACHE_KIND, [self._cache_key(k) for k in unique], stale_ok=self.client.offline
            )
            for k in unique:
                data = stored.get(self._cache_key(k))
                if data is not None:
                    done[k] = Resolution.from_dict(json.loads(data))
        todo = [k for k in unique if k not in done]
        count = [len(done)]

        def tick() -> None:
            if progress is not None:
                with self._lock:
                    count[0] += 1
                    progress(count[0], len(unique))

        if progress is not None:
            progress(len(done), len(unique))

        def work(key: str) -> tuple[str, Resolution]:
            result = self._resolve_cached(first[key])
            tick()
            return key, result

        if self.workers > 1 and len(todo) > 1:
            with ThreadPoolExecutor(self.workers, thread_name_prefix="resolve") as pool:
                done.update(pool.map(work, todo))
        else:
            done.update(work(k) for k in todo)
        return [done[q.key()] for q in queries_]

    def _cache_key(self, key: str) -> str:
        return f"v{RESOLVER_VERSION}|{self.client.base_url}|{key}"

    def _warn(self, error: ServiceUnavailable) -> None:
        with self._lock:
            if str(error) not in self.warnings:
                self.warnings.append(str(error))

    def _resolve_cached(self, query: Query) -> Resolution:
        try:
            result = self._resolve(query)
        except _Partial as partial:
            return partial.resolution  # not cached: the next run completes it
        except ServiceUnavailable as error:
            self._warn(error)
            return Resolution(Status.UNRESOLVED, note="MusicBrainz unreachable; nothing cached")
        except NotCached:
            return Resolution(Status.UNRESOLVED, note="offline, and not in the cache")
        except ServiceError as error:
            return Resolution(Status.UNRESOLVED, note=f"MusicBrainz failed: {error}")
        if self.cache is not None:
            data = json.dumps(result.to_dict(), ensure_ascii=False, separators=(",", ":"))
            self.cache.put(CACHE_KIND, self._cache_key(query.key()), data.encode())
        return result

    # ----------------------------------------------------------- the algorithm

    def _context(self, query: Query) -> _Context:
        anthem = (
            anthem_for(query.title)
            if query.kind == "anthem"
            or "anthem" in fold(query.title)
            or "hymn" in fold(query.title)
            else None
        )
        titles = [query.title]
        if anthem is not None:
            titles += list(anthem.titles)
        writers = query.writers()
        if not writers and anthem is not None:
            writers = anthem.composers
        titles = list(dict.fromkeys(titles))
        return _Context(
            query=query,
            titles=tuple(titles),
            tokens=tuple(title_tokens(t) for t in titles),
            writers=writers,
            performers=query.performers(),
            anthem=anthem,
        )

    def _resolve(self, query: Query) -> Resolution:
        ctx = self._context(query)
        if not any(ctx.tokens):
            return Resolution(Status.UNRESOLVED, note="no title to look for")
        hits = self.client.search_works(
            queries.works(ctx.titles, ctx.writers), limit=self.work_limit
        )
        scored = self._score_works(ctx, hits.items)
        if ctx.writers and not hits.complete and not self._has_writer_match(scored):
            scored = self._search_by_writers(ctx, scored)
        ranked = sorted(scored, key=lambda s: (-s.score, -(s.work.score or 0), s.work.title))
        status = _decide([s.score for s in ranked])
        if status is Status.RESOLVED:
            return self._with_duration(ctx, ranked[0])
        candidates = tuple(_candidate(s) for s in _shortlist(ranked))
        # No single work fits.  If none of the works is by the named composers, the names
        # may be the performers (lists get this wrong): one recording search settles it.
        names = ctx.performers or (() if self._has_writer_match(ranked) else query.writers())
        if names:
            by_name = self._performer_recording(ctx, None, names)
            if by_name is not None:
                rec, score, credited = by_name
                return Resolution(
                    Status.RESOLVED,
                    score,
                    recording_mbid=rec.mbid,
                    artist_mbids=tuple(dict.fromkeys(c.mbid for c in credited)),
                    title=rec.title,
                    duration_ms=rec.length_ms,
                    duration_source="musicbrainz" if rec.length_ms else None,
                    candidates=candidates,
                    credits=tuple(credited),
                    note=f"recording by {rec.credit_phrase}; its work is not identified",
                )
        best = ranked[0].score if ranked else 0
        if status is Status.AMBIGUOUS:
            return Resolution(
                Status.AMBIGUOUS,
                best,
                candidates=candidates,
                note=f"{len(candidates)} works fit about equally well",
            )
        return Resolution(
            Status.UNRESOLVED,
            best,
            candidates=candidates,
            note="no work in MusicBrainz fits" + (" the title and names" if query.names else ""),
        )

    def _score_works(self, ctx: _Context, works: Iterable[Work]) -> list[_Scored]:
        out: list[_Scored] = []
        for work in works:
            match = max(
                (best_title(tokens, work.titles()) for tokens in ctx.tokens),
                key=lambda m: m.score,
            )
            factor, writers, why = self._writer_factor(ctx, work)
            score = round(100 * match.score * factor)
            reason = f'title "{match.title}" {round(100 * match.score)}%'
            if match.conflict:
                reason += f" ({match.conflict})"
            if why:
                reason += f"; {why}"
            out.append(_Scored(work, score, match, writers, reason))
        return out

    def _writer_factor(
        self, ctx: _Context, work: Work
    ) -> tuple[float, tuple[ArtistRelation, ...], str]:
        """(factor 0-1, matching writer relations, why) for the named composers."""
        if not ctx.writers:
            return 1.0, (), ""
        relations = work.writers()
        if not relations:
            return 0.6, (), "no composer on record"
        best = 0.0
        matching: list[ArtistRelation] = []
        for relation in relations:
            forms = name_forms(
                relation.artist.name,
                relation.artist.sort_name,
                (a.name for a in relation.artist.aliases),
            )
            similarity = max(name_similarity(name, forms) for name in ctx.writers)
            best = max(best, similarity)
            if similarity >= NAME_MATCH:
                matching.append(relation)
        names = ", ".join(dict.fromkeys(_display_name(r.artist) for r in relations))
        if best >= NAME_MATCH:
            found = ", ".join(dict.fromkeys(_display_name(r.artist) for r in matching))
            return 1.0, tuple(matching), f"{matching[0].type} {found} matches"
        if best >= 0.6:
            return 0.8, (), f"writer {names} partly matches"
        return 0.3, (), f"writer {names} does not match"

    @staticmethod
    def _has_writer_match(scored: Iterable[_Scored]) -> bool:
        return any(s.writers and s.title.score >= 0.5 for s in scored)

    def _search_by_writers(self, ctx: _Context, scored: list[_Scored]) -> list[_Scored]:
        """Find the named composers' MBIDs by name, then their works by title."""
        arids: list[str] = []
        for name in ctx.writers:
            artists = self.client.search_artists(queries.artists(name), limit=5).items
            best = max(artists, key=lambda a: name_similarity(name, a.forms()), default=None)
            if best is not None and name_similarity(name, best.forms()) >= NAME_MATCH:
                arids.append(best.mbid)
        if not arids:
            return scored
        more = self.client.search_works(queries.works_by(arids, ctx.titles), limit=self.work_limit)
        seen = {s.work.mbid for s in scored}
        return scored + [s for s in self._score_works(ctx, more.items) if s.work.mbid not in seen]

    def _with_duration(self, ctx: _Context, chosen: _Scored) -> Resolution:
        credits = [
            Credit(_display_name(r.artist), _ROLE_OF.get(r.type, "composer"), r.artist.mbid)
            for r in chosen.work.writers()
        ]
        try:
            return self._duration(ctx, chosen, credits)
        except (ServiceError, NotCached) as error:
            if isinstance(error, ServiceUnavailable):
                self._warn(error)
            reason = "offline" if isinstance(error, (NotCached, ServiceUnavailable)) else "failed"
            unknown = self._resolved(
                chosen, credits, None, None, None, f"duration not looked up ({reason})"
            )
            raise _Partial(unknown) from error

    def _duration(self, ctx: _Context, chosen: _Scored, credits: list[Credit]) -> Resolution:
        work = chosen.work
        note = ""
        if ctx.performers:
            found = self._performer_recording(ctx, work, ctx.performers)
            if found is not None:
                rec, _, credited = found
                credits += credited
                return self._resolved(
                    chosen,
                    credits,
                    rec.mbid,
                    rec.length_ms,
                    "musicbrainz" if rec.length_ms else None,
                    f"recording by {rec.credit_phrase}",
                )
            note = f"no recording by {', '.join(ctx.performers)}; "
        full = self.client.get_work(work.mbid, ("recording-rels",))
        lengths = sorted(
            r.recording.length_ms
            for r in (full.recordings if full is not None else ())
            if r.recording.length_ms and not r.recording.video
        )
        if not lengths:
            return self._resolved(chosen, credits, None, None, None, note + "no recording length")
        median = int(statistics.median_low(lengths))
        return self._resolved(
            chosen,
            credits,
            None,
            median,
            "estimate",
            note + f"median length of {len(lengths)} recording{'s' if len(lengths) > 1 else ''}",
        )

    @staticmethod
    def _resolved(
        chosen: _Scored,
        credits: list[Credit],
        recording: str | None,
        duration: int | None,
        source: str | None,
        note: str,
    ) -> Resolution:
        unique = list(dict.fromkeys(credits))
        return Resolution(
            Status.RESOLVED,
            chosen.score,
            work_mbid=chosen.work.mbid,
            recording_mbid=recording,
            artist_mbids=tuple(dict.fromkeys(c.mbid for c in unique)),
            title=chosen.work.title,
            duration_ms=duration,
            duration_source=source,
            candidates=(_candidate(chosen),),
            credits=tuple(unique),
            note=note,
        )

    def _performer_recording(
        self, ctx: _Context, work: Work | None, performers: Sequence[str]
    ) -> tuple[Recording, int, list[Credit]] | None:
        """The named performers' recording of the work (or of the title), if MusicBrainz has one."""
        titles = list(work.titles()) if work is not None else list(ctx.titles)
        tokens = [title_tokens(t) for t in dict.fromkeys([*titles, *ctx.titles])]
        found = self.client.search_recordings(
            queries.recordings(titles, performers), limit=RECORDING_LIMIT
        )
        best: tuple[float, Recording, list[Credit]] | None = None
        for rec in found.items:
            credited: list[Credit] = []
            performer_score = 0.0
            for credit in rec.artist_credit:
                forms = (credit.credited_name, *credit.artist.forms())
                similarity = max(name_similarity(p, forms) for p in performers)
                if similarity >= NAME_MATCH:
                    credited.append(
                        Credit(_display_name(credit.artist), "performer", credit.artist.mbid)
                    )
                performer_score = max(performer_score, similarity)
            title_score = max(best_title(t, [rec.title]).score for t in tokens)
            if performer_score < NAME_MATCH or title_score < 0.6:
                continue
            score = performer_score * title_score - (0.05 if rec.video else 0.0)
            if best is None or score > best[0]:
                best = (score, rec, credited)
        if best is None:
            return None
        return best[1], round(100 * best[0]), best[2]


class _Partial(Exception):
    """A resolution that lacks what the service could not answer (not to be cached)."""

    def __init__(self, resolution: Resolution) -> None:
        super().__init__(resolution.note)
        self.resolution = resolution


def _decide(scores: Sequence[int]) -> Status:
    if not scores or scores[0] < AMBIGUOUS_AT:
        return Status.UNRESOLVED
    if scores[0] >= RESOLVED_AT and (len(scores) == 1 or scores[0] - scores[1] >= MARGIN):
        return Status.RESOLVED
    return Status.AMBIGUOUS


def _shortlist(ranked: Sequence[_Scored]) -> list[_Scored]:
    """The candidates worth showing: near the best, or near misses when nothing fits."""
    if not ranked:
        return []
    floor = max(30, ranked[0].score - 30) if ranked[0].score >= AMBIGUOUS_AT else NEAR_MISS
    return [s for s in ranked if s.score >= floor][:MAX_CANDIDATES]


def _candidate(s: _Scored) -> Candidate:
    return Candidate(s.work.title, s.score, work_mbid=s.work.mbid, why=s.why)


def _is_latin(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(
        ch.isascii() or "\u00c0" <= ch <= "\u024f" for ch in letters
    ) >= 0.8 * len(letters)


def _display_name(artist: Artist) -> str:
    """The artist's name in Latin letters when MusicBrainz has one (English alias, sort name)."""
    if _is_latin(artist.name):
        return artist.name
    for alias in artist.aliases:
        if alias.primary and alias.locale == "en" and _is_latin(alias.name):
            return alias.name
    if artist.sort_name and _is_latin(artist.sort_name):
        return sort_name_as_name(artist.sort_name)
    return artist.name


__all__ = [
    "Candidate",
    "Client",
    "Credit",
    "MetadataError",
    "Name",
    "Query",
    "Resolution",
    "Resolver",
    "Status",
]
