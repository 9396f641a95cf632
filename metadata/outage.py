"""Remembering that MusicBrainz was unreachable, so that the next runs do not wait again.

When a server proves unreachable (its name does not resolve, it refuses the connection, or
it gives no answer within the deadline), the adapter stores an :class:`Outage` in the cache
(kind ``outage``, keyed by the server's URL) that lives for a while (10 minutes by default).
While it lives, later adapters for that server start offline and answer from the cache
only; a request that gets an answer deletes it.  Times are wall-clock milliseconds since
the Unix epoch.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from urllib.parse import urlsplit

from metadata.cache import Cache

KIND = "outage"
"""The cache ``kind`` of outage records."""
DEFAULT_REMEMBER_MS = 10 * 60_000
"""How long an outage is remembered: 10 minutes."""


@dataclass(frozen=True, slots=True)
class Outage:
    """A server that proved unreachable."""

    url: str
    """The server's base URL."""
    since_ms: int
    """When it was first found unreachable: wall clock, ms since the epoch."""
    until_ms: int
    """Until when later runs skip it: wall clock, ms since the epoch (0: not remembered)."""
    reason: str
    """What went wrong, e.g. ``connection refused`` or ``timed out``."""
    attempts: int
    """Requests that failed in the run that found it."""
    remembered: bool = False
    """True when read from an earlier run's record (this run asked nothing)."""


def server_key(base_url: str) -> str:
    """``scheme://host[:port]`` of a server's URL, host in lower case: what records are keyed
    by (the adapter's :attr:`~metadata.musicbrainz.MusicBrainz.base_url`)."""
    parts = urlsplit(base_url.strip())
    return f"{parts.scheme}://{parts.netloc.lower()}"


def recall(cache: Cache, url: str) -> Outage | None:
    """The live outage record of ``url``, if any."""
    data = cache.get(KIND, url)
    if data is None:
        return None
    try:
        fields = json.loads(data)
        return Outage(
            url=url,
            since_ms=int(fields["since_ms"]),
            until_ms=int(fields["until_ms"]),
            reason=str(fields["reason"]),
            attempts=int(fields["attempts"]),
            remembered=True,
        )
    except (ValueError, KeyError, TypeError):
        return None  # an unreadable record is no record


def record(cache: Cache, outage: Outage, remember_ms: int) -> None:
    """Store ``outage`` for ``remember_ms`` milliseconds."""
    fields = asdict(outage)
    del fields["remembered"], fields["url"]
    cache.put(KIND, outage.url, json.dumps(fields).encode(), ttl_ms=remember_ms)


def forget(cache: Cache, url: str) -> None:
    """Delete the outage record of ``url`` (the server answered)."""
    cache.delete(KIND, url)
