"""Turning a file's bytes into text: byte-order marks, encodings and line ends.

Every reader of :mod:`playlists` (and cuesheet's own readers of lists and logs)
decodes through :func:`decode`, in this order:

1. an ``encoding`` the caller names (``--encoding``) is used as it is;
2. a byte-order mark says UTF-32 LE/BE, UTF-8 or UTF-16 LE/BE;
3. NUL bytes in every other byte of the opening say UTF-16 without a mark;
4. bytes that are valid UTF-8 are UTF-8;
5. anything else is a legacy encoding, guessed by ``charset-normalizer``
   among the common single-byte and CJK code pages (cp1252, cp1251, cp1250,
   GB18030, Shift-JIS, Big5, EUC ...), Western cp1252 winning a tie.

Whenever the text was not UTF-8, a :class:`DecodingWarning` names the encoding
used.  Bytes that are no text at all (a NUL byte after decoding, or nothing
the guesser can read) raise :class:`ParseError`.  CR, LF and CRLF each end a
line: the text returned has LF only.
"""

from __future__ import annotations

import codecs
import os
import stat
import warnings
from pathlib import Path

from playlists.errors import DecodingWarning, ParseError

BOM = "\ufeff"

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

LEGACY = (
    "cp1252",
    "gb18030",
    "shift_jis",
    "cp1251",
    "big5",
    "euc_kr",
    "euc_jp",
    "cp1250",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1256",
    "cp1257",
    "koi8_r",
    "cp866",
    "mac_roman",
    "iso8859_15",
    "latin_1",
    "iso8859_2",
    "iso8859_5",
)
"""The encodings a non-UTF-8 file is guessed among, most preferred first."""

_MULTIBYTE = frozenset({"gb18030", "shift_jis", "big5", "euc_kr", "euc_jp"})
_SAMPLE = 4096


def line_of(data: bytes | str, offset: int) -> int:
    """The 1-based line number of ``offset`` in ``data`` (LF, CRLF or CR line ends)."""
    if isinstance(data, bytes):
        lf, cr = data.count(b"\n", 0, offset), data.count(b"\r", 0, offset)
        return max(lf, cr) + 1
    return max(data.count("\n", 0, offset), data.count("\r", 0, offset)) + 1


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark at the start of ``data`` names, or ``None``."""
    for mark, name in _BOMS:
        if data.startswith(mark):
            return name
    return None


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when the opening bytes look like UTF-16 without a mark.

    Text that is mostly ASCII has a NUL in every other byte in UTF-16; a file in
    an 8-bit encoding has none.
    """
    sample = data[:_SAMPLE]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= pairs * 0.4 and even <= pairs * 0.05:
        return "utf-16-le"
    if even >= pairs * 0.4 and odd <= pairs * 0.05:
        return "utf-16-be"
    return None


def guess_legacy(data: bytes) -> str | None:
    """The most likely legacy encoding of bytes that are not UTF-8, or ``None`` for binary.

    ``charset-normalizer`` ranks the candidates; among the least garbled ones a
    multi-byte (CJK) reading wins (random Western bytes rarely form valid
    multi-byte text), then the most coherent language, then the order of
    :data:`LEGACY`.
    """
    import charset_normalizer

    matches = list(charset_normalizer.from_bytes(data, cp_isolation=list(LEGACY)))
    if not matches:
        return None
    least = min(match.chaos for match in matches)
    candidates = [match for match in matches if match.chaos <= least + 0.005]

    def names(match: charset_normalizer.CharsetMatch) -> list[str]:
        return [match.encoding, *match.could_be_from_charset]

    multibyte = [m for m in candidates if _MULTIBYTE.intersection(names(m))]
    candidates = multibyte or candidates
    coherent = max(match.coherence for match in candidates)
    candidates = [m for m in candidates if m.coherence >= coherent - 0.05]
    known = [name for m in candidates for name in names(m) if name in LEGACY]
    return min(known, key=LEGACY.index) if known else candidates[0].encoding


def _bad_bytes(
    data: bytes, encoding: str, path: str | None, error: UnicodeDecodeError
) -> ParseError:
    return ParseError(
        f"not {encoding} text (byte 0x{data[error.start]:02x})",
        path=path,
        line=line_of(data, error.start),
        cause=error,
    )


def decode(
    data: bytes,
    path: str | os.PathLike[str] | None = None,
    *,
    encoding: str | None = None,
) -> str:
    """The text of ``data`` with LF line ends and no byte-order mark (see the module doc).

    Raises :class:`ParseError` naming the file and line when the bytes are not
    text in ``encoding`` (or in any encoding, for binary data).
    """
    name = os.fspath(path) if path is not None else None
    used, how = encoding, "given"
    if used is None:
        used, how = bom_encoding(data), "byte-order mark"
    if used is None:
        used, how = utf16_without_bom(data), "no byte-order mark"
    if used is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            used, how = guess_legacy(data), "guessed"
            if used is None:
                raise ParseError(
                    f"not a text file: no known encoding reads byte 0x{data[error.start]:02x}",
                    path=name,
                    line=line_of(data, error.start),
                    cause=error,
                ) from error
    if used is not None:
        try:
            text = data.decode(used)
        except LookupError as error:
            raise ParseError(f"unknown encoding {used!r}", path=name, cause=error) from error
        except UnicodeDecodeError as error:
            raise _bad_bytes(data, used, name, error) from error
        if encoding is None and codecs.lookup(used).name != "utf-8":
            warnings.warn(
                f"{name or 'input'}: not UTF-8: read as {used} ({how}; --encoding chooses another)",
                DecodingWarning,
                stacklevel=2,
            )
    return _text_only(text, name)


def _text_only(text: str, path: str | None) -> str:
    if text.startswith(BOM):
        text = text[1:]
    nul = text.find("\x00")
    if nul >= 0:
        raise ParseError(
            "not a text file (a NUL character): binary data?", path=path, line=line_of(text, nul)
        )
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def read(path: str | os.PathLike[str], *, encoding: str | None = None) -> str:
    """Read and decode a regular file (see :func:`decode`); a FIFO or device is refused."""
    require_file(path)
    return decode(Path(path).read_bytes(), path, encoding=encoding)


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

