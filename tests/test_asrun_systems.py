"""As-run logs from playout systems: LibreTime's playout history and Rivendell's Music Playout
report, on samples written from their public sources (see docs/checks.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cuesheet.asrun import rivendell
from cuesheet.asrun.logs import loads_csv
from cuesheet.cli import cli
from cuesheet.errors import InputError
from cuesheet.timing import clock

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "examples" / "sochi-2014-closing.yaml"
MSK = "Europe/Moscow"
NEAR = clock.to_ms(clock.from_ms(1393172040000, MSK))  # 2014-02-23 20:14 Moscow

# LibreTime History > Log Sheet > CSV: the default item template (Start Time, End Time,
# Title, Creator; HistoryService::defaultItemTemplate), times 'Y-m-d H:i:s' on the station's
# clock (DEFAULT_TIMESTAMP_FORMAT), plus a template's Length column (the file's length).
LIBRETIME = (
    '"","Start Time","End Time","Title","Creator","Length"\r\n'
    '"","2014-02-23 20:14:00","2014-02-23 20:17:20","Pictures at an Exhibition: Baba Yaga",'
    '"Modest Mussorgsky","00:02:05.0"\r\n'
    '"","2014-02-23 20:17:20","2014-02-23 20:18:50",'
    '"Lyubov rows in with two clowns and the children Yuri and Valentina","","00:01:30.0"\r\n'
    '"","2014-02-23 23:59:30","2014-02-24 00:01:00","Late night","DJ","00:01:30.0"\r\n'
)

# Rivendell rdlogmanager > Reports > Music Playout (RDReport::ExportMusicPlayout): title line,
# centred name line, the --Time-- header, rows "%8s  %6s  %3s  %5s  %-30s   %-30s   %-25s   %-20s".
_ROW = "{:>8}  {:>6}  {:>3}  {:>5}  {:<30}   {:<30}   {:<25}   {:<20}"
RIVENDELL = "\n".join(
    [
        " " * 61 + "Rivendell RDAirPlay Music Playout Report for 02/23/2014",
        " " * 70 + "CLOSING -- Closing ceremony",
        "--Time--  -Cart-  Cut  A-Len  --Title-----------------------   "
        "--Artist----------------------   --Album------------------   --Label-------------",
        _ROW.format("20:14:00", "010001", "001", "03:20", "Pictures at an Exhibition: Bab",
                    "Modest Mussorgsky", "Sochi 2014", "Melodiya"),
        _ROW.format("20:31:00", "010010", "001", "04:40", "Festival Coronation March",
                    "Tchaikovsky", "Sochi 2014", "Melodiya"),
        _ROW.format("23:59:50", "010044", "002", "00:20", "Fireworks", "", "", ""),
        _ROW.format("00:00:10", "010045", "001", "01:00", "After midnight", "", "", ""),
        "",
    ]
)  # fmt: skip


def test_libretime_history_reads_start_and_end_times() -> None:
    log = loads_csv(LIBRETIME, timezone=MSK, near_ms=NEAR, path="history.csv")
    first, second, third = log.items
    assert clock.iso_local(first.start_ms or 0, MSK) == "2014-02-23T20:14:00+04:00"
    # The aired length is end minus start, not the file's length.
    assert (first.duration_ms, second.duration_ms, third.duration_ms) == (200_000, 90_000, 90_000)
    assert first.credits == "Modest Mussorgsky" and first.line == 2


def test_libretime_end_before_start_names_the_line() -> None:
    broken = LIBRETIME.replace("2014-02-23 20:18:50", "2014-02-23 20:10:00")
    with pytest.raises(InputError, match=r"history\.csv:3: time ended: '2014-02-23 20:10:00'"):
        loads_csv(broken, timezone=MSK, near_ms=NEAR, path="history.csv")


def test_rivendell_music_playout_report() -> None:
    assert rivendell.is_music_playout(RIVENDELL)
    log = rivendell.loads(RIVENDELL, timezone=MSK, near_ms=0, path="playout.txt")
    titles = [item.title for item in log.items]
    assert titles == [
        "Pictures at an Exhibition: Bab",
        "Festival Coronation March",
        "Fireworks",
        "After midnight",
    ]
    assert [item.duration_ms for item in log.items] == [200_000, 280_000, 20_000, 60_000]
    assert log.items[0].credits == "Modest Mussorgsky" and log.items[0].line == 4
    starts = [clock.iso_local(item.start_ms or 0, MSK) for item in log.items]
    assert starts[0] == "2014-02-23T20:14:00+04:00"
    assert starts[-1] == "2014-02-24T00:00:10+04:00"  # the report ran past midnight


def test_rivendell_bad_row_names_the_line() -> None:
    broken = RIVENDELL.replace("20:31:00  010010", "20:31     010010")
    with pytest.raises(InputError, match=r"playout\.txt:5: expected a report row"):
        rivendell.loads(broken, timezone=MSK, near_ms=0, path="playout.txt")


@pytest.mark.parametrize(("name", "text"), [("history.csv", LIBRETIME), ("playout.txt", RIVENDELL)])
def test_check_reads_both_against_the_plan(tmp_path: Path, name: str, text: str) -> None:
    log = tmp_path / name
    log.write_text(text, encoding="utf-8", newline="")
    result = CliRunner().invoke(
        cli, ["compare", "--no-resolve", str(PLAN), str(log), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    rows = {r["cue"]: r for r in json.loads(result.stdout)}
    assert rows["1"]["status"] == "aired" and rows["1"]["aired_length_ms"] == 200_000
    assert rows["1"]["length_delta_ms"] == 75_000
