"""MusicBrainz resolution of a show: cues -> queries -> resolutions -> cues filled in.

The show side of :mod:`metadata.resolve`: it turns music and anthem cues into queries,
runs them through a :class:`~metadata.resolve.Resolver` and writes the answers back with
:func:`dataclasses.replace`: identifiers, credits with the roles MusicBrainz shows
(:mod:`cuesheet.enrich.credits`), the duration (only where the cue has none, with its
source; a planned one is never replaced) and ``Cue.match`` (status, score, candidates, note,
and the length MusicBrainz gave, which :func:`length_disagreement` compares with the plan).
Cues that already carry a work or recording MBID are left alone, as are speech, effects
and other non-music cues.

:func:`open_resolver` builds the adapter, cache and resolver from
:class:`ResolveSettings` (what the ``--musicbrainz``/``--rate-limit``/``--cache``/
``--offline``/``--contact`` options say); musicbrainzngs is imported only then.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from cuesheet import __version__
from cuesheet.model import (
    Candidate,
    Cue,
    CueKind,
    DurationSource,
    Identifiers,
    Match,
    MatchStatus,
    Role,
    Segment,
    Show,
)

if TYPE_CHECKING:
    from cuesheet.enrich.credits import Evidence
    from metadata.cache import Cache
    from metadata.outage import Outage
    from metadata.resolve import Query, Resolution, Resolver

DEFAULT_URL = "https://musicbrainz.org"
APP = "cuesheet"
RESOLVABLE = (CueKind.MUSIC, CueKind.ANTHEM)
LENGTH_TOLERANCE_MS = 2_000
"""How far a recording's length may differ from a planned duration unremarked, ms."""


class MusicBrainzWarning(UserWarning):
    """MusicBrainz could not be used as asked (shown once per run)."""


@dataclass(frozen=True, slots=True)
class ResolveSettings:
    """How to reach MusicBrainz and where to keep answers."""

    url: str = DEFAULT_URL
    rate_limit: float = 1.0
    """Requests per second; 0 for no limit (a local mirror)."""
    cache: Path | None = None
    """SQLite cache file; ``None`` for the default in the user's cache directory."""
    offline: bool = False
    contact: str | None = None
    """E-mail or URL put in the User-Agent so the service's operators can reach the user."""
    timeout_ms: int = 20_000
    """The most one request may take, from connect to last byte."""
    retries: int = 3
    workers: int = 4
    retry_now: bool = False
    """Ask the server even when the cache remembers it unreachable."""
    give_up_ms: int = 5_000
    """The longest wait for a server that has not answered at all."""
    remember_ms: int = 10 * 60_000
    """How long an unreachable server is remembered (and not asked); 0 for never."""


@dataclass(frozen=True, slots=True)
class CueResult:
    """One music or anthem cue of the show after resolution."""

    segment: Segment
    cue: Cue
    """The cue as written back (identifiers, duration and match filled in)."""
    resolution: Resolution | None
    """``None`` when the cue already carried identifiers and was not looked up."""


@dataclass(frozen=True, slots=True)
class Resolved:
    """A show after resolution, with what happened to each cue."""

    show: Show
    results: tuple[CueResult, ...]
    warnings: tuple[str, ...] = ()
    """Problems of the whole run, e.g. the service proved unreachable."""
    outage: Outage | None = None
    """The server proved unreachable in this run, or an earlier run remembered it so."""
    not_musicbrainz: bool = False
    """The server answered, but not like MusicBrainz (a wrong ``--musicbrainz``?)."""

    @property
    def service_failed(self) -> bool:
        """True when MusicBrainz proved unreachable (or unusable) during the run."""
        return bool(self.warnings)

    def count(self, status: MatchStatus) -> int:
        """How many looked-up cues ended with ``status``."""
        return sum(
            1
            for r in self.results
            if r.resolution is not None and r.resolution.status.value == status.value
        )


def open_resolver(settings: ResolveSettings, cache: Cache | None = None) -> tuple[Resolver, Cache]:
    """The resolver (and its cache, to close) for ``settings``; ``cache`` when already open.

    :raises ValueError: for a URL that is not a MusicBrainz server.
    :raises metadata.errors.CacheError: when the cache file cannot be used.
    """
    from metadata.cache import Cache
    from metadata.musicbrainz import MusicBrainz, UserAgent
    from metadata.resolve import Resolver

    cache = Cache(settings.cache) if cache is None else cache
    try:
        client = MusicBrainz(
            settings.url,
            agent=UserAgent(APP, __version__, settings.contact or None),
            timeout_ms=settings.timeout_ms,
            rate_limit=settings.rate_limit,
            cache=cache,
            offline=settings.offline,
            retries=settings.retries,
            retry_now=settings.retry_now,
            give_up_ms=settings.give_up_ms,
            remember_ms=settings.remember_ms,
        )
    except ValueError:
        cache.close()
        raise
    return Resolver(client, cache=cache, workers=settings.workers), cache


