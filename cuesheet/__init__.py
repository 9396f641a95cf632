"""cuesheet: turn a show's music lists and running order into timed, verified cue sheets.

The package composes :mod:`playlists` (file formats) and :mod:`metadata`
(MusicBrainz and audio tags).  Importing it is cheap: heavy libraries are
imported only where they are used.
"""

__version__ = "0.1.0"
