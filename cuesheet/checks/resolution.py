"""MusicBrainz resolution: entries left unresolved or ambiguous (from ``Cue.match``)."""

from __future__ import annotations

from collections.abc import Iterator

from cuesheet.checks._text import cue_place, where
from cuesheet.checks.context import Context
from cuesheet.checks.finding import Finding, Severity
from cuesheet.checks.rule import Rule
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

RULES = (UNRESOLVED, AMBIGUOUS)

_SHOWN_CANDIDATES = 3


def check(ctx: Context) -> Iterator[Finding]:
    """A finding per cue whose resolution is unresolved or ambiguous; unresolved-yet is silent."""
    for si, segment in enumerate(ctx.show.segments):
        for ci, cue in enumerate(segment.cues):
            match = cue.match
            if match is None or match.status is MatchStatus.RESOLVED:
                continue
            fields = cue_place(segment, si, cue, ci)
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
