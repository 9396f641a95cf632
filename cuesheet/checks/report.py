"""The ``cuesheet check`` report: findings grouped by segment, as lines of text.

Styling is injected (``style(text, role)``; roles ``heading``, ``error``,
``warning``, ``ok``) so the CLI can colour it on a terminal while this module
stays free of terminal code.
"""

from __future__ import annotations

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


def render_report(
    timing: Timing,
    findings: Sequence[Finding],
    *,
    alignment: Alignment | None = None,
    style: Style = _plain,
) -> list[str]:
    """The report as lines: a heading, findings under their segment, a summary."""
    show: Show = timing.show
    lines = [
        style(f"Check: {show.title}", "heading"),
        (
            f"{clock.iso_local(show.start_ms, show.timezone)} ({show.timezone})"
            if show.dated
            else "no date"
        )
        + (f", as-run log {alignment.log.path}" if alignment and alignment.log.path else ""),
    ]
    if alignment is not None:
        lines.append(as_run_summary(alignment))
    groups: dict[int | None, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.segment_index, []).append(finding)
    for index, group in groups.items():
        lines.append("")
        if index is None:
            lines.append(style("Show", "heading"))
            title = None
        else:
            segment = show.segments[index]
            title = segment.title
            start = timing.segments[index].start_ms
            when = f" ({clock.hhmmss_local(start, show.timezone)})" if start is not None else ""
            lines.append(style(f'Segment "{segment.title}"{when}', "heading"))
        for finding in group:
            label = style(f"{finding.severity.value:<7}", finding.severity.value)
            lines.append(f"  {label} {finding.code:<6}  {_short(finding.message, title)}")
    lines.append("")
    if findings:
        summary = f"{_count(findings, Severity.ERROR)}, {_count(findings, Severity.WARNING)}"
        role = "error" if any(f.severity is Severity.ERROR for f in findings) else "warning"
        lines.append(style(summary, role))
    else:
        lines.append(style("No findings.", "ok"))
    return lines
