"""The ``cuesheet check`` report: findings grouped by segment, as lines of text.

Styling is injected (``style(text, role)``; roles ``heading``, ``error``,
``warning``, ``ok``) so the CLI can colour it on a terminal while this module
stays free of terminal code.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from cuesheet.asrun.align import Alignment, CueStatus
from cuesheet.checks.finding import Finding, Severity
from cuesheet.model import Show
from cuesheet.timing import clock
from cuesheet.timing.engine import Timing
from cuesheet.timing.timecode import format_rounded_duration

Style = Callable[[str, str], str]


def _plain(text: str, role: str) -> str:
    return text


def _signed(ms: int) -> str:
    return ("+" if ms > 0 else "-" if ms < 0 else "±") + format_rounded_duration(abs(ms))


def _short(message: str, segment_title: str | None) -> str:
    """The message without the segment it is listed under."""
    if segment_title is None:
        return message
    prefix = f'Segment "{segment_title}", '
    return message[len(prefix) :] if message.startswith(prefix) else message


def _count(findings: Sequence[Finding], severity: Severity) -> str:
    n = sum(1 for f in findings if f.severity is severity)
    return f"{n} {severity.value}{'' if n == 1 else 's'}"


def as_run_summary(alignment: Alignment) -> str:
    """One line: how many cues aired, and what went differently."""
    runs = alignment.runs()
    counts = {status: sum(1 for r in runs if r.status is status) for status in CueStatus}
    aired = len(runs) - counts[CueStatus.MISSING]
    parts = [
        f"{counts[CueStatus.MISSING]} missing",
        f"{len(alignment.extras())} extra",
        f"{counts[CueStatus.MOVED]} moved",
        f"{counts[CueStatus.SWAPPED] // 2} swap(s)",
    ]
    deviations = [
        r.deviation_ms
        for r in runs
        if r.status is CueStatus.IN_ORDER
        and r.deviation_ms is not None
        and r.aired_index is not None
        and not alignment.log.items[r.aired_index].start_derived
    ]
    worst = ""
    if deviations:
        late = max(deviations)
        early = min(deviations)
        worst = f"; start deviation from {_signed(early)} to {_signed(late)}"
    return f"As run: {aired} of {len(runs)} cues aired ({', '.join(parts)}){worst}"


_EFFECT = re.compile(
    r": (\d+(?::\d\d)+) (lost|gained), (?:running \S+ (?:over|under)|back on time)$"
)


def _time_lines(findings: Sequence[Finding], style: Style) -> list[str]:
    """The places where time was gained or lost on air, in the order they happened."""
    changes = sorted(
        (f for f in findings if f.on_air and f.running_ms is not None),
        key=lambda f: f.at_ms if f.at_ms is not None else 0,
    )
    if not changes:
        return ["No time gained or lost on air beyond the tolerance."]
    lines = [
        style("Where the time went on air (lost +, gained -; running over/under after)", "heading")
    ]
    for finding in changes:
        assert finding.running_ms is not None
        message = finding.message
        found = _EFFECT.search(message)
        amount = ""
        if found:
            message = message[: found.start()]
            amount = ("+" if found[2] == "lost" else "-") + found[1]
        running = "on time" if finding.running_ms == 0 else _signed(finding.running_ms)
        lines.append(f"  {amount:>8}  {running:>8}  {_short(message, finding.segment)}")
    return lines


def _groups(
    timing: Timing, findings: Sequence[Finding], style: Style, indent: str = ""
) -> list[str]:
    """Findings under their segment (show-wide ones under "Show")."""
    show = timing.show
    lines: list[str] = []
    groups: dict[int | None, list[Finding]] = {}
    labels: dict[Severity, str] = {}
    for finding in findings:
        groups.setdefault(finding.segment_index, []).append(finding)
    for index, group in groups.items():
        lines.append("")
        if index is None:
            lines.append(indent + style("Show", "heading"))
            title = None
        else:
            segment = show.segments[index]
            title = segment.title
            start = timing.segments[index].start_ms
            when = f" ({clock.hhmmss_local(start, show.timezone)})" if start is not None else ""
            lines.append(indent + style(f'Segment "{segment.title}"{when}', "heading"))
        for finding in group:
            label = labels.get(finding.severity)
            if label is None:  # styled once per severity, not once per finding
                label = labels[finding.severity] = style(
                    f"{finding.severity.value:<7}", finding.severity.value
                )
            lines.append(f"{indent}  {label} {finding.code:<6}  {_short(finding.message, title)}")
    return lines


def _totals(findings: Sequence[Finding]) -> str:
    return f"{_count(findings, Severity.ERROR)}, {_count(findings, Severity.WARNING)}"


def render_report(
    timing: Timing,
    findings: Sequence[Finding],
    *,
    alignment: Alignment | None = None,
    style: Style = _plain,
) -> list[str]:
    """The report as lines: a heading, findings under their segment, a summary.

    With an as-run ``alignment``, two answers: first where the time went on
    air (each place time was gained or lost, with the running over/under after
    it), then the on-air findings, then the plan's own findings.
    """
    show: Show = timing.show
    lines = [
        style(f"Check: {show.title}", "heading"),
        (
            f"{clock.iso_local(show.start_ms, show.timezone)} ({show.timezone})"
            if show.dated
            else f"no date: times run from {clock.hhmmss_local(show.start_ms, show.timezone)} "
            f"({show.timezone})"
        )
        + (f", as-run log {alignment.log.path}" if alignment and alignment.log.path else ""),
    ]
    if alignment is None:
        lines.extend(_groups(timing, findings, style))
        lines.append("")
        if findings:
            role = "error" if any(f.severity is Severity.ERROR for f in findings) else "warning"
            lines.append(style(_totals(findings), role))
        else:
            lines.append(style("No findings.", "ok"))
        return lines
    lines.append(as_run_summary(alignment))
    on_air = [f for f in findings if f.on_air]
    plan = [f for f in findings if not f.on_air]
    lines.append("")
    lines.extend(_time_lines(on_air, style))
    rest = [f for f in on_air if f.running_ms is None]
    lines.append("")
    lines.append(style("On air", "heading"))
    lines.extend(_groups(timing, rest, style, "  ") if rest else ["  Nothing else."])
    lines.append("")
    lines.append(style("Plan", "heading"))
    lines.extend(_groups(timing, plan, style, "  ") if plan else ["  No findings."])
    lines.append("")
    role = "ok"
    if on_air or plan:
        role = "error" if any(f.severity is Severity.ERROR for f in findings) else "warning"
    lines.append(style(f"On air: {_totals(on_air)}. Plan: {_totals(plan)}.", role))
    return lines
