"""Issue 13, items 9 and 3: Ctrl-C and SIGTERM at any moment end a command with one line and
130/143, leave no temporary file and no child process; outputs are renamed all together.

Every test runs ``python -m cuesheet`` as a real process stopped at a pause point
(``$CUESHEET_PAUSE``, see :mod:`tests.faultkit`), signals it there, and looks at what is left.
"""

from __future__ import annotations

import shutil
import signal
from pathlib import Path

import pytest

from playlists import cue
from tests import audiogen
from tests.faultkit import ROOT, SIGNALS, Paused, alive, wait_gone

SHOW = ROOT / "examples" / "sochi-2014-closing.yaml"
NAMES = {signal.SIGINT: "interrupted", signal.SIGTERM: "terminated"}


@pytest.fixture
def hook(tmp_path: Path) -> Path:
    folder = tmp_path / "hook"
    folder.mkdir()
    return folder


@pytest.fixture
def work(tmp_path: Path) -> Path:
    folder = tmp_path / "work"
    folder.mkdir()
    return folder


def _hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".*"))


@pytest.mark.parametrize("signum", list(SIGNALS))
def test_a_signal_during_a_write_leaves_no_temporary_file(
    signum: int, hook: Path, work: Path
) -> None:
    run = Paused(["export", str(SHOW), "--no-resolve", "-o", "out.csv"], "write", hook, work)
    assert run.wait_paused() == "write"
    assert _hidden(work)  # the temporary file is there while paused
    run.signal(signum)
    code, _, err = run.finish()
    assert (code, err) == (SIGNALS[signum], f"cuesheet: {NAMES[signum]}\n")
    assert list(work.iterdir()) == []


@pytest.mark.parametrize("signum", list(SIGNALS))
@pytest.mark.parametrize("script", [False, True], ids=["python -m", "console script"])
@pytest.mark.parametrize("point", ["import", "start", "exit"])
def test_a_signal_at_start_up_or_at_the_end_is_one_line(
    point: str, script: bool, signum: int, hook: Path, work: Path
) -> None:
    """``import``: the entry module loaded, nothing else (the console script's first moment
    under cuesheet's control); ``start``: before the command line and its heavy imports;
    ``exit``: the output written, the interpreter about to shut down."""
    args = ["export", str(SHOW), "--no-resolve", "-o", "out.csv"]
    run = Paused(args, point, hook, work, script=script)
    assert run.wait_paused() == point
    run.signal(signum)
    if point != "start":  # there the signal is only noted: the process goes on, then ends
        run.resume()
    assert run.finish() == (SIGNALS[signum], "", f"cuesheet: {NAMES[signum]}\n")
    left = sorted(p.name for p in work.iterdir())
    assert left == (["out.csv"] if point == "exit" else [])


@pytest.fixture(scope="module")
def tones(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("tones")
    return [audiogen.make_tone(folder / f"t{n}.wav", 44_100) for n in range(3)]


@pytest.mark.parametrize("signum", list(SIGNALS))
def test_a_signal_while_rendering_stops_ffmpeg_and_leaves_no_partial(
    signum: int, tones: list[Path], hook: Path, work: Path
) -> None:
    playlist = work / "list.m3u"
    playlist.write_text("".join(f"{t}\n" for t in tones), encoding="utf-8")
    run = Paused(["render", str(playlist), "-o", "mix.flac"], "progress", hook, work)
    run.wait_paused()
    children = run.children()
    assert children and all(alive(pid) for pid in children)  # ffmpeg encoding the mix
    run.signal(signum)
    code, _, err = run.finish()
    assert (code, err) == (SIGNALS[signum], f"cuesheet: {NAMES[signum]}\n")
    assert wait_gone(children) == []
    assert sorted(p.name for p in work.iterdir()) == ["list.m3u"]


@pytest.fixture
def library(tones: list[Path], work: Path) -> Path:
    folder = work / "library"
    folder.mkdir()
    for number in range(100):
        shutil.copy(tones[0], folder / f"{number:03d}.wav")
    return folder


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
def test_a_killed_scan_leaves_no_worker_behind(
    signum: int, library: Path, hook: Path, work: Path
) -> None:
    args = ["scan", str(library), "--index", str(work / "index.sqlite"), "--workers", "2"]
    run = Paused(args, "progress", hook, work)
    run.wait_paused()
    workers = run.children()
    assert len(workers) >= 2 and all(alive(pid) for pid in workers)
    run.signal(signum)
    code, _, err = run.finish()
    if signum in SIGNALS:
        assert (code, err) == (SIGNALS[signum], f"cuesheet: {NAMES[signum]}\n")
    assert wait_gone(workers) == []


def _sheets(work: Path) -> list[Path]:
    paths = cue.sheet_paths(work / "long.cue", 3)
    for path in paths:
        path.write_text("old\n", encoding="utf-8")
    source = work / "long.m3u"
    source.write_text("".join(f"f{n}.wav\n" for n in range(250)), encoding="utf-8")
    return paths


def test_sigterm_between_two_renames_still_commits_every_sheet(hook: Path, work: Path) -> None:
    paths = _sheets(work)
    run = Paused(["convert", "long.m3u", "long.cue", "--split"], "commit", hook, work)
    run.wait_paused()
    run.signal(signal.SIGTERM)  # held back until the last rename is done
    run.resume()
    code, _, err = run.finish()
    assert (code, err) == (143, "cuesheet: terminated\n")
    assert all(p.read_text(encoding="utf-8") != "old\n" for p in paths)
    assert _hidden(work) == []


def test_sigkill_between_two_renames_leaves_what_the_docs_say(hook: Path, work: Path) -> None:
    """What POSIX cannot promise (docs/audio.md, "Interrupted writes"): the renamed are new."""
    paths = _sheets(work)
    run = Paused(["convert", "long.m3u", "long.cue", "--split"], "commit", hook, work)
    run.wait_paused()
    run.signal(signal.SIGKILL)
    run.finish()
    new = [p.read_text(encoding="utf-8") != "old\n" for p in paths]
    assert new == [True, False, False]
    left = _hidden(work)
    assert sorted(name.rsplit(".", 1)[1] for name in left) == ["old"] * 3 + ["part"] * 2
    for path in paths:  # each old file is still there beside its target, to put back by hand
        (backup,) = work.glob(f".{path.name}.*.old")
        assert backup.read_text(encoding="utf-8") == "old\n"
