"""Never make the user wait twice: commands against a MusicBrainz that is not there.

Runs the installed ``cuesheet`` (this interpreter's ``-m cuesheet``) in subprocesses, with
``CUESHEET_MUSICBRAINZ`` pointing at 127.0.0.1 only; nothing leaves the machine.  Run from
the repository root:

    python bench/bench_offline.py            # three rounds of each (about half a minute)
    python bench/bench_offline.py --rounds 1

Prints the best and median wall clock and the median CPU time (which the machine's load
hardly moves) of each, beside the start-up cost of the same command with ``--no-resolve``:

1. a refused port: the first ``cuesheet timing examples/sochi-2014-closing.yaml`` (one
   attempt, no back-off), and a second one within ten minutes (goal: < 1 s: it asks
   nothing and goes straight to the cached answers);
2. a server that accepts connections and never answers: the first run gives up within the
   bound (about 5 s, whatever ``--timeout``), and the second one asks nothing.
"""

from __future__ import annotations

import argparse
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.mbserver import SilentServer  # noqa: E402

SHOW = ROOT / "examples" / "sochi-2014-closing.yaml"


def refused_url() -> str:
    """A 127.0.0.1 port nobody listens on (bound, then closed)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def _cpu() -> float:
    """CPU seconds (user and system) of the finished children so far."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def timing(url: str, cache: Path, *extra: str) -> tuple[float, float, str]:
    """Wall-clock seconds one ``cuesheet timing`` run takes, its CPU seconds, and its stderr.

    The CPU time hardly moves with the machine's load; the wall clock does.
    """
    env = dict(os.environ, CUESHEET_MUSICBRAINZ=url)
    command = [sys.executable, "-m", "cuesheet", "timing", str(SHOW), "--cache", str(cache)]
    cpu, started = _cpu(), time.perf_counter()
    done = subprocess.run(
        [*command, *extra], env=env, capture_output=True, text=True, check=False, cwd=ROOT
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"cuesheet timing failed ({done.returncode}): {done.stderr}")
    return elapsed, _cpu() - cpu, done.stderr.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    n = parser.parse_args().rounds
    runs: dict[str, list[float]] = {k: [] for k in ("floor", "r1", "r2", "s1", "s2")}
    cpu: dict[str, list[float]] = {k: [] for k in runs}
    said = ""

    def run(key: str, url: str, cache: Path, *extra: str) -> str:
        elapsed, used, stderr = timing(url, cache, *extra)
        runs[key].append(elapsed)
        cpu[key].append(used)
        return stderr

    with tempfile.TemporaryDirectory() as tmp, SilentServer() as silent:
        folder = Path(tmp)
        for i in range(n):  # interleaved, so that the machine's load hits each alike
            run("floor", refused_url(), folder / "none.sqlite3", "--no-resolve")
            url, cache = refused_url(), folder / f"refused-{i}.sqlite3"
            run("r1", url, cache)
            said = run("r2", url, cache)
            run("s1", silent.url, folder / f"silent-{i}.sqlite3")
            run("s2", silent.url, folder / f"silent-{i}.sqlite3")

    def median(key: str) -> str:
        """Best and median wall clock of the runs, and their median CPU time."""
        wall = f"{min(runs[key]):5.2f} s {statistics.median(runs[key]):5.2f} s"
        return f"{wall}  CPU {statistics.median(cpu[key]):4.2f} s"

    def over(key: str) -> str:
        extra = [a - b for a, b in zip(runs[key], runs["floor"], strict=True)]
        return f"{statistics.median(extra):+6.2f} s"

    print(f"best and median of {n} runs of `cuesheet timing {SHOW.relative_to(ROOT)}`")
    print("(and the median cost over the --no-resolve run just before it):")
    print(f"  --no-resolve (start-up and timing: the floor)  {median('floor')}")
    print(f"  refused port, first run                        {median('r1')}  {over('r1')}")
    print(f"  refused port, second run (goal < 1 s)          {median('r2')}  {over('r2')}")
    print(f"  silent server, first run (bound 5 s)           {median('s1')}  {over('s1')}")
    print(f"  silent server, second run                      {median('s2')}  {over('s2')}")
    print(f"  second run says: {said}")
    print("before (main at ad60381): refused port 10-15 s every run (four attempts with")
    print("back-off); silent server about 1 min 30 s every run (see issue 14)")


if __name__ == "__main__":
    main()
