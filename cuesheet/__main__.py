"""The ``cuesheet`` program (also ``python -m cuesheet``): signals first, then the command line.

SIGINT (Ctrl-C) and SIGTERM are taken over the moment this module is imported,
before anything else of cuesheet, so that at any moment they end the command
the same way: one line on stderr (``cuesheet: interrupted`` or ``cuesheet:
terminated``) and exit code 130 (SIGINT) or 143 (SIGTERM), no traceback.

* While this module and the command line load, a signal is only noted; the
  command then does not start.
* While the command runs, the exception :class:`Interrupted` unwinds the stack
  (every ``finally`` runs: temporary files are removed, ffmpeg children and scan
  workers stopped).  A second signal during that clean-up is ignored.
* Once the command is done, a signal is noted again, standard output and error
  are flushed, and the process ends at once (:func:`os._exit`): the interpreter's
  own shutdown, during which Python gives the signals back to the system (a
  silent death by signal), never runs.

Before this module is imported (the interpreter starting, the console script's
own imports) a signal is handled by Python itself: that window is kept to the
interpreter's start-up by importing nothing before the handlers but :mod:`signal`
and :mod:`sys`.
"""

from __future__ import annotations

import signal
import sys

_NAMES = {signal.SIGINT: "interrupted", signal.SIGTERM: "terminated"}
_NOTED: list[int] = []
"""Signals that arrived while the command was not running (first one first)."""


def _note(signum: int, frame: object) -> None:
    _NOTED.append(signum)


for _signum in _NAMES:  # first thing: every later moment is covered
    signal.signal(_signum, _note)

import contextlib  # noqa: E402  (after the handlers on purpose)
import os  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from typing import NoReturn  # noqa: E402

PAUSE_ENV_VAR = "CUESHEET_PAUSE"
"""A test hook (see :func:`playlists.atomic.pause`); its points here: ``import`` (this
module loaded, nothing else yet), ``start`` (before the command line loads) and ``exit``
(the command done, the process about to end)."""


class Interrupted(BaseException):
    """SIGINT or SIGTERM arrived; a BaseException so that ``except Exception`` lets it pass."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _on_signal(signum: int, frame: object) -> None:
    for other in _NAMES:
        signal.signal(other, signal.SIG_IGN)  # the clean-up of the first one must finish
    raise Interrupted(signum)


def _pause(point: str) -> None:
    if os.environ.get(PAUSE_ENV_VAR, "").partition(":")[0] == point:
        from playlists.atomic import pause

        pause(point)


_pause("import")


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """Run the command line, then end the process with its exit code.

    The code is 128 + the signal's number when SIGINT or SIGTERM arrived at any
    moment of the run (its line is then written to stderr).
    """
    from cuesheet.quickhelp import quick_answer

    answer = quick_answer(list(argv) if argv is not None else sys.argv[1:])
    code = _run(argv) if answer is None else 0  # --help, --version: click need not load
    code = _flush_stdout(code, answer or "")
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    _pause("exit")
    if _NOTED and code < 128:
        code = _stopped(_NOTED[0])
    os._exit(code)


def _run(argv: Sequence[str] | None) -> int:
    """The command's exit code; signals are noted, not raised, once this returns."""
    try:
        try:
            for signum in _NAMES:
                signal.signal(signum, _on_signal)
            if _NOTED:
                return _stopped(_NOTED[0])
            _pause("start")
            from cuesheet.cli import main as run

            run(argv)
        finally:
            for signum in _NAMES:
                signal.signal(signum, _note)
    except SystemExit as done:
        return _exit_code(done.code)
    except Interrupted as stop:
        return _stopped(stop.signum)
    except KeyboardInterrupt:  # raised by code that installs Python's own handler again
        return _stopped(signal.SIGINT)
    return 0


def _flush_stdout(code: int, text: str = "") -> int:
    """``code``, or 1 when what the command wrote to stdout (and ``text``) could not all be written.

    A reader that went away (``cuesheet ... | head``) is not an error; a full disk
    or a device that refuses the bytes (``> /dev/full``) is: one line, exit 1.
    """
    try:
        if text:
            sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        return code
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        _say(f"cuesheet: error: standard output: {reason}; the output is incomplete\n")
        return code if code else 1
    return code


def _exit_code(code: object) -> int:
    """``sys.exit``'s argument as an exit code (a message is written to stderr, then 1)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    _say(f"{code}\n")
    return 1


def _stopped(signum: int) -> int:
    _say(f"cuesheet: {_NAMES.get(signal.Signals(signum), 'stopped')}\n")
    return 128 + signum


def _say(line: str) -> None:
    """Write ``line`` to stderr, if it can still be written."""
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(line)
        sys.stderr.flush()


if __name__ == "__main__":
    main()
