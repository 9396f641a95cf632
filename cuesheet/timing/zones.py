"""Which IANA zones a person meant: by a mistyped name, or by an offset or abbreviation on a date.

People type ``UTC+1``, ``GMT-5``, ``BST``, ``MSK`` or ``London``; a show file
needs ``Europe/London``.  :func:`suggest` answers with IANA names, best first,
each with a short reason, so the error message can say what to write instead.
Offsets are checked on the show's own date (zones change their offsets).

:func:`zones_at` is the one place that asks the tz database which zones showed
an abbreviation or a UTC offset at a wall-clock time on a date (``MSK`` and
UTC+4 on 2014-02-23: ``Europe/Moscow``, ``Europe/Simferopol``, ...); the
article reader of ``cuesheet draft`` chooses among them.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from importlib import resources
from zoneinfo import ZoneInfo, available_timezones

_OFFSET_RE = re.compile(r"^(?:UTC|GMT|Z)?\s*([+\u2212-])\s*(\d{1,2})(?::?(\d{2}))?$", re.I)

_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "GMT": ("Europe/London", "Etc/UTC"),
    "BST": ("Europe/London",),
    "IST": ("Asia/Kolkata", "Europe/Dublin"),
    "WET": ("Europe/Lisbon",),
    "WEST": ("Europe/Lisbon",),
    "CET": ("Europe/Paris", "Europe/Berlin"),
    "CEST": ("Europe/Paris", "Europe/Berlin"),
    "EET": ("Europe/Athens", "Europe/Helsinki"),
    "EEST": ("Europe/Athens", "Europe/Helsinki"),
    "MSK": ("Europe/Moscow",),
    "SAMT": ("Europe/Samara",),
    "YEKT": ("Asia/Yekaterinburg",),
    "GST": ("Asia/Dubai",),
    "PKT": ("Asia/Karachi",),
    "ICT": ("Asia/Bangkok",),
    "HKT": ("Asia/Hong_Kong",),
    "SGT": ("Asia/Singapore",),
    "CST": ("America/Chicago", "Asia/Shanghai"),
    "CDT": ("America/Chicago",),
    "JST": ("Asia/Tokyo",),
    "KST": ("Asia/Seoul",),
    "AEST": ("Australia/Sydney", "Australia/Brisbane"),
    "AEDT": ("Australia/Sydney",),
    "ACST": ("Australia/Adelaide",),
    "AWST": ("Australia/Perth",),
    "NZST": ("Pacific/Auckland",),
    "NZDT": ("Pacific/Auckland",),
    "EST": ("America/New_York",),
    "EDT": ("America/New_York",),
    "MST": ("America/Denver", "America/Phoenix"),
    "MDT": ("America/Denver",),
    "PST": ("America/Los_Angeles",),
    "PDT": ("America/Los_Angeles",),
    "AKST": ("America/Anchorage",),
    "HST": ("Pacific/Honolulu",),
    "BRT": ("America/Sao_Paulo",),
    "ART": ("America/Argentina/Buenos_Aires",),
    "SAST": ("Africa/Johannesburg",),
    "WAT": ("Africa/Lagos",),
    "EAT": ("Africa/Nairobi",),
}
"""Common abbreviations -> the IANA zones they usually stand for, most likely first."""

_WELL_KNOWN = (
    "Europe/London",
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/Moscow",
    "Europe/Athens",
    "Europe/Istanbul",
    "Asia/Dubai",
    "Asia/Kolkata",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Asia/Seoul",
    "Asia/Singapore",
    "Australia/Sydney",
    "Pacific/Auckland",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "America/Mexico_City",
    "Africa/Johannesburg",
    "Africa/Lagos",
    "Africa/Cairo",
    "Asia/Jakarta",
    "Asia/Bangkok",
    "Asia/Karachi",
    "America/Halifax",
    "Pacific/Honolulu",
    "America/Anchorage",
    "Atlantic/Reykjavik",
    "Europe/Lisbon",
)
"""Zones offered first when several share an offset (big cities people name)."""


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One IANA name to write instead, and why it is offered."""

    zone: str
    reason: str


def suggest(name: str, on: date | None = None, limit: int = 4) -> list[Suggestion]:
    """IANA zones ``name`` probably means, best first (empty when nothing fits).

    ``on`` is the show's date (offsets are those of that day at noon, local);
    without it, today's rules of 1 July are used.
    """
    day = on or date(2000, 7, 1)
    text = name.strip()
    found = _from_offset(text, day) or _from_abbreviation(text) or _from_city(text)
    if not found:
        close = difflib.get_close_matches(text, sorted(_zones()), n=1, cutoff=0.7)
        found = [Suggestion(close[0], "")] if close else []
    return found[:limit]


