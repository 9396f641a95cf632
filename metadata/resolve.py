"""Resolve list entries ("Composer - Work", "Performer - Anthem") against MusicBrainz.

For each :class:`Query` the :class:`Resolver` chooses a work, then a recording for the
duration, and says how sure it is (:class:`Resolution`):

1. **Work search** by the title's words (and, for anthems named by country, the anthem's
   own titles from :mod:`metadata.anthems`; for "Theme from X", also "X: Theme" and X),
   the named composers lifting the ranking.  Every hit is scored by our own normalised
   similarity: the title against the work's title, its aliases and, for a part, its own
   name after the parent's (:mod:`metadata.similarity`); the named composers against the
   work's writers.  When composers were named but none of the hits is theirs and the
   search did not return every match, the composers are looked up by name and the works
   searched again by their MBIDs.
2. **Rules a musician applies**, each noted in the candidate's ``why``: the original
   before its arrangements unless the line names the arranger; a part is part of its
   parent (the parent steps back when the line names the part, a part does not stand in
   for a whole the line names); "Theme/Suite/Waltz from X" points at a part of X.
3. **Decision**: ``resolved`` when the best score is at least :data:`RESOLVED_AT` and leads
   the next by :data:`MARGIN`; ``ambiguous`` (at most five ranked candidates, each with why)
   when the best is at least :data:`AMBIGUOUS_AT`; ``unresolved`` otherwise.  When unsure,
   ambiguous: a confident wrong answer is the worst outcome.
4. **Recordings**, batched: the work hits list their recordings' MBIDs; one recording
   search by MBID per chunk of entries brings lengths, credits and ISRCs.  With performers
   named, their recording among the candidate works' recordings decides the work (the
   performer rule); failing that, one recording search by title and name, and the found
   recording's work relationships.  Without performers, the median length of the chosen
   work's (or part's) recordings is given, marked ``estimate``.
5. One artist search by MBID per chunk adds the writers' and performers' IPI codes and
   life spans.

Typical cost: a little over one request per entry on a cold cache, none on a warm one.
Identical entries are resolved once.  Finished resolutions are cached too (kind
``resolution``), keyed by the query, the server and :data:`RESOLVER_VERSION`.
"""

from __future__ import annotations

import json
import re
import statistics
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
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
    title_similarity,
    title_tokens,
)

RESOLVER_VERSION = 5
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
CHUNK = 25
"""Entries resolved together, sharing their batched look-ups."""
BATCH = 50
"""MBIDs in one search by MBIDs (``rid:(...)``); the server returns at most 100 hits."""
MAX_LENGTHS = 8
"""Recordings of a work whose lengths make its estimate."""
MAX_PER_WORK = 15
"""Recordings of each candidate work looked at for the named performers."""
NOT_CACHED = "offline, and not in the cache"
"""The note of an entry an offline run could not answer from the cache."""

