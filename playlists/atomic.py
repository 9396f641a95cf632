"""Atomic writes: a temporary file in the target's directory, then :func:`os.replace`.

An interrupted write leaves either the old file or the new one, never half a
file; the temporary file is removed on any error.  Temporary files are created
exclusively under names no other run uses (``.name.XXXXXXXX.part``), so a link
planted beside the target is never followed.  :class:`StagedFiles` commits
several outputs together or not at all.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from playlists.errors import WriteError
from playlists.textfile import not_a_file


def _refuse_special(target: Path) -> None:
    """Refuse a target that exists but is not a regular file.

    Renaming over a device, a FIFO or a folder would replace it (``-o
    /dev/stdout`` run as root once replaced the device node); ``-`` is how
    an output goes to standard output.
    """
    kind = not_a_file(target)
    if kind is not None:
        raise WriteError(f"is {kind}, not a file; use - for standard output", path=target)


def _new_file_mode() -> int:
    # os.umask can only be read by setting it; put it straight back.
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


@contextmanager
def atomic_open(
    path: str | os.PathLike[str],
    *,
    encoding: str = "utf-8",
    newline: str | None = "",
    fsync: bool = True,
) -> Iterator[TextIO]:
    """Open ``path`` for writing text; the file appears (or is replaced) only on success.

    ``newline=""`` writes line endings exactly as given.  The new file keeps the
    permissions of the file it replaces (or the umask's for a new one).
    Failures to create, write or rename raise :class:`WriteError`.
    """
    target = Path(path)
    _refuse_special(target)
    try:
        mode = target.stat().st_mode & 0o7777 if target.exists() else _new_file_mode()
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".part", dir=target.parent
        )
    except OSError as error:
        raise WriteError(
            f"cannot write: {error.strerror or error}", path=target, cause=error
        ) from error
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline=newline) as handle:
            yield handle
            handle.flush()
            if fsync:
                os.fsync(handle.fileno())
            pause("write")
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException as error:
        tmp.unlink(missing_ok=True)
        if isinstance(error, OSError) and not isinstance(error, WriteError):
            raise WriteError(
                f"cannot write: {error.strerror or error}", path=target, cause=error
            ) from error
        raise


def write_text(
    path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8", fsync: bool = True
) -> None:
    """Write ``text`` to ``path`` atomically (line endings exactly as in ``text``)."""
    with atomic_open(path, encoding=encoding, fsync=fsync) as handle:
        handle.write(text)


PAUSE_ENV_VAR = "CUESHEET_PAUSE"
"""``POINT:FOLDER``: a test hook; see :func:`pause`."""


_PAUSED: set[str] = set()


def pause(point: str) -> None:
    """Stop at ``point`` when the test hook ``$CUESHEET_PAUSE`` names it, until told to go on.

    With ``CUESHEET_PAUSE=POINT:FOLDER`` the process writes ``POINT`` into the
    FIFO ``FOLDER/paused`` and then waits until something is written into the
    FIFO ``FOLDER/resume``: a test widens a race window (a kill between two
    renames) deterministically, without sleeping.  A process stops at most
    once.  Without the variable this does nothing.
    """
    spec = os.environ.get(PAUSE_ENV_VAR)
    if not spec:
        return
    name, _, folder = spec.partition(":")
    if name != point or point in _PAUSED:
        return
    _PAUSED.add(point)
    with open(os.path.join(folder, "paused"), "w", encoding="utf-8") as ready:
        ready.write(point)
    with open(os.path.join(folder, "resume"), encoding="utf-8") as resume:
        resume.read()


_DEFERRED = (signal.SIGINT, signal.SIGTERM) if hasattr(signal, "pthread_sigmask") else ()


@contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold back SIGINT and SIGTERM inside the block (delivered after it), where POSIX can."""
    if not _DEFERRED or threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, _DEFERRED)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _unique_sibling(target: Path, suffix: str) -> Path:
    """A name beside ``target`` that no file has (``.name.XXXXXXXX<suffix>``)."""
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}{suffix}")


