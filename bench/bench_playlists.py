"""Speed and memory of the playlist formats, side by side with a named alternative.

    python bench/bench_playlists.py                       # 100,000 entries, 3 rounds
    python bench/bench_playlists.py --entries 1000000 --repeat 5

Two shapes of input, each measured: ``plain`` (a music library: location,
title, creator, album, duration) and ``ours`` (what ``cuesheet export`` writes
for a show: ``#EXTGRP`` segment lines, XSPF ``<extension>`` blocks with cue
numbers, kinds, credits and fixed times -- see ``bench/shows.py``).

Every task runs in its own child process, so each reports its own peak memory
(the growth of VmHWM over VmRSS, Linux ``/proc``).  Ours and theirs alternate,
``--repeat`` rounds (ours first in even rounds, theirs in odd ones); the table
gives best and median of each and the ratio of the medians (their time / ours).
Both sides must give the same result -- the same entry count, titles and
durations for a read, the same bytes for a write -- or the bench stops with exit
status 3.  Exit status 1 when a target is missed.  Targets (issue 15):

* M3U write  >= 0.75x a bare ``writelines`` of the very same bytes;
* XSPF write >= 4.5x lxml's incremental ``etree.xmlfile`` writing the same
  document (plain shape: lxml would need our extension blocks built by hand);
* M3U read   >= 10x the ``m3u8`` package on the same text;
* XSPF read  >= 10x ``xspf-lib`` on the same file;
* CUE parse  >= 3x ``deflacue`` on the same file (a sheet with one track per
  entry; the 99-track limit is a writing rule, not a reading one): ``plain`` a
  ripper's layout, ``ours`` the lines ``cuesheet export --format cue`` writes
  (see :func:`exported_cue_text`).
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.runs import DEFAULT_REPEAT, Mismatch, Runs, alternate
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


def exported_cue_text(count: int) -> str:
    """What ``cuesheet export --format cue --split`` writes for a show of ``count`` cues.

    Every cue is given its own audio file first (as ``--library`` finds them):
    a cue sheet needs a file for each track.  The writer's very lines, as one
    sheet (``REM CUE``/``SEGMENT``/``KIND``/``START``/``LENGTH``/``CREDIT``,
    ``SONGWRITER``, one ``FILE`` per cue); ``--split`` would cut them every 99 tracks.
    """
    import dataclasses

    from bench.shows import make_show
    from cuesheet.outputs.playlist import to_playlist
    from cuesheet.timing.engine import compute

    show = make_show(count)
    segments = tuple(
        dataclasses.replace(
            segment,
            cues=tuple(
                dataclasses.replace(c, file=c.file or f"audio/{c.number:0>6} {c.kind.value}.flac")
                for c in segment.cues
            ),
        )
        for segment in show.segments
    )
    show = dataclasses.replace(show, segments=segments)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # quotes in titles become apostrophes
        return "".join(cue._sheet(cue.resolve(to_playlist(show, compute(show)))))


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
# Each task prepares its input (not timed) and returns what is timed; ``work`` holds the
# inputs of one shape.  A read returns (count, digest of titles, total seconds).

Task = Callable[[Path, int], Callable[[], object]]


def _digest(titles: Iterator[str]) -> str:
    return hashlib.sha256("\n".join(titles).encode()).hexdigest()[:16]


def _summary(count: int, titles: Iterator[str], seconds: int) -> tuple[int, str, int]:
    return (count, _digest(titles), seconds)


def _m3u_write_ours(work: Path, count: int) -> Callable[[], object]:
    playlist = m3u.load(work / "in.m3u8")
    return lambda: m3u.dump(playlist, work / "out-ours.m3u8", fsync=False)


def _m3u_write_bare(work: Path, count: int) -> Callable[[], object]:
    lines = (work / "in.m3u8").read_text(encoding="utf-8").splitlines(keepends=True)
    return lambda: writelines_same_bytes(lines, str(work / "out-bare.m3u8"))


def _xspf_write_ours(work: Path, count: int) -> Callable[[], object]:
    playlist = xspf.load(work / "in.xspf")
    return lambda: xspf.dump(playlist, work / "out-ours.xspf", fsync=False)


def _xspf_write_lxml(work: Path, count: int) -> Callable[[], object]:
    playlist = xspf.load(work / "in.xspf")
    return lambda: lxml_write_xspf(playlist, str(work / "out-lxml.xspf"))


def _m3u_display(entry: Entry) -> str:
    """The ``#EXTINF`` text of an entry, as the m3u8 package reports it."""
    return f"{entry.creator} - {entry.title}" if entry.creator else entry.title