WRITER_ROLES = frozenset({"composer", "lyricist", "writer"})
"""Roles checked against a work's writers.  Arrangers are not: an arrangement of the
work is still the work, and MusicBrainz seldom credits the arranger on it."""
PERFORMER_ROLES = frozenset({"performer", "conductor"})
ARRANGER_ROLES = frozenset({"arranger", "orchestrator"})
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

    def arrangers(self) -> tuple[str, ...]:
        """Names credited with arranging or orchestrating the version meant."""
        return tuple(
            n.name for n in self.names if n.role in ARRANGER_ROLES and not is_placeholder(n.name)
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
    ipis: tuple[str, ...] = ()
    """The artist's IPI codes (11 digits), for rights societies."""
    begin: str = ""
    """Born or founded: an ISO date, partial as MusicBrainz has it (``1858``); empty if unknown."""
    end: str = ""
    """Died or dissolved, as ``begin``; empty when living or unknown."""


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
    iswcs: tuple[str, ...] = ()
    """The work's ISWCs (``T-010.179.617-2``)."""
    isrcs: tuple[str, ...] = ()
    """The recording's ISRCs (``GBUM71029604``)."""

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
            "credits": [
                {
                    "name": c.name,
                    "role": c.role,
                    "mbid": c.mbid,
                    "ipis": list(c.ipis),
                    "begin": c.begin,
                    "end": c.end,
                }
                for c in self.credits
            ],
            "note": self.note,
            "iswcs": list(self.iswcs),
            "isrcs": list(self.isrcs),
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
            credits=tuple(
                Credit(
                    c["name"],
                    c["role"],
                    c["mbid"],
                    tuple(c.get("ipis", ())),
                    c.get("begin", ""),
                    c.get("end", ""),
                )
                for c in d.get("credits", ())
            ),
            note=d.get("note", ""),
            iswcs=tuple(d.get("iswcs", ())),
            isrcs=tuple(d.get("isrcs", ())),
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

    def get_recording(self, mbid: str, includes: tuple[str, ...] = ...) -> Recording | None: ...


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
    arrangers: tuple[str, ...]
    anthem: Anthem | None
    excerpt: tuple[str, str] | None = None
    """(part, whole) for "Theme from X" and the like."""
    hits_list_recordings: bool = True
    """False when the server's work hits carried no recordings at all (then a work's
    recordings are looked up with it)."""
    notes: list[str] = field(default_factory=list)

    @property
    def named_writers(self) -> tuple[str, ...]:
        """The names the line gives as writers (not an anthem's known composers)."""
        return _expand(self.query.writers())


class Resolver:
    """Resolves queries through a client and an optional cache of finished resolutions."""

    def __init__(
        self,
        client: Client,
        *,
        cache: Cache | None = None,
        workers: int = 1,
        work_limit: int = WORK_LIMIT,
        chunk: int = CHUNK,
    ) -> None:
        self.client = client
        self.work_limit = work_limit
        self.cache = cache
        self.workers = max(1, workers)
        self.chunk = max(1, chunk)
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
        """Resolve entries in order; identical entries are resolved once.

        Entries go in chunks of :data:`CHUNK`: one work search each, then one recording
        search by the MBIDs of every recording the chunk needs (lengths, credits), then one
        artist search by the MBIDs of the writers and performers found (IPIs, life spans).
        """
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
        if progress is not None:
            progress(len(done), len(unique))
        for start in range(0, len(todo), self.chunk):
            for key, result in self._resolve_chunk(
                [first[k] for k in todo[start : start + self.chunk]]
            ):
                done[key] = result
                if progress is not None:
                    progress(len(done), len(unique))
        return [done[q.key()] for q in queries_]

    def _map(self, fn: Callable[[Any], Any], items: Sequence[Any]) -> list[Any]:
        if self.workers > 1 and len(items) > 1:
            with ThreadPoolExecutor(self.workers, thread_name_prefix="resolve") as pool:
                return list(pool.map(fn, items))
        return [fn(item) for item in items]

    def _resolve_chunk(self, chunk: Sequence[Query]) -> Iterable[tuple[str, Resolution]]:
        """Resolve a few entries with shared batch look-ups; yields as each is cached."""
        firsts: list[Resolution | _Pending | _Failed] = self._map(self._guard(self._first), chunk)
        wanted = sorted({m for f in firsts if isinstance(f, _Pending) for m in f.want})
        recordings, failure = self._by_ids("recording", wanted)

        def finish(item: Resolution | _Pending | _Failed) -> Resolution | _Pending | _Failed:
            if not isinstance(item, _Pending):
                return item
            if failure is not None:
                return self._failed(failure, self._unfinished(item))
            result: Resolution | _Failed = self._guard(lambda p: self._finish(p, recordings))(item)
            return result

        results = self._map(finish, firsts)
        artists, artist_failure = self._by_ids(
            "artist",
            sorted({c.mbid for r in results if isinstance(r, Resolution) for c in r.credits}),
        )
        for query, result in zip(chunk, results, strict=True):
            if isinstance(result, _Failed):
                yield query.key(), result.resolution  # not cached: the next run completes it
                continue
            assert isinstance(result, Resolution)
            result = _with_artists(result, artists)
            if self.cache is not None and artist_failure is None:  # else the next run completes it
                data = json.dumps(result.to_dict(), ensure_ascii=False, separators=(",", ":"))
                self.cache.put(CACHE_KIND, self._cache_key(query.key()), data.encode())
            yield query.key(), result

    def _cache_key(self, key: str) -> str:
        return f"v{RESOLVER_VERSION}|{self.client.base_url}|{key}"

    def _warn(self, error: ServiceUnavailable) -> None:
        with self._lock:
            if str(error) not in self.warnings:
                self.warnings.append(str(error))

    def _guard(self, fn: Callable[[Any], Any]) -> Callable[[Any], Any]:
        """``fn`` with the service's failures turned into an unresolved, uncached result."""

        def run(arg: Any) -> Any:
            try:
                return fn(arg)
            except _Partial as partial:
                return _Failed(partial.resolution)
            except (ServiceError, NotCached) as error:
                return self._failed(error, Resolution(Status.UNRESOLVED))

        return run

    def _failed(self, error: Exception, base: Resolution) -> _Failed:
        if isinstance(error, ServiceUnavailable):
            self._warn(error)
            note = "MusicBrainz unreachable; nothing cached"
        elif isinstance(error, NotCached):
            note = NOT_CACHED
        else:
            note = f"MusicBrainz failed: {error}"
        if base.status is Status.RESOLVED:
            reason = "failed" if note.startswith("MusicBrainz failed") else "offline"
            note = f"duration not looked up ({reason})"
        return _Failed(replace(base, note=note))

    def _by_ids(self, entity: str, mbids: Sequence[str]) -> tuple[dict[str, Any], Exception | None]:
        """Entities by MBID through batched searches (``rid:(...)``, ``arid:(...)``)."""
        found: dict[str, Any] = {}
        search = (
            self.client.search_recordings if entity == "recording" else self.client.search_artists
        )
        field_ = "rid" if entity == "recording" else "arid"
        try:
            for start in range(0, len(mbids), BATCH):
                batch = mbids[start : start + BATCH]
                for item in search(queries.by_ids(field_, batch), limit=len(batch)).items:
                    found[item.mbid] = item
        except (ServiceError, NotCached) as error:
            if isinstance(error, ServiceUnavailable):
                self._warn(error)
            return found, error
        return found, None

    # ----------------------------------------------------------- the algorithm

    def _context(self, query: Query) -> _Context:
        anthem = (
            anthem_for(query.title)
            if query.kind == "anthem"
            or "anthem" in fold(query.title)
            or "hymn" in fold(query.title)
            else None
        )
        excerpt = _excerpt(query.title)
        titles = [query.title]
        if excerpt is not None:
            part, whole = excerpt
            titles += [f"{whole}: {part}", whole]
        bare = _PARENTHESIS.sub(" ", query.title).strip()
        if bare and bare != query.title:
            titles.append(bare)  # "March No. 1 (Land of Hope and Glory)": a subtitle
        if anthem is not None:
            titles += list(anthem.titles)
        writers = _expand(query.writers())
        if not writers and anthem is not None:
            writers = anthem.composers
        titles = list(dict.fromkeys(titles))
        return _Context(
            query=query,
            titles=tuple(titles),
            tokens=tuple(title_tokens(t) for t in titles),
            writers=writers,
            performers=_expand(query.performers()),
            arrangers=_expand(query.arrangers()),
            anthem=anthem,
            excerpt=excerpt,
        )

    def _first(self, query: Query) -> Resolution | _Pending:
        """The work search and its ranking; what is left to look up comes back pending."""
        ctx = self._context(query)
        if not any(ctx.tokens):
            return Resolution(Status.UNRESOLVED, note="no title to look for")
        hits = self.client.search_works(
            queries.works(ctx.titles, (*ctx.writers, *ctx.arrangers)), limit=self.work_limit
        )
        scored = self._score_works(ctx, hits.items)
        if ctx.writers and not hits.complete and not self._has_writer_match(scored):
            scored = self._search_by_writers(ctx, scored)
        scored = _parent_rule(ctx, scored)
        ctx.hits_list_recordings = any(s.work.recordings for s in scored)
        ranked = sorted(scored, key=lambda s: (-s.score, -(s.work.score or 0), s.work.mbid))
        status = _decide([s.score for s in ranked])
        names = ctx.performers or (
            () if self._has_writer_match(ranked) or status is Status.RESOLVED else ctx.named_writers
        )
        if not names and status is not Status.RESOLVED:
            return self._undecided(ctx, ranked, status)
        want: list[str] = []
        if status is Status.RESOLVED:
            want += _recording_ids(ranked[0].work, ctx, MAX_LENGTHS)
        if names:
            for s in ranked[:MAX_CANDIDATES]:
                if s.title.score >= 0.6:
                    want += _recording_ids(s.work, ctx, MAX_PER_WORK)
        return _Pending(ctx, ranked, status, tuple(names), tuple(dict.fromkeys(want)))

    def _undecided(self, ctx: _Context, ranked: list[_Scored], status: Status) -> Resolution:
        candidates = tuple(_candidate(s) for s in _shortlist(ranked))
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
            note="no work in MusicBrainz fits"
            + (" the title and names" if ctx.query.names else ""),
        )

    def _finish(self, p: _Pending, recordings: dict[str, Recording]) -> Resolution:
        """Decide with the recordings looked up: the performers' recording, else a length."""
        ctx = p.ctx
        if p.names:
            found = self._performer_in(p, recordings) or self._performer_search(p)
            if found is not None:
                return found
            if p.status is not Status.RESOLVED:
                return self._undecided(ctx, p.ranked, p.status)
        chosen = p.ranked[0]
        credits = _writer_credits(chosen.work)
        note = f"no recording by {', '.join(ctx.query.performers())}; " if ctx.performers else ""
        return self._estimate(ctx, chosen, credits, recordings, note)

    def _estimate(
        self,
        ctx: _Context,
        chosen: _Scored,
        credits: list[Credit],
        recordings: dict[str, Recording],
        note: str,
    ) -> Resolution:
        """The chosen work with the median length of its own recordings."""
        work = chosen.work
        ids = _recording_ids(work, ctx, MAX_LENGTHS)
        if not ctx.hits_list_recordings:
            try:
                full = self.client.get_work(work.mbid, ("recording-rels",))
            except (ServiceError, NotCached) as error:
                raise _Partial(
                    self._failed(
                        error, self._resolved(chosen, credits, None, None, None, "")
                    ).resolution
                ) from error
            work = full if full is not None else work
            recs = [r.recording for r in work.recordings]
        else:
            recs = [recordings[i] for i in ids if i in recordings]
        lengths = sorted(r.length_ms for r in recs if r.length_ms and not r.video)
        excerpt = ctx.excerpt is not None or bool(_EXCERPT_WORD.search(ctx.query.title))
        if excerpt and not _is_part(work):
            lengths = []  # the whole work's length is not the excerpt's
            note += "an excerpt, and MusicBrainz has no work for that part; "
        if not lengths:
            part = excerpt or _is_part(work)
            tail = "no recording length" + (" of this part" if part else "")
            if part:
                tail += "; the duration stays an estimate"
            source = "estimate" if excerpt else None
            return self._resolved(chosen, credits, None, None, source, note + tail)
        median = int(statistics.median_low(lengths))
        plural = "s" if len(lengths) > 1 else ""
        of = " of this part" if _is_part(work) else ""
        return self._resolved(
            chosen,
            credits,
            None,
            median,
            "estimate",
            note + f"median length of {len(lengths)} recording{plural}{of}",
        )

    def _performer_in(self, p: _Pending, recordings: dict[str, Recording]) -> Resolution | None:
        """The performers' recording among the candidate works' recordings, and its work."""
        owner = {rel.recording.mbid: s for s in p.ranked for rel in s.work.recordings}
        candidates = [recordings[m] for m in p.want if m in recordings and m in owner]
        best = _best_recording(p.ctx, candidates, p.names)
        if best is None:
            return None
        rec, _, credited = best
        chosen = owner[rec.mbid]
        why = f"recording by {rec.credit_phrase} is a performance of it"
        return self._with_recording(p, chosen, rec, credited, why)

    def _with_recording(
        self, p: _Pending, chosen: _Scored, rec: Recording, credited: list[Credit], why: str
    ) -> Resolution:
        credits = _writer_credits(chosen.work) + credited
        rule = "; ".join(w for w in (chosen.why, why) if w)
        chosen = _Scored(
            chosen.work, max(chosen.score, RESOLVED_AT), chosen.title, chosen.writers, rule
        )
        result = self._resolved(
            chosen,
            credits,
            rec.mbid,
            rec.length_ms,
            "musicbrainz" if rec.length_ms else None,
            f"recording by {rec.credit_phrase}",
        )
        return replace(result, isrcs=rec.isrcs)

    def _performer_search(self, p: _Pending) -> Resolution | None:
        """The performers' recording by a recording search; its work by its relationships."""
        ctx = p.ctx
        work = p.ranked[0].work if p.status is Status.RESOLVED else None
        found = self._performer_recording(ctx, work, p.names)
        if found is None:
            return None
        rec, score, credited = found
        owner = {rel.recording.mbid: s for s in p.ranked for rel in s.work.recordings}
        if rec.mbid in owner:
            return self._with_recording(
                p,
                owner[rec.mbid],
                rec,
                credited,
                f"recording by {rec.credit_phrase} is a performance of it",
            )
        if p.status is Status.RESOLVED:
            return self._with_recording(p, p.ranked[0], rec, credited, "")
        full = self.client.get_recording(rec.mbid, ("work-rels",))
        linked = [
            r.work for r in (full.works if full is not None else ()) if r.type == "performance"
        ]
        if linked:
            work = next((s.work for s in p.ranked if s.work.mbid == linked[0].mbid), None)
            if work is None:
                work = self.client.get_work(linked[0].mbid, ("aliases", "artist-rels")) or linked[0]
            chosen = self._score_works(ctx, [work])[0]
            return self._with_recording(
                p, chosen, rec, credited, f"recording by {rec.credit_phrase} is a performance of it"
            )
        candidates = tuple(_candidate(s) for s in _shortlist(p.ranked))
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
            isrcs=rec.isrcs,
            note=f"recording by {rec.credit_phrase}; its work is not identified",
        )

    def _score_works(self, ctx: _Context, works: Iterable[Work]) -> list[_Scored]:
        out: list[_Scored] = []
        for work in works:
            match = max(
                (best_title(tokens, work.titles()) for tokens in ctx.tokens),
                key=lambda m: m.score,
            )
            factor, writers, why = self._writer_factor(ctx, work)
            reason = f'title "{match.title}" {round(100 * match.score)}%'
            if match.conflict:
                reason += f" ({match.conflict})"
            own = _own_name_match(ctx, work)
            if own is not None and 0.95 * own.score > match.score:
                match = TitleMatch(round(0.95 * own.score, 4), own.title, own.conflict)
                reason = (
                    f'hierarchy rule: a part named "{own.title}" {round(100 * own.score)}% '
                    f"on its own"
                )
            score = 100 * match.score * factor
            if why:
                reason += f"; {why}"
            for rule in (_excerpt_rule, _arrangement_rule, _whole_rule):
                adjusted, said = rule(ctx, work, score)
                if said:
                    score, reason = adjusted, f"{reason}; {said}"
            out.append(_Scored(work, round(score), match, writers, reason))
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

    def _unfinished(self, p: _Pending) -> Resolution:
        if p.status is Status.RESOLVED:
            chosen = p.ranked[0]
            return self._resolved(chosen, _writer_credits(chosen.work), None, None, None, "")
        return Resolution(Status.UNRESOLVED)

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
            iswcs=chosen.work.iswcs,
            note=note,
        )

    def _performer_recording(
        self, ctx: _Context, work: Work | None, performers: Sequence[str]
    ) -> tuple[Recording, int, list[Credit]] | None:
        """The named performers' recording of the work (or of the title), if MusicBrainz has one."""
        titles = list(work.titles()) if work is not None else list(ctx.titles)
        found = self.client.search_recordings(
            queries.recordings(titles, performers), limit=RECORDING_LIMIT
        )
        return _best_recording(ctx, found.items, performers, extra_titles=titles)


