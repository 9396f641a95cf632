"""How each command grows with the show: 100, 1k, 10k and 100k cues.

Generates show files (``bench/shows.make_show``, written by cuesheet's own
show-file writer, cached under ``--cache``) and runs each command as a user
would, in a child process: ``cuesheet export`` to every format that needs no
audio or carts, ``timing``, ``check``, ``timeline`` and ``convert`` (the JSON
export to M3U8).  Prints wall time (best of ``--repeat``) and peak resident
memory per command and size, and the growth per 10x (time at 10n / time at n;
10 is linear).  ``--root`` runs another checkout's code (e.g. a copy of main) on
the same files, for a before/after table.

    python bench/bench_scaling.py                        # 100 .. 100k cues (long)
    python bench/bench_scaling.py --sizes 100 1000 10000
    python bench/bench_scaling.py --root /tmp/main-copy  # the same table for other code
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.runs import run_child  # noqa: E402

EXPORTS = ("json", "csv", "rights-csv", "m3u8", "xspf", "cue", "ontime", "ontime-csv",
           "mairlist", "html", "pdf")  # fmt: skip
"""Every export format that needs neither audio files nor carts."""
_SUFFIX = {"ontime": ".xlsx", "pdf": ".pdf", "html": ".html", "cue": ".cue"}


def show_file(cache: Path, cues: int) -> Path:
    """The cached show file of ``cues`` cues (written on first use)."""
    from bench.shows import make_show
    from cuesheet.inputs import showfile

    path = cache / f"show-{cues}.yaml"
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        print(f"  writing {path.name} ...", flush=True)
        showfile.dump(make_show(cues), path)
    return path


def commands(show: Path, work: Path) -> list[tuple[str, list[str]]]:
    """(name, cuesheet arguments) of every measured command on ``show``."""
    out: list[tuple[str, list[str]]] = []
    for fmt in EXPORTS:
        extra = ["--split", "--single-file", "mix.wav"] if fmt == "cue" else []
        target = work / f"out-{fmt}{_SUFFIX.get(fmt, '.out')}"
        cli = ["export", str(show), "--no-resolve", "-f", fmt, "-o", str(target), *extra]
        out.append((f"export {fmt}", cli))
    out.append(("timing", ["timing", str(show), "--no-resolve"]))
    out.append(("check", ["check", str(show), "--no-resolve"]))
    out.append(("timeline", ["timeline", str(show), "--no-resolve", "-o", str(work / "t.html")]))
    out.append(("convert json->m3u8", ["convert", str(work / "in.json"), str(work / "c.m3u8")]))
    return out


def measure(root: Path, args: list[str], repeat: int, timeout_s: float) -> tuple[float, int]:
    """Best wall time (s) and largest peak RSS (bytes) of ``cuesheet ARGS`` under ``root``."""
    env = dict(os.environ, PYTHONPATH=str(root))
    best, peak = float("inf"), 0
    for _ in range(repeat):
        seconds, rss, _ = run_child(
            ["timeout", str(timeout_s), sys.executable, "-m", "cuesheet", *args], env=env
        )
        best, peak = min(best, seconds), max(peak, rss)
        if seconds > 20:
            break  # one run of a slow command says enough
    return best, peak


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000, 10_000, 100_000])
    parser.add_argument(
        "--repeat", type=int, default=3, help="best of N (one run when it takes over 20 s)"
    )
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout whose code is run")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/cuesheet-bench-scaling"))
    parser.add_argument("--only", nargs="*", default=None, help="commands to run, by name")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per run")
    args = parser.parse_args(argv)

    table: dict[str, dict[int, tuple[float, int] | None]] = {}
    work = Path(tempfile.mkdtemp(prefix="bench-scaling-"))
    try:
        for size in args.sizes:
            show = show_file(args.cache, size)
            print(f"{size:,} cues ({show.stat().st_size / 2**20:.1f} MiB show file):", flush=True)
            env = dict(os.environ, PYTHONPATH=str(args.root))
            run_child([sys.executable, "-m", "cuesheet", "export", str(show), "--no-resolve",
                       "-o", str(work / "in.json")], env=env)  # fmt: skip
            for name, cli_args in commands(show, work):
                if args.only and name not in args.only:
                    continue
                try:
                    cell: tuple[float, int] | None = measure(
                        args.root, cli_args, args.repeat, args.timeout
                    )
                except RuntimeError as error:
                    print(f"  {name}: FAILED {str(error).splitlines()[0]}", flush=True)
                    cell = None
                table.setdefault(name, {})[size] = cell
                if cell:
                    print(f"  {name:<20} {cell[0]:8.2f} s {cell[1] / 2**20:8.0f} MiB", flush=True)
            for leftover in work.iterdir():
                shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print()
    print(_markdown(table, args.sizes, args.root))
    return 0


def _markdown(
    table: dict[str, dict[int, tuple[float, int] | None]], sizes: list[int], root: Path
) -> str:
    """The table as Markdown: time and peak memory per size, growth per 10x of time."""
    labels = [f"{s:,}" for s in sizes]
    head = "| command | " + " | ".join(f"{label} cues" for label in labels) + " | growth per 10x |"
    lines = [f"code: {root}; time s / peak MiB (best of runs); growth = time(10n) / time(n)", "",
             head, "|" + " --- |" * (len(sizes) + 2)]  # fmt: skip
    for name, row in table.items():
        cells = []
        for size in sizes:
            cell = row.get(size)
            cells.append("-" if cell is None else f"{cell[0]:.2f} s / {cell[1] / 2**20:.0f} MiB")
        growth = []
        for small, big in itertools.pairwise(sizes):
            a, b = row.get(small), row.get(big)
            if a and b and big == small * 10:
                growth.append(f"{b[0] / a[0]:.1f}")
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {', '.join(growth) or '-'} |")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
