"""Any file as a show: show files and lists, cuesheet JSON, and every playlist format.

``load_any`` picks by extension: ``.json`` is cuesheet's own JSON model when
its ``format`` says so, else a JSON playlist; an extension the
:mod:`playlists` registry knows (M3U, M3U8, XSPF, CUE, CSV) is a playlist
turned into a show by :func:`cuesheet.fromplaylist.to_show`; anything else goes
to ``load_show`` (show files and text lists, :func:`cuesheet.sources.load_source`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from cuesheet.errors import InputError
from cuesheet.model import Show

ShowLoader = Callable[[Path], Show]


def read_text(path: Path) -> str:
    """A source file's text (UTF-8, a byte-order mark dropped); InputError naming the line."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(
            f"not UTF-8 text (byte 0x{data[error.start]:02x})", path=path, line=line
        ) from error


def is_cuesheet_json(text: str) -> bool:
    """True when ``text`` is a JSON object written by cuesheet's JSON export."""
    from cuesheet import jsonmodel

    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return False
    return isinstance(data, dict) and data.get("format") == jsonmodel.FORMAT


def _parses(text: str) -> bool:
    try:
        json.loads(text)
    except json.JSONDecodeError:
        return False
    return True


def is_playlist(path: Path) -> bool:
    """True when the :mod:`playlists` registry reads ``path``'s extension."""
    from playlists import registry

    return path.suffix.lower() in registry.extensions()


def load_any(path: str | Path, *, load_show: ShowLoader) -> Show:
    """The show in ``path``, whatever it is (see the module docstring)."""
    source = Path(path)
    suffix = source.suffix.lower()
    if suffix == ".json":
        from cuesheet import jsonmodel

        text = read_text(source)
        if is_cuesheet_json(text) or not _parses(text):
            return jsonmodel.loads(text, str(source))  # says where the JSON breaks
        from cuesheet.fromplaylist import to_show
        from playlists import registry

        return to_show(registry.get("json").loads(text, path=str(source)))
    if is_playlist(source):
        from cuesheet.fromplaylist import to_show
        from playlists import registry

        return to_show(registry.for_path(source).load(source))
    return load_show(source)
