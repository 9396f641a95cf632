"""Locations: local paths (relative or absolute), ``file:`` URIs and other URLs.

Local paths are POSIX-style (a Windows drive path such as ``C:\\x.wav`` is turned
into ``/C:/x.wav`` for URIs).  Only this module percent-encodes or decodes.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Callable
from functools import lru_cache
from itertools import repeat
from operator import itemgetter
from typing import cast
from urllib.parse import quote, unquote

from playlists._bulk import Memo

_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")
_DRIVE_RE = re.compile(r"^[A-Za-z]:[\\/]")
_URI_SAFE = "/!$&'()*+,;=:@-._~"


def is_uri(location: str) -> bool:
    """True for ``scheme:...`` (two letters or more, so ``C:\\`` is a path, not a URI)."""
    return _SCHEME_RE.match(location) is not None and not _DRIVE_RE.match(location)


def are_uris(locations: list[str]) -> bool:
    """True when :func:`is_uri` is true of every location.

    A scheme of two letters or more ends past the second character, where a
    drive's colon would be: the drive's test is not needed.
    """
    return all(map(_SCHEME_RE.match, locations))


def is_file_uri(location: str) -> bool:
    """True for a ``file:`` URI."""
    return location[:5].lower() == "file:"


_DRIVE_PATH_RE = re.compile(r"^/[A-Za-z]:/")


_PERCENT_RUN_RE = re.compile("%[0-9A-Fa-f]{2}(?:%[0-9A-Fa-f]{2})*")
"""A run of ``%XX`` escapes.  Spelt with a literal ``%`` first (not ``(?:%XX)+``): sre
then skips to each ``%`` instead of trying the pattern at every character (reading
our own XSPF took 2% fewer instructions)."""


def _percent_run_text(found: re.Match[str]) -> str:
    return bytes.fromhex(found[0].replace("%", "")).decode("utf-8", "surrogateescape")


def _unquote_name(name: str) -> str:
    """``unquote(name, errors="surrogateescape")``, quicker.

    Why: ``unquote`` decodes byte by byte in Python (about 8 µs a name).  Here each
    run of ``%XX`` escapes is decoded at once; that is the same text, since UTF-8
    decoding (its escapes of bad bytes included) never joins bytes across an ASCII
    character, and ``unquote`` leaves alone what is not an escape, as this does.
    ``%20``, the usual escape, is replaced first for the same reason.
    """
    if "%" not in name:
        return name
    if "%20" in name:
        name = name.replace("%20", " ")
        if "%" not in name:  # the usual case: spaces only
            return name
    return _PERCENT_RUN_RE.sub(_percent_run_text, name)


def _decoded_directory(head: str) -> str:
    """``file://`` and a directory, to its path and a ``/`` (see :data:`_DIRECTORIES`)."""
    return unquote(head[7:], errors="surrogateescape") + "/"


_DIRECTORIES = Memo(_decoded_directory, 4096)
"""The directories of ``file:///`` URIs, decoded once each (a playlist's files share a few)."""


def file_uri_to_path(uri: str) -> str:
    """The local path of a ``file:`` URI (``file:///a%20b`` -> ``/a b``; host ``localhost`` ok).

    The directory and the name are decoded apart, which gives the same text as
    decoding them together: UTF-8 never joins bytes across the ``/``.
    """
    if uri.startswith("file:///"):  # the usual form: no host
        head, _, name = uri.rpartition("/")
        if "%" in name:  # _unquote_name, written out: this runs once a track
            name = name.replace("%20", " ")
            if "%" in name:
                name = _PERCENT_RUN_RE.sub(_percent_run_text, name)
        path = _DIRECTORIES[head] + name
        if path[2:3] == ":" and _DRIVE_PATH_RE.match(path):
            path = path[1:]
        return path
    rest = uri[5:]
    if rest.startswith("//"):
        host, slash, tail = rest[2:].partition("/")
        rest = "/" + tail if slash else "/"
        if host and host.lower() != "localhost":
            rest = "//" + host + rest
    directory, slash, name = rest.rpartition("/")
    path = unquote(directory, errors="surrogateescape") + slash + _unquote_name(name)
    if path[2:3] == ":" and _DRIVE_PATH_RE.match(path):
        path = path[1:]
    return path


