"""The dependency rule: cuesheet -> playlists, metadata; never the other way.

Walks every import statement of every module, including imports inside functions.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("cuesheet", "playlists", "metadata")


def _imports(path: Path) -> list[tuple[str, int, bool]]:
    """(module, line, at_module_level) for every import in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    top_level = {id(node) for node in tree.body}
    found: list[tuple[str, int, bool]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((alias.name, node.lineno, id(node) in top_level) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, node.lineno, id(node) in top_level))
    return found


def _modules() -> list[Path]:
    return sorted(p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py"))


def _violations(path: Path) -> list[str]:
    rel = path.relative_to(ROOT).as_posix()
    package = rel.split("/")[0]
    bad: list[str] = []
    for module, line, top in _imports(path):
        root = module.split(".")[0]
        where = f"{rel}:{line} imports {module}"
        if package in ("playlists", "metadata") and root in set(PACKAGES) - {package}:
            bad.append(f"{where}: {package} must not import {root}")
        if root == "click" and not rel.startswith("cuesheet/cli"):
            bad.append(f"{where}: only cuesheet/cli may import click")
        if root == "musicbrainzngs" and rel != "metadata/musicbrainz.py":
            bad.append(f"{where}: only metadata/musicbrainz.py may import musicbrainzngs")
        if root == "mutagen" and rel != "metadata/tags.py":
            bad.append(f"{where}: only metadata/tags.py may import mutagen")
        if root == "pydub" and (package != "cuesheet" or top):
            bad.append(f"{where}: pydub is imported lazily, inside cuesheet functions only")
    return bad


def test_every_module_is_seen() -> None:
    names = {p.relative_to(ROOT).as_posix() for p in _modules()}
    assert {"cuesheet/model.py", "playlists/model.py", "metadata/errors.py"} <= names


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_imports_flow_one_way(path: Path) -> None:
    assert _violations(path) == []


def test_checker_catches_a_violation(tmp_path: Path) -> None:
    fake = ROOT / "playlists" / "_layering_probe.py"
    fake.write_text("def f():\n    import cuesheet.model\n    import click\n", encoding="utf-8")
    try:
        bad = _violations(fake)
    finally:
        fake.unlink()
    assert len(bad) == 2
    assert "playlists must not import cuesheet" in bad[0]


def test_help_does_not_import_heavy_modules() -> None:
    code = (
        "import sys\n"
        "from cuesheet.cli import cli\n"
        "try:\n    cli.main(['--help'], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('pydub', 'musicbrainzngs', 'mutagen', 'lxml') if m in sys.modules]\n"
        "print('HEAVY=' + ','.join(heavy))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.splitlines()[-1] == "HEAVY="