class StagedFiles:
    """Several outputs written under temporary names, then renamed into place together.

    :meth:`stage` creates each temporary file exclusively (``O_EXCL``: never
    through a link, never a name another run uses) beside its target;
    :meth:`commit` renames them all.  Until then no target is touched, and
    :meth:`discard` (also on leaving the ``with`` block) removes every
    temporary file, so a failure leaves the old files as they were.

    A commit is all or nothing for errors: if a rename fails, the targets
    already replaced get their old files back (kept as hard links while the
    commit runs).  SIGINT and SIGTERM are held back while it runs.  What POSIX
    cannot give: a SIGKILL or a power cut between two renames leaves the
    targets renamed so far new and the rest old, with the rest's temporary
    files (``.name.XXXXXXXX.part``) beside them.
    """

    def __init__(self) -> None:
        self._staged: dict[Path, Path] = {}
        """Target -> its temporary file, in the order they were staged."""

    def __enter__(self) -> StagedFiles:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()

    @property
    def targets(self) -> list[Path]:
        """The targets staged so far, in order."""
        return list(self._staged)

    def stage(self, target: str | os.PathLike[str], *, suffix: str = ".part") -> Path:
        """Create ``target``'s temporary file (empty) and return its name.

        ``suffix`` ends the temporary name (a tagger may want the format's extension).

        Raises :class:`WriteError` naming ``target`` when it cannot be created,
        or when ``target`` is a folder or staged twice.
        """
        path = Path(target)
        if path in self._staged:
            raise WriteError("written twice by one command", path=path)
        if path.is_dir():
            raise WriteError("is a folder, cannot write a file there", path=path)
        _refuse_special(path)
        try:
            mode = path.stat().st_mode & 0o7777 if path.is_file() else _new_file_mode()
            fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)
            os.close(fd)
            self._staged[path] = Path(name)
            os.chmod(name, mode)
        except OSError as error:
            raise _cannot_write(path, error) from error
        return self._staged[path]

    def stage_of(self, target: str | os.PathLike[str]) -> Path:
        """The temporary file of a staged ``target``."""
        return self._staged[Path(target)]

    def write_text(
        self,
        target: str | os.PathLike[str],
        text: str,
        *,
        encoding: str = "utf-8",
        fsync: bool = True,
    ) -> None:
        """Stage ``target`` (unless staged) and write ``text`` into its temporary file."""
        path = Path(target)
        temp = self._staged.get(path) or self.stage(path)
        try:
            # O_NOFOLLOW: the temporary file is ours; a link put in its place is refused.
            fd = os.open(temp, os.O_WRONLY | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0))
            with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
                handle.write(text)
                handle.flush()
                if fsync:
                    os.fsync(handle.fileno())
        except OSError as error:
            raise _cannot_write(path, error) from error

    def commit(self) -> None:
        """Rename every temporary file to its target; on an error, put the old files back."""
        with _signals_deferred():
            existed = {t for t in self._staged if os.path.lexists(t)}
            backups = {t: self._backup(t) for t in existed}
            done: list[Path] = []
            try:
                for target, temp in self._staged.items():
                    if done:
                        pause("commit")
                    try:
                        os.replace(temp, target)
                    except OSError as error:
                        raise _cannot_write(target, error) from error
                    done.append(target)
            except BaseException:
                for target in done:
                    _restore(target, target in existed, backups.get(target))
                raise
            finally:
                for backup in backups.values():
                    if backup is not None:
                        backup.unlink(missing_ok=True)
                self.discard()

    @staticmethod
    def _backup(target: Path) -> Path | None:
        """A hard link to ``target``'s old file (None when links fail there)."""
        for _ in range(8):
            backup = _unique_sibling(target, ".old")
            try:
                os.link(target, backup, follow_symlinks=False)
            except FileExistsError:
                continue
            except OSError:
                return None
            return backup
        return None

    def discard(self) -> None:
        """Remove the temporary files not renamed yet."""
        for temp in self._staged.values():
            with contextlib.suppress(OSError):
                temp.unlink(missing_ok=True)
        self._staged.clear()


def _restore(target: Path, existed: bool, backup: Path | None) -> None:
    """Undo one rename of a failed commit: the old file back, or no file as before.

    An old file that could not be kept (no hard links there) cannot come back;
    the new one then stays rather than leaving nothing.
    """
    with contextlib.suppress(OSError):
        if backup is not None:
            os.replace(backup, target)
        elif not existed:
            target.unlink()


def _cannot_write(target: Path, error: OSError) -> WriteError:
    return WriteError(f"cannot write: {error.strerror or error}", path=target, cause=error)