@lru_cache(maxsize=4096)
def _quote_dir(directory: str) -> str:
    return quote(directory, safe=_URI_SAFE)


def path_to_file_uri(path: str) -> str:
    """A percent-encoded ``file:///`` URI for an absolute local path (UTF-8 bytes encoded)."""
    if _DRIVE_RE.match(path):
        path = "/" + path.replace("\\", "/")
    directory, _, name = path.rpartition("/")
    return "file://" + _quote_dir(directory) + "/" + percent_encode(name)


_UNSAFE_RUN_RE = re.compile(r"[^A-Za-z0-9!$&'()*+,;=:@._~-]+")
_HEX = tuple(f"%{byte:02X}" for byte in range(256))


def _percent_run(found: re.Match[str]) -> str:
    return "".join([_HEX[byte] for byte in found[0].encode("utf-8", "surrogateescape")])


_UNSAFE_BUT_PERCENT_RE = re.compile(r"[^A-Za-z0-9!$&'()*+,;=:@._~%-]")


def percent_encode(name: str) -> str:
    """``name`` (no ``/`` in it) percent-encoded as :func:`urllib.parse.quote` would, faster."""
    if "%" not in name:  # the usual case: spaces are all there is to encode
        spaced = name.replace(" ", "%20")
        if _UNSAFE_BUT_PERCENT_RE.search(spaced) is None:
            return spaced
    return _UNSAFE_RUN_RE.sub(_percent_run, name)


@lru_cache(maxsize=4096)
def _file_uri_prefix(directory: str, base_dir: str) -> str:
    """``file://`` and the encoded directory, ending in ``/`` (``""`` is the root)."""
    if not directory:
        return "file:///"
    path = directory
    if not directory.startswith("/"):
        path = absolute(directory, base_dir)
        if path == "/":
            return "file:///"
    return "file://" + _quote_path(path) + "/"


def _quote_path(path: str) -> str:
    """``quote(path, safe=_URI_SAFE)``, quicker: :func:`percent_encode` a component at a time.

    Why: ``quote`` looks every byte up in Python (a tenth of writing a music library
    as XSPF went into its directories).  Lone surrogates raise ``UnicodeEncodeError``,
    as they do in ``quote``.
    """
    path.encode("utf-8")
    parent, slash, name = path.rpartition("/")
    if not slash:
        return percent_encode(path)
    return _QUOTED_PARENTS[parent] + "/" + percent_encode(name)


def _quote_parts(path: str) -> str:
    return "/".join([percent_encode(part) for part in path.split("/")])


_QUOTED_PARENTS = Memo(_quote_parts, 4096)
"""The parents of :func:`_quote_path`'s directories, encoded once each (albums share an artist)."""


def file_uri(location: str, base_dir: str) -> str:
    """The percent-encoded ``file:///`` URI of a local path, relative ones taken from ``base_dir``.

    The same as ``path_to_file_uri(absolute(location, base_dir))``; the directory part is
    worked out once per directory.
    """
    directory, slash, name = location.rpartition("/")
    if (
        name in ("", ".", "..")
        or "\\" in location
        or (location[1:2] == ":" and _DRIVE_RE.match(location))
    ):
        return path_to_file_uri(absolute(location, base_dir))
    if not slash:
        directory = "."
    return _file_uri_prefix(directory, base_dir) + percent_encode(name)


_SAFE_IN_NAMES = (
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!$&'()*+,;=:@._~%\n-"
)
"""What :func:`percent_encode` leaves as it is; ``%`` (of ``%20``) and line breaks too."""


def uri_prefixes(base_dir: str, finish: Callable[[str], str]) -> Memo[str, str]:
    """A memo for :func:`file_uris`: directory -> ``finish`` of its part of a ``file:`` URI.

    The part is ``file://`` and the directory (taken from ``base_dir`` when relative),
    percent-encoded, ending in ``/``; ``finish`` is applied once to each (escaping, say).
    """
    return Memo(lambda directory: finish(_file_uri_prefix(directory, base_dir)), 4096)


