"""Benchmark ``cuesheet check``: a 10,000-cue show against a 10,000-line as-run log.

Builds a show of ``--cues`` cues (default 10,000) in segments of 50 with a fixed
time every 20 segments, and an as-run log of about as many lines derived from it:
1% of the cues dropped, 1% extra items inserted, 0.5% moved, 0.5% swapped in
pairs, and the times drifting late.  Then, each in one run:

* the plan rules alone (``cuesheet.checks.check``);
* reading the as-run CSV (``cuesheet.asrun.logs.load``);
* the alignment (``cuesheet.asrun.align.align``: an LCS in linear memory);
* the as-run rules (``check`` with the alignment);
* the whole command, ``cuesheet check SHOW.json --as-run LOG.csv --json``, in a
  child process (wall time and peak resident memory of the child).

Time is measured without tracing; peak memory of each step with
:mod:`tracemalloc` (Python allocations made by the step, beyond what existed
before it) in a second pass.

The memory scaling: the alignment at growing sizes next to a naive full-matrix
alignment (the textbook dynamic-programming LCS table with traceback, N x M
cells) at the sizes it can still afford; the naive one grows four times per
doubling, the alignment here two times.

    python bench/bench_check.py                  # the full figures (about a minute)
    python bench/bench_check.py --cues 2000      # quick look
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.runs import DEFAULT_REPEAT  # noqa: E402
from cuesheet.asrun.align import align  # noqa: E402
from cuesheet.asrun.lcs import common_pairs  # noqa: E402
from cuesheet.asrun.logs import load as load_asrun  # noqa: E402
from cuesheet.asrun.values import AiredItem, AsRun  # noqa: E402
from cuesheet.checks import check  # noqa: E402
from cuesheet.inputs import showjson  # noqa: E402
from cuesheet.model import Credit, Cue, Role, Segment, Show  # noqa: E402
from cuesheet.timing import clock  # noqa: E402
from cuesheet.timing.engine import compute  # noqa: E402

TZ = "Europe/Moscow"
START = clock.local_to_ms(date(2014, 2, 23), clock.parse_hhmm("08:00"), TZ)
T = TypeVar("T")

WORDS = ("waltz", "march", "suite", "theme", "anthem", "overture", "nocturne", "polonaise",
         "fanfare", "hymn", "prelude", "romance", "serenade", "dance", "finale", "scherzo",
         "rhapsody", "ballad", "song", "lullaby")  # fmt: skip


def make_show(n: int, seed: int = 1) -> Show:
    """``n`` cues of 20-200 s with unique titles, 50 per segment, a fixed time every 20 segments."""
    rng = random.Random(seed)
    cues = [
        Cue(
            number=str(i + 1),
            title=f"{rng.choice(WORDS).title()} no {i + 1} {rng.choice(WORDS)}",
            credits=(Credit(f"Composer {rng.randrange(500)}", Role.COMPOSER),),
            duration_ms=rng.randrange(20, 200) * 1000,
        )
        for i in range(n)
    ]
    segments = []
    clock_ms = START
    for k in range(0, n, 50):
        chunk = tuple(cues[k : k + 50])
        at_ms = clock_ms if (k // 50) % 20 == 0 and k else None
        segments.append(Segment(f"Part {k // 50 + 1}", chunk, at_ms=at_ms))
        clock_ms += sum(c.duration_ms or 0 for c in chunk)
    return Show("Benchmark", TZ, START, segments=tuple(segments), hard_out_ms=clock_ms)


def edited(show: Show, seed: int = 2) -> list[tuple[str, str, int]]:
    """What aired: (title, credits, duration) with drops, extras, moves and swaps."""
    rng = random.Random(seed)
    items = [(c.title, c.credits[0].name, c.duration_ms or 0) for _, c in show.cues()]
    n = len(items)
    for _ in range(n // 200):  # 0.5% swapped in pairs
        i = rng.randrange(n - 10)
        j = i + rng.randrange(1, 10)
        items[i], items[j] = items[j], items[i]
    for _ in range(n // 200):  # 0.5% moved
        item = items.pop(rng.randrange(len(items)))
        items.insert(rng.randrange(len(items)), item)
    for _ in range(n // 100):  # 1% dropped
        items.pop(rng.randrange(len(items)))
    for k in range(n // 100):  # 1% extras
        items.insert(rng.randrange(len(items)), (f"Unplanned jingle {k}", "Station", 15_000))
    return items


def write_log(items: list[tuple[str, str, int]], path: Path, seed: int = 3) -> None:
    rng = random.Random(seed)
    when = START
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["Time aired", "Title", "Artist", "Duration"])
        for title, credits, duration in items:
            out.writerow([clock.hhmmss_local(when, TZ), title, credits, duration // 1000])
            when += duration + rng.choice((0, 0, 0, 1000, 3000))


def as_run(items: list[tuple[str, str, int]]) -> AsRun:
    when = START
    out = []
    for title, credits, duration in items:
        out.append(AiredItem(title, credits, when, duration))
        when += duration
    return AsRun(tuple(out))


def timed(step: Callable[..., T], *args: Any, **kwargs: Any) -> tuple[T, float]:
    began = time.perf_counter()
    result = step(*args, **kwargs)
    return result, time.perf_counter() - began


def peak(step: Callable[..., Any], *args: Any, **kwargs: Any) -> float:
    """Peak Python memory the step allocates beyond what exists before it, MiB."""
    tracemalloc.start()
    tracemalloc.reset_peak()
    before = tracemalloc.get_traced_memory()[0]
    result = step(*args, **kwargs)
    top = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    del result
    return (top - before) / 2**20


def naive_alignment(a: list[str], b: list[str]) -> list[tuple[int, int]]:
    """The textbook LCS: a full (N+1) x (M+1) table, then a traceback."""
    n, m = len(a), len(b)
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below = table[i], table[i + 1]
        ai = a[i]
        for j in range(m - 1, -1, -1):
            if ai == b[j]:
                row[j] = below[j + 1] + 1
            else:
                row[j] = below[j] if below[j] >= row[j + 1] else row[j + 1]
    pairs = []
    i = j = 0
    while i < n and j < m:
        if a[i] == b[j]:
            pairs.append((i, j))
            i += 1
            j += 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def child_run(show_path: Path, log_path: Path, as_json: bool = True) -> tuple[float, float, int]:
    """Wall time (s), peak RSS of the child (MiB) and exit code of the CLI (``--json``
    output, or the text report)."""
    began = time.perf_counter()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "cuesheet",
            "check",
            str(show_path),
            "--as-run",
            str(log_path),
            *(["--json"] if as_json else []),
            "--no-resolve",  # measure checking, not a MusicBrainz look-up
        ],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    wall = time.perf_counter() - began
    rss_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, rss_kib / 1024, proc.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cues", type=int, default=10_000)
    parser.add_argument("--naive", type=int, nargs="*", default=[500, 1000, 2000, 4000])
    parser.add_argument(
        "--linear", type=int, nargs="*", default=[500, 1000, 2000, 4000, 10_000, 20_000]
    )
    parser.add_argument("--repeat", type=int, default=DEFAULT_REPEAT, help="rounds (median)")
    args = parser.parse_args()

    show = make_show(args.cues)
    items = edited(show)
    timing = compute(show)
    print(
        f"show: {args.cues:,} cues in {len(show.segments)} segments; as-run: {len(items):,} lines"
    )
    print()
    print(f"{'step':<44} {'time s':>8} {'peak MiB':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        log_path = Path(tmp) / "asrun.csv"
        show_path = Path(tmp) / "show.json"
        write_log(items, log_path)
        show_path.write_text(showjson.dumps(show), encoding="utf-8")

        plan_findings, t_plan = timed(check, show, timing=timing)
        log, t_read = timed(load_asrun, log_path, show)
        alignment, t_align = timed(align, show, timing, log)
        run_findings, t_runs = timed(check, show, timing=timing, alignment=alignment)
        rows = [
            ("plan rules (check)", t_plan, peak(check, show, timing=timing)),
            ("read the as-run CSV", t_read, peak(load_asrun, log_path, show)),
            ("align plan with as-run", t_align, peak(align, show, timing, log)),
            (
                "all rules with the alignment",
                t_runs,
                peak(check, show, timing=timing, alignment=alignment),
            ),
        ]
        for name, seconds, mib in rows:
            print(f"{name:<44} {seconds:>8.2f} {mib:>9.1f}")
        wall, rss, code = child_run(show_path, log_path)
        print(
            f"{'cuesheet check SHOW --as-run LOG (CLI)':<44} {wall:>8.2f} {rss:>9.1f}  "
            f"(peak RSS, exit {code})"
        )
        print(
            f"findings: {len(plan_findings):,} on the plan, {len(run_findings):,} with the as-run"
        )

    print()
    print("Memory scaling: the same edits at growing sizes (titles as symbols)")
    print(
        f"{'size':>7}  {'naive table':>20}   {'common_pairs (linear)':>20}   "
        f"{'align() end to end':>20}"
    )
    print(f"{'':>7}  {'s':>10} {'MiB':>9}   {'s':>10} {'MiB':>9}   {'s':>10} {'MiB':>9}")
    for size in sorted(set(args.naive) | set(args.linear)):
        print(scaling_row(size, size in args.naive, size in args.linear))
    print()
    print("Worst orders: the log fully shuffled (every cue out of place)")
    print(f"{'case':<52} {'time s':>8} {'peak MiB':>9}")
    for label, size, repeats in (
        (f"{args.cues:,} unique titles (longest increasing run)", args.cues, 1),
        ("2,000 lines, each title twice (Myers O(ND) path)", 1000, 2),
    ):
        planned = [f"title {k % (size)}" for k in range(size * repeats)]
        shuffled = list(planned)
        random.Random(7).shuffle(shuffled)
        _, seconds = timed(common_pairs, planned, shuffled)
        print(f"{label:<52} {seconds:>8.3f} {peak(common_pairs, planned, shuffled):>9.1f}")
    print()
    shuffled_repeats(args.repeat)
    print()
    print("naive: the (N+1) x (M+1) table of Python ints and its traceback; common_pairs:")
    print("cuesheet.asrun.lcs's LCS alone; align(): keys, LCS, moves/swaps and fixed times.")
    print("Peak = tracemalloc peak above the baseline; times measured without tracing.")


def repeated_show(lines: int) -> tuple[Show, list[tuple[str, str, int]]]:
    """A show of ``lines`` cues whose titles each occur twice, and its log fully shuffled."""
    show = make_show(lines)
    cues = [replace(cue, title=f"Anthem no {k // 2}") for k, (_, cue) in enumerate(show.cues())]
    segments, k = [], 0
    for segment in show.segments:
        segments.append(replace(segment, cues=tuple(cues[k : k + len(segment.cues)])))
        k += len(segment.cues)
    show = replace(show, segments=tuple(segments))
    items = [(c.title, c.credits[0].name, c.duration_ms or 0) for c in cues]
    random.Random(7).shuffle(items)
    return show, items


def shuffled_repeats(repeat: int) -> None:
    """``align`` and ``cuesheet check --as-run`` on shuffled logs where every title airs twice."""
    print(f"Shuffled logs, every title twice (issue 15: <= 1 s at 4,000 lines); {repeat} runs")
    print(
        f"{'lines':>7} {'align() best (median) s':>24} {'CLI --json best (median) s':>36}"
        f" {'CLI text best (median) s':>26}"
    )
    for lines in (1000, 2000, 4000):
        show, items = repeated_show(lines)
        timing = compute(show)
        log = as_run(items)
        aligned = [timed(align, show, timing, log)[1] for _ in range(repeat)]
        with tempfile.TemporaryDirectory() as tmp:
            show_path, log_path = Path(tmp) / "show.json", Path(tmp) / "asrun.csv"
            show_path.write_text(showjson.dumps(show), encoding="utf-8")
            write_log(items, log_path)
            walls, texts = [], []
            for _ in range(repeat):  # alternating the two outputs
                walls.append(child_run(show_path, log_path)[0])
                texts.append(child_run(show_path, log_path, as_json=False)[0])
        print(
            f"{lines:>7,} {min(aligned):>10.3f} ({statistics.median(aligned):7.3f})     "
            f"{min(walls):>18.3f} ({statistics.median(walls):7.3f})"
            f" {min(texts):>15.3f} ({statistics.median(texts):7.3f})"
        )


def scaling_row(size: int, naive: bool, linear: bool) -> str:
    small = make_show(size)
    edits = edited(small)
    planned = [c.title for _, c in small.cues()]
    aired = [title for title, _, _ in edits]
    cells = [f"{size:>7,} "]
    if naive:
        pairs, t_naive = timed(naive_alignment, planned, aired)
        cells.append(f"{t_naive:>10.2f} {peak(naive_alignment, planned, aired):>9.1f}  ")
    else:
        cells.append(f"{'-':>10} {'-':>9}  ")
    if linear:
        mine, t_mine = timed(common_pairs, planned, aired)
        cells.append(f"{t_mine:>10.2f} {peak(common_pairs, planned, aired):>9.1f}  ")
        if naive:
            assert len(mine) == len(pairs), "the two LCS lengths differ"
        small_timing = compute(small)
        small_log = as_run(edits)
        _, t_align = timed(align, small, small_timing, small_log)
        cells.append(f"{t_align:>10.2f} {peak(align, small, small_timing, small_log):>9.1f}")
    else:
        cells.append(f"{'-':>10} {'-':>9}   {'-':>10} {'-':>9}")
    return " ".join(cells)


if __name__ == "__main__":
    main()
