"""Helpers for the fault tests: run ``cuesheet`` as a real process and stop it at a pause point.

A pause point (:func:`playlists.atomic.pause`) makes the process announce
itself on the FIFO ``paused`` and wait on the FIFO ``resume``; a test then
sends a signal at exactly that moment: no sleeps, no timing luck.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEADLINE_S = 60
"""The most any wait here takes before the test fails (a bound, never a pause)."""


CONSOLE_SCRIPT = """\
import re
import sys
from cuesheet.__main__ import main
if __name__ == '__main__':
    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])
    sys.exit(main())
"""
"""What pip writes as ``bin/cuesheet`` for ``[project.scripts]`` (``cuesheet.__main__:main``)."""


class Paused:
    """A ``cuesheet`` process started to stop at ``point``."""

    def __init__(
        self, args: Sequence[str], point: str, folder: Path, cwd: Path, *, script: bool = False
    ) -> None:
        """``script``: start it as the installed console script does (:data:`CONSOLE_SCRIPT`)
        rather than as ``python -m cuesheet``."""
        self.folder = folder
        os.mkfifo(folder / "paused")
        os.mkfifo(folder / "resume")
        env = dict(os.environ, CUESHEET_PAUSE=f"{point}:{folder}", PYTHONPATH=str(ROOT))
        start = ["-c", CONSOLE_SCRIPT] if script else ["-m", "cuesheet"]
        self.process = subprocess.Popen(
            [sys.executable, *start, *args],
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )

    def wait_paused(self) -> str:
        """Block until the process reaches its pause point; what it said there."""
        fd = os.open(self.folder / "paused", os.O_RDONLY | os.O_NONBLOCK)
        try:
            said = b""
            while True:
                ready, _, _ = select.select([fd], [], [], DEADLINE_S)
                assert ready, "the process never reached its pause point"
                chunk = os.read(fd, 100)
                if chunk:
                    said += chunk
                elif said or self.process.poll() is not None:
                    break
        finally:
            os.close(fd)
        assert said, self.finish()
        return said.decode()

    def resume(self) -> None:
        """Let the paused process go on."""
        with open(self.folder / "resume", "w", encoding="utf-8") as go:
            go.write("go")

    def signal(self, signum: int) -> None:
        self.process.send_signal(signum)

    def finish(self) -> tuple[int, str, str]:
        """Exit code, stdout, stderr, once the process ended."""
        out, err = self.process.communicate(timeout=DEADLINE_S)
        return self.process.returncode, out.decode(), err.decode()

    def children(self) -> list[int]:
        """Process ids of the paused process's children (Linux)."""
        pid = self.process.pid
        found: list[int] = []
        for task in Path(f"/proc/{pid}/task").iterdir():
            found += [int(c) for c in (task / "children").read_text().split()]
        return found


def wait_gone(pids: Sequence[int]) -> list[int]:
    """Wait (bounded) until none of ``pids`` runs; the ones still running at the deadline."""
    left = []
    for pid in pids:
        try:
            fd = os.pidfd_open(pid)
        except ProcessLookupError:
            continue
        try:
            ready, _, _ = select.select([fd], [], [], DEADLINE_S)
            if not ready:
                left.append(pid)
        finally:
            os.close(fd)
    return left


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie does not count)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


SIGNALS = {signal.SIGINT: 130, signal.SIGTERM: 143}