def nothing_to_ask(show: Show, settings: ResolveSettings, cache: Cache) -> Resolved | None:
    """The outcome of a run that would ask nothing and find nothing, without the resolver.

    When an earlier run found the server unreachable and that is still remembered (and this
    run may not retry), the resolver would answer from ``cache`` alone; when ``cache`` holds
    nothing but outage records, every cue would stay as it is.  Then this returns that
    outcome (the show unchanged, no results, the remembered outage for
    :func:`service_warning`) at the cost of one cache lookup, sparing the resolver and its
    imports; otherwise ``None``, and the resolver runs.
    """
    if settings.offline or settings.retry_now:
        return None
    from metadata import outage as outages

    if not any(needs_lookup(cue) for _, cue in show.cues()):
        return None
    record = outages.recall(cache, outages.server_key(settings.url))
    if record is None or cache.count() > cache.count(outages.KIND):
        return None
    return Resolved(show, (), outage=record)


def needs_lookup(cue: Cue) -> bool:
    """True for a music or anthem cue without a work or recording MBID."""
    return cue.kind in RESOLVABLE and not (cue.ids.work_mbid or cue.ids.recording_mbid)


def to_query(cue: Cue) -> Query:
    """The resolver's query for a cue: its title, its credited names with roles, its kind."""
    from metadata.resolve import Name, Query

    names = tuple(Name(c.name, c.role.value) for c in cue.credits if c.name.strip())
    kind = "anthem" if cue.kind is CueKind.ANTHEM else "music"
    return Query(cue.title, names, kind, cue.source_text or cue.title)


def resolve_show(
    show: Show,
    resolver: Resolver,
    *,
    progress: Callable[[int, int], None] | None = None,
    warn: bool = True,
) -> Resolved:
    """Look up every cue that needs it; return the show with answers written back.

    Service trouble never raises here: the run goes on with cached answers, and the
    trouble is returned once in :attr:`Resolved.warnings` (and, when ``warn``, issued as a
    :class:`MusicBrainzWarning`).
    """
    places = [(si, ci) for si, ci, cue in _cues(show) if needs_lookup(cue)]
    queries = [to_query(show.segments[si].cues[ci]) for si, ci in places]
    answers = dict(zip(places, resolver.resolve_all(queries, progress=progress), strict=True))
    segments: list[Segment] = []
    results: list[CueResult] = []
    for si, segment in enumerate(show.segments):
        cues: list[Cue] = []
        for ci, cue in enumerate(segment.cues):
            answer = answers.get((si, ci))
            new = apply(cue, answer) if answer is not None else cue
            cues.append(new)
            if cue.kind in RESOLVABLE:
                results.append(CueResult(segment, new, answer))
        segments.append(replace(segment, cues=tuple(cues)))
    from cuesheet.enrich.works import found_work, merged

    found = [found_work(answer) for answer in answers.values() if _is_resolved(answer)]
    works = merged(show.works, (work for work in found if work is not None))
    done = replace(show, segments=tuple(segments), works=works)
    resolved = _with_service_state(Resolved(done, tuple(results)), resolver)
    message = service_warning(resolved)
    if warn and message is not None:
        warnings.warn(message, MusicBrainzWarning, stacklevel=2)
    return resolved


def service_warning(resolved: Resolved) -> str | None:
    """One line on what went wrong with MusicBrainz (since when, how to ask again), if anything."""
    outage = resolved.outage
    if outage is not None and outage.remembered:
        return (
            f"MusicBrainz at {outage.url} unreachable since {_hhmm(outage.since_ms)} "
            f"({outage.reason}); cached answers only until {_hhmm(outage.until_ms)} "
            "(cuesheet resolve or --retry-now asks again)"
        )
    if not resolved.warnings:
        return None
    message = f"{resolved.warnings[0]}; went on with cached answers only"
    if resolved.not_musicbrainz:
        return f"{message} (check --musicbrainz)"
    if outage is not None and outage.until_ms:
        message += f"; not asked again until {_hhmm(outage.until_ms)} (--retry-now asks at once)"
    return message


