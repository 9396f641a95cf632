"""A persistent SQLite cache of MusicBrainz answers and resolutions.

One table, keyed by ``(kind, key)``: ``kind`` says what is stored (``ws2`` for raw web
service answers keyed by request, ``resolution`` for finished resolutions keyed by
query), ``key`` names the request.  Every row has an expiry; every :meth:`Cache.put`
commits at once, so an interrupted run loses nothing it already asked.

The file carries an application id and a schema version (SQLite's ``application_id`` and
``user_version``): a cache from another schema version is emptied and rebuilt, and a file
that is not a cuesheet cache (any SQLite file without our application id, even one with no
table) is refused (:class:`~metadata.errors.CacheError`), never overwritten.  The default
file lives in the user's cache directory (platformdirs).

The environment is not always kind:

* a new cache is built in a file of its own and linked into place only when complete, so a
  full disk or a kill during creation leaves nothing behind, and two processes creating one
  cache at once both end up using the same complete file;
* a cache this process cannot write (a read-only file or folder) is opened for reading:
  answers are served, nothing is stored (:attr:`Cache.read_only`);
* another process's write lock is waited for, at most ``lock_wait_ms`` (30 s by default);
* a cache that cannot be written (a full disk, an I/O error, a lock still held after the
  wait) or not even read never stops the run: from then on nothing is stored (or, when it
  cannot be read, this run keeps its answers in memory only), the file is left as it is,
  and :attr:`Cache.trouble` says once what happened, naming the file and the system's
  reason, for the caller to show.

Refused with :class:`~metadata.errors.CacheError` (the file is a mistake, not bad luck):
a file that is not a cuesheet cache, a folder or other non-file at ``path``, and a
``path`` in a folder that does not exist.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType
from typing import Any

from metadata.errors import CacheError

SCHEMA_VERSION = 2
"""Bump when the table layout or the meaning of stored values changes.

