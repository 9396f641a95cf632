"""Mistakes a new user makes are caught where they are made, with a message that helps."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from cuesheet.cli import cli
from cuesheet.errors import CueSheetWarning, InputError
from cuesheet.inputs import showfile
from cuesheet.inputs.textlist import parse_list
from cuesheet.timing import zones
from tests.tools import read_rights_csv

SHOW = """\
title: Test
timezone: {tz}
date: 2014-02-23
start: "21:00"
{extra}segments:
  - title: {segment}
    cues:
      - music: X - Y
        duration: {duration}
"""


def _show(
    tz: str = "Europe/Paris", extra: str = "", segment: str = "One", duration: str = "4:43"
) -> str:
    return SHOW.format(tz=tz, extra=extra, segment=segment, duration=duration)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_duration_typed_with_a_dot_is_questioned() -> None:
    with pytest.warns(
        CueSheetWarning,
        match=r"show.yaml:9: .*'duration' 4.43 is read as "
        r"4.43 seconds; did you mean 4:43\?",
    ):
        show = showfile.loads(_show(duration="4.43"), "show.yaml")
    assert show.segments[0].cues[0].duration_ms == 4430


@pytest.mark.parametrize("duration", ["4:43", "4.430", "283", "1.5"])
def test_unambiguous_durations_get_no_warning(
    duration: str, recwarn: pytest.WarningsRecorder
) -> None:
    showfile.loads(_show(duration=duration), "show.yaml")
    assert not [w for w in recwarn if issubclass(w.category, CueSheetWarning)]


def test_hard_out_before_the_start_is_questioned() -> None:
    with pytest.warns(
        CueSheetWarning,
        match=r"show.yaml:5: 'hard_out' 20:30 is earlier in the "
        r"day than the start, so it is read as the next day, 23:30 after",
    ):
        showfile.loads(_show(extra='hard_out: "20:30"\n'), "show.yaml")


def test_hard_out_just_after_midnight_is_normal(recwarn: pytest.WarningsRecorder) -> None:
    show = showfile.loads(_show(extra='hard_out: "00:30"\n'), "show.yaml")
    assert show.hard_out_ms is not None
    assert show.hard_out_ms - show.start_ms == 210 * 60_000
    assert not [w for w in recwarn if issubclass(w.category, CueSheetWarning)]


@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        ("UTC+1", ["'Europe/Paris'", "'Etc/GMT-1'", "count the sign backwards"]),
        ("GMT-5", ["'America/New_York'", "'Etc/GMT+5'"]),
        ("UTC+4", ["'Europe/Moscow'"]),  # Moscow kept UTC+4 in 2014
        ("BST", ["'Europe/London'"]),
        ("MSK", ["'Europe/Moscow'"]),
        ("PST", ["'America/Los_Angeles'"]),
        ("London", ["'Europe/London'"]),
        ("new york", ["'America/New_York'"]),
        ("Europe/Londn", ["'Europe/London'"]),
    ],
)
def test_timezone_suggestions_understand_what_people_type(typed: str, offered: list[str]) -> None:
    with pytest.raises(InputError) as caught:
        showfile.loads(_show(tz=f'"{typed}"'), "show.yaml")
    message = str(caught.value)
    assert message.startswith("show.yaml:2: 'timezone' must be an IANA name")
    for text in offered:
        assert text in message
    assert "'UTC')" not in message  # never "did you mean 'UTC'" for an offset an hour away


def test_offsets_are_those_of_the_show_date() -> None:
    # Moscow was UTC+4 in 2014 and UTC+3 from 2015 on.
    assert "Europe/Moscow" in [s.zone for s in zones.suggest("UTC+4", date(2014, 2, 23), 8)]
    assert "Europe/Moscow" not in [s.zone for s in zones.suggest("UTC+4", date(2016, 2, 23), 8)]


def test_unquoted_colon_in_a_title_suggests_quoting() -> None:
    with pytest.raises(InputError, match=r"show.yaml:6: .*must be quoted"):
        showfile.loads(_show(segment="Act 1: The Sea"), "show.yaml")


def test_every_bad_line_of_a_list_is_reported(tmp_path: Path) -> None:
    listing = tmp_path / "list.txt"
    listing.write_text(
        "== Music ==\n- A - B\n- bad one\n- C - D\n- bad two\n- bad three\n", encoding="utf-8"
    )
    code, _, err = run("timing", str(listing), "--no-resolve")
    assert code == 2
    lines = err.splitlines()
    assert [line.split(": list")[0] for line in lines] == [
        f"cuesheet: error: {listing}:3",
        f"cuesheet: error: {listing}:5",
        f"cuesheet: error: {listing}:6",
    ]


def test_bad_lines_are_reported_up_to_twenty() -> None:
    text = "== Music ==\n" + "".join(f"- bad {i}\n" for i in range(25))
    with pytest.raises(InputError) as caught:
        parse_list(text, "l.txt")
    assert len(caught.value.others) == 20
    assert str(caught.value.others[-1]) == "l.txt: ... and 5 more bad lines"


@pytest.mark.parametrize("separator", ["-", "--", "\u2212", "\u2012", "\u2013", "\u2014", "\u2015"])
def test_separators_people_type(separator: str) -> None:
    (section,) = parse_list(f"== Music ==\n- Madness {separator} Our House\n")
    assert section.items[0].names == ("Madness",)
    assert section.items[0].title == "Our House"


SOCHI = Path(__file__).resolve().parent.parent / "examples" / "sochi-2014-closing.yaml"


def test_the_example_times_out_completely_offline() -> None:
    code, out, err = run("timing", str(SOCHI), "--no-resolve")
    assert code == 0, err
    assert "?" not in out
    assert "unknown" not in out


@pytest.mark.parametrize(
    ("name", "extra"),
    [
        ("sochi.json", []),
        ("sochi.csv", []),
        ("rights.csv", ["--format", "rights-csv"]),
        ("sochi.xspf", []),
        ("sochi.cue", ["--single-file", "mix.wav"]),
        ("sochi.m3u8", ["--placeholders"]),
    ],
)
def test_every_export_of_the_example_works_offline(
    tmp_path: Path, name: str, extra: list[str]
) -> None:
    out = tmp_path / name
    code, _, err = run("export", str(SOCHI), "--no-resolve", "-o", str(out), *extra)
    assert code == 0, err
    assert out.stat().st_size > 1000


def test_a_playlist_of_a_show_without_audio_is_refused_with_the_ways_out(tmp_path: Path) -> None:
    out = tmp_path / "sochi.m3u8"
    code, _, err = run("export", str(SOCHI), "--no-resolve", "-o", str(out))
    assert code == 1
    assert err.startswith("cuesheet: error: ") and "no cue has an audio file" in err
    assert str(SOCHI) in err.splitlines()[0]  # the show file is named
    assert "--library" in err and "--placeholders" in err
    assert not out.exists()


def test_a_cue_sheet_without_audio_names_single_file(tmp_path: Path) -> None:
    code, _, err = run("export", str(SOCHI), "--no-resolve", "-o", str(tmp_path / "s.cue"))
    assert code == 1
    assert "--single-file" in err and "--placeholders" in err


def test_a_cue_sheet_with_some_files_names_single_file(tmp_path: Path) -> None:
    show = tmp_path / "show.yaml"
    text = SOCHI.read_text(encoding="utf-8")
    show.write_text(text, encoding="utf-8")
    (tmp_path / "a.wav").write_bytes(b"")
    first = run("export", str(show), "--no-resolve", "-f", "json", "-o", str(tmp_path / "s.json"))
    assert first[0] == 0, first[2]
    data = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    data["segments"][0]["cues"][0]["file"] = "a.wav"
    (tmp_path / "some.json").write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "s.cue"
    code, _, err = run("export", str(tmp_path / "some.json"), "--no-resolve", "-o", str(out))
    assert code == 1
    assert "--single-file AUDIO" in err and "--placeholders" in err and "--library" in err
    assert not out.exists()


def test_a_format_unlike_the_extension_is_written_with_a_warning(tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    code, _, err = run("export", str(SOCHI), "--no-resolve", "--format", "xspf", "-o", str(out))
    assert code == 0, err
    assert "warning" in err and ".csv" in err and "xspf" in err
    assert out.read_text(encoding="utf-8").startswith("<?xml")


def test_placeholders_name_the_files_to_deliver(tmp_path: Path) -> None:
    out = tmp_path / "sochi.m3u8"
    code, _, err = run("export", str(SOCHI), "--no-resolve", "-o", str(out), "--placeholders")
    assert code == 0, err
    locations = [line for line in out.read_text("utf-8").splitlines() if not line.startswith("#")]
    music = 22  # the music and anthem cues of the example; speech and stage cues stay out
    assert len(locations) == music
    assert locations[0].startswith("01 - Modest Mussorgsky - ")
    assert "05 - Dimitri Tiomkin - Theme from Giant.flac" in locations  # quotes dropped
    assert all("/" not in loc and loc.endswith(".flac") for loc in locations)
    assert f"cuesheet: {music} files to deliver:" in err
    assert "  05 - Dimitri Tiomkin - Theme from Giant.flac" in err.splitlines()


def test_placeholders_make_a_cue_sheet_of_the_files_to_deliver(tmp_path: Path) -> None:
    out = tmp_path / "sochi.cue"
    code, _, err = run("export", str(SOCHI), "--no-resolve", "-o", str(out), "--placeholders")
    assert code == 0, err
    files = [line for line in out.read_text("utf-8").splitlines() if line.startswith("FILE ")]
    assert len(files) == 22  # one FILE per music and anthem cue
    assert files[0].startswith('FILE "01 - Modest Mussorgsky - ')
    left_out = [line for line in err.splitlines() if "left out of the CUE sheet" in line]
    assert len(left_out) == 1 and "22 of 44 entries have no audio to deliver" in left_out[0]
    assert "--single-file" in left_out[0]


def test_the_timing_table_uses_the_terminal_width(monkeypatch: pytest.MonkeyPatch) -> None:
    longest = (
        "Sochi mayor Anatoly Pakhomov hands the flag to IOC President Thomas Bach, who passes "
        "it to Pyeongchang mayor Seok-Rae Lee; it is waved four times and carried out"
    )
    monkeypatch.setenv("COLUMNS", "250")
    _, wide, _ = run("timing", str(SOCHI), "--no-resolve")
    monkeypatch.setenv("COLUMNS", "80")
    _, narrow, _ = run("timing", str(SOCHI), "--no-resolve")
    assert longest in wide
    assert longest not in narrow and "Sochi mayor Anatoly" in narrow
    assert max(len(line) for line in narrow.splitlines() if line.startswith("  ")) <= 80


def test_performers_and_notes_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    _, out, _ = run("timing", str(SOCHI), "--no-resolve", "--columns", "performers,notes")
    row = next(line for line in out.splitlines() if "Piano Concerto No. 2" in line)
    assert "Denis Matsuev" in row and "A grand piano rises" in row
    code, _, err = run("timing", str(SOCHI), "--no-resolve", "--columns", "mood")
    assert code == 2 and "unknown column 'mood'" in err


def test_on_time_says_when_budgets_stood_in(tmp_path: Path) -> None:
    import re

    open_music = tmp_path / "open.yaml"
    open_music.write_text(
        re.sub(r"\n *duration: [0-9:]+\n *duration_source: estimate", "", SOCHI.read_text()),
        encoding="utf-8",
    )
    _, out, _ = run("timing", str(open_music), "--no-resolve")
    assert "Games declared closed: reached 22:04:00, on time (18 cues timed by budget)" in out
    _, out, _ = run("timing", str(SOCHI), "--no-resolve")
    assert "Games declared closed: reached 22:04:00, on time\n" in out


def test_a_list_without_a_date_says_so() -> None:
    listing = SOCHI.parent / "sochi-2014-lists.txt"
    _, out, _ = run("timing", str(listing), "--no-resolve")
    assert "1970" not in out and "no date" in out
    _, out, _ = run("check", str(listing), "--no-resolve")
    assert "1970" not in out and "no date" in out


@pytest.mark.parametrize("name", ["rights", "rights-csv"])
def test_one_spelling_of_the_rights_sheet_everywhere(tmp_path: Path, name: str) -> None:
    json_show = tmp_path / "show.json"
    assert run("export", str(SOCHI), "--no-resolve", "-o", str(json_show))[0] == 0
    code, _, err = run(
        "export", str(SOCHI), "--no-resolve", "-o", str(tmp_path / "a.csv"), "--format", name
    )
    assert code == 0, err
    code, _, err = run("convert", str(json_show), str(tmp_path / "b.csv"), "--profile", name)
    assert code == 0, err
    # the export is the generic rights sheet; convert keeps the playlist's rights profile
    _, rows = read_rights_csv((tmp_path / "a.csv").read_text("utf-8"))
    assert list(rows[0])[:5] == ["sequence", "cue", "segment", "kind", "title"]
    assert (tmp_path / "b.csv").read_text().startswith("sequence,cue,title,writers")


def test_render_accepts_no_resolve() -> None:
    code, out, _ = run("render", "--help")
    assert code == 0 and "--no-resolve" in out


def test_the_timeline_page_fits_the_show_and_lists_cues_for_print(tmp_path: Path) -> None:
    import re

    out = tmp_path / "sochi.html"
    code, _, err = run("timeline", str(SOCHI), "--no-resolve", "-o", str(out))
    assert code == 0, err
    page = out.read_text("utf-8")
    scale = int(re.search(r'data-px-per-minute="(\d+)"', page)[1])  # type: ignore[index]
    assert 1400 // 131 - 1 <= scale <= 1400 // 131 + 1  # 20:14 to 22:25 on about 1400 px
    cue_list = re.search(r'<ol class="cue-list">(.*?)</ol>', page, re.S)[1]  # type: ignore[index]
    assert cue_list.count("<li") == 44
    assert '<li value="43"><span class="t">22:19:00 6:00</span> Piano Concerto No. 1</li>' in (
        cue_list
    )
    assert "@media print" in page and "ol.cue-list { display: block; }" in page