_FIXED_LEGACY: dict[str, tuple[int, str, str]] = {
    "EST": (-5 * 60, "America/New_York", "America/Panama"),
    "MST": (-7 * 60, "America/Denver", "America/Phoenix"),
    "HST": (-10 * 60, "Pacific/Honolulu", "Pacific/Honolulu"),
}
"""Fixed-offset abbreviations kept by the tz database: offset (minutes, east positive), the
region zone people usually mean (with daylight saving), a place that keeps the fixed offset."""

_RULE_LEGACY: dict[str, tuple[str, str]] = {
    "CET": ("Central European time (UTC+1, UTC+2 in summer)", "Europe/Paris, Europe/Berlin"),
    "MET": ("Central European time (UTC+1, UTC+2 in summer)", "Europe/Paris, Europe/Berlin"),
    "EET": ("Eastern European time (UTC+2, UTC+3 in summer)", "Europe/Athens, Europe/Helsinki"),
    "WET": ("Western European time (UTC+0, UTC+1 in summer)", "Europe/Lisbon"),
    "PST8PDT": ("US Pacific time (UTC-8, UTC-7 in summer)", "America/Los_Angeles"),
    "MST7MDT": ("US Mountain time (UTC-7, UTC-6 in summer)", "America/Denver"),
    "CST6CDT": ("US Central time (UTC-6, UTC-5 in summer)", "America/Chicago"),
    "EST5EDT": ("US Eastern time (UTC-5, UTC-4 in summer)", "America/New_York"),
}
"""Daylight-saving rule zones with no place: old POSIX-style names the tz database keeps
for compatibility (their history is no place's, and tzdata 2024b turned them into links)."""

_ETC_RE = re.compile(r"^(?:Etc/)?GMT([+-])(\d{1,2})$")


def legacy_zone(name: str, on: date | None = None) -> str | None:
    """Why ``name`` is a poor zone for a show, and what to write instead; ``None`` when fine.

    ``name`` is a valid tz database name; the poor ones are the legacy abbreviations and
    rule zones (``EST``, ``MST``, ``HST``: fixed offsets without daylight saving; ``CET``,
    ``EET``, ``MET``, ``WET``, ``PST8PDT``, ``EST5EDT``, ``CST6CDT``, ``MST7MDT``: rules of
    no place) and ``Etc/GMT+N``/``Etc/GMT-N``, whose sign is the reverse of UTC's.  ``on``
    is the show's date, for the zones of places with the same offset that day.
    """
    text = name.strip()
    if text in _FIXED_LEGACY:
        minutes, region, fixed = _FIXED_LEGACY[text]
        offset = f"UTC{_signed(minutes)}"
        if region == fixed:
            return f"{text} is a fixed {offset} all year, a legacy abbreviation; write {region}"
        return (
            f"{text} is a fixed {offset} all year, without daylight saving (a legacy "
            f"abbreviation, not {region}'s time in summer); write {region} for the region's "
            f"clock, or {fixed} for {offset} all year"
        )
    if text in _RULE_LEGACY:
        what, instead = _RULE_LEGACY[text]
        return (
            f"{text} is a legacy rule zone for {what} with no place's history; "
            f"write the venue's own zone, e.g. {_either(instead.split(', '))}"
        )
    found = _ETC_RE.match(text)
    if found and int(found[2]):
        hours = int(found[2]) * (1 if found[1] == "-" else -1)  # POSIX: GMT-3 is UTC+3
        day = on or date(2000, 7, 1)
        places = _zones_with_offset(hours * 60, day)[:2]
        where = f" on {day.isoformat()}" if on else ""
        real = f"; for a place write its zone (UTC{_signed(hours * 60)}{where}: " + (
            f"{_either(places)})" if places else "none)"
        )
        return (
            f"{text} is UTC{_signed(hours * 60)} all year, not UTC{found[1]}{found[2]}: "
            f"POSIX names count the sign backwards{real}"
        )
    if text in ("Factory", "localtime"):
        what = (
            "tzdata's placeholder for an unset clock"
            if text == "Factory"
            else ("this computer's own zone, whatever it is")
        )
        return f"{text} is {what}; write the venue's zone, e.g. Europe/London"
    return None


def describe(suggestions: list[Suggestion]) -> str:
    """The suggestions as one phrase for an error message: ``did you mean 'A' (why) or 'B'?``."""
    if not suggestions:
        return ""
    groups: dict[str, list[str]] = {}
    for s in suggestions:
        groups.setdefault(s.reason, []).append(repr(s.zone))
    parts = [_either(names) + (f" ({why})" if why else "") for why, names in groups.items()]
    return f"did you mean {_either(parts, ', or ')}?"


def _either(items: list[str], last: str = " or ") -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + last + items[-1]


