"""Which formats exist: one explicit table, mapping names and file extensions to formats.

A :class:`Format` is a small handle on a format module (``playlists.m3u``,
``playlists.xspf``...); the module is imported the first time the format is
used, so looking a format up costs nothing.  Every format module offers
``loads(text, path=None, **options)``, ``dumps(playlist, **options)``,
``load(path, **options)`` and ``dump(playlist, path, **options)``.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, Protocol, cast

from playlists.errors import UnknownFormatError
from playlists.model import Playlist


class _FormatModule(Protocol):
    def loads(self, text: str, path: str | None = None, **options: Any) -> Playlist: ...
    def dumps(self, playlist: Playlist, **options: Any) -> str: ...
    def load(self, path: str | os.PathLike[str], **options: Any) -> Playlist: ...
    def dump(self, playlist: Playlist, path: str | os.PathLike[str], **options: Any) -> None: ...


@dataclass(frozen=True, slots=True)
class Format:
    """One playlist format: its name, file extensions and the module that reads and writes it."""

    name: str
    """Short lower-case name, e.g. ``m3u8``."""
    extensions: tuple[str, ...]
    """File extensions with their dot, lower case, e.g. ``(".m3u8",)``."""
    module: str
    """Dotted name of the module implementing the format."""
    description: str

    def _impl(self) -> _FormatModule:
        return cast(_FormatModule, importlib.import_module(self.module))

    def loads(self, text: str, path: str | None = None, **options: Any) -> Playlist:
        """Read a playlist from text; ``path`` is only used in error messages."""
        return self._impl().loads(text, path=path, **options)

    def dumps(self, playlist: Playlist, **options: Any) -> str:
        """The playlist as text in this format."""
        return self._impl().dumps(playlist, **options)

    def load(self, path: str | os.PathLike[str], **options: Any) -> Playlist:
        """Read a playlist file."""
        return self._impl().load(path, **options)

    def dump(self, playlist: Playlist, path: str | os.PathLike[str], **options: Any) -> None:
        """Write a playlist file atomically (temporary file, then rename)."""
        self._impl().dump(playlist, path, **options)


FORMATS: tuple[Format, ...] = (
    Format("csv", (".csv",), "playlists.csvfile", "CSV running order or rights cue sheet"),
    Format("cue", (".cue",), "playlists.cue", "CDRWIN cue sheet"),
    Format("json", (".json",), "playlists.jsonfile", "JSON playlist (lossless)"),
    Format("m3u", (".m3u",), "playlists.m3u", "extended M3U (UTF-8; other encodings read)"),
    Format("m3u8", (".m3u8",), "playlists.m3u", "extended M3U, UTF-8"),
    Format("xspf", (".xspf",), "playlists.xspf", "XSPF version 1 (XML Shareable Playlist)"),
)
"""Every known format, in the order :func:`names` lists them."""

_BY_NAME = {f.name: f for f in FORMATS}
_BY_EXTENSION = {ext: f for f in FORMATS for ext in f.extensions}


def names() -> list[str]:
    """The names of every known format."""
    return [f.name for f in FORMATS]


def extensions() -> list[str]:
    """Every known file extension, with its dot."""
    return list(_BY_EXTENSION)


def get(name_or_ext: str) -> Format:
    """The format called ``name_or_ext`` (``"xspf"``), or claiming that extension (``".xspf"``).

    Case does not matter.  Raises :class:`UnknownFormatError` listing the known names.
    """
    key = name_or_ext.strip().lower()
    found = _BY_EXTENSION.get(key if key.startswith(".") else "." + key) or _BY_NAME.get(key)
    if found is None:
        raise UnknownFormatError(
            f"unknown playlist format {name_or_ext!r}; known formats: {', '.join(names())}"
        )
    return found


def for_path(path: str | os.PathLike[str]) -> Format:
    """The format for a file name, from its extension (case does not matter).

    Raises :class:`UnknownFormatError` listing the known extensions.
    """
    suffix = PurePath(path).suffix.lower()
    found = _BY_EXTENSION.get(suffix)
    if found is None:
        what = f"extension {suffix!r}" if suffix else "no extension"
        raise UnknownFormatError(
            f"cannot tell the playlist format from {what}; "
            f"known extensions: {', '.join(extensions())} (or name the format)",
            path=os.fspath(path),
        )
    return found
