"""Shows for the timeline tests: a small ceremony with every case the picture draws."""

from __future__ import annotations

from datetime import date

from cuesheet.model import (
    Credit,
    Cue,
    CueKind,
    DurationSource,
    Identifiers,
    Role,
    Segment,
    Show,
)
from cuesheet.timing import clock

MSK = "Europe/Moscow"
START = clock.local_to_ms(date(2014, 2, 23), clock.parse_hhmm("20:14"), MSK)
MIN = 60_000
RECORDING = "0f0c3f2a-1234-4a5b-9c1d-0123456789ab"
WORK = "7d2b9c1e-5f3a-4b6c-8d9e-abcdefabcdef"


def at(hhmm: str) -> int:
    """The instant of local ``hhmm`` on the show's day (or the next)."""
    return clock.after(START, clock.parse_hhmm(hhmm), MSK)


def cue(
    number: str,
    title: str,
    ms: int | None,
    kind: CueKind = CueKind.MUSIC,
    source: DurationSource | None = DurationSource.PLANNED,
    composer: str = "",
    ids: Identifiers | None = None,
) -> Cue:
    """A cue; ``ms`` None makes its duration unknown."""
    return Cue(
        number,
        title,
        kind=kind,
        duration_ms=ms,
        duration_source=source if ms is not None else None,
        credits=(Credit(composer, Role.COMPOSER),) if composer else (),
        ids=ids or Identifiers(),
    )


def ceremony() -> Show:
    """A show with timed, estimated, unknown and floating cues, two fixed times and a hard out."""
    return Show(
        'Closing <ceremony> & "friends"',
        MSK,
        START,
        venue="Fisht Olympic Stadium",
        hard_out_ms=at("22:25"),
        segments=(
            Segment(
                "Countdown",
                (
                    cue("1", "Countdown", 90_000, CueKind.EFFECT),
                    cue(
                        "2",
                        "Prelude in C sharp minor",
                        4 * MIN + 17_333,
                        composer="Sergei Rachmaninoff",
                        ids=Identifiers(recording_mbid=RECORDING, work_mbid=WORK),
                    ),
                ),
            ),
            Segment("Anthem", (cue("3", "National Anthem", 93_500, CueKind.ANTHEM),)),
            Segment(
                "Reflections",
                (
                    cue("4", "Piano Concerto No. 2", 6 * MIN, ids=Identifiers(work_mbid=WORK)),
                    cue("4.1", "Something unknown", None),
                    cue("5", "Swan Lake", 5 * MIN, source=DurationSource.ESTIMATE),
                ),
                budget_ms=15 * MIN,
            ),
            Segment(
                "Parade",
                (
                    cue("6", "Parade music", 12 * MIN + 1),
                    cue("7", "Welcome", 3 * MIN, CueKind.SPEECH),
                ),
            ),
            Segment(
                "Speeches",
                (cue("8", "IOC president", 6 * MIN, CueKind.SPEECH),),
                at_ms=at("21:40"),
                at_label="Speeches",
            ),
            Segment(
                "Flame out",
                (cue("9", "Flame music", 4 * MIN), cue("10", "Lullaby", None)),
                at_ms=at("22:04"),
                at_label="Games declared closed",
            ),
            Segment("Next host", (cue("11", "Handover", 8 * MIN, CueKind.OTHER),)),
        ),
    )
