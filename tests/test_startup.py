"""Start-up: a command imports no heavy library it does not use.

Each command runs in a fresh interpreter, which then lists the modules it
imported (``sys.modules``), as ``python -X importtime`` would.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cuesheet.cli import COMMANDS, SUMMARIES, cli

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("mutagen", "musicbrainzngs", "pydub", "lxml", "openpyxl", "fpdf", "imageio_ffmpeg")
SHOW = """\
title: Start-up
timezone: Europe/Moscow
date: 2014-02-23
start: "20:00"
segments:
  - title: One
    cues:
      - music: "Pyotr Tchaikovsky - Waltz of the Flowers"
        duration: 3:00
      - speech: Welcome
        duration: 1:00
"""
_RUN = """
import json, sys
from cuesheet.cli import main
try:
    main(sys.argv[2:])
except SystemExit as done:
    code = done.code
with open(sys.argv[1], "w") as out:
    json.dump({"code": code, "modules": sorted(sys.modules)}, out)
"""


def imported(tmp_path: Path, *args: str) -> set[str]:
    """The top-level packages a fresh ``cuesheet ARGS`` imported (it must exit 0)."""
    report = tmp_path / "modules.json"
    subprocess.run(
        [sys.executable, "-c", _RUN, str(report), *args],
        cwd=tmp_path,
        capture_output=True,
        check=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["code"] in (0, None), data["code"]
    return {name.split(".")[0] for name in data["modules"]} | set(data["modules"])


@pytest.fixture
def show(tmp_path: Path) -> Path:
    path = tmp_path / "show.yaml"
    path.write_text(SHOW, encoding="utf-8")
    return path


def test_help_imports_no_command(tmp_path: Path) -> None:
    modules = imported(tmp_path, "--help")
    assert not modules & set(HEAVY)
    assert "yaml" not in modules
    assert not {m for m in modules if m.startswith(("cuesheet.cli.", "metadata", "playlists"))}


@pytest.mark.parametrize(
    ("args", "used"),
    [
        (("timing", "{show}", "--no-resolve"), ()),
        (("check", "{show}", "--no-resolve"), ()),
        (("export", "{show}", "--no-resolve", "--placeholders", "-o", "out.m3u8"), ()),
        (("export", "{show}", "--no-resolve", "-o", "out.csv"), ()),
        (("export", "{show}", "--no-resolve", "-o", "out.json"), ()),
        (("export", "{show}", "--no-resolve", "-o", "out.xlsx"), ("openpyxl", "lxml")),
        (("export", "{show}", "--no-resolve", "-o", "out.pdf"), ("fpdf", "lxml")),
        (("timeline", "{show}", "--no-resolve", "-o", "out.html"), ()),
    ],
    ids=lambda v: " ".join(v),
)
def test_a_command_imports_only_the_heavy_modules_it_uses(
    tmp_path: Path, show: Path, args: tuple[str, ...], used: tuple[str, ...]
) -> None:
    modules = imported(tmp_path, *(a.format(show=show) for a in args))
    assert modules & set(HEAVY) <= set(used)
    assert not used or used[0] in modules  # the check sees a heavy import where there is one


def test_check_against_a_log_imports_no_cue_reader_file_writer_or_toml_parser(
    tmp_path: Path, show: Path
) -> None:
    log = tmp_path / "asrun.csv"
    log.write_text("Time aired,Title\n20:00:00,Waltz of the Flowers\n", encoding="utf-8")
    modules = imported(tmp_path, "check", str(show), "--as-run", str(log), "--no-resolve")
    assert not modules & {"playlists.cue", "playlists.atomic", "tomllib"}


def test_convert_reads_no_yaml_and_no_tags(tmp_path: Path, show: Path) -> None:
    imported(tmp_path, "export", str(show), "--no-resolve", "--placeholders", "-o", "in.m3u8")
    modules = imported(tmp_path, "convert", "in.m3u8", "out.xspf")
    assert not modules & {*HEAVY, "yaml"}


def test_the_help_list_says_what_each_command_says() -> None:
    assert set(SUMMARIES) == set(COMMANDS)
    for name in COMMANDS:
        command = cli.get_command(None, name)  # type: ignore[arg-type]
        assert command is not None
        assert SUMMARIES[name] == command.get_short_help_str(limit=10**6)
