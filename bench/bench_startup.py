"""Benchmark start-up: ``cuesheet --help`` and ``--version`` beside the interpreter and click.

Each is run as a fresh process, alternating, ``--repeat`` rounds (default 15):

* ``cuesheet --help`` and ``cuesheet --version`` (the console script, as a user types them);
* the same two through click (``cuesheet.cli.main``), which is what they cost
  without the stored page of :mod:`cuesheet.quickhelp`;
* ``python -c pass``: the interpreter's own start, the floor under any command.

The outputs of the quick and the click runs must be byte for byte the same, else
the bench fails (exit 3).  Goal (issue 15): ``cuesheet --help`` under 80 ms (median).

    python bench/bench_startup.py
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.runs import Mismatch, Runs, run_child  # noqa: E402

GOAL_MS = 80
_CLICK = "import sys; from cuesheet.cli import main; main(sys.argv[1:])"


def _script() -> str:
    """The ``cuesheet`` console script next to this interpreter (else on PATH)."""
    beside = Path(sys.executable).with_name("cuesheet")
    found = str(beside) if beside.exists() else shutil.which("cuesheet")
    if found is None:
        raise SystemExit("no cuesheet console script: pip install -e . first")
    return found


def commands() -> dict[str, list[str]]:
    """What is timed, by label."""
    script = _script()
    return {
        "cuesheet --help": [script, "--help"],
        "cuesheet --help through click": [sys.executable, "-c", _CLICK, "--help"],
        "cuesheet --version": [script, "--version"],
        "cuesheet --version through click": [sys.executable, "-c", _CLICK, "--version"],
        "python -c pass": [sys.executable, "-c", "pass"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=15, help="rounds (default 15)")
    args = parser.parse_args()
    env = {**os.environ, "COLUMNS": "100", "PYTHONPATH": str(ROOT)}
    runs = {label: Runs() for label in commands()}
    outputs: dict[str, set[str]] = {label: set() for label in runs}
    order = list(commands().items())
    for round_ in range(args.repeat):
        for label, argv in order if round_ % 2 == 0 else order[::-1]:
            seconds, _, out = run_child(argv, env=env)
            runs[label].seconds.append(seconds)
            outputs[label].add(out)
    for flag in ("--help", "--version"):
        quick, slow = outputs[f"cuesheet {flag}"], outputs[f"cuesheet {flag} through click"]
        if len(quick) != 1 or quick != slow:
            raise Mismatch(f"cuesheet {flag}: the quick answer is not click's")
    print(f"Start-up, fresh processes, {args.repeat} alternating rounds; load average "
          f"{os.getloadavg()[0]:.1f}")  # fmt: skip
    print(f"  {'':34} {'best ms':>8} {'median ms':>10}")
    for label, times in runs.items():
        print(f"  {label:34} {times.best * 1000:8.0f} {times.median * 1000:10.0f}")
    median = runs["cuesheet --help"].median * 1000
    met = median < GOAL_MS
    verdict = "met" if met else "NOT MET"
    print(f"  goal: cuesheet --help < {GOAL_MS} ms (median): {median:.0f} {verdict}")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
