"""The export registry: a format name or file extension -> how to write a timed show.

One explicit table.  ``json`` is cuesheet's own lossless model; every other
format goes through :func:`cuesheet.outputs.playlist.to_playlist` and the
:mod:`playlists` registry, with the fixed options the export name implies.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from cuesheet.errors import InputError


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """One thing ``cuesheet export`` can write."""

    name: str
    extensions: tuple[str, ...]
    description: str
    playlist_format: str | None = None
    """The :mod:`playlists` format that writes it; ``None`` for cuesheet's own JSON."""
    fixed: dict[str, Any] = field(default_factory=dict)
    """Options always passed to the playlist format."""
    takes: frozenset[str] = frozenset()
    """Options from the command line that this format accepts."""


FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("json", (".json",), "the whole show model with its timing (lossless)"),
    ExportFormat(
        "csv",
        (".csv",),
        "running order: segment, cue, start local/UTC, duration, kind, title, credits, ids, file",
        "csv",
        {"profile": "running-order"},
        frozenset({"excel"}),
    ),
    ExportFormat(
        "rights-csv",
        (),
        "music cue sheet for rights societies: writers, performers, ISWC/ISRC, usage, timings",
        "csv",
        {"profile": "rights"},
        frozenset({"excel"}),
    ),
    ExportFormat("m3u", (".m3u",), "M3U playlist (UTF-8; read back with a cp1252 fallback)", "m3u"),
    ExportFormat("m3u8", (".m3u8",), "M3U8 playlist (UTF-8, no BOM)", "m3u8"),
    ExportFormat("xspf", (".xspf",), "XSPF playlist (XML)", "xspf"),
    ExportFormat(
        "cue", (".cue",), "CDRWIN cue sheet", "cue", takes=frozenset({"split", "single_file"})
    ),
)


def names() -> list[str]:
    """Every export format name."""
    return [f.name for f in FORMATS]


ALIASES = {"rights": "rights-csv", "running-order": "csv"}
"""The CSV profile names of ``cuesheet convert``, accepted as export formats too."""


def get(name: str) -> ExportFormat:
    """The format called ``name``; InputError listing the known ones otherwise."""
    wanted = ALIASES.get(name.lower(), name.lower())
    for fmt in FORMATS:
        if fmt.name == wanted:
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
