"""The frame of a show from its article: title, venue, date, zone, start and hard out.

Looked for in the infobox first (``Date``, ``Time``, ``Venue``, ``Place``/
``Location``, ``Also known as``), then in the lead, then anywhere in the prose:

* a date as ``23 February 2014``, ``February 23, 2014`` or ``2014-02-23``;
* a time range as ``20:14 - 22:25 MSK (UTC+4)`` (any dash) or ``from 8:14 p.m. to 10:25 p.m. PST``:
  the first time is the start, the second the hard out;
* the zone from the abbreviation and offset written with it (see :mod:`cuesheet.draft.zones`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path

from cuesheet.draft.article import Article
from cuesheet.draft.countries import country_named
from cuesheet.draft.words import tokens
from cuesheet.draft.zones import choose_zone
from cuesheet.errors import InputError

_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
_DATE_RES = (
    re.compile(rf"\b(\d{{1,2}})\s+{_MONTH}\s+(\d{{4}})\b"),
    re.compile(rf"\b{_MONTH}\s+(\d{{1,2}}),?\s+(\d{{4}})\b"),
    re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),
)
CLOCK = r"(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s?m\b\.?|(\d{1,2})[:.](\d{2})(?![\d:])"
"""A wall-clock time: ``20:14``, ``8:14 pm``, ``8.14 p.m.``, ``8 p.m.``."""
ZONE = (
    r"(?:\s*([A-Z]{2,5}))?(?:\s*\(?\s*(?:UTC|GMT)\s*([+\u2212\u2013-]\s*\d{1,2}(?::?\d{2})?)\)?)?"
)
"""An optional zone after a time: an abbreviation, a UTC offset, or both."""
_RANGE_RE = re.compile(
    rf"(?:{CLOCK})\s*(?:\u2013|\u2014|-|to|until|till)\s*(?:{CLOCK}){ZONE}", re.IGNORECASE
)
_VENUE_RE = re.compile(
    r"\bat (?:the )?((?:[A-Z][\w'.-]*\s+){0,5}(?:Stadium|Arena|Park|Hall|Centre|Center|Dome|Place))"
)
_ZONE_WORDS = frozenset({"AM", "PM", "TO", "AT"})


@dataclass(frozen=True, slots=True)
class Frame:
    """When and where the show happened, as the article says."""

    title: str
    venue: str
    day: date
    timezone: str
    """IANA zone name."""
    start: time
    end: time | None
    """Local wall clock of the hard out, when the article gives an end."""
    evidence: tuple[str, ...]
    """Where each part was found, for the show's notes."""


def clock_of(groups: tuple[str | None, ...]) -> time:
    """The wall clock from the five groups of :data:`CLOCK` (12-hour or 24-hour)."""
    hour12, minute12, half, hour24, minute24 = groups
    if hour24 is not None:
        return time(int(hour24) % 24, int(minute24 or 0))
    hour = int(hour12 or 0) % 12 + (12 if (half or "").lower() == "p" else 0)
    return time(hour, int(minute12 or 0))


def offset_minutes(text: str | None) -> int | None:
    """``+4``, ``-08:00``, ``+0530`` as minutes east of UTC."""
    if not text:
        return None
    plain = re.sub(r"\s", "", text).replace("\u2212", "-").replace("\u2013", "-")
    sign = -1 if plain.startswith("-") else 1
    digits = plain[1:].replace(":", "")
    hours, minutes = (digits, "0") if len(digits) <= 2 else (digits[:-2], digits[-2:])
    return sign * (int(hours) * 60 + int(minutes))


def _date(text: str) -> date | None:
    for pattern in _DATE_RES:
        found = pattern.search(text)
        if found is None:
            continue
        parts = found.groups()
        try:
            if pattern is _DATE_RES[0]:
                return date(int(parts[2]), _MONTHS.index(parts[1].lower()) + 1, int(parts[0]))
            if pattern is _DATE_RES[1]:
                return date(int(parts[2]), _MONTHS.index(parts[0].lower()) + 1, int(parts[1]))
            return date(int(parts[0]), int(parts[1]), int(parts[2]))
        except ValueError:
            continue
    return None


def _places(article: Article) -> list[tuple[str, str]]:
    """(where, text) to search, most trusted first."""
    fields = article.fields
    out = [(f"infobox {key}", fields[key]) for key in ("date", "time", "dates") if key in fields]
    out += [("the lead", s.text) for s in article.lead]
    out += [
        (f"section {article.sections[s.section].title!r}", s.text)
        for section in article.sections
        for s in section.sentences
    ]
    return out


def _venue(article: Article) -> str:
    fields = article.fields
    venue = fields.get("venue", fields.get("stadium", ""))
    if not venue:
        lead = " ".join(s.text for s in article.lead)
        found = _VENUE_RE.search(lead)
        venue = found[1] if found else ""
    place = fields.get("place", fields.get("location", fields.get("city", "")))
    city = place.split(",")[0].strip()
    if venue and city and city.casefold() not in venue.casefold():
        return f"{venue}, {city}"
    return venue or place


def _title(article: Article, path: Path) -> str:
    title = article.title or article.fields.get("title", "") or path.stem
    aka = article.fields.get("also known as", article.fields.get("name", ""))
    if aka and aka.casefold() not in title.casefold():
        title = f"{title} ({aka})"
    return title


def find_frame(article: Article, path: Path) -> Frame:
    """The frame of the show ``article`` describes; :class:`InputError` naming what is missing."""
    places = _places(article)
    day = next(((where, d) for where, text in places if (d := _date(text)) is not None), None)
    if day is None:
        raise InputError(
            "no date found: expected e.g. '23 February 2014' in the infobox or lead", path=path
        )
    span = next(((where, m) for where, text in places if (m := _RANGE_RE.search(text))), None)
    if span is None:
        raise InputError(
            "no start and end time found: expected e.g. '20:14 - 22:25 MSK (UTC+4)' "
            "in the infobox or lead",
            path=path,
        )
    where, found = span
    start, end = clock_of(found.groups()[0:5]), clock_of(found.groups()[5:10])
    abbreviation = found[11] if found[11] and found[11].upper() not in _ZONE_WORDS else None
    offset = offset_minutes(found[12])
    hints = " ".join(
        [article.fields.get("place", ""), article.fields.get("location", "")]
        + [s.text for s in article.lead]
    )
    country = country_named(tokens(hints))
    zone = choose_zone(
        day[1],
        start,
        abbreviation,
        offset,
        country_zones=country.zones if country else (),
        mentions=lambda city: re.search(rf"\b{re.escape(city)}\b", article.text) is not None,
    )
    if zone is None:
        written = " ".join(p for p in (abbreviation, found[12] and f"UTC{found[12]}") if p)
        raise InputError(
            f"no time zone found for the times in {where} "
            f"(zone written: {written or 'none'}; expected e.g. 'MSK (UTC+4)')",
            path=path,
        )
    evidence = (
        f"date from {day[0]}",
        f"times from {where}: {found[0].strip()!r}, read as {zone}",
    )
    return Frame(_title(article, path), _venue(article), day[1], zone, start, end, evidence)
