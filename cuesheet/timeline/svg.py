"""The picture as SVG: a local-time axis, one row per segment, a block per cue.

See :mod:`cuesheet.timeline` for what is drawn and the scale.  Drawing order
matters for hovering: rows and grid first, then cue blocks, then the aired
lane, then the fixed-time markers (which ignore the pointer).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from cuesheet.model import Cue, CueKind, DurationSource, Show
from cuesheet.timeline.markup import (
    CHAR_PX,
    attrs,
    credits_text,
    cue_ids,
    esc,
    fit,
    fixed_point_status,
    hhmm,
    local,
    musicbrainz_url,
    signed,
    tag,
)
from cuesheet.timeline.model import (
    DEFAULT_LAYOUT,
    MS_PER_MINUTE,
    AiredCue,
    AiredLane,
    Block,
    Layout,
    Order,
    Placement,
    nearest,
)
from cuesheet.timeline.place import place
from cuesheet.timeline.style import SVG_STYLE
from cuesheet.timing import clock
from cuesheet.timing.engine import FixedPoint, Timing
from cuesheet.timing.timecode import format_rounded_duration

_KINDS = tuple(CueKind)


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
        return self.layout.label_px + nearest(
            (instant_ms - self.origin_ms) * self.layout.px_per_minute, MS_PER_MINUTE
        )

    def row_y(self, segment_index: int) -> int:
        """The top of a segment's row."""
        return self.top_px + segment_index * self.row_px


def to_svg(
    timing: Timing,
    *,
    as_run: AiredLane | None = None,
    layout: Layout = DEFAULT_LAYOUT,
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
    width += nearest((end - origin) * layout.px_per_minute, MS_PER_MINUTE)
    labels = _fixed_labels(timing, layout, width, as_run)
    band_px = 40 if as_run is not None else 28
    levels = max((label.level for label in labels), default=-1) + 1
    title_px = 30 if standalone else 0
    axis_y = title_px + 10 + levels * band_px + 18
    top = axis_y + 14
    row_px = layout.lane_px + layout.gap_px + (layout.aired_px + 4 if as_run else 0)
    frame = _Frame(layout, origin, end, top, row_px, width, cue_ids(show))
    rows_bottom = top + len(show.segments) * row_px
    legend_y = rows_bottom + 34
    legend, legend_px = _legend(timing, frame, legend_y, as_run is not None)
    height = legend_y + legend_px + 6
    aired_by_plan = (
        {a.plan: a for a in as_run.cues if a.plan is not None} if as_run is not None else None
    )

    out: list[str] = []
    out.append(tag("rect", {"class": "bg", "x": 0, "y": 0, "width": width, "height": height}))
    if standalone:
        out.append(_title_line(timing))
    out.extend(_rows(timing, frame, rows_bottom))
    out.extend(_axis(show, frame, axis_y, rows_bottom))
    out.extend(_cue_block(timing, frame, b, aired_by_plan) for row in blocks for b in row)
    if as_run is not None:
        out.extend(_aired(timing, frame, blocks, as_run))
    out.extend(_fixed_markers(timing, frame, labels, title_px + 10, band_px, rows_bottom))
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
        f"<svg{attrs(svg_attrs)}>"
        + tag("title", {}, esc(label))
        + f"<style>{SVG_STYLE}</style>"
        + defs
        + "".join(out)
        + "</svg>"
    )
    if standalone:
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
    return body


def _axis_end(timing: Timing, blocks: list[list[Block]], as_run: AiredLane | None) -> int:
    """The instant at the right end of the axis: the hard out, unless something runs past it."""
    show = timing.show
    candidates = [show.start_ms + MS_PER_MINUTE]
    candidates += [p.at_ms for p in timing.fixed]
    candidates += [b.end_ms for row in blocks for b in row]
    if timing.end_ms is not None:
        candidates.append(timing.end_ms)
    if as_run is not None:
        for aired in as_run.cues:
            if aired.start_ms is not None:
                candidates.append(aired.start_ms + (aired.duration_ms or 0))
    return max(candidates)


