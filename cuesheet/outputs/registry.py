"""The export registry: a format name or file extension -> how to write a timed show.

One explicit table.  ``json`` is cuesheet's own lossless model; the show-day
formats (Ontime, mAirList, Rivendell, the printable running order) are written
by a function of :mod:`cuesheet.outputs` named in ``writer``, loaded only when
used; every other format goes through :func:`cuesheet.outputs.playlist.to_playlist`
and the :mod:`playlists` registry, with the fixed options the export name implies.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from cuesheet.errors import InputError

if TYPE_CHECKING:
    from cuesheet.timing.engine import Timing


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
    writer: str | None = None
    """``module:function`` in :mod:`cuesheet.outputs` writing it from a timing (text or bytes)."""


_RIGHTS_OPTIONS = frozenset({"all_cues", "aired"})

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
        "rights cue sheet, generic profile (CSV): programme header, music cues, writers with "
        "roles, IPI, society, share, publisher, performers, ISWC/ISRC, usage, timings",
        writer="rightsfiles:dumps_generic_timing",
        takes=_RIGHTS_OPTIONS,
    ),
    ExportFormat(
        "rights-rapidcue",
        (),
        "rights cue sheet for ASCAP/BMI, RapidCue template layout (xlsx, one party per row)",
        writer="rightsfiles:dumps_rapidcue_timing",
        takes=_RIGHTS_OPTIONS,
    ),
    ExportFormat(
        "rights-prs",
        (),
        "rights cue sheet for PRS for Music: title, writers, publishers, performers, "
        "duration, time of use (CSV)",
        writer="rightsfiles:dumps_prs_timing",
        takes=_RIGHTS_OPTIONS,
    ),
    ExportFormat(
        "rights-soundexchange",
        (),
        "SoundExchange report of use: featured artist, recording, ISRC, plays (tab-separated)",
        writer="rightsfiles:dumps_soundexchange_timing",
        takes=_RIGHTS_OPTIONS,
    ),
    ExportFormat("m3u", (".m3u",), "M3U playlist (UTF-8; read back with a cp1252 fallback)", "m3u"),
    ExportFormat("m3u8", (".m3u8",), "M3U8 playlist (UTF-8, no BOM)", "m3u8"),
    ExportFormat("xspf", (".xspf",), "XSPF playlist (XML)", "xspf"),
    ExportFormat(
        "cue", (".cue",), "CDRWIN cue sheet", "cue", takes=frozenset({"split", "single_file"})
    ),
    ExportFormat(
        "ontime",
        (".xlsx",),
        "rundown for the Ontime show timer (its spreadsheet import; xlsx)",
        writer="ontime:dumps_xlsx",
    ),
    ExportFormat(
        "ontime-csv",
        (),
        "rundown for the Ontime show timer as CSV (times to the second)",
        writer="ontime:dumps_csv",
    ),
    ExportFormat(
        "mairlist",
        (".tpi",),
        "mAirList Text Playlist Import (TPI): start, timing, line type, line data",
        writer="mairlist:dumps",
        takes=frozenset({"base_dir"}),
    ),
    ExportFormat(
        "rivendell",
        (),
        "Rivendell log, Rivendell Standard Import layout (fixed width; needs carts)",
        writer="rivendell:dumps",
        takes=frozenset({"carts", "source"}),
    ),
    ExportFormat(
        "pdf",
        (".pdf",),
        "printable running order (A4 landscape), one block per segment",
        writer="printable:dumps_pdf",
    ),
    ExportFormat(
        "html",
        (".html", ".htm"),
        "printable running order as one HTML page",
        writer="printable:dumps_html",
    ),
)


def write(fmt: ExportFormat, timing: Timing, options: Mapping[str, Any]) -> str | bytes:
    """The text (or bytes) of ``timing``'s show in ``fmt``, which must have a ``writer``.

    ``options`` may hold anything; only those ``fmt`` takes are passed on.  A
    ``carts`` option that is a path is read as a cart mapping file
    (:func:`cuesheet.outputs.carts.load`).
    """
    if fmt.writer is None:
        raise ValueError(f"{fmt.name} is not written by cuesheet.outputs")
    module, _, name = fmt.writer.partition(":")
    function = getattr(importlib.import_module(f"cuesheet.outputs.{module}"), name)
    chosen = {k: v for k, v in options.items() if k in fmt.takes and v is not None}
    if isinstance(chosen.get("carts"), (str, PurePath)):
        from cuesheet.outputs import carts

        chosen["carts"] = carts.load(chosen["carts"])
    data: str | bytes = function(timing, **chosen)
    return data


def names() -> list[str]:
    """Every export format name."""
    return [f.name for f in FORMATS]


ALIASES = {
    "rights": "rights-csv",
    "running-order": "csv",
    "rights-generic": "rights-csv",
    "generic": "rights-csv",
    "rapidcue": "rights-rapidcue",
    "prs": "rights-prs",
    "soundexchange": "rights-soundexchange",
}
"""The CSV profile names of ``cuesheet convert`` and the rights profiles' own names,
accepted as export formats too."""

RIGHTS_PROFILES = {
    "rights-csv": "generic",
    "rights-rapidcue": "rapidcue",
    "rights-prs": "prs",
    "rights-soundexchange": "soundexchange",
}
"""The rights exports and the profile (:mod:`cuesheet.outputs.rightsfiles`) each writes."""


def get(name: str) -> ExportFormat:
    """The format called ``name``; InputError listing the known ones otherwise."""
    wanted = ALIASES.get(name.lower(), name.lower())
    for fmt in FORMATS:
        if fmt.name == wanted:
            return fmt
    raise InputError(f"unknown export format {name!r}; known formats: {', '.join(names())}")


def extension_mismatch(fmt: ExportFormat, path: str) -> str | None:
    """A warning when ``path``'s extension names another format than ``fmt``; else None."""
    suffix = PurePath(path).suffix.lower()
    if not suffix or suffix in fmt.extensions:
        return None
    for other in FORMATS:
        if suffix in other.extensions:
            return (
                f"{path} ends in {suffix}, the extension of {other.name}, "
                f"but is written as {fmt.name}"
            )
    return None


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
