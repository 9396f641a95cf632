"""Functions stay readable: none in the three packages is longer than 80 lines."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("cuesheet", "metadata", "playlists")
LIMIT = 80
"""Lines from ``def`` to the function's last line."""

def _long_functions(path: Path, root: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    return [
        f"{path.relative_to(root)}:{node.lineno} {node.name} ({length} lines)"
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and (length := (node.end_lineno or node.lineno) - node.lineno + 1) > LIMIT
    ]


@pytest.mark.parametrize("package", PACKAGES)
def test_no_function_is_longer_than_80_lines(package: str) -> None:
    paths = sorted((ROOT / package).rglob("*.py"))
    found = [line for path in paths for line in _long_functions(path, ROOT)]
    assert not found, "split into named steps:\n" + "\n".join(found)


def test_the_probe_finds_81_lines_and_passes_80(tmp_path: Path) -> None:
    for name, lines in (("long", LIMIT), ("short", LIMIT - 1)):
        body = "\n".join(f"    x{n} = {n}" for n in range(lines))
        (tmp_path / f"{name}.py").write_text(f"def {name}() -> None:\n{body}\n", encoding="utf-8")
    assert _long_functions(tmp_path / "long.py", tmp_path) == ["long.py:1 long (81 lines)"]
    assert _long_functions(tmp_path / "short.py", tmp_path) == []
