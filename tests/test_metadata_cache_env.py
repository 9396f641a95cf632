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
    with pytest.raises(CacheError, match="disk is full"):
        Cache(path)
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
        with Cache(path, lock_wait_ms=50) as cache, pytest.raises(CacheError) as error:
            cache.put("ws2", "k", b"v")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert str(error.value) == f"{path}: the cache is locked by another program; waited 0.05 s"


def test_the_cache_keeps_its_application_id(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    Cache(path).close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    db.close()
