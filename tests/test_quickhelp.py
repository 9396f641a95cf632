"""``cuesheet --help`` and ``--version`` answered without click: the same bytes as click's.

The stored page (``cuesheet/quickhelp_page.py``) must be what click renders now;
the program must write it only where click would write the very same, and
leave everything else to click.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cuesheet import quickhelp, quickhelp_page
from cuesheet.cli import helppage

ROOT = Path(__file__).resolve().parent.parent
_CLICK = "from cuesheet.cli import main; main(sys.argv[1:])"


def run(args: list[str], columns: str | None, *, through_click: bool = False) -> tuple[str, str]:
    """(stdout, stderr) of a fresh ``cuesheet ARGS`` run with ``-X importtime``."""
    code = ["-c", f"import sys; {_CLICK}"] if through_click else ["-m", "cuesheet"]
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    if columns is not None:
        env["COLUMNS"] = columns
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *code, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        check=True,
        stdin=subprocess.DEVNULL,
    )
    return done.stdout, done.stderr


def loaded_click(importtime: str) -> bool:
    return any(line.rsplit("|", 1)[-1].strip() == "click" for line in importtime.splitlines())


def test_the_stored_page_is_what_click_renders_now() -> None:
    refresh = "refresh it: python -m cuesheet.cli.helppage"
    assert helppage.click_release() == quickhelp_page.CLICK_RELEASE, refresh
    assert helppage.render() == quickhelp_page.PAGE, refresh


@pytest.mark.parametrize("flag", ["--help", "-h", "--version"])
@pytest.mark.parametrize("columns", [None, "80", "200"])
def test_answered_without_click_and_byte_for_byte_as_click(flag: str, columns: str | None) -> None:
    quick, quick_imports = run([flag], columns)
    slow, slow_imports = run([flag], columns, through_click=True)
    assert quick == slow
    assert quick.startswith("Usage: cuesheet" if flag != "--version" else "cuesheet, version")
    assert loaded_click(slow_imports)
    assert not loaded_click(quick_imports)


def test_a_narrow_terminal_gets_clicks_own_layout() -> None:
    narrow, imports = run(["--help"], "60")
    assert loaded_click(imports)
    assert narrow != quickhelp_page.PAGE
    assert narrow == run(["--help"], "60", through_click=True)[0]


@pytest.mark.parametrize(
    "args", [[], ["export", "--help"], ["--help", "export"], ["--helpx"], ["--version", "-h"]]
)
def test_anything_else_goes_to_click(args: list[str]) -> None:
    assert quickhelp.quick_answer(args) is None


def test_another_click_release_goes_to_click(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    assert quickhelp.quick_answer(["--help"]) == quickhelp_page.PAGE
    monkeypatch.setattr(quickhelp_page, "CLICK_RELEASE", "0.0.1")
    assert quickhelp.quick_answer(["--help"]) is None
    assert quickhelp.quick_answer(["--version"]) is not None  # click plays no part in it


def test_the_width_is_found_as_click_finds_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    for columns in ("100", "79", "0", "wide", None):
        if columns is None:
            monkeypatch.delenv("COLUMNS", raising=False)
        else:
            monkeypatch.setenv("COLUMNS", columns)
        assert quickhelp.terminal_columns() == shutil.get_terminal_size().columns


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_an_answer_that_cannot_be_written_is_one_line_and_exit_1(flag: str) -> None:
    with open("/dev/full", "w", encoding="utf-8") as full:
        done = subprocess.run(
            [sys.executable, "-m", "cuesheet", flag],
            cwd=ROOT,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "COLUMNS": "100"},
        )
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "cuesheet: error: standard output: No space left on device; the output is incomplete"
    ]
