"""Lucene queries for the MusicBrainz search server, built from plain words.

Only word characters reach a query (see :func:`metadata.normalize.search_terms`), so no
input can inject Lucene syntax.  Within ``field:(a b c)`` the server's default operator,
OR, applies: the more words a document has, the higher it ranks.  Required clauses carry
``+``; names are optional clauses that only lift the ranking, because MusicBrainz indexes
the related artists of a work by their *name* alone, which for many composers is written
in Cyrillic, Greek or Hangul.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from metadata.normalize import search_terms

# Words that describe rather than name; searching for them only adds noise.
_DESCRIPTIVE = frozenset(
    {"theme", "main", "title", "movement", "mvt", "excerpt", "excerpts", "version", "from"}
)
MAX_TERMS = 24


def terms(text: str) -> list[str]:
    """The words of ``text`` worth searching for."""
    words = search_terms(text)
    kept = [w for w in words if w not in _DESCRIPTIVE]
    return (kept or words)[:MAX_TERMS]


def _group(field: str, text: str) -> str:
    words = terms(text)
    return f"{field}:({' '.join(words)})" if words else ""


def _any(clauses: Iterable[str]) -> str:
    return " ".join(dict.fromkeys(c for c in clauses if c))


def works(titles: Sequence[str], composers: Sequence[str] = ()) -> str:
    """Works whose title or alias has words of any of ``titles``; composers lift the rank."""
    title_part = _any(c for t in titles for c in (_group("work", t), _group("alias", t)))
    if not title_part:
        raise ValueError("a work search needs at least one word of a title")
    return _any([f"+({title_part})", *(_group("artist", name) for name in composers)])


def works_by(arids: Sequence[str], titles: Sequence[str]) -> str:
    """Works of the artists ``arids`` whose title or alias has words of ``titles``."""
    title_part = _any(c for t in titles for c in (_group("work", t), _group("alias", t)))
    ids = " ".join(f"arid:{arid}" for arid in arids)
    return f"+({ids}) +({title_part})"


def recordings(
    titles: Sequence[str], performers: Sequence[str] = (), arids: Sequence[str] = ()
) -> str:
    """Recordings titled like any of ``titles``; performers lift the rank, ``arids`` must match."""
    title_part = _any(_group("recording", t) for t in titles)
    if not title_part:
        raise ValueError("a recording search needs at least one word of a title")
    parts = [f"+({title_part})"]
    if arids:
        parts.append("+(" + " ".join(f"arid:{arid}" for arid in arids) + ")")
    parts += [_group("artist", name) for name in performers]
    return _any(parts)


def artists(name: str) -> str:
    """Artists whose name, sort name or alias has words of ``name``."""
    return _any(_group(field, name) for field in ("artist", "sortname", "alias"))


def by_ids(field: str, mbids: Sequence[str]) -> str:
    """Entities whose ``field`` (``rid``, ``wid``, ``arid``) is any of ``mbids``: one search
    answers for several entities at once (MBIDs are checked to be UUIDs, so nothing leaks)."""
    ids = [m for m in mbids if _UUID.fullmatch(m)]
    if not ids:
        raise ValueError("a search by MBIDs needs at least one MBID")
    return f"{field}:({' '.join(ids)})"


_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
