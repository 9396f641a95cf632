"""The MusicBrainz adapter: the real musicbrainzngs client over real HTTP to a local server."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import musicbrainzngs
import pytest
from musicbrainzngs import musicbrainz as mbngs

from metadata.cache import Cache
from metadata.errors import NotCached, NotMusicBrainz, ServiceError, ServiceUnavailable
from metadata.mbmodel import Recording, SearchResult, Work
from metadata.musicbrainz import CACHE_KIND, MusicBrainz, UserAgent, parse
from tests.mbserver import MBServer

IDS = json.loads((Path(__file__).parent / "fixtures" / "mb" / "ids.json").read_text("utf-8"))
AGENT = UserAgent("cuesheet-tests", "9.9", "tests@example.org")
RACH2 = IDS["work"]["rach2"]


class FakeTime:
    """A monotonic clock in ms that only moves when someone sleeps."""

    def __init__(self) -> None:
        self.now = 0
        self.sleeps: list[int] = []
        self._lock = threading.Lock()

    def clock(self) -> int:
        with self._lock:
            return self.now

    def sleep(self, ms: int) -> None:
        with self._lock:
            self.sleeps.append(ms)
            self.now += ms


@pytest.fixture
def server() -> Iterator[MBServer]:
    with MBServer() as srv:
        yield srv


@pytest.fixture
def fake() -> FakeTime:
    return FakeTime()


def client(server: MBServer, fake: FakeTime, **kwargs: object) -> MusicBrainz:
    options: dict[str, object] = {"rate_limit": 0, "timeout_ms": 2000, "retries": 2}
    options.update(kwargs)
    return MusicBrainz(
        server.url,
        agent=AGENT,
        clock=fake.clock,
        sleep=fake.sleep,
        **options,  # type: ignore[arg-type]
    )


def test_typed_values_from_a_search(server: MBServer, fake: FakeTime) -> None:
    mb = client(server, fake)
    found = mb.search_works("+(work:(piano concerto 2) alias:(piano concerto 2))")
    assert isinstance(found, SearchResult)
    assert found.count == 14 and found.complete  # 14 works have one of the words
    assert all(isinstance(w, Work) for w in found.items)
    top = found.items[0]
    assert top.mbid == RACH2
    assert top.score == 100
    assert top.title == "Piano Concerto no. 2 in C minor, op. 18"
    composer = top.writers()[0].artist
    assert composer.name == "Сергей Васильевич Рахманинов"
    assert composer.sort_name == "Rachmaninoff, Sergei"


def test_lookup_with_includes_and_lengths(server: MBServer, fake: FakeTime) -> None:
    work = client(server, fake).get_work(RACH2, ("aliases", "artist-rels", "recording-rels"))
    assert work is not None
    assert sorted(r.recording.length_ms or 0 for r in work.recordings) == [
        1_978_000,
        2_032_000,
        2_080_000,
    ]
    assert "Rach 2" in work.titles()
    assert server.paths()[-1].endswith("?inc=aliases+artist-rels+recording-rels")


def test_not_found_is_none(server: MBServer, fake: FakeTime) -> None:
    assert client(server, fake).get_work("00000000-0000-4000-8000-000000000000") is None


def test_user_agent_names_app_version_and_contact(server: MBServer, fake: FakeTime) -> None:
    client(server, fake).get_work(RACH2)
    agent = server.requests[-1].user_agent
    assert agent.startswith("cuesheet-tests/9.9 python-musicbrainzngs/")
    assert agent.endswith("( tests@example.org )")


def test_answers_are_cached_per_server(server: MBServer, fake: FakeTime, tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c.sqlite3")
    first = client(server, fake, cache=cache).get_work(RACH2)
    again = client(server, fake, cache=cache).get_work(RACH2)
    assert first == again
    assert server.count == 1
    assert cache.count(CACHE_KIND) == 1
    with MBServer() as other:  # another server is another key
        client(other, fake, cache=cache).get_work(RACH2)
        assert other.count == 1


def test_not_found_is_cached_too(server: MBServer, fake: FakeTime) -> None:
    mb = client(server, fake, cache=Cache(":memory:"))
    missing = "00000000-0000-4000-8000-000000000000"
    assert mb.get_work(missing) is None
    assert mb.get_work(missing) is None
    assert server.count == 1


def test_503_with_retry_after_is_honoured(server: MBServer, fake: FakeTime) -> None:
    server.fail("503", times=2, retry_after="7")
    work = client(server, fake).get_work(RACH2)
    assert work is not None and work.mbid == RACH2
    assert server.count == 3
    assert fake.sleeps == [7000, 7000]


def test_retry_after_as_http_date(server: MBServer, fake: FakeTime) -> None:
    server.fail("503", times=1, retry_after="Sun, 23 Feb 2014 18:04:05 GMT")
    wall = 1_393_178_640_000  # 2014-02-23T18:04:00Z: five seconds before
    mb = client(server, fake, wall_clock=lambda: wall)
    assert mb.get_work(RACH2) is not None
    assert fake.sleeps == [5000]


def test_back_off_is_bounded_then_offline_once(server: MBServer, fake: FakeTime) -> None:
    server.fail("503", times=100)
    mb = client(server, fake, retries=3, backoff_ms=1000, max_wait_ms=3000)
    with pytest.raises(ServiceUnavailable, match=r"unreachable .*HTTP 503, 4 attempts"):
        mb.get_work(RACH2)
    assert fake.sleeps == [1000, 2000, 3000]
    assert mb.offline
    requests = server.count
    with pytest.raises(NotCached):
        mb.search_works("work:(anything)")
    assert server.count == requests  # offline: no more requests, and no second warning


def test_retry_after_longer_than_allowed_goes_offline(server: MBServer, fake: FakeTime) -> None:
    server.fail("503", retry_after="3600")
    with pytest.raises(ServiceUnavailable):
        client(server, fake, max_wait_ms=60_000).get_work(RACH2)
    assert server.count == 1
    assert fake.sleeps == []


def test_a_hung_server_times_out(server: MBServer, fake: FakeTime) -> None:
    server.fail("hang", times=5)
    mb = client(server, fake, timeout_ms=200, retries=1, backoff_ms=10)
    started = time.monotonic()
    with pytest.raises(ServiceUnavailable, match="timed out"):
        mb.get_work(RACH2)
    assert time.monotonic() - started < 3  # two attempts of 0.2 s, not forever
    assert server.count == 2


def test_a_timeout_once_is_retried(server: MBServer, fake: FakeTime) -> None:
    server.fail("hang", times=1)
    work = client(server, fake, timeout_ms=200, retries=1, backoff_ms=10).get_work(RACH2)
    assert work is not None
    assert fake.sleeps == [10]


def test_a_reset_connection_is_retried(server: MBServer, fake: FakeTime) -> None:
    server.fail("reset", times=1)
    assert client(server, fake, backoff_ms=50).get_work(RACH2) is not None
    assert server.count == 2
    assert fake.sleeps == [50]


def test_resets_every_time_mean_unreachable(server: MBServer, fake: FakeTime) -> None:
    server.fail("reset", times=10)
    with pytest.raises(ServiceUnavailable, match="unreachable"):
        client(server, fake, retries=2, backoff_ms=5).get_work(RACH2)


def test_connection_refused_means_unreachable(fake: FakeTime) -> None:
    with MBServer() as gone:
        url = gone.url
    mb = MusicBrainz(url, agent=AGENT, rate_limit=0, retries=1, clock=fake.clock, sleep=fake.sleep)
    with pytest.raises(ServiceUnavailable, match=r"connection refused, 1 attempt\)"):
        mb.get_work(RACH2)
    assert fake.sleeps == []  # a refused connection is not retried with back-off


def test_a_host_name_that_does_not_resolve_goes_offline_at_once(
    fake: FakeTime, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    def no_such_host(*args: object, **kwargs: object) -> object:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    mb = MusicBrainz(
        "https://musicbrainz.example", agent=AGENT, retries=3, clock=fake.clock, sleep=fake.sleep
    )
    with pytest.raises(ServiceUnavailable, match="1 attempt"):
        mb.get_work(RACH2)
    assert mb.requests == 1
    assert fake.sleeps == []


def test_malformed_xml_is_not_cached_and_the_server_not_asked_again(
    server: MBServer, fake: FakeTime
) -> None:
    server.fail("malformed", times=1)
    cache = Cache(":memory:")
    mb = client(server, fake, cache=cache)
    with pytest.raises(NotMusicBrainz, match="malformed or truncated XML"):
        mb.get_work(RACH2)
    assert mb.offline and cache.count(CACHE_KIND) == 0
    assert client(server, fake, cache=cache).get_work(RACH2) is not None  # the next run asks
    assert server.count == 2


def test_an_html_error_page_is_not_musicbrainz(server: MBServer, fake: FakeTime) -> None:
    server.fail("html", times=1)
    with pytest.raises(NotMusicBrainz, match="an HTML page"):
        client(server, fake).get_work(RACH2)


def test_bad_request_is_not_retried(server: MBServer, fake: FakeTime) -> None:
    with pytest.raises(ServiceError, match="HTTP 400"):
        client(server, fake).search_works("work:(unbalanced")
    assert server.count == 1


def test_offline_answers_from_the_cache_only(
    server: MBServer, fake: FakeTime, tmp_path: Path
) -> None:
    cache = Cache(tmp_path / "c.sqlite3", clock=lambda: 0)
    client(server, fake, cache=cache).get_work(RACH2)
    later = Cache(tmp_path / "c.sqlite3", clock=lambda: 10**15)  # long expired: stale is fine
    offline = client(server, fake, cache=later, offline=True)
    assert offline.get_work(RACH2) is not None
    with pytest.raises(NotCached):
        offline.get_work(IDS["work"]["tchai1"])
    assert server.count == 1


def test_rate_limit_spaces_requests(server: MBServer, fake: FakeTime) -> None:
    mb = client(server, fake, rate_limit=2)  # one start every 500 ms
    for slug in ("rach2", "tchai1", "sheh1"):
        mb.get_work(IDS["work"][slug])
    assert fake.sleeps == [500, 500]
    assert server.count == 3


def test_without_a_limit_requests_overlap(fake: FakeTime) -> None:
    barrier = threading.Barrier(3, timeout=5)
    with MBServer(barrier=barrier) as srv:
        mb = client(srv, fake, rate_limit=0, retries=0)
        results: list[Work | None] = []
        threads = [
            threading.Thread(target=lambda s=slug: results.append(mb.get_work(IDS["work"][s])))
            for slug in ("rach2", "tchai1", "sheh1")
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    # The server answered only once all three requests were in at the same time.
    assert len(results) == 3 and all(w is not None for w in results)
    assert not barrier.broken


def test_identical_requests_in_flight_are_sent_once(fake: FakeTime) -> None:
    with MBServer(latency_s=0.05) as srv:
        mb = client(srv, fake, cache=Cache(":memory:"))
        results: list[Recording | Work | None] = []
        threads = [
            threading.Thread(target=lambda: results.append(mb.get_work(RACH2))) for _ in range(4)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert srv.count == 1
    assert len(results) == 4
    assert results[0] is not None and all(r == results[0] for r in results)


def test_fence_restores_and_reapplies_musicbrainzngs_globals(
    server: MBServer, fake: FakeTime
) -> None:
    musicbrainzngs.set_hostname("elsewhere.invalid", use_https=True)
    musicbrainzngs.set_useragent("someone-else", "1.0")
    before = {n: getattr(mbngs, n) for n in ("hostname", "https", "_useragent", "_safe_read")}
    try:
        mb = client(server, fake)
        assert mb.get_work(RACH2) is not None  # went to our server despite the globals
        after = {n: getattr(mbngs, n) for n in before}
        assert after == before  # and put them back
        assert server.requests[-1].user_agent.startswith("cuesheet-tests/9.9")
    finally:
        musicbrainzngs.set_hostname("musicbrainz.org", use_https=True)


def test_two_adapters_on_two_servers_in_threads(fake: FakeTime) -> None:
    with MBServer() as one, MBServer() as two:
        first = client(one, fake)
        second = client(two, fake)
        errors: list[BaseException] = []

        def run(mb: MusicBrainz) -> None:
            try:
                for _ in range(10):
                    mb.get_work(RACH2)
            except BaseException as error:  # pragma: no cover - reported below
                errors.append(error)

        threads = [threading.Thread(target=run, args=(mb,)) for mb in (first, second)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        assert one.count == 10 and two.count == 10


@pytest.mark.parametrize(
    "url",
    ["ftp://musicbrainz.org", "musicbrainz.org", "https://musicbrainz.org/other", "http://"],
)
def test_bad_server_urls_are_refused(url: str) -> None:
    with pytest.raises(ValueError, match="not a MusicBrainz server URL"):
        MusicBrainz(url, agent=AGENT)


def test_mirror_urls_are_accepted() -> None:
    assert MusicBrainz("http://LOCALHOST:5000/ws/2/", agent=AGENT).base_url == (
        "http://localhost:5000"
    )


def test_parse_rejects_garbage() -> None:
    with pytest.raises(ServiceError, match="malformed"):
        parse(b"<metadata><work")
