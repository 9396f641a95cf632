"""Instants at the edges: epoch milliseconds to and from local wall-clock text.

The model keeps instants as ``int`` milliseconds since the Unix epoch (UTC);
this module is where they meet IANA timezones (:mod:`zoneinfo`), so that
``20:14`` in Sochi on 23 February 2014 is ``2014-02-23T20:14:00+04:00`` and
``16:14Z``.
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cuesheet.errors import TimingError

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_HHMM_RE = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
_DAY_MS = 86_400_000
_TWO_DIGITS = tuple(f"{n:02d}" for n in range(60))
"""``"00"`` to ``"59"``, looked up rather than formatted (see :func:`hhmmss_local`)."""


_NOT_IANA = frozenset({"localtime", "posixrules", "factory"})


@functools.lru_cache(maxsize=256)
def zone(name: str) -> ZoneInfo:
    """The :class:`ZoneInfo` for an IANA name; raises ``ValueError`` for an unknown one.

    Machine-dependent names (``localtime``) and file paths are refused.
    """
    if name.lower() in _NOT_IANA or name.startswith("/") or ".." in name:
        raise ValueError(f"unknown IANA timezone {name!r}")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as error:  # OSError: a name too long
        raise ValueError(f"unknown IANA timezone {name!r}") from error


def parse_hhmm(text: str) -> time:
    """``HH:MM`` or ``HH:MM:SS`` as a :class:`time`; raises ``ValueError`` otherwise."""
    found = _HHMM_RE.match(text.strip())
    if not found:
        raise ValueError(f"must be HH:MM, got {text!r}")
    hours, minutes, seconds = int(found[1]), int(found[2]), int(found[3] or 0)
    if hours > 23 or minutes > 59 or seconds > 59:
        raise ValueError(f"must be HH:MM, got {text!r}")
    return time(hours, minutes, seconds)


def local_to_ms(day: date, clock: time, tz: str) -> int:
    """Milliseconds since the epoch of wall-clock ``clock`` on ``day`` in ``tz``.

    Raises ``ValueError`` for a wall clock that does not exist that day (the
    hour skipped when the clocks go forward).  A wall clock that happens twice
    (when they go back) is its first occurrence.
    """
    moment = datetime.combine(day, clock, tzinfo=zone(tz))
    instant = to_ms(moment)
    if from_ms(instant, tz).replace(tzinfo=None) != moment.replace(tzinfo=None):
        raise ValueError(
            f"{clock.strftime('%H:%M')} does not exist on {day.isoformat()} in {tz} "
            "(the clocks go forward)"
        )
    return instant


def to_ms(moment: datetime) -> int:
    """Milliseconds since the epoch of an aware datetime (exact integer arithmetic)."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: a timezone is required")
    delta = moment - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1000 + delta.microseconds // 1000


def from_ms(instant_ms: int, tz: str = "UTC") -> datetime:
    """The aware datetime in ``tz`` for milliseconds since the epoch.

    Raises :class:`~cuesheet.errors.TimingError` past the years 1 to 9999.
    """
    try:
        return (_EPOCH + timedelta(milliseconds=instant_ms)).astimezone(zone(tz))
    except OverflowError as error:
        raise TimingError(
            f"a time {instant_ms} ms from 1970 is beyond the calendar (years 1 to 9999)"
        ) from error


def after(start_ms: int, clock: time, tz: str) -> int:
    """The first instant at or after ``start_ms`` whose local wall clock in ``tz`` is ``clock``.

    A fixed time earlier in the day than the start belongs to the next day
    (a show running past midnight).
    """
    day = from_ms(start_ms, tz).date()
    candidate = local_to_ms(day, clock, tz)
    if candidate < start_ms:
        try:
            day += timedelta(days=1)
        except OverflowError as error:
            raise TimingError("the day after the start is beyond the calendar") from error
        candidate = local_to_ms(day, clock, tz)
    return candidate


UNDATED_DAY = date(1970, 1, 1)
"""The day an undated show (a bare list given no date) is placed on: an origin for offsets,
never shown (see :attr:`cuesheet.model.Show.dated` and :func:`local_text`)."""


def local_text(instant_ms: int, tz: str, dated: bool) -> str:
    """An instant for people: ISO 8601 local time with its offset when the show is ``dated``,
    else the local time of day alone (``HH:MM:SS``), since an undated show has no date."""
    return iso_local(instant_ms, tz) if dated else hhmmss_local(instant_ms, tz)


