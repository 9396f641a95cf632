"""The MusicBrainz web service (WS/2) adapter; the only module that imports musicbrainzngs.

:class:`MusicBrainz` drives musicbrainzngs's own request code (URL building, query
encoding, User-Agent, XML parsing) but fences what that library keeps in module globals:

* host, https, User-Agent, rate limiting and parser are module globals in musicbrainzngs.
  While any adapter call is in flight, the fence (:class:`_Fence`) owns them: every call
  re-applies its adapter's settings under a lock, calls with the same settings may run
  side by side, calls with other settings wait, and the globals are put back as they were
  when the last call leaves;
* musicbrainzngs sets no socket timeout and retries 503s by sleeping 2, 4, 6... seconds
  itself, ignoring Retry-After; inside the fence its reader is replaced by one that sends a
  single request with this adapter's timeout, so that retries, Retry-After and back-off
  are decided here (bounded, through an injected clock and sleep);
* its rate limiter holds one lock for the whole request (so no two requests ever overlap);
  inside the fence it is bypassed and :class:`~metadata.ratelimit.RateLimiter` is used.

Answers are cached raw (as the server sent them) in a :class:`~metadata.cache.Cache`,
keyed by request, before they are returned; they leave the adapter only as the typed values
of :mod:`metadata.mbmodel`, never as dicts.  "Not found" is ``None``.  When the service
proves unreachable (all attempts failed), the adapter raises
:class:`~metadata.errors.ServiceUnavailable` once and goes offline: from then on it answers
from the cache only and raises :class:`~metadata.errors.NotCached` for the rest.
"""

from __future__ import annotations

import contextlib
import email.utils
import socket
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from http.client import HTTPException
from typing import Any, NoReturn, TypeVar
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode, urlsplit
from xml.parsers.expat import ExpatError

import musicbrainzngs
from musicbrainzngs import mbxml
from musicbrainzngs import musicbrainz as _mb

from metadata.cache import Cache, wall_ms
from metadata.errors import NotCached, ServiceError, ServiceUnavailable
from metadata.mbmodel import (
    Alias,
    Artist,
    ArtistCredit,
    ArtistRelation,
    Entity,
    LifeSpan,
    Medium,
    Recording,
    RecordingRelation,
    Release,
    ReleaseGroup,
    SearchResult,
    SeriesRelation,
    Track,
    Work,
    WorkRelation,
)
from metadata.ratelimit import Clock, RateLimiter, Sleep, monotonic_ms, sleep_ms

DEFAULT_URL = "https://musicbrainz.org"
CACHE_KIND = "ws2"
"""The cache ``kind`` of raw web service answers."""
_NOT_FOUND = b""
"""What the cache stores for a 404."""
_RETRYABLE = frozenset({429, 500, 502, 503, 504})

E = TypeVar("E")


@dataclass(frozen=True, slots=True)
class UserAgent:
    """Who is asking: sent as ``app/version python-musicbrainzngs/x ( contact )``."""

    app: str
    version: str
    contact: str | None = None
    """An e-mail address or URL where the service's operators can reach the user."""


@dataclass(frozen=True, slots=True)
class _Settings:
    hostname: str
    https: bool
    agent: UserAgent
    timeout_s: float


# ---------------------------------------------------------------- the fence


class _HTTPStatus(Exception):
    def __init__(self, code: int, retry_after: str | None) -> None:
        super().__init__(f"HTTP {code}")
        self.code = code
        self.retry_after = retry_after


class _Transport(Exception):
    def __init__(self, cause: BaseException) -> None:
        super().__init__(str(cause))
        self.cause = cause


def _name_unresolvable(error: BaseException) -> bool:
    """True when the host name itself could not be resolved (DNS said no)."""
    reason = getattr(error, "reason", None)
    if isinstance(reason, BaseException):
        error = reason
    return isinstance(error, socket.gaierror)


def _describe(error: BaseException) -> str:
    reason = getattr(error, "reason", None)
    if isinstance(reason, BaseException):
        error = reason
    if isinstance(error, TimeoutError):
        return "timed out"
    text = str(error) or type(error).__name__
    return text if isinstance(error, _HTTPStatus) else f"{type(error).__name__}: {text}"


