"""Benchmark the audio side: render against ffmpeg's own concat, and library scans.

Render: a mix of ``--cues`` cues of ``--seconds`` each (default 20 x 6 min = 2 h)
with ``--crossfade-ms`` crossfades (default 2 s), rendered to WAV by
``cuesheet.audio.render`` in a child process, next to ffmpeg doing the same
crossfades (``-filter_complex`` with one ``acrossfade`` per join) into WAV,
alternating, ``--repeat`` rounds; both must write the same number of samples
(else exit status 3).  Reported: best and median wall time of each, the ratio
of the medians (goal <= 2x), the peak resident memory of the render (goal < 300 MiB;
``wait4`` gives the largest member of the child's process tree, the child also
reports its own), and the time per cue with twice the cues (the same files
twice; goal: the same per cue).

Scan: ``--scan-files`` small tagged files in six formats (default 2,000): the
first scan into a fresh index with the files in the OS cache (goal >= 5,000
files/s), a rescan of the unchanged library (goal >= 5x faster), and, for
reference, the same reads inline and on a thread pool.

Show time: the same cues as songs trimmed by a second at each end (``in``/
``length``, a 2 s fade-out) with a ``--speech-seconds`` speech cue held as
silence after each, placed by ``at_ms`` as ``render --show-time`` does; wall
time and peak memory beside the normal render of the same files, and with twice
the cues (goal: the same time per cue, the same memory).

Generated audio is cached under ``--cache`` (default /tmp/cuesheet-bench-audio)
and reused by later runs; outputs are deleted after each measurement.

    python bench/bench_audio.py                       # the full figures (~2-4 min)
    python bench/bench_audio.py --cues 6 --seconds 60 --scan-files 500   # quick look
    python bench/bench_audio.py --skip-scan --skip-render     # show time only
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import wave
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.runs import Mismatch, Runs, alternate, run_child  # noqa: E402
from cuesheet.audio.ffmpeg import find_ffmpeg  # noqa: E402
from metadata import tags  # noqa: E402
from metadata.library import Library, _pool, _read_chunk  # noqa: E402

RATE = 44_100
SCAN_FORMATS = (".mp3", ".flac", ".ogg", ".m4a", ".opus", ".wav")

_RENDER_CHILD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
from cuesheet.audio.render import RenderItem, render
paths = {paths!r}
items = [RenderItem(p, title=f"Cue {{i + 1}}", crossfade_ms={crossfade} if i else 0)
         for i, p in enumerate(paths)]
started = time.perf_counter()
result = render(items, {out!r})
print(json.dumps({{"seconds": time.perf_counter() - started, "samples": result.samples,
                  "self_maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}}))
"""

_SHOW_TIME_CHILD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
from cuesheet.audio.render import RenderItem, render
paths, seconds, speech = {paths!r}, {seconds}, {speech}
items, at = [], 0
for i, p in enumerate(paths):
    length = (seconds - 2) * 1000  # each song trimmed by a second at each end
    items.append(RenderItem(p, title=f"Song {{i + 1}}", in_ms=1000, length_ms=length,
                            fade_out_ms=2000, at_ms=at))
    at += length
    items.append(RenderItem(None, title=f"Speech {{i + 1}}", length_ms=speech * 1000, at_ms=at))
    at += speech * 1000
