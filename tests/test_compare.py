"""Planned against aired, side by side (`cuesheet compare`, `check --table`), an early overrun
told once, and an as-run log on another clock (`--log-timezone`)."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from click.testing import CliRunner

from cuesheet.cli import cli

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "examples" / "sochi-2014-closing.yaml"
LOG = ROOT / "examples" / "sochi-2014-asrun.csv"
OVERRUN = ROOT / "examples" / "sochi-2014-asrun-overrun.csv"


def _invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [args[0], "--no-resolve", *args[1:]])
    return result.exit_code, result.stdout, result.stderr


def test_one_cue_running_long_early_is_named_once_with_its_echo_in_one_finding() -> None:
    code, out, _ = _invoke("check", str(PLAN), "--as-run", str(OVERRUN))
    lines = out.splitlines()
    assert lines[4].startswith("Where the time went on air")
    assert lines[5].split()[:4] == ["+2:00", "+2:00", "cue", "2"]
    assert "ran 2:00 long (planned 1:30, aired 3:30)" in lines[5]
    assert lines[6] == ""
    assert "cues 3-44 (42 cues) started 2:00 late, carried from cue 2, which ran 2:00 long" in out
    assert len(re.findall(r"started 2:00 late", out)) == 1
    assert "2:00 past its hard out at 22:25:00: made by cue 2, which ran 2:00 long" in out
    assert code == 1  # the show ran past its hard out on air


def test_compare_prints_the_plan_and_the_air_side_by_side() -> None:
    code, out, _ = _invoke("compare", str(PLAN), str(LOG))
    assert code == 0
    rows = {line.split()[0]: line for line in out.splitlines()[1:45]}
    assert rows["3"].endswith("dropped") and "20:17:35" in rows["3"]
    assert rows["24"].endswith("swapped") and rows["25"].endswith("swapped")
    assert rows["10"].split()[-4:] == ["0:00", "+1:05", "+1:05", "aired"]
    assert rows["13"].split()[-4:] == ["+1:05", "-0:45", "+0:20", "aired"]


def test_compare_writes_csv_and_json_for_the_archive(tmp_path: Path) -> None:
    out = tmp_path / "aired.csv"
    code, _, _ = _invoke("compare", str(PLAN), str(LOG), "-o", str(out))
    assert code == 0
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 44
    by_cue = {row["cue"]: row for row in rows}
    assert by_cue["3"]["status"] == "dropped" and by_cue["3"]["aired_start"] == ""
    assert by_cue["10"]["planned_start"] == "2014-02-23T20:31:00+04:00"
    assert (by_cue["10"]["length_delta"], by_cue["10"]["running"]) == ("0:01:05", "0:01:05")
    assert by_cue["13"]["length_delta"] == "-0:00:45"
    code, text, _ = _invoke("compare", str(PLAN), str(LOG), "--format", "json")
    data = json.loads(text)
    medal = next(r for r in data if r["cue"] == "13")
    assert (medal["start_delta_ms"], medal["length_delta_ms"], medal["running_ms"]) == (
        65_000,
        -45_000,
        20_000,
    )
    assert medal["aired_length_logged"] is True and medal["line"] == 20


def test_extras_sit_after_what_they_aired_after(tmp_path: Path) -> None:
    log = tmp_path / "extra.csv"
    text = LOG.read_text(encoding="utf-8").replace(
        "20:14:00,1,", "20:13:30,,Station ident,,0:30\n20:14:00,1,"
    )
    log.write_text(text, encoding="utf-8")
    code, out, _ = _invoke("compare", str(PLAN), str(log), "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert rows[0]["status"] == "extra" and rows[0]["title"] == "Station ident"
    assert rows[1]["cue"] == "1"


def test_check_table_adds_the_table_after_the_report() -> None:
    code, out, _ = _invoke("check", str(PLAN), "--as-run", str(LOG), "--table")
    assert code == 0
    report_end = out.index("On air: 0 errors")
    table = out[report_end:]
    assert "planned  length     aired  length" in table
    assert re.search(r"\n\s+3\s+Theme from .*dropped\n", table)


def _in_utc(tmp_path: Path) -> Path:
    """The Sochi log with every time written on UTC wall clocks (four hours behind Moscow)."""

    def back(found: re.Match[str]) -> str:
        hours = (int(found[1]) - 4) % 24
        return f"\n{hours:02d}:{found[2]},"

    text = re.sub(r"\n(\d\d):(\d\d:\d\d),", back, LOG.read_text(encoding="utf-8"))
    log = tmp_path / "utc.csv"
    log.write_text(text, encoding="utf-8")
    return log


def test_a_log_written_in_utc_is_named_and_read_with_log_timezone(tmp_path: Path) -> None:
    log = _in_utc(tmp_path)
    code, out, _ = _invoke("check", str(PLAN), "--as-run", str(log), "--json")
    findings = json.loads(out)
    (hint,) = [f for f in findings if f["code"] == "RUN010"]
    assert "Every aired time is 4:00:00 earlier than planned" in hint["message"]
    assert "--log-timezone UTC" in hint["message"]
    # Everything else is read on the show's clock: the same findings as the Moscow log.
    code, plain_json, _ = _invoke("check", str(PLAN), "--as-run", str(LOG), "--json")
    assert [f for f in findings if f["code"] != "RUN010"] == json.loads(plain_json)
    code, fixed, _ = _invoke("check", str(PLAN), "--as-run", str(log), "--log-timezone", "UTC")
    _, plain, _ = _invoke("check", str(PLAN), "--as-run", str(LOG))
    assert fixed.replace(str(log), "LOG") == plain.replace(str(LOG), "LOG")
    code, out, err = _invoke("check", str(PLAN), "--as-run", str(log), "--log-timezone", "Moskow")
    assert code == 2 and "--log-timezone" in err


def test_the_timeline_page_has_the_side_by_side_table(tmp_path: Path) -> None:
    page = tmp_path / "aired.html"
    code, _, _ = _invoke("timeline", str(PLAN), "--as-run", str(LOG), "-o", str(page))
    assert code == 0
    html = page.read_text(encoding="utf-8")
    table = html[html.index("<h2>Planned against aired</h2>") :]
    table = table[: table.index("</table>")]
    assert table.count("<tr class=") == 44
    assert '<tr class="row-dropped"><td><a href="#cue-3">3</a></td>' in table
    assert "<td>+1:05</td><td>\u22120:45</td><td>+0:20</td><td>aired</td>" in table


def test_export_reads_a_log_on_another_clock(tmp_path: Path) -> None:
    utc, moscow = tmp_path / "aired-utc.csv", tmp_path / "aired-moscow.csv"
    utc_log = _in_utc(tmp_path)
    code, _, err = _invoke(
        "export", str(PLAN), "--as-run", str(utc_log), "--log-timezone", "UTC", "-o", str(utc),
    )  # fmt: skip
    assert code == 0, err
    code, _, err = _invoke("export", str(PLAN), "--as-run", str(LOG), "-o", str(moscow))
    # the same rows; only the show's notes name each its own log ("As run, from <log>.")
    aired_utc = utc.read_text(encoding="utf-8")
    assert f"As run, from {utc_log}." in aired_utc
    assert aired_utc.replace(str(utc_log), "<log>") == moscow.read_text(
        encoding="utf-8"
    ).replace(str(LOG), "<log>")


def _documented(args: list[str]) -> bool:
    result = CliRunner().invoke(cli, args)
    docs = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    printed = result.stdout
    for path in (PLAN, LOG, OVERRUN):
        printed = printed.replace(str(path), f"examples/{path.name}")
    return printed.rstrip("\n") in docs


def test_the_documented_overrun_report_is_what_the_command_prints() -> None:
    args = ["check", "--no-resolve", str(PLAN), "--as-run", str(OVERRUN)]
    assert _documented([*args, "--ignore", "EXP001", "--ignore", "EXP002"])


def test_the_documented_table_is_what_the_command_prints() -> None:
    assert _documented(["compare", "--no-resolve", str(PLAN), str(LOG)])


def test_the_documented_json_finding_is_what_the_command_prints() -> None:
    result = CliRunner().invoke(
        cli, ["check", "--no-resolve", str(PLAN), "--as-run", str(LOG), "--json"]
    )
    march = next(f for f in json.loads(result.stdout) if f["code"] == "RUN008" and f["cue"] == "10")
    docs = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    assert f'"message": {json.dumps(march["message"], ensure_ascii=False)}' in docs
    assert f'"times": {json.dumps(march["times"])}' in docs
