"""Decoding playlist files: byte-order marks, encodings, and where a bad byte sits."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from playlists.errors import ParseError

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def not_a_file(path: str | os.PathLike[str]) -> str | None:
    """What ``path`` is when it exists but is not a regular file (``"a FIFO (named pipe)"``...).

    ``None`` for a regular file (through links) or a path that does not exist.
    Readers check this first: reading a FIFO or a device could wait forever.
    """
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return None
    return next((name for test, name in _KINDS if test(mode)), None)


def require_file(path: str | os.PathLike[str]) -> None:
    """Raise :class:`ParseError` naming ``path`` when it is not a regular file."""
    kind = not_a_file(path)
    if kind is not None:
        raise ParseError(f"is {kind}, not a file", path=os.fspath(path))

BOM = "\ufeff"


def line_of(data: bytes | str, offset: int) -> int:
    """The 1-based line number of ``offset`` in ``data``."""
    if isinstance(data, bytes):
        return data.count(b"\n", 0, offset) + 1
    return data.count("\n", 0, offset) + 1


def decode(
    data: bytes,
    path: str | os.PathLike[str] | None,
    *,
    fallback: str | None = None,
) -> str:
    """UTF-8 text of ``data`` without a leading byte-order mark.

    When the bytes are not UTF-8, ``fallback`` (e.g. ``"cp1252"``) is tried;
    without one, :class:`ParseError` names the line of the first bad byte.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        if fallback is not None:
            try:
                return data.decode(fallback)
            except UnicodeDecodeError:
                pass
        raise ParseError(
            f"not UTF-8 text (byte 0x{data[error.start]:02x})",
            path=os.fspath(path) if path is not None else None,
            line=line_of(data, error.start),
            cause=error,
        ) from error
    return text[1:] if text.startswith(BOM) else text


def read(path: str | os.PathLike[str], *, fallback: str | None = None) -> str:
    """Read and decode a playlist file (see :func:`decode`)."""
    require_file(path)
    return decode(Path(path).read_bytes(), path, fallback=fallback)
