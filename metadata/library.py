"""A scanned library of audio files, indexed in SQLite so a rescan only stats what is unchanged.

:class:`Library` walks directories for audio files (by extension, see
:data:`metadata.tags.FORMATS`), reads the new and changed ones with
:func:`metadata.tags.read` in a process pool (tag parsing is CPU-bound Python,
so threads would queue on the GIL), and keeps one row per file::

    path  size  mtime_ns  format  duration_ms  samples  sample_rate  channels  bits  tags  error

(``tags``: the :class:`metadata.tags.Tags` fields as a JSON array, in field order.)

A file whose size and modification time (ns) match its row is not opened
again.  Files that cannot be read are kept with their error, reported by every
scan and retried only when they change.  Files that disappeared are dropped.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import signal
import sqlite3
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from metadata import tags as _tags
from metadata.cache import DEFAULT_LOCK_WAIT_MS
from metadata.errors import CacheError, TagError
from metadata.tags import AudioFile, Tags

SCHEMA_VERSION = 2
"""Bumped when the index layout or what a read records changes; an old index is rebuilt."""

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while files are read (``total`` counts files to read)."""

_CHUNK = 48
"""Files per pool task: large enough to amortise pickling, small enough to balance two cores."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    format TEXT,
    duration_ms INTEGER,
    samples INTEGER,
    sample_rate INTEGER,
    channels INTEGER,
    bits INTEGER,
    tags TEXT,
    error TEXT
) WITHOUT ROWID
"""


@dataclass(frozen=True, slots=True)
class ScanProblem:
    """A file the scan could not read, with the reason."""

    path: str
    message: str


@dataclass(frozen=True, slots=True)
class ScanResult:
    """What one scan found under its roots."""

    files: tuple[AudioFile, ...]
    """Every readable audio file under the roots, sorted by path."""
    problems: tuple[ScanProblem, ...]
    """Audio files that could not be read (by path)."""
    read: int
    """Files opened and read in this scan (new or changed)."""
    unchanged: int
    """Files whose size and mtime matched the index, so only stat'ed."""
    removed: int
    """Index rows dropped because their file is gone."""


