"""The exception tree of :mod:`playlists`.

::

    PlaylistError                      root; carries path, line and cause
    ├── ParseError (ValueError)        text that is not the format it claims to be
    ├── UnknownFormatError (LookupError)  a format name or extension nobody registered
    ├── FormatLimitError (ValueError)  a playlist the format cannot carry (e.g. >99 CUE tracks)
    ├── InvalidPlaylistError (ValueError)  a model value no format can write (bad timezone)
    └── WriteError (OSError)           an output that cannot be written
"""

from __future__ import annotations

from pathlib import Path


class PlaylistError(Exception):
    """Root of every error raised by :mod:`playlists`; message is ``path:line: message``."""

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        cause: BaseException | None = None,
    ) -> None:
        self.message = message
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


class ParseError(PlaylistError, ValueError):
    """Text that cannot be read as the format it claims to be."""


class UnknownFormatError(PlaylistError, LookupError):
    """A format name or file extension that no format claims."""


class FormatLimitError(PlaylistError, ValueError):
    """A playlist that the chosen format cannot carry."""


class InvalidPlaylistError(PlaylistError, ValueError):
    """A playlist value that cannot be written at all, e.g. an unknown IANA timezone."""


class WriteError(PlaylistError, OSError):
    """An output file that cannot be written."""
