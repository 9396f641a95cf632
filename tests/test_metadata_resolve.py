"""Resolution of the seed's lists end to end: real musicbrainzngs, real HTTP, local server."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from metadata.cache import Cache
from metadata.musicbrainz import MusicBrainz, UserAgent
from metadata.resolve import CACHE_KIND, Name, Query, Resolution, Resolver, Status
from tests.mbseed import ANTHEMS, EXPECTED, MUSIC, SEED, VICTORY
from tests.mbserver import MBServer

IDS = json.loads((Path(__file__).parent / "fixtures" / "mb" / "ids.json").read_text("utf-8"))
AGENT = UserAgent("cuesheet-tests", "9.9", "tests@example.org")


def mbid(kind: str, slug: str | None) -> str | None:
    return None if slug is None else IDS[kind][slug]


@pytest.fixture
def server() -> Iterator[MBServer]:
    with MBServer() as srv:
        yield srv


def adapter(server: MBServer, cache: Cache | None = None, **kwargs: object) -> MusicBrainz:
    options: dict[str, object] = {"rate_limit": 0, "timeout_ms": 2000, "retries": 1}
    options.update(kwargs)
    return MusicBrainz(
        server.url,
        agent=AGENT,
        cache=cache,
        sleep=lambda ms: None,
        **options,  # type: ignore[arg-type]
    )


def check(results: list[Resolution]) -> None:
    assert len(results) == len(EXPECTED)
    for query, result, (status, work, rec, source, ms) in zip(SEED, results, EXPECTED, strict=True):
        where = f"{query.title}: {result}"
        assert result.status is status, where
        assert result.work_mbid == mbid("work", work), where
        assert result.recording_mbid == mbid("recording", rec), where
        assert result.duration_source == source, where
        assert result.duration_ms == ms, where
        assert 0 <= result.score <= 100
        assert len(result.candidates) <= 5


def test_the_seed_lists_end_to_end(server: MBServer, tmp_path: Path) -> None:
    assert len(SEED) == len(MUSIC) + len(ANTHEMS) + len(VICTORY) == 21
    cache = Cache(tmp_path / "mb.sqlite3")
    results = Resolver(adapter(server, cache), cache=cache).resolve_all(SEED)
    check(results)
    assert server.count <= 2 * len(SEED)  # the budget: two requests per entry, cold


def test_a_warm_cache_asks_nothing(server: MBServer, tmp_path: Path) -> None:
    path = tmp_path / "mb.sqlite3"
    cold = Resolver(adapter(server, Cache(path)), cache=Cache(path)).resolve_all(SEED)
    asked = server.count
    warm = Resolver(adapter(server, Cache(path)), cache=Cache(path)).resolve_all(SEED)
    assert warm == cold
    assert server.count == asked


def test_raw_answers_alone_are_enough_to_resolve_again(server: MBServer, tmp_path: Path) -> None:
    cache = Cache(tmp_path / "mb.sqlite3")
    cold = Resolver(adapter(server, cache), cache=cache).resolve_all(SEED)
    asked = server.count
    again = Resolver(adapter(server, cache)).resolve_all(SEED)  # no resolution cache
    assert again == cold
    assert server.count == asked
    assert cache.count(CACHE_KIND) == len(SEED)


def test_offline_uses_the_cache_only(server: MBServer, tmp_path: Path) -> None:
    path = tmp_path / "mb.sqlite3"
    cold = Resolver(adapter(server, Cache(path)), cache=Cache(path)).resolve_all(SEED)
    asked = server.count
    offline = adapter(server, Cache(path), offline=True)
    assert Resolver(offline, cache=Cache(path)).resolve_all(SEED) == cold
    assert server.count == asked
    empty = adapter(server, Cache(tmp_path / "empty.sqlite3"), offline=True)
    resolver = Resolver(empty)
    results = resolver.resolve_all(SEED)
    assert {r.status for r in results} == {Status.UNRESOLVED}
    assert all("offline" in r.note for r in results)
    assert resolver.warnings == []  # offline by choice is not a problem
    assert server.count == asked


def test_identical_entries_are_looked_up_once(server: MBServer) -> None:
    one = Query("Piano Concerto No. 2", (Name("Sergei Vasilievich Rachmaninoff", "composer"),))
    same = Query("piano concerto no. 2", (Name("SERGEI VASILIEVICH RACHMANINOFF", "composer"),))
    results = Resolver(adapter(server)).resolve_all([one, same, one])
    assert results[0] == results[1] == results[2]
    assert results[0].work_mbid == IDS["work"]["rach2"]
    # one work search, one recording search by MBIDs (lengths), one artist search by MBIDs
    assert [r.entity for r in server.requests] == ["work", "recording", "artist"]


def test_ambiguous_lists_ranked_candidates_with_why(server: MBServer) -> None:
    result = Resolver(adapter(server)).resolve(MUSIC[9])
    assert result.status is Status.AMBIGUOUS
    assert result.work_mbid is None and result.duration_ms is None
    assert {c.work_mbid for c in result.candidates} == {
        IDS["work"]["variety_waltz2"],
        IDS["work"]["echelon_waltz"],
    }
    assert all("Shostakovich matches" in c.why for c in result.candidates)
    assert [c.score for c in result.candidates] == sorted(
        (c.score for c in result.candidates), reverse=True
    )


def test_never_confidently_wrong(server: MBServer) -> None:
    resolver = Resolver(adapter(server))
    medal, sochi = resolver.resolve(MUSIC[5]), resolver.resolve(MUSIC[14])
    assert medal.status is Status.UNRESOLVED and medal.work_mbid is None
    assert sochi.status is Status.UNRESOLVED and sochi.work_mbid is None
    # The near miss is shown with why, not chosen.
    near = {c.work_mbid: c for c in sochi.candidates}
    moscow = near[IDS["work"]["goodbyemoscow"]]
    assert moscow.score < 50 and "does not match" in moscow.why


@pytest.mark.parametrize(
    "composer", ["Tchaikovsky", "Tschaikowsky", "Chaikovsky", "Чайковский", "P. I. Tchaikovsky"]
)
def test_transliterations_of_a_cyrillic_composer(server: MBServer, composer: str) -> None:
    result = Resolver(adapter(server)).resolve(
        Query("Piano Concerto No. 1", (Name(composer, "composer"),))
    )
    assert result.status is Status.RESOLVED
    assert result.work_mbid == IDS["work"]["tchai1"]
    assert ("Pyotr Ilyich Tchaikovsky", "composer") in [(c.name, c.role) for c in result.credits]


def test_composers_found_by_name_when_the_title_is_common(server: MBServer) -> None:
    """Rachmaninoff's concerto crowds the first page; Tchaikovsky is found by his MBID."""
    resolver = Resolver(adapter(server), work_limit=3)
    result = resolver.resolve(Query("Piano Concerto No. 2", (Name("Tschaikowsky", "composer"),)))
    assert result.status is Status.RESOLVED
    assert result.work_mbid == IDS["work"]["tchai2"]
    kinds = [r.entity for r in server.requests]
    # the work hits list its recordings (none): no look-up for a length; writers by MBID
    assert kinds == ["work", "artist", "work", "artist"]
    assert f"arid%3A{IDS['artist']['tchaikovsky']}" in server.requests[2].path


