"""A show with no date (a bare list given none, a show file without ``date``) never shows 1970.

It shows times of day only and writes no date at all, in every output.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from cuesheet.cli import cli
from cuesheet.inputs import showfile, showjson
from cuesheet.timing.engine import compute

UNDATED = """\
title: Undated
timezone: Europe/Moscow
start: "20:14"
segments:
  - title: Music
    cues:
      - music: Queen - Bohemian Rhapsody
        duration: "5:55.5"
      - music: ABBA - Waterloo
        duration: "2:45"
"""

FORMATS = [
    ("json", []), ("csv", []), ("xspf", ["--placeholders"]), ("cue", ["--placeholders"]),
    ("m3u8", ["--placeholders"]), ("html", []), ("rights-csv", []), ("rights-prs", []),
    ("rights-soundexchange", []), ("ontime-csv", []), ("mairlist", ["--placeholders"]),
]  # fmt: skip


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "undated.yaml"
    path.write_text(UNDATED, encoding="utf-8")
    return path


@pytest.mark.parametrize(("fmt", "extra"), FORMATS, ids=[f for f, _ in FORMATS])
def test_no_export_of_an_undated_show_writes_a_date(
    source: Path, tmp_path: Path, fmt: str, extra: list[str]
) -> None:
    out = tmp_path / f"out.{fmt}"
    code, _, err = _run("export", str(source), "-o", str(out), "-f", fmt, "--no-resolve", *extra)
    assert code == 0, err
    text = out.read_text(encoding="utf-8-sig")
    assert "1970" not in text
    assert "Bohemian Rhapsody" in text


def test_the_json_export_gives_times_of_day_and_reads_back_undated(source: Path) -> None:
    show = showfile.load(source)
    data = json.loads(showjson.dumps(show, compute(show)))
    assert data["dated"] is False
    assert data["start"]["local"] == "20:14:00" and "utc" not in data["start"]
    second = data["segments"][0]["cues"][1]["timing"]["front"]
    assert second["local"] == "20:19:56"  # 20:14:00 + 5:55.5, to the nearest second
    back = showjson.loads(showjson.dumps(show))
    assert back.dated is False and back.start_ms == show.start_ms


def test_a_dated_json_export_is_unchanged_and_reads_back_dated() -> None:
    dated = showfile.loads(UNDATED.replace("start:", "date: 2014-02-23\nstart:"), "s.yaml")
    data = json.loads(showjson.dumps(dated))
    assert "dated" not in data and data["start"]["local"] == "2014-02-23T20:14:00+04:00"
    assert showjson.loads(showjson.dumps(dated)).dated is True


def test_a_show_file_without_a_date_is_undated_and_written_back_without_one(source: Path) -> None:
    show = showfile.load(source)
    assert show.dated is False
    text = showfile.dumps(show)
    assert "date:" not in text and "1970" not in text
    assert showfile.loads(text, "back.yaml") == show


def test_timing_check_and_timeline_say_no_date(source: Path, tmp_path: Path) -> None:
    for command in (["timing"], ["check"]):
        code, out, err = _run(*command, str(source), "--no-resolve")
        assert code == 0, err
        assert "1970" not in out and "no date" in out and "20:14:00" in out
    for suffix in ("html", "svg"):
        out_file = tmp_path / f"timeline.{suffix}"
        code, _, err = _run("timeline", str(source), "--no-resolve", "-o", str(out_file))
        assert code == 0, err
        assert "1970" not in out_file.read_text(encoding="utf-8")


def test_a_list_given_no_date_exports_no_date(tmp_path: Path) -> None:
    listing = tmp_path / "list.txt"
    listing.write_text("## Music\n- Queen - Bohemian Rhapsody\n", encoding="utf-8")
    for fmt in ("json", "csv", "xspf", "html"):
        out = tmp_path / f"list.{fmt}"
        code, _, err = _run("export", str(listing), "-o", str(out), "--no-resolve")
        assert code == 0, err
        assert "1970" not in out.read_text(encoding="utf-8-sig"), fmt


def test_the_pdf_heading_says_no_date(source: Path, tmp_path: Path) -> None:
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext is not installed")
    out = tmp_path / "out.pdf"
    code, _, err = _run("export", str(source), "-o", str(out), "--no-resolve")
    assert code == 0, err
    text = subprocess.run(
        [pdftotext, str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "1970" not in text and "Undated · no date" in text


def test_compare_of_an_undated_plan_writes_times_of_day(source: Path, tmp_path: Path) -> None:
    log = tmp_path / "log.json"
    code, _, err = _run("export", str(source), "-o", str(log), "--no-resolve")
    assert code == 0, err
    out = tmp_path / "cmp.csv"
    code, _, err = _run("compare", str(source), str(log), "-o", str(out), "--no-resolve")
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    assert "1970" not in text and "20:14:00" in text


def test_utc_times_are_left_out_when_there_is_no_date(source: Path) -> None:
    code, out, err = _run("timing", str(source), "--no-resolve", "--utc")
    assert code == 0, err
    assert "Z" not in out.replace("Undated", "")  # no HH:MMZ: the offset depends on the date
