"""Helpers for tests that need a third-party program or ../shared."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest


def _find_shared() -> Path:
    """``../shared`` beside the checkout (walking up, so git worktrees find it too)."""
    here = Path(__file__).resolve()
    for parent in here.parents[1:]:
        if (parent / "shared" / "STYLE.md").exists():
            return parent / "shared"
    return here.parents[2] / "shared"


SHARED = _find_shared()


def in_ci() -> bool:
    """True when running under CI, where every tool must be installed."""
    return os.environ.get("CI", "").lower() == "true"


def require_tool(name: str) -> str:
    """The path of program ``name``; skip the test when absent (fail in CI, where it must be)."""
    found = shutil.which(name)
    if found:
        return found
    message = f"{name} is not installed (see .ci/apt-packages)"
    if in_ci():
        pytest.fail(message)
    pytest.skip(message)


def require_shared(*parts: str) -> Path:
    """A path under ../shared; skip the test when ../shared is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not here (../shared is absent)")
    return path


def read_rights_csv(text: str) -> tuple[dict[str, str], list[dict[str, str]]]:
    """A rights sheet in CSV (generic or PRS profile), read with Python's csv module alone:
    the programme header as ``{label: value}``, and the table's rows as dicts."""
    import csv
    import io

    assert text.startswith("\ufeff"), "a rights CSV starts with a byte-order mark"
    rows = list(csv.reader(io.StringIO(text[1:], newline="")))
    blank = rows.index([])
    header = {label: value for label, value in rows[:blank]}
    columns = rows[blank + 1]
    table = [dict(zip(columns, cells, strict=True)) for cells in rows[blank + 2 :]]
    return header, table


def people(row: dict[str, str], kind: str) -> str:
    """The numbered ``writer_N``/``performer_N`` columns of a generic rights row as
    ``Name (role); Name (role)``, for comparing with what a list said."""
    out = []
    n = 1
    while f"{kind}_{n}" in row:
        if row[f"{kind}_{n}"]:
            out.append(f"{row[f'{kind}_{n}']} ({row[f'{kind}_{n}_role']})")
        n += 1
    return "; ".join(out)
