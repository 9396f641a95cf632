"""A show goes to each format and back with what that format holds (issue 12 item 6).

The fields each format keeps are :data:`KEEPS`; docs/playlists.md shows the same list
as a table, and :func:`test_the_doc_table_is_the_list_the_test_uses` keeps them equal.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cuesheet.cli import cli
from cuesheet.inputs import showjson
from cuesheet.inputs.sources import load_source
from cuesheet.model import (
    Credit,
    Cue,
    CueKind,
    DurationSource,
    Identifiers,
    Role,
    RoleSource,
    Segment,
    Show,
    UsageCode,
)
from cuesheet.outputs import registry
from cuesheet.outputs.playlist import to_playlist
from cuesheet.outputs.table import render_timing
from cuesheet.timing.engine import compute
from playlists import registry as playlist_formats

SHOW_FIELDS = ("title", "timezone", "start_ms", "venue", "hard_out_ms")
SEGMENT_FIELDS = ("title", "at_ms", "at_label", "budget_ms")
CUE_FIELDS = (
    "number", "title", "kind", "credits", "ids", "duration_ms", "duration_source",
    "gap_ms", "crossfade_ms", "usage", "notes", "in_ms", "out_ms", "fade_in_ms", "fade_out_ms",
)  # fmt: skip
ALL = (
    tuple(f"show.{f}" for f in SHOW_FIELDS)
    + tuple(f"segment.{f}" for f in SEGMENT_FIELDS)
    + tuple(f"cue.{f}" for f in CUE_FIELDS)
)
#: Per format, the fields a round trip keeps (the timing table is compared too when
#: every field is kept: JSON, CSV and XSPF).  The table in docs/playlists.md is this list.
KEEPS: dict[str, tuple[str, ...]] = {
    "json": ALL,
    "csv": ALL,
    "xspf": ALL,
    "m3u8": ("show.title", "segment.title", "cue.number", "cue.title", "cue.duration_ms"),
    "cue": ("show.title", "show.timezone", "show.start_ms", "show.venue", "segment.title",
            "cue.number", "cue.title", "cue.kind", "cue.ids", "cue.duration_ms",
            "cue.duration_source", "cue.usage", "cue.notes"),
}  # fmt: skip


def _credits() -> tuple[Credit, ...]:
    return (
        Credit("Pyotr Tchaikovsky", Role.COMPOSER),
        Credit("Mariinsky Orchestra", Role.PERFORMER, RoleSource.CONVENTION),
        Credit("Valery Gergiev", Role.CONDUCTOR),
        Credit("Ann Arranger", Role.ARRANGER, RoleSource.MUSICBRAINZ),
        Credit("Lee Lyricist", Role.LYRICIST),
    )


def _show() -> Show:
    ids = Identifiers(isrc="RUA011400001", iswc="T-123.456.789-0",
                      work_mbid="0b1f4a42-1111-4d3c-8f39-000000000001")  # fmt: skip
    first = (
        Cue("1", "Overture", CueKind.MUSIC, _credits(), 95_000,
            duration_source=DurationSource.PLANNED, ids=ids, usage=UsageCode.BI,
            notes="house lights down", file="overture.flac",
            in_ms=2_000, out_ms=97_000, fade_in_ms=500, fade_out_ms=1_500),
        Cue("2", "Welcome", CueKind.SPEECH, (Credit("Host", Role.PERFORMER),), 60_000,
            duration_source=DurationSource.ESTIMATE, gap_ms=30_000, file="welcome.wav"),
    )  # fmt: skip
    second = (
        Cue("3", "Anthem", CueKind.ANTHEM, _credits()[:1], 180_000,
            duration_source=DurationSource.PLANNED, crossfade_ms=4_000, usage=UsageCode.VI,
            file="anthem.flac"),
        Cue("4", "Fireworks", CueKind.EFFECT, (), 45_000, duration_source=DurationSource.PLANNED,
            gap_ms=5_000, file="fireworks.wav"),
    )  # fmt: skip
    return Show(
        title="Gala Night",
        timezone="Europe/Moscow",
        start_ms=1_392_915_600_000,
        segments=(
            Segment("Opening", first, at_ms=1_392_915_600_000, at_label="doors", budget_ms=300_000),
            Segment(
                "Finale", second, at_ms=1_392_916_200_000, at_label="on air", budget_ms=240_000
            ),
        ),
        venue="Fisht Stadium",
        hard_out_ms=1_392_916_800_000,
    )


def _field(show: Show, name: str) -> list[Any]:
    level, attr = name.split(".")
    if level == "show":
        return [getattr(show, attr)]
    if level == "segment":
        return [getattr(s, attr) for s in show.segments]
    return [getattr(c, attr) for s in show.segments for c in s.cues]


def _roundtrip(tmp_path: Path, fmt: str) -> Show:
    path = tmp_path / f"show.{fmt}"
    target, show = registry.get(fmt), _show()
    if target.playlist_format is None:
        path.write_text(showjson.dumps(show, compute(show)), encoding="utf-8")
    else:
        writer = playlist_formats.get(target.playlist_format)
        writer.dump(to_playlist(show, compute(show)), str(path), **target.fixed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # missing audio files are no loss
        return load_source(path)


@pytest.mark.parametrize("fmt", list(KEEPS))
def test_a_show_comes_back_with_what_the_format_holds(tmp_path: Path, fmt: str) -> None:
    back, original = _roundtrip(tmp_path, fmt), _show()
    lost = [f for f in KEEPS[fmt] if _field(back, f) != _field(original, f)]
    assert lost == [], {f: (_field(original, f), _field(back, f)) for f in lost}
    if KEEPS[fmt] == ALL:
        assert render_timing(compute(back)) == render_timing(compute(original))


def test_the_doc_table_is_the_list_the_test_uses() -> None:
    doc = (Path(__file__).parent.parent / "docs" / "playlists.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([a-z]+\.[a-z_]+)` \|(.*)\|$", doc, re.MULTILINE)
    header = re.search(r"^\| Field \|(.*)\|$", doc, re.MULTILINE)
    assert header is not None
    formats = [h.strip() for h in header.group(1).split("|")]
    table = {fmt: tuple(f for f, cells in rows if cells.split("|")[i].strip() == "yes")
             for i, fmt in enumerate(formats)}  # fmt: skip
    assert table == KEEPS
    assert [f for f, _ in rows] == list(ALL)


def _stated_only(tmp_path: Path, fmt: str) -> tuple[Path, list[int | None]]:
    """The show written as a format holding starts but no gaps (another program's playlist)."""
    show = _show()
    playlist = to_playlist(show, compute(show))
    plain = [
        replace(e, cue=replace(e.cue, gap_ms=0, crossfade_ms=0, segment_at_ms=None))
        for e in playlist.entries
        if e.cue is not None
    ]
    path = tmp_path / f"plain.{fmt}"
    playlist_formats.get(fmt).dump(replace(playlist, entries=tuple(plain)), str(path))
    return path, [e.cue.start_utc_ms for e in plain if e.cue is not None]


@pytest.mark.parametrize("fmt", ["xspf", "csv", "json"])
def test_stated_starts_are_the_schedule_read(tmp_path: Path, fmt: str) -> None:
    path, starts = _stated_only(tmp_path, fmt)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        show = load_source(path)
    timing = compute(show)
    fronts = [timing.cue(si, ci).front_ms for si, ci in _places(show)]
    assert fronts == starts
    gaps = {c.number: c.gap_ms for _, c in show.cues()}
    assert (gaps["2"], gaps["4"]) == (30_000, 5_000)  # the Finale is no longer fixed: cue 3 too


def _places(show: Show) -> list[tuple[int, int]]:
    return [(si, ci) for si, s in enumerate(show.segments) for ci in range(len(s.cues))]


def test_timing_and_convert_agree_on_an_xspf(tmp_path: Path) -> None:
    path, _ = _stated_only(tmp_path, "xspf")
    runner = CliRunner()
    timing = runner.invoke(cli, ["timing", str(path), "--no-resolve", "--offline"])
    assert timing.exit_code == 0, timing.stderr
    converted = runner.invoke(cli, ["convert", str(path), "-", "--format", "csv"])
    assert converted.exit_code == 0, converted.stderr
    rows = list(csv.DictReader(io.StringIO(converted.stdout, newline="")))
    # a cue's line: number, title, kind, duration, front (local HH:MM:SS), back, source
    fronts = re.findall(r"^ +([\d.]+) .* (\d+:\d\d) +(\d\d:\d\d:\d\d) ", timing.stdout, re.M)
    assert len(fronts) == len(rows) == 4
    assert [(n, f) for n, _, f in fronts] == [(r["cue"], r["start_local"][11:19]) for r in rows]
