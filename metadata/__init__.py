"""metadata: MusicBrainz resolution with its cache, and audio tags.

Standalone: imports nothing from :mod:`cuesheet` or :mod:`playlists`.
musicbrainzngs is imported only by :mod:`metadata.musicbrainz`, mutagen only by
:mod:`metadata.tags`.
"""

from metadata.errors import MetadataError

__all__ = ["MetadataError"]
