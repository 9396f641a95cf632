"""Reading input files as text, with one clear :class:`InputError` for every failure."""

from __future__ import annotations

from pathlib import Path

from cuesheet.errors import InputError
from playlists.textfile import not_a_file


def read_text(path: str | Path, encoding: str | None = None) -> str:
    """The text of ``path``, decoded as :func:`playlists.textfile.decode` does.

    Byte-order marks, UTF-16 without one and legacy encodings are recognised
    (with a :class:`playlists.errors.DecodingWarning` naming the encoding when
    it was not UTF-8); ``encoding`` overrides that.  Line ends become LF.
    Raises :class:`InputError` naming the file for a missing or unreadable
    file, or bytes that are not text (with the line of the first bad byte).
    """
    from playlists import textfile
    from playlists.errors import ParseError

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
        return textfile.decode(data, path, encoding=encoding)
    except ParseError as error:
        raise InputError(error.message, path=path, line=error.line, cause=error) from error


def read_head(path: str | Path, size: int, encoding: str | None = None) -> tuple[str, bool] | None:
    """The first ``size`` bytes of ``path`` as text to sniff, and whether they are the whole file.

    For telling formats apart without reading a large file twice.  The codec is
    ``encoding``, else the byte-order mark's, else UTF-16 when the bytes look like
    it, else UTF-8; bytes it cannot decode (a legacy encoding's letters, a character
    cut at ``size``) are replaced, as no sniff looks at them.  ``None`` when
    ``path`` is not a regular file, cannot be read or ``encoding`` is unknown: the
    reader that takes the file then says what is wrong.
    """
    from playlists.textfile import bom_encoding, utf16_without_bom

    if not_a_file(path) is not None:  # a FIFO could wait forever
        return None
    try:
        with open(path, "rb") as source:
            head = source.read(size + 1)
    except OSError:
        return None
    whole = len(head) <= size
    head = head[:size]
    codec = encoding or bom_encoding(head) or utf16_without_bom(head) or "utf-8"
    try:
        return head.decode(codec, errors="replace"), whole
    except LookupError:
        return None