class _Fence:
    """Owns musicbrainzngs's module globals while adapter calls are in flight."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._active = 0
        self._settings: _Settings | None = None
        self._saved: dict[str, Any] = {}
        self._unlimited: Callable[..., Any] = getattr(_mb._mb_request, "fun", _mb._mb_request)

    @contextlib.contextmanager
    def hold(self, settings: _Settings) -> Iterator[None]:
        """Run a musicbrainzngs call with ``settings`` applied."""
        with self._cond:
            while self._active and self._settings != settings:
                self._cond.wait()
            if not self._active:
                self._saved = {name: getattr(_mb, name) for name in _GLOBALS}
            try:
                self._apply(settings)
            except BaseException:
                if not self._active:
                    self._restore()
                raise
            self._settings = settings
            self._active += 1
        try:
            yield
        finally:
            with self._cond:
                self._active -= 1
                if not self._active:
                    self._restore()
                    self._settings = None
                    self._cond.notify_all()

    def _restore(self) -> None:
        for name, value in self._saved.items():
            setattr(_mb, name, value)

    def _apply(self, settings: _Settings) -> None:
        musicbrainzngs.set_hostname(settings.hostname, use_https=settings.https)
        agent = settings.agent
        musicbrainzngs.set_useragent(agent.app, agent.version, agent.contact)
        musicbrainzngs.set_rate_limit(False)
        _mb.ws_format = "xml"
        _mb.parser_fun = _raw
        _mb._safe_read = _fenced_read
        _mb._mb_request = self._unlimited

    @property
    def timeout_s(self) -> float:
        """The timeout of the calls in flight."""
        settings = self._settings
        if settings is None:  # pragma: no cover - only reachable from outside the fence
            raise RuntimeError("musicbrainzngs was called outside the adapter's fence")
        return settings.timeout_s


# fmt: off
_GLOBALS = (
    "hostname", "https", "_useragent", "_client", "do_rate_limit", "ws_format", "parser_fun",
    "_safe_read", "_mb_request",
)
# fmt: on
_FENCE = _Fence()


def _raw(response: bytes) -> bytes:
    return response


def _fenced_read(
    opener: Any, req: Any, body: Any = None, max_retries: int = 8, retry_delay_delta: float = 2.0
) -> bytes:
    """musicbrainzngs's ``_safe_read``, replaced: one attempt, with a timeout."""
    try:
        with contextlib.closing(opener.open(req, timeout=_FENCE.timeout_s)) as response:
            data: bytes = response.read()
            return data
    except HTTPError as error:
        retry_after = error.headers.get("Retry-After") if error.headers is not None else None
        error.close()
        raise _HTTPStatus(error.code, retry_after) from error
    except (URLError, HTTPException, OSError) as error:  # refused, reset, timed out
        raise _Transport(error) from error


# ---------------------------------------------------------------- the adapter


