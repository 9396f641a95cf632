"""``check`` and ``timeline`` share this: time a show, align what aired, apply the rules."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cuesheet.asrun.align import Alignment
from cuesheet.asrun.logs import ShowLoader
from cuesheet.checks.context import DEFAULT_TOLERANCE_MS, Probe
from cuesheet.checks.finding import Finding
from cuesheet.errors import InputError
from cuesheet.model import Show
from cuesheet.timing.engine import Timing


@dataclass(frozen=True, slots=True)
class ReviewOptions:
    """What :func:`review` does besides timing the show."""

    as_run: Path | None = None
    """What aired (a CSV as-run log, a playlist or another show); ``None`` for the plan only."""
    run_checks: bool = True
    """Apply the rules (``False``: only time and align)."""
    tolerance_ms: int = DEFAULT_TOLERANCE_MS
    """How far two times may differ before a rule says so, ms."""
    ignore: tuple[str, ...] = ()
    """Rules turned off, by code or name (on top of the show's own ``ignore:``)."""
    strict: bool = False
    """Report warnings as errors."""
    log_timezone: str | None = None
    """The IANA zone the as-run log's times of day are on, when not the show's."""
    encoding: str | None = None
    """The as-run log's text encoding, when not the one recognised."""
    cue_sheet: bool = False
    """A CUE sheet is being made: report what one cannot hold (the ``EXP`` rules)."""


@dataclass(frozen=True, slots=True)
class Review:
    """A show's timing, its alignment with what aired, and the findings."""

    timing: Timing
    alignment: Alignment | None
    findings: tuple[Finding, ...]


def review(
    show: Show,
    options: ReviewOptions,
    *,
    source: Path,
    load_show: ShowLoader | None = None,
    probe: Probe | None = None,
) -> Review:
    """Time ``show`` (read from ``source``), align ``options.as_run`` with it, apply the rules.

    The show's own ``ignore:`` codes are checked here, where the rules are known
    (:class:`InputError` naming ``source`` for an unknown one).  ``load_show`` reads
    a show file given as the as-run log; ``probe`` reads an audio file's length.
    """
    from cuesheet.asrun.pipeline import align_log
    from cuesheet.checks.registry import select
    from cuesheet.checks.run import check
    from cuesheet.timing.engine import compute

    if options.run_checks:
        try:
            select(show.ignore_rules)
        except InputError as error:
            raise InputError(f"ignore: {error.message}", path=source) from None
    timing = compute(show)
    alignment = None
    if options.as_run is not None:
        alignment = align_log(
            show,
            timing,
            options.as_run,
            load_show=load_show,
            log_timezone=options.log_timezone,
            encoding=options.encoding,
        )
    findings: list[Finding] = []
    if options.run_checks:
        findings = check(
            show,
            timing=timing,
            tolerance_ms=options.tolerance_ms,
            probe=probe,
            base_dir=source.parent,
            alignment=alignment,
            ignore=options.ignore,
            strict=options.strict,
            cue_sheet=options.cue_sheet,
        )
    return Review(timing, alignment, tuple(findings))
