"""An as-run log given as the source of timing, export and convert: the show that aired."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cuesheet.asrun.asshow import log_show, looks_like_log
from cuesheet.cli import cli
from cuesheet.model import CueKind, Role

ROOT = Path(__file__).resolve().parent.parent
LOG = ROOT / "examples" / "sochi-2014-asrun.csv"
TEXT = "Time aired,Title,Artist,Duration\n21:00:00,Song,A / B,3:00\n21:03:10,Speech,,1:00\n"


def test_a_log_is_told_from_our_own_csv_exports() -> None:
    assert looks_like_log(TEXT)
    assert looks_like_log("# comment\n\nStart;Track;Length\n")
    assert not looks_like_log("segment,cue,start_local,start_utc,duration,kind,title\n")
    assert not looks_like_log("sequence,cue,title,writers,performers\n")
    assert not looks_like_log("== Music ==\n- A - B\n")


def test_the_log_becomes_the_show_that_aired() -> None:
    show = log_show(TEXT, path="log.csv", timezone="Europe/Paris")
    song, speech = show.segments[0].cues
    assert [c.name for c in song.credits] == ["A", "B"]
    assert {c.role for c in song.credits} == {Role.PERFORMER}
    assert (song.kind, speech.kind) == (CueKind.MUSIC, CueKind.OTHER)
    assert speech.gap_ms == 10_000  # the silence between them is kept
    assert not show.dated


def test_timing_export_and_convert_read_the_bundled_log(tmp_path: Path) -> None:
    args = ["--timezone", "Europe/Moscow", "--date", "2014-02-23", "--no-resolve"]
    result = CliRunner().invoke(cli, ["timing", str(LOG), *args])
    assert result.exit_code == 0, result.stderr
    assert "Pictures at an Exhibition: Baba Yaga" in result.stdout
    assert "20:14:00" in result.stdout
    out = tmp_path / "aired.json"
    result = CliRunner().invoke(cli, ["export", str(LOG), *args, "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    cues = json.loads(out.read_text())["segments"][0]["cues"]
    assert len(cues) == 43  # cue 3 never aired
    xspf = tmp_path / "aired.xspf"
    result = CliRunner().invoke(cli, ["convert", str(LOG), str(xspf)])
    assert result.exit_code == 0, result.stderr
    assert xspf.read_text().count("<track>") == 43


def test_a_log_is_known_from_its_head(tmp_path: Path) -> None:
    from cuesheet.asrun.asshow import sniff

    log = tmp_path / "big.csv"
    log.write_text(TEXT + "21:04:10,Song,A,3:00\n" * 10_000 + "\x00garbage", encoding="utf-8")
    assert sniff(log)  # the tail is never read
    utf16 = tmp_path / "utf16.csv"
    utf16.write_text(TEXT, encoding="utf-16")
    assert sniff(utf16)
    cut = tmp_path / "cut.csv"  # a header cut at the end of the head is not taken for one
    cut.write_text("#" * 65_530 + "\nTime aired,Title\n21:00:00,Song\n", encoding="utf-8")
    assert not sniff(cut)
    export = tmp_path / "export.csv"
    export.write_text("segment,cue,start_local,start_utc,duration,kind,title\n", encoding="utf-8")
    assert not sniff(export)
    assert not sniff(tmp_path / "missing.csv")
    assert not sniff(tmp_path)


def test_a_list_given_as_the_source_is_read_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Telling a list from an as-run log reads the list's head, not the whole list twice."""
    listing = tmp_path / "list.txt"
    listing.write_text("== Music ==\n" + "".join(f"- C{i} - Work {i}\n" for i in range(2000)))
    reads: list[Path] = []
    read_bytes = Path.read_bytes

    def counting(self: Path) -> bytes:
        reads.append(self)
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", counting)
    result = CliRunner().invoke(cli, ["timing", str(listing), "--no-resolve"])
    assert result.exit_code == 0, result.stderr
    assert "Work 1999" in result.stdout
    assert reads.count(listing) == 1