class MusicBrainz:
    """A well-behaved client of one MusicBrainz server, returning typed values.

    :param base_url: ``https://musicbrainz.org`` or a mirror such as
        ``http://localhost:5000`` (a trailing ``/ws/2`` is accepted).
    :param agent: the User-Agent's application, version and contact.
    :param timeout_ms: socket timeout of every request, in milliseconds.
    :param rate_limit: request starts per second; 0 for no limit (then requests from
        several threads run concurrently).
    :param cache: where answers are kept; ``None`` for no cache.
    :param offline: answer from the cache only; never touch the network.
    :param retries: further attempts after a 5xx/429, a timeout or a broken connection.
    :param backoff_ms: first back-off; doubles with each retry, capped by ``max_wait_ms``.
    :param max_wait_ms: the longest wait before a retry; a server asking for longer (by
        Retry-After) is treated as unavailable.
    """

    def __init__(
        self,
        base_url: str = DEFAULT_URL,
        *,
        agent: UserAgent,
        timeout_ms: int = 20_000,
        rate_limit: float = 1.0,
        cache: Cache | None = None,
        offline: bool = False,
        retries: int = 3,
        backoff_ms: int = 1_000,
        max_wait_ms: int = 60_000,
        clock: Clock = monotonic_ms,
        sleep: Sleep = sleep_ms,
        wall_clock: Clock = wall_ms,
    ) -> None:
        if not agent.app or not agent.version:
            raise ValueError("the User-Agent needs an application name and a version")
        if timeout_ms <= 0:
            raise ValueError(f"timeout must be positive, got {timeout_ms} ms")
        self.base_url, hostname, https = _parse_base_url(base_url)
        self._settings = _Settings(hostname, https, agent, timeout_ms / 1000)
        self.limiter = RateLimiter(rate_limit, clock=clock, sleep=sleep)
        self.cache = cache
        self.retries = max(0, retries)
        self.backoff_ms = backoff_ms
        self.max_wait_ms = max_wait_ms
        self._wall_clock = wall_clock
        self._offline = offline
        self._lock = threading.Lock()
        self._inflight: dict[str, Future[bytes]] = {}
        self.requests = 0
        """HTTP requests sent so far (every attempt counts)."""
        self.cache_hits = 0
        """Answers served from the cache so far."""

    @property
    def offline(self) -> bool:
        """True when answers come from the cache only (chosen, or the service is down)."""
        return self._offline

    @property
    def concurrent(self) -> bool:
        """True when requests may run side by side (no rate limit)."""
        return self.limiter.rate == 0

    # ----------------------------------------------------------- public calls

    def search_works(self, query: str, *, limit: int = 25) -> SearchResult[Work]:
        """Works matching a Lucene ``query``, best first."""
        data = self._get("work", "", (), query, limit)
        return _expect_search(data, Work)

    def search_recordings(self, query: str, *, limit: int = 25) -> SearchResult[Recording]:
        """Recordings matching a Lucene ``query``, best first."""
        data = self._get("recording", "", (), query, limit)
        return _expect_search(data, Recording)

    def search_artists(self, query: str, *, limit: int = 10) -> SearchResult[Artist]:
        """Artists matching a Lucene ``query``, best first."""
        data = self._get("artist", "", (), query, limit)
        return _expect_search(data, Artist)

    def get_work(
        self, mbid: str, includes: tuple[str, ...] = ("aliases", "artist-rels", "recording-rels")
    ) -> Work | None:
        """The work ``mbid`` with ``includes``; ``None`` when MusicBrainz does not know it."""
        data = self._get("work", mbid, includes, "", 0)
        return None if data is None else _expect(data, Work)

    def get_recording(
        self, mbid: str, includes: tuple[str, ...] = ("artist-credits", "work-rels")
    ) -> Recording | None:
        """The recording ``mbid``; ``None`` when MusicBrainz does not know it."""
        data = self._get("recording", mbid, includes, "", 0)
        return None if data is None else _expect(data, Recording)

    def get_artist(self, mbid: str, includes: tuple[str, ...] = ("aliases",)) -> Artist | None:
        """The artist ``mbid``; ``None`` when MusicBrainz does not know it."""
        data = self._get("artist", mbid, includes, "", 0)
        return None if data is None else _expect(data, Artist)

    # ----------------------------------------------------------- plumbing

    def key(self, entity: str, mbid: str, includes: tuple[str, ...], query: str, limit: int) -> str:
        """The cache key of a request: the server and the request's canonical URL."""
        args: list[tuple[str, str]] = []
        if includes:
            args.append(("inc", " ".join(sorted(includes))))
        if limit:
            args.append(("limit", str(limit)))
        if query:
            args.append(("query", query))
        return f"{self.base_url}/ws/2/{entity}/{mbid}?{urlencode(args)}"

    def _get(
        self, entity: str, mbid: str, includes: tuple[str, ...], query: str, limit: int
    ) -> bytes | None:
        key = self.key(entity, mbid, includes, query, limit)
        cached = self._cached(key)
        if cached is not None:
            return None if cached == _NOT_FOUND else cached
        if self._offline:
            raise NotCached(f"offline, and not in the cache: {key}")
        with self._lock:
            future = self._inflight.get(key)
            owner = future is None
            if future is None:
                future = self._inflight[key] = Future()
        if not owner:  # the same request is already on its way: share its answer
            try:
                data = future.result()
            except ServiceUnavailable as error:
                raise NotCached(f"offline, and not in the cache: {key}") from error
            return None if data == _NOT_FOUND else data
        try:
            cached = self._cached(key)  # another thread may have finished it meanwhile
            if cached is None:
                cached = self._fetch(entity, mbid, includes, query, limit, key)
            data = cached
            future.set_result(data)
        except BaseException as error:
            future.set_exception(error)
            raise
        finally:
            with self._lock:
                del self._inflight[key]
        return None if data == _NOT_FOUND else data

    def _cached(self, key: str) -> bytes | None:
        if self.cache is None:
            return None
        data = self.cache.get(CACHE_KIND, key, stale_ok=self._offline)
        if data is not None:
            with self._lock:
                self.cache_hits += 1
        return data

    def _fetch(
        self, entity: str, mbid: str, includes: tuple[str, ...], query: str, limit: int, key: str
    ) -> bytes:
        """Ask the server, with retries; parse-check and cache the answer."""
        call: Callable[[], Any]
        if query:
            search = getattr(musicbrainzngs, _SEARCH[entity])
            call = lambda: search(query=query, limit=limit or None)  # noqa: E731
        else:
            lookup = getattr(musicbrainzngs, _LOOKUP[entity])
            call = lambda: lookup(mbid, includes=list(includes))  # noqa: E731
        attempt = 0
        while True:
            if self._offline:
                raise NotCached(f"offline, and not in the cache: {key}")
            self.limiter.acquire()
            with self._lock:
                self.requests += 1
            try:
                with _FENCE.hold(self._settings):
                    data = call()
            except _HTTPStatus as error:
                if error.code == 404:
                    data = _NOT_FOUND
                elif error.code not in _RETRYABLE:
                    raise ServiceError(
                        f"MusicBrainz refused the request (HTTP {error.code}): {key}",
                        cause=error,
                    ) from error
                else:
                    attempt += 1
                    self._back_off(attempt, error, key, error.retry_after)
                    continue
            except _Transport as error:
                attempt += 1
                if _name_unresolvable(error.cause):
                    # No resolver answer for the host: waiting will not change that.
                    self._go_offline(error.cause, attempt)
                self._back_off(attempt, error.cause, key, None)
                continue
            except musicbrainzngs.MusicBrainzError as error:
                raise ServiceError(f"MusicBrainz request failed: {error}", cause=error) from error
            if not isinstance(data, bytes):
                raise ServiceError(f"unexpected answer type {type(data).__name__}: {key}")
            if data != _NOT_FOUND:
                parse(data, source=key)  # never cache what cannot be read
            if self.cache is not None:
                self.cache.put(CACHE_KIND, key, data)
            return data

    def _back_off(
        self, attempt: int, cause: BaseException, key: str, retry_after: str | None
    ) -> None:
        """Wait before the next attempt, or give up and go offline."""
        wait = self._retry_after_ms(retry_after)
        if wait is None:
            wait = min(self.backoff_ms * 2 ** (attempt - 1), self.max_wait_ms)
        if attempt > self.retries or wait > self.max_wait_ms:
            self._go_offline(cause, attempt)
        self.limiter.defer(wait)

    def _retry_after_ms(self, value: str | None) -> int | None:
        if not value:
            return None
        value = value.strip()
        if value.isdigit():
            return int(value) * 1000
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        return max(0, int(when.timestamp() * 1000) - self._wall_clock())

    def _go_offline(self, cause: BaseException, attempts: int) -> NoReturn:
        with self._lock:
            first = not self._offline
            self._offline = True
        if first:
            raise ServiceUnavailable(
                f"MusicBrainz at {self.base_url} is unreachable ({_describe(cause)}, "
                f"{attempts} attempt{'s' if attempts != 1 else ''})",
                cause=cause,
            )
        raise NotCached("offline: MusicBrainz is unreachable")


