"""``cuesheet check``: a running order's problems, and planned against as-run."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from cuesheet.cli.asrunoptions import log_timezone_option
from cuesheet.cli.common import enrich_options, source_options, tolerance_option
from cuesheet.cli.existing import existing_file

if TYPE_CHECKING:
    from cuesheet.checks.pipeline import ReviewOptions
    from cuesheet.enrich.pipeline import EnrichOptions
    from cuesheet.inputs.sources import SourceOptions
    from cuesheet.model import Show

EPILOG = """\b
Examples:
  cuesheet check examples/sochi-2014-closing.yaml
  cuesheet check examples/sochi-2014-closing.yaml --as-run examples/sochi-2014-asrun.csv
  cuesheet check show.yaml --strict --ignore TIM008 --json
  cuesheet check show.yaml --for rapidcue
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
@click.argument("source", type=existing_file())
@click.option(
    "--as-run",
    "as_run",
    type=existing_file(),
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
    "--for",
    "for_profile",
    type=click.Choice(["rights", "generic", "rapidcue", "prs", "soundexchange"]),
    default=None,
    help="Instead: list what each row of this rights sheet lacks (docs/rights.md); "
    "exit 1 when anything does.",
)
@click.option(
    "--table",
    is_flag=True,
    help="With --as-run: the plan and what aired side by side, cue by cue, after the report.",
)
@log_timezone_option
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
    table: bool,
    log_timezone: str | None,
    cue_sheet: bool,
    tolerance: int,
    for_profile: str | None,
    enrichment: EnrichOptions,
    reading: SourceOptions,
) -> None:
    """Check SOURCE's running order; with --as-run, compare it with what aired."""
    from cuesheet.checks.registry import select
    from cuesheet.cli.common import enrich, load
    from cuesheet.errors import InputError
    from playlists._bulk import paused_gc

    try:
        select(ignore)
    except InputError as error:
        raise click.BadParameter(error.message, param_hint="--ignore") from None
    with paused_gc():  # see below
        planned = load(source, reading)
    show = enrich(planned, enrichment, source)
    if for_profile is not None:
        from cuesheet.checks.rights import completeness_of

        lines = completeness_of(
            show,
            for_profile,
            as_run,
            load_show=load,
            log_timezone=log_timezone,
        )
        for line in lines:
            click.echo(line)
        ctx.exit(0 if lines[-1].startswith("0 ") else 1)
    from cuesheet.checks.pipeline import ReviewOptions

    options = ReviewOptions(
        as_run,
        True,
        tolerance,
        ignore,
        strict,
        log_timezone,
        reading.encoding,
        cue_sheet or source.suffix.lower() == ".cue",
    )
    with paused_gc():  # a shuffled log makes tens of thousands of findings, none in a cycle
        _report(ctx, show, source, options, as_json=as_json, table=table)


def _report(
    ctx: click.Context,
    show: Show,
    source: Path,
    options: ReviewOptions,
    *,
    as_json: bool,
    table: bool,
) -> None:
    """Review ``show`` as ``options`` say, print the findings and exit with their code."""
    from cuesheet.checks import fails
    from cuesheet.checks.pipeline import review
    from cuesheet.cli.common import load

    checked = review(show, options, source=source, load_show=load, probe=_probe)
    findings = checked.findings
    if as_json:
        # JSON escapes every control character: nothing for click to strip (4 MB of scan)
        click.echo(_json_list(f.to_json() for f in findings), color=True)
    else:
        from cuesheet.checks.report import render_report

        lines = render_report(checked.timing, findings, alignment=checked.alignment, style=_style)
        click.echo("\n".join(lines))
        if table and checked.alignment is not None:
            from cuesheet.asrun.comparison import render_text
            from cuesheet.asrun.onair import analyse

            table_lines = render_text(
                analyse(checked.alignment, options.tolerance_ms), style=_style
            )
            click.echo("\n".join(["", *table_lines]))
    as_run = options.as_run is not None
    ctx.exit(1 if fails(findings, as_run=as_run, strict=options.strict) else 0)


def _probe(path: Path) -> int | None:
    """:func:`cuesheet.enrich.filelengths.probe`, imported when a cue names a file."""
    from cuesheet.enrich.filelengths import probe

    return probe(path)


def _json_list(items: Iterable[str]) -> str:
    """A JSON array of items already in JSON, one per line."""
    lines = list(items)
    return "[\n  " + ",\n  ".join(lines) + "\n]" if lines else "[]"
