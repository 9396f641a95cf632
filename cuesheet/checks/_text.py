"""How findings name things: segments, cues, instants and durations."""

from __future__ import annotations

from cuesheet.model import Cue, Segment, Show
from cuesheet.timing import clock
from cuesheet.timing.timecode import format_rounded_duration


def cue_name(cue: Cue) -> str:
    """``cue 12 "Goodbye, Sochi!"``."""
    return f'cue {cue.number} "{cue.title}"'


def where(segment: Segment, cue: Cue | None = None) -> str:
    """``Segment "Handover", cue 12 "Goodbye, Sochi!"`` -- the start of a message."""
    text = f'Segment "{segment.title}"'
    return text if cue is None else f"{text}, {cue_name(cue)}"


def cue_place(segment: Segment, si: int, cue: Cue, ci: int) -> dict[str, object]:
    """The fields placing a finding on one planned cue: titles, numbers and indexes."""
    return {"segment": segment.title, "cue": cue.number, "segment_index": si, "cue_index": ci}


def at(show: Show, instant_ms: int) -> str:
    """An instant as the show's local wall clock, ``22:04:00``."""
    return clock.hhmmss_local(instant_ms, show.timezone)


def dur(ms: int) -> str:
    """A duration for people, ``1:05`` or ``1:02:03``."""
    return format_rounded_duration(ms)


def running(ms: int) -> str:
    """``running 1:05 over``, ``running 0:20 under`` or ``back on time``."""
    if (ms + 500) // 1000 == 0:  # nearest_second(ms) == 0: what shows as 0:00 is on time
        return "back on time"
    return f"running {format_rounded_duration(abs(ms))} {'over' if ms > 0 else 'under'}"


def effect_text(delta_ms: int, running_ms: int) -> str:
    """``1:05 lost, running 1:05 over`` -- what a change on air did to the show's time."""
    word = "lost" if delta_ms > 0 else "gained"
    return f"{format_rounded_duration(abs(delta_ms))} {word}, {running(running_ms)}"
