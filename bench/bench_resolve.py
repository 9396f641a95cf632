"""MusicBrainz resolution: requests per entry, warm re-resolution time, precision/recall, limiters.

Runs against the local WS/2 stand-in (tests/mbserver.py) with the real musicbrainzngs
client over real HTTP; nothing leaves 127.0.0.1.  Run from the repository root:

    python bench/bench_resolve.py            # everything (about a minute)
    python bench/bench_resolve.py --quick    # smaller synthetic catalogue, shorter limiter runs
    python bench/bench_resolve.py --gold     # only the scores on the seed lists and the gold set

Prints, side by side with the named alternative:

1. requests per seed entry, cold and warm cache (goal: <= 1.3 cold, 0 warm);
2. time to re-resolve 1,000 cached entries after start-up (goal: < 50 ms), against
   re-resolving from the cached raw answers alone;
3. precision and recall on the fixtures (seed lists plus spelling variants and traps);
4. musicbrainzngs's own rate limiter against ours, with slow answers and several threads;
5. the scores on the seed lists and, separately, on the gold set (bench/gold: list lines of
   other real events, a catalogue written for them): precision, recall (ambiguous with the
   right answer among the candidates counts half), confidently wrong, requests per entry
   cold and warm (goals: 1.0, >= 0.95, 0, <= 1.3, 0).
"""

# ruff: noqa: RUF001  (Cyrillic test data)
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.gold import catalog as gold_catalog  # noqa: E402
from bench.gold.lines import load as load_gold  # noqa: E402
from metadata.cache import Cache  # noqa: E402
from metadata.musicbrainz import MusicBrainz, UserAgent  # noqa: E402
from metadata.resolve import Name, Query, Resolver, Status  # noqa: E402
from tests.mbseed import EXPECTED, SEED  # noqa: E402
from tests.mbserver import Catalog, MBServer  # noqa: E402

AGENT = UserAgent("cuesheet-bench", "0.1", "bench@example.org")
IDS = json.loads((ROOT / "tests" / "fixtures" / "mb" / "ids.json").read_text("utf-8"))


def adapter(url: str, cache: Cache | None = None, **kwargs: object) -> MusicBrainz:
    options: dict[str, object] = {"rate_limit": 0, "timeout_ms": 5000}
    options.update(kwargs)
    return MusicBrainz(url, agent=AGENT, cache=cache, **options)  # type: ignore[arg-type]


# ---------------------------------------------------------------- 1. requests per entry


def requests_per_entry() -> None:
    print("1. Requests per entry, seed lists (21 entries: Music, Anthems, Victory ceremonies)")
    with MBServer() as server, tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "mb.sqlite3"
        Resolver(adapter(server.url, Cache(path)), cache=Cache(path)).resolve_all(SEED)
        cold = server.count
        Resolver(adapter(server.url, Cache(path)), cache=Cache(path)).resolve_all(SEED)
        warm = server.count - cold
        doubled = list(SEED) * 2
        with MBServer() as again:
            Resolver(adapter(again.url)).resolve_all(doubled)
            dup = again.count
    n = len(SEED)
    print(f"   cold cache : {cold:3d} requests = {cold / n:.2f} per entry   (goal <= 1.3)")
    print(f"   warm cache : {warm:3d} requests = {warm / n:.2f} per entry   (goal 0)")
    print(f"   list twice : {dup:3d} requests = {dup / (2 * n):.2f} per entry   (identical: once)")
    print()


# ---------------------------------------------------------------- 2. 1,000 cached entries

FORMS = ["Étude", "Nocturne", "Prelude", "Sonata", "Waltz", "Mazurka", "Impromptu", "Ballade",
         "Scherzo", "Fantasy"]  # fmt: skip
GIVEN = ["Anna", "Boris", "Clara", "Dmitri", "Elena", "Fyodor", "Galina", "Ivan"]
FAMILY = ["Aksenova", "Belov", "Chernova", "Danilov", "Egorova"]
MMD = "http://musicbrainz.org/ns/mmd-2.0#"


