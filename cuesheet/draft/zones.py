"""The IANA zone meant by a time-zone abbreviation and UTC offset on a given date.

"MSK (UTC+4)" on 2014-02-23 is ``Europe/Moscow``: of every zone in the tz
database, keep those whose abbreviation (and offset) at that wall-clock time
were the ones written; then prefer, in turn, zones of a country the article
names, zones whose city the article names, and the zone that used the
abbreviation in the most years (1970-2037), so ``Europe/Moscow`` beats
``Europe/Volgograd``, which only took up "MSK" later.  Ties go alphabetically.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta
from importlib import resources
from zoneinfo import ZoneInfo, available_timezones

_AREAS = (
    "Africa/",
    "America/",
    "Antarctica/",
    "Asia/",
    "Atlantic/",
    "Australia/",
    "Europe/",
    "Indian/",
    "Pacific/",
)
_YEARS = range(1970, 2038)


@functools.cache
def _zones() -> tuple[str, ...]:
    """The tz database's own zones (``zone.tab``: no aliases such as ``America/Ensenada``), sorted.

    Falls back to every geographic name when the ``tzdata`` package's table is missing.
    """
    try:
        table = (
            resources.files("tzdata").joinpath("zoneinfo").joinpath("zone.tab").read_text("utf-8")
        )
    except (ModuleNotFoundError, OSError):
        return tuple(sorted(name for name in available_timezones() if name.startswith(_AREAS)))
    rows = (line.split("\t") for line in table.splitlines() if line and not line.startswith("#"))
    return tuple(sorted(row[2] for row in rows if len(row) >= 3))


def _matches(name: str, moment: datetime, abbreviation: str | None, offset_min: int | None) -> bool:
    local = moment.replace(tzinfo=ZoneInfo(name))
    if abbreviation is not None and local.tzname() != abbreviation:
        return False
    shift = local.utcoffset()
    return offset_min is None or (shift is not None and shift == timedelta(minutes=offset_min))


def _years_used(name: str, abbreviation: str) -> int:
    """In how many years the zone shows ``abbreviation`` in mid-January or mid-July."""
    zone = ZoneInfo(name)
    return sum(
        any(datetime(year, month, 15, 12, tzinfo=zone).tzname() == abbreviation for month in (1, 7))
        for year in _YEARS
    )


def _city(name: str) -> str:
    return name.rsplit("/", 1)[-1].replace("_", " ")


def candidates(
    day: date, clock: time, abbreviation: str | None, offset_min: int | None
) -> tuple[str, ...]:
    """Every zone with that abbreviation and offset (either may be ``None``) then."""
    if abbreviation is None and offset_min is None:
        return ()
    moment = datetime.combine(day, clock)
    return tuple(name for name in _zones() if _matches(name, moment, abbreviation, offset_min))


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
    found = list(candidates(day, clock, abbreviation, offset_min))
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
