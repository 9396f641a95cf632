"""The show file: a valid file, bad inputs with file:line messages, round trips, the example."""

from __future__ import annotations

import dataclasses
from datetime import date, time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cuesheet.errors import ExportError, InputError
from cuesheet.inputs import showfile
from cuesheet.inputs.textlist import parse_list
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
    RoleSource,
    Segment,
    Show,
    UsageCode,
)
from cuesheet.timing import clock

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "sochi-2014-closing.yaml"
EXAMPLE_LISTS = ROOT / "examples" / "sochi-2014-lists.txt"

VALID = """\
title: Test ceremony
venue: Test stadium
date: 2014-02-23
timezone: Europe/Moscow
start: 20:14
hard_out: 22:25
ignore: [unknown-duration]
notes: Budgets are estimates.
segments:
  - title: Opening
    budget: 4:00
    notes: |
      Countdown,
      then the boat.
    cues:
      - music: "Modest Mussorgsky - 9th Movement from Pictures at an Exhibition - The Hunt"
        duration: 2:30
        credits: {conductor: Valery Gergiev}
      - speech: Welcome
        duration: 45
  - title: Anthems
    cues:
      - anthem: "Big Children's Choir/Pan-Russian Children Choir \u2013 State Anthem"
        number: 3.5
        usage: vv
      - anthem: NOR National Anthem of Norway
      - title: no
        kind: Effect
        duration: 0:10.250
        duration_source: estimate
        gap: 2
        crossfade: 0:01.5
        file: audio/no.wav
        ids:
          work: 0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0
          recording: 11111111-2222-3333-4444-555555555555
          artists: [aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee]
          isrc: gb-aye-69-00542
          iswc: T-345.246.800-1
        match:
          status: ambiguous
          score: 61
          note: two close candidates
          candidates:
            - title: Candidate A
              score: 61
              work: 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0
              why: title matches
            - title: Candidate B
              score: 58
  - title: Closing
    at: 22:04
    at_label: Games declared closed
    budget: 1:02:03
    cues:
      - credits:
          - performer: Hibla Gerzmava
          - composer: [Igor Krutoy, Igor Nikolayev]
        title: Goodbye, Sochi!
      - other: Fireworks
  - title: After midnight
    at: 00:30
"""

MSK = "Europe/Moscow"


def _at(hhmm: str, day: int = 23) -> int:
    return clock.local_to_ms(date(2014, 2, day), clock.parse_hhmm(hhmm), MSK)


