"""A picture of the show: its timing as an SVG, and as a self-contained HTML page.

The picture is a Gantt chart on a horizontal axis of the show's local time
(its UTC offset written beside the axis; UTC times along the bottom), one row
per segment, each cue a block coloured by its kind.  Fixed times are vertical
markers labelled with what happens there and how the show meets them (over or
under); the hard out ends the axis.  With an as-run, each row gets a second,
thinner lane with what aired, joined to the plan by a line from each planned
start to its aired start, so late, dropped, extra and moved cues stand out.

**Scale.**  ``Layout.px_per_minute`` pixels per minute of show time (10 by
default, so one pixel is six seconds).  Positions are computed in integer
milliseconds and each pixel value is rounded once, to the nearest pixel
(halves up): a cue starting at ``t`` is drawn from
``x(t) = label_px + round((t - origin_ms) * px_per_minute / 60000)`` to
``x(t + duration)``, where ``origin_ms`` is the show start.

**Placement.**  A cue whose front time and duration are known is drawn where the
timing engine puts it.  Cues the engine cannot place (after a cue of unknown
length, until the next known instant: the end of a budgeted segment, the next
fixed time or the hard out) are laid out in order in the time available:
known durations keep their length, and the cues of unknown length share what
is left equally.  Those blocks are drawn with a dashed outline and no solid
fill, and their hover text says that their place is not known.  Estimated
durations are drawn hatched.

Everything is text the caller writes to a file: no JavaScript, no fonts, no
images and no other resource is fetched to view it.  Every piece of show
text is escaped, and characters XML cannot carry are dropped.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from xml.sax.saxutils import escape

from cuesheet import clock
from cuesheet.model import Cue, CueKind, DurationSource, Role, Show
from cuesheet.timecode import format_duration
from cuesheet.timing import FixedPoint, Timing

MS_PER_MINUTE = 60_000
_UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_NOT_XML_RE = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_CHAR_PX = 7
"""A generous width of one character of 11 px sans-serif text, for cutting labels to fit."""


@dataclass(frozen=True, slots=True)
class Layout:
    """Sizes of the picture, in CSS pixels."""

    px_per_minute: int = 10
    """Horizontal scale: pixels per minute of show time."""
    label_px: int = 230
    """Width of the column of segment names on the left."""
    lane_px: int = 24
    """Height of a segment's planned lane."""
    aired_px: int = 16
    """Height of a segment's as-run lane (drawn only with an as-run)."""
    gap_px: int = 8
    """Space between two segment rows."""
    right_px: int = 48
    """Margin right of the axis end."""
    late_tolerance_ms: int = 10_000
    """An aired cue further than this from its planned start is drawn as late or early (ms)."""
    nominal_ms: int = 2 * MS_PER_MINUTE
    """Length drawn for a cue of unknown length when no time is known to be left for it (ms)."""

    def __post_init__(self) -> None:
        if self.px_per_minute < 1:
            raise ValueError(f"px_per_minute must be at least 1, got {self.px_per_minute}")


class Placement(str, Enum):
    """How sure the drawn position and length of a cue are."""

    TIMED = "timed"
    """Start and length come from the timing engine."""
    FLOATING = "floating"
    """Length known, start not: laid out after cues of unknown length."""
    UNKNOWN = "unknown"
    """Length unknown: drawn in a share of the time left."""


@dataclass(frozen=True, slots=True)
class Block:
    """Where one planned cue is drawn: instants in epoch ms (UTC), lengths in ms."""

    segment_index: int
    cue_index: int
    start_ms: int
    length_ms: int
    placement: Placement
    note: str = ""
    """Why it is drawn there, for the hover text (empty when timed)."""

    @property
    def end_ms(self) -> int:
        """Drawn end instant."""
        return self.start_ms + self.length_ms


@dataclass(frozen=True, slots=True)
class AiredCue:
    """One cue as it aired, and the planned cue it was matched to."""

    title: str
    start_ms: int
    """When it aired, ms since the epoch (UTC)."""
    duration_ms: int | None = None
    """How long it aired, ms; ``None`` when the log does not say (drawn to the next start)."""
    plan: tuple[int, int] | None = None
    """(segment index, cue index) of the planned cue; ``None`` for a cue not in the plan."""
    moved: bool = False
    """True when it aired out of its planned order (moved or swapped)."""


@dataclass(frozen=True, slots=True)
class AsRun:
    """What aired, aligned with the plan.  Planned cues no aired cue names were dropped."""

    cues: tuple[AiredCue, ...]
    source: str = ""
    """Where the log came from, for the caption."""

    def dropped(self, timing: Timing) -> list[tuple[int, int]]:
        """Planned cues (segment index, cue index) that did not air, in running order."""
        aired = {c.plan for c in self.cues if c.plan is not None}
        return [
            (si, ci)
            for si, row in enumerate(timing.cues)
            for ci in range(len(row))
            if (si, ci) not in aired
        ]


@dataclass(frozen=True, slots=True)
class Remark:
    """One finding to list under the picture (from ``cuesheet check``)."""

    severity: str
    """``error``, ``warning`` or ``info``."""
    code: str
    message: str
    segment_index: int | None = None
    cue_index: int | None = None


@dataclass(frozen=True, slots=True)
class _Frame:
    """Vertical and horizontal geometry shared by the drawing functions."""

    layout: Layout
    origin_ms: int
    end_ms: int
    top_px: int
    """y of the first segment row."""
    row_px: int
    width_px: int
    ids: dict[tuple[int, int], str] = field(default_factory=dict)

    def x(self, instant_ms: int) -> int:
        """The x pixel of an instant (rounded once, halves up)."""
        return self.layout.label_px + _nearest(
            (instant_ms - self.origin_ms) * self.layout.px_per_minute, MS_PER_MINUTE
        )

    def row_y(self, segment_index: int) -> int:
        """The top of a segment's row."""
        return self.top_px + segment_index * self.row_px


def _nearest(numerator: int, denominator: int) -> int:
    """``round(numerator / denominator)`` with halves rounding up, in integers."""
    return (2 * numerator + denominator) // (2 * denominator)


# -- placement ------------------------------------------------------------------------------