def iso_local(instant_ms: int, tz: str) -> str:
    """ISO 8601 local time with offset, to the second: ``2014-02-23T20:14:00+04:00``."""
    return from_ms(instant_ms, tz).isoformat(timespec="seconds")


def iso_utc(instant_ms: int) -> str:
    """ISO 8601 UTC with ``Z``, to the second: ``2014-02-23T16:14:00Z``."""
    return from_ms(instant_ms).strftime("%Y-%m-%dT%H:%M:%SZ")


def hhmmss_local(instant_ms: int, tz: str) -> str:
    """Local wall clock ``HH:MM:SS``, to the nearest second (halves up), as durations are shown
    (:func:`cuesheet.timing.timecode.nearest_second`): a cue at 7.5 s reads 00:00:08.

    Cheap when called for many instants of one zone: the zone's offset is looked up once
    per day (:func:`steady_offset_ms`), not once per instant.
    """
    instant = (instant_ms + 500) // 1000 * 1000  # nearest_second's rule, halves up
    offset = _day_offset_ms(tz, instant // _DAY_MS)  # steady_offset_ms(tz, instant, instant)
    if offset is None:  # the offset changes that day, or beyond the calendar: exactly
        return from_ms(instant, tz).strftime("%H:%M:%S")
    minutes, seconds = divmod((instant + offset) // 1000 % 86_400, 60)
    return f"{_TWO_DIGITS[minutes // 60]}:{_TWO_DIGITS[minutes % 60]}:{_TWO_DIGITS[seconds]}"


def hhmm_utc(instant_ms: int) -> str:
    """UTC wall clock ``HH:MMZ`` of the instant's nearest second, e.g. ``16:14Z``."""
    from cuesheet.timing.timecode import nearest_second

    return from_ms(nearest_second(instant_ms)).strftime("%H:%MZ")


def utc_offset(instant_ms: int, tz: str) -> str:
    """The UTC offset in force at an instant, e.g. ``UTC+04:00``."""
    offset = from_ms(instant_ms, tz).strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}"


def utc_offset_ms(instant_ms: int, tz: str) -> int:
    """The UTC offset in force at an instant, in ms (east positive: ``+4 h`` is 14_400_000)."""
    offset = from_ms(instant_ms, tz).utcoffset()
    assert offset is not None
    return (offset.days * 86_400 + offset.seconds) * 1000 + offset.microseconds // 1000


def steady_offset_ms(tz: str, first_ms: int, last_ms: int) -> int | None:
    """The UTC offset of ``tz`` in force from instant ``first_ms`` to ``last_ms`` (epoch ms),
    in ms, when it is one offset all along; ``None`` when it changes in the UTC days they
    span, or they reach beyond the calendar.

    Looked up once per UTC day and zone, so that converting many instants of one show
    costs an addition each, not a :mod:`zoneinfo` conversion each.
    """
    first_day = first_ms // _DAY_MS
    if last_ms < first_day * _DAY_MS + _DAY_MS:  # one day: the usual question
        return _day_offset_ms(tz, first_day)
    return _days_offset_ms(tz, first_day, last_ms // _DAY_MS)


@functools.lru_cache(maxsize=4096)
def _days_offset_ms(tz: str, first_day: int, last_day: int) -> int | None:
    """The UTC offset in force through the UTC days ``first_day`` to ``last_day`` (days
    since the epoch), ms, when it is one offset all along; else ``None`` (remembered: an
    as-run log asks about the same week for every line)."""
    offset = _day_offset_ms(tz, first_day)
    for day in range(first_day + 1, last_day + 1):
        if offset is None or _day_offset_ms(tz, day) != offset:
            return None
    return offset


@functools.lru_cache(maxsize=4096)
def _day_offset_ms(tz: str, day: int) -> int | None:
    """The UTC offset in force through the whole UTC day ``day`` (days since the epoch), ms;
    ``None`` when it changes that day or the day is beyond the calendar.

    The offsets at the day's first and last millisecond suffice: no zone changes its
    offset twice within a day (in tzdata two changes are at least four days apart).
    """
    try:
        first = utc_offset_ms(day * _DAY_MS, tz)
        last = utc_offset_ms(day * _DAY_MS + _DAY_MS - 1, tz)
    except TimingError:
        return None
    return first if first == last else None
