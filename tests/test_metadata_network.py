"""The adapter against servers that misbehave, go away or never answer (issues 13 and 14).

Real musicbrainzngs over real HTTP to 127.0.0.1; deadlines run on injected clocks.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from metadata import outage
from metadata.cache import Cache
from metadata.errors import NotCached, NotMusicBrainz, ServiceUnavailable
from metadata.musicbrainz import CACHE_KIND, MusicBrainz, UserAgent
from tests.mbserver import MBServer, SilentServer

IDS = json.loads((Path(__file__).parent / "fixtures" / "mb" / "ids.json").read_text("utf-8"))
AGENT = UserAgent("cuesheet-tests", "9.9", "tests@example.org")
RACH2 = IDS["work"]["rach2"]
TCHAI1 = IDS["work"]["tchai1"]
MINUTE = 60_000


class Ticking:
    """A monotonic clock in ms that moves ``step`` ms each time it is read; sleeps add too."""

    def __init__(self, step: int = 0) -> None:
        self.now = 0
        self.step = step
        self.sleeps: list[int] = []
        self._lock = threading.Lock()

    def clock(self) -> int:
        with self._lock:
            self.now += self.step
            return self.now

    def sleep(self, ms: int) -> None:
        with self._lock:
            self.sleeps.append(ms)
            self.now += ms


class Wall:
    """A wall clock (ms since the epoch) that moves only when told."""

    def __init__(self) -> None:
        self.now = 1_700_000_000_000

    def __call__(self) -> int:
        return self.now


@pytest.fixture
def server() -> Iterator[MBServer]:
    with MBServer() as srv:
        yield srv


def refused_url() -> str:
    with MBServer() as gone:
        return gone.url


def adapter(url: str, time: Ticking, **kwargs: object) -> MusicBrainz:
    options: dict[str, object] = {"rate_limit": 0, "timeout_ms": 2000, "retries": 2}
    options.update(kwargs)
    return MusicBrainz(
        url,
        agent=AGENT,
        clock=time.clock,
        sleep=time.sleep,
        **options,  # type: ignore[arg-type]
    )


# ---------------------------------------------------------------- 13.5 deadline and size


@pytest.mark.parametrize("kind", ["trickle", "trickle-headers"])
def test_a_trickling_server_is_cut_at_the_deadline(server: MBServer, kind: str) -> None:
    """Each byte comes quickly, so only a deadline for the whole request stops it."""
    server.fail(kind, times=10)
    time = Ticking(step=400)  # every read of the clock is 0.4 s later: 2 s pass in 5 reads
    mb = adapter(server.url, time, retries=0, cache=Cache(":memory:"))
    with pytest.raises(ServiceUnavailable, match="timed out"):
        mb.get_work(RACH2)
    assert mb.cache is not None and mb.cache.count(CACHE_KIND) == 0


def test_a_declared_50_mb_answer_is_refused_unread_and_uncached(server: MBServer) -> None:
    server.fail("huge", times=10)
    mb = adapter(server.url, Ticking(), cache=Cache(":memory:"))
    with pytest.raises(NotMusicBrainz, match="larger than 16 MiB"):
        mb.get_work(RACH2)
    assert mb.cache is not None and mb.cache.count(CACHE_KIND) == 0


def test_an_endless_answer_stops_at_the_cap(server: MBServer) -> None:
    server.fail("huge-chunked", times=10)
    mb = adapter(server.url, Ticking(), cache=Cache(":memory:"), max_bytes=1024 * 1024)
    with pytest.raises(NotMusicBrainz, match="larger than 1 MiB"):
        mb.search_works("work:(anything)")
    assert mb.cache is not None and mb.cache.count(CACHE_KIND) == 0


# ---------------------------------------------------------------- 13.6 only good answers


BAD_ANSWERS = [
    ("404", "search", "HTTP 404"),
    ("404-html", "lookup", "HTTP 404 with an HTML page"),
    ("empty", "lookup", "an empty answer"),
    ("html", "search", "an HTML page"),
    ("wrong-entity", "lookup", "a recording instead"),
    ("wrong-entity", "search", "a recording instead"),
    ("truncated", "search", "malformed or truncated XML"),
    ("redirect-loop", "lookup", "redirect loop"),
]


@pytest.mark.parametrize(("kind", "call", "said"), BAD_ANSWERS)
def test_an_answer_unlike_musicbrainz_is_said_once_and_never_cached(
    server: MBServer, kind: str, call: str, said: str, tmp_path: Path
) -> None:
    server.fail(kind, times=10**6)
    cache = Cache(tmp_path / "c.sqlite3")
    mb = adapter(server.url, Ticking(), cache=cache)

    def ask(client: MusicBrainz) -> object:
        if call == "search":
            return client.search_works("work:(piano concerto)")
        return client.get_work(RACH2)

    with pytest.raises(NotMusicBrainz, match=f"does not answer like MusicBrainz: .*{said}"):
        ask(mb)
    asked = server.count
    with pytest.raises(NotCached):  # said once; the run goes on without asking again
        mb.get_work(TCHAI1)
    assert server.count == asked
    assert cache.count(CACHE_KIND) == 0
    assert outage.recall(cache, mb.base_url) is None  # it answered: not an outage
    server.faults.clear()  # the healthy server at the same address is asked next time
    assert ask(adapter(server.url, Ticking(), cache=cache)) is not None


def test_a_404_for_a_lookup_is_still_not_found(server: MBServer) -> None:
    mb = adapter(server.url, Ticking(), cache=Cache(":memory:"))
    assert mb.get_work("00000000-0000-4000-8000-000000000000") is None
    assert not mb.offline and mb.failure is None


# ---------------------------------------------------------------- 13.7 offline: every answer


def test_the_request_that_finds_the_service_gone_takes_its_stale_answer(tmp_path: Path) -> None:
    day = [0]
    cache = Cache(tmp_path / "c.sqlite3", clock=lambda: day[0])
    with MBServer() as server:
        assert adapter(server.url, Ticking(), cache=cache).get_work(RACH2) is not None
    day[0] = 40 * 86_400_000  # every answer has expired, and the server is gone
    mb = adapter(server.url, Ticking(), cache=cache)
    work = mb.get_work(RACH2)
    assert work is not None and work.mbid == RACH2
    assert isinstance(mb.failure, ServiceUnavailable) and mb.offline


# ---------------------------------------------------------------- 14.1 never wait twice


def test_threads_waiting_for_a_slot_send_nothing_once_offline() -> None:
    """A thread that reserved a rate-limit slot before the failure does not go out after it."""
    time = Ticking()
    waiting, gate = threading.Event(), threading.Event()

    def sleep(ms: int) -> None:
        if threading.current_thread().name == "late":
            waiting.set()
            gate.wait()
        else:
            time.sleep(ms)

    mb = MusicBrainz(
        refused_url(), agent=AGENT, rate_limit=1, retries=3, clock=time.clock, sleep=sleep
    )
    mb.limiter.acquire()  # slot 0 is gone: the next caller waits for slot 1
    errors: list[BaseException] = []

    def late() -> None:
        try:
            mb.get_work(TCHAI1)
        except (NotCached, ServiceUnavailable) as error:
            errors.append(error)

    thread = threading.Thread(target=late, name="late")
    thread.start()
    waiting.wait()
    with pytest.raises(ServiceUnavailable, match=r"connection refused, 1 attempt\)"):
        mb.get_work(RACH2)  # waits (fake) for slot 2, is refused: offline
    gate.set()
    thread.join()
    assert [type(e) for e in errors] == [NotCached]
    assert mb.requests == 1


def test_the_default_wait_for_a_slot_ends_when_the_service_goes_away() -> None:
    mb = MusicBrainz(refused_url(), agent=AGENT, rate_limit=0.001)  # one start per 1000 s
    mb.limiter.acquire()
    errors: list[BaseException] = []
    thread = threading.Thread(target=lambda: errors.append(_error_of(mb, TCHAI1)), daemon=True)
    thread.start()  # waits for its slot, 1000 s from now
    with pytest.raises(ServiceUnavailable):
        mb._give_up(ServiceUnavailable("gone for the test"), None)
    thread.join(timeout=30)
    assert not thread.is_alive()
    assert [type(e) for e in errors] == [NotCached]


def _error_of(mb: MusicBrainz, mbid: str) -> BaseException | None:
    try:
        mb.get_work(mbid)
    except (NotCached, ServiceUnavailable) as error:
        return error
    return None


def test_an_unreachable_service_is_remembered_for_ten_minutes(
    server: MBServer, tmp_path: Path
) -> None:
    wall = Wall()
    cache = Cache(tmp_path / "c.sqlite3", clock=wall)
    adapter(server.url, Ticking(), cache=cache).get_work(RACH2)  # one answer cached
    url = refused_url()
    with pytest.raises(ServiceUnavailable):
        adapter(url, Ticking(), cache=cache, wall_clock=wall).get_work(RACH2)
    found = outage.recall(cache, url)
    assert found is not None and found.reason == "connection refused"
    assert found.since_ms == wall.now and found.until_ms == wall.now + 10 * MINUTE

    wall.now += 9 * MINUTE
    again = adapter(url, Ticking(), cache=cache, wall_clock=wall)
    assert again.offline and again.outage is not None and again.outage.remembered
    with pytest.raises(NotCached):
        again.get_work(TCHAI1)
    assert again.requests == 0 and again.failure is None

    retry = adapter(url, Ticking(), cache=cache, wall_clock=wall, retry_now=True)
    with pytest.raises(ServiceUnavailable):
        retry.get_work(TCHAI1)
    assert retry.requests == 1
    renewed = outage.recall(cache, url)
    assert renewed is not None and renewed.since_ms == found.since_ms  # down since then

    wall.now += 11 * MINUTE
    assert not adapter(url, Ticking(), cache=cache, wall_clock=wall).offline


def test_an_answer_forgets_the_outage(server: MBServer, tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c.sqlite3")
    outage.record(cache, outage.Outage(server.url, 0, 1, "timed out", 4), 10 * MINUTE)
    assert adapter(server.url, Ticking(), cache=cache).offline
    back = adapter(server.url, Ticking(), cache=cache, retry_now=True)
    assert back.get_work(RACH2) is not None
    assert outage.recall(cache, server.url) is None
    assert not adapter(server.url, Ticking(), cache=cache).offline


def test_a_silent_server_is_given_up_within_the_bound() -> None:
    """Connected, never answered: the 5 s bound (here 0.3 s) holds whatever the timeout."""
    time = Ticking()
    with SilentServer() as silent:
        mb = adapter(silent.url, time, timeout_ms=20_000, retries=3, give_up_ms=300)
        with pytest.raises(ServiceUnavailable, match=r"timed out, 1 attempt\)"):
            mb.get_work(RACH2)
    assert time.sleeps == []  # no back-off: the bound was used up by the first try


def test_retries_of_a_silent_server_fit_in_the_bound() -> None:
    time = Ticking()
    with SilentServer() as silent:
        mb = adapter(silent.url, time, timeout_ms=100, retries=10, give_up_ms=400, backoff_ms=50)
        with pytest.raises(ServiceUnavailable, match="timed out"):
            mb.get_work(RACH2)
    assert mb.requests >= 2  # the timeout was shorter than the bound: tried again
    assert sum(time.sleeps) < 400  # back-off never waits past the bound


def test_a_service_found_gone_just_after_a_cache_miss_still_gives_the_stale_answer(
    tmp_path: Path,
) -> None:
    """Another thread marks the service gone between this thread's miss and its next step."""
    day = [0]
    path = tmp_path / "c.sqlite3"
    with MBServer() as server:
        adapter(server.url, Ticking(), cache=Cache(path, clock=lambda: day[0])).get_work(RACH2)
    day[0] = 40 * 86_400_000
    mb: list[MusicBrainz] = []

    class Meanwhile(Cache):
        def get(self, kind: str, key: str, *, stale_ok: bool = False) -> bytes | None:
            found = super().get(kind, key, stale_ok=stale_ok)
            if found is None and kind == CACHE_KIND and not stale_ok and mb[0].failure is None:
                with pytest.raises(ServiceUnavailable):  # meanwhile, in another thread
                    mb[0]._give_up(ServiceUnavailable("gone"), None)
            return found

    mb.append(adapter(server.url, Ticking(), cache=Meanwhile(path, clock=lambda: day[0])))
    work = mb[0].get_work(RACH2)
    assert work is not None and work.mbid == RACH2
    assert mb[0].requests == 0