_SEARCH = {"work": "search_works", "recording": "search_recordings", "artist": "search_artists"}
_LOOKUP = {
    "work": "get_work_by_id",
    "recording": "get_recording_by_id",
    "artist": "get_artist_by_id",
}


def _parse_base_url(base_url: str) -> tuple[str, str, bool]:
    """(canonical base URL, host[:port], https) of a server's URL."""
    parts = urlsplit(base_url.strip())
    path = parts.path.rstrip("/")
    if parts.scheme not in ("http", "https") or not parts.netloc or path not in ("", "/ws/2"):
        raise ValueError(
            f"not a MusicBrainz server URL: {base_url!r} "
            "(expected e.g. https://musicbrainz.org or http://localhost:5000)"
        )
    if parts.query or parts.fragment or "@" in parts.netloc:
        raise ValueError(f"not a MusicBrainz server URL: {base_url!r} (no query, user or fragment)")
    netloc = parts.netloc.lower()
    return f"{parts.scheme}://{netloc}", netloc, parts.scheme == "https"


# ---------------------------------------------------------------- parsing


Parsed = Entity | SearchResult[Any]
"""What :func:`parse` returns."""


def parse(data: bytes, *, source: str = "") -> Parsed:
    """Parse one WS/2 XML answer into typed values.

    :raises ServiceError: for malformed XML or an answer that holds no known entity.
    """
    try:
        message = mbxml.parse_message(data)
    except (ET.ParseError, ExpatError, UnicodeError) as error:
        raise ServiceError(
            f"MusicBrainz answered with malformed XML ({error})", path=source or None, cause=error
        ) from error
    except (ValueError, KeyError, TypeError) as error:  # XML, but not in the WS/2 namespace
        raise ServiceError(
            "MusicBrainz answered with XML that is not a WS/2 document",
            path=source or None,
            cause=error,
        ) from error
    for name, convert in _ENTITIES.items():
        if name in message:
            entity: Entity = convert(message[name])
            return entity
    for name, convert in _ENTITIES.items():
        if f"{name}-list" in message:
            items = tuple(convert(d) for d in message[f"{name}-list"])
            return SearchResult(int(message.get(f"{name}-count", len(items))), items)
    raise ServiceError("MusicBrainz answered with no entity or list", path=source or None)


