"""The same recording twice in a row (across segment boundaries too)."""

from __future__ import annotations

from collections.abc import Iterator

from cuesheet.checks._text import cue_name, cue_place, where
from cuesheet.checks.context import Context
from cuesheet.checks.finding import Finding, Severity
from cuesheet.checks.rule import Rule
from cuesheet.model import Cue, CueKind
from cuesheet.text import normalise, tokens

REPEATED = Rule(
    "REP001",
    "same-recording-twice",
    Severity.WARNING,
    "Two consecutive cues play the same recording.",
)

RULES = (REPEATED,)

_RECORDED = (CueKind.MUSIC, CueKind.ANTHEM, CueKind.EFFECT)


def same_recording(a: Cue, b: Cue) -> str | None:
    """Why ``a`` and ``b`` are the same recording, or ``None``.

    The most specific identifier both cues carry decides: recording MBID, then
    ISRC, then audio file (and the place in it: two tracks of one CD image
    are two recordings); with none of those, the same title and credits.
    """
    if a.ids.recording_mbid and b.ids.recording_mbid:
        same = a.ids.recording_mbid == b.ids.recording_mbid
        return "the same MusicBrainz recording" if same else None
    if a.ids.isrc and b.ids.isrc:
        return "the same ISRC" if a.ids.isrc == b.ids.isrc else None
    if a.file and b.file:
        same = a.file == b.file and a.file_start_ms == b.file_start_ms
        return "the same audio file" if same else None
    if a.kind not in _RECORDED or b.kind not in _RECORDED:
        return None
    if not normalise(a.title) or normalise(a.title) != normalise(b.title):
        return None
    names_a = tokens(" ".join(c.name for c in a.credits))
    names_b = tokens(" ".join(c.name for c in b.credits))
    return "the same title and credits" if names_a == names_b else None


def check(ctx: Context) -> Iterator[Finding]:
    """A finding for each cue that repeats the recording of the cue just before it."""
    previous: Cue | None = None
    for si, segment in enumerate(ctx.show.segments):
        for ci, cue in enumerate(segment.cues):
            why = same_recording(previous, cue) if previous is not None else None
            if why is not None and previous is not None:
                yield REPEATED.finding(
                    f"{where(segment, cue)}: {why} as {cue_name(previous)} just before it",
                    **cue_place(segment, si, cue, ci),
                )
            previous = cue
