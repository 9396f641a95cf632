"""Cue numbers: unique, well formed and ascending in running order (decimal order: 4 < 4.1 < 5)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from cuesheet.checks._text import cue_name, cue_place, where
from cuesheet.checks.context import Context
from cuesheet.checks.finding import Finding, Severity
from cuesheet.checks.rule import Rule
from cuesheet.model import is_valid_cue_number

DUPLICATE = Rule(
    "NUM001",
    "duplicate-cue-number",
    Severity.ERROR,
    "Two cues carry the same number (4 and 4.0 are the same number).",
)
DESCENDING = Rule(
    "NUM002",
    "cue-number-order",
    Severity.WARNING,
    "A cue number is lower than the one before it in running order.",
)
MALFORMED = Rule(
    "NUM003",
    "cue-number-malformed",
    Severity.WARNING,
    "A cue number is not a number such as 7 or 4.1.",
)

RULES = (DUPLICATE, DESCENDING, MALFORMED)


def check(ctx: Context) -> Iterator[Finding]:
    """Every duplicate, out-of-order and malformed cue number."""
    seen: dict[Decimal, str] = {}
    previous: tuple[Decimal, str] | None = None
    for si, segment in enumerate(ctx.show.segments):
        for ci, cue in enumerate(segment.cues):
            fields = cue_place(segment, si, cue, ci)
            if not is_valid_cue_number(cue.number):
                yield MALFORMED.finding(
                    f"{where(segment, cue)}: cue number {cue.number!r} is not a number "
                    "like 7 or 4.1",
                    **fields,
                )
                continue
            key = cue.number_key
            first = seen.get(key)
            if first is not None:
                yield DUPLICATE.finding(
                    f"{where(segment, cue)}: number {cue.number} is already used by {first}",
                    **fields,
                )
            elif previous is not None and key < previous[0]:
                yield DESCENDING.finding(
                    f"{where(segment, cue)}: number {cue.number} comes after {previous[1]}; "
                    "numbers should ascend in running order",
                    **fields,
                )
            seen.setdefault(key, cue_name(cue))
            previous = (key, cue_name(cue))
