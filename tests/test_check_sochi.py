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
    # Every cue has a planned duration (music ones estimated): the plan times out completely,
    # and nothing is wrong with it as a running order.
    assert json.loads(result.stdout) == []
    # Made into a CUE sheet, its long stage directions and quoted titles would not fit.
    result = CliRunner().invoke(
        cli, ["check", "--no-resolve", str(PLAN), "--json", "--cue-sheet"]
    )
    assert result.exit_code == 0, result.output
    assert {f["code"] for f in json.loads(result.stdout)} == {"EXP001", "EXP002"}


def test_the_as_run_log_names_where_time_was_lost_and_gained() -> None:
    result = CliRunner().invoke(
        cli, ["check", "--no-resolve", str(PLAN), "--as-run", str(LOG), "--json"]
    )
    assert result.exit_code == 0, result.output
    findings = json.loads(result.stdout)
    changes = [
        (f["code"], f["cue"], f["times"]["delta_ms"], f["times"]["running_ms"])
        for f in findings
        if f["times"]["running_ms"] is not None
    ]
    assert sorted(changes, key=lambda c: float(c[1])) == [
        ("RUN008", "1", 75_000, 75_000),  # Baba Yaga stretched by 1:15 ...
        ("RUN001", "3", -75_000, 0),  # ... so the next theme was dropped: on time again
        ("RUN008", "10", 65_000, 65_000),  # the coronation march ran 1:05 long ...
        ("RUN008", "13", -45_000, 20_000),  # ... the medal theme got 0:45 of it back
        ("RUN008", "18", -20_000, 0),
        ("RUN008", "28", -165_000, -165_000),  # the Olympic anthem was cut short ...
        ("RUN008", "29", 165_000, 0),  # ... while the flag took longer
        ("RUN008", "32", 25_000, 25_000),
        ("RUN008", "33", 35_000, 60_000),  # the speeches started a minute late
        ("RUN008", "35", -40_000, 20_000),
        ("RUN008", "37", -20_000, 0),
        ("RUN008", "42", -10_000, -10_000),
        ("TIM002", "43", 10_000, 0),  # ten seconds of silence before the fireworks
        ("RUN008", "43", -20_000, -20_000),
        ("RUN008", "44", 20_000, 0),
    ]
    # The lateness each change carried is one finding per run of cues, not one per cue.
    runs = [f["message"] for f in findings if f["code"] == "RUN005"]
    assert len(runs) == 8
    assert any(
        "cues 11-13 (3 cues) started 1:05 late, carried from cue 10, which ran 1:05 long" in m
        for m in runs
    )
    assert {f["code"] for f in findings if f["code"].startswith("RUN")} == {
        "RUN001", "RUN004", "RUN005", "RUN006", "RUN008"
    }  # fmt: skip
    assert all(f["on_air"] for f in findings if f["code"].startswith("RUN"))
    assert result.stderr == ""


def test_the_report_starts_with_where_the_time_went() -> None:
    result = CliRunner().invoke(cli, ["check", "--no-resolve", str(PLAN), "--as-run", str(LOG)])
    lines = result.stdout.splitlines()
    assert lines[4].startswith("Where the time went on air")
    assert lines[5].split()[:3] == ["+1:15", "+1:15", "cue"]
    assert "ran 1:15 long (planned 2:05, aired 3:20)" in lines[5]
    assert "not in the as-run log" in lines[6] and lines[6].split()[:2] == ["-1:15", "on"]
    on_air, plan = lines.index("On air"), lines.index("Plan")
    assert on_air < plan
    assert all("EXP00" not in line for line in lines[:plan])
    assert all("RUN" not in line for line in lines[plan:])
    assert lines[-1] == "On air: 0 errors, 25 warnings. Plan: 0 errors, 0 warnings."


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
        "EXP001",
    ]
    result = CliRunner().invoke(cli, args)
    docs = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    printed = result.stdout.replace(str(LOG), "examples/sochi-2014-asrun.csv").rstrip("\n")
    assert printed in docs
