"""Where a cue's audio file is on this machine: one rule for every room that opens files."""

from __future__ import annotations

import os
import re
from urllib.parse import unquote, urlsplit

from cuesheet.errors import InputError
from playlists.errors import shown


def local_path(location: str, base_dir: str | os.PathLike[str]) -> str:
    """A cue's file as a local path: ``file:`` URIs decoded, relative paths joined to ``base_dir``.

    Raises :class:`InputError` for any other URL (only local files can be read).
    """
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]+:", location):
        parts = urlsplit(location)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            raise InputError(f"only local files can be rendered, not {shown(location)}")
        return os.path.normpath(unquote(parts.path))
    path = os.path.join(os.fspath(base_dir), os.path.expanduser(location))
    return os.path.normpath(path)
