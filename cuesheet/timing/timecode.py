"""Durations at the edges: milliseconds to CD frames, EBU timecode and samples, and back.

The one place in :mod:`cuesheet` for these conversions, with one rounding rule:
the *nearest* frame, halves rounding up (integer arithmetic only).  For CD frames
it is the CUE format's own conversion (:mod:`playlists.cue`), so an exported
sheet and cuesheet agree to the frame; CUE ``MM:SS:FF`` is read and written only
there.  EBU timecode runs at 25 fps.
"""

from __future__ import annotations

import re

CD_FPS = 75
"""CD frames a second: :data:`playlists.cue.CD_FPS`, the CUE format's own number (a test keeps
them equal), written out so that timing does not import the CUE reader and writer."""
EBU_FPS = 25

TWO_DIGITS = tuple(f"{n:02d}" for n in range(60))
"""``"00"`` to ``"59"``: minutes and seconds as times are written, looked up rather than
formatted with ``:02d`` (ten times quicker; a check writes tens of thousands)."""

_EBU_RE = re.compile(r"^(\d{2,}):(\d{2}):(\d{2})[:;](\d{2})$")
_SECONDS_RE = re.compile(r"^(?=\.?\d)(\d*)(?:\.(\d{1,3}))?$")


def _nearest(numerator: int, denominator: int) -> int:
    """``round(numerator / denominator)`` with halves rounding up, in integers."""
    return (2 * numerator + denominator) // (2 * denominator)


def ms_to_cd_frames(ms: int) -> int:
    """Milliseconds to the nearest CD frame (1/75 s).

    The CUE writer's own conversion, so exported sheets and cuesheet agree to the frame.
    """
    from playlists import cue

    return cue.ms_to_frames(ms)


def cd_frames_to_ms(frames: int) -> int:
    """CD frames to the nearest millisecond (the CUE reader's conversion)."""
    from playlists import cue

    return cue.frames_to_ms(frames)


def cd_frames_to_samples(frames: int, rate: int) -> int:
    """CD frames to the nearest sample at ``rate`` Hz (exact when ``rate`` is a multiple of 75)."""
    return _nearest(frames * rate, CD_FPS)


def samples_to_cd_frames(samples: int, rate: int) -> int:
    """Samples at ``rate`` Hz to the nearest CD frame."""
    return _nearest(samples * CD_FPS, rate)


def ms_to_samples(ms: int, rate: int) -> int:
    """Milliseconds to the nearest sample at ``rate`` Hz."""
    return _nearest(ms * rate, 1000)


def samples_to_ms(samples: int, rate: int) -> int:
    """Samples at ``rate`` Hz to the nearest millisecond."""
    return _nearest(samples * 1000, rate)


def ebu_to_ms(text: str) -> int:
    """EBU timecode ``HH:MM:SS:FF`` (25 fps) to milliseconds."""
    found = _EBU_RE.match(text.strip())
    if not found:
        raise ValueError(f"must be HH:MM:SS:FF, got {text!r}")
    hh, mm, ss, ff = (int(found[i]) for i in range(1, 5))
    if mm > 59 or ss > 59 or ff >= EBU_FPS:
        raise ValueError(f"must be HH:MM:SS:FF with FF < 25, got {text!r}")
    return ((hh * 60 + mm) * 60 + ss) * 1000 + ff * 1000 // EBU_FPS


def nearest_second(ms: int) -> int:
    """``ms`` (a duration, or an instant since the epoch) to the nearest whole second, halves
    up, in ms: the one rounding rule of every time shown to people (clock times included)."""
    return _nearest(ms, 1000) * 1000


def shown_length(start_ms: int | None, length_ms: int) -> int:
    """The length, ms, to show for ``length_ms`` starting at the instant ``start_ms``.

    The difference of the two ends rounded by :func:`nearest_second`, so that a start
    shown plus the length shown is the end shown (a table adds up to the second);
    without a start, the length itself to the nearest second.
    """
    if start_ms is None:
        return nearest_second(length_ms)
    return nearest_second(start_ms + length_ms) - nearest_second(start_ms)


def format_rounded_duration(ms: int) -> str:
    """A duration for people: ``H:MM:SS`` or ``M:SS``, rounded to the nearest second.

    Not an exchange format: the exact ``HH:MM:SS.mmm`` of the CSV playlists is
    :func:`playlists._time.format_exact_duration`.
    """
    sign = "-" if ms < 0 else ""
    minutes, ss = divmod((abs(ms) + 500) // 1000, 60)  # the nearest second, halves up
    if minutes < 60:
        return f"{sign}{minutes}:{TWO_DIGITS[ss]}"
    return f"{sign}{minutes // 60}:{TWO_DIGITS[minutes % 60]}:{TWO_DIGITS[ss]}"


def format_hms(ms: int) -> str:
    """A non-negative duration as ``HH:MM:SS`` (nearest second), as playout logs write it."""
    if ms < 0:
        raise ValueError(f"negative duration {ms} ms")
    seconds = _nearest(ms, 1000)
    minutes, ss = divmod(seconds, 60)
    hh, mm = divmod(minutes, 60)
    return f"{hh:02d}:{mm:02d}:{ss:02d}"


MAX_DURATION_MS = 100 * 3_600_000
"""The longest duration accepted from text: 100 hours, in milliseconds."""

_DURATION_RE = re.compile(r"^(?:(?:(\d+):)?(\d{1,2}):(\d{2})|(\d+))(?:\.(\d{1,3}))?$")


def parse_duration(text: str) -> int:
    """``H:MM:SS``, ``M:SS`` or plain seconds (``166``), each with an optional ``.mmm``, to ms.

    Seconds after a colon take two digits and stay under 60; minutes after hours
    likewise.  Raises ``ValueError`` for anything else, or for more than 100 hours.
    """
    expected = "a duration like 3:25, 1:02:03 or 166 (seconds)"
    found = _DURATION_RE.match(text.strip())
    if not found:
        raise ValueError(f"must be {expected}, got {text!r}")
    fraction = int((found[5] or "").ljust(3, "0"))
    if found[4] is not None:
        ms = int(found[4]) * 1000 + fraction
    else:
        hours = int(found[1] or 0)
        minutes, seconds = int(found[2]), int(found[3])
        if seconds > 59 or (found[1] is not None and minutes > 59):
            raise ValueError(f"must be {expected}, got {text!r}")
        ms = ((hours * 60 + minutes) * 60 + seconds) * 1000 + fraction
    if ms > MAX_DURATION_MS:
        raise ValueError(f"must be at most 100 hours, got {text!r}")
    return ms


def parse_seconds(text: str) -> int:
    """A number of seconds (``205``, ``2.5``, ``.5``; at most three decimals) to milliseconds."""
    found = _SECONDS_RE.match(text.strip())
    if not found:
        raise ValueError(f"must be a number of seconds like 2 or 0.5, got {text!r}")
    return int(found[1] or 0) * 1000 + int((found[2] or "").ljust(3, "0"))