class _Partial(Exception):
    """A resolution that lacks what the service could not answer (not to be cached)."""

    def __init__(self, resolution: Resolution) -> None:
        super().__init__(resolution.note)
        self.resolution = resolution


@dataclass
class _Pending:
    """An entry whose work search is done and that waits for recordings by MBID."""

    ctx: _Context
    ranked: list[_Scored]
    status: Status
    names: tuple[str, ...]
    """Names to find as the credited artists of a recording (performers)."""
    want: tuple[str, ...]
    """Recording MBIDs to look up (lengths, credits)."""


@dataclass
class _Failed:
    """What could be resolved before the service failed (not to be cached)."""

    resolution: Resolution


_SEPARATORS = re.compile(r"\s+(?:&|\+|feat\.?|ft\.|featuring)\s+", re.IGNORECASE)
_QUOTES = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb"
_EXCERPT = re.compile(rf"^(?P<part>[^{_QUOTES}]{{1,40}}?)\s+from\s+(?P<whole>\S.*)$", re.IGNORECASE)
_EXCERPT_WORD = re.compile(r"\bexcerpts?\b|\bextracts?\b|\(ex\.\)", re.IGNORECASE)
_PARENTHESIS = re.compile(r"\s*\([^()]*\)\s*")
_THEME = frozenset({"theme", "main title", "main theme", "title theme", "title", "love theme"})
ARRANGER_TYPES = frozenset({"arranger", "orchestrator", "instrumental arranger", "vocal arranger"})
"""Writer relations that make a work an arrangement of another."""


