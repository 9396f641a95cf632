"""The cells of an as-run log: a time aired and an aired duration, as integer milliseconds.

Every as-run reader (our CSV, LibreTime, Rivendell) reads its times through these,
so a log's clock means the same whatever system wrote it.
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

from cuesheet.timing import clock
from cuesheet.timing.timecode import ebu_to_ms, parse_duration, parse_seconds

_CLOCK_RE = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2})(?:([.:])(\d{1,3}))?)?$")


_DAY_MS = 86_400_000


def _nearest(reference_ms: int, wall: time, extra_ms: int, tz: str) -> int:
    """The instant with local wall clock ``wall`` (+ ``extra_ms``) nearest ``reference_ms``.

    The candidates are ``wall`` on the reference's local day and the days either side;
    while the zone keeps one offset over those days (nearly always) they are sums.
    """
    offset = clock.steady_offset_ms(tz, reference_ms - 3 * _DAY_MS, reference_ms + 3 * _DAY_MS)
    if offset is not None:
        local = reference_ms + offset
        wall_ms = ((wall.hour * 60 + wall.minute) * 60 + wall.second) * 1000
        at = local - local % _DAY_MS + wall_ms - offset + extra_ms  # on the reference's day
        best = at - _DAY_MS
        for candidate in (at, at + _DAY_MS):  # ascending: a tie keeps the earlier
            if abs(candidate - reference_ms) < abs(best - reference_ms):
                best = candidate
        return best
    day = clock.from_ms(reference_ms, tz).date()
    candidates = (
        clock.local_to_ms(day + timedelta(days=shift), wall, tz) + extra_ms for shift in (-1, 0, 1)
    )
    return min(candidates, key=lambda c: (abs(c - reference_ms), c))


def parse_time_aired(text: str, reference_ms: int, tz: str) -> int:
    """A time-aired cell as epoch ms; ``ValueError`` when it is not a time.

    Wall-clock times are placed on the day nearest ``reference_ms`` in ``tz``.
    """
    text = text.strip()
    found = _CLOCK_RE.match(text)
    if found:
        hours, minutes, seconds = int(found[1]), int(found[2]), int(found[3] or 0)
        extra = 0
        if found[4] == ".":
            extra = int(found[5].ljust(3, "0"))
        elif found[4] == ":":
            frames = int(found[5])
            if frames >= 25:
                raise ValueError(f"frame {frames} is not below 25")
            extra = frames * 40
        if hours > 23 or minutes > 59 or seconds > 59:
            raise ValueError(f"{text!r} is not a time of day")
        return _nearest(reference_ms, time(hours, minutes, seconds), extra, tz)
    iso = text.replace("Z", "+00:00").replace("z", "+00:00")
    moment = datetime.fromisoformat(iso)  # ValueError when not ISO 8601
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=clock.zone(tz))
    return clock.to_ms(moment)


def parse_aired_duration(text: str) -> int:
    """A duration cell as ms: ``M:SS``, ``H:MM:SS``, seconds, or EBU ``HH:MM:SS:FF``."""
    text = text.strip()
    if ":" not in text:
        return parse_seconds(text)
    if text.count(":") == 3:
        return ebu_to_ms(text)
    return parse_duration(text)
