"""Settings: a TOML file, environment variables, and ``cuesheet config`` (issue 14.2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cuesheet.cli import cli
from tests.mbserver import MBServer

ROOT = Path(__file__).resolve().parent.parent
LISTS = ROOT / "examples" / "sochi-2014-lists.txt"
SHOW = ROOT / "examples" / "sochi-2014-closing.yaml"


def invoke(config: Path, *args: str, **env: str) -> Result:
    return CliRunner(env={"CUESHEET_CONFIG": str(config), **env}).invoke(cli, list(args))


def test_config_shows_each_setting_and_where_it_came_from(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[musicbrainz]\ncontact = "me@example.org"\nrate_limit = 0\n')
    result = invoke(config, "config", CUESHEET_RATE_LIMIT="2")
    assert result.exit_code == 0, result.stderr
    lines = {line.split(" = ")[0]: line for line in result.stdout.splitlines()[1:]}
    assert lines["musicbrainz.contact"].endswith(f"file {config}")
    assert '"me@example.org"' in lines["musicbrainz.contact"]
    assert lines["musicbrainz.rate_limit"].split()[2:] == ["2", "env", "CUESHEET_RATE_LIMIT"]
    assert lines["musicbrainz.offline"].split()[2:] == ["false", "default"]


def test_init_writes_a_commented_file_that_changes_nothing_and_never_overwrites(
    tmp_path: Path,
) -> None:
    config = tmp_path / "folder" / "config.toml"
    result = invoke(config, "config", "--init")
    assert result.exit_code == 0, result.stderr
    text = config.read_text()
    assert "# url = \"https://musicbrainz.org\"" in text and "[library]" in text
    shown = invoke(config, "config")
    assert all(line.endswith("default") for line in shown.stdout.splitlines()[1:])
    again = invoke(config, "config", "--init")
    assert again.exit_code == 1 and "already there" in again.stderr
    assert config.read_text() == text


def test_settings_reach_the_commands_and_options_win(tmp_path: Path) -> None:
    config, cache = tmp_path / "config.toml", tmp_path / "c.sqlite3"
    with MBServer() as server:
        config.write_text(
            f'[musicbrainz]\nurl = "{server.url}"\nrate_limit = 0\ncache = "{cache}"\n'
            "offline = true\n"
        )
        offline = invoke(config, "resolve", str(LISTS), "--json")
        assert offline.exit_code == 0, offline.stderr
        assert server.count == 0  # offline by default
        online = invoke(config, "resolve", str(LISTS), "--json", CUESHEET_OFFLINE="0")
        assert online.exit_code == 0, online.stderr
        assert server.count > 0 and cache.exists()  # the file's server and cache were used
        rows = json.loads(online.stdout)
        assert rows[6]["status"] == "resolved"


def test_the_default_timezone_applies_to_text_lists_only(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[show]\ntimezone = "Europe/Moscow"\n')
    out = tmp_path / "lists.json"
    result = invoke(config, "export", str(LISTS), "--no-resolve", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert json.loads(out.read_text())["timezone"] == "Europe/Moscow"
    show = invoke(config, "timing", str(SHOW), "--no-resolve")
    assert show.exit_code == 0, show.stderr


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[musicbrainz]\nurll = 1\n", "unknown setting 'musicbrainz.urll'"),
        ("[musicbrainz]\nofline = true\n", "did you mean 'musicbrainz.offline'?"),
        ("[musicbrainz]\noffline = 3\n", "musicbrainz.offline must be true or false, got 3"),
        ("[musicbrainz]\nurl = \n", "line 2"),
    ],
)
def test_a_bad_config_file_is_one_line_and_exit_2(tmp_path: Path, text: str, message: str) -> None:
    config = tmp_path / "config.toml"
    config.write_text(text)
    result = invoke(config, "timing", str(SHOW), "--no-resolve")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"cuesheet: error: {config}: ")
    assert message in result.stderr and len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "env", "origin", "hint"),
    [
        (("--timezone", "London"), {}, "--timezone", "'Europe/London'"),
        ((), {"CUESHEET_TIMEZONE": "BST"}, "env CUESHEET_TIMEZONE", "'Europe/London'"),
    ],
)
def test_an_unknown_timezone_option_or_setting_gets_suggestions_and_its_origin(
    tmp_path: Path, args: tuple[str, ...], env: dict[str, str], origin: str, hint: str
) -> None:
    result = invoke(tmp_path / "none.toml", "timing", str(LISTS), "--no-resolve", *args, **env)
    assert result.exit_code == 2
    assert result.stderr.startswith("cuesheet: error: ") and len(result.stderr.splitlines()) == 1
    assert origin in result.stderr and f"did you mean {hint}" in result.stderr


def test_config_marks_unusable_settings_and_exits_2(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        '[show]\ntimezone = "Europe/Londn"\n[musicbrainz]\nurl = "musicbrainz.org"\n'
        f'[library]\nfolders = ["{tmp_path / "nope"}"]\n'
    )
    result = invoke(config, "config")
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    marks = {lines[i - 1].split(" = ")[0]: line for i, line in enumerate(lines) if "^" in line}
    assert marks == {
        "show.timezone": "  ^ error: unknown IANA timezone 'Europe/Londn'; "
        "did you mean 'Europe/London'?",
        "musicbrainz.url": "  ^ error: 'musicbrainz.org' is not a server URL "
        "(e.g. https://musicbrainz.org or http://localhost:5000)",
        "library.folders": f"  ^ error: {tmp_path / 'nope'}: no such folder",
    }
    assert result.stderr == (
        "cuesheet: error: 3 settings are unusable: musicbrainz.url (file "
        f"{config}), library.folders (file {config}), show.timezone (file {config}); "
        "commands using them refuse to run\n"
    )


def test_config_warns_of_a_legacy_zone_and_exits_0(tmp_path: Path) -> None:
    result = invoke(tmp_path / "none.toml", "config", CUESHEET_TIMEZONE="EST")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-2].split() == ["show.timezone", "=", '"EST"', "env", "CUESHEET_TIMEZONE"]
    assert lines[-1].startswith("  ^ warning: EST is a fixed UTC-5 all year")
    assert "America/New_York" in lines[-1]


def test_config_with_sound_settings_marks_nothing(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        f'[show]\ntimezone = "Europe/London"\n[library]\nfolders = ["{tmp_path}"]\n'
        f'[musicbrainz]\ncache = "{tmp_path / "c.sqlite3"}"\n'
    )
    result = invoke(config, "config")
    assert (result.exit_code, result.stderr) == (0, "")
    assert "^" not in result.stdout


def test_a_command_names_the_setting_a_bad_value_came_from(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[library]\nfolders = ["{tmp_path / "nope"}"]\n')
    result = invoke(config, "timing", str(SHOW), "--no-resolve")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "cuesheet: error: the library.folders setting (see cuesheet config): "
        f"{tmp_path / 'nope'}: no such folder\n"
    )
    result = invoke(tmp_path / "none.toml", "timing", str(SHOW), CUESHEET_MUSICBRAINZ="mb.org")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "cuesheet: error: the musicbrainz.url setting (see cuesheet config): 'mb.org' is not "
        "a server URL (e.g. https://musicbrainz.org or http://localhost:5000)\n"
    )
