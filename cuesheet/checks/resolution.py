"""MusicBrainz resolution: entries left unresolved or ambiguous, recordings longer or shorter
than planned (from ``Cue.match``)."""

from __future__ import annotations

from collections.abc import Iterator

from cuesheet.checks._text import cue_place, where
from cuesheet.checks.context import Context
from cuesheet.checks.finding import Finding, Severity
from cuesheet.checks.rule import Rule
from cuesheet.enrich.musicbrainz import length_disagreement
from cuesheet.model import MatchStatus

UNRESOLVED = Rule(
    "MB001",
    "musicbrainz-unresolved",
    Severity.WARNING,
    "No MusicBrainz work or recording was found for a cue.",
)
AMBIGUOUS = Rule(
    "MB002",
    "musicbrainz-ambiguous",
    Severity.WARNING,
    "Several MusicBrainz candidates fit a cue and none was chosen.",
)

LENGTH = Rule(
    "MB003",
    "musicbrainz-length",
    Severity.WARNING,
    "The MusicBrainz recording of a cue is longer or shorter than its planned duration "
    "beyond the tolerance (the plan is kept).",
)

RULES = (UNRESOLVED, AMBIGUOUS, LENGTH)

_SHOWN_CANDIDATES = 3


def check(ctx: Context) -> Iterator[Finding]:
    """A finding per cue whose resolution is unresolved or ambiguous; unresolved-yet is silent."""
    for si, segment in enumerate(ctx.show.segments):
        for ci, cue in enumerate(segment.cues):
            match = cue.match
            fields = cue_place(segment, si, cue, ci)
            remark = length_disagreement(cue, ctx.tolerance_ms)
            if remark is not None and match is not None and match.duration_ms is not None:
                yield LENGTH.finding(
                    f"{where(segment, cue)}: {remark}",
                    planned_ms=cue.duration_ms,
                    actual_ms=match.duration_ms,
                    delta_ms=match.duration_ms - (cue.duration_ms or 0),
                    **fields,
                )
            if match is None or match.status is MatchStatus.RESOLVED:
                continue
            note = f" ({match.note})" if match.note else ""
            if match.status is MatchStatus.UNRESOLVED:
                yield UNRESOLVED.finding(
                    f"{where(segment, cue)}: not found on MusicBrainz{note}", **fields
                )
                continue
            shown = ", ".join(
                f'"{c.title}" ({c.score})' for c in match.candidates[:_SHOWN_CANDIDATES]
            )
            more = len(match.candidates) - _SHOWN_CANDIDATES
            tail = f" and {more} more" if more > 0 else ""
            yield AMBIGUOUS.finding(
                f"{where(segment, cue)}: ambiguous on MusicBrainz, "
                f"{len(match.candidates)} candidate(s): {shown}{tail}{note}",
                **fields,
            )
