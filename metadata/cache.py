"""A persistent SQLite cache of MusicBrainz answers and resolutions.

One table, keyed by ``(kind, key)``: ``kind`` says what is stored (``ws2`` for raw web
service answers keyed by request, ``resolution`` for finished resolutions keyed by
query), ``key`` names the request.  Every row has an expiry; every :meth:`Cache.put`
commits at once, so an interrupted run loses nothing it already asked.

The file carries an application id and a schema version (SQLite's ``application_id`` and
``user_version``): a cache from another schema version is emptied and rebuilt, and a file
that is not a cuesheet cache is refused (:class:`~metadata.errors.CacheError`), never
overwritten.  The default file lives in the user's cache directory (platformdirs).
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType

from metadata.errors import CacheError

SCHEMA_VERSION = 1
"""Bump when the table layout or the meaning of stored values changes."""
APPLICATION_ID = 0x43554531  # "CUE1"
DAY_MS = 86_400_000
DEFAULT_TTL_MS = 30 * DAY_MS
"""How long an answer stays fresh: 30 days."""
MEMORY = ":memory:"

_CREATE = """
CREATE TABLE IF NOT EXISTS entries (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    value BLOB NOT NULL,
    stored_ms INTEGER NOT NULL,
    expires_ms INTEGER NOT NULL,
    PRIMARY KEY (kind, key)
) WITHOUT ROWID
"""


def wall_ms() -> int:
    """Wall-clock time in milliseconds since the Unix epoch."""
    return time.time_ns() // 1_000_000


def default_path() -> Path:
    """``<user cache dir>/cuesheet/musicbrainz.sqlite3``."""
    import platformdirs  # only when the default is actually needed

    return Path(platformdirs.user_cache_dir("cuesheet", appauthor=False)) / "musicbrainz.sqlite3"


class Cache:
    """Answers by request, with an expiry; safe to share between threads."""

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        ttl_ms: int = DEFAULT_TTL_MS,
        clock: Callable[[], int] = wall_ms,
    ) -> None:
        """Open (creating if needed) the cache at ``path``; ``None`` for the default file,
        ``":memory:"`` for a cache that lives as long as this object.

        Only the default file's folder is created when missing: a ``path`` in a
        folder that does not exist is a :class:`CacheError` (a typo should not
        leave new folders behind)."""
        if ttl_ms <= 0:
            raise ValueError(f"cache expiry must be positive, got {ttl_ms} ms")
        self._default = path is None
        self.path = default_path() if path is None else path if path == MEMORY else Path(path)
        self.ttl_ms = ttl_ms
        self._clock = clock
        self._lock = threading.Lock()
        self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        where = str(self.path)
        if isinstance(self.path, Path) and not self._default and not self.path.parent.is_dir():
            raise CacheError(
                f"cannot open the cache: the folder {self.path.parent} does not exist", path=where
            )
        try:
            if isinstance(self.path, Path) and self._default:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(where, check_same_thread=False, isolation_level=None)
        except (OSError, sqlite3.Error) as error:
            raise CacheError(f"cannot open the cache: {error}", path=where, cause=error) from error
        try:
            self._prepare(db)
        except sqlite3.DatabaseError as error:
            db.close()
            raise CacheError(
                f"not a cuesheet cache ({error}); choose another file with --cache",
                path=where,
                cause=error,
            ) from error
        except CacheError:
            db.close()
            raise
        return db

    def _prepare(self, db: sqlite3.Connection) -> None:
        app_id = db.execute("PRAGMA application_id").fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if app_id != APPLICATION_ID and (tables or app_id or version):  # even an empty one
            raise CacheError(
                "not a cuesheet cache (an SQLite file of another program); "
                "choose another file with --cache",
                path=str(self.path),
            )
        if self.path != MEMORY:
            db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        if app_id == APPLICATION_ID and version != SCHEMA_VERSION:
            db.execute("DROP TABLE IF EXISTS entries")  # another schema: start afresh
        db.execute(_CREATE)
        db.execute(f"PRAGMA application_id={APPLICATION_ID}")
        db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def get(self, kind: str, key: str, *, stale_ok: bool = False) -> bytes | None:
        """The stored value, or ``None`` when absent or expired (unless ``stale_ok``)."""
        limit = -1 if stale_ok else self._clock()
        with self._lock:
            row = self._run(
                "SELECT value FROM entries WHERE kind=? AND key=? AND expires_ms>?",
                (kind, key, limit),
            ).fetchone()
        return None if row is None else bytes(row[0])

    def get_many(
        self, kind: str, keys: Iterable[str], *, stale_ok: bool = False
    ) -> dict[str, bytes]:
        """Stored values of several keys at once; absent or expired keys are left out."""
        limit = -1 if stale_ok else self._clock()
        wanted = list(dict.fromkeys(keys))
        found: dict[str, bytes] = {}
        with self._lock:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = self._run(
                    f"SELECT key, value FROM entries WHERE kind=? AND expires_ms>? "
                    f"AND key IN ({marks})",
                    (kind, limit, *chunk),
                )
                found.update((k, bytes(v)) for k, v in rows)
        return found

    def put(self, kind: str, key: str, value: bytes, *, ttl_ms: int | None = None) -> None:
        """Store ``value`` and commit at once."""
        now = self._clock()
        expires = now + (self.ttl_ms if ttl_ms is None else ttl_ms)
        with self._lock:
            self._run(
                "INSERT OR REPLACE INTO entries (kind, key, value, stored_ms, expires_ms) "
                "VALUES (?, ?, ?, ?, ?)",
                (kind, key, value, now, expires),
            )

    def count(self, kind: str | None = None) -> int:
        """How many rows (fresh or not) the cache holds, of one kind or of all."""
        with self._lock:
            if kind is None:
                row = self._run("SELECT count(*) FROM entries", ()).fetchone()
            else:
                row = self._run("SELECT count(*) FROM entries WHERE kind=?", (kind,)).fetchone()
        return int(row[0])

    def _run(self, sql: str, args: tuple[object, ...]) -> sqlite3.Cursor:
        try:
            return self._db.execute(sql, args)
        except sqlite3.Error as error:
            raise CacheError(f"cache failed: {error}", path=str(self.path), cause=error) from error

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._db.close()

    def __enter__(self) -> Cache:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
