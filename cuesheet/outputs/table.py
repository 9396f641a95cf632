"""The running order as a fixed-width text table (the ``cuesheet timing`` view)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from cuesheet.model import Cue, Role, Show
from cuesheet.timing import clock
from cuesheet.timing.engine import FixedPoint, LengthSource, Timing
from cuesheet.timing.timecode import format_rounded_duration, nearest_second, shown_length

Style = Callable[[str, str], str]
"""``style(text, role)`` decorates text; roles: ``heading``, ``over``, ``under``, ``unknown``."""

_TITLE_WIDTH = 44
"""Title column width (terminal columns) when the table's width is not given."""
_MIN_TITLE_WIDTH = 20
EXTRA_COLUMNS = {"performers": 28, "notes": 40}
"""Optional columns (``--columns``) and the width each takes, in terminal columns."""


def _plain(text: str, role: str) -> str:
    return text


def _char_width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def _width(text: str) -> int:
    """Terminal columns of ``text``: wide East Asian characters take two."""
    if text.isascii():
        return len(text)
    return sum(map(_char_width, text))


def _fit(text: str, width: int) -> str:
    """Cut ``text`` to ``width`` columns (with an ellipsis) and pad it; linear in its length."""
    used = _width(text)
    if used > width:
        room = max(width - 1, 0)
        if text.isascii():
            text = text[:room]
            used = len(text)
        else:
            used = 0
            for end, ch in enumerate(text):
                if used + _char_width(ch) > room:
                    text = text[:end]
                    break
                used += _char_width(ch)
        text += "…"
        used += 1
    return text + " " * (width - used)


def _at(instant: int | None, show: Show, utc: bool) -> str:
    if instant is None:
        return "?"
    local = clock.hhmmss_local(instant, show.timezone)
    return f"{local} {clock.hhmm_utc(instant)}" if utc else local


def _signed(ms: int) -> str:
    return ("+" if ms > 0 else "-" if ms < 0 else "±") + format_rounded_duration(abs(ms))


def fixed_point_line(
    point: FixedPoint, show: Show, utc: bool, style: Style = _plain, budgeted: int = 0
) -> str:
    """One line saying how the show meets a fixed time.

    ``budgeted`` counts the cues of unknown length before it whose segment budget stood in:
    the verdict then says so, since it holds only if those cues fit their budgets.
    """
    head = f"▶ {_at(point.at_ms, show, utc)}  {point.label}"
    if point.at_ms < point.previous_ms:
        head += " " + style("(before the fixed time or start it follows)", "over")
    over = None if point.reached_ms is None else _between(point.at_ms, point.reached_ms)
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
    if budgeted:
        tail += f" ({budgeted} cue{'s' if budgeted != 1 else ''} timed by budget)"
    return f"{head}: reached {_at(point.reached_ms, show, utc)}, {tail}"


