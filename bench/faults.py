"""Fault injection: random trials against the promises of issue 13, a table of what broke.

Runs the real program (this interpreter's ``-m cuesheet``) in subprocesses, against the
stand-in MusicBrainz of ``tests/mbserver.py`` on 127.0.0.1 (nothing leaves the machine),
and checks after every trial what the promise says.  Run from the repository root:

    python bench/faults.py                    # about 1,000 trials
    python bench/faults.py --trials 20        # per promise
    python bench/faults.py --only signal --seed 7
    python bench/faults.py --budget 600       # no trial starts after ten minutes

Promises (one row each):

* ``SIGINT`` / ``SIGTERM`` at a random moment of an export (start-up included): exit 130 /
  143 and exactly one line, or a finished run; no traceback, no temporary file, the output
  absent or complete.  A signal that lands while the Python interpreter itself starts,
  before cuesheet's first line runs, is counted apart ("interpreter"): the system's default
  then applies, and no program can change it;
* ``SIGKILL`` at a random moment: the output absent or complete, never half a file;
* a signal while ``render`` runs ffmpeg: one line, no ffmpeg left running, no partial mix;
* a full disk (a small tmpfs with a random amount of room) under the output: exit 0 with
  the whole file or exit 1 with one line, the old file intact, no temporary file;
* a full disk under the MusicBrainz cache: ``resolve`` answers as with a healthy cache,
  says at most one line, and the cache is sound afterwards;
* a read-only folder for the output (exit 1, one line) or the cache (answers, one line);
* a corrupted cache (random bytes overwritten, or cut short): answers as with a healthy
  cache and at most one line, or exit 1 with one line refusing the file; never a traceback;
* concurrent runs: three ``resolve`` at once creating one cache: all answer the same;
* a misbehaving server (a random fault of tests/mbserver.py for a random share of the
  requests): no traceback, exit 0 or 1 with ``cuesheet:`` lines only, and a healthy run on
  the same cache afterwards answers as if nothing had happened (nothing bad was cached).

The tmpfs promises need ``mount`` (root); without it they are left out and said so.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import shutil
import signal
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import audiogen  # noqa: E402
from tests.mbserver import MBServer  # noqa: E402

socketserver.BaseServer.handle_error = lambda *args: None  # type: ignore[method-assign]
"""A client that hangs up (a killed run, a timeout) is no news to print here."""

LISTS = ROOT / "examples" / "sochi-2014-lists.txt"
SERVER_FAULTS = (
    "503", "500", "hang", "reset", "malformed", "html", "trickle", "trickle-headers",
    "huge", "huge-chunked", "empty", "404", "404-html", "wrong-entity", "truncated",
    "redirect-loop",
)  # fmt: skip
NAMES = {signal.SIGINT: "interrupted", signal.SIGTERM: "terminated"}
DEADLINE_S = 120


@dataclass
class Outcome:
    """What one trial showed: ``None`` when the promise held, else what broke."""

    broken: str | None = None
    interpreter: bool = False
    """The signal landed before cuesheet's own code ran (counted apart)."""


@dataclass
class Row:
    promise: str
    trials: int = 0
    broken: int = 0
    interpreter: int = 0
    examples: list[str] = field(default_factory=list)


def run(args: list[str], cwd: Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    """``cuesheet ARGS`` to the end."""
    return subprocess.run(
        [sys.executable, "-m", "cuesheet", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=DEADLINE_S,
        env=_env(),
        check=False,
        **kwargs,  # type: ignore[arg-type]
    )


def _env() -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("CUESHEET_PAUSE", None)
    return env


def _hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".*"))


def _one_line(err: str, *, prefix: str = "cuesheet: ") -> bool:
    lines = err.splitlines()
    return len(lines) == 1 and lines[0].startswith(prefix)