def _from_offset(text: str, day: date) -> list[Suggestion]:
    found = _OFFSET_RE.match(text)
    if not found or not (text[:1].isalpha() or text[:1] in "+-\u2212"):
        return []
    sign = -1 if found[1] in "-\u2212" else 1
    minutes = sign * (int(found[2]) * 60 + int(found[3] or 0))
    if abs(minutes) > 14 * 60:
        return []
    real = [
        Suggestion(z, f"UTC{_signed(minutes)} on {day.isoformat()}")
        for z in _zones_with_offset(minutes, day)
    ]
    fixed: list[Suggestion] = []
    if minutes == 0:
        fixed = [Suggestion("Etc/UTC", "UTC itself")]
    elif minutes % 60 == 0:
        etc = f"Etc/GMT{'-' if sign > 0 else '+'}{abs(minutes) // 60}"
        fixed = [Suggestion(etc, "a fixed offset all year; POSIX names count the sign backwards")]
    return real[:3] + fixed


def _signed(minutes: int) -> str:
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours}" + (f":{rest:02d}" if rest else "")


def _from_abbreviation(text: str) -> list[Suggestion]:
    zones = _ABBREVIATIONS.get(text.upper())
    if not zones:
        return []
    return [Suggestion(z, f"{text.upper()} is usually {z}") for z in zones]


def _from_city(text: str) -> list[Suggestion]:
    wanted = re.sub(r"[\s-]+", "_", text).casefold()
    if not wanted:
        return []
    return [
        Suggestion(z, "the zone named after that city")
        for z in sorted(_zones())
        if z.rsplit("/", 1)[-1].casefold() == wanted and "/" in z
    ]


def _zones_with_offset(minutes: int, day: date) -> list[str]:
    matching = zones_at(day, time(12), offset_min=minutes)
    rank = {z: i for i, z in enumerate(_WELL_KNOWN)}
    return sorted(matching, key=lambda z: (rank.get(z, len(rank)), z))


@lru_cache(maxsize=1)
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


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


@lru_cache(maxsize=1)
def place_zones() -> tuple[str, ...]:
    """The tz database's zones of places (``zone.tab``: no ``Etc/`` zones, no aliases), sorted.

    Falls back to every ``Area/City`` name when the ``tzdata`` package's table is missing.
    """
    try:
        table = (
            resources.files("tzdata").joinpath("zoneinfo").joinpath("zone.tab").read_text("utf-8")
        )
    except (ModuleNotFoundError, OSError):
        return tuple(sorted(name for name in _zones() if name.startswith(_AREAS)))
    rows = (line.split("\t") for line in table.splitlines() if line and not line.startswith("#"))
    return tuple(sorted(row[2] for row in rows if len(row) >= 3))


def zones_at(
    day: date, clock: time, abbreviation: str | None = None, offset_min: int | None = None
) -> tuple[str, ...]:
    """The zones of places whose abbreviation and UTC offset (minutes, east positive) were these.

    At wall clock ``clock`` on ``day``; either condition may be ``None``, both ``None``
    gives ``()``.  Sorted by name.
    """
    if abbreviation is None and offset_min is None:
        return ()
    moment = datetime.combine(day, clock)
    offset = None if offset_min is None else timedelta(minutes=offset_min)
    found = []
    for name in place_zones():
        local = moment.replace(tzinfo=ZoneInfo(name))
        if abbreviation is not None and local.tzname() != abbreviation:
            continue
        if offset is None or local.utcoffset() == offset:
            found.append(name)
    return tuple(found)


def log_zone_hint(offset_ms: int, *, show_timezone: str, at_ms: int) -> str:
    """What to tell someone whose as-run log is ``offset_ms`` off the plan throughout.

    ``offset_ms`` is a whole number of hours (aired minus planned, positive:
    later).  A whole number of days means the log's date is off; otherwise the
    log was probably written on another zone's clock, named with the option
    that reads it (``--log-timezone``).  ``at_ms`` is the show's start.
    """
    from cuesheet.timing.clock import from_ms, utc_offset_ms

    hours = offset_ms // 3_600_000
    if hours % 24 == 0:
        days = abs(hours) // 24
        side = "after" if hours > 0 else "before"
        return (
            f"the log's date is probably {days} day{'s' if days != 1 else ''} {side} the "
            "show's (check the dates in the log, or the show's date)"
        )
    show_minutes = utc_offset_ms(at_ms, show_timezone) // 60_000
    log_minutes = show_minutes + hours * 60
    if log_minutes == 0:
        name = "UTC"
    else:
        day = from_ms(at_ms, show_timezone).date()
        found = _from_offset(f"UTC{_signed(log_minutes)}", day)
        name = found[0].zone if found else f"UTC{_signed(log_minutes)}"
    return (
        f"the log is probably written on another clock (UTC{_signed(log_minutes)}, where the "
        f"show is in {show_timezone}, UTC{_signed(show_minutes)}); "
        f"read it with --log-timezone {name}"
    )