def synthetic(count: int) -> tuple[Catalog, list[Query]]:
    """``count`` works whose titles are shared by several composers, 2 recordings each."""
    docs: list[str] = []
    queries: list[Query] = []
    composers = [(f"{g} {f}", f"{f}, {g}") for f in FAMILY for g in GIVEN]
    for i, (name, sort) in enumerate(composers):
        docs.append(
            f'<metadata xmlns="{MMD}"><artist id="00000000-0000-4000-a000-{i:012d}">'
            f"<name>{name}</name><sort-name>{sort}</sort-name></artist></metadata>"
        )
    for i in range(count):
        name, sort = composers[i % len(composers)]
        title = f"{FORMS[i % len(FORMS)]} no. {(i // len(FORMS)) % (count // 40 or 1) + 1}"
        wid = f"00000000-0000-4000-b000-{i:012d}"
        recs = "".join(
            f'<relation type="performance"><target>00000000-0000-4000-c{k}00-{i:012d}</target>'
            f'<direction>backward</direction><recording id="00000000-0000-4000-c{k}00-{i:012d}">'
            f"<title>{title}</title><length>{180_000 + 1000 * ((i * 7 + k * 13) % 90)}</length>"
            f"</recording></relation>"
            for k in range(2)
        )
        docs.append(
            f'<metadata xmlns="{MMD}"><work id="{wid}"><title>{title}</title>'
            f'<relation-list target-type="artist"><relation type="composer">'
            f'<direction>backward</direction><artist id="00000000-0000-4000-a000-'
            f'{i % len(composers):012d}"><name>{name}</name><sort-name>{sort}</sort-name>'
            f'</artist></relation></relation-list><relation-list target-type="recording">{recs}'
            f"</relation-list></work></metadata>"
        )
        queries.append(Query(title.replace("no.", "No."), (Name(name, "composer"),)))
    return Catalog.from_xml(docs), queries