def _catches_sigterm(pid: int) -> bool:
    """Whether the process has its own SIGTERM handler (cuesheet's code has started)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return True
    found = re.search(r"^SigCgt:\s*([0-9a-f]+)$", status, re.MULTILINE)
    return found is not None and bool(int(found[1], 16) & (1 << (signal.SIGTERM - 1)))


def _descendants(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                found += [int(child), *_descendants(int(child))]
    except OSError:
        pass
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


# ---------------------------------------------------------------- signals


class Fixture:
    """Inputs made once: a list to export, its reference output, tones, a healthy answer."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.list = folder / "list.txt"
        lines = [f"- Composer {n} and Performer {n % 97} - Title {n}\n" for n in range(20_000)]
        self.list.write_text("== Music ==\n" + "".join(lines), encoding="utf-8")
        ref = folder / "ref"
        ref.mkdir()
        started = time.perf_counter()
        done = run(["export", str(self.list), "--no-resolve", "-o", "out.json"], ref)
        self.export_s = time.perf_counter() - started
        assert done.returncode == 0, done.stderr
        self.reference = (ref / "out.json").read_bytes()
        tones = folder / "tones"
        tones.mkdir()
        self.tones = [audiogen.make_tone(tones / f"t{n}.wav", 44_100 * 4) for n in range(6)]
        with MBServer() as server:
            answer = resolve(server.url, folder / "healthy.sqlite3", folder)
        assert answer.returncode == 0, answer.stderr
        self.healthy = json.loads(answer.stdout)
        self.healthy_cache = folder / "healthy.sqlite3"


def resolve(url: str, cache: Path, cwd: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    # a generous --timeout: a loaded machine must not pass for a server that does not answer
    options = ["--rate-limit", "0", "--retries", "0", "--timeout", "10", "--cache", str(cache)]
    return run(["resolve", str(LISTS), "--json", *options, "--musicbrainz", url, *extra], cwd)


def _signalled(
    args: list[str], work: Path, signum: int, delay_s: float
) -> tuple[subprocess.Popen[str], bool, list[int]]:
    """Start ``cuesheet ARGS``, signal it after ``delay_s``; whether its code had started."""
    process = subprocess.Popen(
        [sys.executable, "-m", "cuesheet", *args],
        cwd=work,
        env=_env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(delay_s)  # a bench: the random moment is the point
    ours = _catches_sigterm(process.pid)
    children = _descendants(process.pid)
    with contextlib.suppress(ProcessLookupError):
        process.send_signal(signum)
    return process, ours, children


def signal_trial(fix: Fixture, rng: random.Random, signum: int) -> Outcome:
    with tempfile.TemporaryDirectory(dir=fix.folder) as name:
        work = Path(name)
        delay = rng.uniform(0, fix.export_s * 1.2)
        args = ["export", str(fix.list), "--no-resolve", "-o", "out.json"]
        process, ours, _ = _signalled(args, work, signum, delay)
        _, err = process.communicate(timeout=DEADLINE_S)
        code = process.returncode
        output = work / "out.json"
        if output.exists() and output.read_bytes() != fix.reference:
            return Outcome("a half-written output")
        if signum == signal.SIGKILL:
            return Outcome()
        if not ours and (code in (-signum, 1) or "KeyboardInterrupt" in err):
            return Outcome(interpreter=True)
        finished = code == 0 and err == "" and output.exists()
        stopped = code == 128 + signum and err == f"cuesheet: {NAMES[signum]}\n"
        broken = None if finished or stopped else f"exit {code}, stderr {err[-300:]!r}"
        if broken is None and _hidden(work):
            broken = f"left {_hidden(work)}"
        return Outcome(broken)


def render_trial(fix: Fixture, rng: random.Random, signum: int) -> Outcome:
    with tempfile.TemporaryDirectory(dir=fix.folder) as name:
        work = Path(name)
        playlist = work / "list.m3u"
        playlist.write_text("".join(f"{t}\n" for t in fix.tones), encoding="utf-8")
        delay = rng.uniform(0, 3.0)
        process, ours, children = _signalled(
            ["render", str(playlist), "-o", "mix.flac"], work, signum, delay
        )
        _, err = process.communicate(timeout=DEADLINE_S)
        code = process.returncode
        children += _descendants(process.pid)
        left = [pid for pid in children if _alive(pid)]
        if left:
            return Outcome(f"processes left running: {left}")
        if not ours and (code in (-signum, 1) or "KeyboardInterrupt" in err):
            return Outcome(interpreter=True)
        files = sorted(p.name for p in work.iterdir())
        if code == 0 and "Traceback" not in err:
            return Outcome(None if ".mix" not in " ".join(files) else f"left {files}")
        if code == 128 + signum and err.endswith(f"cuesheet: {NAMES[signum]}\n"):
            partial = [f for f in files if f not in ("list.m3u", "mix.flac", "mix.cue")]
            return Outcome(f"left {partial}" if partial else None)
        return Outcome(f"exit {code}, stderr {err[-300:]!r}")


# ---------------------------------------------------------------- disks


@contextlib.contextmanager
def tmpfs(size_kb: int, base: Path) -> Iterator[Path]:
    """A small tmpfs of its own (root only), unmounted afterwards."""
    where = Path(tempfile.mkdtemp(dir=base))
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(where)],
                   check=True, capture_output=True)  # fmt: skip
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False, capture_output=True)
        with contextlib.suppress(OSError):
            where.rmdir()


