"""Countries as prose names them: names, other spellings, the adjective (``countryinfo``).

Only this module imports :mod:`countryinfo`; on Python 3.10, where that
package is not installed, no country is known and anthems are placed by
their titles and performers only.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from cuesheet.draft.words import Token, find_phrase, words


@dataclass(frozen=True, slots=True)
class Country:
    """One country and the ways a text may name it."""

    name: str
    phrases: tuple[tuple[str, ...], ...]
    """Names, other spellings and the adjective, as compared words, longest first."""
    zones: tuple[str, ...]
    """IANA zones of the country."""


def _usable(spelling: str) -> bool:
    """A spelling worth looking for in English prose: Latin letters, not a bare code."""
    return len(spelling) > 3 and spelling.isascii() and not spelling.isupper()


@functools.cache
def all_countries() -> tuple[Country, ...]:
    """Every country known to :mod:`countryinfo` (none when it is missing)."""
    try:
        from countryinfo import CountryInfo
    except ImportError:  # Python 3.10: countryinfo needs 3.11
        return ()
    out: list[Country] = []
    for data in CountryInfo.all().values():
        name = str(data.get("name", ""))
        if not name:
            continue
        spellings = [name, *(str(s) for s in data.get("altSpellings", []) or [])]
        demonym = data.get("demonym")
        if demonym:
            spellings.append(str(demonym))
        phrases = {words(s) for s in spellings if _usable(s)}
        ordered = tuple(sorted((p for p in phrases if p), key=len, reverse=True))
        zones = tuple(str(z) for z in CountryInfo(name).timezone_names() or [])
        out.append(Country(name, ordered, zones))
    return tuple(out)


def country_named(text_tokens: tuple[Token, ...]) -> Country | None:
    """The country named by the longest phrase in ``text_tokens`` (capitalised), if any."""
    best: tuple[int, Country] | None = None
    for country in all_countries():
        for phrase in country.phrases:
            if find_phrase(phrase, text_tokens, capitalised=True) is not None:
                if best is None or len(phrase) > best[0]:
                    best = (len(phrase), country)
                break
    return best[1] if best else None


def names_country(country: Country, text_tokens: tuple[Token, ...]) -> Token | None:
    """Where ``text_tokens`` name ``country`` (by any of its phrases), or ``None``."""
    for phrase in country.phrases:
        found = find_phrase(phrase, text_tokens, capitalised=True)
        if found is not None:
            return found
    return None