def place(timing: Timing, layout: Layout = Layout()) -> list[list[Block]]:
    """Where every planned cue is drawn, per segment, per cue (see the module docstring)."""
    show = timing.show
    blocks: list[list[Block | None]] = [[None] * len(s.cues) for s in show.segments]
    pending: list[tuple[int, int]] = []
    run_start: int | None = None
    cursor: int = show.start_ms

    def flush(end_ms: int | None) -> None:
        nonlocal pending, run_start, cursor
        if not pending:
            return
        start = run_start if run_start is not None else cursor
        known = sum(_duration(show, k) or 0 for k in pending)
        unknown = [k for k in pending if _duration(show, k) is None]
        shares: list[int] = []
        note_unknown = ""
        if unknown:
            left = None if end_ms is None else end_ms - start - known
            if left is not None and left >= len(unknown) * 1000:
                base, extra = divmod(left, len(unknown))
                shares = [base + (1 if i < extra else 0) for i in range(len(unknown))]
                note_unknown = (
                    f"length unknown; drawn as a share of the {format_duration(left)} left "
                    f"for {len(unknown)} cue(s) of unknown length"
                )
            else:
                shares = [layout.nominal_ms] * len(unknown)
                note_unknown = (
                    "length unknown and no time is left for it; drawn "
                    f"{format_duration(layout.nominal_ms)} wide"
                    if left is not None
                    else f"length unknown; drawn {format_duration(layout.nominal_ms)} wide"
                )
        share_iter = iter(shares)
        position = start
        for si, ci in pending:
            duration = _duration(show, (si, ci))
            front = timing.cue(si, ci).front_ms
            if duration is None:
                block = Block(si, ci, position, next(share_iter), Placement.UNKNOWN, note_unknown)
            elif front is not None and front == position:
                block = Block(si, ci, position, duration, Placement.TIMED)
            else:
                block = Block(
                    si,
                    ci,
                    position,
                    duration,
                    Placement.FLOATING,
                    "start unknown: it follows cues of unknown length",
                )
            blocks[si][ci] = block
            position = block.end_ms
        cursor = position
        pending, run_start = [], None

    for si, segment in enumerate(show.segments):
        seg = timing.segments[si]
        if seg.start_ms is not None:
            flush(seg.start_ms)
            cursor = seg.start_ms
        for ci, cue in enumerate(segment.cues):
            ct = timing.cue(si, ci)
            if not pending and ct.front_ms is not None and cue.duration_ms is not None:
                blocks[si][ci] = Block(si, ci, ct.front_ms, cue.duration_ms, Placement.TIMED)
                cursor = ct.front_ms + cue.duration_ms
                continue
            if not pending:
                run_start = ct.front_ms if ct.front_ms is not None else cursor
            pending.append((si, ci))
        if seg.end_ms is not None:
            flush(seg.end_ms)
            cursor = seg.end_ms
    hard_out = timing.hard_out
    flush(hard_out.at_ms if hard_out is not None else None)
    return [[b for b in row if b is not None] for row in blocks]


def _duration(show: Show, key: tuple[int, int]) -> int | None:
    return show.segments[key[0]].cues[key[1]].duration_ms


# -- text helpers ---------------------------------------------------------------------------


def _clean(text: str) -> str:
    """Text with the characters XML 1.0 cannot carry removed."""
    return _NOT_XML_RE.sub("", text)


def _text(text: str) -> str:
    """Escaped character data."""
    return escape(_clean(text))


def _attrs(attrs: dict[str, object]) -> str:
    parts = []
    for name, value in attrs.items():
        if value is None or value is False:
            continue
        parts.append(f' {name}="{escape(_clean(str(value)), {chr(34): "&quot;"})}"')
    return "".join(parts)


def _tag(name: str, attrs: dict[str, object], body: str | None = None) -> str:
    """An element; ``body`` is markup already escaped (``None`` for an empty element)."""
    if body is None:
        return f"<{name}{_attrs(attrs)}/>"
    return f"<{name}{_attrs(attrs)}>{body}</{name}>"


def _fit(text: str, width_px: int) -> str:
    """``text`` cut (with an ellipsis) to about ``width_px`` of 11 px text; '' if nothing fits."""
    room = width_px // _CHAR_PX
    if room <= 0:
        return ""
    if len(text) <= room:
        return text
    return text[: room - 1].rstrip() + "…" if room > 1 else ""


def _local(instant_ms: int | None, show: Show) -> str:
    return "?" if instant_ms is None else clock.hhmmss_local(instant_ms, show.timezone)


def _hhmm(instant_ms: int, show: Show) -> str:
    return clock.from_ms(instant_ms, show.timezone).strftime("%H:%M")


def _signed(ms: int) -> str:
    return ("+" if ms > 0 else "-" if ms < 0 else "±") + format_duration(abs(ms))


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
                f"known content overruns by {format_duration(-point.available_ms)}; "
                f"{point.unknown_cues} cue(s) of unknown length",
                "over",
            )
        return (
            f"{point.unknown_cues} cue(s) of unknown length share "
            f"{format_duration(point.available_ms)}",
            "unknown",
        )
    if over > 0:
        return f"over by {format_duration(over)}", "over"
    if over < 0:
        return f"under by {format_duration(-over)}", "under"
    return "on time", "ontime"


def _cue_ids(show: Show) -> dict[tuple[int, int], str]:
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


# -- the SVG ----------------------------------------------------------------------------------

_KINDS = tuple(CueKind)