def test_a_performer_without_a_recording_gets_an_estimate(server: MBServer) -> None:
    query = Query(
        "National Anthem of Greece", (Name("London Symphony Orchestra", "performer"),), "anthem"
    )
    result = Resolver(adapter(server)).resolve(query)
    assert result.status is Status.RESOLVED
    assert result.work_mbid == IDS["work"]["gr_anthem"]
    assert result.recording_mbid is None
    assert (result.duration_source, result.duration_ms) == ("estimate", 62_000)
    assert "no recording by London Symphony Orchestra" in result.note


def test_unreachable_midway_warns_once_and_goes_on(server: MBServer, tmp_path: Path) -> None:
    cache = Cache(tmp_path / "mb.sqlite3")
    first = Resolver(adapter(server, cache), cache=cache).resolve_all(SEED[:3])
    assert all(r.status is Status.RESOLVED for r in first)
    server.fail("503", times=1000)
    mb = adapter(server, cache, retries=2)
    resolver = Resolver(mb, cache=cache)
    results = resolver.resolve_all(SEED)
    assert results[:3] == first  # cached answers still count
    assert len(resolver.warnings) == 1
    assert "unreachable" in resolver.warnings[0]
    assert all(r.status is Status.UNRESOLVED for r in results[3:])
    assert mb.requests == 3  # three attempts, then offline: no request per entry


