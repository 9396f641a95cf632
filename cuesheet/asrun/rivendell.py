"""Rivendell's *Music Playout* report, read as an as-run log.

Rivendell (rdlogmanager, *Reports*) writes what RDAirPlay played from its
reconciliation tables as a fixed-width text report.  The layout is the one
``RDReport::ExportMusicPlayout`` writes (``lib/export_musicplayout.cpp`` in
https://github.com/ElvishArtisan/rivendell): a title line
``Rivendell RDAirPlay Music Playout Report for MM/dd/yyyy`` (or
``for MM/dd/yyyy - MM/dd/yyyy``), a centred ``NAME -- DESCRIPTION`` line, the
column header ``--Time--  -Cart-  Cut  A-Len  --Title--...``, then one row per
event, ordered by time, formatted ``%8s  %6s  %3s  %5s  %-30s   %-30s   %-25s
%-20s``: the time played (``hh:mm:ss``, the station's clock), the cart number,
the cut, the length (the last five characters of ``mm:ss``), then title,
artist, album and label cut to 30, 30, 25 and 20 characters.

Times are placed on the report's first date, each on the day nearest the item
before it (a report may run past midnight).  Titles cut to 30 characters are
still matched to the plan's full titles (an abbreviation, see
:mod:`cuesheet.asrun.align`).
"""

from __future__ import annotations

import re
from datetime import date, datetime

from cuesheet.asrun.cells import parse_time_aired
from cuesheet.asrun.values import AiredItem, AsRun
from cuesheet.errors import InputError
from cuesheet.timing import clock

_TITLE_RE = re.compile(
    r"Rivendell RDAirPlay Music Playout Report for (\d\d)/(\d\d)/(\d{4})", re.IGNORECASE
)
_HEADER = "--Time--"
_ROW_RE = re.compile(
    r"^(?P<time>[ \d]\d:\d\d:\d\d)  (?P<cart>[ \d]{6})  (?P<cut>.{3})  (?P<len>[ \d:]{5})  "
    r"(?P<rest>.*)$"
)


def is_music_playout(text: str) -> bool:
    """True when ``text`` is a Rivendell Music Playout report."""
    head = text[:2000]
    return _TITLE_RE.search(head) is not None and _HEADER in head


def _length(text: str) -> int | None:
    """``mm:ss`` (or ``m:ss``) to ms; ``None`` when blank."""
    text = text.strip()
    if not text:
        return None
    minutes, _, seconds = text.partition(":")
    if not minutes.isdigit() or not seconds.isdigit() or int(seconds) > 59:
        raise ValueError(text)
    return (int(minutes) * 60 + int(seconds)) * 1000


def loads(text: str, *, timezone: str, near_ms: int, path: str | None = None) -> AsRun:
    """Read a Music Playout report.  ``timezone`` is the station's clock (IANA).

    Wall-clock times start on the report's date (the day nearest ``near_ms``
    when the report gives none).  Raises :class:`InputError` naming the line.
    """
    lines = re.split(r"\r\n?|\n", text.lstrip("\ufeff"))
    found = _TITLE_RE.search(text[:2000])
    reference = near_ms
    if found:
        day = date(int(found[3]), int(found[1]), int(found[2]))
        noon = datetime(day.year, day.month, day.day, 12, tzinfo=clock.zone(timezone))
        reference = clock.to_ms(noon)
    header = next((i for i, line in enumerate(lines) if line.startswith(_HEADER)), None)
    if header is None:
        raise InputError("no '--Time--' column header: not a Music Playout report", path=path)
    items: list[AiredItem] = []
    for index in range(header + 1, len(lines)):
        line = lines[index]
        if not line.strip():
            continue
        row = _ROW_RE.match(line)
        if row is None:
            raise InputError(
                "expected a report row: time hh:mm:ss, cart, cut, length, title, artist",
                path=path,
                line=index + 1,
            )
        rest = row["rest"]
        title = rest[:30].strip()
        artist = rest[33:63].strip()
        try:
            start = parse_time_aired(row["time"].strip(), reference, timezone)
            duration = _length(row["len"])
        except ValueError:
            raise InputError(
                f"expected a time hh:mm:ss and a length mm:ss, got {row['time'].strip()!r} "
                f"and {row['len'].strip()!r}",
                path=path,
                line=index + 1,
            ) from None
        reference = start
        items.append(
            AiredItem(title or row["cart"].strip(), artist, start, duration, "", index + 1)
        )
    if not items:
        raise InputError("no rows under the '--Time--' header", path=path)
    return AsRun(tuple(items), path)