def test_valid_file() -> None:
    show = showfile.loads(VALID, "show.yaml")
    assert (show.title, show.venue, show.timezone) == ("Test ceremony", "Test stadium", MSK)
    assert clock.iso_local(show.start_ms, MSK) == "2014-02-23T20:14:00+04:00"
    assert clock.hhmm_utc(show.start_ms) == "16:14Z"
    assert show.hard_out_ms == _at("22:25")
    assert show.ignore_rules == ("unknown-duration",)
    assert show.notes == "Budgets are estimates."
    opening, anthems, closing, late = show.segments
    assert opening.budget_ms == 240_000
    assert opening.notes == "Countdown,\nthen the boat.\n"
    mussorgsky, welcome = opening.cues
    assert mussorgsky == Cue(
        number="1",
        title="9th Movement from Pictures at an Exhibition - The Hunt",
        kind=CueKind.MUSIC,
        credits=(
            Credit("Modest Mussorgsky", Role.COMPOSER, RoleSource.CONVENTION),
            Credit("Valery Gergiev", Role.CONDUCTOR),
        ),
        duration_ms=150_000,
        duration_source=DurationSource.PLANNED,
        source_text="Modest Mussorgsky - 9th Movement from Pictures at an Exhibition - The Hunt",
    )
    assert (welcome.number, welcome.kind, welcome.title) == ("2", CueKind.SPEECH, "Welcome")
    assert (welcome.duration_ms, welcome.source_text) == (45_000, "")
    russia, norway, effect = anthems.cues
    assert russia.number == "3.5"
    assert russia.usage is UsageCode.VV
    assert russia.names(Role.PERFORMER) == ("Big Children's Choir", "Pan-Russian Children Choir")
    assert (norway.number, norway.title, norway.credits) == ("4", "National Anthem of Norway", ())
    assert norway.source_text == "NOR National Anthem of Norway"
    assert effect.title == "no"  # YAML 1.1 would have said False
    assert effect.kind is CueKind.EFFECT
    assert (effect.duration_ms, effect.duration_source) == (10_250, DurationSource.ESTIMATE)
    assert (effect.gap_ms, effect.crossfade_ms, effect.file) == (2000, 1500, "audio/no.wav")
    assert effect.ids == Identifiers(
        work_mbid="0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
        recording_mbid="11111111-2222-3333-4444-555555555555",
        artist_mbids=("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",),
        isrc="GBAYE6900542",
        iswc="T-345.246.800-1",
    )
    assert effect.match == Match(
        status=MatchStatus.AMBIGUOUS,
        score=61,
        note="two close candidates",
        candidates=(
            Candidate(
                "Candidate A",
                61,
                work_mbid="0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
                why="title matches",
            ),
            Candidate("Candidate B", 58),
        ),
    )
    assert closing.at_ms == _at("22:04")
    assert clock.iso_local(closing.at_ms, MSK) == "2014-02-23T22:04:00+04:00"
    assert closing.at_label == "Games declared closed"
    assert closing.budget_ms == 3_723_000
    song, fireworks = closing.cues
    assert song.credits == (
        Credit("Hibla Gerzmava", Role.PERFORMER),
        Credit("Igor Krutoy", Role.COMPOSER),
        Credit("Igor Nikolayev", Role.COMPOSER),
    )
    assert (song.number, fireworks.number, fireworks.kind) == ("6", "7", CueKind.OTHER)
    # a fixed time earlier in the day than the start is the next day
    assert late.at_ms == _at("00:30", day=24)
    assert late.cues == ()


