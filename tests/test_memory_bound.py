"""Issue 13, item 12: memory grows with the entries, within a bound.

The promise: a 1M-line text list or a 1M-entry M3U exported to JSON peaks under 1.5 GB,
that is 1,500 bytes per entry.  Each export runs in a child process (under an address-space
limit, so a runaway fails fast instead of swapping) and its peak resident memory is read
from ``wait4``; the growth between a small and a large input is what the entries cost,
the interpreter and its libraries left out.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SMALL, LARGE = 1_000, 100_000
BYTES_PER_ENTRY = 1_500
"""1.5 GB for 1M entries."""
ADDRESS_SPACE = 4 * 1024**3
"""The child's address-space limit, far above the bound: a net for runaways, not the test."""


def _text_list(path: Path, entries: int) -> Path:
    lines = (f"- Composer {n} and Performer {n % 977} - Title number {n}\n" for n in range(entries))
    path.write_text("== Music ==\n" + "".join(lines), encoding="utf-8")
    return path


def _m3u(path: Path, entries: int) -> Path:
    lines = (
        f"#EXTINF:{180 + n % 100},Artist {n % 977} - Title number {n}\n"
        f"/music/album{n % 5000}/track{n:07d}.flac\n"
        for n in range(entries)
    )
    path.write_text("#EXTM3U\n" + "".join(lines), encoding="utf-8")
    return path


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def peak_bytes(source: Path, work: Path) -> int:
    """Peak resident memory of ``cuesheet export SOURCE -o out.json`` (it must succeed)."""
    with open(work / "stderr.txt", "w+b") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "cuesheet", "export", str(source), "--no-resolve",
             "-o", str(work / "out.json")],
            cwd=work,
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=err,
            preexec_fn=_limit,
        )  # fmt: skip
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        assert process.returncode == 0, err.read()[-2000:]
    return usage.ru_maxrss * 1024  # kilobytes on Linux


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ru_maxrss in kB: Linux")
@pytest.mark.parametrize(("make", "name"), [(_text_list, "list.txt"), (_m3u, "list.m3u")])
def test_an_export_to_json_costs_under_1500_bytes_an_entry(
    make: Callable[[Path, int], Path], name: str, tmp_path: Path
) -> None:
    peaks = []
    for entries in (SMALL, LARGE):
        folder = tmp_path / str(entries)
        folder.mkdir()
        peaks.append(peak_bytes(make(folder / name, entries), folder))
    per_entry = (peaks[1] - peaks[0]) / (LARGE - SMALL)
    assert per_entry < BYTES_PER_ENTRY, f"{per_entry:.0f} bytes an entry (peaks {peaks})"
