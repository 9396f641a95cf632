"""Moving a playlist's locations to where the playlist will be kept.

Relative locations in a playlist are relative to the directory of the file
they came from; writing the playlist elsewhere means rebasing them.
"""

from __future__ import annotations

import os
from dataclasses import replace

from playlists import _paths
from playlists.model import Playlist

PATH_MODES = ("auto", "absolute", "relative")
"""``auto``: keep absolute paths and URLs, rebase relative paths; ``absolute``: every
local path absolute; ``relative``: every local path relative to the new directory."""


def rebase(
    playlist: Playlist,
    *,
    base_dir: str | os.PathLike[str],
    playlist_dir: str | os.PathLike[str],
    mode: str = "auto",
) -> Playlist:
    """The playlist with locations relative to ``base_dir`` made right for ``playlist_dir``.

    ``file:`` URIs become local paths in the ``absolute`` and ``relative`` modes;
    other URLs are never changed.  Raises ``ValueError`` for an unknown mode.
    """
    place = _paths.placer(mode, os.fspath(base_dir), os.fspath(playlist_dir))
    if place is None:
        return playlist
    return replace(
        playlist,
        entries=tuple(
            replace(e, location=place(e.location)) if e.location else e for e in playlist.entries
        ),
    )