STYLE = """
.timeline { --bg:#ffffff; --fg:#1c2230; --muted:#5c6675; --grid:#e4e7ec; --row:#f4f6f9;
  --seg:#c9d2df; --music:#3d7bd9; --anthem:#d9960f; --speech:#2e9a68; --effect:#8a57cf;
  --other:#7a8593; --over:#d1383d; --under:#2f7fb0; --ontime:#2e9a68; --unknown:#8a6d00;
  --fixed:#1c2230; --hatch:rgba(255,255,255,.55); --blocktext:#ffffff; --late:#d1383d;
  --early:#2f7fb0; --moved:#e36a00;
  font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Arial, sans-serif;
  font-size: 11px; }
@media screen and (prefers-color-scheme: dark) {
  .timeline { --bg:#14181e; --fg:#e4e8ee; --muted:#9aa4b2; --grid:#2a313b; --row:#1b2129;
    --seg:#3a4656; --music:#5b97ef; --anthem:#e8ad2e; --speech:#3fba82; --effect:#a57ce6;
    --other:#8d99a8; --over:#ff6b6f; --under:#5fb2e6; --ontime:#3fba82; --unknown:#e0c04a;
    --fixed:#e4e8ee; --hatch:rgba(0,0,0,.45); --blocktext:#0d1014; --late:#ff6b6f;
    --early:#5fb2e6; --moved:#ff9a3d; }
}
.timeline .bg { fill: var(--bg); }
.timeline text { fill: var(--fg); }
.timeline .muted, .timeline .axis text { fill: var(--muted); }
.timeline .axis text.caption { fill: var(--fg); font-weight: 600; }
.timeline .grid { stroke: var(--grid); stroke-width: 1; }
.timeline .grid.major { stroke: var(--muted); stroke-opacity: .35; }
.timeline .row { fill: var(--row); }
.timeline .seg { fill: var(--seg); }
.timeline .seg.budget { fill: none; stroke: var(--muted); stroke-dasharray: 4 3; }
.timeline .seg-title { font-weight: 600; }
.timeline .hatch-line { fill: var(--hatch); }
.timeline .hatch-line-k { fill: var(--muted); fill-opacity: .45; }
.timeline .k-music { --k: var(--music); } .timeline .k-anthem { --k: var(--anthem); }
.timeline .k-speech { --k: var(--speech); } .timeline .k-effect { --k: var(--effect); }
.timeline .k-other { --k: var(--other); }
.timeline rect.block { fill: var(--k); stroke: var(--bg); stroke-width: 1; }
.timeline rect.hatch { pointer-events: none; }
.timeline .estimate rect.hatch { fill: url(#hatch); }
.timeline .unknown rect.hatch { fill: url(#hatch-k); }
.timeline .unknown rect.block, .timeline .floating rect.block {
  fill: var(--bg); stroke: var(--k); stroke-width: 1.5; stroke-dasharray: 4 2; }
.timeline .floating rect.block { fill: var(--k); fill-opacity: .3; }
.timeline .cue text { fill: var(--blocktext); font-size: 10px; pointer-events: none; }
.timeline .cue.unknown text, .timeline .cue.floating text { fill: var(--fg); }
.timeline .cue.dropped rect.block { fill-opacity: .35; }
.timeline .cue.dropped text { fill: var(--fg); }
.timeline .cue:target rect.block, .timeline .cue:hover rect.block, .timeline a:focus rect.block {
  stroke: var(--fg); stroke-width: 2; stroke-dasharray: none; }
.timeline .fixed line { stroke: var(--fixed); stroke-width: 1.5; }
.timeline .fixed.hardout line { stroke: var(--over); stroke-width: 2.5; }
.timeline .fixed text.label { font-weight: 600; }
.timeline .over { fill: var(--over); } .timeline .under { fill: var(--under); }
.timeline .ontime { fill: var(--ontime); } .timeline .unknown-text { fill: var(--unknown); }
.timeline text.over, .timeline text.under, .timeline text.ontime { font-weight: 600; }
.timeline rect.overrun { fill: var(--over); fill-opacity: .12; }
.timeline .aired rect.block { fill-opacity: .8; }
.timeline .aired.extra rect.block { fill: var(--bg); stroke: var(--late); stroke-width: 1.5;
  stroke-dasharray: 3 2; }
.timeline .aired.moved rect.block { stroke: var(--moved); stroke-width: 2.5; }
.timeline .aired text { font-size: 9px; }
.timeline .link { stroke: var(--muted); stroke-width: 1; }
.timeline .link.late { stroke: var(--late); stroke-width: 1.5; }
.timeline .link.early { stroke: var(--early); stroke-width: 1.5; }
.timeline .link.moved { stroke: var(--moved); stroke-width: 1.5; }
.timeline text.late { fill: var(--late); font-weight: 600; }
.timeline text.early { fill: var(--early); font-weight: 600; }
.timeline text.moved { fill: var(--moved); font-weight: 600; }
.timeline text.inside { fill: var(--blocktext); }
.timeline .legend text { font-size: 11px; }
.timeline .drop { stroke: var(--late); stroke-width: 2; }
@media print { .timeline .cue:hover rect.block { stroke: var(--bg); stroke-width: 1; } }
"""


def to_svg(
    timing: Timing,
    *,
    as_run: AsRun | None = None,
    layout: Layout = Layout(),
    standalone: bool = True,
) -> str:
    """The picture as SVG text.

    ``standalone`` adds the XML declaration and a title line; the HTML page
    embeds the picture without them.
    """
    show = timing.show
    blocks = place(timing, layout)
    origin = show.start_ms
    end = _axis_end(timing, blocks, as_run)
    width = layout.label_px + layout.right_px
    width += _nearest((end - origin) * layout.px_per_minute, MS_PER_MINUTE)
    labels = _fixed_labels(timing, layout, width)
    levels = max((label.level for label in labels), default=-1) + 1
    title_px = 30 if standalone else 0
    axis_y = title_px + 10 + levels * 28 + 18
    top = axis_y + 14
    row_px = layout.lane_px + layout.gap_px + (layout.aired_px + 4 if as_run else 0)
    frame = _Frame(layout, origin, end, top, row_px, width, _cue_ids(show))
    rows_bottom = top + len(show.segments) * row_px
    legend_y = rows_bottom + 34
    legend, legend_px = _legend(timing, frame, legend_y, as_run is not None)
    height = legend_y + legend_px + 6
    aired_by_plan = (
        {a.plan: a for a in as_run.cues if a.plan is not None} if as_run is not None else None
    )

    out: list[str] = []
    out.append(_tag("rect", {"class": "bg", "x": 0, "y": 0, "width": width, "height": height}))
    if standalone:
        out.append(_title_line(timing))
    out.extend(_rows(timing, frame, rows_bottom))
    out.extend(_axis(show, frame, axis_y, rows_bottom))
    out.extend(_cue_block(timing, frame, b, aired_by_plan) for row in blocks for b in row)
    if as_run is not None:
        out.extend(_aired(timing, frame, blocks, as_run))
    out.extend(_fixed_markers(timing, frame, labels, title_px + 10, rows_bottom))
    out.append(legend)

    defs = (
        "<defs>"
        '<pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect class="hatch-line" width="2.5" height="6"/>'
        "</pattern>"
        '<pattern id="hatch-k" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect class="hatch-line-k" width="1.5" height="6"/>'
        "</pattern>"
        "</defs>"
    )
    label = f"Timeline of {show.title}"
    svg_attrs: dict[str, object] = {
        "xmlns": "http://www.w3.org/2000/svg",
        "class": "timeline",
        "role": "img",
        "aria-label": label,
        "width": width,
        "height": height,
        "viewBox": f"0 0 {width} {height}",
        "data-px-per-minute": layout.px_per_minute,
        "data-origin-ms": origin,
        "data-label-px": layout.label_px,
    }
    body = (
        f"<svg{_attrs(svg_attrs)}>"
        + _tag("title", {}, _text(label))
        + f"<style>{STYLE}</style>"
        + defs
        + "".join(out)
        + "</svg>"
    )
    if standalone:
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
    return body


