"""Show-day exports: Ontime's spreadsheet import, mAirList TPI, Rivendell's standard import.

Each file is read back independently of the code that wrote it (the xlsx as
zipped XML with lxml, the CSV with the csv module, the fixed-width log by the
offsets Rivendell's import template gives) and checked against the layout the
format's own documentation gives.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from cuesheet.cli import cli
from cuesheet.inputs import showfile
from cuesheet.timing import clock
from cuesheet.timing.engine import compute

ROOT = Path(__file__).resolve().parent.parent
SOCHI = ROOT / "examples" / "sochi-2014-closing.yaml"
CARTS = ROOT / "examples" / "sochi-2014-carts.csv"

# https://docs.getontime.no/features/import-spreadsheet/ : the event fields and their values.
ONTIME_FIELDS = {
    "start", "link start", "end", "duration", "cue", "title", "skip", "note", "colour",
    "end action", "timer type", "count to end", "time warning", "time danger",
}  # fmt: skip
ONTIME_TIMER_TYPES = {
    "count-down", "count-up", "clock", "block", "skip", "group", "group-end", "milestone", "none",
}  # fmt: skip
ONTIME_END_ACTIONS = {"none", "load-next", "play-next"}
CUSTOM = ["Segment", "Kind", "Performers", "Composers", "Fixed time"]

TINY = """\
title: Tiny
date: 2014-02-23
timezone: Europe/Moscow
start: 20:00
segments:
  - title: Songs
    cues:
      - title: West End Girls
        credits: {performer: Pet Shop Boys}
        file: /music/west end girls.flac
        in: 0:04
        out: 3:10.400
        cart: 42
      - speech: "Hello\\tthere"
        duration: 0:30
  - title: News
    at: 20:05
    cues:
      - title: Bulletin
        kind: other
        duration: 2:00.600
        cart: 999999
"""


def _export(tmp_path: Path, source: Path, name: str, *args: str) -> Path:
    out = tmp_path / name
    result = CliRunner().invoke(cli, ["export", str(source), "-o", str(out), "--no-resolve", *args])
    assert result.exit_code == 0, result.stderr
    return out


def _xlsx_rows(path: Path) -> list[list[str | None]]:
    """The first worksheet's cells as text (numbers as written), read as zipped XML."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(path) as book:
        shared = []
        if "xl/sharedStrings.xml" in book.namelist():
            strings = etree.fromstring(book.read("xl/sharedStrings.xml"))
            shared = ["".join(si.itertext()) for si in strings.findall("m:si", ns)]
        sheet = etree.fromstring(book.read("xl/worksheets/sheet1.xml"))
    rows = []
    for row in sheet.iterfind(".//m:sheetData/m:row", ns):
        cells: dict[int, str | None] = {}
        for cell in row.findall("m:c", ns):
            ref = cell.get("r")
            column = ord(ref[0]) - ord("A")
            value = cell.find("m:v", ns)
            inline = cell.find("m:is", ns)
            if cell.get("t") == "s" and value is not None:
                cells[column] = shared[int(value.text)]
            elif inline is not None:
                cells[column] = "".join(inline.itertext())
            else:
                cells[column] = value.text if value is not None else None
        rows.append([cells.get(i) for i in range(max(cells) + 1)] if cells else [])
    return rows


def _day_ms(fraction: str | None) -> int | None:
    return None if fraction is None else round(float(fraction) * 86_400_000)