# (text to replace in VALID, replacement, the whole message); VALID's line numbers:
# 5 start, 10 segment Opening, 16 the Mussorgsky cue, 27 the effect cue, 52 at 22:04.
BAD: list[tuple[str, str, str]] = [
    (
        "    at: 22:04",
        "    at: 22.04",
        "show.yaml:52: segment 'Closing': 'at' must be HH:MM, got '22.04'",
    ),
    ("start: 20:14", "start: 25:00", "show.yaml:5: 'start' must be HH:MM, got '25:00'"),
    ("start: 20:14", "start: [20, 14]", "show.yaml:5: 'start' must be text, got a list"),
    ("hard_out: 22:25", "hard_out: late", "show.yaml:6: 'hard_out' must be HH:MM, got 'late'"),
    (
        "date: 2014-02-23",
        "date: 23.02.2014",
        "show.yaml:3: 'date' must be YYYY-MM-DD, got '23.02.2014'",
    ),
    (
        "date: 2014-02-23",
        "date: 2014-02-30",
        "show.yaml:3: 'date' must be a real date YYYY-MM-DD, got '2014-02-30'",
    ),
    (
        "timezone: Europe/Moscow",
        "timezone: Europe/Moskow",
        "show.yaml:4: 'timezone' must be an IANA name such as Europe/Moscow, got 'Europe/Moskow' "
        "(did you mean 'Europe/Moscow'?)",
    ),
    (
        "timezone: Europe/Moscow\n",
        "",
        "show.yaml:1: 'timezone' is required (an IANA name such as Europe/Moscow)",
    ),
    (
        "title: Test ceremony\n",
        "title: ''\n",
        "show.yaml:1: 'title' must not be empty (the show's name)",
    ),
    ("venue: Test", "venu: Test", "show.yaml:2: unknown key 'venu' (did you mean 'venue'?)"),
    (
        "notes: Budgets",
        "colour: Budgets",
        "show.yaml:8: unknown key 'colour'; expected one of title, venue, channel, production, "
        "contact, date, timezone, start, hard_out, ignore, notes, works, segments",
    ),
    (
        "venue: Test stadium\n",
        "venue: Test stadium\ntitle: Again\n",
        "show.yaml:3: duplicate key 'title' (first at line 1)",
    ),
    (
        "    budget: 4:00",
        "    budjet: 4:00",
        "show.yaml:11: segment 'Opening': unknown key 'budjet' (did you mean 'budget'?)",
    ),
    (
        "    budget: 4:00",
        "    budget: four minutes",
        "show.yaml:11: segment 'Opening': 'budget' must be a duration like 3:25, 1:02:03 "
        "or 166 (seconds), got 'four minutes'",
    ),
    (
        "  - title: Opening\n",
        "  - at_lable: x\n",
        "show.yaml:10: segment 1: unknown key 'at_lable' (did you mean 'at_label'?)",
    ),
    (
        "  - title: Opening\n",
        "  - at_label: ''\n",
        "show.yaml:10: segment 1: 'title' is required (the segment's name)",
    ),
    (
        "  - title: After midnight\n    at: 00:30\n",
        "  - After midnight\n",
        "show.yaml:61: segment 4: expected a segment (a mapping), got 'After midnight'",
    ),
    (
        "    at_label: Games declared closed\n",
        "    at_label: Games declared closed\n    at_label: again\n",
        "show.yaml:54: segment 'Closing': duplicate key 'at_label' (first at line 53)",
    ),
    (
        "    at: 22:04\n",
        "",
        "show.yaml:52: segment 'Closing': 'at_label' needs a fixed time in 'at' (HH:MM)",
    ),
    (
        "        duration: 2:30\n",
        "        duration: 2:75\n",
        "show.yaml:17: segment 'Opening', cue 1: 'duration' must be a duration like 3:25, "
        "1:02:03 or 166 (seconds), got '2:75'",
    ),
    (
        "      - speech: Welcome\n",
        "      - speech: Welcome\n        music: A - B\n",
        "show.yaml:20: segment 'Opening', cue 2: a cue has one kind, got speech and music",
    ),
    (
        "      - speech: Welcome\n",
        "      - speech: Welcome\n        title: Hello\n",
        "show.yaml:20: segment 'Opening', cue 2: 'title' does not go with the short form "
        "'speech: ...'; write either that or 'title:' and 'kind:'",
    ),
    (
        "      - speech: Welcome\n",
        "      - speech: ''\n",
        "show.yaml:19: segment 'Opening', cue 2: 'speech' must not be empty",
    ),
    (
        "      - speech: Welcome\n        duration: 45\n",
        "      - Welcome\n",
        "show.yaml:19: segment 'Opening', cue 2: expected a cue such as "
        "'music: \"Composer - Title\"' or 'title: ...', got 'Welcome'",
    ),
    (
        '      - music: "Modest Mussorgsky - 9th Movement from Pictures at an Exhibition - The',
        '      - music: "Fanfare',
        "show.yaml:16: segment 'Opening', cue 1: 'music' expected '- <names> - <title>' (a "
        "hyphen or dash with spaces around it) or '- <country code> <title>', got "
        "'Fanfare Hunt'; for a cue without names write 'title:' and 'kind: music'",
    ),
    (
        "        credits: {conductor: Valery Gergiev}",
        "        credits: {condcutor: Valery Gergiev}",
        "show.yaml:18: segment 'Opening', cue 1: unknown key 'condcutor' (did you mean "
        "'conductor'?)",
    ),
    (
        "        credits: {conductor: Valery Gergiev}",
        "        credits: {conductor: [Valery Gergiev, '']}",
        "show.yaml:18: segment 'Opening', cue 1: 'conductor' must not contain an empty name",
    ),
    (
        "        number: 3.5",
        "        number: 3,5",
        "show.yaml:24: segment 'Anthems', cue 3: 'number' must be like 7 or 4.1, got '3,5'",
    ),
    (
        "        number: 3.5",
        "        number: 1.0",
        "show.yaml:24: segment 'Anthems', cue 3: cue number 1.0 is already used at line 16",
    ),
    (
        "        usage: vv",
        "        usage: XX",
        "show.yaml:25: segment 'Anthems', cue 3.5: 'usage' must be one of BI, BV, VI, VV, MT, "
        "ET, TH, LOGO, SM, got 'XX'",
    ),
    (
        "        kind: Effect",
        "        kind: song",
        "show.yaml:28: segment 'Anthems', cue 5: 'kind' must be one of music, anthem, speech, "
        "effect, other, got 'song'",
    ),
    (
        "      - title: no\n",
        "      - title:\n",
        "show.yaml:27: segment 'Anthems', cue 5: 'title' is required (what the cue is)",
    ),
    (
        "        duration: 0:10.250\n",
        "",
        "show.yaml:29: segment 'Anthems', cue 5: 'duration_source' needs a 'duration'",
    ),
    (
        "        duration_source: estimate",
        "        duration_source: guess",
        "show.yaml:30: segment 'Anthems', cue 5: 'duration_source' must be one of file, planned, "
        "musicbrainz, estimate, got 'guess'",
    ),
    (
        "        gap: 2",
        "        gap: -2",
        "show.yaml:31: segment 'Anthems', cue 5: 'gap' must be a duration like 3:25, 1:02:03 "
        "or 166 (seconds), got '-2'",
    ),
    (
        "          work: 0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0",
        "          work: 12345",
        "show.yaml:35: segment 'Anthems', cue 5: 'work' must be a MusicBrainz id (a UUID), "
        "got '12345'",
    ),
    (
        "          isrc: gb-aye-69-00542",
        "          isrc: 12",
        "show.yaml:38: segment 'Anthems', cue 5: 'isrc' must be like GBAYE6900542, got '12'",
    ),
    (
        "          iswc: T-345.246.800-1",
        "          iswc: 345",
        "show.yaml:39: segment 'Anthems', cue 5: 'iswc' must be like T-345.246.800-1, got '345'",
    ),
    (
        "          isrc: gb-aye-69-00542",
        "          isrcs: gb-aye-69-00542",
        "show.yaml:38: segment 'Anthems', cue 5: unknown key 'isrcs' (did you mean 'isrc'?)",
    ),
    (
        "          status: ambiguous",
        "          status: maybe",
        "show.yaml:41: segment 'Anthems', cue 5: 'status' must be one of resolved, ambiguous, "
        "unresolved, got 'maybe'",
    ),
    (
        "          score: 61",
        "          score: 101",
        "show.yaml:42: segment 'Anthems', cue 5: 'score' must be a whole number 0-100, got '101'",
    ),
    (
        "              score: 58\n",
        "",
        "show.yaml:49: segment 'Anthems', cue 5: 'score' is required (0-100)",
    ),
    (
        "          - composer: [Igor Krutoy, Igor Nikolayev]",
        "          - [Igor Krutoy, Igor Nikolayev]",
        "show.yaml:58: segment 'Closing', cue 6: expected credits by role (a mapping), got a list",
    ),
    (
        "  - title: Opening\n    budget: 4:00\n",
        "  - title: Opening\n\tbudget: 4:00\n",
        "show.yaml:11: not valid YAML: found character '\\t' that cannot start any token",
    ),
    (
        "ignore: [unknown-duration]",
        "ignore: [unknown-duration",
        "show.yaml:8: not valid YAML: expected ',' or ']', but got ':'",
    ),
]