def can_mount(base: Path) -> bool:
    try:
        with tmpfs(64, base):
            return True
    except (OSError, subprocess.CalledProcessError):
        return False


def _fill(folder: Path, leave: int) -> None:
    """Fill ``folder``'s file system but ``leave`` bytes (about: tmpfs counts pages)."""
    free = shutil.disk_usage(folder).free
    with open(folder / "filler", "wb") as filler, contextlib.suppress(OSError):
        filler.write(b"\0" * max(0, free - leave))


def full_disk_output_trial(fix: Fixture, rng: random.Random) -> Outcome:
    size = len(fix.reference)
    with tmpfs(size // 1024 + 256, fix.folder) as disk:
        old = disk / "out.json"
        old.write_bytes(b"old\n")
        _fill(disk, rng.randrange(0, size + 64 * 1024))
        done = run(["export", str(fix.list), "--no-resolve", "-o", str(old)], fix.folder)
        hidden = _hidden(disk)
        if done.returncode == 0:
            ok = old.read_bytes() == fix.reference and done.stderr == "" and not hidden
            return Outcome(None if ok else f"exit 0 but {hidden or done.stderr[-200:]!r}")
        if done.returncode == 1 and _one_line(done.stderr) and "Traceback" not in done.stderr:
            ok = old.read_bytes() == b"old\n" and not hidden
            return Outcome(None if ok else f"old file changed or left {hidden}")
        return Outcome(f"exit {done.returncode}, stderr {done.stderr[-300:]!r}")


def _same_answers(done: subprocess.CompletedProcess[str], fix: Fixture) -> str | None:
    """Why ``resolve`` did not answer as with a healthy cache, if it did not."""
    if done.returncode != 0:
        return f"exit {done.returncode}, stderr {done.stderr[-300:]!r}"
    if "Traceback" in done.stderr or len(done.stderr.splitlines()) > 1:
        return f"stderr {done.stderr[-300:]!r}"
    try:
        rows = json.loads(done.stdout)
    except ValueError:
        return "stdout is not JSON"
    if rows == fix.healthy:
        return None
    differ = [(a, b) for a, b in zip(rows, fix.healthy, strict=False) if a != b]
    first = {k: (differ[0][0].get(k), differ[0][1].get(k)) for k in differ[0][0]
             if differ[0][0].get(k) != differ[0][1].get(k)} if differ else {}  # fmt: skip
    return (f"{len(differ)} answers differ from a healthy run (first: {str(first)[:200]}); "
            f"stderr {done.stderr[-200:]!r}")  # fmt: skip


def _sound(cache: Path) -> bool:
    import sqlite3

    if not cache.exists():
        return True
    db = sqlite3.connect(f"{cache.as_uri()}?mode=ro", uri=True)
    try:
        return bool(db.execute("PRAGMA integrity_check").fetchone()[0] == "ok")
    except sqlite3.Error:
        return False
    finally:
        db.close()


def full_disk_cache_trial(fix: Fixture, rng: random.Random) -> Outcome:
    with tmpfs(1024, fix.folder) as disk, MBServer() as server:
        cache = disk / "c.sqlite3"
        if rng.random() < 0.5:
            shutil.copy(fix.healthy_cache, cache)  # an old cache with some answers in it
            with contextlib.suppress(Exception):
                import sqlite3

                db = sqlite3.connect(cache)
                db.execute("DELETE FROM entries WHERE rowid % 2 = 0 OR key LIKE '%work%'")
                db.commit()
                db.close()
        _fill(disk, rng.randrange(0, 256 * 1024))
        done = resolve(server.url, cache, fix.folder)
        broken = _same_answers(done, fix)
        if broken is None and done.stderr and "cache" not in done.stderr:
            broken = f"stderr {done.stderr[-200:]!r}"
        if broken is None and not _sound(cache):
            broken = "the cache is damaged afterwards"
        return Outcome(broken)


def read_only_trial(fix: Fixture, rng: random.Random) -> Outcome:
    with tmpfs(4096, fix.folder) as disk, MBServer() as server:
        cache = disk / "c.sqlite3"
        offline = rng.random() < 0.5
        if offline:  # answers are cached per server: this one's must be in it
            resolve(server.url, cache, fix.folder)
        (disk / "out.json").write_bytes(b"old\n")
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True, capture_output=True)
        if rng.random() < 0.5:
            done = run(["export", str(fix.list), "--no-resolve", "-o", str(disk / "out.json")],
                       fix.folder)  # fmt: skip
            ok = done.returncode == 1 and _one_line(done.stderr)
            ok = ok and (disk / "out.json").read_bytes() == b"old\n"
            return Outcome(None if ok else f"exit {done.returncode}: {done.stderr[-200:]!r}")
        if not offline:
            cache = disk / "empty"  # no cache file yet, and none can be made
        done = resolve(server.url, cache, fix.folder, *(["--offline"] if offline else []))
        broken = _same_answers(done, fix)
        return Outcome(None if broken is None else f"offline={offline}: {broken}")


