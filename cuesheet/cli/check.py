"""``cuesheet check``: a running order's problems, and planned against as-run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from cuesheet.cli.asrunoptions import log_timezone_option
from cuesheet.cli.common import enrich_options, probe, source_options, tolerance_option

EPILOG = """\b
Examples:
  cuesheet check examples/sochi-2014-closing.yaml
  cuesheet check examples/sochi-2014-closing.yaml --as-run examples/sochi-2014-asrun.csv
  cuesheet check show.yaml --strict --ignore TIM008 --json
  cuesheet check show.yaml --as-run asrun.csv --table --log-timezone UTC

\b
Exit codes: 0 no finding at error level, 1 findings at error level
(with --as-run: on-air findings only; --strict: any finding), 2 the input
could not be read.
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
    "--table",
    is_flag=True,
    help="With --as-run: the plan and what aired side by side, cue by cue, after the report.",
)
@log_timezone_option
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
    table: bool,
    log_timezone: str | None,
    tolerance: int,
    **options: Any,
) -> None:
    """Check SOURCE's running order; with --as-run, compare it with what aired."""
    from cuesheet.asrun import logs as asrun
    from cuesheet.asrun.align import align
    from cuesheet.checks import check as run_checks
    from cuesheet.checks import fails
    from cuesheet.checks.registry import select
    from cuesheet.cli.common import enrich, load
    from cuesheet.errors import InputError
    from cuesheet.timing.engine import compute

    try:
        select(ignore)
    except InputError as error:
        raise click.BadParameter(error.message, param_hint="--ignore") from None
    show = enrich(load(source, options), options, source)
    try:
        select(show.ignore_rules)
    except InputError as error:
        raise InputError(f"ignore: {error.message}", path=source) from None
    timing = compute(show)
    alignment = None
    if as_run is not None:
        log = asrun.load(
            as_run, show, load_show=lambda path: load(path, {}), log_timezone=log_timezone
        )
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
    )
    if as_json:
        click.echo(json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2))
    else:
        from cuesheet.checks.report import render_report

        for line in render_report(timing, findings, alignment=alignment, style=_style):
            click.echo(line)
        if table and alignment is not None:
            from cuesheet.asrun.onair import analyse
            from cuesheet.outputs.comparison import render_text

            click.echo("")
            for line in render_text(analyse(alignment, tolerance), style=_style):
                click.echo(line)
    ctx.exit(1 if fails(findings, as_run=as_run is not None, strict=strict) else 0)
