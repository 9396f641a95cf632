"""Loading a show file: this checkout against another (e.g. main before issue 15).

    git -C /work/main archive main | tar -x -C /tmp/main-copy
    python bench/bench_showfile.py --before /tmp/main-copy             # 10k and 100k cues
    python bench/bench_showfile.py --before /tmp/main-copy --sizes 10000 --repeat 5

Each load (``cuesheet.inputs.showfile.load``) runs in a fresh interpreter whose
``PYTHONPATH`` is this checkout ("ours") or ``--before`` ("before"), ours and
before alternating, ``--repeat`` rounds; best and median wall time, peak RSS of
the child, and the ratio of the medians.  ``ours-pure`` is this checkout with
libyaml switched off (PyYAML's pure-Python parser: the fallback).  Both must
read the same show (cue count, titles, total duration) or the bench exits with
status 3.  Targets (issue 15): >= 4x faster than before at 10k and 100k cues,
peak memory < 500 MiB at 100k cues (exit status 1 when missed).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_scaling import show_file  # noqa: E402
from bench.runs import DEFAULT_REPEAT, alternate, run_child  # noqa: E402

_CHILD = """
import hashlib, sys, time
import yaml
if sys.argv[2] == "pure":
    yaml.__with_libyaml__ = False
from cuesheet.inputs import showfile
started = time.perf_counter()
show = showfile.load(sys.argv[1])
seconds = time.perf_counter() - started
cues = [cue for _, cue in show.cues()]
titles = hashlib.sha256("\\n".join(c.title for c in cues).encode()).hexdigest()[:16]
print(seconds, len(cues), titles, sum(c.duration_ms or 0 for c in cues))
"""


def load(root: Path, path: Path, mode: str = "") -> tuple[float, int, object]:
    """(seconds inside the child, its peak RSS bytes, what it read) of one load."""
    env = dict(os.environ, PYTHONPATH=str(root))
    _, peak, out = run_child([sys.executable, "-c", _CHILD, str(path), mode], env=env)
    seconds, *result = out.split()
    return float(seconds), peak, tuple(result)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--before", type=Path, required=True, help="checkout to compare with")
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=DEFAULT_REPEAT)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/cuesheet-bench-scaling"))
    parser.add_argument("--pure", action="store_true", help="also time ours without libyaml")
    args = parser.parse_args(argv)
    missed = 0
    print(f"{'cues':>8} {'side':<10} {'best (median) s':>17} {'peak MiB':>9}")
    for size in args.sizes:
        path = show_file(args.cache, size)
        mine, before = alternate(
            lambda path=path: load(ROOT, path),
            lambda path=path: load(args.before, path),
            args.repeat,
            f"{path.name}: the show read",
        )
        rows = [("ours", mine), ("before", before)]
        if args.pure:
            pure, _ = alternate(
                lambda path=path: load(ROOT, path, "pure"),
                lambda path=path: load(ROOT, path),
                1,
                f"{path.name}: pure and libyaml",
            )
            rows.append(("ours-pure", pure))
        for side, runs in rows:
            print(f"{size:>8,} {side:<10} {runs.cell()} {runs.peak / 2**20:9.0f}")
        ratio = before.median / mine.median
        memory_ok = size < 100_000 or mine.peak < 500 * 2**20
        missed += ratio < 4 or not memory_ok
        print(
            f"{size:>8,} ratio before/ours (medians) {ratio:.2f}x (target >= 4x: "
            f"{'yes' if ratio >= 4 else 'NO'}); memory "
            f"{'ok' if memory_ok else 'OVER 500 MiB'}",
            flush=True,
        )
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