def corrupted_cache_trial(fix: Fixture, rng: random.Random) -> Outcome:
    with tempfile.TemporaryDirectory(dir=fix.folder) as name, MBServer() as server:
        cache = Path(name) / "c.sqlite3"
        data = bytearray(fix.healthy_cache.read_bytes())
        how = rng.choice(["bytes", "page", "truncate"])
        if how == "truncate":
            data = data[: rng.randrange(0, len(data))]
        elif how == "page":
            start = rng.randrange(0, len(data) // 4096) * 4096
            data[start : start + 4096] = bytes(rng.randrange(256) for _ in range(4096))
        else:
            for _ in range(rng.randrange(1, 50)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        cache.write_bytes(bytes(data))
        done = resolve(server.url, cache, Path(name))
        if done.returncode == 1 and _one_line(done.stderr) and "cache" in done.stderr:
            return Outcome()  # refused with one line, e.g. "not a cuesheet cache"
        return Outcome(_same_answers(done, fix))


def concurrent_trial(fix: Fixture, rng: random.Random) -> Outcome:
    with tempfile.TemporaryDirectory(dir=fix.folder) as name, MBServer() as server:
        cache = Path(name) / "c.sqlite3"
        with ThreadPoolExecutor(3) as pool:
            runs = list(pool.map(lambda _: resolve(server.url, cache, Path(name)), range(3)))
        for done in runs:
            broken = _same_answers(done, fix)
            if broken is not None:
                return Outcome(broken)
        return Outcome()


def server_trial(fix: Fixture, rng: random.Random) -> Outcome:
    with tempfile.TemporaryDirectory(dir=fix.folder) as name, MBServer() as server:
        cache = Path(name) / "c.sqlite3"
        kind = rng.choice(SERVER_FAULTS)
        times = rng.choice([1, 3, 10, 10**6])
        match = rng.choice(["", "work", "recording", "artist", "query="])
        server.fail(kind, times=times, match=match)
        done = resolve(server.url, cache, Path(name))
        said = f"{kind} x{times} on {match or 'all'!r}: "
        if "Traceback" in done.stderr or done.returncode not in (0, 1):
            return Outcome(said + f"exit {done.returncode}, stderr {done.stderr[-300:]!r}")
        if any(not line.startswith("cuesheet: ") for line in done.stderr.splitlines()):
            return Outcome(said + f"stderr {done.stderr[-300:]!r}")
        with server._lock:
            server.faults.clear()
        again = resolve(server.url, cache, Path(name))
        broken = _same_answers(again, fix)
        return Outcome(None if broken is None else said + "then healthy: " + broken)


# ---------------------------------------------------------------- the table

Trial = Callable[[Fixture, random.Random], Outcome]


def promises(mount: bool) -> list[tuple[str, Trial, int]]:
    """(promise, trial, weight): the weight shares ``--total`` among the promises."""
    table: list[tuple[str, Trial, int]] = [
        ("signal: SIGINT at a random moment (export)",
         lambda f, r: signal_trial(f, r, signal.SIGINT), 3),
        ("signal: SIGTERM at a random moment (export)",
         lambda f, r: signal_trial(f, r, signal.SIGTERM), 3),
        ("signal: SIGKILL at a random moment (export)",
         lambda f, r: signal_trial(f, r, signal.SIGKILL), 2),
        ("signal: SIGINT/SIGTERM during render (ffmpeg)",
         lambda f, r: render_trial(f, r, r.choice([signal.SIGINT, signal.SIGTERM])), 1),
        ("cache: corrupted (bytes, a page, cut short)", corrupted_cache_trial, 1),
        ("cache: three runs creating one cache at once", concurrent_trial, 1),
        ("server: misbehaving (16 kinds of fault)", server_trial, 2),
    ]  # fmt: skip
    if mount:
        table += [
            ("disk full: under the output (export)", full_disk_output_trial, 1),
            ("disk full: under the cache (resolve)", full_disk_cache_trial, 1),
            ("read-only folder: output or cache", read_only_trial, 1),
        ]
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--total", type=int, default=1000, help="trials in all (shared by weight)")
    parser.add_argument("--trials", type=int, help="trials per promise (instead of --total)")
    parser.add_argument("--only", default="", help="promises whose name contains this")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--jobs", type=int, default=3, help="trials run side by side")
    parser.add_argument(
        "--budget", type=float, default=1200, help="seconds; no trial starts after that"
    )
    options = parser.parse_args(argv)
    base = Path(tempfile.mkdtemp(prefix="cuesheet-faults-"))
    try:
        return _run(options, base)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _run(options: argparse.Namespace, base: Path) -> int:
    mount = can_mount(base)
    chosen = [p for p in promises(mount) if options.only in p[0]]
    weights = sum(w for _, _, w in chosen)
    fix = Fixture(base)
    rows: dict[str, Row] = {name: Row(name) for name, _, _ in chosen}
    jobs: list[tuple[str, Trial, int]] = []
    for name, trial, weight in chosen:
        count = options.trials or max(1, round(options.total * weight / weights))
        jobs += [(name, trial, options.seed * 100_003 + n) for n in range(count)]
    random.Random(options.seed).shuffle(jobs)
    lock = threading.Lock()
    started = time.perf_counter()

    def one(job: tuple[str, Trial, int]) -> None:
        name, trial, seed = job
        if time.perf_counter() - started > options.budget:
            return  # out of time: the table says how many ran
        try:
            outcome = trial(fix, random.Random(seed))
        except Exception as error:  # the bench's own trouble is a broken trial too
            outcome = Outcome(f"trial failed: {type(error).__name__}: {error}")
        with lock:
            row = rows[name]
            row.trials += 1
            row.interpreter += outcome.interpreter
            if outcome.broken is not None:
                row.broken += 1
                if len(row.examples) < 3:
                    row.examples.append(f"seed {seed}: {outcome.broken}")
            done = sum(r.trials for r in rows.values())
            if done % 25 == 0:
                print(f"{done}/{len(jobs)} trials", file=sys.stderr, flush=True)

    with ThreadPoolExecutor(options.jobs) as pool:
        list(pool.map(one, jobs))
    _print(rows, time.perf_counter() - started, mount)
    return 1 if any(r.broken for r in rows.values()) else 0


def _print(rows: dict[str, Row], seconds: float, mount: bool) -> None:
    print("| promise | trials | broken | signal before cuesheet's code (interpreter) |")
    print("| --- | ---: | ---: | ---: |")
    for row in rows.values():
        print(f"| {row.promise} | {row.trials} | {row.broken} | {row.interpreter or ''} |")
    total = sum(r.trials for r in rows.values())
    broken = sum(r.broken for r in rows.values())
    print(f"| all | {total} | {broken} | {sum(r.interpreter for r in rows.values())} |")
    print(f"\n{total} trials in {seconds:.0f} s" + ("" if mount else "; no mount: disks left out"))
    for row in rows.values():
        for example in row.examples:
            print(f"  {row.promise}: {example}")


if __name__ == "__main__":
    sys.exit(main())
