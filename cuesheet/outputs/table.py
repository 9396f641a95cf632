"""The running order as a fixed-width text table (the ``cuesheet timing`` view)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from cuesheet.model import Show
from cuesheet.timing import clock
from cuesheet.timing.engine import FixedPoint, Timing
from cuesheet.timing.timecode import format_rounded_duration

Style = Callable[[str, str], str]
"""``style(text, role)`` decorates text; roles: ``heading``, ``over``, ``under``, ``unknown``."""

_TITLE_WIDTH = 44


def _plain(text: str, role: str) -> str:
    return text


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _fit(text: str, width: int) -> str:
    """Cut ``text`` to ``width`` columns (with an ellipsis) and pad it."""
    if _width(text) > width:
        while _width(text) > width - 1:
            text = text[:-1]
        text += "…"
    return text + " " * (width - _width(text))


def _at(instant: int | None, show: Show, utc: bool) -> str:
    if instant is None:
        return "?"
    local = clock.hhmmss_local(instant, show.timezone)
    return f"{local} {clock.hhmm_utc(instant)}" if utc else local


def _signed(ms: int) -> str:
    return ("+" if ms > 0 else "-" if ms < 0 else "±") + format_rounded_duration(abs(ms))


def fixed_point_line(point: FixedPoint, show: Show, utc: bool, style: Style = _plain) -> str:
    """One line saying how the show meets a fixed time."""
    head = f"▶ {_at(point.at_ms, show, utc)}  {point.label}"
    if point.at_ms < point.previous_ms:
        head += " " + style("(before the fixed time or start it follows)", "over")
    over = point.over_ms
    if over is None:
        tail = (
            f"{point.unknown_cues} cue(s) of unknown length share "
            f"{_signed(point.available_ms)} available"
        )
        return f"{head}: {style(tail, 'unknown')}"
    if over > 0:
        tail = style(f"over by {format_rounded_duration(over)}", "over")
    elif over < 0:
        tail = style(f"under by {format_rounded_duration(-over)}", "under")
    else:
        tail = "on time"
    return f"{head}: reached {_at(point.reached_ms, show, utc)}, {tail}"


def render_timing(timing: Timing, *, utc: bool = False, style: Style = _plain) -> list[str]:
    """The timing as lines of text, fixed points between the segments they precede."""
    show = timing.show
    time_w = 15 if utc else 8
    lines = [
        style(show.title, "heading"),
        f"{show.venue + ', ' if show.venue else ''}"
        f"{clock.iso_local(show.start_ms, show.timezone)} ({show.timezone}, "
        f"{clock.utc_offset(show.start_ms, show.timezone)}; {clock.hhmm_utc(show.start_ms)})",
        "",
        f"{'Cue':>6}  {_fit('Title', _TITLE_WIDTH)} {'Kind':<7} {'Dur':>7}  "
        f"{_fit('Front', time_w)}  {_fit('Back', time_w)}  Source",
    ]
    fixed_by_segment = {p.segment_index: p for p in timing.fixed}
    for si, segment in enumerate(show.segments):
        point = fixed_by_segment.get(si)
        if point is not None:
            lines.append(fixed_point_line(point, show, utc, style))
        seg_timing = timing.segments[si]
        budget = ""
        if segment.budget_ms is not None:
            budget = f"  budget {format_rounded_duration(segment.budget_ms)}"
            if seg_timing.over_budget_ms is not None and seg_timing.over_budget_ms > 0:
                budget += " " + style(
                    f"(over by {format_rounded_duration(seg_timing.over_budget_ms)})", "over"
                )
        lines.append(
            style(f"── {segment.title} ", "heading")
            + f"{_at(seg_timing.start_ms, show, utc)}{budget}"
        )
        for ci, cue in enumerate(segment.cues):
            ct = timing.cue(si, ci)
            duration = (
                format_rounded_duration(cue.duration_ms) if cue.duration_ms is not None else "?"
            )
            source = cue.duration_source.value if cue.duration_source else "unknown"
            lines.append(
                f"{cue.number:>6}  {_fit(cue.title, _TITLE_WIDTH)} {cue.kind.value:<7} "
                f"{duration:>7}  {_fit(_at(ct.front_ms, show, utc), time_w)}  "
                f"{_fit(_at(ct.back_ms, show, utc), time_w)}  {source}"
            )
    hard_out = timing.hard_out
    if hard_out is not None:
        lines.append(fixed_point_line(hard_out, show, utc, style))
    lines.append(f"End: {_at(timing.end_ms, show, utc)}")
    return lines
