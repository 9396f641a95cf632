"""Items that aired without being in the plan, looked up on MusicBrainz like planned music.

An as-run log gives an extra a title and names: with the roles the log states (a
``composer`` column, a playlist's roles), else credited as performers (a guess).
:func:`resolve_extras` resolves the aired show's music cues that carry no identifiers,
so an extra gets the writers and performers MusicBrainz shows, with their roles, before a
rights sheet credits it.  Aired starts and durations stay as the log gave them.
"""

from __future__ import annotations

from dataclasses import replace

from cuesheet.enrich.musicbrainz import ResolveSettings
from cuesheet.enrich.pipeline import Progress, no_progress, resolve
from cuesheet.model import Show
from cuesheet.timing.engine import Timing


def resolve_extras(
    show: Show, timing: Timing, settings: ResolveSettings, *, progress: Progress = no_progress
) -> tuple[Show, Timing]:
    """``show`` (as aired, with its ``timing``) with its unidentified music resolved.

    Planned cues resolved before are not looked up again; durations never change (a cue
    keeps the aired length), so ``timing`` stays true and only its show is replaced.
    """
    resolved = resolve(show, settings, progress=progress).show
    segments = tuple(
        replace(
            segment,
            cues=tuple(
                replace(new, duration_ms=old.duration_ms, duration_source=old.duration_source)
                for old, new in zip(before.cues, segment.cues, strict=True)
            ),
        )
        for before, segment in zip(show.segments, resolved.segments, strict=True)
    )
    aired = replace(resolved, segments=segments)
    return aired, replace(timing, show=aired)


__all__ = ["resolve_extras"]