def best_of(runs: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def cached_entries(count: int) -> None:
    print(f"2. Re-resolving {count:,} cached entries (after start-up: cache open, imports done)")
    catalog, queries = synthetic(count)
    with MBServer(catalog) as server, tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "mb.sqlite3"
        started = time.perf_counter()
        cache = Cache(path)
        results = Resolver(adapter(server.url, cache), cache=cache, workers=4).resolve_all(queries)
        cold_s = time.perf_counter() - started
        resolved = sum(r.status is Status.RESOLVED for r in results)
        print(
            f"   cold, rate limit 0, 4 workers : {cold_s:6.2f} s, {server.count} requests "
            f"({server.count / count:.2f} per entry), {resolved} resolved"
        )
        asked = server.count

        warm_cache = Cache(path)
        warm = Resolver(adapter(server.url, warm_cache), cache=warm_cache)
        warm_s = best_of(5, lambda: warm.resolve_all(queries))
        raw_only = Resolver(adapter(server.url, warm_cache))  # raw answers only, re-scored
        raw_s = best_of(1, lambda: raw_only.resolve_all(queries))
        offline = Resolver(adapter(server.url, warm_cache, offline=True), cache=warm_cache)
        offline_s = best_of(5, lambda: offline.resolve_all(queries))
        assert server.count == asked, "a warm run asked the server"
    print(f"   warm, resolution cache        : {1000 * warm_s:8.1f} ms   (goal < 50 ms)")
    print(f"   warm, offline                 : {1000 * offline_s:8.1f} ms")
    print(f"   warm, raw answers only        : {1000 * raw_s:8.1f} ms   (parse XML, score again)")
    print(f"   ratio raw-only / resolution   : {raw_s / warm_s:8.1f} x")
    print()


# ---------------------------------------------------------------- 3. precision and recall


def _q(title: str, *names: str, role: str = "composer", kind: str = "music") -> Query:
    return Query(title, tuple(Name(n, role) for n in names), kind)


# (query, expected work slug, expected recording slug); both None = must not be resolved.
VARIANTS: list[tuple[Query, str | None, str | None]] = [
    (_q("Pictures at an Exhibition: Baba Yaga", "Moussorgsky"), "babayaga", None),
    (_q("Baba-Yaga (Pictures at an Exhibition)", "Мусоргский"), "babayaga", None),
    (_q("It's a Wonderful Life - Main Title", "Tiomkin"), "wonderful_main", None),
    (_q("Giant (main theme)", "D. Tiomkin"), "giant_main", None),
    (_q("Coronation March", "Tschaikowsky"), "coronation", None),
    (_q("Festival Coronation March in D major", "P. I. Tchaikovsky"), "coronation", None),
    (_q("The Census List, suite", "Alfred Shnitke"), "census_suite", None),
    (_q("Piano Concerto no. 2 in C minor, Op. 18", "Rachmaninov"), "rach2", None),
    (_q("Piano Concerto No 2", "Rakhmaninov"), "rach2", None),
    (_q("Scheherazade: The Sea and Sinbad's Ship", "Rimski-Korsakow"), "sheh1", None),
    (_q("Scheherazade - I. The Sea and Sinbad's Ship", "N. Rimsky‐Korsakov"), "sheh1", None),
    (_q("Masquerade Suite: Waltz", "Chatschaturjan"), "masq_waltz", None),
    (_q("Waltz (Masquerade)", "Khachaturyan"), "masq_waltz", None),
    (_q("Cinderella: Waltz", "Prokofieff"), "cind_waltz", None),
    (_q("At Home Among Strangers - Main Theme", "Artemiev"), "athome", None),
    (_q("Goodbye Moscow", "Pachmutowa"), "goodbyemoscow", None),
    (_q("Do svidanya, Moskva", "Alexandra Pakhmutova"), "goodbyemoscow", None),
    (_q("Piano Concerto No. 1 in B-flat minor", "Чайковский"), "tchai1", None),
    (_q("Piano Concerto No. 2", "Tchaikovsky"), "tchai2", None),
    (_q("Piano Concerto No. 2", "Chopin"), "chopin2", None),
    (
        _q("Hymn to Liberty", "London Philharmonic Orchestra", role="performer", kind="anthem"),
        "gr_anthem",
        "gr_lpo",
    ),
    (_q("Greek National Anthem", "LPO", role="performer", kind="anthem"), "gr_anthem", "gr_lpo"),
    (
        _q("Olympic Hymn", "London Philharmonic Orchestra", role="performer", kind="anthem"),
        "olympic_hymn",
        "oh_lpo",
    ),
    (
        _q("Russian National Anthem", "Bolshoi Children's Choir", role="performer", kind="anthem"),
        "ru_anthem",
        "ru_bdh",
    ),
    (
        _q("National Anthem of Russia", "Alexandrov Ensemble", role="performer", kind="anthem"),
        "ru_anthem",
        "ru_alex",
    ),
    (_q("Norwegian national anthem", kind="anthem"), "no_anthem", None),
    (_q("Korean national anthem", kind="anthem"), "kr_anthem", None),
    (_q("Arirang", "Youn Sun Nah", role="performer"), None, "arirang_ysn"),
    # Traps: none of these is in the catalogue as written; any resolution is wrong.
    (_q("Piano Concerto No. 3", "Rachmaninoff"), None, None),
    (_q("Symphony No. 5", "Tchaikovsky"), None, None),
    (_q("Waltz", "Shostakovich"), None, None),
    (_q("Hymn to Liberty", "Spyridon Samaras"), None, None),
    (_q("Medal Ceremony", "Max Bobkov"), None, None),
    (_q("National Anthem of Atlantis", kind="anthem"), None, None),
    (_q("Goodbye, Sochi", "Igor Krutoy"), None, None),
    (_q("Masquerade", "Andrew Lloyd Webber", "Aram Khachaturian"), None, None),
]


def labelled() -> list[tuple[Query, str | None, str | None]]:
    seed = [
        (q, e[1], e[2]) if e[0] is Status.RESOLVED else (q, None, None)
        for q, e in zip(SEED, EXPECTED, strict=True)
    ]
    return seed + VARIANTS


def precision_recall() -> None:
    cases = labelled()
    print(
        f"3. Precision and recall on the fixtures ({len(cases)} entries: seed + variants + traps)"
    )
    with MBServer() as server:
        results = Resolver(adapter(server.url)).resolve_all([q for q, _, _ in cases])
        asked = server.count
    right = wrong = missed = 0
    should = sum(1 for _, w, r in cases if w or r)
    for (query, work, rec), result in zip(cases, results, strict=True):
        expected = (IDS["work"].get(work or ""), IDS["recording"].get(rec or ""))
        if result.status is Status.RESOLVED:
            got = (result.work_mbid, result.recording_mbid)
            ok = (
                (work or rec)
                and (work is None or got[0] == expected[0])
                and (rec is None or got[1] == expected[1])
            )
            if ok:
                right += 1
            else:
                wrong += 1
                print(f"   WRONG: {query.title!r} {query.names} -> {result.title!r}")
        elif work or rec:
            missed += 1
            print(f"   missed: {query.title!r} ({result.status.value}: {result.note})")
    resolved = right + wrong
    print(f"   resolved {resolved}, right {right}, confidently wrong {wrong}, missed {missed}")
    print(f"   precision {right / resolved if resolved else 1:.3f}   recall {right / should:.3f}")
    print(f"   requests  {asked / len(cases):.2f} per entry (cold)")
    print()


# ---------------------------------------------------------------- 4. rate limiters


def limiter_comparison(requests: int, latency_s: float, rate: float, threads: int) -> None:
    import musicbrainzngs  # the alternative, driven directly

    print(
        f"4. Rate limiters: {requests} lookups from {threads} threads, "
        f"server answers in {1000 * latency_s:.0f} ms"
    )
    mbids = list(IDS["work"].values())

    def run(call: Callable[[str], object]) -> float:
        todo = [mbids[i % len(mbids)] for i in range(requests)]
        lock = threading.Lock()

        def worker() -> None:
            while True:
                with lock:
                    if not todo:
                        return
                    mbid = todo.pop()
                call(mbid)

        started = time.perf_counter()
        pool = [threading.Thread(target=worker) for _ in range(threads)]
        for t in pool:
            t.start()
        for t in pool:
            t.join()
        return time.perf_counter() - started

    def theirs(limit: float) -> float:
        with MBServer(latency_s=latency_s) as server:
            musicbrainzngs.set_useragent(AGENT.app, AGENT.version, AGENT.contact)
            musicbrainzngs.set_hostname(server.url.removeprefix("http://"), use_https=False)
            if limit:
                musicbrainzngs.set_rate_limit(1 / limit, 1)
            else:
                musicbrainzngs.set_rate_limit(False)
            seconds = run(lambda m: musicbrainzngs.get_work_by_id(m))
            musicbrainzngs.set_rate_limit(1.0, 1)
            musicbrainzngs.set_hostname("musicbrainz.org", use_https=True)
            return seconds

    def ours(limit: float) -> float:
        with MBServer(latency_s=latency_s) as server:
            mb = adapter(server.url, rate_limit=limit)
            return run(lambda m: mb.get_work(m, ()))

    print(f"   {'limit':>12} {'musicbrainzngs':>16} {'ours':>10} {'ratio':>7}")
    for limit in (rate, 0.0):
        a, b = theirs(limit), ours(limit)
        label = f"{limit:g}/s" if limit else "none"
        print(f"   {label:>12} {requests / a:11.1f} req/s {requests / b:7.1f} req/s {a / b:6.2f}x")
    print(
        "   (musicbrainzngs holds its limiter's lock during the request, so slow answers "
        "serialise every thread,\n    even with limiting off; ours reserves a slot and "
        "waits outside the lock)"
    )
    print()


# ---------------------------------------------------------------- 5. seed lists and gold set


def _score(
    name: str,
    catalog: Catalog | None,
    cases: list[tuple[Query, str | None, str | None]],
    mbid: Callable[[str, str], str],
    verbose: bool,
) -> None:
    """Resolve ``cases`` cold then warm against ``catalog`` and print the scores."""
    with MBServer(catalog) as server, tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "mb.sqlite3"
        queries = [q for q, _, _ in cases]
        results = Resolver(adapter(server.url, Cache(path)), cache=Cache(path)).resolve_all(queries)
        cold = server.count
        Resolver(adapter(server.url, Cache(path)), cache=Cache(path)).resolve_all(queries)
        warm = server.count - cold
    right = wrong = half = missed = 0
    should = sum(1 for _, w, r in cases if w or r)
    for (query, work, rec), result in zip(cases, results, strict=True):
        want_work = mbid("work", work) if work else None
        want_rec = mbid("recording", rec) if rec else None
        line = query.raw or f"{'; '.join(n.name for n in query.names)} - {query.title}"
        if result.status is Status.RESOLVED:
            ok = bool(work or rec) and (
                (want_work is None or result.work_mbid == want_work)
                and (want_rec is None or result.recording_mbid == want_rec)
            )
            if ok:
                right += 1
            else:
                wrong += 1
                print(f"   WRONG  {line!r} -> {result.title!r} ({result.note})")
        elif work or rec:
            among = any(
                (want_work and c.work_mbid == want_work)
                or (want_rec and c.recording_mbid == want_rec)
                for c in result.candidates
            )
            if result.status is Status.AMBIGUOUS and among:
                half += 1
            else:
                missed += 1
            if verbose or not among:
                print(
                    f"   {'half' if among else 'missed'}  {line!r} ({result.status.value}: "
                    f"{result.note})"
                )
    resolved = right + wrong
    n = len(cases)
    print(f"   {name}: {n} entries, {should} with an answer in the catalogue")
    print(
        f"     resolved {resolved}: right {right}, confidently wrong {wrong}; "
        f"ambiguous with the answer among the candidates {half}; missed {missed}"
    )
    precision = right / resolved if resolved else 1.0
    recall = (right + 0.5 * half) / should if should else 1.0
    print(
        f"     precision {precision:.3f}   recall {recall:.3f}   "
        f"requests per entry cold {cold / n:.2f} ({cold}), warm {warm / n:.2f} ({warm})"
    )


def gold_scores(verbose: bool = False) -> None:
    print("5. Scores: the seed lists, then the gold set (goals: precision 1.0, recall >= 0.95,")
    print("   0 confidently wrong, <= 1.3 requests per entry cold, 0 warm)")
    seed = [
        (q, e[1], e[2]) if e[0] is Status.RESOLVED else (q, None, None)
        for q, e in zip(SEED, EXPECTED, strict=True)
    ]
    _score("seed lists", None, seed, lambda kind, slug: IDS[kind][slug], verbose)
    lines = load_gold()
    events = len({g.event for g in lines})
    cases = [(g.query, g.work, g.recording) for g in lines]
    catalog = Catalog.from_xml(gold_catalog.documents())
    _score(f"gold set ({events} events)", catalog, cases, gold_catalog.mbid, verbose)
    from bench.gold import heldout  # extends the catalogue: only after the gold set's run

    held = load_gold(heldout.LINES)
    cases = [(g.query, g.work, g.recording) for g in held]
    catalog = Catalog.from_xml(gold_catalog.documents())
    _score("held-out lines (written after the rules)", catalog, cases, gold_catalog.mbid, verbose)
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller runs")
    parser.add_argument("--gold", action="store_true", help="only the seed and gold-set scores")
    parser.add_argument("--verbose", action="store_true", help="list every entry not resolved")
    args = parser.parse_args()
    if args.gold:
        gold_scores(args.verbose)
        return
    gold_scores(args.verbose)
    requests_per_entry()
    cached_entries(1000)
    precision_recall()
    if args.quick:
        limiter_comparison(requests=16, latency_s=0.1, rate=20, threads=4)
    else:
        limiter_comparison(requests=40, latency_s=0.15, rate=10, threads=4)


if __name__ == "__main__":
    main()