def _expect(data: bytes, kind: type[E]) -> E:
    value = parse(data)
    if not isinstance(value, kind):
        raise ServiceError(f"expected a {kind.__name__}, got {type(value).__name__}")
    return value


def _expect_search(data: bytes | None, kind: type[E]) -> SearchResult[E]:
    name = kind.__name__.lower()
    if data is None:
        raise ServiceError(f"MusicBrainz has no {name} search (HTTP 404)")
    value = parse(data)
    if not isinstance(value, SearchResult) or not all(isinstance(i, kind) for i in value.items):
        raise ServiceError(f"expected a {name} search result, got {type(value).__name__}")
    return SearchResult(value.count, tuple(i for i in value.items if isinstance(i, kind)))


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _score(d: dict[str, Any]) -> int | None:
    return _int(d.get("ext:score"))


def _aliases(d: dict[str, Any]) -> tuple[Alias, ...]:
    return tuple(
        Alias(
            name=a.get("alias") or "",
            sort_name=a.get("sort-name", ""),
            locale=a.get("locale"),
            primary=a.get("primary") == "primary",
            type=a.get("type"),
        )
        for a in d.get("alias-list", ())
        if a.get("alias")
    )


def _artist(d: dict[str, Any]) -> Artist:
    return Artist(
        mbid=d.get("id", ""),
        name=d.get("name", ""),
        sort_name=d.get("sort-name", ""),
        disambiguation=d.get("disambiguation", ""),
        type=d.get("type"),
        country=d.get("country"),
        aliases=_aliases(d),
        score=_score(d),
        ipis=tuple(i for i in d.get("ipi-list", ()) if i),
        life_span=_life_span(d.get("life-span")),
    )


def _life_span(d: Any) -> LifeSpan | None:
    if not isinstance(d, dict) or not (d.get("begin") or d.get("end")):
        return None
    return LifeSpan(d.get("begin", ""), d.get("end", ""), d.get("ended") == "true")


def _credits(items: list[Any]) -> tuple[ArtistCredit, ...]:
    out: list[ArtistCredit] = []
    for item in items:
        if isinstance(item, str):
            if out:
                last = out[-1]
                out[-1] = ArtistCredit(last.artist, last.name, item)
        elif isinstance(item, dict) and "artist" in item:
            out.append(ArtistCredit(_artist(item["artist"]), item.get("name", "")))
    return tuple(out)