started = time.perf_counter()
result = render(items, {out!r})
print(json.dumps({{"seconds": time.perf_counter() - started, "samples": result.samples,
                  "self_maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}}))
"""


def _run_measured(args: list[str]) -> tuple[float, int, str]:
    """(wall seconds, max RSS in KiB of the process tree's largest member, stdout)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(args, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        elapsed = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            raise SystemExit(f"failed: {' '.join(args[:3])}...\n{err.read().decode()[-2000:]}")
        return elapsed, usage.ru_maxrss, out.read().decode()


def _ensure_cues(cache: Path, ffmpeg: str, count: int, seconds: int) -> list[Path]:
    folder = cache / f"cues-{seconds}s"
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"cue{index:03d}.flac"
        want = seconds * RATE
        if not path.exists() or tags.read(path).samples != want:
            frequency = 220 + 37 * index
            print(f"  generating {path.name} ({seconds} s)...", flush=True)
            subprocess.run(
                [
                    ffmpeg,
                    "-nostdin",
                    "-v",
                    "error",
                    "-y",
                    "-f",
                    "lavfi",
                    "-i",
                    f"sine=frequency={frequency}:sample_rate={RATE}:duration={seconds}",
                    "-ac",
                    "2",
                    "-c:a",
                    "flac",
                    "-sample_fmt",
                    "s16",
                    str(path),
                ],
                check=True,
            )
        paths.append(path)
    return paths


def _render(paths: list[Path], out: Path, crossfade: int) -> tuple[float, int, dict[str, float]]:
    code = _RENDER_CHILD.format(
        root=str(ROOT), paths=[str(p) for p in paths], crossfade=crossfade, out=str(out)
    )
    try:
        wall, tree_kib, stdout = _run_measured([sys.executable, "-c", code])
    finally:
        for leftover in (out, out.with_suffix(".cue")):
            leftover.unlink(missing_ok=True)
    return wall, tree_kib, json.loads(stdout.strip().splitlines()[-1])


def _render_show_time(
    paths: list[Path], out: Path, seconds: int, speech: int
) -> tuple[float, int, dict[str, float]]:
    code = _SHOW_TIME_CHILD.format(
        root=str(ROOT), paths=[str(p) for p in paths], seconds=seconds, speech=speech, out=str(out)
    )
    try:
        wall, tree_kib, stdout = _run_measured([sys.executable, "-c", code])
    finally:
        for leftover in (out, out.with_suffix(".cue")):
            leftover.unlink(missing_ok=True)
    return wall, tree_kib, json.loads(stdout.strip().splitlines()[-1])


def bench_show_time(args: argparse.Namespace, ffmpeg: str) -> None:
    """``render --show-time``: trimmed songs with speech held as silence, beside today's render."""
    paths = _ensure_cues(args.cache, ffmpeg, args.cues, args.seconds)
    out = args.cache / "out"
    out.mkdir(exist_ok=True)
    print(
        f"\nShow time: {args.cues} songs trimmed to {args.seconds - 2} s (in/out, 2 s fade-out) "
        f"+ {args.cues} speech cues of {args.speech_seconds} s held as silence, WAV out"
    )
    wall, tree_kib, _ = _render(paths, out / "mix.wav", args.crossfade_ms)
    st_wall, st_kib, child = _render_show_time(
        paths, out / "show.wav", args.seconds, args.speech_seconds
    )
    audio_h = child["samples"] / RATE / 3600
    print(f"  {'':34} {'wall s':>8} {'max RSS MiB':>12}")
    print(f"  {'render (whole files, crossfades)':34} {wall:8.2f} {tree_kib / 1024:12.1f}")
    print(f"  {'render --show-time':34} {st_wall:8.2f} {st_kib / 1024:12.1f}   ({audio_h:.2f} h)")
    if args.no_scaling:
        return
    doubled = paths + paths
    st2_wall, st2_kib, _ = _render_show_time(
        doubled, out / "show2.wav", args.seconds, args.speech_seconds
    )
    per1, per2 = st_wall / len(paths), st2_wall / len(doubled)
    print(
        f"  show time per song+speech: {len(paths)} {per1:.3f} s, {len(doubled)} {per2:.3f} s "
        f"(ratio {per2 / per1:.2f}; goal ~1.0); peak memory {st_kib / 1024:.0f} MiB -> "
        f"{st2_kib / 1024:.0f} MiB (goal: flat)"
    )


def _ffmpeg_crossfades(
    ffmpeg: str, paths: list[Path], out: Path, crossfade: int
) -> tuple[float, int, int]:
    """ffmpeg doing the same mix: each file crossfaded into the next (``acrossfade``), WAV out.

    (wall seconds, peak RSS bytes, samples written).
    """
    inputs = [arg for path in paths for arg in ("-i", str(path))]
    chain, last = [], "[0:a]"
    for index in range(1, len(paths)):
        label = f"[x{index}]"
        chain.append(f"{last}[{index}:a]acrossfade=d={crossfade / 1000}:c1=tri:c2=tri{label}")
        last = label
    try:
        graph = ["-filter_complex", ";".join(chain), "-map", last]
        command = [ffmpeg, "-nostdin", "-v", "error", "-y", *inputs, *graph]
        wall, peak, _ = run_child([*command, "-c:a", "pcm_s16le", str(out)])
        with wave.open(str(out), "rb") as mix:
            samples = mix.getnframes()
    finally:
        out.unlink(missing_ok=True)
    return wall, peak, samples


def bench_render(args: argparse.Namespace, ffmpeg: str) -> None:
    """Our render beside ffmpeg doing the same crossfades, alternating, ``--repeat`` rounds."""
    cache: Path = args.cache
    paths = _ensure_cues(cache, ffmpeg, args.cues, args.seconds)
    out = cache / "out"
    out.mkdir(exist_ok=True)
    hours = args.cues * args.seconds / 3600
    print(
        f"\nRender: {args.cues} cues x {args.seconds} s = {hours:.2f} h, "
        f"{args.crossfade_ms} ms crossfades, 44.1 kHz 16-bit stereo WAV out; "
        f"{args.repeat} alternating rounds"
    )

    def ours() -> tuple[float, int, object]:
        wall, tree_kib, child = _render(paths, out / "mix.wav", args.crossfade_ms)
        return wall, tree_kib * 1024, child["samples"]

    def theirs() -> tuple[float, int, object]:
        return _ffmpeg_crossfades(ffmpeg, paths, out / "ff.wav", args.crossfade_ms)

    mine, other = alternate(ours, theirs, args.repeat, "render: samples written")
    print(f"  {'':38} {'best (median) s':>17} {'peak MiB':>9}")
    print(f"  {'ffmpeg -filter_complex acrossfade':38} {other.cell()} {other.peak / 2**20:9.1f}")
    print(f"  {'cuesheet render (child process)':38} {mine.cell()} {mine.peak / 2**20:9.1f}")
    print(
        f"  ratio render / ffmpeg (medians): {mine.median / other.median:.2f}x (goal <= 2x); "
        f"peak memory {mine.peak / 2**20:.0f} MiB (goal < 300 MiB); same samples: yes"
    )
    if args.no_scaling:
        return
    doubled = paths + paths
    wall2, tree2, _ = _render(doubled, out / "mix2.wav", args.crossfade_ms)
    per20, per40 = mine.best / len(paths), wall2 / len(doubled)
    print(
        f"  time per cue: {len(paths)} cues {per20:.3f} s, {len(doubled)} cues {per40:.3f} s "
        f"(ratio {per40 / per20:.2f}; goal ~1.0); peak memory with {len(doubled)} cues "
        f"{tree2 / 1024:.0f} MiB"
    )


def _ensure_library(cache: Path, ffmpeg: str, count: int) -> Path:
    root = cache / f"library-{count}"
    marker = root / ".complete"
    if marker.exists():
        return root
    shutil.rmtree(root, ignore_errors=True)
    templates = cache / "templates"
    templates.mkdir(parents=True, exist_ok=True)
    codecs = {
        ".mp3": ["-c:a", "libmp3lame"],
        ".flac": ["-c:a", "flac"],
        ".ogg": ["-c:a", "libvorbis"],
        ".m4a": ["-c:a", "aac"],
        ".opus": ["-c:a", "libopus"],
        ".wav": ["-c:a", "pcm_s16le"],
    }
    made = {}
    for ext in SCAN_FORMATS:
        path = templates / f"t{ext}"
        rate = 48_000 if ext == ".opus" else RATE
        subprocess.run(
            [
                ffmpeg,
                "-nostdin",
                "-v",
                "error",
                "-y",
                "-f",
                "lavfi",
                "-i",
                f"sine=frequency=440:sample_rate={rate}:duration=1",
                "-ac",
                "2",
                *codecs[ext],
                str(path),
            ],
            check=True,
        )
        made[ext] = path
    print(f"  generating {count} tagged files...", flush=True)
    for index in range(count):
        ext = SCAN_FORMATS[index % len(SCAN_FORMATS)]
        folder = root / f"Artist {index % 40:02d}" / f"Album {index % 7}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{index:05d} Track{ext}"
        shutil.copyfile(made[ext], path)
        tags.write(
            path,
            tags.Tags(
                title=f"Track {index}",
                artists=(f"Artist {index % 40:02d}",),
                album=f"Album {index % 7}",
                track_number=index % 20 + 1,
                recording_mbid=f"00000000-0000-4000-8000-{index:012d}",
            ),
        )
    marker.touch()
    return root


SCAN_GOAL = 5000
"""Files a second (median first scan, default pool) that issue 15 asks for."""


def _scan_once(root: Path, workers: int | None) -> tuple[float, float, tuple[int, str]]:
    """(first scan s, rescan s, what was found) into a fresh index."""
    with (
        tempfile.TemporaryDirectory() as folder,
        Library(Path(folder) / "index.sqlite", workers=workers) as library,
    ):
        started = time.perf_counter()
        result = library.scan([root])
        first = time.perf_counter() - started
        started = time.perf_counter()
        again = library.scan([root])
        rescan = time.perf_counter() - started
    if again.read != 0 or again.files != result.files:
        raise Mismatch(f"scan with workers={workers}: the rescan found other files")
    found = hashlib.sha256(repr((result.files, result.problems)).encode()).hexdigest()[:16]
    return first, rescan, (result.read, found)


def bench_scan(args: argparse.Namespace, ffmpeg: str) -> bool:
    """The default scan (process pool) beside the inline one, alternating; True if the goal is met.

    Both must find the same files with the same durations and tags (else exit 3).
    """
    root = _ensure_library(args.cache, ffmpeg, args.scan_files)
    paths = sorted(str(p) for p in root.rglob("*") if tags.format_of(p) is not None)
    for path in paths:  # warm the OS cache
        Path(path).read_bytes()
    count = len(paths)
    print(
        f"\nScan: {count} files ({', '.join(SCAN_FORMATS)}), warm OS cache, {os.cpu_count()} CPUs, "
        f"{args.repeat} alternating rounds; load average {os.getloadavg()[0]:.1f}"
    )
    rescans: dict[str, list[float]] = {"pool": [], "inline": []}

    def side(name: str, workers: int | None) -> Callable[[], tuple[float, int, object]]:
        def run() -> tuple[float, int, object]:
            first, rescan, found = _scan_once(root, workers)
            rescans[name].append(rescan)
            return first, 0, found

        return run

    pool, inline = alternate(
        side("pool", None), side("inline", 1), args.repeat, "scan: files found (pool, inline)"
    )
    threads, processes = [], []
    chunks = [paths[i : i + 48] for i in range(0, len(paths), 48)]
    for _ in range(args.repeat):
        started = time.perf_counter()
        with ThreadPoolExecutor(os.cpu_count() or 2) as executor:
            list(executor.map(tags.read, paths, chunksize=64))
        threads.append(time.perf_counter() - started)
        started = time.perf_counter()
        with _pool(os.cpu_count() or 2) as workers:
            list(workers.map(_read_chunk, chunks))
        processes.append(time.perf_counter() - started)
    print(f"  times best (median) s; files/s best (median); {args.repeat} runs each")
    print(f"  {'':26} {'first scan s':>17} {'files/s':>15} {'rescan s':>17} {'speed-up':>8}")
    for label, runs, name in (("process pool (default)", pool, "pool"),
                              ("inline (workers=1)", inline, "inline")):  # fmt: skip
        again = Runs(rescans[name])
        print(
            f"  {label:26} {runs.cell()} {count / runs.best:6.0f} ({count / runs.median:6.0f}) "
            f"{again.cell()} {runs.median / again.median:7.1f}x"
        )
    for label, times in (("tag reads on threads", threads), ("tag reads on processes", processes)):
        reads = Runs(times)
        print(
            f"  {label:26} {reads.cell()} {count / reads.best:6.0f} ({count / reads.median:6.0f})"
            "   (reads only, no index)"
        )
    rate = count / pool.median
    met = rate >= SCAN_GOAL
    print(
        f"  goal: first scan >= {SCAN_GOAL:,} files/s (median, default pool): {rate:,.0f} "
        f"{'met' if met else 'NOT MET'}; rescan >= 5x faster than the first scan"
    )
    return met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cues", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=360, help="length of each cue")
    parser.add_argument("--crossfade-ms", type=int, default=2000)
    parser.add_argument("--scan-files", type=int, default=2000)
    parser.add_argument(
        "--repeat", type=int, default=3, help="rounds: render and scan (best and median shown)"
    )
    parser.add_argument("--cache", type=Path, default=Path("/tmp/cuesheet-bench-audio"))
    parser.add_argument("--no-scaling", action="store_true", help="skip the 2x-cues render")
    parser.add_argument("--skip-render", action="store_true")
    parser.add_argument("--skip-scan", action="store_true")
    parser.add_argument("--skip-show-time", action="store_true")
    parser.add_argument(
        "--speech-seconds", type=int, default=30, help="show time: silence after each song"
    )
    args = parser.parse_args()
    ffmpeg = find_ffmpeg()
    print(f"ffmpeg: {ffmpeg}")
    met = True
    if not args.skip_scan:
        met = bench_scan(args, ffmpeg)
    if not args.skip_render:
        bench_render(args, ffmpeg)
    if not args.skip_show_time:
        bench_show_time(args, ffmpeg)
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
