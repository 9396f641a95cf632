"""playlists: a standalone playlist-format library shaped like :mod:`json`.

Each format module offers ``loads``/``dumps`` (text) and ``load``/``dump``
(paths); :mod:`playlists.registry` maps names and file extensions to formats.
This package imports nothing from :mod:`cuesheet` or :mod:`metadata`.
"""

from playlists.errors import PlaylistError
from playlists.model import Credit, CueData, Entry, Playlist

__all__ = ["Credit", "CueData", "Entry", "Playlist", "PlaylistError"]
