"""Reading input files as text, with one clear :class:`InputError` for every failure."""

from __future__ import annotations

from pathlib import Path

from cuesheet.errors import InputError
from playlists._text import not_a_file


def read_text(path: str | Path) -> str:
    """The UTF-8 text of ``path`` (a leading byte-order mark is dropped).

    Raises :class:`InputError` naming the file for a missing, unreadable or
    non-UTF-8 file (with the line of the first bad byte).
    """
    kind = not_a_file(path)
    if kind is not None:  # reading a FIFO or a device could wait forever
        error = IsADirectoryError if kind == "a directory" else OSError
        raise InputError(f"is {kind}, expected a file", path=path, cause=error(kind))
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError as error:
        raise InputError("no such file", path=path, cause=error) from error
    except IsADirectoryError as error:
        raise InputError("is a directory, expected a file", path=path, cause=error) from error
    except OSError as error:
        reason = error.strerror or str(error)
        raise InputError(f"cannot read: {reason}", path=path, cause=error) from error
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(
            f"not UTF-8 text (byte 0x{data[error.start]:02x}); save the file as UTF-8",
            path=path,
            line=line,
            cause=error,
        ) from error