def _artist_relations(d: dict[str, Any]) -> tuple[ArtistRelation, ...]:
    return tuple(
        ArtistRelation(
            type=r.get("type", ""),
            artist=_artist(r["artist"]),
            direction=r.get("direction", ""),
            attributes=tuple(a for a in r.get("attribute-list", ()) if a),
        )
        for r in d.get("artist-relation-list", ())
        if "artist" in r
    )


def _work_relations(d: dict[str, Any]) -> tuple[WorkRelation, ...]:
    return tuple(
        WorkRelation(r.get("type", ""), _work(r["work"]), r.get("direction", ""))
        for r in d.get("work-relation-list", ())
        if "work" in r
    )


def _work(d: dict[str, Any]) -> Work:
    iswcs = list(d.get("iswc-list", ()))
    if d.get("iswc") and d["iswc"] not in iswcs:
        iswcs.insert(0, d["iswc"])
    return Work(
        mbid=d.get("id", ""),
        title=d.get("title", ""),
        type=d.get("type"),
        language=d.get("language"),
        disambiguation=d.get("disambiguation", ""),
        iswcs=tuple(iswcs),
        aliases=_aliases(d),
        artists=_artist_relations(d),
        recordings=tuple(
            RecordingRelation(
                r.get("type", ""),
                _recording(r["recording"]),
                r.get("direction", ""),
                tuple(a for a in r.get("attribute-list", ()) if a),
            )
            for r in d.get("recording-relation-list", ())
            if "recording" in r
        ),
        works=_work_relations(d),
        series=tuple(
            SeriesRelation(
                type=r.get("type", ""),
                series_mbid=r["series"].get("id", ""),
                series_name=r["series"].get("name", ""),
                number=next(
                    (
                        a.get("value", "")
                        for a in r.get("attributes", ())
                        if a.get("attribute") == "number"
                    ),
                    "",
                ),
            )
            for r in d.get("series-relation-list", ())
            if "series" in r
        ),
        score=_score(d),
    )


def _recording(d: dict[str, Any]) -> Recording:
    return Recording(
        mbid=d.get("id", ""),
        title=d.get("title", ""),
        length_ms=_int(d.get("length")),
        disambiguation=d.get("disambiguation", ""),
        video=d.get("video") in ("true", "1"),
        artist_credit=_credits(d.get("artist-credit", [])),
        releases=tuple(_release(r) for r in d.get("release-list", ())),
        isrcs=tuple(d.get("isrc-list", ())),
        artists=_artist_relations(d),
        works=_work_relations(d),
        score=_score(d),
    )


def _release_group(d: dict[str, Any]) -> ReleaseGroup:
    return ReleaseGroup(
        mbid=d.get("id", ""),
        title=d.get("title", ""),
        primary_type=d.get("primary-type") or d.get("type"),
        secondary_types=tuple(d.get("secondary-type-list", ())),
        first_release_date=d.get("first-release-date", ""),
        artist_credit=_credits(d.get("artist-credit", [])),
    )


def _track(d: dict[str, Any]) -> Track:
    recording = _recording(d["recording"]) if "recording" in d else None
    return Track(
        mbid=d.get("id", ""),
        position=_int(d.get("position")),
        number=d.get("number", ""),
        title=d.get("title") or (recording.title if recording else ""),
        length_ms=_int(d.get("track_or_recording_length") or d.get("length")),
        recording=recording,
    )


def _release(d: dict[str, Any]) -> Release:
    return Release(
        mbid=d.get("id", ""),
        title=d.get("title", ""),
        status=d.get("status"),
        date=d.get("date", ""),
        country=d.get("country"),
        barcode=d.get("barcode"),
        artist_credit=_credits(d.get("artist-credit", [])),
        release_group=_release_group(d["release-group"]) if "release-group" in d else None,
        media=tuple(
            Medium(
                position=_int(m.get("position")),
                format=m.get("format"),
                tracks=tuple(_track(t) for t in m.get("track-list", ())),
                track_count=_int(m.get("track-count")),
            )
            for m in d.get("medium-list", ())
        ),
        score=_score(d),
    )


_ENTITIES: dict[str, Callable[[Any], Any]] = {
    "work": _work,
    "recording": _recording,
    "artist": _artist,
    "release": _release,
    "release-group": _release_group,
}
