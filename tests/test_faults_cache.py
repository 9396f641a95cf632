"""Issue 13, item 8: a cache that cannot be written or read never stops ``resolve``.

A full disk (SQLite's own ``SQLITE_FULL``, by capping the file at the pages it has) or a
disk failing on reads: the command goes on and answers as without a cache, says once on
stderr what went wrong with which file, and leaves the file as it was.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from cuesheet.cli import cli
from metadata.cache import Cache
from tests.mbserver import MBServer

ROOT = Path(__file__).resolve().parent.parent
LISTS = ROOT / "examples" / "sochi-2014-lists.txt"


@pytest.fixture
def server() -> Iterator[MBServer]:
    with MBServer() as srv:
        yield srv


def _resolve(server: MBServer, cache: Path) -> Result:
    options = ["--rate-limit", "0", "--cache", str(cache), "--retries", "0", "--timeout", "5"]
    return CliRunner().invoke(
        cli, ["resolve", str(LISTS), "--json", *options, "--musicbrainz", server.url]
    )


@pytest.fixture
def healthy(server: MBServer, tmp_path: Path) -> list[dict[str, Any]]:
    """What ``resolve`` answers with a cache that works."""
    result = _resolve(server, tmp_path / "healthy.sqlite3")
    assert result.exit_code == 0, result.stderr
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


def _full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    real = sqlite3.connect

    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        db = real(*args, **kwargs)
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count={max(pages, 1)}")
        return db

    monkeypatch.setattr(sqlite3, "connect", connect)


class _FailingReads(sqlite3.Connection):
    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        if "FROM entries" in sql:
            raise sqlite3.OperationalError("disk I/O error")
        return super().execute(sql, *args)


def _failing_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    real = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: real(*a, factory=_FailingReads, **k))


@pytest.mark.parametrize(
    ("fault", "said"),
    [
        (_full_disk, "the cache cannot be written (database or disk is full); "
                     "new answers are not kept"),
        (_failing_reads, "the cache cannot be read (disk I/O error); "
                         "answers of this run are not kept"),
    ],
    ids=["full disk", "failing reads"],
)  # fmt: skip
def test_resolve_goes_on_without_the_cache_and_says_so_once(
    fault: Any,
    said: str,
    healthy: list[dict[str, Any]],
    server: MBServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cache = tmp_path / "c.sqlite3"
    Cache(cache).close()  # made while the disk was fine
    before = cache.read_bytes()
    fault(monkeypatch)
    result = _resolve(server, cache)
    monkeypatch.undo()
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == healthy
    assert result.stderr == f"cuesheet: warning: {cache}: {said}\n"
    assert cache.read_bytes() == before  # nothing (and nothing half) stored
