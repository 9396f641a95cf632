"""The dependency rules, checked on every import statement (including those inside functions).

* Between packages: cuesheet -> playlists, metadata; never the other way.
* Inside each package: no import cycle between any two modules.
* Inside cuesheet: an import points to its own room or to a room earlier in
  :data:`ROOMS` (docs/architecture.md draws the same order).
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("cuesheet", "playlists", "metadata")
ROOMS = (
    "", "timing", "outputs", "inputs", "enrich", "asrun", "checks", "audio", "draft", "timeline",
    "cli",
)  # fmt: skip
"""The rooms of cuesheet/, bottom first; ``""`` is the top level (model, errors, text, paths).

An import may point only into its own room or an earlier one.  ``outputs`` sits
below ``inputs`` because an export needs only the model and its timing, while the
show-file writer (inputs) writes atomically and a check (export limits) asks how
an export will render credits.
"""


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


def _violations(path: Path, root: Path = ROOT) -> list[str]:
    rel = path.relative_to(root).as_posix()
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


def _module_names(root: Path, package: str) -> dict[str, Path]:
    """Dotted module name -> file, for every module of ``package`` under ``root``."""
    names: dict[str, Path] = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def _imported(
    module: str, path: Path, node: ast.Import | ast.ImportFrom, known: set[str]
) -> set[str]:
    """The modules of ``known`` one import statement loads.

    ``from a import b`` loads ``a.b`` when that is a module, else ``a`` itself.
    """
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names} & known
    base = node.module or ""
    if node.level:
        package = module.split(".")
        if path.name != "__init__.py":
            package.pop()
        package = package[: len(package) - node.level + 1]
        base = ".".join([*package, *([node.module] if node.module else [])])
    loaded = {f"{base}.{alias.name}" for alias in node.names} & known
    if len(loaded) < len(node.names):
        loaded.add(base)
    return loaded & known


def import_graph(root: Path, package: str) -> dict[str, set[str]]:
    """module -> the modules of the same package it imports, wherever the import stands."""
    names = _module_names(root, package)
    known = set(names)
    graph: dict[str, set[str]] = {name: set() for name in names}
    for name, path in names.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                graph[name] |= _imported(name, path, node, known) - {name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every group of modules that import each other in a circle (Tarjan's components)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = [stack.pop()]
            while group[-1] != node:
                group.append(stack.pop())
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def room(module: str) -> str:
    """The room of a cuesheet module: its subpackage, ``""`` for the top level."""
    parts = module.split(".")
    if parts[1:] == ["__main__"]:
        return "cli"
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in ROOMS) else ""


def upward_arrows(graph: dict[str, set[str]]) -> list[str]:
    """Imports of cuesheet modules that point to a later room than their own."""
    rank = {name: position for position, name in enumerate(ROOMS)}
    return [
        f"{source} ({room(source) or 'top level'}) imports {target} ({room(target)})"
        for source in sorted(graph)
        for target in sorted(graph[source])
        if rank.get(room(target), len(ROOMS)) > rank.get(room(source), len(ROOMS))
    ]


@pytest.mark.parametrize("package", PACKAGES)
def test_no_import_cycle_inside_a_package(package: str) -> None:
    assert cycles(import_graph(ROOT, package)) == []


def test_imports_follow_the_order_of_the_rooms() -> None:
    assert upward_arrows(import_graph(ROOT, "cuesheet")) == []


def test_every_subpackage_of_cuesheet_is_a_room() -> None:
    folders = {p.parent.name for p in (ROOT / "cuesheet").glob("*/__init__.py")}
    assert folders <= set(ROOMS) - {""}


def test_the_docs_draw_the_same_order() -> None:
    drawn = re.search(r"^top level < (.+)$", _doc(), re.MULTILINE)
    assert drawn is not None, "docs/architecture.md lost its line 'top level < timing < ...'"
    assert tuple(drawn.group(1).split(" < ")) == ROOMS[1:]


def _doc() -> str:
    return (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")


def room_arrows(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """room -> the other rooms its modules import (``top level`` for ``""``)."""
    arrows: dict[str, set[str]] = {}
    for source, targets in graph.items():
        here = room(source) or "top level"
        arrows.setdefault(here, set())
        arrows[here] |= {room(t) or "top level" for t in targets} - {here}
    return arrows


def test_the_docs_draw_the_arrows_there_are() -> None:
    drawn = {
        name: {r.strip() for r in targets.split(",")} - {"(no room)"}
        for name, targets in re.findall(r"^(\w[\w ]*?) +──> (.+)$", _doc(), re.MULTILINE)
        if name != "cli"
    }
    real = room_arrows(import_graph(ROOT, "cuesheet"))
    real.pop("cli")
    assert drawn == real, "redraw the arrows in docs/architecture.md ('Rooms and arrows')"


def test_the_docs_list_every_module_in_its_room() -> None:
    rows = {}
    for line in _doc().splitlines():
        cells = line.split(" | ")
        if line.startswith("| ") and len(cells) == 3:
            rows[cells[0].strip("| `/")] = cells[2]
    missing = []
    for name in import_graph(ROOT, "cuesheet"):
        path = _module_names(ROOT, "cuesheet")[name]
        if path.name == "__init__.py":
            continue
        here = "top level" if path.parent.name == "cuesheet" else path.parent.name
        if f"`{path.name}`" not in rows.get(here, ""):
            missing.append(f"{path.relative_to(ROOT)} (room {here})")
    assert missing == [], "list these in docs/architecture.md ('What each room holds')"


def _plant(root: Path, files: dict[str, str]) -> Path:
    """A throwaway cuesheet package under ``root`` holding ``files`` (path -> source)."""
    for name, source in {"cuesheet/__init__.py": "", **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
    return root


def test_a_planted_cycle_is_caught_even_inside_a_function(tmp_path: Path) -> None:
    root = _plant(
        tmp_path,
        {
            "cuesheet/inputs/__init__.py": "",
            "cuesheet/inputs/a.py": "from cuesheet.inputs import b\n",
            "cuesheet/inputs/b.py": "def f() -> None:\n    from . import c\n",
            "cuesheet/inputs/c.py": "import cuesheet.inputs.a\n",
            "cuesheet/inputs/d.py": "from cuesheet.inputs.a import x\n",
        },
    )
    assert cycles(import_graph(root, "cuesheet")) == [
        ["cuesheet.inputs.a", "cuesheet.inputs.b", "cuesheet.inputs.c"]
    ]


def test_a_planted_upward_arrow_is_caught(tmp_path: Path) -> None:
    root = _plant(
        tmp_path,
        {
            "cuesheet/model.py": "",
            "cuesheet/timing/__init__.py": "",
            "cuesheet/timing/engine.py": "from cuesheet.model import Show\n",
            "cuesheet/checks/__init__.py": "",
            "cuesheet/checks/rule.py": "",
            "cuesheet/inputs/__init__.py": "",
            "cuesheet/inputs/showfile.py": "def f():\n    from cuesheet.checks import rule\n",
        },
    )
    assert upward_arrows(import_graph(root, "cuesheet")) == [
        "cuesheet.inputs.showfile (inputs) imports cuesheet.checks.rule (checks)"
    ]


def test_every_module_is_seen() -> None:
    names = {p.relative_to(ROOT).as_posix() for p in _modules()}
    assert {"cuesheet/model.py", "playlists/model.py", "metadata/errors.py"} <= names


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_imports_flow_one_way(path: Path) -> None:
    assert _violations(path) == []


def test_checker_catches_a_violation(tmp_path: Path) -> None:
    fake = tmp_path / "playlists" / "_layering_probe.py"
    fake.parent.mkdir()
    fake.write_text("def f():\n    import cuesheet.model\n    import click\n", encoding="utf-8")
    bad = _violations(fake, root=tmp_path)
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