class Library:
    """An SQLite index of audio files; open it, :meth:`scan` roots, then query :meth:`files`.

    ``workers`` is the process-pool size (default: the CPU count); reads of
    fewer than ``pool_threshold`` files run in this process, where starting a
    pool would cost more than it saves.
    """

    def __init__(
        self,
        index_path: str | os.PathLike[str],
        *,
        workers: int | None = None,
        pool_threshold: int = 64,
        create_folder: bool = False,
        lock_wait_ms: int = DEFAULT_LOCK_WAIT_MS,
    ) -> None:
        """Open (creating if needed) the index at ``index_path``.

        The index's folder is created when missing only with ``create_folder``
        (for a default location); otherwise a folder that does not exist is a
        :class:`CacheError`.  Another process's write lock is waited for at most
        ``lock_wait_ms`` milliseconds.
        """
        self.index_path = os.fspath(index_path)
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.pool_threshold = pool_threshold
        self.lock_wait_ms = lock_wait_ms
        self._db = _connect(self.index_path, create_folder, lock_wait_ms)

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the index."""
        self._db.close()

    def scan(
        self, roots: Iterable[str | os.PathLike[str]], progress: Progress | None = None
    ) -> ScanResult:
        """Bring the index up to date for ``roots`` (directories or single files) and report.

        Raises ``FileNotFoundError`` for a root that does not exist and
        :class:`CacheError` when the index cannot be written.
        """
        wanted = [_absolute(root) for root in roots]
        for root in wanted:
            if not os.path.exists(root):
                raise FileNotFoundError(2, "no such file or directory", root)
        on_disk: dict[str, tuple[int, int]] = {}
        for root in wanted:
            on_disk.update(_walk(root))
        unnamed = [p for p in on_disk if not _storable(p)]
        for path in unnamed:
            del on_disk[path]
        known = self._rows_under(wanted)
        stale = [p for p in known if p not in on_disk]
        to_read = sorted(p for p, stat in on_disk.items() if known.get(p) != stat)
        total = len(to_read)
        if progress is not None:
            progress(0, total)
        # One short transaction per batch (every row stands alone), so that two scans of
        # one library take turns instead of one waiting for the other's whole scan.
        self._write("DELETE FROM files WHERE path = ?", [(p,) for p in stale])
        done = 0
        for batch in self._read_all([(path, on_disk[path]) for path in to_read]):
            self._write("INSERT OR REPLACE INTO files VALUES (?,?,?,?,?,?,?,?,?,?,?)", batch)
            done += len(batch)
            if progress is not None:
                progress(done, total)
        files, problems = self._load(wanted)
        problems += tuple(
            ScanProblem(_shown(p), "the file name is not UTF-8: rename the file to index it")
            for p in unnamed
        )
        return ScanResult(
            files=files,
            problems=problems,
            read=total,
            unchanged=len(on_disk) - total,
            removed=len(stale),
        )

    def files(self, roots: Iterable[str | os.PathLike[str]] | None = None) -> tuple[AudioFile, ...]:
        """The readable files in the index (under ``roots`` when given), without scanning."""
        return self._load(None if roots is None else [_absolute(r) for r in roots])[0]

    # --- internals ---------------------------------------------------------------------

    def _write(self, sql: str, rows: list[tuple[object, ...]]) -> None:
        """Commit ``rows`` in one transaction, waiting (bounded) for another writer's lock."""
        if not rows:
            return
        try:
            with self._db:
                self._db.executemany(sql, rows)
        except sqlite3.Error as error:
            if _locked(error):
                raise _locked_error(self.index_path, self.lock_wait_ms, error) from error
            raise CacheError(
                f"cannot write the library index: {error}", path=self.index_path, cause=error
            ) from error

    def _rows_under(self, roots: Sequence[str]) -> dict[str, tuple[int, int]]:
        rows: dict[str, tuple[int, int]] = {}
        for root in roots:
            for path, size, mtime_ns in self._select(
                "SELECT path, size, mtime_ns FROM files", root
            ):
                rows[path] = (size, mtime_ns)
        return rows

    def _select(self, query: str, root: str | None) -> Iterator[Any]:
        """Rows of ``query`` for ``root`` itself and every path below it (index range scan)."""
        try:
            if root is None:
                yield from self._db.execute(query + " ORDER BY path")
                return
            prefix = root.rstrip(os.sep) + os.sep
            # Every path below ``prefix`` sorts between it and prefix-with-its-last-char+1.
            upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
            yield from self._db.execute(
                query + " WHERE path = ? OR (path >= ? AND path < ?) ORDER BY path",
                (root, prefix, upper),
            )
        except sqlite3.Error as error:
            raise CacheError(
                f"cannot read the library index: {error}", path=self.index_path, cause=error
            ) from error

    def _load(
        self, roots: Sequence[str] | None
    ) -> tuple[tuple[AudioFile, ...], tuple[ScanProblem, ...]]:
        files: dict[str, AudioFile] = {}
        problems: dict[str, ScanProblem] = {}
        query = (
            "SELECT path, format, duration_ms, samples, sample_rate, channels, bits, tags, "
            "error FROM files"
        )
        for root in roots if roots is not None else [None]:
            for row in self._select(query, root):
                path, error = row[0], row[8]
                if error is not None:
                    problems[path] = ScanProblem(path, error)
                else:
                    files[path] = _from_row(row)
        return (
            tuple(files[p] for p in sorted(files)),
            tuple(problems[p] for p in sorted(problems)),
        )

    def _read_all(self, paths: list[tuple[str, tuple[int, int]]]) -> Iterator[list[_Row]]:
        """Batches of index rows for ``(path, (size, mtime_ns))``, in completion order.

        The workers make the rows themselves (reading, then encoding the tags): what
        comes back is plain tuples, quick to pass between processes, and this process
        is left with writing them.

        The pool gets two chunks per worker at a time; while none has come
        back, this process reads a chunk itself, so a busy machine (workers
        starved of CPU) degrades to inline speed instead of waiting.
        """
        chunks = deque(paths[i : i + _CHUNK] for i in range(0, len(paths), _CHUNK))
        if len(paths) < self.pool_threshold or self.workers == 1:
            while chunks:
                yield _read_rows(chunks.popleft())
            return
        running: set[Future[list[_Row]]] = set()
        with _pool(self.workers) as pool, _stopped_on_exit(pool):
            while chunks or running:
                while chunks and len(running) < 2 * self.workers:
                    running.add(pool.submit(_read_rows, chunks.popleft()))
                finished = {future for future in running if future.done()}
                for future in finished:
                    running.discard(future)
                    yield future.result()
                if finished:
                    continue
                if chunks:
                    yield _read_rows(chunks.popleft())
                else:
                    wait(running, return_when=FIRST_COMPLETED)