2: only well-formed answers of the kind asked for are stored (1 kept 404s for searches)."""
APPLICATION_ID = 0x43554531  # "CUE1"
DAY_MS = 86_400_000
DEFAULT_TTL_MS = 30 * DAY_MS
"""How long an answer stays fresh: 30 days."""
MEMORY = ":memory:"
DEFAULT_LOCK_WAIT_MS = 30_000
"""How long to wait for another process's write lock before giving up: 30 s."""

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
        lock_wait_ms: int = DEFAULT_LOCK_WAIT_MS,
    ) -> None:
        """Open (creating if needed) the cache at ``path``; ``None`` for the default file,
        ``":memory:"`` for a cache that lives as long as this object.

        Only the default file's folder is created when missing: a ``path`` in a
        folder that does not exist is a :class:`CacheError` (a typo should not
        leave new folders behind).  A file (or folder) this process cannot write is
        opened for reading only (:attr:`read_only`); ``lock_wait_ms`` bounds the wait for
        another process's write lock."""
        if ttl_ms <= 0:
            raise ValueError(f"cache expiry must be positive, got {ttl_ms} ms")
        self._default = path is None
        self.path = default_path() if path is None else path if path == MEMORY else Path(path)
        self.ttl_ms = ttl_ms
        self.lock_wait_ms = lock_wait_ms
        self.read_only = False
        """True when the file can only be read: answers are then not kept."""
        self.trouble: str | None = None
        """What went wrong with the file (``path: the cache cannot be written (reason); ...``),
        once: it could not be created, read or written, and the run went on without it."""
        self._clock = clock
        self._lock = threading.Lock()
        self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        if not isinstance(self.path, Path):
            return _memory()
        path, where = self.path, str(self.path)
        if not self._default and not path.parent.is_dir():
            raise CacheError(
                f"cannot open the cache: the folder {path.parent} does not exist", path=where
            )
        if path.exists() and not path.is_file():
            raise CacheError(
                "cannot open the cache: not a file (a folder, a pipe or a device); "
                "choose a file with --cache",
                path=where,
            )
        try:
            if self._default:
                path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists() or path.stat().st_size == 0:
                _create(path, self.lock_wait_ms)
            self.read_only = not (
                os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)
            )
            db = self._connect(where)
        except (OSError, sqlite3.Error) as error:
            return self._without_file(error, "cannot be opened")
        try:
            self._prepare(db)
        except sqlite3.DatabaseError as error:
            db.close()
            if _not_a_database(error):
                raise CacheError(
                    f"not a cuesheet cache ({error}); choose another file with --cache",
                    path=where,
                    cause=error,
                ) from error
            return self._without_file(error, "cannot be opened")
        except _Unusable as error:
            db.close()
            return self._without_file(error, "cannot be used")
        except CacheError:
            db.close()
            raise
        return db

    def _without_file(self, error: BaseException, what: str) -> sqlite3.Connection:
        """A memory database for the rest of the run, the file left alone, the trouble said."""
        self.read_only = False
        self._said(f"the cache {what} ({_reason(error, self.lock_wait_ms)}); "
                   "answers of this run are not kept")  # fmt: skip
        return _memory()

    def _said(self, text: str) -> None:
        if self.trouble is None:
            self.trouble = f"{self.path}: {text}"

    def _connect(self, where: str) -> sqlite3.Connection:
        """Read-write, or read-only (immutable when even the WAL's files cannot be made)."""
        timeout = self.lock_wait_ms / 1000
        if not self.read_only:
            return sqlite3.connect(
                where, timeout=timeout, check_same_thread=False, isolation_level=None
            )
        uri = Path(where).resolve().as_uri()
        for mode in ("ro", "ro&immutable=1"):
            db = sqlite3.connect(
                f"{uri}?mode={mode}",
                uri=True,
                timeout=timeout,
                check_same_thread=False,
                isolation_level=None,
            )
            try:
                db.execute("PRAGMA user_version").fetchone()
                return db
            except sqlite3.OperationalError:
                db.close()
                if mode != "ro":
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    def _prepare(self, db: sqlite3.Connection) -> None:
        app_id = db.execute("PRAGMA application_id").fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if app_id != APPLICATION_ID:
            raise CacheError(
                "not a cuesheet cache (an SQLite file of another program); "
                "choose another file with --cache",
                path=str(self.path),
            )
        if self.read_only:
            if version != SCHEMA_VERSION:
                raise _Unusable("read-only, and of another cuesheet version")
            return
        db.execute("PRAGMA synchronous=NORMAL")
        if version != SCHEMA_VERSION:
            _build(db, rebuild=True)  # another schema: start afresh

    def get(self, kind: str, key: str, *, stale_ok: bool = False) -> bytes | None:
        """The stored value, or ``None`` when absent or expired (unless ``stale_ok``)."""
        limit = -1 if stale_ok else self._clock()
        with self._lock:
            row = self._read(
                "SELECT value FROM entries WHERE kind=? AND key=? AND expires_ms>?",
                (kind, key, limit),
            )
        return None if not row else bytes(row[0][0])

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
                rows = self._read(
                    f"SELECT key, value FROM entries WHERE kind=? AND expires_ms>? "
                    f"AND key IN ({marks})",
                    (kind, limit, *chunk),
                )
                found.update((k, bytes(v)) for k, v in rows)
        return found

    def put(self, kind: str, key: str, value: bytes, *, ttl_ms: int | None = None) -> None:
        """Store ``value`` and commit at once."""
        if self.read_only:
            return
        now = self._clock()
        expires = now + (self.ttl_ms if ttl_ms is None else ttl_ms)
        with self._lock:
            self._write(
                "INSERT OR REPLACE INTO entries (kind, key, value, stored_ms, expires_ms) "
                "VALUES (?, ?, ?, ?, ?)",
                (kind, key, value, now, expires),
            )

    def delete(self, kind: str, key: str) -> None:
        """Remove one stored value (nothing happens when it is absent)."""
        if self.read_only:
            return
        with self._lock:
            self._write("DELETE FROM entries WHERE kind=? AND key=?", (kind, key))

    def count(self, kind: str | None = None) -> int:
        """How many rows (fresh or not) the cache holds, of one kind or of all."""
        with self._lock:
            if kind is None:
                rows = self._read("SELECT count(*) FROM entries", ())
            else:
                rows = self._read("SELECT count(*) FROM entries WHERE kind=?", (kind,))
        return int(rows[0][0]) if rows else 0

    def _read(self, sql: str, args: tuple[object, ...]) -> list[Any]:
        """The rows; none when the file cannot be read (then this run goes on in memory)."""
        try:
            return self._db.execute(sql, args).fetchall()
        except sqlite3.Error as error:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = self._without_file(error, "cannot be read")
            return []

    def _write(self, sql: str, args: tuple[object, ...]) -> None:
        """Run one statement that stores; when it cannot, nothing more is stored this run."""
        try:
            self._db.execute(sql, args)
        except sqlite3.Error as error:
            self.read_only = True  # the statement was rolled back: nothing half-stored
            self._said(f"the cache cannot be written ({_reason(error, self.lock_wait_ms)}); "
                       "new answers are not kept")  # fmt: skip

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


