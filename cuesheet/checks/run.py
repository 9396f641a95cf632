"""Run every check on a show: :func:`check` returns the findings, sorted by place."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from cuesheet.align import Alignment
from cuesheet.checks.context import DEFAULT_TOLERANCE_MS, Context, Probe
from cuesheet.checks.finding import Finding, Severity
from cuesheet.checks.registry import CHECKS, select
from cuesheet.model import Show
from cuesheet.timing import Timing, compute


def _place(finding: Finding) -> tuple[int, int]:
    """Show-wide findings first, then by segment, segment-wide before the cues."""
    segment = -1 if finding.segment_index is None else finding.segment_index
    cue = -1 if finding.cue_index is None else finding.cue_index
    return segment, cue


def check(
    show: Show,
    *,
    timing: Timing | None = None,
    tolerance_ms: int = DEFAULT_TOLERANCE_MS,
    probe: Probe | None = None,
    base_dir: Path | None = None,
    alignment: Alignment | None = None,
    ignore: Iterable[str] = (),
    strict: bool = False,
    cue_sheet: bool = False,
) -> list[Finding]:
    """Every finding on ``show``, sorted by segment and cue.

    ``ignore`` and the show's own ``ignore_rules`` turn rules off (codes or
    names; an unknown one raises :class:`InputError`); ``strict`` reports
    warnings as errors.  ``alignment`` (from :func:`cuesheet.align.align`) adds
    the as-run rules.  ``tolerance_ms`` is in milliseconds.  ``cue_sheet`` adds
    what a CUE sheet cannot hold (the ``EXP`` rules), for a show made into one.
    """
    off = select([*ignore, *show.ignore_rules])
    ctx = Context(
        show=show,
        timing=timing or compute(show),
        tolerance_ms=tolerance_ms,
        probe=probe,
        base_dir=base_dir,
        alignment=alignment,
        cue_sheet=cue_sheet,
    )
    findings = [f for run in CHECKS for f in run(ctx) if f.code not in off]
    if strict:
        findings = [f.escalated() for f in findings]
    findings.sort(key=_place)
    return findings


def has_errors(findings: Sequence[Finding]) -> bool:
    """True when any finding is at error level (exit code 1)."""
    return any(f.severity is Severity.ERROR for f in findings)
