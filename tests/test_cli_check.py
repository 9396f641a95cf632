"""``cuesheet check`` and ``cuesheet export --as-run`` through click's CliRunner."""

from __future__ import annotations

import csv
import json
import wave
from dataclasses import replace
from pathlib import Path

import pytest
from checkcases import (
    MIN,
    MSK,
    SEC,
    clean_log,
    clean_show,
    reordered,
    shifted,
    with_cue,
)
from click.testing import CliRunner, Result

from cuesheet.asrun.values import AsRun
from cuesheet.cli import cli
from cuesheet.inputs import showjson
from cuesheet.model import Show
from cuesheet.timing import clock


def invoke(*args: str | Path, color: bool = False) -> Result:
    extra = ["--no-resolve"] if args and args[0] == "check" else []
    return CliRunner().invoke(cli, [*(str(a) for a in args), *extra], color=color)


def save_show(show: Show, path: Path) -> Path:
    path.write_text(showjson.dumps(show), encoding="utf-8")
    return path


def save_log(log: AsRun, path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Time aired", "Title", "Artist", "Duration"])
        for item in log.items:
            assert item.start_ms is not None and item.duration_ms is not None
            writer.writerow(
                [
                    clock.hhmmss_local(item.start_ms, MSK),
                    item.title,
                    item.credits,
                    f"{item.duration_ms // 60_000}:{item.duration_ms // 1000 % 60:02d}",
                ]
            )
    return path


def without_files(show: Show) -> Show:
    segments = tuple(
        replace(s, cues=tuple(replace(c, file=None) for c in s.cues)) for s in show.segments
    )
    return replace(show, segments=segments)


@pytest.fixture()
def show(tmp_path: Path) -> Show:
    return without_files(clean_show(tmp_path))


def write_wav(path: Path, seconds: int) -> None:
    """A silent 8-bit mono WAV at 1 kHz lasting exactly ``seconds``."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(1000)
        out.writeframes(b"\x80" * 1000 * seconds)


def test_audio_lengths_are_read_from_the_files(tmp_path: Path) -> None:
    planned = clean_show(tmp_path)  # cue 1 lasts 3:00, cue 2 4:00
    show = without_files(planned)
    show = with_cue(with_cue(show, "1", file="1.wav"), "2", file="2.wav")
    show = with_cue(show, "3", file="missing.wav")
    write_wav(tmp_path / "1.wav", 180)
    write_wav(tmp_path / "2.wav", 235)
    result = invoke("check", save_show(show, tmp_path / "show.json"), "--json")
    found = [(f["code"], f["cue"], f["times"]["delta_ms"]) for f in json.loads(result.stdout)]
    assert found == [("AUD002", "2", -5 * SEC), ("AUD001", "3", None)]


def test_clean_show_exits_0_with_no_findings(show: Show, tmp_path: Path) -> None:
    result = invoke("check", save_show(show, tmp_path / "show.json"))
    assert result.exit_code == 0, result.output
    assert "Check: Closing ceremony" in result.stdout
    assert result.stdout.rstrip().endswith("No findings.")
    assert result.stderr == ""


def test_error_findings_exit_1_and_the_report_is_grouped_by_segment(
    show: Show, tmp_path: Path
) -> None:
    broken = with_cue(with_cue(show, "3", duration_ms=5 * MIN), "5", duration_ms=None)
    result = invoke("check", save_show(broken, tmp_path / "show.json"))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    handover = lines.index('Segment "Handover" (20:24:00)')
    finale = lines.index('Segment "Finale" (20:32:00)')
    assert "TIM003" in lines[handover + 1] and "over by 2:00" in lines[handover + 1]
    assert "TIM008" in lines[finale + 1]
    assert lines[finale + 1].split("TIM008")[1].strip().startswith('cue 5 "Swan Lake"')
    assert lines[-1] == "1 error, 1 warning"
    assert "\x1b[" not in result.stdout  # no colours when not on a terminal
    assert result.stderr == ""


def test_colours_only_when_the_output_is_a_terminal(show: Show, tmp_path: Path) -> None:
    broken = with_cue(show, "3", duration_ms=5 * MIN)
    coloured = invoke("check", save_show(broken, tmp_path / "show.json"), color=True)
    assert "\x1b[31merror" in coloured.stdout


def test_warnings_exit_0_unless_strict(show: Show, tmp_path: Path) -> None:
    path = save_show(with_cue(show, "5", duration_ms=None), tmp_path / "show.json")
    assert invoke("check", path).exit_code == 0
    strict = invoke("check", path, "--strict")
    assert strict.exit_code == 1
    assert "error   TIM008" in strict.stdout


def test_ignore_by_code_or_name(show: Show, tmp_path: Path) -> None:
    path = save_show(with_cue(show, "5", duration_ms=None), tmp_path / "show.json")
    for key in ("TIM008", "unknown-duration"):
        result = invoke("check", path, "--strict", "--ignore", key)
        assert result.exit_code == 0 and "No findings." in result.stdout


def test_unknown_ignore_code_is_bad_input(show: Show, tmp_path: Path) -> None:
    result = invoke("check", save_show(show, tmp_path / "show.json"), "--ignore", "XYZ999")
    assert result.exit_code == 2
    assert "--ignore" in result.stderr and "unknown check 'XYZ999'" in result.stderr
    assert result.stdout == ""


def test_unknown_code_in_the_show_names_the_file(show: Show, tmp_path: Path) -> None:
    path = save_show(replace(show, ignore_rules=("NOPE",)), tmp_path / "show.json")
    result = invoke("check", path)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"cuesheet: error: {path}: ignore: unknown check 'NOPE'")


def test_json_is_a_list_of_findings(show: Show, tmp_path: Path) -> None:
    broken = with_cue(with_cue(show, "3", duration_ms=5 * MIN), "5", duration_ms=None)
    result = invoke("check", save_show(broken, tmp_path / "show.json"), "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [(f["code"], f["severity"], f["segment"], f["cue"]) for f in data] == [
        ("TIM003", "error", "Handover", None),
        ("TIM008", "warning", "Finale", "5"),
    ]
    assert data[0]["times"]["delta_ms"] == 2 * MIN
    assert set(data[1]) >= {"code", "severity", "segment", "cue", "message", "times"}


def test_as_run_reports_what_went_differently(show: Show, tmp_path: Path) -> None:
    plan = save_show(show, tmp_path / "show.json")
    log = reordered(clean_log(show), [0, 2, 1, 3, 5, 6])  # 2 and 3 swapped, 4.1 dropped
    result = invoke("check", plan, "--as-run", save_log(log, tmp_path / "asrun.csv"), "--json")
    codes = [(f["code"], f["cue"]) for f in json.loads(result.stdout)]
    assert ("RUN004", "2") in codes and ("RUN001", "4.1") in codes
    assert result.exit_code == 0
    report = invoke("check", plan, "--as-run", tmp_path / "asrun.csv")
    assert "As run: 6 of 7 cues aired (1 missing, 0 extra, 0 moved, 1 swap(s))" in report.stdout


def test_tolerance_in_seconds(show: Show, tmp_path: Path) -> None:
    plan = save_show(show, tmp_path / "show.json")
    late = save_log(shifted(clean_log(show), 6, SEC), tmp_path / "asrun.csv")
    assert "RUN005" not in invoke("check", plan, "--as-run", late).stdout
    tight = invoke("check", plan, "--as-run", late, "--tolerance", "0.5")
    assert "RUN005" in tight.stdout and "started 0:01 late" in tight.stdout
    bad = invoke("check", plan, "--tolerance", "soon")
    assert bad.exit_code == 2 and "'soon' is not a number of seconds" in bad.stderr


def test_bad_as_run_log_exits_2_naming_file_and_line(show: Show, tmp_path: Path) -> None:
    plan = save_show(show, tmp_path / "show.json")
    log = tmp_path / "asrun.csv"
    log.write_text("time,title\n20:14:00,a\n21:3O:00,b\n", encoding="utf-8")
    result = invoke("check", plan, "--as-run", log)
    assert result.exit_code == 2
    assert result.stderr == (
        f"cuesheet: error: {log}:3: time aired: expected HH:MM:SS (local) or ISO 8601 "
        "with an offset, got '21:3O:00'\n"
    )
    assert result.stdout == ""
    assert "Traceback" not in result.output


def test_bad_show_exits_2_naming_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "show.json"
    path.write_text('{"format": "cuesheet/show",\n "title": }\n', encoding="utf-8")
    result = invoke("check", path)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"cuesheet: error: {path}:2: not valid JSON")


def test_missing_files_are_bad_input(show: Show, tmp_path: Path) -> None:
    missing = invoke("check", tmp_path / "nope.yaml")
    assert missing.exit_code == 2 and "nope.yaml" in missing.stderr
    plan = save_show(show, tmp_path / "show.json")
    no_log = invoke("check", plan, "--as-run", tmp_path / "gone.csv")
    assert no_log.exit_code == 2 and "gone.csv" in no_log.stderr


def test_export_as_run_writes_what_aired_with_as_run_times(show: Show, tmp_path: Path) -> None:
    plan = save_show(show, tmp_path / "show.json")
    log = shifted(reordered(clean_log(show), [0, 2, 1, 3, 5, 6]), 4, 30 * SEC)
    out = tmp_path / "aired.json"
    log_path = save_log(log, tmp_path / "asrun.csv")
    result = invoke("export", plan, "--no-resolve", "--as-run", log_path, "-o", out)
    assert result.exit_code == 0, result.output
    aired = showjson.loads(out.read_text(encoding="utf-8"))
    assert [c.number for _, c in aired.cues()] == ["1", "3", "2", "4", "5", "6"]
    data = json.loads(out.read_text(encoding="utf-8"))
    starts = [c["timing"]["front"]["local"][11:19] for s in data["segments"] for c in s["cues"]]
    assert starts == ["20:14:00", "20:17:00", "20:20:00", "20:24:00", "20:29:30", "20:31:30"]
    credits = [c.credits for _, c in aired.cues()]
    assert credits[1] == show.segments[0].cues[2].credits  # the plan's credits are kept


def test_export_refuses_to_overwrite_the_as_run_log(show: Show, tmp_path: Path) -> None:
    plan = save_show(show, tmp_path / "show.json")
    log = save_log(clean_log(show), tmp_path / "asrun.csv")
    before = log.read_bytes()
    result = invoke("export", plan, "--as-run", log, "-o", log)
    assert result.exit_code == 2
    assert log.read_bytes() == before


def test_as_run_from_a_playlist_of_what_played(show: Show, tmp_path: Path) -> None:
    plan = save_show(show, tmp_path / "show.json")
    played = tmp_path / "played.m3u8"
    played.write_text(
        "#EXTM3U\n"
        "#EXTINF:180,Modest Mussorgsky - Pictures at an Exhibition\n1.flac\n"
        "#EXTINF:180,Aram Khachaturian - Waltz from Masquerade\n3.flac\n"
        "#EXTINF:240,Sergei Rachmaninoff - Piano Concerto No. 2\n2.flac\n"
        "#EXTINF:15,Station - Jingle\njingle.mp3\n",
        encoding="utf-8",
    )
    result = invoke("check", plan, "--as-run", played, "--json")
    found = [(f["code"], f["cue"]) for f in json.loads(result.stdout)]
    assert ("RUN004", "2") in found and ("RUN002", None) in found
    assert [c for c, _ in found].count("RUN001") == 4  # 4, 4.1, 5 and 6 never played
    assert "RUN005" not in {c for c, _ in found}  # no logged times: no deviations
    ended = [f for f in json.loads(result.stdout) if f["code"] == "RUN006"]
    assert ended and "worked out from the log's durations" in ended[0]["message"]


def test_any_playlist_format_can_be_checked(show: Show, tmp_path: Path) -> None:
    plan = save_show(with_cue(show, "3", number="2"), tmp_path / "show.json")
    for name in ("plan.csv", "plan.xspf", "plan.m3u8"):
        out = tmp_path / name
        extra = ["--placeholders"] if name == "plan.m3u8" else []  # M3U lists files to play
        assert invoke("export", plan, "--no-resolve", "-o", out, *extra).exit_code == 0
        result = invoke("check", out, "--json")
        assert result.exit_code in (0, 1), result.output
        codes = {f["code"] for f in json.loads(result.stdout)}
        if name != "plan.m3u8":  # M3U carries no cue numbers
            assert "NUM001" in codes, name


def test_a_cd_image_sheet_is_not_the_same_recording_twice_nor_an_isrc_placeholder(
    tmp_path: Path,
) -> None:
    sheet = tmp_path / "rip.cue"
    sheet.write_text(
        'FILE "image.wav" WAVE\n'
        '  TRACK 01 AUDIO\n    TITLE "One"\n    ISRC 000000000000\n    INDEX 01 00:00:00\n'
        '  TRACK 02 AUDIO\n    TITLE "Two"\n    ISRC 000000000000\n    INDEX 01 03:00:00\n'
        '  TRACK 03 AUDIO\n    TITLE "Three"\n    INDEX 01 06:00:00\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["check", str(sheet), "--no-resolve", "--json"])
    codes = [f["code"] for f in json.loads(result.stdout)]
    assert "REP001" not in codes
    missing = [f["message"] for f in json.loads(result.stdout) if f["code"] == "AUD001"]
    assert missing == [
        'Segment "Playlist", cue 1 "One": audio file image.wav not found '
        "(nor for the 2 cues after it on that file)"
    ]
