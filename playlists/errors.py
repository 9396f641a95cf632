"""The exception tree of :mod:`playlists`.

::

    PlaylistError                      root; carries path, line and cause
    ├── ParseError (ValueError)        text that is not the format it claims to be
    ├── UnknownFormatError (LookupError)  a format name or extension nobody registered
    ├── FormatLimitError (ValueError)  a playlist the format cannot carry
    │   └── TooManyTracksError         more than 99 CUE tracks: split into several sheets
    ├── InvalidPlaylistError (ValueError)  a model value no format can write (bad timezone)
    └── WriteError (OSError)           an output that cannot be written

Warnings (issued with :mod:`warnings`, never raised by default)::

    PlaylistWarning (UserWarning)
    ├── TextChangedWarning             text shortened or replaced to fit a format
    ├── MissingFileWarning             an entry whose file does not exist (kept, not dropped)
    ├── DroppedEntryWarning            an entry the format cannot hold (M3U without a location)
    ├── DecodingWarning                a file that was not UTF-8: names the encoding used
    └── LenientReadWarning             something read although the format does not allow it
"""

from __future__ import annotations

from pathlib import Path


def shown(value: object, limit: int = 60) -> str:
    """``repr`` of a value for a message, cut to about ``limit`` characters (a title of a
    megabyte is not printed whole)."""
    text = value if isinstance(value, str) else str(value)
    return repr(text if len(text) <= limit else text[:limit] + "…")


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


class TooManyTracksError(FormatLimitError):
    """More entries than one cue sheet holds (99); writing several sheets is the way out."""


class InvalidPlaylistError(PlaylistError, ValueError):
    """A playlist value that cannot be written at all, e.g. an unknown IANA timezone."""


class WriteError(PlaylistError, OSError):
    """An output file that cannot be written."""


class PlaylistWarning(UserWarning):
    """Something a format had to change or could not check; issued with :mod:`warnings`."""


class TextChangedWarning(PlaylistWarning):
    """Text changed to fit a format (CUE's 80 bytes and no double quote; a line break in M3U)."""


class LongTimeWarning(PlaylistWarning):
    """A CUE time past 99:59:74 (three minute digits): players read it, CD tools refuse it."""


class MissingFileWarning(PlaylistWarning):
    """A playlist entry whose file does not exist (the entry is kept)."""


class DroppedEntryWarning(PlaylistWarning):
    """An entry a format cannot hold at all (an M3U entry without a location)."""


class DecodingWarning(PlaylistWarning):
    """A file that was not UTF-8; the message names the encoding it was read as."""


class LenientReadWarning(PlaylistWarning):
    """Something read as other players read it, though its format does not allow it.

    A garbage ``#EXTINF`` duration, an XSPF document without ``version``, a CUE
    track without ``INDEX 01`` left out...; the message names the line.
    """