def split_names(name: str) -> tuple[str, ...]:
    """The names of a credit such as "A & B", "A + B", "A feat. B" (the whole when one)."""
    parts = [p.strip() for p in _SEPARATORS.split(name) if p.strip()]
    return tuple(parts) if len(parts) > 1 else (name,)


def _expand(names: Sequence[str]) -> tuple[str, ...]:
    """Each name whole, then its parts: "Earth, Wind & Fire" may be one act or three."""
    out: list[str] = []
    for name in names:
        out += [name, *split_names(name)]
    return tuple(dict.fromkeys(out))


def _excerpt(title: str) -> tuple[str, str] | None:
    """("Theme", "Giant") for 'Theme from "Giant"': a part of a larger work."""
    m = _EXCERPT.match(title.strip())
    if m is None or len(m.group("part").split()) > 5:
        return None
    whole = m.group("whole").strip().strip(_QUOTES).strip()
    return (m.group("part").strip(), whole) if whole else None


def _words(text: str) -> str:
    return " ".join(fold(text).replace("'", "").split())


def _part_of(title: str, whole: Sequence[Token], *, exact: bool = False) -> str | None:
    """The part's own name when ``title`` is "<whole>: <part>", else ``None``."""
    start = 0
    while (i := title.find(":", start)) > 0:
        if best_title(whole, [title[:i]]).score >= (0.95 if exact else PART_OF):
            return title[i + 1 :].strip()
        start = i + 1
    return None