def render_timing(
    timing: Timing,
    *,
    utc: bool = False,
    style: Style = _plain,
    width: int | None = None,
    columns: tuple[str, ...] = (),
) -> list[str]:
    """The timing as lines of text, fixed points between the segments they precede.

    ``width`` is the terminal's width in columns: titles use the room there is (uncut
    when it suffices); ``None`` keeps a 44-column title.  ``columns`` adds optional
    columns from :data:`EXTRA_COLUMNS` (``performers``, ``notes``) after Source.
    """
    show = timing.show
    utc = utc and show.dated  # with no date, the UTC offset (hence UTC) is unknown
    time_w = 15 if utc else 8
    title_w = _title_width(show, time_w, width, columns)
    when = (
        f"{clock.iso_local(show.start_ms, show.timezone)} ({show.timezone}, "
        f"{clock.utc_offset(show.start_ms, show.timezone)}; {clock.hhmm_utc(show.start_ms)})"
        if show.dated
        else f"no date: times run from {clock.hhmmss_local(show.start_ms, show.timezone)} "
        "(--date for a list, or date: in a show file, gives clock times)"
    )
    extra_head = "".join(f"  {_fit(name.capitalize(), EXTRA_COLUMNS[name])}" for name in columns)
    lines = [
        style(show.title, "heading"),
        f"{show.venue + ', ' if show.venue else ''}{when}",
        "",
        f"{'Cue':>6}  {_fit('Title', title_w)} {'Kind':<7} {'Dur':>7}  "
        f"{_fit('Front', time_w)}  {_fit('Back', time_w)}  {'Source':<9}{extra_head}".rstrip(),
    ]
    fixed_by_segment = {p.segment_index: p for p in timing.fixed}
    budgeted = 0  # cues of unknown length since the last fixed point, timed by their budget
    for si, segment in enumerate(show.segments):
        point = fixed_by_segment.get(si)
        if point is not None:
            lines.append(fixed_point_line(point, show, utc, style, budgeted))
            budgeted = 0
        seg_timing = timing.segments[si]
        if seg_timing.length_source is LengthSource.BUDGET:
            budgeted += sum(1 for cue in segment.cues if cue.duration_ms is None)
        budget = ""
        if segment.budget_ms is not None:
            budget = f"  budget {format_rounded_duration(segment.budget_ms)}"
            over_budget = _over_budget(
                seg_timing.start_ms, seg_timing.cue_total_ms, segment.budget_ms
            )
            if seg_timing.over_budget_ms is not None and over_budget > 0:
                budget += " " + style(f"(over by {format_rounded_duration(over_budget)})", "over")
        lines.append(
            style(f"── {segment.title} ", "heading")
            + f"{_at(seg_timing.start_ms, show, utc)}{budget}"
        )
        for ci, cue in enumerate(segment.cues):
            ct = timing.cue(si, ci)
            start = ct.front_ms if ct.front_ms is not None else ct.back_ms
            duration = (
                format_rounded_duration(shown_length(start, cue.duration_ms))
                if cue.duration_ms is not None
                else "?"
            )
            source = cue.duration_source.value if cue.duration_source else "unknown"
            extra = "".join(f"  {_fit(_extra(cue, n), EXTRA_COLUMNS[n])}" for n in columns)
            lines.append(
                f"{cue.number:>6}  {_fit(cue.title, title_w)} {cue.kind.value:<7} "
                f"{duration:>7}  {_fit(_at(ct.front_ms, show, utc), time_w)}  "
                f"{_fit(_at(ct.back_ms, show, utc), time_w)}  {source:<9}{extra}".rstrip()
            )
    hard_out = timing.hard_out
    if hard_out is not None:
        lines.append(fixed_point_line(hard_out, show, utc, style, budgeted))
    end = timing.end_ms
    total = (
        "" if end is None else f" (total {format_rounded_duration(_between(show.start_ms, end))})"
    )
    lines.append(f"End: {_at(end, show, utc)}{total}")
    return lines


def _between(start_ms: int, end_ms: int) -> int:
    """``end_ms - start_ms`` as the table shows both instants (each to the nearest second)."""
    return nearest_second(end_ms) - nearest_second(start_ms)


def _over_budget(start_ms: int | None, total_ms: int, budget_ms: int) -> int:
    """A segment's overrun of its budget as shown: its shown length less the shown budget."""
    return shown_length(start_ms, total_ms) - nearest_second(budget_ms)


def _title_width(show: Show, time_w: int, width: int | None, columns: tuple[str, ...]) -> int:
    """Columns for titles: what the terminal leaves, no more than the longest title needs."""
    if width is None:
        return _TITLE_WIDTH
    fixed = 6 + 2 + 1 + 7 + 1 + 7 + 2 + time_w + 2 + time_w + 2 + 9
    fixed += sum(2 + EXTRA_COLUMNS[name] for name in columns)
    longest = max((_width(cue.title) for _, cue in show.cues()), default=_MIN_TITLE_WIDTH)
    return max(_MIN_TITLE_WIDTH, min(longest, width - fixed))


def _extra(cue: Cue, column: str) -> str:
    """The text of an optional column for one cue."""
    if column == "performers":
        return ", ".join(cue.names(Role.PERFORMER))
    return " ".join(cue.notes.split())
