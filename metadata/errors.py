"""The exception tree of :mod:`metadata`.

::

    MetadataError                         root; carries path, line and cause
    ├── ServiceError (OSError)            MusicBrainz could not be reached or answered badly
    │   └── ServiceUnavailable            it proved unreachable; callers go offline
    │       └── NotMusicBrainz            it answers, but not like MusicBrainz; callers go offline
    ├── NotCached (LookupError)           offline, and the cache does not hold the answer
    ├── CacheError (OSError)              the cache database cannot be used
    └── TagError (ValueError)             an audio file whose tags cannot be read or written
"""

from __future__ import annotations

from pathlib import Path


class MetadataError(Exception):
    """Root of every error raised by :mod:`metadata`; message is ``path:line: message``."""

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
        return where + self.message


class ServiceError(MetadataError, OSError):
    """MusicBrainz could not be reached, or answered with something unusable."""


class ServiceUnavailable(ServiceError):
    """MusicBrainz proved unreachable; the run should go on offline."""


class NotMusicBrainz(ServiceUnavailable):
    """The server answered, but not like MusicBrainz (an HTML page, a 404 for a search...)."""


class NotCached(MetadataError, LookupError):
    """Offline (chosen, or the service proved unreachable) and the answer is not cached."""


class CacheError(MetadataError, OSError):
    """The cache database cannot be opened or written."""


class TagError(MetadataError, ValueError):
    """An audio file whose tags cannot be read or written."""