def offline_note(resolved: Resolved, url: str) -> str | None:
    """One line when an offline run found entries not in the cache: how many, and the
    server ``url`` that a run allowed to connect would ask; ``None`` when nothing was missed."""
    from metadata.resolve import NOT_CACHED

    asked = [r for r in resolved.results if r.resolution is not None]
    missed = sum(1 for r in asked if r.resolution is not None and r.resolution.note == NOT_CACHED)
    if not missed:
        return None
    plural = "y" if missed == 1 else "ies"
    what = (
        f"nothing is cached for {'this' if missed == 1 else 'these'} {missed} entr{plural}"
        if missed == len(asked)
        else f"{missed} of {len(asked)} entries are not cached"
    )
    return f"offline, and {what}: a run allowed to connect would ask MusicBrainz at {url}"


def _hhmm(ms: int) -> str:
    """A wall-clock instant (ms since the epoch) as local ``HH:MM``."""
    from datetime import datetime

    return datetime.fromtimestamp(ms // 1000).strftime("%H:%M")


def _with_service_state(resolved: Resolved, resolver: Resolver) -> Resolved:
    """What went wrong with the service: the adapter's own record when it is ours."""
    from metadata.errors import NotMusicBrainz
    from metadata.musicbrainz import MusicBrainz

    client = resolver.client
    if not isinstance(client, MusicBrainz):
        return replace(resolved, warnings=tuple(resolver.warnings))
    failure, outage = client.failure, client.outage
    said = tuple(resolver.warnings)
    if outage is not None and not outage.remembered:  # attempts counted to the end of the run
        plural = "s" if outage.attempts != 1 else ""
        said = (f"MusicBrainz at {outage.url} is unreachable ({outage.reason}, "
                f"{outage.attempts} attempt{plural})",)  # fmt: skip
    elif failure is not None:
        said = (str(failure),)
    return replace(
        resolved,
        warnings=said,
        outage=outage,
        not_musicbrainz=isinstance(failure, NotMusicBrainz),
    )


def _is_resolved(resolution: Resolution) -> bool:
    return resolution.status.value == MatchStatus.RESOLVED.value


def _cues(show: Show) -> Iterator[tuple[int, int, Cue]]:
    for si, segment in enumerate(show.segments):
        for ci, cue in enumerate(segment.cues):
            yield si, ci, cue


_ROLES = {role.value: role for role in Role}


def evidence(resolution: Resolution) -> tuple[Evidence, ...]:
    """Who MusicBrainz shows on a resolved entry's work and recording, with their roles."""
    from cuesheet.enrich.credits import Evidence

    return tuple(
        Evidence(credit.name, _ROLES[credit.role], credit.mbid)
        for credit in resolution.credits
        if credit.role in _ROLES
    )


def apply(cue: Cue, resolution: Resolution) -> Cue:
    """``cue`` with a resolution written back.

    Always sets ``match`` (with the length MusicBrainz gave).  Only a resolved entry fills
    identifiers (MBIDs, and the ISRC and ISWC MusicBrainz has for the recording and work it
    found), gives the names the roles MusicBrainz shows and adds the people it shows that the
    cue lacks (:func:`cuesheet.enrich.credits.corrected_credits`), and sets the duration when
    the cue has none (planned and file durations are never replaced).
    """
    from cuesheet.enrich.credits import corrected_credits

    status = MatchStatus(resolution.status.value)
    length_source = (
        DurationSource(resolution.duration_source)
        if resolution.duration_ms is not None and resolution.duration_source
        else None
    )
    match = Match(
        status=status,
        score=resolution.score if status is not MatchStatus.UNRESOLVED else 0,
        candidates=tuple(
            Candidate(c.title, c.score, c.work_mbid, c.recording_mbid, c.why)
            for c in resolution.candidates
        ),
        note=resolution.note,
        duration_ms=resolution.duration_ms if status is MatchStatus.RESOLVED else None,
        duration_source=length_source if status is MatchStatus.RESOLVED else None,
    )
    if status is not MatchStatus.RESOLVED:
        return replace(cue, match=match)
    ids = cue.ids
    same_work = ids.work_mbid in (None, resolution.work_mbid)
    same_recording = ids.recording_mbid in (None, resolution.recording_mbid)
    ids = Identifiers(
        work_mbid=ids.work_mbid or resolution.work_mbid,
        recording_mbid=ids.recording_mbid or resolution.recording_mbid,
        artist_mbids=ids.artist_mbids or resolution.artist_mbids,
        isrc=ids.isrc or (resolution.isrcs[0] if resolution.isrcs and same_recording else None),
        iswc=ids.iswc or (resolution.iswcs[0] if resolution.iswcs and same_work else None),
    )
    credits = corrected_credits(cue.credits, cue.source_text, evidence(resolution))
    duration, source = cue.duration_ms, cue.duration_source
    if duration is None and resolution.duration_ms is not None:
        duration = resolution.duration_ms
        source = length_source or DurationSource.ESTIMATE
    return replace(
        cue,
        ids=ids,
        credits=credits,
        duration_ms=duration,
        duration_source=source,
        match=match,
    )


def length_disagreement(cue: Cue, tolerance_ms: int = LENGTH_TOLERANCE_MS) -> str | None:
    """What to say when the recording MusicBrainz identified lasts longer or shorter than the
    cue's planned duration by more than ``tolerance_ms``; ``None`` when it agrees or is unknown.

    Only a recording's own length counts (``duration_source`` ``musicbrainz``), not a median
    of recordings.  The plan stays: this is only said.
    """
    match = cue.match
    if (
        match is None
        or match.duration_ms is None
        or match.duration_source is not DurationSource.MUSICBRAINZ
        or cue.duration_ms is None
        or cue.duration_source not in (None, DurationSource.PLANNED)
    ):
        return None
    delta = match.duration_ms - cue.duration_ms
    if abs(delta) <= tolerance_ms:
        return None
    from cuesheet.timing.timecode import format_rounded_duration

    word = "longer" if delta > 0 else "shorter"
    return (
        f"the MusicBrainz recording lasts {format_rounded_duration(match.duration_ms)}, "
        f"{format_rounded_duration(abs(delta))} {word} than the planned "
        f"{format_rounded_duration(cue.duration_ms)}; the plan is kept"
    )


def length_remarks(show: Show, tolerance_ms: int = LENGTH_TOLERANCE_MS) -> list[str]:
    """``Segment / cue N 'Title': <disagreement>`` for every cue whose MusicBrainz recording
    and plan differ by more than ``tolerance_ms`` (see :func:`length_disagreement`)."""
    lines = []
    for segment, cue in show.cues():
        remark = length_disagreement(cue, tolerance_ms)
        if remark is not None:
            lines.append(f"{segment.title} / cue {cue.number} {cue.title!r}: {remark}")
    return lines


def json_rows(resolved: Resolved) -> list[dict[str, object]]:
    """The ``--json`` report: one object per music or anthem cue.

    Keys: ``cue``, ``input``, ``status``, ``work_mbid``, ``recording_mbid``,
    ``artist_mbids``, ``title``, ``duration_ms``, ``duration_source``, ``candidates``
    (each ``work_mbid``, ``recording_mbid``, ``title``, ``score``, ``why``), ``credits``
    (the cue's, each ``name``, ``role``, ``role_source``), and ``score`` and ``note``
    besides.  A cue that already carried identifiers reports them as resolved.
    """
    rows: list[dict[str, object]] = []
    for result in resolved.results:
        cue, res = result.cue, result.resolution
        row: dict[str, object] = {
            "cue": cue.number,
            "input": cue.source_text or cue.title,
            "credits": [
                {"name": c.name, "role": c.role.value, "role_source": c.source.value}
                for c in cue.credits
            ],
        }
        if res is None:
            row.update(
                status=(cue.match.status.value if cue.match else MatchStatus.RESOLVED.value),
                work_mbid=cue.ids.work_mbid,
                recording_mbid=cue.ids.recording_mbid,
                artist_mbids=list(cue.ids.artist_mbids),
                title=cue.title,
                duration_ms=cue.duration_ms,
                duration_source=cue.duration_source.value if cue.duration_source else None,
                candidates=[],
                score=cue.match.score if cue.match else 100,
                note="already identified in the source",
            )
        else:
            row.update(
                status=res.status.value,
                work_mbid=res.work_mbid,
                recording_mbid=res.recording_mbid,
                artist_mbids=list(res.artist_mbids),
                title=res.title,
                duration_ms=res.duration_ms,
                duration_source=res.duration_source,
                candidates=[
                    {
                        "work_mbid": c.work_mbid,
                        "recording_mbid": c.recording_mbid,
                        "title": c.title,
                        "score": c.score,
                        "why": c.why,
                    }
                    for c in res.candidates
                ],
                score=res.score,
                note=res.note,
            )
        rows.append(row)
    return rows
