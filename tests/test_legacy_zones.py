"""Legacy tz database names (EST, CET, PST8PDT, Etc/GMT-1...) are valid but doubtful: warned."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from cuesheet.cli import cli
from cuesheet.errors import CueSheetWarning
from cuesheet.inputs import showfile
from cuesheet.timing.zones import legacy_zone

SHOW = """\
title: Test
timezone: {tz}
date: 2014-02-23
start: "21:00"
segments:
  - title: One
    cues:
      - music: X - Y
        duration: "4:43"
"""

LEGACY = ["EST", "MST", "HST", "CET", "EET", "MET", "WET", "PST8PDT", "EST5EDT", "CST6CDT",
          "MST7MDT", "Etc/GMT+5", "Etc/GMT-1"]  # fmt: skip


@pytest.mark.parametrize("name", LEGACY)
def test_every_legacy_zone_in_a_show_file_is_warned_naming_a_region_zone(name: str) -> None:
    with pytest.warns(CueSheetWarning) as caught:
        showfile.loads(SHOW.format(tz=name), "show.yaml")
    (message,) = [str(w.message) for w in caught if "'timezone'" in str(w.message)]
    assert message.startswith(f"show.yaml:2: 'timezone': {name} is ")
    assert "write " in message and "/" in message.split("write ", 1)[1]


@pytest.mark.parametrize("name", ["Europe/Paris", "America/New_York", "UTC", "Etc/UTC", "GMT"])
def test_region_zones_and_utc_are_not_warned(name: str, recwarn: pytest.WarningsRecorder) -> None:
    showfile.loads(SHOW.format(tz=name), "show.yaml")
    assert not [w for w in recwarn if "timezone" in str(w.message)]
    assert legacy_zone(name) is None


def test_est_says_it_has_no_daylight_saving_and_offers_both_readings() -> None:
    message = legacy_zone("EST")
    assert message is not None
    assert "fixed UTC-5 all year, without daylight saving" in message
    assert "America/New_York for the region's clock" in message
    assert "America/Panama for UTC-5 all year" in message


def test_etc_gmt_explains_the_inverted_sign_with_places_of_that_offset_on_the_date() -> None:
    message = legacy_zone("Etc/GMT-4", date(2014, 2, 23))
    assert message is not None
    assert message.startswith("Etc/GMT-4 is UTC+4 all year, not UTC-4: POSIX names count")
    assert "UTC+4 on 2014-02-23: Europe/Moscow" in message  # Moscow was UTC+4 in 2014
    summer = legacy_zone("Etc/GMT+4", date(2014, 7, 1))
    assert summer is not None and "UTC-4 on 2014-07-01: America/New_York" in summer


def test_rule_zones_name_the_venue_zone() -> None:
    message = legacy_zone("PST8PDT")
    assert message is not None and "US Pacific time" in message
    assert message.endswith("America/Los_Angeles")


def test_a_list_given_a_legacy_zone_is_warned(tmp_path: Path) -> None:
    listing = tmp_path / "list.txt"
    listing.write_text("## Music\n- Queen - Bohemian Rhapsody\n")
    result = CliRunner().invoke(
        cli, ["timing", str(listing), "--no-resolve", "--timezone", "CET", "--date", "2014-02-23"]
    )
    assert result.exit_code == 0, result.stderr
    assert "cuesheet: warning: timezone: CET is a legacy rule zone" in result.stderr
    assert "Europe/Paris" in result.stderr


def test_a_legacy_log_timezone_is_warned() -> None:
    root = Path(__file__).resolve().parent.parent / "examples"
    result = CliRunner().invoke(
        cli,
        ["check", str(root / "sochi-2014-closing.yaml"), "--no-resolve",
         "--as-run", str(root / "sochi-2014-asrun.csv"), "--log-timezone", "MST"],
    )  # fmt: skip
    assert "cuesheet: warning: --log-timezone: MST is a fixed UTC-7 all year" in result.stderr
