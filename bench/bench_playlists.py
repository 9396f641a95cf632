"""Speed and memory of the playlist formats, side by side with a named alternative.

    python bench/bench_playlists.py                 # 1,000,000 entries (a few minutes)
    python bench/bench_playlists.py --entries 100000

Every task runs in its own forked process, so each reports its own peak
memory: the growth of the process's resident set (VmHWM after minus VmRSS
before, Linux ``/proc``) while the task runs, on top of the shared inputs.
Ratios are "how many times faster than the alternative" (their time / ours);
the targets are those of issue 3:

* M3U write  >= 0.5x a bare ``writelines`` of the very same bytes;
* XSPF write >= 3x lxml's incremental ``etree.xmlfile`` writing the same
  document (checked: identical bytes after the XML declaration);
* M3U read   >= 10x the ``m3u8`` package on the same text;
* XSPF read  >= 10x ``xspf-lib`` on the same file;
* CUE parse  >= 2x ``deflacue`` on the same file (a sheet with one track per
  entry; the 99-track limit is a writing rule, not a reading one).
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playlists import cue, m3u, xspf
from playlists.model import Entry, Playlist

NS = "http://xspf.org/ns/0/"
_NAMES = ["Рахманинов", "Tchaikovsky", "Na Yoon-sun", "Björk", "AC-DC", "Simon & Garfunkel"]


def make_playlist(count: int) -> Playlist:
    """``count`` entries shaped like a music library.

    Albums of 12 tracks in ``music/<artist>/<album>/`` folders, five albums an
    artist; some names are not Latin or hold spaces, quotes, ``&`` or ``/``.
    """
    entries = []
    for n in range(count):
        album_number = n // 12
        artist = f"{_NAMES[album_number // 5 % len(_NAMES)]} {album_number // 5}"
        album = f"Album {album_number}"
        identifiers: tuple[str, ...] = ()
        if n % 4 == 0:
            identifiers = (f"https://musicbrainz.org/recording/{n:08x}-0000-4000-8000-{n:012x}",)
        entries.append(
            Entry(
                location=f"music/{artist}/{album}/{n % 12 + 1:02d} Track {n}.flac",
                title=f'Track {n} "live", part {n % 7}',
                creator=artist,
                album=album,
                duration_ms=120_000 + (n * 7919) % 300_000,
                identifiers=identifiers,
            )
        )
    return Playlist(title="Benchmark library", creator="bench", entries=tuple(entries))


def cue_sheet_text(playlist: Playlist) -> str:
    """A CDRWIN sheet with one FILE per album run and one TRACK per entry."""
    lines = [f'TITLE "{playlist.title}"\n', f'PERFORMER "{playlist.creator}"\n']
    location = None
    start = 0
    for number, entry in enumerate(playlist.entries, start=1):
        folder = entry.location.rsplit("/", 1)[0] if entry.location else ""
        if folder != location:
            location = folder
            start = 0
            lines.append(f'FILE "{folder}.wav" WAVE\n')
        lines.append(f"  TRACK {number:02d} AUDIO\n")
        lines.append(f'    TITLE "{entry.title.replace(chr(34), "")}"\n')
        lines.append(f'    PERFORMER "{entry.creator}"\n')
        lines.append(f"    INDEX 01 {cue.format_msf(cue.ms_to_frames(start))}\n")
        start += entry.duration_ms or 0
    return "".join(lines)


# -- the alternatives -------------------------------------------------------------------


def lxml_write_xspf(playlist: Playlist, path: str) -> None:
    """The same XSPF document as ours, written with lxml's incremental writer."""
    from urllib.parse import quote

    from lxml import etree

    base = os.path.abspath(os.path.dirname(path))
    q = "{" + NS + "}"
    with etree.xmlfile(path, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element(q + "playlist", nsmap={None: NS}, version="1"):
            xf.write("\n  ")
            for tag, value in (("title", playlist.title), ("creator", playlist.creator)):
                if value:
                    element = etree.Element(tag)  # no namespace of its own: see below
                    element.text = value
                    xf.write(element)
                    xf.write("\n  ")
            with xf.element("trackList"):
                xf.write("\n    ")
                for number, entry in enumerate(playlist.entries, start=1):
                    # Elements made without a namespace serialise without an xmlns of their
                    # own, so the document is byte-for-byte ours (inside the default one).
                    track = etree.Element("track")
                    track.text = "\n      "
                    children: list[tuple[str, str]] = []
                    if entry.location:
                        absolute = os.path.normpath(os.path.join(base, entry.location))
                        uri = "file://" + quote(absolute, safe="/!$&'()*+,;=:@-._~")
                        children.append(("location", uri))
                    children.extend(("identifier", i) for i in entry.identifiers)
                    for tag, value in (
                        ("title", entry.title),
                        ("creator", entry.creator),
                        ("annotation", entry.annotation),
                        ("album", entry.album),
                    ):
                        if value:
                            children.append((tag, value))
                    children.append(("trackNum", str(number)))
                    if entry.duration_ms is not None:
                        children.append(("duration", str(entry.duration_ms)))
                    child = None
                    for tag, value in children:
                        child = etree.SubElement(track, tag)
                        child.text = value
                        child.tail = "\n      "
                    if child is not None:
                        child.tail = "\n    "
                    xf.write(track)
                    xf.write("\n    " if number < len(playlist.entries) else "\n  ")
            xf.write("\n")


def writelines_same_bytes(lines: list[str], path: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.writelines(lines)


# -- tasks ----------------------------------------------------------------------------
# Each task prepares its input (not timed) and returns what is timed.

Task = Callable[[Path, int], Callable[[], object]]


def _m3u_write_ours(work: Path, count: int) -> Callable[[], object]:
    playlist = make_playlist(count)
    return lambda: m3u.dump(playlist, work / "out-ours.m3u8", fsync=False)


def _m3u_write_bare(work: Path, count: int) -> Callable[[], object]:
    lines = (work / "in.m3u8").read_text(encoding="utf-8").splitlines(keepends=True)
    return lambda: writelines_same_bytes(lines, str(work / "out-bare.m3u8"))


def _xspf_write_ours(work: Path, count: int) -> Callable[[], object]:
    playlist = make_playlist(count)
    return lambda: xspf.dump(playlist, work / "out-ours.xspf", fsync=False)


def _xspf_write_lxml(work: Path, count: int) -> Callable[[], object]:
    playlist = make_playlist(count)
    return lambda: lxml_write_xspf(playlist, str(work / "out-lxml.xspf"))


def _m3u_read_ours(work: Path, count: int) -> Callable[[], object]:
    text = (work / "in.m3u8").read_text(encoding="utf-8")
    return lambda: len(m3u.loads(text).entries)


def _m3u_read_m3u8(work: Path, count: int) -> Callable[[], object]:
    import m3u8

    text = (work / "in.m3u8").read_text(encoding="utf-8")
    return lambda: len(m3u8.loads(text).segments)


def _xspf_read_ours(work: Path, count: int) -> Callable[[], object]:
    return lambda: len(xspf.load(work / "in.xspf").entries)


def _xspf_read_xspf_lib(work: Path, count: int) -> Callable[[], object]:
    import xspf_lib

    return lambda: len(xspf_lib.Playlist.parse(str(work / "in.xspf")).trackList)


def _cue_parse_ours(work: Path, count: int) -> Callable[[], object]:
    return lambda: len(cue.load(work / "in.cue").entries)


def _cue_parse_deflacue(work: Path, count: int) -> Callable[[], object]:
    from deflacue.parser import CueParser

    def run() -> int:
        data = CueParser.from_file(work / "in.cue").run()
        return sum(len(f.tracks) for f in data.files)

    return run


COMPARISONS: list[tuple[str, float, Task, Task, str]] = [
    ("m3u-write", 0.5, _m3u_write_ours, _m3u_write_bare, "bare writelines, same bytes"),
    ("xspf-write", 3.0, _xspf_write_ours, _xspf_write_lxml, "lxml etree.xmlfile"),
    ("m3u-read", 10.0, _m3u_read_ours, _m3u_read_m3u8, "m3u8 package"),
    ("xspf-read", 10.0, _xspf_read_ours, _xspf_read_xspf_lib, "xspf-lib"),
    ("cue-parse", 2.0, _cue_parse_ours, _cue_parse_deflacue, "deflacue"),
]
_TASKS: dict[str, Task] = {
    f"{name}/{side}": task
    for name, _, ours, theirs, _ in COMPARISONS
    for side, task in (("ours", ours), ("theirs", theirs))
}


# -- measuring --------------------------------------------------------------------------


def _status(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return 0


def run_task(name: str, work: Path, count: int) -> dict[str, Any]:
    """Prepare and time one task in this process; its peak memory is the growth of VmHWM."""
    timed = _TASKS[name](work, count)
    gc.collect()
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")  # reset the peak (VmHWM) to the current resident set
    except OSError:
        pass
    before = _status("VmRSS")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        started = time.perf_counter()
        result = timed()
        seconds = time.perf_counter() - started
    return {"seconds": seconds, "peak": max(_status("VmHWM") - before, 0), "result": repr(result)}


@dataclass
class Measure:
    seconds: float
    peak_bytes: int
    result: str


def measure(name: str, work: Path, count: int, repeat: int) -> Measure:
    """Best of ``repeat`` runs, each in a fresh interpreter (so memory is its own)."""
    best: Measure | None = None
    for _ in range(repeat):
        done = subprocess.run(
            [
                sys.executable,
                __file__,
                "--task",
                name,
                "--work",
                str(work),
                "--entries",
                str(count),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"task {name} failed:\n{done.stderr}")
        data = json.loads(done.stdout.strip().splitlines()[-1])
        if best is None or data["seconds"] < best.seconds:
            best = Measure(data["seconds"], data["peak"], data["result"])
    assert best is not None
    return best


def _document_digest(path: Path) -> str:
    """SHA-256 of the document between its XML declaration and a final line break."""
    with open(path, "rb") as source:
        head = source.read(200)
        start = head.index(b"?>") + 2
        start += head[start : start + 1] == b"\n"
        size = os.path.getsize(path)
        source.seek(size - 1)
        end = size - (source.read(1) == b"\n")
        source.seek(start)
        digest = hashlib.sha256()
        left = end - start
        while left > 0:
            block = source.read(min(left, 1 << 20))
            digest.update(block)
            left -= len(block)
    return digest.hexdigest()


def prepare(work: Path, count: int) -> list[int]:
    """Write the input files every reading task shares; their sizes in bytes."""
    playlist = make_playlist(count)
    m3u.dump(playlist, work / "in.m3u8", fsync=False)
    xspf.dump(playlist, work / "in.xspf", fsync=False)
    (work / "in.cue").write_text(cue_sheet_text(playlist), encoding="utf-8")
    return [os.path.getsize(work / name) for name in ("in.m3u8", "in.xspf", "in.cue")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--entries", type=int, default=1_000_000, help="playlist size")
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs per task")
    parser.add_argument("--only", nargs="*", default=None, help="comparisons to run, by name")
    parser.add_argument("--task", help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    count = args.entries

    if args.task:
        print(json.dumps(run_task(args.task, args.work, count)))
        return 0

    work = Path(tempfile.mkdtemp(prefix="bench-playlists-"))
    try:
        print(f"writing the inputs for {count:,} entries ...", flush=True)
        sizes = prepare(work, count)
        rows: list[tuple[str, float, Measure, Measure, str]] = []
        for name, target, _, _, who in COMPARISONS:
            if args.only and name not in args.only:
                continue
            print(f"  {name}: ours ...", end="", flush=True)
            mine = measure(f"{name}/ours", work, count, args.repeat)
            print(f" {mine.seconds:.2f} s; {who} ...", end="", flush=True)
            other = measure(f"{name}/theirs", work, count, args.repeat)
            print(f" {other.seconds:.2f} s", flush=True)
            rows.append((name, target, mine, other, who))
            if name == "xspf-write":
                same = _document_digest(work / "out-ours.xspf") == _document_digest(
                    work / "out-lxml.xspf"
                )
                print(
                    f"  xspf-write: the same document from both (bytes after the declaration): "
                    f"{'yes' if same else 'NO'}"
                )
        print()
        mib = [f"{size / 2**20:.0f} MiB" for size in sizes]
        print(
            f"{count:,} entries (M3U {mib[0]}, XSPF {mib[1]}, CUE {mib[2]}); "
            f"best of {args.repeat}; ratio = their time / ours"
        )
        header = (
            f"{'task':<11} {'ours':>8} {'theirs':>8} {'ratio':>7} {'target':>7} {'met':>4}  "
            f"{'peak ours':>10} {'peak theirs':>11}  alternative"
        )
        print(header)
        print("-" * len(header))
        failed = 0
        for name, target, mine, other, who in rows:
            ratio = other.seconds / mine.seconds
            met = ratio >= target
            failed += not met
            peaks = f"{mine.peak_bytes / 2**20:>7.0f} MiB {other.peak_bytes / 2**20:>8.0f} MiB"
            print(
                f"{name:<11} {mine.seconds:>7.2f}s {other.seconds:>7.2f}s {ratio:>6.2f}x "
                f"{target:>6.1f}x {'yes' if met else 'NO':>4}  {peaks}  {who}"
            )
            if name.endswith(("read", "parse")) and mine.result != other.result:
                print(f"    entry counts differ: ours {mine.result}, theirs {other.result}")
    finally:
        for path in work.iterdir():
            path.unlink()
        work.rmdir()
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
