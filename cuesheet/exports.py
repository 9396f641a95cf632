"""The export registry: a format name or file extension -> how to write a timed show.

One explicit table.  ``json`` is cuesheet's own lossless model; every other
format goes through :func:`cuesheet.toplaylist.to_playlist` and the
:mod:`playlists` registry, with the options the format takes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from cuesheet import jsonmodel
from cuesheet.errors import InputError
from cuesheet.model import Show
from cuesheet.timing import Timing

Writer = Callable[[Show, Timing, Mapping[str, Any]], str]


def _write_json(show: Show, timing: Timing, options: Mapping[str, Any]) -> str:
    return jsonmodel.dumps(show, timing)


def _playlist_writer(fmt: str, **fixed: Any) -> Writer:
    def write(show: Show, timing: Timing, options: Mapping[str, Any]) -> str:
        from cuesheet.toplaylist import to_playlist
        from playlists import registry

        text: str = registry.get(fmt).dumps(to_playlist(show, timing), **{**fixed, **options})
        return text

    return write


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """One thing ``cuesheet export`` can write."""

    name: str
    extensions: tuple[str, ...]
    description: str
    write: Writer
    options: frozenset[str] = field(default_factory=frozenset)
    """Option names this format accepts (passed through from the CLI)."""


FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("json", (".json",), "the whole show model with timing (lossless)", _write_json),
    ExportFormat(
        "csv",
        (".csv",),
        "running order: segment, cue, start local/UTC, duration, kind, title, credits, ids, file",
        _playlist_writer("csv", profile="running-order"),
        frozenset({"excel"}),
    ),
    ExportFormat(
        "rights-csv",
        (),
        "music cue sheet for rights societies: writers, performers, ISWC/ISRC, usage, timings",
        _playlist_writer("csv", profile="rights"),
        frozenset({"excel"}),
    ),
    ExportFormat(
        "m3u",
        (".m3u",),
        "M3U playlist (legacy encoding)",
        _playlist_writer("m3u"),
        frozenset({"paths", "base"}),
    ),
    ExportFormat(
        "m3u8",
        (".m3u8",),
        "M3U8 playlist (UTF-8, no BOM)",
        _playlist_writer("m3u8"),
        frozenset({"paths", "base"}),
    ),
    ExportFormat("xspf", (".xspf",), "XSPF playlist (XML)", _playlist_writer("xspf")),
    ExportFormat("cue", (".cue",), "CDRWIN cue sheet", _playlist_writer("cue")),
)


def names() -> list[str]:
    """Every export format name."""
    return [f.name for f in FORMATS]


def get(name: str) -> ExportFormat:
    """The format called ``name``; InputError listing the known ones otherwise."""
    for fmt in FORMATS:
        if fmt.name == name.lower():
            return fmt
    raise InputError(f"unknown export format {name!r}; known formats: {', '.join(names())}")


def for_path(path: str) -> ExportFormat:
    """The format an output path's extension names."""
    suffix = PurePath(path).suffix.lower()
    for fmt in FORMATS:
        if suffix in fmt.extensions:
            return fmt
    raise InputError(
        f"cannot tell the export format from {path!r}; use --format with one of: "
        + ", ".join(names())
    )