def _pool(workers: int) -> ProcessPoolExecutor:
    # fork shares the already-imported mutagen with the workers, which saves a
    # second of start-up per worker under spawn; it is safe here because the
    # parent holds no lock or thread the children could inherit mid-use.
    if sys.platform.startswith("linux"):
        return ProcessPoolExecutor(
            workers, mp_context=multiprocessing.get_context("fork"),
            initializer=_worker_start,
            initargs=(os.getpid(),),
        )
    return ProcessPoolExecutor(workers, initializer=_worker_start, initargs=(os.getpid(),))


def _worker_start(parent: int) -> None:
    """In each worker: leave SIGINT and SIGTERM to the parent, and die with it.

    Ctrl-C reaches the whole process group; the parent alone decides what
    happens (it stops the workers), so no worker prints a traceback.  On Linux
    the kernel kills a worker whose parent died, even by SIGKILL: no orphans.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the parent died before the line above
            os._exit(1)


_PR_SET_PDEATHSIG = 1


@contextlib.contextmanager
def _stopped_on_exit(pool: ProcessPoolExecutor) -> Iterator[None]:
    """On any exception (an interrupt too), kill the workers instead of waiting for them."""
    try:
        yield
    except BaseException:
        workers = list(getattr(pool, "_processes", {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for worker in workers:
            worker.kill()
        for worker in workers:
            worker.join()
        raise


def _read_chunk(paths: list[str]) -> list[tuple[str, AudioFile | str]]:
    """Read a chunk of files (runs in a worker process)."""
    out: list[tuple[str, AudioFile | str]] = []
    for path in paths:
        try:
            out.append((path, _tags.read(path)))
        except TagError as error:
            out.append((path, error.message))
    return out


def _read_rows(files: list[tuple[str, tuple[int, int]]]) -> list[_Row]:
    """The index rows of a chunk of ``(path, (size, mtime_ns))`` (runs in a worker process)."""
    stats = dict(files)
    return [_row(path, stats[path], found) for path, found in _read_chunk(list(stats))]


def _locked(error: sqlite3.Error) -> bool:
    return isinstance(error, sqlite3.OperationalError) and "locked" in str(error)


def _connect(path: str, create_folder: bool, lock_wait_ms: int) -> sqlite3.Connection:
    folder = Path(path).parent
    if path != ":memory:" and not create_folder and not folder.is_dir():
        raise CacheError(
            f"cannot open the library index: the folder {folder} does not exist", path=path
        )
    try:
        if path != ":memory:" and create_folder:
            folder.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, timeout=lock_wait_ms / 1000)
        try:
            _claim(db, path)
        except BaseException:
            db.close()
            raise
        with db:
            db.execute(_SCHEMA)
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
    except (sqlite3.Error, OSError) as error:
        if isinstance(error, sqlite3.Error) and _locked(error):
            raise _locked_error(path, lock_wait_ms, error) from error
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise CacheError(
            f"cannot open the library index: {reason}", path=path, cause=error
        ) from error
    return db


def _locked_error(path: str, lock_wait_ms: int, error: sqlite3.Error) -> CacheError:
    return CacheError(
        "the library index is locked by another program (another scan?); "
        f"waited {lock_wait_ms / 1000:g} s",
        path=path,
        cause=error,
    )


APPLICATION_ID = 0x43554C49  # "CULI"
"""SQLite ``application_id`` of a library index: a file without it is another program's."""


