"""The ``cuesheet`` program (also ``python -m cuesheet``): signals first, then the command line.

SIGINT (Ctrl-C) and SIGTERM are taken over before anything else is imported,
so that at any moment, start-up included, they end the command the same way:
the exception :class:`Interrupted` unwinds the stack (every ``finally`` runs:
temporary files are removed, ffmpeg children and scan workers stopped), then
one line on stderr and exit code 130 (SIGINT) or 143 (SIGTERM), no traceback.
A second signal during that clean-up is ignored.  This module imports only the
standard library until the command line is loaded.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Sequence
from types import FrameType

PAUSE_ENV_VAR = "CUESHEET_PAUSE"

_NAMES = {signal.SIGINT: "interrupted", signal.SIGTERM: "terminated"}


class Interrupted(BaseException):
    """SIGINT or SIGTERM arrived; a BaseException so that ``except Exception`` lets it pass."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _on_signal(signum: int, frame: FrameType | None) -> None:
    for other in _NAMES:
        signal.signal(other, signal.SIG_IGN)  # the clean-up of the first one must finish
    raise Interrupted(signum)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; the exit code (128 + the signal's number when one ended it)."""
    for signum in _NAMES:
        signal.signal(signum, _on_signal)
    try:
        if PAUSE_ENV_VAR in os.environ:  # a test hook: see playlists.atomic.pause
            from playlists.atomic import pause

            pause("start")
        from cuesheet.cli import main as run

        run(argv)
    except Interrupted as stop:
        return _stopped(stop.signum)
    except KeyboardInterrupt:  # raised by code that installs Python's own handler again
        return _stopped(signal.SIGINT)
    return 0


def _stopped(signum: int) -> int:
    try:
        sys.stderr.write(f"cuesheet: {_NAMES.get(signal.Signals(signum), 'stopped')}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    return 128 + signum


if __name__ == "__main__":
    sys.exit(main())
