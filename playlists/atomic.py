"""Atomic writes: a temporary file in the target's directory, then :func:`os.replace`.

An interrupted write leaves either the old file or the new one, never half a
file; the temporary file is removed on any error.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from playlists.errors import WriteError


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