def _m3u_read_ours(work: Path, count: int) -> Callable[[], object]:
    text = (work / "in.m3u8").read_text(encoding="utf-8")

    def run() -> object:
        entries = m3u.loads(text).entries
        seconds = sum((e.duration_ms or 0) // 1000 for e in entries)
        return lambda: _summary(len(entries), map(_m3u_display, entries), seconds)

    return run


def _m3u_read_m3u8(work: Path, count: int) -> Callable[[], object]:
    import m3u8

    text = (work / "in.m3u8").read_text(encoding="utf-8")

    def run() -> object:
        segments = m3u8.loads(text).segments
        seconds = sum(int(s.duration or 0) for s in segments)
        return lambda: _summary(len(segments), (s.title or "" for s in segments), seconds)

    return run


def _xspf_read_ours(work: Path, count: int) -> Callable[[], object]:
    def run() -> object:
        entries = xspf.load(work / "in.xspf").entries
        seconds = sum((e.duration_ms or 0) // 1000 for e in entries)
        return lambda: _summary(len(entries), (e.title for e in entries), seconds)

    return run


def _xspf_read_xspf_lib(work: Path, count: int) -> Callable[[], object]:
    import xspf_lib

    def run() -> object:
        tracks = xspf_lib.Playlist.parse(str(work / "in.xspf")).trackList
        seconds = sum((t.duration or 0) // 1000 for t in tracks)
        return lambda: _summary(len(tracks), (t.title or "" for t in tracks), seconds)

    return run


def _cue_parse_ours(work: Path, count: int) -> Callable[[], object]:
    def run() -> object:
        entries = cue.load(work / "in.cue").entries
        return lambda: _summary(len(entries), (e.title for e in entries), 0)

    return run


def _cue_parse_deflacue(work: Path, count: int) -> Callable[[], object]:
    from deflacue.parser import CueParser

    def run() -> object:
        data = CueParser.from_file(work / "in.cue").run()
        tracks = [t for f in data.files for t in f.tracks]
        return lambda: _summary(len(tracks), (t.title for t in tracks), 0)

    return run


COMPARISONS: list[tuple[str, float, Task, Task, str, tuple[str, ...]]] = [
    ("m3u-write", 0.75, _m3u_write_ours, _m3u_write_bare, "bare writelines, same bytes",
     ("plain", "ours")),
    ("xspf-write", 4.5, _xspf_write_ours, _xspf_write_lxml, "lxml etree.xmlfile", ("plain",)),
    ("m3u-read", 10.0, _m3u_read_ours, _m3u_read_m3u8, "m3u8 package", ("plain", "ours")),
    ("xspf-read", 10.0, _xspf_read_ours, _xspf_read_xspf_lib, "xspf-lib", ("plain", "ours")),
    ("cue-parse", 3.0, _cue_parse_ours, _cue_parse_deflacue, "deflacue", ("plain", "ours")),
]  # fmt: skip
_TASKS: dict[str, Task] = {
    f"{name}/{side}": task
    for name, _, ours, theirs, _, _ in COMPARISONS
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
    """Prepare and time one task in this process; its peak memory is the growth of VmHWM.

    A read's timed call returns a function that summarises what was read, called
    after the clock stops.
    """
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
    peak = max(_status("VmHWM") - before, 0)
    if callable(result):
        result = result()
    return {"seconds": seconds, "peak": peak, "result": repr(result)}


def _child(name: str, work: Path, count: int) -> tuple[float, int, object]:
    """One run of a task in a fresh interpreter (so its memory is its own)."""
    done = subprocess.run(
        [sys.executable, __file__, "--task", name, "--work", str(work), "--entries", str(count)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"task {name} failed:\n{done.stderr}")
    data = json.loads(done.stdout.strip().splitlines()[-1])
    return data["seconds"], data["peak"], data["result"]


def _written_same(name: str, work: Path) -> None:
    """A write's two outputs must be the same document; :class:`Mismatch` otherwise."""
    if name == "xspf-write":
        same = _document_digest(work / "out-ours.xspf") == _document_digest(work / "out-lxml.xspf")
    else:
        same = (work / "out-ours.m3u8").read_bytes() == (work / "out-bare.m3u8").read_bytes()
    if not same:
        raise Mismatch(f"{name} in {work.name}: the two sides wrote different documents")


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


def prepare(root: Path, count: int) -> dict[str, list[int]]:
    """Write the inputs of both shapes (``root/plain``, ``root/ours``); their sizes in bytes."""
    from bench.shows import export, make_show

    sizes = {}
    for shape in ("plain", "ours"):
        work = root / shape
        work.mkdir()
        if shape == "plain":
            playlist = make_playlist(count)
            m3u.dump(playlist, work / "in.m3u8", fsync=False)
            xspf.dump(playlist, work / "in.xspf", fsync=False)
        else:
            show = make_show(count)
            export(show, "m3u8", work / "in.m3u8")
            export(show, "xspf", work / "in.xspf")
        cue_text = cue_sheet_text(playlist) if shape == "plain" else exported_cue_text(count)
        (work / "in.cue").write_text(cue_text, encoding="utf-8")
        sizes[shape] = [os.path.getsize(work / n) for n in ("in.m3u8", "in.xspf", "in.cue")]
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--entries", type=int, default=100_000, help="playlist size")
    parser.add_argument("--repeat", type=int, default=DEFAULT_REPEAT, help="rounds per task")
    parser.add_argument("--only", nargs="*", default=None, help="comparisons to run, by name")
    parser.add_argument("--shapes", nargs="*", default=["plain", "ours"], help="input shapes")
    parser.add_argument("--task", help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    count = args.entries

    if args.task:
        print(json.dumps(run_task(args.task, args.work, count)))
        return 0

    root = Path(tempfile.mkdtemp(prefix="bench-playlists-"))
    try:
        print(f"writing the inputs for {count:,} entries ...", flush=True)
        sizes = prepare(root, count)
        rows: list[tuple[str, str, float, Runs, Runs, str]] = []
        for name, target, _, _, who, shapes in COMPARISONS:
            if args.only and name not in args.only:
                continue
            for shape in shapes:
                if shape not in args.shapes:
                    continue
                work = root / shape
                print(f"  {name} ({shape}) ...", end="", flush=True)

                def side(which: str, work: Path = work, name: str = name) -> Any:
                    return lambda: _child(f"{name}/{which}", work, count)

                mine, other = alternate(
                    side("ours"), side("theirs"), args.repeat, f"{name} ({shape})"
                )
                if name.endswith("write"):
                    _written_same(name, work)
                print(f" ours {mine.median:.3f} s, {who} {other.median:.3f} s", flush=True)
                rows.append((name, shape, target, mine, other, who))
        return _report(rows, sizes, count, args.repeat)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _report(
    rows: list[tuple[str, str, float, Runs, Runs, str]],
    sizes: dict[str, list[int]],
    count: int,
    repeat: int,
) -> int:
    """Print the table; 1 when a target is missed."""
    print()
    for shape, (m3u_size, xspf_size, cue_size) in sizes.items():
        print(
            f"{shape}: M3U {m3u_size / 2**20:.1f} MiB, XSPF {xspf_size / 2**20:.1f} MiB, "
            f"CUE {cue_size / 2**20:.1f} MiB"
        )
    print(
        f"{count:,} entries; {repeat} alternating rounds; times best (median) s; "
        "ratio = their median / our median"
    )
    header = (
        f"{'task':<11} {'input':<6} {'ours':>17} {'theirs':>17} {'ratio':>7} {'target':>7} "
        f"{'met':>4}  {'peak ours':>10} {'peak theirs':>11}  alternative"
    )
    print(header)
    print("-" * len(header))
    failed = 0
    for name, shape, target, mine, other, who in rows:
        ratio = other.median / mine.median
        met = ratio >= target
        failed += not met
        peaks = f"{mine.peak / 2**20:>7.0f} MiB {other.peak / 2**20:>8.0f} MiB"
        print(
            f"{name:<11} {shape:<6} {mine.cell()} {other.cell()} {ratio:>6.2f}x "
            f"{target:>6.2f}x {'yes' if met else 'NO':>4}  {peaks}  {who}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
