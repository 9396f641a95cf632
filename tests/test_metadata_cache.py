"""The SQLite cache: expiry, persistence, schema versions, refusing other files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from metadata import cache as cache_module
from metadata.cache import DAY_MS, SCHEMA_VERSION, Cache
from metadata.errors import CacheError


class Clock:
    def __init__(self, now: int = 1_000) -> None:
        self.now = now

    def __call__(self) -> int:
        return self.now


def test_put_get_and_persistence(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "mb.sqlite3"
    path.parent.mkdir()  # a given file's folder must exist (only the default's is created)
    with Cache(path) as cache:
        cache.put("ws2", "k", b"<xml/>")
        assert cache.get("ws2", "k") == b"<xml/>"
        assert cache.get("ws2", "other") is None
        assert cache.get("resolution", "k") is None  # kinds are separate
    with Cache(path) as again:  # written at once, read by the next run
        assert again.get("ws2", "k") == b"<xml/>"


def test_expiry_and_stale_reads(tmp_path: Path) -> None:
    clock = Clock()
    cache = Cache(tmp_path / "c.sqlite3", ttl_ms=10 * DAY_MS, clock=clock)
    cache.put("ws2", "k", b"v")
    clock.now += 10 * DAY_MS - 1
    assert cache.get("ws2", "k") == b"v"
    clock.now += 1
    assert cache.get("ws2", "k") is None
    assert cache.get("ws2", "k", stale_ok=True) == b"v"
    cache.put("ws2", "k", b"new", ttl_ms=5)
    assert cache.get("ws2", "k") == b"new"


def test_get_many(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c.sqlite3")
    for i in range(1200):
        cache.put("resolution", f"k{i}", str(i).encode())
    found = cache.get_many("resolution", [f"k{i}" for i in range(0, 1300, 2)])
    assert len(found) == 600
    assert found["k1198"] == b"1198"
    assert cache.count("resolution") == 1200


def test_another_schema_version_is_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    with Cache(path) as cache:
        cache.put("ws2", "k", b"v")
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    with Cache(path) as cache:
        assert cache.get("ws2", "k") is None
        assert cache.count() == 0


def test_a_foreign_sqlite_file_is_refused_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "photos.db"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE photos (id INTEGER)")
    db.commit()
    db.close()
    with pytest.raises(CacheError, match="not a cuesheet cache") as error:
        Cache(path)
    assert error.value.path == str(path)
    tables = sqlite3.connect(path).execute("SELECT name FROM sqlite_master").fetchall()
    assert tables == [("photos",)]


def test_a_file_that_is_not_sqlite_is_refused_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("my notes\n" * 200)
    with pytest.raises(CacheError, match="not a cuesheet cache"):
        Cache(path)
    assert path.read_text() == "my notes\n" * 200


def test_unwritable_place_is_a_cache_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(CacheError, match="cannot open the cache"):
        Cache(blocker / "sub" / "c.sqlite3")


def test_default_path_is_in_the_user_cache_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    path = cache_module.default_path()
    assert path == tmp_path / "xdg" / "cuesheet" / "musicbrainz.sqlite3"
    with Cache() as cache:
        assert cache.path == path
    assert path.exists()


def test_ttl_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        Cache(":memory:", ttl_ms=0)


def test_a_given_file_in_a_missing_folder_is_refused_not_created(tmp_path: Path) -> None:
    path = tmp_path / "no" / "c.sqlite3"
    with pytest.raises(CacheError) as caught:
        Cache(path)
    assert str(caught.value) == (
        f"{path}: cannot open the cache: the folder {path.parent} does not exist"
    )
    assert not (tmp_path / "no").exists()


def test_the_default_files_folder_is_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg" / "deeper"))
    with Cache() as cache:
        assert cache.path == tmp_path / "xdg" / "deeper" / "cuesheet" / "musicbrainz.sqlite3"
    assert (tmp_path / "xdg" / "deeper" / "cuesheet" / "musicbrainz.sqlite3").exists()
