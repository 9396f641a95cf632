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
  single request under a :class:`~metadata.deadline.Budget` (a deadline for the whole
  exchange, from connect to last byte, and a cap on the answer's size), so that retries,
  Retry-After and back-off are decided here (bounded, through an injected clock and sleep);
* its rate limiter holds one lock for the whole request (so no two requests ever overlap);
  inside the fence it is bypassed and :class:`~metadata.ratelimit.RateLimiter` is used.

Answers are cached raw (as the server sent them) in a :class:`~metadata.cache.Cache`,
keyed by request, before they are returned, but only well-formed answers of the kind asked
for (a 404 only for a lookup, and only with MusicBrainz's ``<error>`` document); they leave
the adapter only as the typed values of :mod:`metadata.mbmodel`, never as dicts.  "Not
found" is ``None``.

The adapter goes offline (answers from the cache only, stale answers included, and raises
:class:`~metadata.errors.NotCached` for the rest) when the service proves unreachable or
answers unlike MusicBrainz; it raises :class:`~metadata.errors.ServiceUnavailable` (or
:class:`~metadata.errors.NotMusicBrainz`) once, and :attr:`MusicBrainz.failure` keeps it.
Unreachable means: the name does not resolve, the connection is refused or the network is
down (none of these is retried), or no answer came within the deadline and the retries.
Before the server has answered at all, the whole wait is bounded by ``give_up_ms``.  An
unreachable server is remembered in the cache (:mod:`metadata.outage`), and later adapters
for it start offline until the record expires, unless told to ``retry_now``.  Threads that
wait for a rate-limit slot are woken when the adapter goes offline, and send nothing.
"""

from __future__ import annotations

import contextlib
import email.utils
import errno
import socket
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar
from urllib.parse import urlencode, urlsplit
from xml.parsers.expat import ExpatError

from metadata import outage as outages
from metadata.cache import Cache, wall_ms
from metadata.errors import NotCached, NotMusicBrainz, ServiceError, ServiceUnavailable
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
from metadata.ratelimit import Clock, RateLimiter, Sleep, monotonic_ms

if TYPE_CHECKING:
    from metadata import deadline

DEFAULT_URL = "https://musicbrainz.org"
DEFAULT_MAX_BYTES = 16 * 1024 * 1024
"""The largest answer read: 16 MiB (MusicBrainz's largest lookups are a few MB)."""
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


# ---------------------------------------------------------------- the fence


class _HTTPStatus(Exception):
    def __init__(self, code: int, retry_after: str | None, body: bytes = b"") -> None:
        super().__init__(f"HTTP {code}")
        self.code = code
        self.retry_after = retry_after
        self.body = body


class _TooLarge(Exception):
    def __init__(self, cause: deadline.TooLarge) -> None:
        super().__init__(str(cause))
        self.cause = cause


class _Transport(Exception):
    def __init__(self, cause: BaseException) -> None:
        super().__init__(str(cause))
        self.cause = cause


def _root(error: BaseException) -> BaseException:
    """The socket error inside urllib's wrapping, if any."""
    reason = getattr(error, "reason", None)
    return reason if isinstance(reason, BaseException) else error


_NO_ROUTE = frozenset({errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN})


def _hopeless(error: BaseException) -> bool:
    """True when waiting will not help: no such host, connection refused, no network."""
    error = _root(error)
    return isinstance(error, (socket.gaierror, ConnectionRefusedError)) or (
        isinstance(error, OSError) and error.errno in _NO_ROUTE
    )


def _describe(error: BaseException) -> str:
    error = _root(error)
    if isinstance(error, TimeoutError):
        return "timed out"
    if isinstance(error, socket.gaierror):
        return "host name not found"
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, ConnectionResetError):
        return "connection reset"
    if isinstance(error, OSError) and error.errno in _NO_ROUTE:
        return "no route to the server"
    text = str(error) or type(error).__name__
    return text if isinstance(error, _HTTPStatus) else f"{type(error).__name__}: {text}"


def _describe_body(data: bytes) -> str:
    """What an answer that is not a WS/2 document looks like, in a few words."""
    head = data[:1024].lstrip().lower()
    if not head:
        return "an empty answer"
    if head.startswith(b"<!doctype html") or b"<html" in head:
        return "an HTML page"
    if not head.startswith(b"<"):
        return "text that is not XML"
    try:
        ET.fromstring(data)
    except ET.ParseError:
        return "malformed or truncated XML"
    return "XML that is not a WS/2 document"


def _is_error_document(data: bytes) -> bool:
    """True for MusicBrainz's ``<error><text>...</text></error>``."""
    try:
        return ET.fromstring(data).tag == "error"
    except ET.ParseError:
        return False


def _answer_kind(data: bytes, expected: str) -> str | None:
    """``None`` when ``data`` is a WS/2 document holding ``expected`` (``work``,
    ``work-list``...); otherwise what it holds instead, in a few words."""
    from musicbrainzngs import mbxml

    try:
        message = mbxml.parse_message(data)
    except (ET.ParseError, ExpatError, UnicodeError, ValueError, KeyError, TypeError):
        return _describe_body(data)
    if expected in message:
        return None
    found = [k for k in message if k in _ENTITIES or k.removesuffix("-list") in _ENTITIES]
    if not found:
        return "a WS/2 document with nothing in it"
    what = found[0].replace("-list", " search result")
    return f"a {what} instead"


class _Fence:
    """Owns musicbrainzngs's module globals while adapter calls are in flight."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._active = 0
        self._settings: _Settings | None = None
        self._saved: dict[str, Any] = {}
        self._unlimited: Callable[..., Any] | None = None

    @contextlib.contextmanager
    def hold(self, settings: _Settings) -> Iterator[None]:
        """Run a musicbrainzngs call with ``settings`` applied."""
        with self._cond:
            while self._active and self._settings != settings:
                self._cond.wait()
            if not self._active:
                self._saved = {name: getattr(_ngs().musicbrainz, name) for name in _GLOBALS}
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
            setattr(_ngs().musicbrainz, name, value)

    def _apply(self, settings: _Settings) -> None:
        musicbrainzngs = _ngs()
        _mb = musicbrainzngs.musicbrainz
        if self._unlimited is None:  # the request function without its rate-limit wrapper
            self._unlimited = getattr(_mb._mb_request, "fun", _mb._mb_request)
        musicbrainzngs.set_hostname(settings.hostname, use_https=settings.https)
        agent = settings.agent
        musicbrainzngs.set_useragent(agent.app, agent.version, agent.contact)
        musicbrainzngs.set_rate_limit(False)
        _mb.ws_format = "xml"
        _mb.parser_fun = _raw
        _mb._safe_read = _fenced_read
        _mb._mb_request = self._unlimited


# fmt: off
_GLOBALS = (
    "hostname", "https", "_useragent", "_client", "do_rate_limit", "ws_format", "parser_fun",
    "_safe_read", "_mb_request",
)
# fmt: on
_FENCE = _Fence()


def _ngs() -> Any:
    """musicbrainzngs, imported when first needed: it brings urllib, http.client and ssl,
    which a run answered from the cache (or remembering an outage) never needs."""
    import musicbrainzngs

    return musicbrainzngs


def _raw(response: bytes) -> bytes:
    return response


def _fenced_read(
    opener: Any, req: Any, body: Any = None, max_retries: int = 8, retry_delay_delta: float = 2.0
) -> bytes:
    """musicbrainzngs's ``_safe_read``, replaced: one attempt within the thread's budget."""
    from http.client import HTTPException
    from urllib.error import HTTPError, URLError

    from metadata import deadline

    limit = deadline.current()
    try:
        with contextlib.closing(deadline.opener().open(req)) as response:
            return deadline.read_answer(response, limit)
    except HTTPError as error:
        retry_after = error.headers.get("Retry-After") if error.headers is not None else None
        try:
            text = deadline.read_answer(error, limit)
        except (HTTPException, OSError):
            text = b""
        finally:
            error.close()
        raise _HTTPStatus(error.code, retry_after, text) from error
    except deadline.TooLarge as error:
        raise _TooLarge(error) from error
    except (URLError, HTTPException, OSError) as error:  # refused, reset, timed out
        raise _Transport(error) from error


# ---------------------------------------------------------------- the adapter


class MusicBrainz:
    """A well-behaved client of one MusicBrainz server, returning typed values.

    :param base_url: ``https://musicbrainz.org`` or a mirror such as
        ``http://localhost:5000`` (a trailing ``/ws/2`` is accepted).
    :param agent: the User-Agent's application, version and contact.
    :param timeout_ms: the most one request may take, from connect to last byte, in ms.
    :param rate_limit: request starts per second; 0 for no limit (then requests from
        several threads run concurrently).
    :param cache: where answers are kept; ``None`` for no cache.
    :param offline: answer from the cache only; never touch the network.
    :param retries: further attempts after a 5xx/429, a timeout or a broken connection.
    :param backoff_ms: first back-off; doubles with each retry, capped by ``max_wait_ms``.
    :param max_wait_ms: the longest wait before a retry; a server asking for longer (by
        Retry-After) is treated as unavailable.
    :param give_up_ms: the longest wait, in ms, for a server that has not answered at all
        in this run: attempts, timeouts and back-off together.
    :param remember_ms: how long an unreachable server is remembered in the cache, in ms;
        0 to remember nothing.
    :param retry_now: ask the server even when the cache remembers it unreachable.
    :param max_bytes: the largest answer read, in bytes.
    :param sleep: waits between attempts; by default a wait that ends early when the
        adapter goes offline.
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
        give_up_ms: int = 5_000,
        remember_ms: int = outages.DEFAULT_REMEMBER_MS,
        retry_now: bool = False,
        max_bytes: int = DEFAULT_MAX_BYTES,
        clock: Clock = monotonic_ms,
        sleep: Sleep | None = None,
        wall_clock: Clock = wall_ms,
    ) -> None:
        if not agent.app or not agent.version:
            raise ValueError("the User-Agent needs an application name and a version")
        if timeout_ms <= 0:
            raise ValueError(f"timeout must be positive, got {timeout_ms} ms")
        if give_up_ms <= 0:
            raise ValueError(f"the give-up bound must be positive, got {give_up_ms} ms")
        self.base_url, hostname, https = _parse_base_url(base_url)
        self._settings = _Settings(hostname, https, agent)
        self._gone = threading.Event()
        self.limiter = RateLimiter(rate_limit, clock=clock, sleep=sleep or self._nap)
        self.cache = cache
        self.timeout_ms = timeout_ms
        self.retries = max(0, retries)
        self.backoff_ms = backoff_ms
        self.max_wait_ms = max_wait_ms
        self.give_up_ms = give_up_ms
        self.remember_ms = remember_ms
        self.max_bytes = max_bytes
        self._clock = clock
        self._wall_clock = wall_clock
        self._lock = threading.Lock()
        self._inflight: dict[str, Future[bytes]] = {}
        self._first_try_ms: int | None = None
        self._answered = False
        self._forgotten = False
        self._failures = 0
        """Failed attempts since the last good answer."""
        self._failing_since_ms = 0
        self._outage: outages.Outage | None = None
        self.failure: ServiceUnavailable | None = None
        """What took the adapter offline in this run (unreachable, or not MusicBrainz)."""
        self.requests = 0
        """HTTP requests sent so far (every attempt counts)."""
        self.cache_hits = 0
        """Answers served from the cache so far."""
        self._offline = offline
        if not offline and cache is not None:
            remembered = outages.recall(cache, self.base_url)
            if remembered is not None and not retry_now:
                self._outage = remembered
                self._offline = True
            elif remembered is not None:  # asked again: if it still fails, it failed since then
                self._failing_since_ms = remembered.since_ms

    @property
    def offline(self) -> bool:
        """True when answers come from the cache only (chosen, or the service is down)."""
        return self._offline

    @property
    def outage(self) -> outages.Outage | None:
        """The server proved unreachable in this run, or an earlier run's record said so."""
        with self._lock:
            found = self._outage
            if found is None or found.remembered:
                return found
            return replace(found, attempts=self._failures)

    @property
    def concurrent(self) -> bool:
        """True when requests may run side by side (no rate limit)."""
        return self.limiter.rate == 0

    def _nap(self, ms: int) -> None:
        """Wait ``ms`` milliseconds, or less when the adapter goes offline meanwhile."""
        if ms > 0:
            self._gone.wait(ms / 1000)

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
        if cached is None and self._offline:  # perhaps only just: expired answers count
            cached = self._offline_answer(key)
        if cached is not None:
            return None if cached == _NOT_FOUND else cached
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

    def _cached(self, key: str, *, stale_ok: bool = False) -> bytes | None:
        if self.cache is None:
            return None
        data = self.cache.get(CACHE_KIND, key, stale_ok=stale_ok or self._offline)
        if data is not None:
            with self._lock:
                self.cache_hits += 1
        return data

    def _fetch(
        self, entity: str, mbid: str, includes: tuple[str, ...], query: str, limit: int, key: str
    ) -> bytes:
        """Ask the server, with retries; check and cache the answer.

        Once the adapter is offline (before a try, after waiting for a slot, or because this
        request found the service gone), an expired answer in the cache is the answer.
        """
        try:
            return self._ask(entity, mbid, includes, query, limit, key)
        except (ServiceUnavailable, NotCached):  # found gone here, or by another thread
            stale = self._cached(key, stale_ok=True)
            if stale is None:
                raise
            return stale  # the failure is kept in self.failure

    def _ask(
        self, entity: str, mbid: str, includes: tuple[str, ...], query: str, limit: int, key: str
    ) -> bytes:
        from metadata import deadline

        musicbrainzngs = _ngs()
        call: Callable[[], Any]
        if query:
            search = getattr(musicbrainzngs, _SEARCH[entity])
            call = lambda: search(query=query, limit=limit or None)  # noqa: E731
        else:
            lookup = getattr(musicbrainzngs, _LOOKUP[entity])
            call = lambda: lookup(mbid, includes=list(includes))  # noqa: E731
        asked = f"a {entity} {'search' if query else 'lookup'}"
        attempt = 0
        while True:
            if self._offline:
                return self._offline_answer(key)
            self.limiter.acquire()
            if self._offline:  # it went offline while this thread waited for its slot
                return self._offline_answer(key)
            budget = self._budget()
            with self._lock:
                self.requests += 1
            try:
                with _FENCE.hold(self._settings), deadline.budget(budget):
                    data = call()
            except _HTTPStatus as error:
                self._heard(success=False)
                if error.code in _RETRYABLE:
                    attempt += 1
                    self._back_off(attempt, error, error.retry_after)
                    continue
                data = self._refused(error, bool(query), asked, key)
            except _Transport as error:
                attempt += 1
                self._unreachable(attempt, error.cause)
                continue
            except _TooLarge as error:
                self._heard(success=False)
                self._not_musicbrainz(f"{asked} got {error}")
            except musicbrainzngs.MusicBrainzError as error:
                raise ServiceError(f"MusicBrainz request failed: {error}", cause=error) from error
            else:
                if not isinstance(data, bytes):
                    raise ServiceError(f"unexpected answer type {type(data).__name__}: {key}")
                found = _answer_kind(data, f"{entity}-list" if query else entity)
                self._heard(success=found is None)
                if found is not None:
                    self._not_musicbrainz(f"{asked} got {found}")
            if self.cache is not None:
                self.cache.put(CACHE_KIND, key, data)
            return data

    def _offline_answer(self, key: str) -> bytes:
        stale = self._cached(key, stale_ok=True)
        if stale is None:
            raise NotCached(f"offline, and not in the cache: {key}")
        return stale

    def _budget(self) -> deadline.Budget:
        """The next attempt's deadline: the timeout, or less before the server first answers."""
        from metadata import deadline

        now = self._clock()
        end = now + self.timeout_ms
        with self._lock:
            if not self._answered:
                if self._first_try_ms is None:
                    self._first_try_ms = now
                end = min(end, self._first_try_ms + self.give_up_ms)
        return deadline.Budget(end, self._clock, self.max_bytes)

    def _heard(self, *, success: bool) -> None:
        """The server answered (``success``: usefully): no more give-up bound, no outage."""
        with self._lock:
            self._answered = True
            forget = success and not self._forgotten
            if success:
                self._failures = self._failing_since_ms = 0
                self._forgotten = True
        if forget and self.cache is not None:
            outages.forget(self.cache, self.base_url)

    def _refused(self, error: _HTTPStatus, searching: bool, asked: str, key: str) -> bytes:
        """A 404 for a lookup (with MusicBrainz's error document) is "not found"; the rest fails."""
        is_error_document = _is_error_document(error.body)
        if error.code == 404 and not searching and is_error_document:
            return _NOT_FOUND
        if error.code == 400 and is_error_document:
            raise ServiceError(
                f"MusicBrainz refused the request (HTTP 400): {key}", cause=error
            ) from error
        if 300 <= error.code < 400:
            self._not_musicbrainz(f"{asked} got a redirect loop (HTTP {error.code})")
        self._not_musicbrainz(f"{asked} got HTTP {error.code} with {_describe_body(error.body)}")

    def _unreachable(self, attempt: int, cause: BaseException) -> None:
        """After a failed connection: wait before the next attempt, or give up."""
        with self._lock:
            if not self._failures and not self._failing_since_ms:
                self._failing_since_ms = self._wall_clock()
            self._failures += 1
            first_try = None if self._answered else self._first_try_ms
        if _hopeless(cause) or attempt > self.retries:
            self._go_offline(cause)
        wait = min(self.backoff_ms * 2 ** (attempt - 1), self.max_wait_ms)
        if first_try is not None and first_try + self.give_up_ms - self._clock() <= wait:
            self._go_offline(cause)  # no time left for another try within the bound
        self.limiter.defer(wait)

    def _back_off(self, attempt: int, cause: _HTTPStatus, retry_after: str | None) -> None:
        """After a busy answer: wait before the next attempt, or give up."""
        with self._lock:
            self._failures += 1
        wait = self._retry_after_ms(retry_after)
        if wait is None:
            wait = min(self.backoff_ms * 2 ** (attempt - 1), self.max_wait_ms)
        if attempt > self.retries or wait > self.max_wait_ms:
            self._go_offline(cause)
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

    def _go_offline(self, cause: BaseException) -> NoReturn:
        """Give up on the server: unreachable (remembered, unless it answered busy)."""
        reason = _describe(cause)
        with self._lock:
            attempts = self._failures
            since = self._failing_since_ms
        error = ServiceUnavailable(
            f"MusicBrainz at {self.base_url} is unreachable "
            f"({reason}, {attempts} attempt{'s' if attempts != 1 else ''})",
            cause=cause,
        )
        if isinstance(cause, _HTTPStatus):  # busy, not unreachable: nothing to remember
            self._give_up(error, None)
        until = self._wall_clock() + self.remember_ms if self.remember_ms > 0 else 0
        found = outages.Outage(self.base_url, since, until, reason, attempts)
        self._give_up(error, found)

    def _not_musicbrainz(self, what: str) -> NoReturn:
        where = f"the server at {self.base_url}"
        self._give_up(NotMusicBrainz(f"{where} does not answer like MusicBrainz: {what}"), None)

    def _give_up(self, error: ServiceUnavailable, found: outages.Outage | None) -> NoReturn:
        """Go offline; raise ``error`` the first time, :class:`NotCached` afterwards."""
        with self._lock:
            first = self.failure is None
            if first:
                self.failure = error
                self._outage = found
                self._offline = True
        self._gone.set()  # wake the threads waiting for a slot: they will not send
        if not first:
            raise NotCached(f"offline: {self.failure}")
        if found is not None and self.cache is not None and self.remember_ms > 0:
            outages.record(self.cache, found, self.remember_ms)
        raise error


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
    return outages.server_key(base_url), parts.netloc.lower(), parts.scheme == "https"


# ---------------------------------------------------------------- parsing


Parsed = Entity | SearchResult[Any]
"""What :func:`parse` returns."""


def parse(data: bytes, *, source: str = "") -> Parsed:
    """Parse one WS/2 XML answer into typed values.

    :raises ServiceError: for malformed XML or an answer that holds no known entity.
    """
    from musicbrainzngs import mbxml

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
