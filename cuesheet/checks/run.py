"""Run every check on a show: :func:`check` returns the findings, sorted by place."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from cuesheet.asrun.align import Alignment
from cuesheet.checks.context import DEFAULT_TOLERANCE_MS, Context, Probe
from cuesheet.checks.finding import Finding, Severity
from cuesheet.checks.registry import CHECKS, select
from cuesheet.model import Show
from cuesheet.timing.engine import Timing, compute


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
    warnings as errors.  ``alignment`` (from :func:`cuesheet.asrun.align.align`) adds
    the as-run rules.  ``tolerance_ms`` is in milliseconds.  ``cue_sheet`` adds
    what a CUE sheet cannot hold (the ``EXP`` rules), for a show made into one.
    """
    off = select([*ignore, *show.ignore_rules])
    on_air = None
    if alignment is not None:
        from cuesheet.asrun.onair import analyse

        on_air = analyse(alignment, tolerance_ms)
    ctx = Context(
        show=show,
        timing=timing or compute(show),
        tolerance_ms=tolerance_ms,
        probe=probe,
        base_dir=base_dir,
        alignment=alignment,
        on_air=on_air,
        cue_sheet=cue_sheet,
    )
    findings = [f for run in CHECKS for f in run(ctx) if f.code not in off]
    if strict:
        findings = [f.escalated() for f in findings]
    findings.sort(key=_place)
    return findings


def has_errors(findings: Sequence[Finding], *, on_air_only: bool = False) -> bool:
    """True when any finding is at error level (exit code 1).

    ``on_air_only`` counts only what happened on air: with an as-run log the
    question is how the show went, so plan findings are shown but do not fail
    the check (unless ``--strict`` made every finding an error).
    """
    return any(f.severity is Severity.ERROR and (f.on_air or not on_air_only) for f in findings)


def fails(findings: Sequence[Finding], *, as_run: bool, strict: bool) -> bool:
    """Whether ``cuesheet check`` exits 1: any error; with an as-run log, on-air errors only
    (every finding with ``strict``)."""
    return has_errors(findings, on_air_only=as_run and not strict)
