"""`cuesheet export` and `cuesheet timing` through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cuesheet.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SOCHI = ROOT / "examples" / "sochi-2014-closing.yaml"
LISTS = ROOT / "examples" / "sochi-2014-lists.txt"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_export_json_to_stdout_carries_local_and_utc_times() -> None:
    code, out, err = run("export", str(SOCHI), "-o", "-", "--no-resolve")
    assert code == 0, err
    data = json.loads(out)
    assert data["start"]["local"] == "2014-02-23T20:14:00+04:00"
    assert data["start"]["utc"] == "2014-02-23T16:14:00Z"
    closed = [f for f in data["timing"]["fixed"] if f["at"]["local"].endswith("22:04:00+04:00")]
    assert len(closed) == 1


def test_export_json_file_reads_back_as_a_source(tmp_path: Path) -> None:
    out = tmp_path / "sochi.json"
    code, _, err = run("export", str(SOCHI), "-o", str(out), "--no-resolve")
    assert code == 0, err
    again = tmp_path / "again.json"
    code, _, err = run("export", str(out), "-o", str(again), "--no-resolve")
    assert code == 0, err
    first, second = json.loads(out.read_text()), json.loads(again.read_text())
    assert first["segments"] == second["segments"]


def test_export_list_with_show_options(tmp_path: Path) -> None:
    out = tmp_path / "lists.json"
    code, _, err = run(
        "export",
        str(LISTS),
        "-o",
        str(out),
        "--no-resolve",
        "--timezone",
        "Europe/Moscow",
        "--date",
        "2014-02-23",
        "--start",
        "20:14",
    )
    assert code == 0, err
    data = json.loads(out.read_text())
    assert data["start"]["local"] == "2014-02-23T20:14:00+04:00"
    titles = [c["title"] for s in data["segments"] for c in s["cues"]]
    assert len(titles) == 21 and titles[0].startswith("9th Movement")


def test_unknown_format_lists_the_known_ones(tmp_path: Path) -> None:
    code, _, err = run("export", str(SOCHI), "-o", str(tmp_path / "x.pls"), "--no-resolve")
    assert code == 2
    assert "json" in err and "csv" in err and "Traceback" not in err
    assert not (tmp_path / "x.pls").exists()


def test_bad_show_file_is_exit_2_with_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "show.yaml"
    bad.write_text(SOCHI.read_text(encoding="utf-8").replace("at: 22:04", "at: 22.04"))
    text = bad.read_text()
    assert "22.04" in text
    out = tmp_path / "out.json"
    code, _, err = run("export", str(bad), "-o", str(out), "--no-resolve")
    assert code == 2
    assert f"{bad}:" in err and "HH:MM" in err and "22.04" in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not out.exists()


def test_missing_source_is_exit_2(tmp_path: Path) -> None:
    code, _, err = run("export", str(tmp_path / "nope.yaml"), "-o", "-", "--no-resolve")
    assert code == 2
    assert "nope.yaml" in err


def test_never_overwrites_the_input(tmp_path: Path) -> None:
    src = tmp_path / "show.json"
    code, _, _ = run("export", str(SOCHI), "-o", str(src), "--no-resolve")
    assert code == 0
    before = src.read_bytes()
    code, _, err = run("export", str(src), "-o", str(src), "--no-resolve")
    assert code == 2 and "refusing to overwrite" in err
    assert src.read_bytes() == before


def test_failed_export_keeps_the_old_output(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_text("old")
    bad = tmp_path / "bad.yaml"
    bad.write_text("show:\n  title: x\n")
    code, _, _ = run("export", str(bad), "-o", str(out), "--no-resolve")
    assert code == 2
    assert out.read_text() == "old"


def test_timing_table_shows_fixed_times_and_utc() -> None:
    code, out, err = run("timing", str(SOCHI), "--utc", "--no-resolve")
    assert code == 0, err
    assert "2014-02-23T20:14:00+04:00" in out and "16:14Z" in out
    assert "▶ 22:04:00 18:04Z" in out
    assert "Hard out" in out


@pytest.mark.parametrize("command", ["export", "timing"])
def test_help_has_an_example(command: str) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0
    assert "Example" in out and "sochi-2014-closing.yaml" in out


def test_python_dash_m_runs() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "cuesheet", "--version"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0 and "cuesheet" in done.stdout


@pytest.mark.parametrize("fmt", ["csv", "xspf", "json"])
def test_every_export_reads_back_as_a_source(tmp_path: Path, fmt: str) -> None:
    """show -> format -> show keeps cues, order, titles, credits and durations."""
    from cuesheet.inputs.sources import load_source

    out = tmp_path / f"sochi.{fmt}"
    code, _, err = run("export", str(SOCHI), "-o", str(out), "--no-resolve")
    assert code == 0, err
    original = load_source(SOCHI)
    again = load_source(out)
    before = [(c.number, c.title, c.credits, c.duration_ms) for _, c in original.cues()]
    after = [(c.number, c.title, c.credits, c.duration_ms) for _, c in again.cues()]
    assert after == before
    assert [s.title for s in again.segments] == [s.title for s in original.segments]


def test_a_command_run_in_process_leaves_the_collector_as_it_found_it(tmp_path: Path) -> None:
    """The loaded show is kept out of the collector's walks only while the command runs."""
    import gc

    assert gc.get_freeze_count() == 0
    code, _, _ = run("export", str(SOCHI), "--no-resolve", "-o", str(tmp_path / "s.json"))
    assert code == 0
    assert gc.get_freeze_count() == 0  # nothing left frozen: in-process runs leak nothing
