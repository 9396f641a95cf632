"""The lossless JSON export and its reader."""

from __future__ import annotations

import json
from datetime import date

import pytest

from cuesheet.errors import InputError
from cuesheet.inputs import showjson
from cuesheet.model import (
    Candidate,
    Credit,
    Cue,
    CueKind,
    DurationSource,
    Identifiers,
    Match,
    MatchStatus,
    Role,
    Segment,
    Show,
    UsageCode,
)
from cuesheet.timing import clock
from cuesheet.timing.engine import compute

MSK = "Europe/Moscow"
START = clock.local_to_ms(date(2014, 2, 23), clock.parse_hhmm("20:14"), MSK)

SHOW = Show(
    title="Closing ceremony",
    timezone=MSK,
    start_ms=START,
    venue="Fisht Olympic Stadium",
    hard_out_ms=clock.after(START, clock.parse_hhmm("22:25"), MSK),
    ignore_rules=("CUE010",),
    segments=(
        Segment(
            "Music",
            (
                Cue(
                    "7",
                    "Piano Concerto No. 2",
                    credits=(
                        Credit("Сергей Рахманинов", Role.COMPOSER),
                        Credit("Denis Matsuev", Role.PERFORMER),
                    ),
                    duration_ms=185_000,
                    duration_source=DurationSource.MUSICBRAINZ,
                    ids=Identifiers(
                        work_mbid="a" * 8 + "-0000-0000-0000-" + "b" * 12,
                        artist_mbids=("c" * 8 + "-0000-0000-0000-" + "d" * 12,),
                        isrc="RUA011400001",
                    ),
                    usage=UsageCode.VI,
                    notes='pianos, "62 more"',
                    source_text="Sergei Vasilievich Rachmaninoff - Piano Concerto No. 2",
                    match=Match(
                        MatchStatus.AMBIGUOUS,
                        60,
                        (Candidate("Piano Concerto no. 2", 60, work_mbid="w", why="alias"),),
                    ),
                ),
                Cue("7.5", "Interlude", kind=CueKind.EFFECT, gap_ms=2000, crossfade_ms=500),
            ),
        ),
        Segment(
            "Closed", at_ms=clock.after(START, clock.parse_hhmm("22:04"), MSK), budget_ms=60_000
        ),
    ),
)


def test_round_trip_is_lossless() -> None:
    text = showjson.dumps(SHOW, compute(SHOW))
    assert showjson.loads(text) == SHOW


def test_instants_are_written_in_local_time_and_utc() -> None:
    data = json.loads(showjson.dumps(SHOW, compute(SHOW)))
    assert data["start"] == {
        "ms": START,
        "local": "2014-02-23T20:14:00+04:00",
        "utc": "2014-02-23T16:14:00Z",
    }
    fixed = data["timing"]["fixed"]
    assert [f["label"] for f in fixed] == ["Closed", "Hard out"]
    first_cue = data["segments"][0]["cues"][0]
    assert first_cue["timing"]["front"]["local"] == "2014-02-23T20:14:00+04:00"
    assert "Сергей" in showjson.dumps(SHOW)  # non-ASCII kept as text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "not valid JSON"),
        ("[]", "expected an object"),
        ('{"format": "other"}', "cuesheet JSON export"),
        ('{"format": "cuesheet/show", "timezone": "Nowhere/Here"}', "IANA timezone"),
    ],
)
def test_bad_json_names_file_and_problem(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        showjson.loads(text, "show.json")
    assert str(caught.value).startswith("show.json")


def test_bad_enum_lists_the_choices() -> None:
    data = json.loads(showjson.dumps(SHOW))
    data["segments"][0]["cues"][0]["kind"] = "song"
    with pytest.raises(InputError, match="one of music, anthem"):
        showjson.loads(json.dumps(data), "show.json")
