"""What every bench shares: alternating runs, best and median, a loud failure on a mismatch.

A shared machine makes single timings lie: another process can take a core for
seconds.  So each comparison runs ours and theirs alternately (ours first in even
rounds, theirs first in odd ones), ``repeat`` rounds, and reports the best and the
median of each side and the ratio of the medians (their time / ours) -- both
sides saw the same load.  When the two sides did not produce the same result
(entry counts, titles, durations), the comparison is worthless: :class:`Mismatch`
is raised and the bench exits non-zero.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

DEFAULT_REPEAT = 3


class Mismatch(SystemExit):
    """The two sides of a comparison disagree: the bench must fail (exit status 3)."""

    def __init__(self, message: str) -> None:
        print(f"\nMISMATCH: {message}", flush=True)
        super().__init__(3)


@dataclass
class Runs:
    """The wall times (s) and peak memory (bytes) of one side's runs."""

    seconds: list[float] = field(default_factory=list)
    peaks: list[int] = field(default_factory=list)

    @property
    def best(self) -> float:
        return min(self.seconds)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def peak(self) -> int:
        return max(self.peaks, default=0)

    def cell(self) -> str:
        """``best (median)`` in seconds."""
        return f"{self.best:7.3f} ({self.median:7.3f})"


def alternate(
    ours: Callable[[], tuple[float, int, object]],
    theirs: Callable[[], tuple[float, int, object]],
    repeat: int,
    what: str,
    same: Callable[[object, object], bool] | None = None,
) -> tuple[Runs, Runs]:
    """Run both sides ``repeat`` times, alternating; raise :class:`Mismatch` when results differ.

    Each side returns ``(seconds, peak bytes, result)``; the results of every run of
    both sides must be equal (or ``same(ours, theirs)``).
    """
    mine, other = Runs(), Runs()
    first: object = None
    for round_ in range(repeat):
        order = ((mine, ours), (other, theirs))
        for runs, side in order if round_ % 2 == 0 else order[::-1]:
            seconds, peak, result = side()
            runs.seconds.append(seconds)
            runs.peaks.append(peak)
            if first is None:
                first = result
            elif not (same(first, result) if same else first == result):
                raise Mismatch(f"{what}: {_short(first)} != {_short(result)}")
    return mine, other


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) < 300 else text[:300] + "..."


def ratio(mine: Runs, other: Runs) -> float:
    """Their median time over ours (how many times faster we are)."""
    return other.median / mine.median


def run_child(
    args: Sequence[str], env: dict[str, str] | None = None, cwd: str | None = None
) -> tuple[float, int, str]:
    """(wall seconds, peak RSS bytes of the child tree's largest member, stdout) of a command.

    The child runs in ``cwd`` (default: the temporary folder), never in a checkout:
    ``python -m``/``-c`` put the working folder first on ``sys.path``, which would
    override a ``PYTHONPATH`` naming another checkout.
    """
    import tempfile

    started = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(
            list(args),
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            env=env,
            cwd=cwd or tempfile.gettempdir(),
        )
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if code != 0:
            raise RuntimeError(
                f"exit {code}: {' '.join(args[:6])} ...\n{err.read().decode()[-2000:]}"
            )
        return elapsed, usage.ru_maxrss * 1024, out.read().decode()
