"""The same commands under several checkouts' code: best and median of alternating runs.

Each round runs every checkout once per command, in an order that rotates from
round to round, so a busy machine slows every side alike.  Measured, as a user
runs them: ``cuesheet --help``, and ``export`` (JSON), ``timing`` and ``check``
(all ``--no-resolve``) on the Sochi example (``--example``: an older checkout's
copy when older code cannot read today's keys) and on a generated show of
``--cues`` cues (``bench/shows.make_show``, written by this checkout's show-file
writer).  ``check`` exits 1 when it finds errors; that counts as a run.  Wall
time and CPU time (user + system of the child) are both reported: on a shared
machine the CPU time moves less with the load.

    python bench/bench_before_after.py --root before=/tmp/old --root after=. --repeat 5
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

EXAMPLE = ROOT / "examples" / "sochi-2014-closing.yaml"


def commands(show: Path, label: str, work: Path) -> list[tuple[str, list[str]]]:
    """(name, cuesheet arguments) of the commands measured on ``show``."""
    out = str(work / "out.json")
    return [
        (f"export json, {label}", ["export", str(show), "--no-resolve", "-o", out]),
        (f"timing, {label}", ["timing", str(show), "--no-resolve"]),
        (f"check, {label}", ["check", str(show), "--no-resolve"]),
    ]


def run(root: Path, args: list[str], work: Path) -> tuple[float, float]:
    """Wall and CPU seconds of ``python -m cuesheet ARGS`` with ``root``'s code (exit 0 or 1)."""
    env = dict(os.environ, PYTHONPATH=str(root), COLUMNS="120")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "cuesheet", *args],
        env=env,
        cwd=work,  # never a checkout: the cwd would come before PYTHONPATH
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
    )
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    if done.returncode not in (0, 1):
        tail = done.stderr[-2000:].decode(errors="replace")
        raise SystemExit(f"{root}: exit {done.returncode}: {' '.join(args)}\n{tail}")
    return elapsed, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--root", action="append", required=True, metavar="NAME=PATH")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cues", type=int, default=10_000, help="0: the example only")
    parser.add_argument("--example", type=Path, default=EXAMPLE, help="the small show")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/cuesheet-bench-scaling"))
    args = parser.parse_args(argv)
    pairs = (given.partition("=") for given in args.root)
    roots = [(name, Path(path).resolve()) for name, _, path in pairs]

    from bench.bench_scaling import show_file

    with tempfile.TemporaryDirectory(prefix="bench-before-after-") as folder:
        work = Path(folder)
        measured = [("--help", ["--help"])]
        measured += commands(args.example.resolve(), "Sochi", work)
        if args.cues:
            big = show_file(args.cache, args.cues)
            measured += commands(big, f"{args.cues:,} cues", work)
        times: dict[tuple[str, str], list[tuple[float, float]]] = {}
        for name, cli in measured:
            for round_ in range(args.repeat):
                shift = round_ % len(roots)
                for label, root in roots[shift:] + roots[:shift]:
                    times.setdefault((name, label), []).append(run(root, cli, work))
            cells = [_cell(times[(name, label)]) for label, _ in roots]
            print(f"{name:<28} " + "  ".join(cells), flush=True)
    print()
    print(_markdown(measured, roots, times, args.repeat))
    return 0


def _cell(runs: list[tuple[float, float]]) -> str:
    """``best (median)`` wall seconds, then the same of CPU seconds."""
    wall, cpu = [r[0] for r in runs], [r[1] for r in runs]
    return (
        f"{min(wall):.3f} ({statistics.median(wall):.3f}) / "
        f"{min(cpu):.3f} ({statistics.median(cpu):.3f})"
    )


def _markdown(
    measured: list[tuple[str, list[str]]],
    roots: list[tuple[str, Path]],
    times: dict[tuple[str, str], list[tuple[float, float]]],
    repeat: int,
) -> str:
    """The figures as a Markdown table: best (median) seconds per command and checkout."""
    head = "| command | " + " | ".join(label for label, _ in roots) + " |"
    lines = [f"best (median) of {repeat} alternating runs: wall s / CPU s", "", head,
             "|" + " --- |" * (len(roots) + 1)]  # fmt: skip
    for name, _ in measured:
        cells = [_cell(times[(name, label)]) for label, _ in roots]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
