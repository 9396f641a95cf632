"""``cuesheet check``: a running order's problems, and planned against as-run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from cuesheet.cli.common import enrich_options, probe, source_options, tolerance_option

EPILOG = """\b
Examples:
  cuesheet check examples/sochi-2014-closing.yaml
  cuesheet check examples/sochi-2014-closing.yaml --as-run examples/sochi-2014-asrun.csv
  cuesheet check show.yaml --strict --ignore TIM008 --json

\b
Exit codes: 0 no finding at error level, 1 findings at error level
(--strict: any finding), 2 the input could not be read.
Rules and the as-run log columns: docs/checks.md.
"""


def _style(text: str, role: str) -> str:
    colours = {"error": "red", "warning": "yellow", "ok": "green"}
    if role == "heading":
        return click.style(text, bold=True)
    return click.style(text, fg=colours.get(role))


@click.command(epilog=EPILOG)
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--as-run",
    "as_run",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    metavar="LOG",
    help="What aired: a CSV as-run log, an M3U/M3U8/XSPF/CUE playlist, or another show.",
)
@click.option("--strict", is_flag=True, help="Report warnings as errors.")
@click.option(
    "--ignore",
    "ignore",
    multiple=True,
    metavar="CODE",
    help="Turn a rule off, by code (TIM008) or name (unknown-duration); repeatable.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the findings as a JSON list.")
@click.option(
    "--cue-sheet",
    "cue_sheet",
    is_flag=True,
    help="Also check what a CUE sheet cannot hold (always on for a .cue SOURCE).",
)
@tolerance_option
@enrich_options
@source_options
@click.pass_context
def check(
    ctx: click.Context,
    /,
    source: Path,
    as_run: Path | None,
    strict: bool,
    ignore: tuple[str, ...],
    as_json: bool,
    cue_sheet: bool,
    tolerance: int,
    **options: Any,
) -> None:
    """Check SOURCE's running order; with --as-run, compare it with what aired."""
    from cuesheet import asrun
    from cuesheet.align import align
    from cuesheet.checks import check as run_checks
    from cuesheet.checks import has_errors
    from cuesheet.checks.registry import select
    from cuesheet.cli.common import enrich, load
    from cuesheet.errors import InputError
    from cuesheet.timing import compute

    try:
        select(ignore)
    except InputError as error:
        raise click.BadParameter(error.message, param_hint="--ignore") from None
    encoding = options.get("encoding")
    show = enrich(load(source, options), options, source)
    try:
        select(show.ignore_rules)
    except InputError as error:
        raise InputError(f"ignore: {error.message}", path=source) from None
    timing = compute(show)
    alignment = None
    if as_run is not None:
        log = asrun.load(as_run, show, load_show=lambda path: load(path, {}), encoding=encoding)
        alignment = align(show, timing, log)
    findings = run_checks(
        show,
        timing=timing,
        tolerance_ms=tolerance,
        probe=probe,
        base_dir=source.parent,
        alignment=alignment,
        ignore=ignore,
        strict=strict,
        cue_sheet=cue_sheet or source.suffix.lower() == ".cue",
    )
    if as_json:
        click.echo(json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2))
    else:
        from cuesheet.checkreport import render_report

        for line in render_report(timing, findings, alignment=alignment, style=_style):
            click.echo(line)
    ctx.exit(1 if has_errors(findings) else 0)