def _excerpt_rule(ctx: _Context, work: Work, score: float) -> tuple[float, str]:
    """'Theme from X', 'Suite from X', 'Waltz from X': a part of X, not X itself."""
    if ctx.excerpt is None:
        return score, ""
    part, whole = ctx.excerpt
    tokens = title_tokens(whole)
    rests = [r for r in (_part_of(t, tokens) for t in work.titles()) if r is not None]
    hint = _words(part)
    for rest in rests:
        name = _words(rest)
        if set(hint.split()) <= set(name.split()) or (hint in _THEME and name in _THEME):
            return max(score, 90.0), f'excerpt rule: a part of {whole} named "{rest}"'
    if not _is_part(work) and best_title(tokens, work.titles()).score >= PART_OF:
        return score * 0.7, f'excerpt rule: "{ctx.query.title}" is a part of {whole}, not all of it'
    return score, ""


def _arrangement_rule(ctx: _Context, work: Work, score: float) -> tuple[float, str]:
    """The original before its arrangements, unless the line names the arranger."""
    arrangers = [r for r in work.artists if r.type in ARRANGER_TYPES]
    if arrangers:
        who = ", ".join(dict.fromkeys(f"{r.type} {_display_name(r.artist)}" for r in arrangers))
        for relation in arrangers:
            forms = name_forms(relation.artist.name, relation.artist.sort_name)
            if any(name_similarity(n, forms) >= NAME_MATCH for n in ctx.arrangers):
                return score, f"arrangement rule: {who}, as the line says"
        return score * 0.8, f"arrangement rule: an arrangement ({who}); the line names no arranger"
    if ctx.arrangers:
        return score * 0.85, (
            f"arrangement rule: the line names arranger {', '.join(ctx.arrangers)}; "
            "this is the original"
        )
    return score, ""


