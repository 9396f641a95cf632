"""The exception tree of :mod:`cuesheet`.

::

    CueSheetError                  root; carries path, line and cause
    ├── InputError (ValueError)    a show file or list that cannot be read as written
    ├── TimingError (ValueError)   times that contradict each other
    └── ExportError (OSError)      an output that cannot be written

Only the CLI maps these to exit codes and text.
"""

from __future__ import annotations

from pathlib import Path


class CueSheetError(Exception):
    """Root of every error raised by :mod:`cuesheet`.

    The message is composed as ``path:line: message`` from whatever is known.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        cause: BaseException | None = None,
        others: tuple[CueSheetError, ...] = (),
    ) -> None:
        self.message = message
        self.others = others
        """Further errors of the same input, reported with this one (e.g. every bad line)."""
        self.path = str(path) if path is not None else None
        self.line = line
        self.cause = cause
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path + (f":{self.line}" if self.line is not None else "") + ": "
        elif self.line is not None:
            where = f"line {self.line}: "
        return where + self.message


class InputError(CueSheetError, ValueError):
    """A show file or text list that does not say what is expected."""


class TimingError(CueSheetError, ValueError):
    """Times in a show that contradict each other (e.g. a fixed time before the start)."""


class ExportError(CueSheetError, OSError):
    """An output file that cannot be written."""


class CueSheetWarning(UserWarning):
    """Something cuesheet changed or could not use, and went on; shown by the CLI."""