def _axis_end(timing: Timing, blocks: list[list[Block]], as_run: AsRun | None) -> int:
    """The instant at the right end of the axis: the hard out, unless something runs past it."""
    show = timing.show
    candidates = [show.start_ms + MS_PER_MINUTE]
    candidates += [p.at_ms for p in timing.fixed]
    candidates += [b.end_ms for row in blocks for b in row]
    if timing.end_ms is not None:
        candidates.append(timing.end_ms)
    if as_run is not None:
        for aired in as_run.cues:
            candidates.append(aired.start_ms + (aired.duration_ms or 0))
    return max(candidates)


def _title_line(timing: Timing) -> str:
    show = timing.show
    when = clock.iso_local(show.start_ms, show.timezone)
    where = f"{show.venue} · " if show.venue else ""
    return _tag(
        "text",
        {"x": 12, "y": 21, "class": "seg-title", "font-size": 15},
        _text(f"{show.title} — {where}{when} ({show.timezone})"),
    )


def _rows(timing: Timing, frame: _Frame, rows_bottom: int) -> list[str]:
    """Row backgrounds, segment names on the left and each segment's span."""
    show = timing.show
    layout = frame.layout
    out: list[str] = []
    for si, segment in enumerate(show.segments):
        y = frame.row_y(si)
        seg = timing.segments[si]
        height = frame.row_px - layout.gap_px
        out.append(
            _tag(
                "rect",
                {
                    "class": "row",
                    "x": 0,
                    "y": y - 2,
                    "width": frame.width_px,
                    "height": height + 4,
                },
            )
        )
        detail = _local(seg.start_ms, show) if seg.start_ms is not None else "start unknown"
        if segment.budget_ms is not None:
            detail += f" · budget {format_duration(segment.budget_ms)}"
            if seg.over_budget_ms is not None and seg.over_budget_ms > 0:
                detail += f", over by {format_duration(seg.over_budget_ms)}"
        elif seg.length_ms is not None:
            detail += f" · {format_duration(seg.length_ms)}"
        hover = f"{segment.title}\nStart {detail}"
        if segment.at_ms is not None:
            hover += f"\nFixed at {_local(segment.at_ms, show)} ({segment.at_label or 'fixed'})"
        if segment.notes:
            hover += f"\n{segment.notes}"
        out.append(
            _tag(
                "g",
                {"id": f"segment-{si + 1}", "class": "segment"},
                _tag("title", {}, _text(hover))
                + _tag(
                    "text",
                    {"x": 8, "y": y + 10, "class": "seg-title"},
                    _text(_fit(segment.title, layout.label_px - 14)),
                )
                + _tag(
                    "text",
                    {"x": 8, "y": y + 22, "class": "muted", "font-size": 10},
                    _text(_fit(detail, layout.label_px - 14)),
                )
                + _segment_span(timing, frame, si, y),
            )
        )
    out.append(
        _tag(
            "line",
            {
                "class": "grid major",
                "x1": layout.label_px,
                "y1": frame.top_px - 4,
                "x2": layout.label_px,
                "y2": rows_bottom,
            },
        )
    )
    return out


def _segment_span(timing: Timing, frame: _Frame, si: int, y: int) -> str:
    """A thin bar under a segment's lane from its start to its end (dashed for a budget)."""
    seg = timing.segments[si]
    segment = timing.show.segments[si]
    if seg.start_ms is None:
        return ""
    out = ""
    bar_y = y + frame.layout.lane_px + 1
    if seg.end_ms is not None:
        x1, x2 = frame.x(seg.start_ms), frame.x(seg.end_ms)
        out += _tag(
            "rect", {"class": "seg", "x": x1, "y": bar_y, "width": max(x2 - x1, 1), "height": 3}
        )
    if segment.budget_ms is not None:
        x1, x2 = frame.x(seg.start_ms), frame.x(seg.start_ms + segment.budget_ms)
        out += _tag(
            "rect",
            {
                "class": "seg budget",
                "x": x1,
                "y": y - 1,
                "width": max(x2 - x1, 1),
                "height": frame.layout.lane_px + 2,
            },
        )
    return out