def test_ontime_xlsx_has_documented_columns_and_the_timing(tmp_path: Path) -> None:
    out = _export(tmp_path, SOCHI, "sochi.xlsx")
    rows = _xlsx_rows(out)
    header = [h for h in rows[0] if h]
    ontime_own = [h for h in header if h not in CUSTOM]
    assert {h.lower() for h in ontime_own} <= ONTIME_FIELDS
    assert header[len(ontime_own) :] == CUSTOM
    col = {name: i for i, name in enumerate(rows[0])}
    width = len(rows[0])
    records = [dict(zip(rows[0], r + [None] * (width - len(r)), strict=True)) for r in rows[1:]]
    assert {r["Timer type"] for r in records} <= ONTIME_TIMER_TYPES
    assert {r["End action"] for r in records} <= ONTIME_END_ACTIONS
    show = showfile.load(SOCHI)
    timing = compute(show)
    groups = [r for r in records if r["Timer type"] == "group"]
    assert [g["Title"] for g in groups] == [s.title for s in show.segments]
    assert [_day_ms(g["Duration"]) for g in groups] == [s.budget_ms for s in show.segments]
    events = [r for r in records if r["Timer type"] != "group"]
    cues = [
        (si, ci, cue) for si, seg in enumerate(show.segments) for ci, cue in enumerate(seg.cues)
    ]
    assert [e["Cue"] for e in events] == [cue.number for _, _, cue in cues]
    for event, (si, ci, cue) in zip(events, cues, strict=True):
        front = timing.cue(si, ci).front_ms
        if front is None:
            assert event["Start"] is None
        else:
            local = clock.from_ms(front, show.timezone)
            midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
            expected = int((local - midnight).total_seconds() * 1000)
            assert _day_ms(event["Start"]) == expected
        assert _day_ms(event["Duration"]) == cue.duration_ms
        hard = ci == 0 and (si == 0 or show.segments[si].at_ms is not None)
        assert event["Link start"] == ("0" if hard else "1")  # xlsx booleans
    assert col["Start"] < col["Duration"]


def test_ontime_csv_reads_back_with_the_same_rows(tmp_path: Path) -> None:
    xlsx = _xlsx_rows(_export(tmp_path, SOCHI, "sochi.xlsx"))
    out = _export(tmp_path, SOCHI, "sochi.csv", "--format", "ontime-csv")
    raw = out.read_bytes()
    assert raw.count(b"\r\n") == len(xlsx)
    records = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert len(records) == len(xlsx) - 1
    assert records[0]["Timer type"] == "group"
    closed = next(r for r in records if r["Cue"] == "36")
    assert (closed["Start"], closed["Link start"], closed["Fixed time"]) == (
        "22:04:00",
        "false",
        "yes",
    )
    assert next(r for r in records if r["Cue"] == "37")["Link start"] == "true"


def test_mairlist_tpi_byte_for_byte(tmp_path: Path) -> None:
    source = tmp_path / "tiny.yaml"
    source.write_text(TINY, encoding="utf-8")
    out = _export(tmp_path, source, "tiny.tpi")
    assert out.read_bytes() == (
        b"20:00:00\t\tR\tTiny\r\n"
        b"20:00:00\t\tR\tSongs\r\n"
        b"20:00:00\tH\tF\t/music/west end girls.flac\tWest End Girls\tPet Shop Boys\r\n"
        b"20:03:06\t\tR\tcue 2: Hello there (0:30)\r\n"
        b"20:05:00\t\tR\tNews\r\n"
        b"20:05:00\tH\tI\t999999\r\n"
    )


def _rivendell_fields(line: str) -> dict[str, str]:
    """A line cut by the Rivendell Standard Import template's offsets and widths."""
    return {
        "hours": line[0:2],
        "minutes": line[3:5],
        "seconds": line[6:8],
        "cart": line[10:16],
        "title": line[25:59],
        "len_hours": line[60:62],
        "len_minutes": line[63:65],
        "len_seconds": line[66:68],
    }


def test_rivendell_byte_for_byte(tmp_path: Path) -> None:
    source = tmp_path / "tiny.yaml"
    source.write_text(
        TINY.replace("        duration: 0:30\n", "        duration: 0:30\n        cart: 7\n"),
        encoding="utf-8",
    )
    out = _export(tmp_path, source, "tiny.log", "--format", "rivendell")
    assert out.read_bytes() == (
        b"20:00:00  000042         West End Girls                     00:03:06\n"
        b"20:03:06  000007         Hello there                        00:00:30\n"
        b"20:05:00  999999         Bulletin                           00:02:01\n"
    )


def test_rivendell_sochi_with_a_cart_file_reads_back_by_the_template(tmp_path: Path) -> None:
    out = _export(tmp_path, SOCHI, "sochi.log", "--format", "rivendell", "--carts", str(CARTS))
    lines = out.read_text(encoding="utf-8").splitlines()
    show = showfile.load(SOCHI)
    cues = [cue for _, cue in show.cues()]
    carts = {r["cue"]: int(r["cart"]) for r in csv.DictReader(CARTS.open(encoding="utf-8"))}
    assert len(lines) == len(cues)
    previous = ""
    for line, cue in zip(lines, cues, strict=True):
        fields = _rivendell_fields(line)
        assert int(fields["cart"]) == carts[cue.number]
        assert fields["title"].strip() == " ".join(cue.title.split())[:34].strip()
        start = f"{fields['hours']}:{fields['minutes']}:{fields['seconds']}"
        assert 0 <= int(fields["hours"]) <= 23 and start >= previous
        previous = start
        length = (
            int(fields["len_hours"]) * 3600
            + int(fields["len_minutes"]) * 60
            + int(fields["len_seconds"])
        )
        assert length == (0 if cue.duration_ms is None else (cue.duration_ms + 500) // 1000)


def test_rivendell_without_carts_names_the_file_and_the_cues(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "export",
            str(SOCHI),
            "-o",
            str(tmp_path / "x.log"),
            "--format",
            "rivendell",
            "--no-resolve",
        ],
    )
    assert result.exit_code == 2
    assert result.stderr.startswith(f"cuesheet: error: {SOCHI}: 44 cue(s) have no Rivendell cart")
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.log").exists()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("number,cart\n1,2\n", ":1: the header row must name"),
        ("cue,cart\n1,0\n", ":2: 'cart' must be a whole number 1-999999"),
        ("cue,cart\nx,5\n", ":2: 'cue' must be like 7 or 4.1"),
        ("cue,cart\n1,5\n1,6\n", ":3: cue 1 is mapped twice"),
    ],
)
def test_a_bad_cart_file_names_its_line(tmp_path: Path, text: str, expected: str) -> None:
    carts = tmp_path / "carts.csv"
    carts.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        [
            "export",
            str(SOCHI),
            "-o",
            str(tmp_path / "x.log"),
            "--format",
            "rivendell",
            "--no-resolve",
            "--carts",
            str(carts),
        ],
    )
    assert result.exit_code == 2
    assert f"{carts}{expected}" in result.stderr


def test_mairlist_sochi_has_a_line_per_cue_in_the_documented_columns(tmp_path: Path) -> None:
    out = _export(tmp_path, SOCHI, "sochi.tpi", "--placeholders")
    raw = out.read_bytes()
    lines = raw.decode("utf-8").split("\r\n")
    assert lines[-1] == "" and "\n" not in raw.replace(b"\r\n", b"").decode("utf-8")
    show = showfile.load(SOCHI)
    body = lines[:-1]
    assert len(body) == 1 + len(show.segments) + sum(len(s.cues) for s in show.segments)
    for line in body:
        start, timing, kind, data, *_ = line.split("\t")
        assert start == "" or re.fullmatch(r"\d\d:\d\d:\d\d", start)
        assert timing in ("", "H") and kind in ("F", "I", "R") and data
    files = [line.split("\t")[3] for line in body if line.split("\t")[2] == "F"]
    assert len(files) == 22 and all(Path(f).is_absolute() for f in files)  # music and anthems
    assert str(tmp_path / "05 - Dimitri Tiomkin - Theme from Giant.flac") in files
    assert "22:04:00\t\tR\tcue 36: Thomas Bach declares the Games closed (0:30)" in body


def test_mairlist_of_a_show_with_nothing_to_play_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "sochi.tpi"
    result = CliRunner().invoke(cli, ["export", str(SOCHI), "-o", str(out), "--no-resolve"])
    assert result.exit_code == 1
    assert "mAirList would import remarks only" in result.stderr
    assert "--library" in result.stderr and "--carts" in result.stderr
    assert not out.exists()
