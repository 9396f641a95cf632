"""Shows shaped like real ones, for the benches, and cuesheet's own exports of them.

:func:`make_show` builds ``n`` cues: music with composers and performers (some
names not Latin, some wide East Asian), speech and effects, 25 cues a segment,
a fixed time every tenth segment, budgets, MusicBrainz identifiers on half the
music, a file on a third of the cues.  :func:`export` writes it the way
``cuesheet export`` does, so a reader is measured on ``#EXTGRP`` lines, XSPF
``<extension>`` blocks and fixed times, not only on plain playlists.
"""

from __future__ import annotations

import random
import sys
import warnings
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from cuesheet.model import (  # noqa: E402
    Credit,
    Cue,
    CueKind,
    DurationSource,
    Identifiers,
    Role,
    Segment,
    Show,
)
from cuesheet.timing import clock  # noqa: E402

TZ = "Europe/Moscow"
_WORDS = ("waltz", "march", "suite", "theme", "anthem", "overture", "nocturne", "polonaise",
          "fanfare", "hymn", "prelude", "romance", "serenade", "dance", "finale")  # fmt: skip
_NAMES = ("Рахманинов", "Tchaikovsky", "Na Yoon-sun", "Björk", "AC/DC", "Simon & Garfunkel",
          "坂本龍一", "Dmitri Shostakovich", "Sade", "Ennio Morricone")  # fmt: skip


def make_show(n: int, seed: int = 1) -> Show:
    """A show of ``n`` cues in segments of 25 (see the module docstring)."""
    rng = random.Random(seed)
    start = clock.local_to_ms(date(2014, 2, 23), clock.parse_hhmm("08:00"), TZ)
    cues = []
    for i in range(n):
        kind = (CueKind.MUSIC, CueKind.MUSIC, CueKind.MUSIC, CueKind.SPEECH, CueKind.EFFECT)[i % 5]
        credits: tuple[Credit, ...] = ()
        ids = Identifiers()
        if kind is CueKind.MUSIC:
            credits = (
                Credit(rng.choice(_NAMES) + f" {i % 97}", Role.COMPOSER),
                Credit(rng.choice(_NAMES), Role.PERFORMER),
            )
            if i % 2 == 0:
                ids = Identifiers(
                    recording_mbid=f"{i:08x}-0000-4000-8000-{i:012x}",
                    work_mbid=f"{i:08x}-1111-4000-8000-{i:012x}",
                )
        title = f'{rng.choice(_WORDS).title()} no {i + 1} "{rng.choice(_WORDS)}"'
        if i % 7 == 0:
            title += " — " + rng.choice(_NAMES)
        cues.append(
            Cue(
                number=str(i + 1),
                title=title,
                kind=kind,
                credits=credits,
                duration_ms=rng.randrange(20, 300) * 1000,
                duration_source=DurationSource.PLANNED,
                ids=ids,
                file=f"audio/{i // 25:04d}/{i + 1:06d} {kind.value}.flac" if i % 3 == 0 else None,
                notes="cue light" if i % 11 == 0 else "",
                crossfade_ms=2000 if kind is CueKind.MUSIC and i % 4 == 1 else 0,
            )
        )
    segments = []
    clock_ms = start
    for k in range(0, n, 25):
        chunk = tuple(cues[k : k + 25])
        length = sum(c.duration_ms or 0 for c in chunk)
        # fixed times (and the hard out) only in the first 20 hours: a show file's
        # clock times must fall within the day after the start
        in_day = clock_ms - start < 20 * 3_600_000
        at_ms = clock_ms if (k // 25) % 10 == 0 and k and in_day else None
        segments.append(
            Segment(
                f"Part {k // 25 + 1}",
                chunk,
                at_ms=at_ms,
                at_label=f"Top of part {k // 25 + 1}" if at_ms else "",
                budget_ms=length + 60_000,
            )
        )
        clock_ms += length
    hard_out = clock_ms + 600_000 if clock_ms - start < 20 * 3_600_000 else None
    return Show("Benchmark show", TZ, start, segments=tuple(segments), venue="Studio 1",
                hard_out_ms=hard_out)  # fmt: skip


def export(show: Show, fmt: str, path: Path) -> None:
    """Write ``show`` in the playlist format ``fmt`` as ``cuesheet export --placeholders`` does."""
    from cuesheet.outputs.placeholders import with_placeholders
    from cuesheet.outputs.playlist import to_playlist
    from cuesheet.outputs.registry import get
    from cuesheet.timing.engine import compute
    from playlists import registry

    target = get(fmt)
    assert target.playlist_format is not None
    show, _ = with_placeholders(show, Path("delivery"))  # as --placeholders names them
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # cues without a file are left out of an M3U
        registry.get(target.playlist_format).dump(
            to_playlist(show, compute(show)), path, **target.fixed, fsync=False
        )
