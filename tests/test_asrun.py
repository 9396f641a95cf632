"""Reading as-run logs: CSV variants, line-numbered errors, playlists and shows."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cuesheet.asrun.logs import from_playlist, from_show, load, loads_csv
from cuesheet.asrun.values import AiredItem, AsRun
from cuesheet.errors import InputError
from cuesheet.inputs import showjson
from cuesheet.model import Credit, Cue, Role, RoleSource, Segment, Show
from cuesheet.timing import clock
from playlists.errors import DecodingWarning
from playlists.model import Credit as PlaylistCredit
from playlists.model import CueData, Entry, Playlist

TZ = "Europe/Moscow"
START = clock.local_to_ms(date(2014, 2, 23), clock.parse_hhmm("20:14"), TZ)


def local(ms: int | None) -> str:
    assert ms is not None
    return clock.iso_local(ms, TZ)


def read(text: str) -> AsRun:
    return loads_csv(text, timezone=TZ, near_ms=START, path="asrun.csv")


def test_plain_log_with_local_times() -> None:
    log = read(
        "time aired,title,credits,duration,cue\n"
        "20:14:05,Pictures at an Exhibition,Modest Mussorgsky,3:02,1\n"
        '20:17:10,"Goodbye, Sochi!",Igor Krutoy / Igor Nikolayev,,2\n'
    )
    first, second = log.items
    assert first == AiredItem(
        "Pictures at an Exhibition", "Modest Mussorgsky", START + 5_000, 182_000, "1", 2
    )
    assert local(second.start_ms) == "2014-02-23T20:17:10+04:00"
    assert second.title == "Goodbye, Sochi!" and second.duration_ms is None
    assert second.credits == "Igor Krutoy / Igor Nikolayev" and second.line == 3


@pytest.mark.parametrize(
    ("header", "delimiter"),
    [
        ("Time Aired;Track;Artist;Length;Cue No", ";"),
        ("AIR_TIME\tSONG TITLE\tPERFORMER\tDUR\tCUE #", "\t"),
        ("start time|work|composer|actual duration|number", "|"),
        ("Timestamp,Item,By,Runtime,No", ","),
    ],
)
def test_header_variants_and_delimiters(header: str, delimiter: str) -> None:
    row = delimiter.join(["21:03:10", "Swan Lake", "Tchaikovsky", "2:05", "7"])
    (item,) = read(f"{header}\n{row}\n").items
    assert (item.title, item.credits, item.duration_ms, item.number) == (
        "Swan Lake",
        "Tchaikovsky",
        125_000,
        "7",
    )
    assert local(item.start_ms) == "2014-02-23T21:03:10+04:00"


def test_bom_crlf_comments_blank_lines_and_several_credit_columns() -> None:
    text = (
        "\ufeff# as-run, OBS feed\r\n"
        "\r\n"
        "Time,Title,Composer,Performer\r\n"
        "# the countdown\r\n"
        "20:14:00,Pictures at an Exhibition,Mussorgsky,Mariinsky Orchestra\r\n"
        "\r\n"
        "20:17:00,Waltz,,Sochi Choir\r\n"
    )
    first, second = read(text).items
    assert first.credits == "Mussorgsky / Mariinsky Orchestra" and first.line == 5
    assert second.credits == "Sochi Choir" and second.line == 7


def test_time_formats() -> None:
    log = read(
        "time,title\n"
        "2014-02-23T20:14:00+04:00,a\n"
        "2014-02-23T16:20:00Z,b\n"
        "2014-02-23 20:30:00,c\n"
        "20:40:00.250,d\n"
        "20:50:00:05,e\n"
        "21:05,f\n"
    )
    assert [local(i.start_ms) for i in log.items[:3]] == [
        "2014-02-23T20:14:00+04:00",
        "2014-02-23T20:20:00+04:00",
        "2014-02-23T20:30:00+04:00",
    ]
    assert log.items[3].start_ms == START + 26 * 60_000 + 250
    assert log.items[4].start_ms == START + 36 * 60_000 + 200  # 5 frames at 25 fps
    assert local(log.items[5].start_ms) == "2014-02-23T21:05:00+04:00"


def test_wall_clock_runs_past_midnight() -> None:
    log = loads_csv(
        "time,title\n23:58:00,a\n00:03:00,b\n",
        timezone=TZ,
        near_ms=clock.local_to_ms(date(2014, 2, 23), clock.parse_hhmm("23:50"), TZ),
    )
    assert [local(i.start_ms) for i in log.items] == [
        "2014-02-23T23:58:00+04:00",
        "2014-02-24T00:03:00+04:00",
    ]


def test_wall_clock_runs_through_a_change_of_offset() -> None:
    london = "Europe/London"
    log = loads_csv(
        "time,title\n23:30:00,a\n00:40:00,b\n01:50:00,c\n03:00:00,d\n12:00:00,d\n23:55:00,e\n00:05:00,f\n",
        timezone=london,
        near_ms=clock.local_to_ms(date(2014, 10, 25), clock.parse_hhmm("22:00"), london),
    )
    assert [clock.iso_local(i.start_ms or 0, london) for i in log.items] == [
        "2014-10-25T23:30:00+01:00",
        "2014-10-26T00:40:00+01:00",
        "2014-10-26T01:50:00+01:00",  # happens twice that night: the first
        "2014-10-26T03:00:00+00:00",
        "2014-10-26T12:00:00+00:00",
        "2014-10-26T23:55:00+00:00",
        "2014-10-27T00:05:00+00:00",
    ]


def test_a_wall_clock_skipped_that_day_is_refused_with_its_line() -> None:
    london = "Europe/London"
    with pytest.raises(InputError, match=r"asrun\.csv:3: time aired"):
        loads_csv(
            "time,title\n00:50:00,a\n01:30:00,b\n",
            timezone=london,
            near_ms=clock.local_to_ms(date(2014, 3, 30), clock.parse_hhmm("00:45"), london),
            path="asrun.csv",
        )


def test_duration_formats() -> None:
    log = read("title,duration\na,205\nb,205.5\nc,1:02:03\nd,00:03:25:10\ne,3:25.5\n")
    assert [i.duration_ms for i in log.items] == [205_000, 205_500, 3_723_000, 205_400, 205_500]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("time,title\n20:14:00,a\n21:3O:00,b\n", 3, "time aired: expected HH:MM:SS (local)"),
        ("time,title\n25:00:00,a\n", 2, "got '25:00:00'"),
        ("title,duration\na,3:2x\n", 2, "duration: expected a duration like 3:25"),
        ("time,artist\n20:14:00,a\n", 1, "no title column in the header: expected one of title"),
        ("title,artist\n,Nobody\n", 2, "title: expected the title of what aired"),
        ('title\n"unterminated\n', 2, "not CSV"),
        ("# only a comment\n\n", None, "empty as-run log"),
        ("title,credits\n", None, "no items under the header"),
    ],
)
def test_bad_input_names_file_and_line(text: str, line: int | None, message: str) -> None:
    with pytest.raises(InputError) as caught:
        read(text)
    error = caught.value
    assert error.path == "asrun.csv" and error.line == line
    assert message in str(error)
    assert str(error).startswith("asrun.csv:" if line is None else f"asrun.csv:{line}: ")


def test_line_numbers_count_comments_blank_lines_and_multiline_cells() -> None:
    text = '# log\n\ntitle,time\n"Two\nlines",20:14:00\nb,nope\n'
    with pytest.raises(InputError, match=r"^asrun.csv:6: time aired"):
        read(text)


def test_a_legacy_log_is_read_with_a_warning_and_a_wrong_encoding_names_the_line(
    tmp_path: Path,
) -> None:
    path = tmp_path / "asrun.csv"
    path.write_bytes("title\r\nok\r\nCaf\u00e9 cr\u00e8me\r\n".encode("latin-1"))
    plan = Show("Plan", TZ, START)
    with pytest.warns(DecodingWarning, match=r"asrun\.csv: not UTF-8: read as cp1252"):
        assert [i.title for i in load(path, plan).items] == ["ok", "Café crème"]
    with pytest.raises(InputError, match=r"asrun.csv:3: not utf-8 text"):
        load(path, plan, encoding="utf-8")


def test_missing_times_follow_on_from_the_plan_start() -> None:
    log = read("title,duration\na,1:00\nb,2:00\nc,\nd,1:00\n").timed(START)
    assert [i.start_ms for i in log.items] == [START, START + 60_000, START + 180_000, None]
    assert all(i.start_derived for i in log.items[:3])
    logged = read("time,title,duration\n20:20:00,a,1:00\n,b,1:00\n").timed(START)
    assert [i.start_ms for i in logged.items] == [START + 360_000, START + 420_000]
    assert [i.start_derived for i in logged.items] == [False, True]


def test_from_playlist_keeps_start_times_and_credits() -> None:
    playlist = Playlist(
        title="What played",
        entries=(
            Entry(
                title="Swan Lake",
                creator="Mariinsky",
                duration_ms=120_000,
                cue=CueData(number="5", start_utc_ms=START + 1_000),
            ),
            Entry(location="/music/06.flac", creator="Igor Krutoy", duration_ms=180_000),
        ),
    )
    first, second = from_playlist(playlist, path="played.xspf").items
    assert (first.title, first.credits, first.start_ms, first.number) == (
        "Swan Lake",
        "Mariinsky",
        START + 1_000,
        "5",
    )
    assert (second.title, second.credits, second.start_ms, second.line) == (
        "/music/06.flac",
        "Igor Krutoy",
        None,
        2,
    )


def test_from_playlist_cue_offsets_into_one_recording() -> None:
    playlist = Playlist(
        date_ms=START,
        entries=(
            Entry(location="show.wav", title="a", start_ms=0),
            Entry(location="show.wav", title="b", start_ms=185_000),
        ),
    )
    assert [i.start_ms for i in from_playlist(playlist).items] == [START, START + 185_000]


def test_from_show_takes_planned_times_as_aired() -> None:
    show = Show(
        "Other",
        TZ,
        START,
        segments=(
            Segment(
                "A",
                (
                    Cue("1", "a", credits=(Credit("X", Role.COMPOSER),), duration_ms=60_000),
                    Cue("2", "b", duration_ms=30_000),
                ),
            ),
        ),
    )
    log = from_show(show)
    assert [(i.title, i.credits, i.start_ms, i.number) for i in log.items] == [
        ("a", "X", START, "1"),
        ("b", "", START + 60_000, "2"),
    ]


def test_load_chooses_the_reader_by_extension(tmp_path: Path) -> None:
    plan = Show("Plan", TZ, START)
    csv_path = tmp_path / "asrun.tsv"
    csv_path.write_text("time\ttitle\n20:15:00\ta\n", encoding="utf-8")
    assert [i.title for i in load(csv_path, plan).items] == ["a"]

    other = Show("Other", TZ, START, segments=(Segment("A", (Cue("1", "b", duration_ms=5),)),))
    json_path = tmp_path / "other.json"
    json_path.write_text(showjson.dumps(other), encoding="utf-8")
    loaded = load(json_path, plan)
    assert [(i.title, i.start_ms) for i in loaded.items] == [("b", START)]


def _extra_credits(plan: Show, log: AsRun) -> tuple[Credit, ...]:
    """The credits of the one aired item the plan does not hold."""
    from cuesheet.asrun.align import align
    from cuesheet.asrun.show import aired_show
    from cuesheet.timing.engine import compute

    aired, _ = aired_show(align(plan, compute(plan), log))
    extras = [c for _, c in aired.cues() if c.notes.startswith("Not in the plan")]
    assert len(extras) == 1
    return extras[0].credits


def _plan() -> Show:
    cue = Cue("1", "Swan Lake", credits=(Credit("Tchaikovsky", Role.COMPOSER),), duration_ms=60_000)
    return Show("Gala", TZ, START, (Segment("Opening", (cue,)),))


def test_an_unplanned_piece_keeps_the_composer_column_of_a_log() -> None:
    log = read(
        "time,title,composer,performer,duration\n"
        "20:14:00,Swan Lake,Tchaikovsky,,1:00\n"
        "20:15:00,Kalinka,Ivan Larionov,Red Army Choir / Soloist,2:00\n"
    ).timed(START)
    assert _extra_credits(_plan(), log) == (
        Credit("Ivan Larionov", Role.COMPOSER),
        Credit("Red Army Choir", Role.PERFORMER),
        Credit("Soloist", Role.PERFORMER),
    )


def test_an_unplanned_piece_from_a_playlist_keeps_its_roles() -> None:
    playlist = Playlist(
        entries=(
            Entry(title="Swan Lake", duration_ms=60_000, cue=CueData(start_utc_ms=START)),
            Entry(
                title="Kalinka",
                duration_ms=120_000,
                cue=CueData(
                    start_utc_ms=START + 60_000,
                    credits=(
                        PlaylistCredit("Ivan Larionov", "composer"),
                        PlaylistCredit("Red Army Choir", "performer", guessed=True),
                    ),
                ),
            ),
        )
    )
    assert _extra_credits(_plan(), from_playlist(playlist)) == (
        Credit("Ivan Larionov", Role.COMPOSER),
        Credit("Red Army Choir", Role.PERFORMER, RoleSource.CONVENTION),
    )


def test_names_alone_in_a_log_are_taken_as_performers() -> None:
    log = read(
        "time,title,artist,duration\n20:14:00,Swan Lake,,1:00\n20:15:00,Kalinka,Choir,2:00\n"
    )
    assert _extra_credits(_plan(), log.timed(START)) == (
        Credit("Choir", Role.PERFORMER, RoleSource.STATED),
    )