@pytest.mark.parametrize(("old", "new", "message"), BAD)
def test_bad_input(old: str, new: str, message: str) -> None:
    assert old in VALID, old
    text = VALID.replace(old, new, 1)
    with pytest.raises(InputError) as caught:
        showfile.loads(text, "show.yaml")
    assert str(caught.value) == message
    assert caught.value.path == "show.yaml"
    assert caught.value.line == int(message.split(":")[1])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "show.yaml: empty show file: expected a mapping with title, timezone..."),
        ("- a\n- b\n", "show.yaml:1: expected a show (a mapping), got a list"),
        ("a: 1\n---\nb: 2\n", "show.yaml:2: not valid YAML: but found another document"),
        ("[1, 2]: x\n", "show.yaml:1: keys must be text, got a list"),
        (
            "title: t\ntimezone: UTC\ndate: 2014-01-01\nstart: 10:00\nsegments: 3\n",
            "show.yaml:5: 'segments' must be a list, got '3'",
        ),
        (
            "title: t\ntimezone: UTC\ndate: 2014-01-01\nstart: 10:00\n",
            "show.yaml:1: 'segments' is required (a list of segments)",
        ),
    ],
)
def test_bad_documents(text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        showfile.loads(text, "show.yaml")
    assert str(caught.value) == message


def test_load_reads_files_and_names_them(tmp_path: Path) -> None:
    path = tmp_path / "show.yaml"
    path.write_text(VALID.replace("    at: 22:04", "    at: 22.04"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        showfile.load(path)
    assert str(caught.value) == f"{path}:52: segment 'Closing': 'at' must be HH:MM, got '22.04'"
    with pytest.raises(InputError, match="no such file"):
        showfile.load(tmp_path / "missing.yaml")


def test_round_trip_of_the_valid_file() -> None:
    show = showfile.loads(VALID, "show.yaml")
    text = showfile.dumps(show)
    assert showfile.loads(text) == show
    assert showfile.dumps(showfile.loads(text)) == text
    # times, dates and numbers are written as people write them, not quoted
    assert "start: 20:14\n" in text
    assert "date: 2014-02-23\n" in text
    assert "    at: 00:30\n" in text
    assert "- effect: 'no'\n" in text or "title: 'no'\n" in text


def test_round_trip_of_a_list_show() -> None:
    from cuesheet.inputs.textlist import list_to_show

    text = "== Music ==\n- A/B - T - U\n==Anthems==\n- C \u2014 D\n=== V ===\n- NOR N\n"
    show = list_to_show(parse_list(text), title="L", timezone="Europe/Moscow", start_ms=0)
    dumped = showfile.dumps(show)
    assert "- music: A/B - T - U\n" in dumped
    assert showfile.loads(dumped) == show


def test_dump_writes_atomically(tmp_path: Path) -> None:
    show = showfile.loads(VALID)
    target = tmp_path / "out.yaml"
    showfile.dump(show, target)
    assert showfile.load(target) == show
    assert [p.name for p in tmp_path.iterdir()] == ["out.yaml"]
    with pytest.raises(ExportError, match="cannot write"):
        showfile.dump(show, tmp_path / "missing-dir" / "out.yaml")
    # a show that cannot be written leaves the existing file alone
    before = target.read_bytes()
    with pytest.raises(ExportError):
        showfile.dump(dataclasses.replace(show, title=" "), target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["out.yaml"]


def test_dumps_refuses_what_a_show_file_cannot_say() -> None:
    show = showfile.loads(VALID)
    with pytest.raises(ExportError, match="whole second"):
        showfile.dumps(dataclasses.replace(show, start_ms=show.start_ms + 1))
    late = dataclasses.replace(show.segments[0], at_ms=show.start_ms + 2 * 86_400_000)
    with pytest.raises(ExportError, match="within the day after the start"):
        showfile.dumps(dataclasses.replace(show, segments=(late,)))
    unlabelled = dataclasses.replace(show.segments[0], at_label="x")
    with pytest.raises(ExportError, match="at_label without a fixed time"):
        showfile.dumps(dataclasses.replace(show, segments=(unlabelled,)))
    twice = dataclasses.replace(show.segments[0], cues=show.segments[0].cues * 2)
    with pytest.raises(ExportError, match="used twice"):
        showfile.dumps(dataclasses.replace(show, segments=(twice,)))


# --------------------------------------------------------------------------- hypothesis

_TEXT = st.text(
    alphabet=st.characters(
        whitelist_categories=("L", "N", "P", "S", "Zs"), blacklist_characters="\u2028\u2029\x85"
    ),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip() != "")
_NAME = (
    st.text(alphabet="abcdefgh XYZ-'.", min_size=1, max_size=12)
    .map(str.strip)
    .filter(lambda s: s != "" and " and " not in f" {s} " and not s.startswith(("-", "'")))
)
_MS = st.integers(min_value=0, max_value=10 * 3_600_000)
_MBID = st.uuids().map(str)
_IDS = st.builds(
    Identifiers,
    work_mbid=st.none() | _MBID,
    recording_mbid=st.none() | _MBID,
    artist_mbids=st.lists(_MBID, max_size=2).map(tuple),
    isrc=st.none() | st.from_regex(r"\A[A-Z]{2}[A-Z0-9]{3}\d{7}\Z"),
    iswc=st.none() | st.from_regex(r"\AT-\d{3}\.\d{3}\.\d{3}-\d\Z"),
)
_MATCH = st.builds(
    Match,
    status=st.sampled_from(MatchStatus),
    score=st.integers(0, 100),
    candidates=st.lists(
        st.builds(
            Candidate,
            title=_TEXT,
            score=st.integers(0, 100),
            work_mbid=st.none() | _MBID,
            recording_mbid=st.none() | _MBID,
            why=st.just("") | _TEXT,
        ),
        max_size=2,
    ).map(tuple),
    note=st.just("") | _TEXT,
    duration_ms=st.none() | _MS,
    duration_source=st.sampled_from([DurationSource.MUSICBRAINZ, DurationSource.ESTIMATE]),
).map(lambda m: m if m.duration_ms is not None else dataclasses.replace(m, duration_source=None))


@st.composite
def _cue(draw: st.DrawFn) -> Cue:
    kind = draw(st.sampled_from(CueKind))
    credits = tuple(
        draw(
            st.lists(
                st.builds(
                    Credit,
                    name=_NAME,
                    role=st.sampled_from(Role),
                    source=st.sampled_from(RoleSource),
                ),
                max_size=3,
            )
        )
    )
    duration = draw(st.none() | _MS)
    title = draw(_TEXT)
    source = draw(st.just("") | _TEXT)
    if kind in (CueKind.MUSIC, CueKind.ANTHEM) and draw(st.booleans()):
        names = draw(st.lists(_NAME, min_size=1, max_size=2))
        role, role_source = (Role.PERFORMER, RoleSource.CONVENTION)
        if kind is CueKind.MUSIC:
            role, role_source = draw(
                st.sampled_from(
                    [(Role.COMPOSER, RoleSource.CONVENTION), (Role.PERFORMER, RoleSource.STATED)]
                )
            )
        title = draw(_NAME)
        source = f"{' / '.join(names)} \u2013 {title}"
        credits = tuple(Credit(name, role, role_source) for name in names) + credits
    return Cue(
        number="0",  # numbered by _show
        title=title,
        kind=kind,
        credits=credits,
        duration_ms=duration,
        duration_source=None if duration is None else draw(st.sampled_from(DurationSource)),
        ids=draw(_IDS),
        file=draw(st.none() | _TEXT),
        usage=draw(st.none() | st.sampled_from(UsageCode)),
        notes=draw(st.just("") | _TEXT | st.just("two\nlines\n")),
        source_text=source,
        match=draw(st.none() | _MATCH),
        gap_ms=draw(st.just(0) | _MS),
        crossfade_ms=draw(st.just(0) | _MS),
    )


@st.composite
def _show(draw: st.DrawFn) -> Show:
    timezone = draw(st.sampled_from(["UTC", "Europe/Moscow", "America/New_York", "Asia/Seoul"]))
    day = draw(st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)))
    start_clock = time(draw(st.integers(0, 23)), draw(st.integers(0, 59)))
    # keep clear of DST changes, where a wall-clock time can be missing or twice
    try:
        start_ms = clock.local_to_ms(day, start_clock, timezone)
    except ValueError:  # the clocks skip this time that day
        start_clock = time(12, 0)
        start_ms = clock.local_to_ms(day, start_clock, timezone)
    if clock.from_ms(start_ms, timezone).time() != start_clock:
        start_ms = clock.local_to_ms(day, time(12, 0), timezone)

    def fixed(draw_minutes: int) -> int:
        moment = clock.from_ms(start_ms + draw_minutes * 60_000, timezone)
        return clock.after(start_ms, moment.time(), timezone)

    segments = []
    number = 0
    for _ in range(draw(st.integers(0, 3))):
        cues = []
        for cue in draw(st.lists(_cue(), max_size=3)):
            number += 1
            written = draw(st.sampled_from([str(number), f"{number}.{draw(st.integers(1, 9))}"]))
            cues.append(dataclasses.replace(cue, number=written))
        at = draw(st.none() | st.integers(0, 600).map(fixed))
        segments.append(
            Segment(
                title=draw(_TEXT),
                cues=tuple(cues),
                at_ms=at,
                at_label="" if at is None else draw(st.just("") | _TEXT),
                budget_ms=draw(st.none() | _MS),
                notes=draw(st.just("") | _TEXT),
            )
        )
    hard_out = draw(st.none() | st.integers(0, 600).map(fixed))
    return Show(
        title=draw(_TEXT),
        timezone=timezone,
        start_ms=start_ms,
        segments=tuple(segments),
        venue=draw(st.just("") | _TEXT),
        hard_out_ms=hard_out,
        ignore_rules=tuple(
            draw(st.lists(st.sampled_from(["TIM003", "unknown-duration", "mb001"]), max_size=2))
        ),
        notes=draw(st.just("") | _TEXT),
    )


def _normalised(show: Show) -> Show:
    """What a show file can say: a duration's source defaults to planned."""
    segments = []
    for segment in show.segments:
        cues = tuple(
            dataclasses.replace(
                cue,
                duration_source=None
                if cue.duration_ms is None
                else cue.duration_source or DurationSource.PLANNED,
            )
            for cue in segment.cues
        )
        segments.append(dataclasses.replace(segment, cues=cues))
    return dataclasses.replace(show, segments=tuple(segments))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_show())
def test_round_trip_property(show: Show) -> None:
    text = showfile.dumps(show)
    assert showfile.loads(text, "generated.yaml") == _normalised(show), text


# --------------------------------------------------------------------------- the example


@pytest.mark.skipif(not EXAMPLE.exists(), reason="example not written yet")
def test_example_loads_and_places_every_list_entry_once() -> None:
    show = showfile.load(EXAMPLE)
    assert show.timezone == "Europe/Moscow"
    assert clock.iso_local(show.start_ms, show.timezone) == "2014-02-23T20:14:00+04:00"
    assert clock.hhmm_utc(show.start_ms) == "16:14Z"
    assert show.hard_out_ms is not None
    assert clock.iso_local(show.hard_out_ms, show.timezone) == "2014-02-23T22:25:00+04:00"
    closed = [s for s in show.segments if s.at_ms is not None]
    assert [clock.hhmmss_local(s.at_ms or 0, show.timezone) for s in closed] == ["22:04:00"]
    pyeongchang = [s for s in show.segments if "Pyeongchang" in s.title]
    assert [s.budget_ms for s in pyeongchang] == [8 * 60_000]
    sections = parse_list(EXAMPLE_LISTS.read_text(encoding="utf-8"))
    entries = [(item, section) for section in sections for item in section.items]
    assert len(entries) == 21
    placed = [cue for _, cue in show.cues() if cue.source_text]
    for item, section in entries:
        cues = [cue for cue in placed if cue.source_text == item.text]
        assert len(cues) == 1, item.text
        (cue,) = cues
        assert (cue.kind, cue.title) == (section.kind, item.title)
        assert cue.names(section.role)[: len(item.names)] == item.names
    assert len(placed) == 21
    # each list's entries run in list order through the show
    order = [cue.source_text for cue in placed]
    for section in sections:
        positions = [order.index(item.text) for item in section.items]
        assert positions == sorted(positions), section.title
    assert showfile.loads(showfile.dumps(show)) == show
    # the seed's own lists hold the same entries, when /work/shared is there
    seed = next(
        (
            p / "shared" / "seeds" / "article-closing-ceremony.txt"
            for p in Path(__file__).resolve().parents
            if (p / "shared" / "seeds").is_dir()
        ),
        None,
    )
    if seed is not None:
        seed_items = [
            i.text for sec in parse_list(seed.read_text(encoding="utf-8")) for i in sec.items
        ]
        assert seed_items == [item.text for item, _ in entries]
    numbers = [cue.number_key for _, cue in show.cues()]
    assert numbers == sorted(numbers)


def test_the_documented_example_loads() -> None:
    doc = (ROOT / "docs" / "show-file.md").read_text(encoding="utf-8")
    block = doc.split("```yaml\n", 1)[1].split("```", 1)[0]
    show = showfile.loads(block, "docs/show-file.md")
    assert [s.title for s in show.segments] == [
        "Opening countdown",
        "National anthem",
        "Medal ceremonies",
        "Games declared closed",
        "Fireworks",
    ]
    numbers = [cue.number for _, cue in show.cues()]
    assert numbers == ["1", "2", "3", "4", "9.5", "10", "11", "12"]
    assert showfile.loads(showfile.dumps(show)) == show


def test_dump_gives_the_usual_permissions(tmp_path: Path) -> None:
    import os

    old = os.umask(0o022)
    try:
        showfile.dump(showfile.loads(VALID), tmp_path / "shared.yaml")
    finally:
        os.umask(old)
    assert (tmp_path / "shared.yaml").stat().st_mode & 0o777 == 0o644


def test_ignore_codes_are_read_as_written_and_checked_by_the_checks() -> None:
    """The parser reads the list; the check codes are known (and refused) in cuesheet.checks."""
    from cuesheet.checks import check

    text = VALID.replace("ignore: [unknown-duration]", "ignore: [TIM003, NOPE9]", 1)
    show = showfile.loads(text, "show.yaml")
    assert show.ignore_rules == ("TIM003", "NOPE9")
    with pytest.raises(InputError, match=r"unknown check 'NOPE9'"):
        check(show)


# --------------------------------------------------------------------------- roles (issue 11)


def _one_cue(cue_yaml: str) -> Cue:
    text = (
        "title: T\ndate: 2014-02-23\ntimezone: UTC\nstart: 20:00\n"
        f"segments:\n  - title: S\n    cues:\n      - {cue_yaml}\n"
    )
    return showfile.loads(text, "s.yaml").segments[0].cues[0]


def test_song_key_makes_the_names_performers() -> None:
    cue = _one_cue('song: "Madness - Our House"')
    assert (cue.kind, cue.title, cue.source_text) == (
        CueKind.MUSIC,
        "Our House",
        "Madness - Our House",
    )
    assert cue.credits == (Credit("Madness", Role.PERFORMER, RoleSource.STATED),)
    music = _one_cue('music: "Madness - Our House"')
    assert music.credits == (Credit("Madness", Role.COMPOSER, RoleSource.CONVENTION),)
    assert music.credits[0].guessed and not cue.credits[0].guessed


def test_song_key_is_written_back() -> None:
    show = showfile.loads(
        "title: T\ndate: 2014-02-23\ntimezone: UTC\nstart: 20:00\n"
        "segments:\n  - title: S\n    cues:\n      - song: Madness - Our House\n"
    )
    text = showfile.dumps(show)
    assert "song: Madness - Our House" in text
    assert showfile.loads(text) == show


def test_credits_say_where_their_roles_came_from() -> None:
    cue = _one_cue(
        "title: Arirang\n        credits:\n"
        "          - {performer: Na Yoon-sun, from: musicbrainz}\n"
        "          - {composer: Somebody}"
    )
    assert cue.credits == (
        Credit("Na Yoon-sun", Role.PERFORMER, RoleSource.MUSICBRAINZ),
        Credit("Somebody", Role.COMPOSER, RoleSource.STATED),
    )
    with pytest.raises(InputError, match="'from' must be one of convention, stated, musicbrainz"):
        _one_cue("title: A\n        credits: {performer: B, from: wikipedia}")


def test_corrected_roles_are_written_in_full() -> None:
    corrected = Cue(
        number="1",
        title="Arirang",
        credits=(Credit("Na Yoon-sun", Role.PERFORMER, RoleSource.MUSICBRAINZ),),
        source_text="Na Yoon-sun - Arirang",
        match=Match(
            MatchStatus.RESOLVED,
            90,
            duration_ms=275_000,
            duration_source=DurationSource.MUSICBRAINZ,
        ),
    )
    show = Show("T", "UTC", 0, (Segment("S", (corrected,)),))
    text = showfile.dumps(show)
    assert "music: Na Yoon-sun - Arirang" not in text  # it would read back as a composer
    assert "source: Na Yoon-sun - Arirang" in text
    assert "from: musicbrainz" in text
    assert "duration: 4:35" in text
    assert showfile.loads(text) == show
