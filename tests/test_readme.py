"""The README's set-up commands are the ones CI runs, and name files that exist."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    return re.findall(r"```sh\n(python3 -m venv [^\n]+)\n```", README)


def test_readme_has_the_two_setup_commands() -> None:
    install_and_run, install_and_test = _commands()
    assert "cuesheet export examples/" in install_and_run
    assert "pytest" in install_and_test


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _commands()[1] in ci.splitlines()


def test_files_the_readme_names_exist() -> None:
    for name in re.findall(r"\]\(((?:docs|examples)/[^)]+)\)", README):
        assert (ROOT / name).exists(), name