def file_uris(
    locations: list[str | None], prefixes: Memo[str, str]
) -> tuple[list[str], list[str]] | None:
    """``file_uri`` of every location, as two columns: its directory's part and its name's.

    ``prefixes`` comes from :func:`uri_prefixes` (its ``finish`` applies to the
    first column); ``prefixes[directory] + names[i] == file_uri(locations[i], base_dir)``.
    None unless every location is a plain path: not empty, no ``:`` or ``\\``, a
    directory and a name other than ``.`` or ``..`` (others go through :func:`file_uri`).

    Why: a writer's batch of locations is encoded a column at a time, in C: each
    directory once for all the batches (``prefixes``), the names joined by line
    breaks in one pass when spaces are all they hold to encode (a fifth of writing
    a library as XSPF went into :func:`file_uri`).
    """
    size = len(locations)
    if not size or not all(locations):
        return None
    paths = cast(list[str], locations)
    joined = "\n".join(paths)
    if ":" in joined or "\\" in joined or "/\n" in joined or ".\n" in joined or joined[-1] in "./":
        return None  # a line break in a location only sends it the general way
    split = list(map(str.rpartition, paths, repeat("/")))
    directories = list(map(itemgetter(0), split))
    if "" in directories:  # the root, or no directory: file_uri tells them apart
        return None
    names = list(map(itemgetter(2), split))
    text = "\n".join(names)
    spaced = text.replace(" ", "%20")
    encoded = None
    if (
        "%" not in text
        and spaced.isascii()
        and not spaced.encode("ascii").translate(None, _SAFE_IN_NAMES)
    ):
        encoded = spaced.split("\n")  # what percent_encode does with each
    if encoded is None or len(encoded) != size:
        encoded = [percent_encode(name) for name in names]
    return list(map(prefixes.__getitem__, directories)), encoded


def absolute(location: str, base_dir: str) -> str:
    """``location`` (a relative or absolute path) as a normalised absolute path."""
    if location.startswith("/") or _DRIVE_RE.match(location):
        return location
    return posixpath.normpath(posixpath.join(base_dir, location))


def placer(mode: str, base_dir: str | None, playlist_dir: str) -> Callable[[str], str] | None:
    """A function rewriting a location for a playlist kept in ``playlist_dir``.

    ``mode`` is ``auto`` (keep absolute paths and URLs; relative paths stay
    relative, rebased when ``base_dir`` differs from ``playlist_dir``),
    ``absolute`` (every local path absolute) or ``relative`` (every local path
    relative to ``playlist_dir``).  Relative locations are taken relative to
    ``base_dir`` (``None``: already relative to ``playlist_dir``).  ``file:``
    URIs count as local paths in the ``absolute`` and ``relative`` modes.
    Returns ``None`` when every location would stay as it is.
    """
    playlist_dir = os.path.abspath(playlist_dir)
    base = os.path.abspath(base_dir) if base_dir is not None else playlist_dir
    if mode == "auto":
        if base == playlist_dir:
            return None

        def rebase(location: str) -> str:
            if is_uri(location) or location.startswith("/") or _DRIVE_RE.match(location):
                return location
            return posixpath.relpath(posixpath.join(base, location), playlist_dir)

        return rebase
    if mode == "absolute":

        def to_absolute(location: str) -> str:
            if is_uri(location):
                return file_uri_to_path(location) if is_file_uri(location) else location
            return absolute(location, base)

        return to_absolute
    if mode == "relative":

        def to_relative(location: str) -> str:
            if is_uri(location):
                if not is_file_uri(location):
                    return location
                location = file_uri_to_path(location)
            if _DRIVE_RE.match(location):
                return location
            return posixpath.relpath(absolute(location, base), playlist_dir)

        return to_relative
    raise ValueError(f"unknown path mode {mode!r}; known: auto, absolute, relative")
