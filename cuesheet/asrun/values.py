"""What aired, as values: :class:`AiredItem` and :class:`AsRun` (a leaf: no reader here).

Times are ms since the Unix epoch (UTC), durations ms.  The readers live in
:mod:`cuesheet.asrun.logs`; alignment, checks and the timeline need only these.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from cuesheet.model import Credit


@dataclass(frozen=True, slots=True)
class AiredItem:
    """One thing that aired."""

    title: str
    credits: str = ""
    """Names as the log writes them (free text)."""
    start_ms: int | None = None
    """When it aired, ms since the Unix epoch (UTC); ``None`` when the log does not say."""
    duration_ms: int | None = None
    """How long it aired, ms, as the log says; ``None`` when it does not."""
    number: str = ""
    """Cue number, when the log carries one."""
    line: int | None = None
    """Line of the log it was read from."""
    start_derived: bool = False
    """True when ``start_ms`` was worked out from the items before it, not read."""
    roles: tuple[Credit, ...] = ()
    """The names with their roles, when the log states them (a ``composer`` column, a
    playlist's credits with roles); empty when it gives only names, which are then taken
    as performers (a log records who was on air)."""


@dataclass(frozen=True, slots=True)
class AsRun:
    """What aired, in the order it aired."""

    items: tuple[AiredItem, ...]
    path: str | None = None

    def timed(self, start_ms: int) -> AsRun:
        """The log with missing start times filled in: each item follows the one before.

        The first item without a time starts at ``start_ms`` (the plan's start);
        an item after one of unknown duration stays unknown.
        """
        items: list[AiredItem] = []
        cursor: int | None = start_ms
        for item in self.items:
            if item.start_ms is None and cursor is not None:
                item = replace(item, start_ms=cursor, start_derived=True)
            if item.start_ms is not None and item.duration_ms is not None:
                cursor = item.start_ms + item.duration_ms
            else:
                cursor = None
            items.append(item)
        return AsRun(tuple(items), self.path)
