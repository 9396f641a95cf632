"""``cuesheet compare``: the plan and what aired, side by side, cue by cue."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from cuesheet.cli.asrunoptions import log_timezone_option
from cuesheet.cli.common import enrich_options, source_options, tolerance_option
from cuesheet.cli.existing import existing_file

if TYPE_CHECKING:
    from cuesheet.enrich.pipeline import EnrichOptions
    from cuesheet.inputs.sources import SourceOptions

EPILOG = """\b
Examples:
  cuesheet compare examples/sochi-2014-closing.yaml examples/sochi-2014-asrun.csv
  cuesheet compare show.yaml asrun.csv -o aired.csv
  cuesheet compare show.yaml asrun.csv --format json -o -

\b
One row per planned cue: planned start and length, aired start and length,
the differences, the running over/under, and its status (aired, dropped,
moved, swapped, extra).  Columns: docs/checks.md.
"""

_FORMATS = {".csv": "csv", ".json": "json", ".txt": "text"}


@click.command(epilog=EPILOG)
@click.argument("source", type=existing_file())
@click.argument("log", type=existing_file())
@click.option(
    "-o",
    "--output",
    default="-",
    metavar="OUT",
    help="Output file, or - (default) for the terminal.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["text", "csv", "json"]),
    default=None,
    help="text, csv or json (default: from OUT's extension, else text).",
)
@log_timezone_option
@tolerance_option
@enrich_options
@source_options
def compare(
    source: Path,
    log: Path,
    output: str,
    fmt: str | None,
    log_timezone: str | None,
    tolerance: int,
    enrichment: EnrichOptions,
    reading: SourceOptions,
) -> None:
    """Put SOURCE's plan and the as-run LOG side by side."""
    from cuesheet.asrun.comparison import dumps
    from cuesheet.asrun.onair import compare as compare_log
    from cuesheet.cli.common import enrich, load
    from cuesheet.outputs.atomic import refuse_overwriting_input, write_atomic

    if fmt is None:
        fmt = "text" if output == "-" else _FORMATS.get(Path(output).suffix.lower(), "text")
    if output != "-":
        refuse_overwriting_input(output, source, log)
    show = enrich(load(source, reading), enrichment, source)
    on_air = compare_log(
        show,
        log,
        tolerance_ms=tolerance,
        load_show=load,
        log_timezone=log_timezone,
    )
    text = dumps(on_air, fmt)
    if output == "-":
        click.echo(text, nl=False)
    else:
        write_atomic(output, text)