def _whole_rule(ctx: _Context, work: Work, score: float) -> tuple[float, str]:
    """Work hierarchy: a movement is part of its parent; a line naming the parent means it."""
    if ctx.excerpt is not None:
        return score, ""
    for title in work.titles():
        start = 0
        while (i := title.find(":", start)) > 0:
            named = _names_part(ctx, title[i + 1 :])
            if best_title(ctx.tokens[0], [title[:i]]).score >= 0.9 and not named:
                return (
                    score * 0.8,
                    f"hierarchy rule: a part of {title[:i]}; the line names the whole",
                )
            start = i + 1
    return score, ""


PART_OF = 0.7
"""Title similarity from which "X: Y" is taken to be a part of the X named on the line."""


def _parent_rule(ctx: _Context, scored: list[_Scored]) -> list[_Scored]:
    """Work hierarchy: when a hit is a part of another hit and the line names that part,
    the parent (the whole work) steps back."""
    out: list[_Scored] = []
    for parent in scored:
        tokens = title_tokens(parent.work.title)
        part = next(
            (
                s
                for s in scored
                if s is not parent
                and (rest := _part_of(s.work.title, tokens, exact=True)) is not None
                and _names_part(ctx, rest)
            ),
            None,
        )
        if part is None:
            out.append(parent)
            continue
        why = f'{parent.why}; hierarchy rule: the line names its part "{part.work.title}"'
        out.append(replace(parent, score=round(parent.score * 0.85), why=why))
    return out