class _Unusable(Exception):
    """The file is a cuesheet cache this run cannot use; the message says why."""


def _memory() -> sqlite3.Connection:
    """A new empty cache in memory, for this run only (no disk: nothing of a disk's to fail)."""
    db = _CONNECT_MEMORY(MEMORY, check_same_thread=False, isolation_level=None)
    _build(db)
    return db


_CONNECT_MEMORY = sqlite3.connect
"""Kept apart from :func:`sqlite3.connect`, which tests replace to make a disk fail."""


def _locked(error: BaseException) -> bool:
    """True for SQLite's "database is locked" (another connection holds the write lock)."""
    return isinstance(error, sqlite3.OperationalError) and "locked" in str(error)


def _not_a_database(error: sqlite3.Error) -> bool:
    """True when the file is not an SQLite database at all (SQLite's ``SQLITE_NOTADB``)."""
    name = getattr(error, "sqlite_errorname", None)  # Python 3.11+
    if name is not None:
        return str(name) == "SQLITE_NOTADB"
    return "not a database" in str(error)


def _reason(error: BaseException, lock_wait_ms: int) -> str:
    """The system's reason, as short as it says it: ``database or disk is full``."""
    if _locked(error):
        return f"locked by another program; waited {lock_wait_ms / 1000:g} s"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__


def _build(db: sqlite3.Connection, *, rebuild: bool = False) -> None:
    """Lay out a cache in one transaction: table, application id and version together."""
    db.execute("BEGIN IMMEDIATE")
    try:
        if rebuild:
            db.execute("DROP TABLE IF EXISTS entries")
        db.execute(_CREATE)
        db.execute(f"PRAGMA application_id={APPLICATION_ID}")
        db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def _create(path: Path, lock_wait_ms: int) -> None:
    """Create a complete cache at ``path`` atomically.

    The cache is built in a file of its own (created exclusively, never through a link)
    and linked into place only when complete, so a full disk or a kill leaves nothing at
    ``path``, and of two processes creating it at once one links, the other uses that one.
    An empty file at ``path`` (an interrupted older version) is replaced.
    """
    temp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.new")
    try:
        os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o644))
        db = sqlite3.connect(str(temp), timeout=lock_wait_ms / 1000, isolation_level=None)
        try:
            _build(db)
            db.execute("PRAGMA journal_mode=WAL")
        finally:
            db.close()
        _CREATED_HOOK(temp)
        try:
            os.link(temp, path)
        except FileExistsError:
            if path.is_file() and path.stat().st_size == 0:
                os.replace(temp, path)
    finally:
        for leftover in (temp, Path(f"{temp}-wal"), Path(f"{temp}-shm")):
            leftover.unlink(missing_ok=True)


def _no_hook(temp: Path) -> None:
    """Tests replace this to act between building a new cache and linking it into place."""


_CREATED_HOOK: Callable[[Path], None] = _no_hook
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
