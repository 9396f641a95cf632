"""The values the timeline is drawn from: scale and sizes, placed blocks, the aired lane."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from cuesheet.asrun.onair import Row
from cuesheet.timing.engine import Timing

MS_PER_MINUTE = 60_000


@dataclass(frozen=True, slots=True)
class Layout:
    """Sizes of the picture, in CSS pixels."""

    px_per_minute: int = 10
    """Horizontal scale: pixels per minute of show time."""
    label_px: int = 250
    """Width of the column of segment names on the left."""
    lane_px: int = 24
    """Height of a segment's planned lane."""
    aired_px: int = 16
    """Height of a segment's as-run lane (drawn only with an as-run)."""
    gap_px: int = 8
    """Space between two segment rows."""
    right_px: int = 48
    """Margin right of the axis end."""
    late_tolerance_ms: int = 2_000
    """An aired cue further than this from its planned start is late or early (ms; as check)."""
    nominal_ms: int = 2 * MS_PER_MINUTE
    """Length drawn for a cue of unknown length when no time is known to be left for it (ms)."""

    def __post_init__(self) -> None:
        if self.px_per_minute < 1:
            raise ValueError(f"px_per_minute must be at least 1, got {self.px_per_minute}")


DEFAULT_LAYOUT = Layout()

PAGE_PX = 1400
"""Width the picture's time axis aims at when the scale is not given (CSS pixels)."""


def fit_px_per_minute(length_ms: int, page_px: int = PAGE_PX) -> int:
    """The scale (px per minute, at least 1) that draws ``length_ms`` of show in ``page_px``."""
    minutes = max(1, -(-length_ms // MS_PER_MINUTE))
    return max(1, page_px // minutes)


"""The default sizes: 10 px per minute."""


class Placement(str, Enum):
    """How sure the drawn position and length of a cue are."""

    TIMED = "timed"
    """Start and length come from the timing engine."""
    FLOATING = "floating"
    """Length known, start not: laid out after cues of unknown length."""
    UNKNOWN = "unknown"
    """Length unknown: drawn in a share of the time left."""


@dataclass(frozen=True, slots=True)
class Block:
    """Where one planned cue is drawn: instants in epoch ms (UTC), lengths in ms."""

    segment_index: int
    cue_index: int
    start_ms: int
    length_ms: int
    placement: Placement
    note: str = ""
    """Why it is drawn there, for the hover text (empty when timed)."""

    @property
    def end_ms(self) -> int:
        """Drawn end instant."""
        return self.start_ms + self.length_ms


class Order(str, Enum):
    """Where an aired cue came in the running order."""

    IN_ORDER = "in-order"
    MOVED = "moved"
    SWAPPED = "swapped"


@dataclass(frozen=True, slots=True)
class AiredCue:
    """One item as it aired, and the planned cue it was matched to."""

    title: str
    start_ms: int | None
    """When it aired, ms since the epoch (UTC); ``None`` when the log does not say (not drawn)."""
    duration_ms: int | None = None
    """How long it aired, ms; ``None`` when the log does not say (drawn to the next start)."""
    plan: tuple[int, int] | None = None
    """(segment index, cue index) of the planned cue; ``None`` for an item not in the plan."""
    order: Order = Order.IN_ORDER
    note: str = ""
    """More to say in its hover text, e.g. "swapped with cue 12"."""


@dataclass(frozen=True, slots=True)
class FixedOnAir:
    """How what aired met a fixed time (or the hard out)."""

    at_ms: int
    """The fixed time, ms since the epoch (UTC)."""
    over_ms: int | None
    """Over (positive) or under (negative) on air, ms; ``None`` when the log cannot tell."""


@dataclass(frozen=True, slots=True)
class AiredLane:
    """What aired, aligned with the plan.  Planned cues no aired item names were dropped."""

    cues: tuple[AiredCue, ...]
    fixed: tuple[FixedOnAir, ...] = ()
    source: str = ""
    """Where the log came from, for the caption."""
    rows: tuple[Row, ...] = ()
    """The plan and what aired side by side, one row per cue (for the page's table)."""

    def dropped(self, timing: Timing) -> list[tuple[int, int]]:
        """Planned cues (segment index, cue index) that did not air, in running order."""
        aired = {c.plan for c in self.cues if c.plan is not None}
        return [
            (si, ci)
            for si, row in enumerate(timing.cues)
            for ci in range(len(row))
            if (si, ci) not in aired
        ]


class FindingLike(Protocol):
    """What the page needs of a finding: :class:`cuesheet.checks.Finding` has it."""

    @property
    def code(self) -> str: ...
    @property
    def severity(self) -> str:
        """``error``, ``warning`` or ``info`` (a ``str`` enum will do)."""
        ...

    @property
    def message(self) -> str: ...
    @property
    def segment_index(self) -> int | None: ...
    @property
    def cue_index(self) -> int | None: ...


def nearest(numerator: int, denominator: int) -> int:
    """``round(numerator / denominator)`` with halves rounding up, in integers."""
    return (2 * numerator + denominator) // (2 * denominator)
