"""Writing outputs safely: atomically, and never over the input they came from."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from cuesheet.errors import ExportError, InputError
from playlists.atomic import atomic_open, write_text
from playlists.errors import WriteError
from playlists.textfile import not_a_file


def refuse_overwriting_input(output: str | Path, *inputs: str | Path) -> None:
    """Raise InputError when ``output`` is the same file as one of ``inputs``."""
    refuse_overwriting_inputs([output], inputs)


def refuse_overwriting_inputs(
    outputs: Iterable[str | os.PathLike[str]], inputs: Iterable[str | os.PathLike[str]]
) -> None:
    """Raise InputError when any of ``outputs`` is the same file as any of ``inputs``.

    Called with every file a command will write before it writes the first:
    the same path, the same file through a link, or a hard link of it.
    """
    known: dict[str, str] = {}
    files: dict[tuple[int, int], str] = {}
    for source in inputs:
        name = os.fspath(source)
        known.setdefault(os.path.realpath(name), name)
        with contextlib.suppress(OSError, ValueError):
            info = os.stat(name)
            files.setdefault((info.st_dev, info.st_ino), name)
    for output in outputs:
        name = os.fspath(output)
        src = known.get(os.path.realpath(name))
        if src is None:
            with contextlib.suppress(OSError, ValueError):
                info = os.stat(name)
                src = files.get((info.st_dev, info.st_ino))
        if src is not None:
            same_path = os.path.realpath(name) == os.path.realpath(src)
            what = "an output" if same_path else f"the output {name}"
            raise InputError(f"refusing to overwrite the input {src} with {what}")


def write_atomic(path: str | Path, text: str) -> None:
    """Write UTF-8 ``text`` to ``path`` through a temporary file and a rename.

    An interrupted write leaves the old file or the new one, never half a file.
    """
    try:
        write_text(path, text)
    except WriteError as error:
        raise ExportError(error.message, path=path, cause=error) from error


@contextmanager
def atomic_writer(path: str | Path) -> Iterator[TextIO]:
    """A UTF-8 text handle on ``path`` that appears (or replaces it) only when the block ends well.

    For outputs written as they are made: an interrupted write leaves the old
    file or the new one, never half a file.
    """
    try:
        with atomic_open(path) as handle:
            yield handle
    except WriteError as error:
        raise ExportError(error.message, path=path, cause=error) from error


def write_atomic_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file beside it and a rename.

    An interrupted write leaves the old file or the new one, never half a file.
    """
    target = Path(path)
    kind = not_a_file(target)
    if kind is not None:  # a rename would replace the device, FIFO or folder itself
        raise ExportError(f"is {kind}, not a file; use - for standard output", path=path)
    try:
        fd, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".part", dir=target.parent
        )
    except OSError as error:
        raise ExportError(
            f"cannot write: {error.strerror or error}", path=path, cause=error
        ) from error
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise ExportError(
            f"cannot write: {error.strerror or error}", path=path, cause=error
        ) from error


def _umask() -> int:
    mask = os.umask(0o022)  # os.umask can only be read by setting it; put it straight back
    os.umask(mask)
    return mask
