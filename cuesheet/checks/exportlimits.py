"""Text that an export format cannot carry as written.

CUE sheets (CDRWIN): ``TITLE``, ``PERFORMER`` and ``SONGWRITER`` hold at most
80 bytes and no double quote; a sheet holds at most 99 tracks.  The CUE writer
shortens and replaces (or refuses); these checks say so before the export does,
when a CUE sheet is what the user is making (:attr:`Context.cue_sheet`).
"""

from __future__ import annotations

from collections.abc import Iterator

from cuesheet.checks._text import cue_place, where
from cuesheet.checks.context import Context
from cuesheet.checks.finding import Finding, Severity
from cuesheet.checks.rule import Rule
from cuesheet.model import Role
from cuesheet.outputs.playlist import creator

CUE_TEXT_BYTES = 80
"""Longest CUE ``TITLE``/``PERFORMER``/``SONGWRITER`` text, in bytes (UTF-8)."""
CUE_TRACKS = 99
"""Most tracks one CUE sheet holds."""

TOO_LONG = Rule(
    "EXP001",
    "cue-text-too-long",
    Severity.WARNING,
    "A title, performer or songwriter is longer than the 80 bytes a CUE sheet holds.",
)
QUOTE = Rule(
    "EXP002",
    "cue-text-quote",
    Severity.WARNING,
    "A title, performer or songwriter contains a double quote, which a CUE sheet cannot hold.",
)
TOO_MANY = Rule(
    "EXP003",
    "cue-too-many-tracks",
    Severity.WARNING,
    "The show has more than the 99 tracks a CUE sheet holds.",
)

RULES = (TOO_LONG, QUOTE, TOO_MANY)


def _text_findings(
    field: str, text: str, prefix: str, fields: dict[str, object]
) -> Iterator[Finding]:
    size = len(text.encode("utf-8"))
    if size > CUE_TEXT_BYTES:
        yield TOO_LONG.finding(
            f"{prefix}: {field} is {size} bytes; a CUE sheet holds {CUE_TEXT_BYTES}", **fields
        )
    if '"' in text:
        yield QUOTE.finding(
            f"{prefix}: {field} contains a double quote, which a CUE sheet cannot hold",
            **fields,
        )


def check(ctx: Context) -> Iterator[Finding]:
    """Findings for CUE text limits and the track count (only when making a CUE sheet)."""
    if not ctx.cue_sheet:
        return
    show = ctx.show
    yield from _text_findings("the show title", show.title, "The show", {})
    yield from _text_findings("the venue (PERFORMER)", show.venue, "The show", {})
    total = sum(len(segment.cues) for segment in show.segments)
    count = 0
    for si, segment in enumerate(show.segments):
        for ci, cue in enumerate(segment.cues):
            count += 1
            fields = cue_place(segment, si, cue, ci)
            prefix = where(segment, cue)
            yield from _text_findings("the title", cue.title, prefix, fields)
            yield from _text_findings("the performer", creator(cue), prefix, fields)
            songwriter = " / ".join(cue.names(Role.COMPOSER))
            yield from _text_findings("the songwriter", songwriter, prefix, fields)
            if count == CUE_TRACKS + 1:
                yield TOO_MANY.finding(
                    f"{prefix}: the show has {total} cues and a CUE sheet holds {CUE_TRACKS} "
                    f"tracks; this is the first that does not fit (export with --split)",
                    **fields,
                )