def _names_part(ctx: _Context, rest: str) -> bool:
    """True when the line's title holds the part's own name (``rest``)."""
    own = title_tokens(rest)
    return bool(own) and title_similarity(own, ctx.query.title).score >= 0.5


def _own_name_match(ctx: _Context, work: Work) -> TitleMatch | None:
    """How well the line names a part by its own name ("Marion's Theme" for
    "Raiders of the Lost Ark: Marion's Theme"): the part's title after each colon."""
    rests = [t[i + 1 :].strip() for t in work.titles() for i, ch in enumerate(t) if ch == ":"]
    rests = [r for r in rests if r]
    if not rests:
        return None
    return max((best_title(tokens, rests) for tokens in ctx.tokens), key=lambda m: m.score)


def _is_part(work: Work) -> bool:
    return ":" in work.title or any(
        r.type == "parts" and r.direction == "backward" for r in work.works
    )


def _recording_ids(work: Work, ctx: _Context, cap: int) -> list[str]:
    """MBIDs of a work's recordings (no videos), those titled like the line first."""
    recs = [r.recording for r in work.recordings if not r.recording.video]
    recs.sort(key=lambda r: -max(best_title(t, [r.title]).score for t in ctx.tokens))
    return [r.mbid for r in recs[:cap]]


def _best_recording(
    ctx: _Context,
    recordings: Iterable[Recording],
    names: Sequence[str],
    *,
    extra_titles: Sequence[str] = (),
    need_title: bool = True,
) -> tuple[Recording, int, list[Credit]] | None:
    """The recording credited best to ``names``: studio before live and compilations."""
    tokens = [title_tokens(t) for t in dict.fromkeys([*extra_titles, *ctx.titles])]
    parts = [p for name in names for p in split_names(name)]
    best: tuple[float, Recording, list[Credit]] | None = None
    for rec in recordings:
        credited: list[Credit] = []
        matched: set[str] = set()
        for credit in rec.artist_credit:
            forms = (credit.credited_name, *credit.artist.forms())
            hits = [p for p in parts if name_similarity(p, forms) >= NAME_MATCH]
            if hits:
                matched.update(hits)
                credited.append(
                    Credit(_display_name(credit.artist), "performer", credit.artist.mbid)
                )
        for name in names:  # the credit as printed may be the line's name whole
            if name_similarity(name, (rec.credit_phrase,)) >= NAME_MATCH:
                matched.update(split_names(name))
        if not matched:
            continue
        title_score = max(best_title(t, [rec.title]).score for t in tokens) if tokens else 0.0
        if need_title and title_score < 0.6:
            continue
        coverage = len(matched) / len(set(parts))
        score = (0.8 + 0.2 * coverage) * (title_score if need_title else 1.0)
        score -= 0.05 * rec.live + 0.03 * rec.compilation_only + 0.05 * rec.video
        if best is None or score > best[0]:
            best = (score, rec, credited)
    if best is None:
        return None
    return best[1], round(100 * min(1.0, best[0])), best[2]


def _writer_credits(work: Work) -> list[Credit]:
    return [
        Credit(_display_name(r.artist), _ROLE_OF.get(r.type, "composer"), r.artist.mbid)
        for r in work.writers()
    ]


def _with_artists(result: Resolution, artists: dict[str, Any]) -> Resolution:
    """Credits with the IPI codes and life spans of their artists, where known."""
    credits = []
    for credit in result.credits:
        artist = artists.get(credit.mbid)
        if isinstance(artist, Artist):
            span = artist.life_span
            credit = replace(
                credit,
                ipis=artist.ipis,
                begin=span.begin if span else "",
                end=span.end if span else "",
            )
        credits.append(credit)
    return replace(result, credits=tuple(credits))


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
