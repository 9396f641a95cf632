"""Types of the optional C extension (see playlists/_speedups.c)."""

from collections.abc import Sequence

from playlists.model import CueData, Entry

def m3u_batch(
    batch: Sequence[Entry], entry_type: type[Entry], cue_type: type[CueData], /
) -> bytes | None:
    """The M3U lines of ``batch`` as ``m3u._quick_batch`` writes them, UTF-8 encoded.

    ``None`` when that gives ``None``, and when the batch holds anything the C code
    leaves to Python (an entry not exactly ``entry_type``, a field of another type,
    a lone surrogate, a duration beyond 64 bits).
    """
