"""Audio files: present, and as long as the plan says (within the tolerance).

The real length comes from an injected ``probe(path) -> duration_ms | None``
(the CLI passes one reading tags), so this module does no audio I/O itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from cuesheet.checks._text import cue_place, dur, where
from cuesheet.checks.context import Context
from cuesheet.checks.finding import Finding, Severity
from cuesheet.checks.rule import Rule
from cuesheet.model import Cue, Segment

MISSING = Rule(
    "AUD001",
    "audio-missing",
    Severity.WARNING,
    "A cue's audio file does not exist or cannot be read.",
)
LENGTH = Rule(
    "AUD002",
    "audio-length",
    Severity.WARNING,
    "A cue's audio file is longer or shorter than its planned duration beyond the tolerance.",
)

RULES = (MISSING, LENGTH)


def local_path(location: str, base_dir: Path | None) -> Path | None:
    """The local file a cue's ``file`` names (a path or a ``file:`` URI); ``None`` for URLs."""
    parts = urlsplit(location)
    if parts.scheme == "file":
        return Path(unquote(parts.path))
    if len(parts.scheme) > 1:  # http:, https:... (a one-letter scheme is a Windows drive)
        return None
    path = Path(location).expanduser()
    if not path.is_absolute() and base_dir is not None:
        path = base_dir / path
    return path


def check(ctx: Context) -> Iterator[Finding]:
    """A finding per missing or unreadable file (once, on its first cue), per length off."""
    missing: dict[Path, int] = {}
    for path in _local_files(ctx):
        if not path.is_file():
            missing[path] = missing.get(path, 0) + 1
    reported: set[Path] = set()
    for si, segment in enumerate(ctx.show.segments):
        for ci, cue in enumerate(segment.cues):
            local = local_path(cue.file, ctx.base_dir) if cue.file else None
            if local is None:
                continue
            path = local
            fields = cue_place(segment, si, cue, ci)
            if path in missing:
                if path not in reported:
                    reported.add(path)
                    more = missing[path] - 1
                    also = f" (nor for the {more} cues after it on that file)" if more else ""
                    yield MISSING.finding(
                        f"{where(segment, cue)}: audio file {cue.file} not found{also}", **fields
                    )
                continue
            yield from _length(ctx, segment, cue, path, fields)


def _local_files(ctx: Context) -> Iterator[Path]:
    """The local file of every cue that names one, in running order."""
    for segment in ctx.show.segments:
        for cue in segment.cues:
            path = local_path(cue.file, ctx.base_dir) if cue.file else None
            if path is not None:
                yield path


def _length(
    ctx: Context, segment: Segment, cue: Cue, path: Path, fields: dict[str, object]
) -> Iterator[Finding]:
    """A file that cannot be read, or whose length is off by more than the tolerance."""
    if ctx.probe is None:
        return
    real = ctx.probe(path)
    if real is None:
        yield MISSING.finding(
            f"{where(segment, cue)}: audio file {cue.file} cannot be read", **fields
        )
        return
    if cue.out_ms is not None and cue.out_ms > real:
        yield LENGTH.finding(
            f"{where(segment, cue)}: audio file {cue.file} lasts {dur(real)}, "
            f"but the cue's out point is {dur(cue.out_ms)} (render pads with silence)",
            planned_ms=cue.out_ms,
            actual_ms=real,
            delta_ms=real - cue.out_ms,
            **fields,
        )
        return
    if cue.duration_ms is None:
        return
    real = cue.played_ms(real)  # an edited cue plays its file from `in` to `out`
    delta = real - cue.duration_ms
    if abs(delta) > ctx.tolerance_ms:
        word = "longer" if delta > 0 else "shorter"
        yield LENGTH.finding(
            f"{where(segment, cue)}: audio file {cue.file} lasts {dur(real)}, "
            f"{dur(abs(delta))} {word} than the planned {dur(cue.duration_ms)}",
            planned_ms=cue.duration_ms,
            actual_ms=real,
            delta_ms=delta,
            **fields,
        )
