"""Instants and durations as text, for the formats that write them.

Instants are ``int`` milliseconds since the Unix epoch (UTC); local time is
computed with :mod:`zoneinfo` from an IANA name.  Text carries milliseconds
only when they are not zero, so whole seconds read as ``20:14:00``.  All
arithmetic is on integers.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from playlists.errors import shown

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_DURATION_RE = re.compile(r"^(?:(?:(\d+):)?(\d{1,2}):)?(\d{1,2})(?:\.(\d{1,3}))?$")


@lru_cache(maxsize=64)
def zone(name: str) -> tzinfo:
    """The timezone for an IANA name (UTC for ``""``); ``ValueError`` when unknown."""
    if not name or name.upper() == "UTC":
        return timezone.utc
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as error:  # OSError: a name too long
        raise ValueError(f"unknown IANA timezone {shown(name)}") from error


def _aware(instant_ms: int, tz: tzinfo) -> datetime:
    return (_EPOCH + timedelta(milliseconds=instant_ms)).astimezone(tz)


def _timespec(instant_ms: int) -> str:
    return "milliseconds" if instant_ms % 1000 else "seconds"


def iso_local(instant_ms: int, tz_name: str) -> str:
    """ISO 8601 local time with its offset: ``2014-02-23T20:14:00+04:00``."""
    moment = _aware(instant_ms, zone(tz_name))
    return moment.isoformat(timespec=_timespec(instant_ms))


def iso_utc(instant_ms: int) -> str:
    """ISO 8601 UTC with ``Z``: ``2014-02-23T16:14:00Z``."""
    moment = _aware(instant_ms, timezone.utc).replace(tzinfo=None)
    return moment.isoformat(timespec=_timespec(instant_ms)) + "Z"


def parse_iso(text: str) -> int:
    """Milliseconds since the epoch of an ISO 8601 date-time with ``Z`` or an offset.

    Raises ``ValueError`` for text without a timezone or that is not a date-time.
    """
    value = text.strip()
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError(f"must carry a timezone (Z or +HH:MM), got {shown(text)}")
    delta = moment - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1000 + delta.microseconds // 1000


def offset_zone(text: str) -> str:
    """The fixed IANA zone of an ISO 8601 date-time's UTC offset: ``Etc/GMT-4`` for ``+04:00``.

    ``""`` (UTC) for ``Z``, for no offset, and for offsets of no whole hours
    (IANA has no fixed zone for ``+05:30``: such a date is shown in UTC).
    """
    value = text.strip()
    if value.endswith(("Z", "z")):
        return ""
    try:
        offset = datetime.fromisoformat(value).utcoffset()
    except ValueError:
        return ""
    if offset is None or offset.total_seconds() % 3600:
        return ""
    hours = int(offset.total_seconds() // 3600)
    # IANA's fixed zones count the other way round: Etc/GMT-4 is UTC+4.
    return "" if hours == 0 else f"Etc/GMT{-hours:+d}"


def parse_date(text: str, timezone_name: str) -> tuple[int, str]:
    """A playlist date as written (ISO 8601 with ``Z`` or an offset) -> (instant ms, its zone).

    The zone is ``timezone_name`` when the format names one, else the fixed zone
    of the text's offset (:func:`offset_zone`).  ``ValueError`` for text that
    is not a date-time with a timezone.
    """
    return parse_iso(text), timezone_name or offset_zone(text)


def local_day(instant_ms: int, tz_name: str) -> str:
    """The local date ``YYYY-MM-DD`` of an instant (in UTC when the zone is unknown)."""
    try:
        tz = zone(tz_name)
    except ValueError:
        tz = timezone.utc
    return _aware(instant_ms, tz).date().isoformat()


def day_start(text: str, tz_name: str) -> int:
    """The instant the day ``YYYY-MM-DD`` begins in ``tz_name`` (UTC when unknown), in ms.

    ``ValueError`` for text that is not such a day.
    """
    try:
        tz = zone(tz_name)
    except ValueError:
        tz = timezone.utc
    midnight = datetime.strptime(text.strip(), "%Y-%m-%d").replace(tzinfo=tz)
    delta = midnight - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1000


def format_exact_duration(ms: int) -> str:
    """A duration as ``HH:MM:SS``, with ``.mmm`` when not whole seconds: exact, never rounded."""
    if ms < 0:
        raise ValueError(f"negative duration {ms} ms")
    seconds, millis = divmod(ms, 1000)
    minutes, ss = divmod(seconds, 60)
    hh, mm = divmod(minutes, 60)
    text = f"{hh:02d}:{mm:02d}:{ss:02d}"
    return f"{text}.{millis:03d}" if millis else text


def parse_duration(text: str) -> int:
    """``H:MM:SS``, ``M:SS`` or ``SS``, each with an optional ``.mmm``, to milliseconds."""
    found = _DURATION_RE.match(text.strip())
    if not found:
        raise ValueError(f"expected a duration such as 00:03:25 or 3:25.500, got {shown(text)}")
    hours, minutes, seconds = int(found[1] or 0), int(found[2] or 0), int(found[3])
    if (found[2] is not None and seconds > 59) or (found[1] is not None and minutes > 59):
        raise ValueError(f"expected a duration such as 00:03:25 or 3:25.500, got {shown(text)}")
    millis = int((found[4] or "0").ljust(3, "0"))
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis
