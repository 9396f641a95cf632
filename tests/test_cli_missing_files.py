"""A file or folder named on the command line that is not there: one line, exit 2, every command."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cuesheet.cli import cli

SHOW = Path(__file__).resolve().parent.parent / "examples" / "sochi-2014-closing.yaml"


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["check", "{missing}"],
        ["check", str(SHOW), "--as-run", "{missing}"],
        ["compare", str(SHOW), "{missing}"],
        ["compare", "{missing}", str(SHOW)],
        ["convert", "{missing}", "out.xspf"],
        ["render", "{missing}", "-o", "mix.flac"],
        ["split", "{missing}", "--cue", str(SHOW), "-o", "pieces"],
        ["export", str(SHOW), "-o", "x.log", "--format", "rivendell", "--carts", "{missing}"],
        ["export", str(SHOW), "-o", "x.json", "--as-run", "{missing}"],
        ["export", "{missing}", "-o", "x.json"],
        ["timing", "{missing}"],
        ["timeline", "{missing}", "-o", "x.html"],
        ["resolve", "{missing}", "--offline"],
    ],
    ids=lambda args: " ".join(a for a in args if "/" not in a),
)
def test_a_missing_file_is_one_line_and_exit_2(tmp_path: Path, args: list[str]) -> None:
    missing = tmp_path / "nope.csv"
    code, out, err = _run(*(a.format(missing=missing) for a in args))
    assert (code, out, err) == (2, "", f"cuesheet: error: {missing}: no such file\n")


@pytest.mark.parametrize("command", [["scan"], ["export", str(SHOW), "-o", "x.json", "--library"]])
def test_a_missing_folder_is_one_line_and_exit_2(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "nodir"
    code, _, err = _run(*command, str(missing))
    assert code == 2
    assert err in (
        f"cuesheet: error: {missing}: no such folder\n",
        f"cuesheet: error: {missing}: no such file or folder\n",
    )


def test_a_folder_where_a_file_is_expected_is_named(tmp_path: Path) -> None:
    code, _, err = _run("check", str(tmp_path))
    assert (code, err) == (2, f"cuesheet: error: {tmp_path}: is a directory, expected a file\n")


def test_a_file_where_a_folder_is_expected_is_named(tmp_path: Path) -> None:
    code, _, err = _run("export", str(SHOW), "-o", str(tmp_path / "x.json"), "--library", str(SHOW))
    assert (code, err) == (2, f"cuesheet: error: {SHOW}: is a file, expected a folder\n")
