"""The IANA zone meant by a time-zone abbreviation and UTC offset on a given date.

"MSK (UTC+4)" on 2014-02-23 is ``Europe/Moscow``: of the zones whose
abbreviation (and offset) at that wall-clock time were the ones written
(:func:`cuesheet.timing.zones.zones_at`), prefer, in turn, zones of a country the article
names, zones whose city the article names, and the zone that used the
abbreviation in the most years (1970-2037), so ``Europe/Moscow`` beats
``Europe/Volgograd``, which only took up "MSK" later.  Ties go alphabetically.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from cuesheet.timing.zones import zones_at

_YEARS = range(1970, 2038)


def _years_used(name: str, abbreviation: str) -> int:
    """In how many years the zone shows ``abbreviation`` in mid-January or mid-July."""
    zone = ZoneInfo(name)
    return sum(
        any(datetime(year, month, 15, 12, tzinfo=zone).tzname() == abbreviation for month in (1, 7))
        for year in _YEARS
    )


def _city(name: str) -> str:
    return name.rsplit("/", 1)[-1].replace("_", " ")


def choose_zone(
    day: date,
    clock: time,
    abbreviation: str | None,
    offset_min: int | None,
    *,
    country_zones: Iterable[str] = (),
    mentions: Callable[[str], bool] = lambda _name: False,
) -> str | None:
    """The IANA zone meant, or ``None`` when no zone fits.

    ``offset_min`` is the UTC offset in minutes (east positive);
    ``country_zones`` are the zones of countries the article names;
    ``mentions(city)`` says whether the article names a city.
    """
    found = list(zones_at(day, clock, abbreviation, offset_min))
    if not found:
        return None
    national = set(country_zones)
    if any(name in national for name in found):
        found = [name for name in found if name in national]
    named = [name for name in found if mentions(_city(name))]
    if named:
        found = named
    if abbreviation is not None and not re.fullmatch(r"[+-]\d+", abbreviation):
        return max(found, key=lambda name: (_years_used(name, abbreviation), -found.index(name)))
    return found[0]
