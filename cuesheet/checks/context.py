"""What every check sees: the show, its timing, options and (optionally) what aired."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cuesheet.model import Show
from cuesheet.timing.engine import Timing

if TYPE_CHECKING:
    from cuesheet.asrun.align import Alignment
    from cuesheet.asrun.onair import OnAir

Probe = Callable[[Path], "int | None"]
"""``probe(path) -> duration_ms``: the real length of an audio file, ``None`` if unreadable."""

DEFAULT_TOLERANCE_MS = 2_000
"""How far apart two times may be before a check says so, ms (``--tolerance``)."""


@dataclass(frozen=True, slots=True)
class Context:
    """The input of every check."""

    show: Show
    timing: Timing
    tolerance_ms: int = DEFAULT_TOLERANCE_MS
    """Allowed difference for audio lengths, gaps, overlaps, slack and as-run deviations, ms."""
    probe: Probe | None = None
    """Reads an audio file's real length; ``None`` checks only that files exist."""
    base_dir: Path | None = None
    """Directory that relative audio paths are relative to (the show file's)."""
    alignment: Alignment | None = field(default=None)
    """The plan aligned with an as-run log, when one is given."""
    on_air: OnAir | None = field(default=None)
    """Where time was gained and lost on air (:func:`cuesheet.asrun.onair.analyse`)."""
    cue_sheet: bool = False
    """A CUE sheet is being made (asked for, or the source is one): report its text limits."""