def _axis(show: Show, frame: _Frame, axis_y: int, rows_bottom: int) -> list[str]:
    """Grid lines and local-time labels on top, UTC labels along the bottom."""
    layout = frame.layout
    label_step = next(
        (m for m in (1, 2, 5, 10, 15, 30, 60, 120, 240) if m * layout.px_per_minute >= 64), 480
    )
    minor_step = next(
        (
            m
            for m in (1, 5, 10, 15, 30, 60)
            if label_step % m == 0 and m * layout.px_per_minute >= 20
        ),
        label_step,
    )
    offset_ms = _offset_ms(show, frame.origin_ms)
    out: list[str] = []
    step = minor_step * MS_PER_MINUTE
    local_origin = frame.origin_ms + offset_ms
    first = -(-local_origin // step) * step - offset_ms
    instant = first
    labels: list[str] = []
    while instant <= frame.end_ms:
        x = frame.x(instant)
        local_minutes = (instant + offset_ms) // MS_PER_MINUTE
        major = local_minutes % label_step == 0
        out.append(
            _tag(
                "line",
                {
                    "class": "grid major" if major else "grid",
                    "x1": x,
                    "y1": axis_y + (4 if major else 8),
                    "x2": x,
                    "y2": rows_bottom,
                },
            )
        )
        if major:
            labels.append(
                _tag("text", {"x": x, "y": axis_y, "text-anchor": "middle"}, _hhmm(instant, show))
            )
            labels.append(
                _tag(
                    "text",
                    {"x": x, "y": rows_bottom + 14, "text-anchor": "middle", "font-size": 10},
                    clock.hhmm_utc(instant),
                )
            )
        instant += step
    offset = clock.utc_offset(frame.origin_ms, show.timezone)
    labels.append(
        _tag(
            "text",
            {"x": 8, "y": axis_y - 13, "class": "caption"},
            _text(_fit(show.timezone, layout.label_px - 16)),
        )
    )
    labels.append(
        _tag("text", {"x": 8, "y": axis_y, "class": "caption"}, _text(f"Local time, {offset}"))
    )
    labels.append(
        _tag("text", {"x": 8, "y": rows_bottom + 14, "class": "caption", "font-size": 10}, "UTC")
    )
    return [*out, _tag("g", {"class": "axis"}, "".join(labels))]


def _offset_ms(show: Show, instant_ms: int) -> int:
    offset = clock.from_ms(instant_ms, show.timezone).utcoffset()
    assert offset is not None
    return (offset.days * 86_400 + offset.seconds) * 1000


def _cue_hover(timing: Timing, block: Block, aired: AiredCue | None, dropped: bool) -> str:
    show = timing.show
    cue = show.segments[block.segment_index].cues[block.cue_index]
    ct = timing.cue(block.segment_index, block.cue_index)
    lines = [f"{cue.number}  {cue.title}"]
    credits = credits_text(cue)
    if credits:
        lines.append(credits)
    lines.append(f"{cue.kind.value} · {show.segments[block.segment_index].title}")
    if ct.front_ms is not None:
        lines.append(
            f"Start {_local(ct.front_ms, show)} ({clock.hhmm_utc(ct.front_ms)})"
            + (f", latest {_local(ct.back_ms, show)}" if ct.back_ms is not None else "")
        )
    else:
        lines.append("Start unknown")
    if cue.duration_ms is not None:
        source = cue.duration_source.value if cue.duration_source else "planned"
        lines.append(f"Duration {format_duration(cue.duration_ms)} ({source})")
    else:
        lines.append("Duration unknown")
    if block.note:
        lines.append(block.note)
    if dropped:
        lines.append("Did not air (dropped)")
    elif aired is not None:
        lines.append(f"Aired {_local(aired.start_ms, show)}" + (" (moved)" if aired.moved else ""))
    url = musicbrainz_url(cue)
    if url:
        lines.append(url)
    return "\n".join(lines)


def _cue_block(
    timing: Timing,
    frame: _Frame,
    block: Block,
    aired_by_plan: dict[tuple[int, int], AiredCue] | None,
) -> str:
    """One planned cue: its block, label and hover text, linked to MusicBrainz when known."""
    show = timing.show
    layout = frame.layout
    cue = show.segments[block.segment_index].cues[block.cue_index]
    key = (block.segment_index, block.cue_index)
    aired = None
    dropped = False
    if aired_by_plan is not None:
        aired = aired_by_plan.get(key)
        dropped = aired is None
    x1, x2 = frame.x(block.start_ms), frame.x(block.end_ms)
    y = frame.row_y(block.segment_index)
    width = max(x2 - x1, 1)
    classes = ["cue", f"k-{cue.kind.value}"]
    if block.placement is not Placement.TIMED:
        classes.append(block.placement.value)
    if block.placement is not Placement.UNKNOWN and cue.duration_source is DurationSource.ESTIMATE:
        classes.append("estimate")
    if dropped:
        classes.append("dropped")
    body = _tag("title", {}, _text(_cue_hover(timing, block, aired, dropped)))
    body += _tag(
        "rect",
        {
            "class": "block",
            "x": x1,
            "y": y,
            "width": width,
            "height": layout.lane_px,
            "rx": 2,
            "data-start-ms": block.start_ms,
            "data-length-ms": block.length_ms,
        },
    )
    if "estimate" in classes or "unknown" in classes:
        body += _tag(
            "rect",
            {"class": "hatch", "x": x1, "y": y, "width": width, "height": layout.lane_px},
        )
    label = _block_label(cue, width, block.placement)
    if label:
        body += _tag("text", {"x": x1 + 3, "y": y + layout.lane_px // 2 + 4}, _text(label))
    if dropped:
        body += _tag(
            "line", {"x1": x1, "y1": y + layout.lane_px, "x2": x2, "y2": y, "class": "drop"}
        )
    group = _tag(
        "g",
        {
            "id": frame.ids[key],
            "class": " ".join(classes),
            "data-segment": block.segment_index,
            "data-cue": block.cue_index,
            "data-placement": block.placement.value,
        },
        body,
    )
    url = musicbrainz_url(cue)
    if url:
        return _tag("a", {"href": url, "target": "_blank", "rel": "noopener"}, group)
    return group


def _block_label(cue: Cue, width: int, placement: Placement) -> str:
    mark = "?" if placement is Placement.UNKNOWN else ""
    whole = f"{cue.number}{mark} {cue.title}"
    if width - 6 >= len(whole) * _CHAR_PX:
        return whole
    if width - 6 >= (len(cue.number) + len(mark) + 4) * _CHAR_PX:
        return _fit(whole, width - 6)
    if width - 4 >= (len(cue.number) + len(mark)) * 6:
        return cue.number + mark
    return ""


def _aired(timing: Timing, frame: _Frame, blocks: list[list[Block]], as_run: AsRun) -> list[str]:
    """The as-run lane of every row, joined to the plan."""
    show = timing.show
    layout = frame.layout
    out: list[str] = []
    row_of_last = 0
    by_key = {(b.segment_index, b.cue_index): b for row in blocks for b in row}
    starts = sorted(a.start_ms for a in as_run.cues)
    for index, aired in enumerate(as_run.cues):
        if aired.plan is not None:
            row_of_last = aired.plan[0]
        si = row_of_last
        y = frame.row_y(si) + layout.lane_px + 6
        length = aired.duration_ms
        after_own = bisect.bisect_right(starts, aired.start_ms)
        if length is None:
            length = (
                starts[after_own] - aired.start_ms if after_own < len(starts) else layout.nominal_ms
            )
        x1, x2 = frame.x(aired.start_ms), frame.x(aired.start_ms + length)
        width = max(x2 - x1, 1)
        classes = ["aired"]
        kind = CueKind.OTHER
        link = ""
        deviation_text = ""
        deviation_class = ""
        cue: Cue | None = None
        if aired.plan is None:
            classes.append("extra")
            deviation_text, deviation_class = "extra", "late"
        else:
            cue = show.segments[aired.plan[0]].cues[aired.plan[1]]
            kind = cue.kind
            planned = by_key[aired.plan]
            delta = aired.start_ms - planned.start_ms
            deviation_class = (
                "late"
                if delta > layout.late_tolerance_ms
                else "early"
                if delta < -layout.late_tolerance_ms
                else ""
            )
            if deviation_class:
                deviation_text = _signed(delta)
            if aired.moved:
                classes.append("moved")
                deviation_text = ("moved " + deviation_text).strip()
                deviation_class = "moved"
            px, py = frame.x(planned.start_ms), frame.row_y(planned.segment_index) + layout.lane_px
            link = _tag(
                "line",
                {
                    "class": f"link {deviation_class}".strip(),
                    "x1": px,
                    "y1": py,
                    "x2": x1,
                    "y2": y,
                },
            )
        classes.append(f"k-{kind.value}")
        hover = f"Aired {_local(aired.start_ms, show)} ({clock.hhmm_utc(aired.start_ms)}): "
        hover += aired.title
        if aired.duration_ms is not None:
            hover += f"\nDuration {format_duration(aired.duration_ms)}"
        if cue is not None:
            planned_block = by_key[aired.plan] if aired.plan is not None else None
            if planned_block is not None:
                hover += (
                    f"\nPlanned cue {cue.number} at {_local(planned_block.start_ms, show)}"
                    f" ({_signed(aired.start_ms - planned_block.start_ms)})"
                )
            if aired.moved:
                hover += "\nAired out of its planned order"
        else:
            hover += "\nNot in the plan (extra)"
        body = _tag("title", {}, _text(hover)) + _tag(
            "rect",
            {
                "class": "block",
                "x": x1,
                "y": y,
                "width": width,
                "height": layout.aired_px,
                "rx": 2,
                "data-start-ms": aired.start_ms,
                "data-length-ms": length,
            },
        )
        if deviation_text:
            room = (frame.x(starts[after_own]) if after_own < len(starts) else frame.width_px) - x2
            if room >= len(deviation_text) * 6 + 6:
                text_x = x2 + 3
            elif width >= len(deviation_text) * 6 + 6:
                text_x = x1 + 3
                deviation_class += " inside"
            else:
                text_x = None
            if text_x is not None:
                body += _tag(
                    "text",
                    {"x": text_x, "y": y + layout.aired_px - 4, "class": deviation_class},
                    _text(deviation_text),
                )
        out.append(link)
        out.append(_tag("g", {"id": f"aired-{index + 1}", "class": " ".join(classes)}, body))
    for si, ci in as_run.dropped(timing):
        block = by_key[(si, ci)]
        y = frame.row_y(si) + layout.lane_px + 6
        x = (frame.x(block.start_ms) + frame.x(block.end_ms)) // 2
        out.append(
            _tag(
                "g",
                {"class": "aired dropped"},
                _tag("title", {}, _text(f"Cue {show.segments[si].cues[ci].number} did not air"))
                + _tag(
                    "text",
                    {
                        "x": x,
                        "y": y + layout.aired_px - 4,
                        "class": "late",
                        "text-anchor": "middle",
                    },
                    "✕",
                ),
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class _Label:
    """Where a fixed point's two lines of text go: which line band, and on which side."""

    point: FixedPoint
    level: int
    """0 for the top band."""
    anchor: str
    """``start`` (text right of the marker) or ``end`` (left of it, near the right edge)."""
    head: str
    status: str
    css: str


def _fixed_labels(timing: Timing, layout: Layout, width_px: int) -> list[_Label]:
    """Each fixed point's label, put on the first band where it overlaps no other label."""
    show = timing.show
    labels: list[_Label] = []
    level_spans: list[list[tuple[int, int]]] = []
    for point in sorted(timing.fixed, key=lambda p: p.at_ms):
        x = layout.label_px + _nearest(
            (point.at_ms - show.start_ms) * layout.px_per_minute, MS_PER_MINUTE
        )
        status, css = fixed_point_status(point)
        if point.reached_ms is not None:
            status = f"reached {_local(point.reached_ms, show)} · {status}"
        head = f"{_hhmm(point.at_ms, show)} {point.label}"
        text_px = max(len(head), len(status)) * _CHAR_PX
        anchor = "start" if x + 4 + text_px <= width_px else "end"
        span = (x, x + 4 + text_px) if anchor == "start" else (x - 4 - text_px, x)
        level = next(
            (
                n
                for n, spans in enumerate(level_spans)
                if all(span[1] + 12 < lo or span[0] > hi + 12 for lo, hi in spans)
            ),
            len(level_spans),
        )
        if level == len(level_spans):
            level_spans.append([])
        level_spans[level].append(span)
        labels.append(_Label(point, level, anchor, head, status, css))
    return labels


def _fixed_markers(
    timing: Timing, frame: _Frame, labels: list[_Label], labels_top: int, rows_bottom: int
) -> list[str]:
    """Vertical markers at every fixed time, with their label and over/under text."""
    show = timing.show
    out: list[str] = []
    hard_out = timing.hard_out
    if hard_out is not None and frame.end_ms > hard_out.at_ms:
        x1, x2 = frame.x(hard_out.at_ms), frame.x(frame.end_ms)
        out.append(
            _tag(
                "rect",
                {
                    "class": "overrun",
                    "x": x1,
                    "y": frame.top_px - 4,
                    "width": x2 - x1,
                    "height": rows_bottom - frame.top_px + 4,
                },
            )
        )
    for n, label in enumerate(labels):
        point = label.point
        x = frame.x(point.at_ms)
        y_label = labels_top + label.level * 28 + 11
        is_hard_out = point.segment_index is None
        text_x = x + 4 if label.anchor == "start" else x - 4
        hover = f"{point.label}: {clock.iso_local(point.at_ms, show.timezone)} "
        hover += f"({clock.hhmm_utc(point.at_ms)})\n{label.status}"
        hover += f"\nKnown content since {_local(point.previous_ms, show)}: "
        hover += format_duration(point.known_ms)
        if point.unknown_cues:
            hover += f", and {point.unknown_cues} cue(s) of unknown length"
        body = _tag("title", {}, _text(hover))
        body += _tag("line", {"x1": x, "y1": y_label - 10, "x2": x, "y2": rows_bottom})
        body += _tag(
            "text",
            {"x": text_x, "y": y_label, "text-anchor": label.anchor, "class": "label"},
            _text(label.head),
        )
        body += _tag(
            "text",
            {
                "x": text_x,
                "y": y_label + 12,
                "text-anchor": label.anchor,
                "class": "unknown-text" if label.css == "unknown" else label.css,
            },
            _text(label.status),
        )
        if point.reached_ms is not None and point.reached_ms != point.at_ms:
            rx = frame.x(point.reached_ms)
            left, right = min(x, rx), max(x, rx)
            body += _tag(
                "rect",
                {
                    "class": f"slip {label.css}",
                    "x": left,
                    "y": frame.top_px - 8,
                    "width": max(right - left, 1),
                    "height": 3,
                },
            )
        out.append(
            _tag(
                "g",
                {
                    "id": "hard-out" if is_hard_out else f"fixed-{n + 1}",
                    "class": "fixed hardout" if is_hard_out else "fixed",
                    "data-at-ms": point.at_ms,
                },
                body,
            )
        )
    return out


def _legend(timing: Timing, frame: _Frame, y: int, with_as_run: bool) -> tuple[str, int]:
    """The key to the colours and marks, wrapped to the picture's width; (markup, height)."""
    layout = frame.layout
    kinds = [k for k in _KINDS if any(c.kind is k for _, c in timing.show.cues())]
    items: list[tuple[str, str]] = [(f"swatch k-{k.value}", k.value) for k in kinds]
    items.append(("swatch estimate k-other", "estimated length"))
    items.append(("swatch unknown k-other", "unknown length or start"))
    if with_as_run:
        items.append(("swatch aired k-other", "as aired (lower lane)"))
        items.append(("swatch aired moved k-other", "aired out of order"))
        items.append(("swatch aired extra", "not in the plan"))
        items.append(("swatch dropmark", "did not air"))
    out = [
        _tag(
            "text",
            {"x": 8, "y": y + 11, "class": "muted"},
            _text(f"Scale: {layout.px_per_minute} px per minute"),
        )
    ]
    x, line_y = layout.label_px, y
    for css, label in items:
        item_px = 28 + len(label) * _CHAR_PX + 16
        if x + item_px > frame.width_px and x > layout.label_px:
            x, line_y = layout.label_px, line_y + 20
        if css == "swatch dropmark":
            body = _tag(
                "text",
                {"x": x + 11, "y": line_y + 12, "class": "late", "text-anchor": "middle"},
                "✕",
            )
        else:
            body = _tag(
                "rect",
                {"class": "block", "x": x, "y": line_y, "width": 22, "height": 14, "rx": 2},
            )
        if "estimate" in css or "unknown" in css:
            body += _tag("rect", {"class": "hatch", "x": x, "y": line_y, "width": 22, "height": 14})
        body += _tag("text", {"x": x + 28, "y": line_y + 11}, _text(label))
        out.append(_tag("g", {"class": css}, body))
        x += item_px
    return _tag("g", {"class": "legend"}, "".join(out)), line_y - y + 20


# -- the HTML page ----------------------------------------------------------------------------

PAGE_STYLE = """
:root { color-scheme: light dark; --bg:#ffffff; --fg:#1c2230; --muted:#5c6675; --line:#e4e7ec;
  --error:#d1383d; --warning:#b97800; --info:#2f7fb0; --link:#2b63b8; }
@media screen and (prefers-color-scheme: dark) {
  :root { --bg:#14181e; --fg:#e4e8ee; --muted:#9aa4b2; --line:#2a313b; --error:#ff6b6f;
    --warning:#e8ad2e; --info:#5fb2e6; --link:#7fb0ff; }
}
html { background: var(--bg); color: var(--fg); }
body { margin: 0 auto; padding: 16px 20px 32px; max-width: none;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Arial, sans-serif; }
h1 { font-size: 20px; margin: 0 0 2px; }
h2 { font-size: 16px; margin: 20px 0 6px; }
p.meta { margin: 0 0 10px; color: var(--muted); }
a { color: var(--link); }
.picture { overflow-x: auto; border: 1px solid var(--line); border-radius: 4px; }
.picture svg { display: block; }
table.fixed { border-collapse: collapse; margin: 6px 0; }
table.fixed th, table.fixed td { padding: 3px 10px 3px 0; text-align: left;
  border-bottom: 1px solid var(--line); font-variant-numeric: tabular-nums; }
.over { color: var(--error); font-weight: 600; }
.under { color: var(--info); font-weight: 600; }
.ontime { color: var(--muted); }
.unknown { color: var(--warning); }
ol.findings { padding-left: 22px; margin: 6px 0; }
ol.findings li { margin: 2px 0; }
.sev { display: inline-block; min-width: 56px; font-weight: 600; font-size: 12px;
  text-transform: uppercase; }
.sev-error .sev { color: var(--error); } .sev-warning .sev { color: var(--warning); }
.sev-info .sev { color: var(--info); }
code { font-size: 12px; }
footer { margin-top: 18px; color: var(--muted); font-size: 12px; }
@page { size: A4 landscape; margin: 10mm; }
@media print {
  html, body { background: #fff; color: #000; }
  body { padding: 0; font-size: 10pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .picture { overflow: visible; border: none; }
  .picture svg { width: 100%; height: auto; }
  h2, table.fixed, ol.findings li { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


def to_html(
    timing: Timing,
    *,
    findings: Sequence[Remark] = (),
    as_run: AsRun | None = None,
    layout: Layout = Layout(),
    generator: str = "cuesheet",
) -> str:
    """A self-contained HTML page: heading, the picture, fixed times, and the findings."""
    show = timing.show
    ids = _cue_ids(show)
    start = clock.iso_local(show.start_ms, show.timezone)
    offset = clock.utc_offset(show.start_ms, show.timezone)
    meta = [show.venue] if show.venue else []
    meta.append(f"{start} ({show.timezone}, {offset}; {clock.hhmm_utc(show.start_ms)})")
    if timing.end_ms is not None:
        meta.append(f"ends {_local(timing.end_ms, show)}")
    cue_count = sum(len(s.cues) for s in show.segments)
    meta.append(f"{len(show.segments)} segments, {cue_count} cues")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light dark">',
        _tag("meta", {"name": "generator", "content": generator}),
        _tag("title", {}, _text(f"{show.title} — timeline")),
        f"<style>{PAGE_STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        _tag("h1", {}, _text(show.title)),
        _tag("p", {"class": "meta"}, _text(" · ".join(meta))),
        "</header>",
        "<main>",
        _tag(
            "div",
            {"class": "picture"},
            to_svg(timing, as_run=as_run, layout=layout, standalone=False),
        ),
        _fixed_table(timing),
    ]
    if as_run is not None:
        parts.append(_as_run_summary(timing, as_run, ids))
    parts.append(_findings_list(show, findings, ids))
    parts.append("</main>")
    parts.append(
        _tag(
            "footer",
            {},
            _text(
                f"Made by {generator}. Hover a cue for its credits, times and MusicBrainz link; "
                f"one pixel is {_px_meaning(layout)} of show time."
            ),
        )
    )
    parts.append("</body>")
    parts.append("</html>")
    return "\n".join(parts) + "\n"


def _px_meaning(layout: Layout) -> str:
    ms = MS_PER_MINUTE // layout.px_per_minute
    return f"{ms / 1000:g} s" if ms % 1000 else f"{ms // 1000} s"


def _fixed_table(timing: Timing) -> str:
    show = timing.show
    if not timing.fixed:
        return ""
    rows = ["<tr><th>Fixed time</th><th>At</th><th>Reached</th><th>How</th></tr>"]
    for point in timing.fixed:
        status, css = fixed_point_status(point)
        rows.append(
            "<tr>"
            + _tag("td", {}, _text(point.label))
            + _tag(
                "td",
                {},
                _text(f"{_local(point.at_ms, show)} ({clock.hhmm_utc(point.at_ms)})"),
            )
            + _tag("td", {}, _text(_local(point.reached_ms, show)))
            + _tag("td", {"class": css}, _text(status))
            + "</tr>"
        )
    return "<h2>Fixed times</h2>" + _tag("table", {"class": "fixed"}, "".join(rows))


def _as_run_summary(timing: Timing, as_run: AsRun, ids: dict[tuple[int, int], str]) -> str:
    show = timing.show
    dropped = as_run.dropped(timing)
    extra = [a for a in as_run.cues if a.plan is None]
    moved = [a for a in as_run.cues if a.moved]
    items = []
    for si, ci in dropped:
        cue = show.segments[si].cues[ci]
        items.append(
            _tag("li", {}, "Dropped: " + _cue_link(ids[(si, ci)], cue) + _text(f" {cue.title}"))
        )
    for aired in moved:
        assert aired.plan is not None
        cue = show.segments[aired.plan[0]].cues[aired.plan[1]]
        items.append(
            _tag(
                "li",
                {},
                "Out of order: "
                + _cue_link(ids[aired.plan], cue)
                + _text(f" {cue.title}, aired {_local(aired.start_ms, show)}"),
            )
        )
    for aired in extra:
        items.append(
            _tag(
                "li",
                {},
                _text(f"Not in the plan: {aired.title}, aired {_local(aired.start_ms, show)}"),
            )
        )
    source = f" ({as_run.source})" if as_run.source else ""
    summary = _text(
        f"{len(as_run.cues)} cues aired{source}: {len(dropped)} dropped, "
        f"{len(moved)} out of order, {len(extra)} not in the plan."
    )
    return (
        "<h2>As run</h2>"
        + _tag("p", {}, summary)
        + (_tag("ul", {}, "".join(items)) if items else "")
    )


def _cue_link(element_id: str, cue: Cue) -> str:
    return _tag("a", {"href": f"#{element_id}"}, _text(f"cue {cue.number}"))


def _findings_list(show: Show, findings: Iterable[Remark], ids: dict[tuple[int, int], str]) -> str:
    found = list(findings)
    if not found:
        return ""
    items = []
    for n, remark in enumerate(found):
        where = ""
        if remark.segment_index is not None and remark.cue_index is not None:
            key = (remark.segment_index, remark.cue_index)
            if key in ids:
                cue = show.segments[key[0]].cues[key[1]]
                where = _cue_link(ids[key], cue) + " "
        elif remark.segment_index is not None and 0 <= remark.segment_index < len(show.segments):
            title = show.segments[remark.segment_index].title
            where = _tag("a", {"href": f"#segment-{remark.segment_index + 1}"}, _text(title)) + " "
        items.append(
            _tag(
                "li",
                {"id": f"finding-{n + 1}", "class": f"sev-{remark.severity}"},
                _tag("span", {"class": "sev"}, _text(remark.severity))
                + " "
                + _tag("code", {}, _text(remark.code))
                + " "
                + where
                + _text(remark.message),
            )
        )
    return f"<h2>Findings ({len(found)})</h2>" + _tag("ol", {"class": "findings"}, "".join(items))