def _title_line(timing: Timing) -> str:
    show = timing.show
    when = clock.iso_local(show.start_ms, show.timezone) if show.dated else "no date"
    where = f"{show.venue} · " if show.venue else ""
    return tag(
        "text",
        {"x": 12, "y": 21, "class": "seg-title", "font-size": 15},
        esc(f"{show.title} — {where}{when} ({show.timezone})"),
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
            tag(
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
        detail = local(seg.start_ms, show) if seg.start_ms is not None else "start unknown"
        if segment.budget_ms is not None:
            detail += f" · budget {format_rounded_duration(segment.budget_ms)}"
            if seg.over_budget_ms is not None and seg.over_budget_ms > 0:
                detail += f" · over {format_rounded_duration(seg.over_budget_ms)}"
        elif seg.length_ms is not None:
            detail += f" · {format_rounded_duration(seg.length_ms)}"
        hover = f"{segment.title}\nStart {detail}"
        if segment.at_ms is not None:
            hover += f"\nFixed at {local(segment.at_ms, show)} ({segment.at_label or 'fixed'})"
        if segment.notes:
            hover += f"\n{segment.notes}"
        out.append(
            tag(
                "g",
                {"id": f"segment-{si + 1}", "class": "segment"},
                tag("title", {}, esc(hover))
                + tag(
                    "text",
                    {"x": 8, "y": y + 10, "class": "seg-title"},
                    esc(fit(segment.title, layout.label_px - 14)),
                )
                + tag(
                    "text",
                    {"x": 8, "y": y + 22, "class": "muted", "font-size": 10},
                    esc(fit(detail, layout.label_px - 14)),
                )
                + _segment_span(timing, frame, si, y),
            )
        )
    out.append(
        tag(
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
        out += tag(
            "rect", {"class": "seg", "x": x1, "y": bar_y, "width": max(x2 - x1, 1), "height": 3}
        )
    if segment.budget_ms is not None:
        x1, x2 = frame.x(seg.start_ms), frame.x(seg.start_ms + segment.budget_ms)
        out += tag(
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
    offset_ms = clock.utc_offset_ms(frame.origin_ms, show.timezone)
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
            tag(
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
                tag("text", {"x": x, "y": axis_y, "text-anchor": "middle"}, hhmm(instant, show))
            )
            labels.append(
                tag(
                    "text",
                    {"x": x, "y": rows_bottom + 14, "text-anchor": "middle", "font-size": 10},
                    clock.hhmm_utc(instant),
                )
            )
        instant += step
    offset = clock.utc_offset(frame.origin_ms, show.timezone)
    labels.append(
        tag(
            "text",
            {"x": 8, "y": axis_y - 13, "class": "caption"},
            esc(fit(show.timezone, layout.label_px - 16)),
        )
    )
    labels.append(
        tag("text", {"x": 8, "y": axis_y, "class": "caption"}, esc(f"Local time, {offset}"))
    )
    labels.append(
        tag("text", {"x": 8, "y": rows_bottom + 14, "class": "caption", "font-size": 10}, "UTC")
    )
    return [*out, tag("g", {"class": "axis"}, "".join(labels))]


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
            f"Start {local(ct.front_ms, show)} ({clock.hhmm_utc(ct.front_ms)})"
            + (f", latest {local(ct.back_ms, show)}" if ct.back_ms is not None else "")
        )
    else:
        lines.append("Start unknown")
    if cue.duration_ms is not None:
        source = cue.duration_source.value if cue.duration_source else "planned"
        lines.append(f"Duration {format_rounded_duration(cue.duration_ms)} ({source})")
    else:
        lines.append("Duration unknown")
    if block.note:
        lines.append(block.note)
    if dropped:
        lines.append("Did not air (dropped)")
    elif aired is not None:
        when = local(aired.start_ms, show) if aired.start_ms is not None else "(time not logged)"
        order = "" if aired.order is Order.IN_ORDER else f" ({aired.order.value})"
        lines.append(f"Aired {when}{order}")
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
    body = tag("title", {}, esc(_cue_hover(timing, block, aired, dropped)))
    body += tag(
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
        body += tag(
            "rect",
            {"class": "hatch", "x": x1, "y": y, "width": width, "height": layout.lane_px},
        )
    label = _block_label(cue, width, block.placement)
    if label:
        body += tag("text", {"x": x1 + 3, "y": y + layout.lane_px // 2 + 4}, esc(label))
    if dropped:
        body += tag(
            "line", {"x1": x1, "y1": y + layout.lane_px, "x2": x2, "y2": y, "class": "drop"}
        )
    group = tag(
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
        return tag("a", {"href": url, "target": "_blank", "rel": "noopener"}, group)
    return group


def _block_label(cue: Cue, width: int, placement: Placement) -> str:
    mark = "?" if placement is Placement.UNKNOWN else ""
    whole = f"{cue.number}{mark} {cue.title}"
    if width - 6 >= len(whole) * CHAR_PX:
        return whole
    if width - 6 >= (len(cue.number) + len(mark) + 4) * CHAR_PX:
        return fit(whole, width - 6)
    if width - 4 >= (len(cue.number) + len(mark)) * 6:
        return cue.number + mark
    return ""


def _aired(
    timing: Timing, frame: _Frame, blocks: list[list[Block]], as_run: AiredLane
) -> list[str]:
    """The as-run lane of every row, each aired item joined to its planned cue by a line."""
    layout = frame.layout
    out: list[str] = []
    row_of_last = 0
    by_key = {(b.segment_index, b.cue_index): b for row in blocks for b in row}
    starts = sorted(a.start_ms for a in as_run.cues if a.start_ms is not None)
    for index, aired in enumerate(as_run.cues):
        if aired.plan is not None:
            row_of_last = aired.plan[0]
        if aired.start_ms is None:
            continue
        out.extend(_aired_item(timing, frame, by_key, starts, index, aired, row_of_last))
    for si, ci in as_run.dropped(timing):
        block = by_key[(si, ci)]
        y = frame.row_y(si) + layout.lane_px + 6
        x = (frame.x(block.start_ms) + frame.x(block.end_ms)) // 2
        out.append(
            tag(
                "g",
                {"class": "aired dropped"},
                tag("title", {}, esc(f"Cue {timing.show.segments[si].cues[ci].number} did not air"))
                + tag(
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


@dataclass(slots=True)
class _AiredLook:
    """How an aired block is drawn: its classes, its short text, hover lines and plan link."""

    classes: list[str]
    text: str = ""
    text_class: str = ""
    hover: str = ""
    link: str = ""


def _aired_item(
    timing: Timing,
    frame: _Frame,
    by_key: dict[tuple[int, int], Block],
    starts: list[int],
    index: int,
    aired: AiredCue,
    row: int,
) -> list[str]:
    """One aired item: its block in the aired lane of ``row``, its link and deviation text."""
    assert aired.start_ms is not None
    show = timing.show
    layout = frame.layout
    y = frame.row_y(row) + layout.lane_px + 6
    after_own = bisect.bisect_right(starts, aired.start_ms)
    length = aired.duration_ms
    if length is None:
        length = (
            starts[after_own] - aired.start_ms if after_own < len(starts) else layout.nominal_ms
        )
    x1, x2 = frame.x(aired.start_ms), frame.x(aired.start_ms + length)
    width = max(x2 - x1, 1)
    hover = f"Aired {local(aired.start_ms, show)} ({clock.hhmm_utc(aired.start_ms)}): {aired.title}"
    if aired.duration_ms is not None:
        hover += f"\nDuration {format_rounded_duration(aired.duration_ms)}"
    if aired.plan is None:
        look = _AiredLook(
            ["aired", "extra", "k-other"], "extra", "late", "\nNot in the plan (extra)"
        )
    else:
        look = _aired_against_plan(timing, frame, by_key[aired.plan], aired, (x1, y))
    hover += look.hover
    if aired.note:
        hover += f"\n{aired.note}"
    body = tag("title", {}, esc(hover)) + tag(
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
    if look.text:
        room = (frame.x(starts[after_own]) if after_own < len(starts) else frame.width_px) - x2
        body += _aired_text(look, (x1, x2), room, y + layout.aired_px - 4)
    group = tag("g", {"id": f"aired-{index + 1}", "class": " ".join(look.classes)}, body)
    return [look.link, group] if look.link else [group]


def _aired_against_plan(
    timing: Timing, frame: _Frame, planned: Block, aired: AiredCue, at: tuple[int, int]
) -> _AiredLook:
    """An aired item of the plan: early, late or moved, and the line to its planned block."""
    assert aired.plan is not None and aired.start_ms is not None
    show = timing.show
    layout = frame.layout
    cue = show.segments[aired.plan[0]].cues[aired.plan[1]]
    look = _AiredLook(["aired", f"k-{cue.kind.value}"])
    # Judge lateness against the engine's start when it has one (a cue of unknown
    # length still has a known start); never against a start the layout guessed.
    front = timing.cue(*aired.plan).front_ms
    delta = aired.start_ms - (front if front is not None else planned.start_ms)
    if front is not None and delta > layout.late_tolerance_ms:
        look.text_class = "late"
    elif front is not None and delta < -layout.late_tolerance_ms:
        look.text_class = "early"
    look.text = signed(delta) if look.text_class else ""
    if aired.order is not Order.IN_ORDER:
        look.classes.append(aired.order.value)
        mark = "⇄" if aired.order is Order.SWAPPED else "↷"
        look.text, look.text_class = f"{mark} {look.text}".strip(), "moved"
    if front is not None:
        look.hover = f"\nPlanned cue {cue.number} at {local(front, show)} ({signed(delta)})"
    else:
        look.hover = f"\nPlanned cue {cue.number}, whose planned start is not known"
    if aired.order is not Order.IN_ORDER:
        look.hover += f"\nAired out of its planned order ({aired.order.value})"
    px = frame.x(planned.start_ms)
    py = frame.row_y(planned.segment_index) + layout.lane_px
    x1, y = at
    look.link = tag(
        "line",
        {"class": f"link {look.text_class}".strip(), "x1": px, "y1": py, "x2": x1, "y2": y},
    )
    return look


def _aired_text(look: _AiredLook, span: tuple[int, int], room: int, y: int) -> str:
    """The deviation text after the block when there is ``room`` (px), else inside it, else none."""
    x1, x2 = span
    needed = len(look.text) * 6 + 6
    if room >= needed:
        return tag("text", {"x": x2 + 3, "y": y, "class": look.text_class}, esc(look.text))
    if max(x2 - x1, 1) >= needed:
        css = look.text_class + " inside"
        return tag("text", {"x": x1 + 3, "y": y, "class": css}, esc(look.text))
    return ""


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
    on_air: str = ""
    """How what aired met it, when there is an as-run."""
    on_air_css: str = ""


def _fixed_labels(
    timing: Timing, layout: Layout, width_px: int, as_run: AiredLane | None
) -> list[_Label]:
    """Each fixed point's label, put on the first band where it overlaps no other label."""
    show = timing.show
    on_air = {f.at_ms: f.over_ms for f in as_run.fixed} if as_run is not None else {}
    labels: list[_Label] = []
    level_spans: list[list[tuple[int, int]]] = []
    for point in sorted(timing.fixed, key=lambda p: p.at_ms):
        x = layout.label_px + nearest(
            (point.at_ms - show.start_ms) * layout.px_per_minute, MS_PER_MINUTE
        )
        status, css = fixed_point_status(point)
        if point.reached_ms is not None:
            status = f"reached {local(point.reached_ms, show)} · {status}"
        head = f"{hhmm(point.at_ms, show)} {point.label}"
        aired_text, aired_css = "", ""
        if as_run is not None:
            aired_text, aired_css = _on_air_status(on_air.get(point.at_ms))
        text_px = max(len(head), len(status), len(aired_text)) * CHAR_PX
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
        labels.append(_Label(point, level, anchor, head, status, css, aired_text, aired_css))
    return labels


def _on_air_status(over_ms: int | None) -> tuple[str, str]:
    """(text, css class) of how what aired met a fixed time."""
    if over_ms is None:
        return "on air: not known from the log", "unknown-text"
    if over_ms > 0:
        return f"on air: over by {format_rounded_duration(over_ms)}", "over"
    if over_ms < 0:
        return f"on air: under by {format_rounded_duration(-over_ms)}", "under"
    return "on air: on time", "ontime"


def _fixed_markers(
    timing: Timing,
    frame: _Frame,
    labels: list[_Label],
    labels_top: int,
    band_px: int,
    rows_bottom: int,
) -> list[str]:
    """Vertical markers at every fixed time, with their label and over/under text."""
    out: list[str] = []
    hard_out = timing.hard_out
    if hard_out is not None and frame.end_ms > hard_out.at_ms:
        x1, x2 = frame.x(hard_out.at_ms), frame.x(frame.end_ms)
        out.append(
            tag(
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
        y_label = labels_top + label.level * band_px + 11
        out.append(_fixed_marker(timing.show, frame, n, label, y_label, rows_bottom))
    return out


def _fixed_marker(
    show: Show, frame: _Frame, n: int, label: _Label, y_label: int, rows_bottom: int
) -> str:
    """The ``n``-th fixed point: its line, its label's lines at ``y_label`` and its slip bar."""
    point = label.point
    x = frame.x(point.at_ms)
    is_hard_out = point.segment_index is None
    text_x = x + 4 if label.anchor == "start" else x - 4
    hover = f"{point.label}: {clock.local_text(point.at_ms, show.timezone, show.dated)}"
    hover += f" ({clock.hhmm_utc(point.at_ms)})" if show.dated else ""
    hover += f"\n{label.status}"
    hover += f"\nKnown content since {local(point.previous_ms, show)}: "
    hover += format_rounded_duration(point.known_ms)
    if point.unknown_cues:
        hover += f", and {point.unknown_cues} cue(s) of unknown length"
    body = tag("title", {}, esc(hover))
    body += tag("line", {"x1": x, "y1": y_label - 10, "x2": x, "y2": rows_bottom})
    body += tag(
        "text",
        {"x": text_x, "y": y_label, "text-anchor": label.anchor, "class": "label"},
        esc(label.head),
    )
    body += tag(
        "text",
        {
            "x": text_x,
            "y": y_label + 12,
            "text-anchor": label.anchor,
            "class": "unknown-text" if label.css == "unknown" else label.css,
        },
        esc(label.status),
    )
    if label.on_air:
        body += tag(
            "text",
            {
                "x": text_x,
                "y": y_label + 24,
                "text-anchor": label.anchor,
                "class": label.on_air_css,
            },
            esc(label.on_air),
        )
    if point.reached_ms is not None and point.reached_ms != point.at_ms:
        rx = frame.x(point.reached_ms)
        left, right = min(x, rx), max(x, rx)
        body += tag(
            "rect",
            {
                "class": f"slip {label.css}",
                "x": left,
                "y": frame.top_px - 8,
                "width": max(right - left, 1),
                "height": 3,
            },
        )
    return tag(
        "g",
        {
            "id": "hard-out" if is_hard_out else f"fixed-{n + 1}",
            "class": "fixed hardout" if is_hard_out else "fixed",
            "data-at-ms": point.at_ms,
        },
        body,
    )


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
        tag(
            "text",
            {"x": 8, "y": y + 11, "class": "muted"},
            esc(f"Scale: {layout.px_per_minute} px per minute"),
        )
    ]
    x, line_y = layout.label_px, y
    for css, label in items:
        item_px = 28 + len(label) * CHAR_PX + 16
        if x + item_px > frame.width_px and x > layout.label_px:
            x, line_y = layout.label_px, line_y + 20
        if css == "swatch dropmark":
            body = tag(
                "text",
                {"x": x + 11, "y": line_y + 12, "class": "late", "text-anchor": "middle"},
                "✕",
            )
        else:
            body = tag(
                "rect",
                {"class": "block", "x": x, "y": line_y, "width": 22, "height": 14, "rx": 2},
            )
        if "estimate" in css or "unknown" in css:
            body += tag("rect", {"class": "hatch", "x": x, "y": line_y, "width": 22, "height": 14})
        body += tag("text", {"x": x + 28, "y": line_y + 11}, esc(label))
        out.append(tag("g", {"class": css}, body))
        x += item_px
    return tag("g", {"class": "legend"}, "".join(out)), line_y - y + 20
