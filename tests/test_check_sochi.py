"""The Sochi example and its as-run log (examples/sochi-2014-asrun.csv) end to end."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from cuesheet.cli import cli
from tests.tools import people, read_rights_csv

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "examples" / "sochi-2014-closing.yaml"
LOG = ROOT / "examples" / "sochi-2014-asrun.csv"


def test_the_plan_alone_has_no_errors() -> None:
    result = CliRunner().invoke(cli, ["check", "--no-resolve", str(PLAN), "--json"])
    assert result.exit_code == 0, result.output
    findings = json.loads(result.stdout)
    assert {f["severity"] for f in findings} == {"warning"}
    assert not [f for f in findings if f["code"].startswith("RUN")]
    # Every cue has a planned duration (music ones estimated): the plan times out completely.
    assert not [f for f in findings if f["code"] in ("TIM003", "TIM004", "TIM005", "TIM008")]


def test_the_as_run_log_shows_the_late_the_dropped_and_the_swapped() -> None:
    result = CliRunner().invoke(
        cli, ["check", "--no-resolve", str(PLAN), "--as-run", str(LOG), "--json"]
    )
    assert result.exit_code == 0, result.output
    found = [
        (f["code"], f["cue"], f["times"]["delta_ms"])
        for f in json.loads(result.stdout)
        if f["code"].startswith("RUN") or f["code"] in ("TIM001", "TIM002")
    ]
    assert found == [
        ("RUN005", "2", 75_000),  # Baba Yaga stretched by 1:15 ...
        ("RUN001", "3", None),  # ... so the next theme was dropped, and cue 4 is on time
        ("RUN005", "11", 65_000),  # the coronation march ran 1:05 long ...
        ("RUN005", "12", 65_000),
        ("RUN005", "13", 65_000),
        ("RUN005", "14", 20_000),  # ... the medal theme got 0:45 of it back
        ("RUN005", "15", 20_000),
        ("RUN005", "16", 20_000),
        ("RUN005", "17", 20_000),
        ("RUN005", "18", 20_000),
        ("RUN004", "24", 160_000),
        ("RUN005", "29", -165_000),  # the Olympic anthem was cut short; the flag took longer
        ("RUN005", "33", 25_000),
        ("RUN005", "34", 60_000),
        ("RUN005", "35", 60_000),
        ("RUN006", None, 20_000),
        ("RUN005", "36", 20_000),
        ("RUN005", "37", 20_000),
        ("TIM002", "43", 10_000),
        ("RUN005", "44", -20_000),
    ]
    assert result.stderr == ""


def test_the_report_says_what_aired(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["check", "--no-resolve", str(PLAN), "--as-run", str(LOG)])
    assert "As run: 43 of 44 cues aired (1 missing, 0 extra, 0 moved, 1 swap(s))" in result.stdout
    assert (
        'cue 24 "The Second Waltz" and cue 25 "Waltz from Cinderella" aired in each other\'s '
        "places" in result.stdout
    )


def test_rights_cue_sheet_of_what_aired(tmp_path: Path) -> None:
    out = tmp_path / "rights.csv"
    result = CliRunner().invoke(
        cli,
        [
            "export",
            str(PLAN),
            "--no-resolve",
            "--as-run",
            str(LOG),
            "-o",
            str(out),
            "-f",
            "rights-csv",
        ],
    )
    assert result.exit_code == 0, result.output
    header, rows = read_rights_csv(out.read_text(encoding="utf-8"))
    assert header["Timings"] == "as aired"
    for row in rows:
        row["performers"] = people(row, "performer")
    cues = [row["cue"] for row in rows]
    # the 22 music and anthem cues but cue 3, which did not air; speech and stage action left out
    assert len(rows) == 21 and "3" not in cues and {r["kind"] for r in rows} == {"music", "anthem"}
    assert cues.index("25") == cues.index("24") - 1
    medal = rows[cues.index("13")]
    assert (medal["timing_in"], medal["duration"]) == ("00:29:05", "00:00:45")
    anthems = [row for row in rows if row["title"] == "State Anthem of the Russian Federation"]
    assert "Valery Gergiev (conductor)" in anthems[0]["performers"]
    assert "London Philharmonic Orchestra (performer)" in anthems[1]["performers"]
    assert [row["timing_in"] for row in anthems] == ["00:10:00", "00:36:25"]


def test_the_documented_example_is_what_the_command_prints() -> None:
    args = [
        "check",
        "--no-resolve",
        str(PLAN),
        "--as-run",
        str(LOG),
        "--ignore",
        "unknown-duration",
    ]
    result = CliRunner().invoke(cli, [*args, "--ignore", "EXP001", "--ignore", "EXP002"])
    docs = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    printed = result.stdout.replace(str(LOG), "examples/sochi-2014-asrun.csv").rstrip("\n")
    assert printed in docs
