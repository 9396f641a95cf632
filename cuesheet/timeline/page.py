"""The self-contained HTML page: heading, the picture, fixed times, as-run and findings.

No script, no external style sheet, font or image: one file to mail or print.
Findings link to the cue they name (``#cue-12``); the targeted block is
outlined (``:target``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from cuesheet.model import Cue, Show
from cuesheet.timeline.markup import cue_ids, esc, fixed_point_status, local, tag
from cuesheet.timeline.model import (
    DEFAULT_LAYOUT,
    MS_PER_MINUTE,
    AiredLane,
    FindingLike,
    Layout,
    Order,
)
from cuesheet.timeline.style import PAGE_STYLE
from cuesheet.timeline.svg import to_svg
from cuesheet.timing import clock
from cuesheet.timing.engine import Timing
from cuesheet.timing.timecode import format_rounded_duration


def to_html(
    timing: Timing,
    *,
    findings: Sequence[FindingLike] = (),
    as_run: AiredLane | None = None,
    layout: Layout = DEFAULT_LAYOUT,
    generator: str = "cuesheet",
) -> str:
    """A self-contained HTML page: heading, the picture, fixed times, and the findings."""
    show = timing.show
    ids = cue_ids(show)
    start = clock.iso_local(show.start_ms, show.timezone)
    offset = clock.utc_offset(show.start_ms, show.timezone)
    meta = [show.venue] if show.venue else []
    if show.dated:
        meta.append(f"{start} ({show.timezone}, {offset}; {clock.hhmm_utc(show.start_ms)})")
    else:
        meta.append(f"no date: times run from {clock.hhmmss_local(show.start_ms, show.timezone)}")
    if timing.end_ms is not None:
        meta.append(f"ends {local(timing.end_ms, show)}")
    cue_count = sum(len(s.cues) for s in show.segments)
    meta.append(f"{len(show.segments)} segments, {cue_count} cues")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light dark">',
        tag("meta", {"name": "generator", "content": generator}),
        tag("title", {}, esc(f"{show.title} — timeline")),
        f"<style>{PAGE_STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        tag("h1", {}, esc(show.title)),
        tag("p", {"class": "meta"}, esc(" · ".join(meta))),
        "</header>",
        "<main>",
        tag(
            "div",
            {"class": "picture"},
            to_svg(timing, as_run=as_run, layout=layout, standalone=False),
        ),
        _fixed_table(timing),
    ]
    if as_run is not None:
        parts.append(_as_run_summary(timing, as_run, ids))
        parts.append(_side_by_side(timing, as_run, ids))
    parts.append(_findings_list(show, findings, ids))
    parts.append(_cue_list(timing))
    parts.append("</main>")
    parts.append(
        tag(
            "footer",
            {},
            esc(
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
            + tag("td", {}, esc(point.label))
            + tag(
                "td",
                {},
                esc(f"{local(point.at_ms, show)} ({clock.hhmm_utc(point.at_ms)})"),
            )
            + tag("td", {}, esc(local(point.reached_ms, show)))
            + tag("td", {"class": css}, esc(status))
            + "</tr>"
        )
    return "<h2>Fixed times</h2>" + tag("table", {"class": "fixed"}, "".join(rows))


def _as_run_summary(timing: Timing, as_run: AiredLane, ids: dict[tuple[int, int], str]) -> str:
    show = timing.show
    dropped = as_run.dropped(timing)
    extra = [a for a in as_run.cues if a.plan is None]
    moved = [a for a in as_run.cues if a.order is not Order.IN_ORDER and a.plan is not None]
    items = []
    for si, ci in dropped:
        cue = show.segments[si].cues[ci]
        items.append(
            tag("li", {}, "Dropped: " + _cue_link(ids[(si, ci)], cue) + esc(f" {cue.title}"))
        )
    for aired in moved:
        assert aired.plan is not None
        cue = show.segments[aired.plan[0]].cues[aired.plan[1]]
        items.append(
            tag(
                "li",
                {},
                f"{aired.order.value.capitalize()}: "
                + _cue_link(ids[aired.plan], cue)
                + esc(f" {cue.title}, aired {local(aired.start_ms, show)}")
                + (esc(f" ({aired.note})") if aired.note else ""),
            )
        )
    for aired in extra:
        items.append(
            tag(
                "li",
                {},
                esc(f"Not in the plan: {aired.title}, aired {local(aired.start_ms, show)}"),
            )
        )
    source = f" ({as_run.source})" if as_run.source else ""
    untimed = sum(1 for a in as_run.cues if a.start_ms is None)
    summary = esc(
        f"{_count(len(as_run.cues), 'item')} aired{source}: "
        f"{_count(len(dropped), 'planned cue')} dropped, "
        f"{len(moved)} out of order, {len(extra)} not in the plan"
        + (f", {untimed} with no time in the log (not drawn)." if untimed else ".")
    )
    return (
        "<h2>As run</h2>" + tag("p", {}, summary) + (tag("ul", {}, "".join(items)) if items else "")
    )


def _side_by_side(timing: Timing, as_run: AiredLane, ids: dict[tuple[int, int], str]) -> str:
    """The plan and what aired, one row per cue: starts, lengths, differences, running."""
    if not as_run.rows:
        return ""
    show = timing.show

    def when(ms: int | None) -> str:
        return "" if ms is None else local(ms, show)

    def length(ms: int | None) -> str:
        return "" if ms is None else format_rounded_duration(ms)

    def signed(ms: int | None) -> str:
        if ms is None:
            return ""
        sign = "+" if ms > 0 else "\u2212"
        return "0:00" if ms == 0 else sign + format_rounded_duration(abs(ms))

    heads = (
        "Cue", "Title", "Planned", "Length", "Aired", "Length",
        "Start \u0394", "Length \u0394", "Running", "Status",
    )  # fmt: skip
    head = "".join(tag("th", {"scope": "col"}, esc(h)) for h in heads)
    body = []
    for row in as_run.rows:
        place = (row.segment_index, row.cue_index)
        number = esc(row.number)
        if row.cue_index is not None and place in ids:
            number = tag("a", {"href": f"#{ids[place]}"}, number)
        aired_length = length(row.aired_length_ms) + ("" if row.length_logged else "~")
        cells = [
            number,
            esc(row.title),
            esc(when(row.planned_start_ms)),
            esc(length(row.planned_length_ms)),
            esc(when(row.aired_start_ms)),
            esc(aired_length if row.aired_length_ms is not None else ""),
            esc(signed(row.start_delta_ms)),
            esc(signed(row.length_delta_ms)),
            esc(signed(row.running_ms)),
            esc(row.status.value),
        ]
        body.append(
            tag(
                "tr", {"class": f"row-{row.status.value}"}, "".join(tag("td", {}, c) for c in cells)
            )
        )
    note = tag(
        "p",
        {},
        esc(
            "\u0394: aired minus planned (+ late or longer). Running: over (+) or under "
            "(\u2212) when the cue ended on air. ~ length to the next item's start (not logged)."
        ),
    )
    table = tag(
        "table",
        {"class": "side-by-side"},
        tag("thead", {}, tag("tr", {}, head)) + tag("tbody", {}, "".join(body)),
    )
    return "<h2>Planned against aired</h2>" + note + table


def _cue_link(element_id: str, cue: Cue) -> str:
    return tag("a", {"href": f"#{element_id}"}, esc(f"cue {cue.number}"))


def _findings_list(
    show: Show, findings: Iterable[FindingLike], ids: dict[tuple[int, int], str]
) -> str:
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
            where = tag("a", {"href": f"#segment-{remark.segment_index + 1}"}, esc(title)) + " "
        severity = str(getattr(remark.severity, "value", remark.severity))
        items.append(
            tag(
                "li",
                {"id": f"finding-{n + 1}", "class": f"sev-{severity}"},
                tag("span", {"class": "sev"}, esc(severity))
                + " "
                + tag("code", {}, esc(remark.code))
                + " "
                + where
                + esc(remark.message),
            )
        )
    return f"<h2>Findings ({len(found)})</h2>" + tag("ol", {"class": "findings"}, "".join(items))


def _count(number: int, noun: str) -> str:
    """``1 planned cue``, ``2 planned cues``."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _cue_list(timing: Timing) -> str:
    """Every cue numbered, with its start and length: shown in print, under the picture."""
    show = timing.show
    items = []
    for si, segment in enumerate(show.segments):
        for ci, cue in enumerate(segment.cues):
            start = timing.cue(si, ci).front_ms
            when = local(start, show) if start is not None else "?"
            length = "?" if cue.duration_ms is None else format_rounded_duration(cue.duration_ms)
            items.append(
                tag(
                    "li",
                    {"value": cue.number} if cue.number.isdigit() else {},
                    tag("span", {"class": "t"}, esc(f"{when} {length}")) + " " + esc(cue.title),
                )
            )
    return tag("ol", {"class": "cue-list"}, "".join(items))
