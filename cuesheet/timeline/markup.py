"""Markup and wording shared by the SVG and the page: escaping, times, credits, links.

Every piece of show text goes through :func:`esc` or :func:`attrs`, which
escape it and drop the characters XML 1.0 cannot carry.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from cuesheet.model import Cue, Role, Show
from cuesheet.timing import clock
from cuesheet.timing.engine import FixedPoint
from cuesheet.timing.timecode import format_rounded_duration

_UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_NOT_XML_RE = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
CHAR_PX = 7
"""A generous width of one character of 11 px sans-serif text, for cutting labels to fit."""


def clean(text: str) -> str:
    """Text with the characters XML 1.0 cannot carry removed."""
    return _NOT_XML_RE.sub("", text)


def esc(text: str) -> str:
    """Escaped character data."""
    return escape(clean(text))


def attrs(values: dict[str, object]) -> str:
    """Attributes as ``' name="value"'`` text, escaped; ``None`` and ``False`` values left out."""
    parts = []
    for name, value in values.items():
        if value is None or value is False:
            continue
        parts.append(f' {name}="{escape(clean(str(value)), {chr(34): "&quot;"})}"')
    return "".join(parts)


def tag(name: str, values: dict[str, object], body: str | None = None) -> str:
    """An element; ``body`` is markup already escaped (``None`` for an empty element)."""
    if body is None:
        return f"<{name}{attrs(values)}/>"
    return f"<{name}{attrs(values)}>{body}</{name}>"


def fit(text: str, width_px: int) -> str:
    """``text`` cut (with an ellipsis) to about ``width_px`` of 11 px text; '' if nothing fits."""
    room = width_px // CHAR_PX
    if room <= 0:
        return ""
    if len(text) <= room:
        return text
    return text[: room - 1].rstrip() + "…" if room > 1 else ""


def local(instant_ms: int | None, show: Show) -> str:
    return "?" if instant_ms is None else clock.hhmmss_local(instant_ms, show.timezone)


def hhmm(instant_ms: int, show: Show) -> str:
    return clock.from_ms(instant_ms, show.timezone).strftime("%H:%M")


def signed(ms: int) -> str:
    return ("+" if ms > 0 else "-" if ms < 0 else "±") + format_rounded_duration(abs(ms))


def credits_text(cue: Cue) -> str:
    """``Composer: A, B; Performer: C`` (roles in model order)."""
    parts = []
    for role in Role:
        names = cue.names(role)
        if names:
            parts.append(f"{role.value.capitalize()}: {', '.join(names)}")
    return "; ".join(parts)


def musicbrainz_url(cue: Cue) -> str | None:
    """The musicbrainz.org page of a cue's recording, else its work; ``None`` without an MBID."""
    for kind, mbid in (("recording", cue.ids.recording_mbid), ("work", cue.ids.work_mbid)):
        if mbid and _UUID_RE.match(mbid.lower()):
            return f"https://musicbrainz.org/{kind}/{mbid.lower()}"
    return None


def fixed_point_status(point: FixedPoint) -> tuple[str, str]:
    """(text, css class) of how the show meets a fixed time: over, under, on time or unknown."""
    over = point.over_ms
    if over is None:
        if point.available_ms < 0:
            return (
                f"known content overruns by {format_rounded_duration(-point.available_ms)}; "
                f"{point.unknown_cues} cue(s) of unknown length",
                "over",
            )
        return (
            f"{point.unknown_cues} cue(s) of unknown length share "
            f"{format_rounded_duration(point.available_ms)}",
            "unknown",
        )
    if over > 0:
        return f"over by {format_rounded_duration(over)}", "over"
    if over < 0:
        return f"under by {format_rounded_duration(-over)}", "under"
    return "on time", "ontime"


def cue_ids(show: Show) -> dict[tuple[int, int], str]:
    """A unique element id per cue: ``cue-<number>`` (``-2``, ``-3``... on duplicates)."""
    ids: dict[tuple[int, int], str] = {}
    seen: set[str] = set()
    for si, segment in enumerate(show.segments):
        for ci, cue in enumerate(segment.cues):
            base = "cue-" + re.sub(r"[^0-9A-Za-z._-]", "_", cue.number)
            name, n = base, 1
            while name in seen:
                n += 1
                name = f"{base}-{n}"
            seen.add(name)
            ids[(si, ci)] = name
    return ids
