"""The cache survives its environment: full disks, concurrent creation, read-only files, locks."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest

from metadata import cache as cache_module
from metadata.cache import APPLICATION_ID, Cache
from metadata.errors import CacheError


class FullDisk(sqlite3.Connection):
    """A connection whose disk fills up when the cache's application id is written."""

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        if sql.startswith("PRAGMA application_id="):
            raise sqlite3.OperationalError("database or disk is full")
        return super().execute(sql, *args)


def test_a_full_disk_during_creation_leaves_nothing_to_refuse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "c.sqlite3"
    real = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: real(*a, factory=FullDisk, **k))
    with Cache(path) as cache:  # the run goes on without the file
        assert cache.trouble == (
            f"{path}: the cache cannot be opened (database or disk is full); "
            "answers of this run are not kept"
        )
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []  # no half-made cache, no temporary file
    with Cache(path) as cache:  # the next run creates it
        cache.put("ws2", "k", b"v")
        assert cache.get("ws2", "k") == b"v"


def test_two_processes_creating_one_cache_both_use_the_same_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first creator pauses between building its file and linking it; the second wins."""
    path = tmp_path / "c.sqlite3"
    paused, go_on = threading.Event(), threading.Event()

    def hook(temp: Path) -> None:
        if threading.current_thread().name == "first":
            paused.set()
            go_on.wait()

    monkeypatch.setattr(cache_module, "_CREATED_HOOK", hook)
    opened: list[Cache] = []
    first = threading.Thread(target=lambda: opened.append(Cache(path)), name="first")
    first.start()
    paused.wait()
    second = Cache(path)
    second.put("ws2", "k", b"from the second")
    go_on.set()
    first.join()
    assert opened[0].get("ws2", "k") == b"from the second"
    opened[0].put("ws2", "j", b"from the first")
    assert second.get("ws2", "j") == b"from the first"
    opened[0].close()
    second.close()
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".new")]


def test_an_empty_file_left_by_an_interrupted_creation_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"")
    with Cache(path) as cache:
        cache.put("ws2", "k", b"v")
    with Cache(path) as cache:
        assert cache.get("ws2", "k") == b"v"


def test_an_empty_sqlite_file_of_another_program_is_refused_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version=7")  # a database with no table yet
    db.close()
    before = path.read_bytes()
    with pytest.raises(CacheError, match="another program"):
        Cache(path)
    assert path.read_bytes() == before


def test_a_read_only_cache_is_read_and_never_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "c.sqlite3"
    with Cache(path) as cache:
        cache.put("ws2", "k", b"v")
    before = path.read_bytes()
    real_access = os.access

    def access(target: Any, mode: int, **kwargs: Any) -> bool:
        if mode & os.W_OK:
            return False  # as for a user who may only read (tests run as root)
        return real_access(target, mode, **kwargs)

    monkeypatch.setattr(os, "access", access)
    with Cache(path) as cache:
        assert cache.read_only
        assert cache.get("ws2", "k") == b"v"
        cache.put("ws2", "new", b"not kept")
        cache.delete("ws2", "k")
        assert cache.get("ws2", "new") is None and cache.get("ws2", "k") == b"v"
    assert path.read_bytes() == before


def test_a_locked_cache_is_waited_for_then_said(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    Cache(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program is writing
    try:
        with Cache(path, lock_wait_ms=50) as cache:
            cache.put("ws2", "k", b"v")  # waits, then goes on without keeping it
            assert cache.trouble == (
                f"{path}: the cache cannot be written (locked by another program; "
                "waited 0.05 s); new answers are not kept"
            )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with Cache(path) as cache:
        assert cache.get("ws2", "k") is None and cache.trouble is None


def test_the_cache_keeps_its_application_id(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    Cache(path).close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    db.close()


# A cache that cannot be written or read never stops the run (issue 13, item 8): it says once
# why (the file and the system's reason), keeps nothing more, and never stores half an answer.


def _disk_full_after_creation(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every later connection finds the disk full: SQLite's own ``SQLITE_FULL``, for real.

    ``max_page_count`` caps the file at the pages it has, so any write needing a new page
    fails as on a full disk (the reads still work)."""
    real = sqlite3.connect

    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        db = real(*args, **kwargs)
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count={max(pages, 1)}")
        return db

    monkeypatch.setattr(sqlite3, "connect", connect)


def test_a_full_disk_while_storing_is_said_once_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "c.sqlite3"
    with Cache(path) as cache:
        cache.put("ws2", "old", b"kept")
    _disk_full_after_creation(monkeypatch)
    with Cache(path) as cache:
        assert cache.trouble is None
        cache.put("ws2", "big", b"x" * 200_000)  # needs pages the disk does not have
        cache.put("ws2", "small", b"y")  # not even tried again
        assert cache.trouble == (
            f"{path}: the cache cannot be written (database or disk is full); "
            "new answers are not kept"
        )
        assert cache.read_only
        assert cache.get("ws2", "old") == b"kept"
        assert cache.get("ws2", "big") is None and cache.get("ws2", "small") is None
    monkeypatch.undo()
    with Cache(path) as cache:  # nothing half-stored
        assert cache.count() == 1 and cache.get("ws2", "old") == b"kept"


class FailingReads(sqlite3.Connection):
    """A connection whose disk fails (``disk I/O error``) on every read of the table."""

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        if "FROM entries" in sql:
            raise sqlite3.OperationalError("disk I/O error")
        return super().execute(sql, *args)


def test_a_cache_that_cannot_be_read_is_said_and_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "c.sqlite3"
    with Cache(path) as cache:
        cache.put("ws2", "k", b"v")
    before = path.read_bytes()
    real = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: real(*a, factory=FailingReads, **k))
    with Cache(path) as cache:
        assert cache.get("ws2", "k") is None  # a miss, not a crash
        assert cache.trouble == (
            f"{path}: the cache cannot be read (disk I/O error); answers of this run are not kept"
        )
        cache.put("ws2", "k2", b"in memory")  # this run still remembers what it asked
        assert cache.get("ws2", "k2") == b"in memory"
    monkeypatch.undo()
    assert path.read_bytes() == before


class FailingRebuild(sqlite3.Connection):
    """A disk that fails while an old cache is rebuilt for this version."""

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        if sql.startswith("DROP TABLE"):
            raise sqlite3.OperationalError("disk I/O error")
        return super().execute(sql, *args)


def test_a_disk_error_while_opening_is_not_called_a_foreign_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It said "not a cuesheet cache (disk I/O error)" and stopped the run."""
    path = tmp_path / "c.sqlite3"
    with Cache(path) as cache:
        cache.put("ws2", "k", b"v")
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version=1")  # an older cuesheet's cache: rebuilt on opening
    db.close()
    before = path.read_bytes()
    real = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: real(*a, factory=FailingRebuild, **k))
    with Cache(path) as cache:
        assert cache.trouble == (
            f"{path}: the cache cannot be opened (disk I/O error); answers of this run are not kept"
        )
        assert cache.get("ws2", "k") is None
    monkeypatch.undo()
    assert path.read_bytes() == before


def test_a_read_only_cache_of_another_version_is_not_used_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "c.sqlite3"
    Cache(path).close()
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version=1")
    db.close()
    monkeypatch.setattr(os, "access", lambda target, mode, **kw: not mode & os.W_OK)
    with Cache(path) as cache:
        assert cache.trouble == (
            f"{path}: the cache cannot be used (read-only, and of another cuesheet version); "
            "answers of this run are not kept"
        )


def test_a_folder_named_as_the_cache_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CacheError, match="not a file"):
        Cache(tmp_path)