def test_a_malformed_answer_is_said_once_and_the_server_not_asked_again(
    server: MBServer, tmp_path: Path
) -> None:
    server.fail("malformed", times=1)
    resolver = Resolver(adapter(server))
    results = resolver.resolve_all(SEED[:4])
    assert {r.status for r in results} == {Status.UNRESOLVED}
    assert len(resolver.warnings) == 1
    assert "does not answer like MusicBrainz" in resolver.warnings[0]
    assert server.count == 1


def test_resume_after_interruption_repeats_no_request(server: MBServer, tmp_path: Path) -> None:
    path = tmp_path / "mb.sqlite3"

    def stop_after_seven(done: int, total: int) -> None:
        if done == 7:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        Resolver(adapter(server, Cache(path)), cache=Cache(path)).resolve_all(
            SEED, progress=stop_after_seven
        )
    interrupted = server.count
    assert 0 < interrupted < 2 * len(SEED)
    results = Resolver(adapter(server, Cache(path)), cache=Cache(path)).resolve_all(SEED)
    check(results)
    repeated = [p for p, n in Counter(server.paths()).items() if n > 1]
    assert repeated == []


def test_concurrent_workers_give_the_same_answers(server: MBServer) -> None:
    sequential = Resolver(adapter(server)).resolve_all(SEED)
    with MBServer() as other:
        parallel = Resolver(adapter(other), workers=4).resolve_all(SEED)
        assert other.count == server.count
    assert parallel == sequential


def test_progress_is_reported(server: MBServer) -> None:
    seen: list[tuple[int, int]] = []
    Resolver(adapter(server)).resolve_all(SEED[:3], progress=lambda d, t: seen.append((d, t)))
    assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]


def test_resolution_round_trips_through_json(server: MBServer) -> None:
    for result in Resolver(adapter(server)).resolve_all(SEED):
        assert Resolution.from_dict(json.loads(json.dumps(result.to_dict()))) == result


def test_an_empty_title_is_unresolved_without_asking(server: MBServer) -> None:
    result = Resolver(adapter(server)).resolve(Query("!!!"))
    assert result.status is Status.UNRESOLVED
    assert server.count == 0


def test_a_failed_duration_lookup_keeps_the_work(server: MBServer, tmp_path: Path) -> None:
    cache = Cache(tmp_path / "mb.sqlite3")
    server.fail("503", times=100, match="query=rid")
    resolver = Resolver(adapter(server, cache, retries=0), cache=cache)
    rach = MUSIC[6]
    result = resolver.resolve(rach)
    assert result.status is Status.RESOLVED
    assert result.work_mbid == IDS["work"]["rach2"]
    assert result.duration_ms is None
    assert result.note == "duration not looked up (offline)"
    assert len(resolver.warnings) == 1
    server.faults.clear()
    asked = server.count
    again = Resolver(adapter(server, cache), cache=cache).resolve(rach)  # not cached half-done
    assert again.duration_ms == 2_032_000
    assert [r.query["query"][:4] for r in server.requests[asked:]] == ["rid:", "arid"]