def _claim(db: sqlite3.Connection, path: str) -> None:
    """Make ``db`` a library index of this schema, or refuse it as another program's file.

    A new (empty) file is claimed; an index of another schema version is
    rebuilt.  Refused with :class:`CacheError`, never changed: a file with
    another ``application_id`` (even with no table yet), or without one but
    with tables or a version -- except an index written before indexes carried
    the id (only a ``files`` table whose first columns are ours).
    """
    app_id = db.execute("PRAGMA application_id").fetchone()[0]
    version = db.execute("PRAGMA user_version").fetchone()[0]
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    if app_id != APPLICATION_ID and not (app_id == 0 and _ours_before_ids(db, tables, version)):
        raise CacheError(
            "not a cuesheet library index (an SQLite file of another program); "
            "choose another file with --index",
            path=path,
        )
    if app_id != APPLICATION_ID or version != SCHEMA_VERSION:
        with db:
            db.execute("DROP TABLE IF EXISTS files")
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _ours_before_ids(db: sqlite3.Connection, tables: set[str], version: int) -> bool:
    """Whether an SQLite file without an application id is new, or an index of ours."""
    if not tables:
        return version == 0
    if tables != {"files"} or not 1 <= version <= SCHEMA_VERSION:
        return False
    columns = [row[1] for row in db.execute("PRAGMA table_info(files)")]
    return columns[:3] == ["path", "size", "mtime_ns"]


def _absolute(path: str | os.PathLike[str]) -> str:
    return os.path.normpath(os.path.abspath(os.fspath(path)))


def _walk(root: str) -> Iterator[tuple[str, tuple[int, int]]]:
    """(path, (size, mtime_ns)) of every audio file at or below ``root``; no symlinked dirs."""
    if not os.path.isdir(root):
        if _tags.format_of(root) is not None:
            stat = os.stat(root)
            yield root, (stat.st_size, _int64(stat.st_mtime_ns))
        return
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue  # unreadable folder: nothing of it can be indexed
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                elif _tags.format_of(entry.name) is not None and entry.is_file():
                    stat = entry.stat()
                    yield entry.path, (stat.st_size, _int64(stat.st_mtime_ns))
            except OSError:
                continue  # vanished or dangling between listing and stat


def _storable(path: str) -> bool:
    """Whether ``path`` can be stored as text (a name that is not UTF-8 has surrogates)."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _shown(path: str) -> str:
    """``path`` printable, with the bytes that are not UTF-8 as ``\\xNN``."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _int64(value: int) -> int:
    """``value`` wrapped into SQLite's signed 64 bits (a file dated 2400 has ns past 2**63)."""
    return (value + (1 << 63)) % (1 << 64) - (1 << 63)


_Row = tuple[object, ...]
"""One row of the ``files`` table, in column order."""


def _row(path: str, stat: tuple[int, int], found: AudioFile | str) -> _Row:
    if isinstance(found, str):
        return (path, *stat, None, None, None, None, None, None, None, found)
    return (
        path,
        *stat,
        found.format,
        found.duration_ms,
        found.samples,
        found.sample_rate,
        found.channels,
        found.bits_per_sample,
        json.dumps(
            [getattr(found.tags, name) for name in _TAG_NAMES],
            ensure_ascii=False,
            separators=(",", ":"),
        ),
        None,
    )


def _from_row(row: Sequence[Any]) -> AudioFile:
    values = json.loads(row[7])
    for index in _TUPLE_FIELDS:
        values[index] = tuple(values[index])
    return AudioFile(
        path=row[0],
        format=row[1],
        duration_ms=row[2],
        samples=row[3],
        sample_rate=row[4],
        channels=row[5],
        bits_per_sample=row[6],
        tags=Tags(*values),
    )


# Tags are stored as a JSON array in field order (half the decoding time of an object).
_TAG_NAMES = tuple(f.name for f in fields(Tags))
_TUPLE_FIELDS = tuple(i for i, f in enumerate(fields(Tags)) if str(f.type).startswith("tuple"))


__all__ = ["Library", "Progress", "ScanProblem", "ScanResult"]
