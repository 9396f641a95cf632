"""Edits in the show file: ``in``/``out`` points, fades and cart numbers on a cue."""

from __future__ import annotations

from pathlib import Path

import pytest

from cuesheet.errors import InputError
from cuesheet.inputs import showfile
from cuesheet.inputs import showjson as jsonmodel
from cuesheet.model import Cue
from cuesheet.timing.engine import compute

HEAD = """\
title: Edits
date: 2014-02-23
timezone: Europe/Moscow
start: 20:00
segments:
  - title: Songs
    cues:
"""


def _show(cue_lines: str) -> str:
    return HEAD + cue_lines


def test_out_makes_the_duration_and_timing_follows() -> None:
    show = showfile.loads(
        _show(
            "      - music: Pet Shop Boys - West End Girls\n"
            "        in: 0:04.250\n"
            "        out: 3:10\n"
            "        fade_out: 5\n"
            "        cart: 1042\n"
            "      - speech: Hosts\n"
            "        duration: 0:30\n"
        )
    )
    cue = show.segments[0].cues[0]
    assert (cue.in_ms, cue.out_ms, cue.fade_out_ms, cue.cart) == (4250, 190_000, 5000, 1042)
    assert cue.duration_ms == 190_000 - 4250
    timing = compute(show)
    assert timing.cue(0, 1).front_ms == show.start_ms + 185_750


def test_edits_round_trip_through_the_show_file_and_json() -> None:
    text = _show(
        "      - music: A - B\n        in: 1.5\n        out: 2:00\n        fade_in: 0.5\n"
        "        fade_out: 2\n        cart: 7\n"
    )
    show = showfile.loads(text)
    assert showfile.loads(showfile.dumps(show)) == show
    assert jsonmodel.loads(jsonmodel.dumps(show, compute(show))) == show


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ("        in: 2:00\n        out: 1:00\n", ":10: cue 1: 'out' must come after"),
        ("        duration: 3:00\n        out: 2:00\n", ":9: cue 1: 'duration' 3:00"),
        ("        duration: 0:10\n        fade_in: 6\n        fade_out: 6\n", ":11: "),
        ("        cart: 1234567\n", "'cart' must be a whole number 0-999999"),
    ],
)
def test_bad_edits_name_the_line(lines: str, expected: str) -> None:
    with pytest.raises(InputError) as caught:
        showfile.loads(_show("      - music: A - B\n" + lines), path="show.yaml")
    assert expected in str(caught.value).replace("segment 'Songs', ", "")
    assert str(caught.value).startswith("show.yaml:")


def test_a_file_length_counts_from_the_in_point() -> None:
    assert Cue("1", "x", in_ms=4000).played_ms(200_000) == 196_000
    assert Cue("1", "x", in_ms=4000, out_ms=100_000).played_ms(200_000) == 96_000
    assert Cue("1", "x").played_ms(200_000) == 200_000


def test_every_export_gives_an_edited_cue_its_out_minus_in(tmp_path: Path) -> None:
    import json
    from datetime import timedelta

    import openpyxl
    from click.testing import CliRunner

    from cuesheet.cli import cli

    source = tmp_path / "show.yaml"
    source.write_text(
        _show(
            "      - music: A - Trimmed\n        in: 0:04.250\n        out: 3:10.125\n"
            "        cart: 5\n      - speech: After\n        duration: 0:30\n        cart: 6\n"
        ),
        encoding="utf-8",
    )
    length = 190_125 - 4250

    def export(name: str, *args: str) -> Path:
        out = tmp_path / name
        result = CliRunner().invoke(
            cli, ["export", str(source), "-o", str(out), "--no-resolve", *args]
        )
        assert result.exit_code == 0, result.stderr
        return out

    data = json.loads(export("show.json").read_text(encoding="utf-8"))
    assert data["segments"][0]["cues"][0]["duration_ms"] == length
    sheet = openpyxl.load_workbook(export("show.xlsx")).active
    assert sheet is not None
    assert sheet["E3"].value == timedelta(milliseconds=length)
    log = export("show.log", "--format", "rivendell").read_text(encoding="utf-8").splitlines()
    # 185.875 s: shown as 00:03:06, and the next start (20:03:05.875) to the same rule
    assert log[0][60:68] == "00:03:06" and log[1][0:8] == "20:03:06"
    cue = export("show.cue", "--single-file", "mix.wav").read_text(encoding="utf-8")
    assert "INDEX 01 03:05:66" in cue  # the next cue starts out - in later, to the CD frame
